// The registry and inspection cases on a real database — run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "institutions/rules.hpp"
#include "unit/institutions/institutions_fixture.hpp"

namespace kehou::institutions {
namespace {

using namespace test_support;

class InstitutionServiceTest : public InstitutionsDbTest {
protected:
    /// A 学科类 institution of 任城区 counted in the pre-双减 baseline.
    static Institution Subject(int n) {
        Institution in = InstitutionsDbTest::Subject("370811", n);
        in.in_baseline = true;
        return in;
    }
};

TEST_F(InstitutionServiceTest, RegistersAndFindsWithinTheScopeOnly) {
    const auto a = registry_.Create(county_, Art("370811", 1));
    const auto b = registry_.Create(other_county_, Art("370812", 2));
    EXPECT_EQ(a.unit_name, "任城区");
    EXPECT_EQ(registry_.List(county_, {}).total, 1);
    EXPECT_EQ(registry_.Get(county_, a.id).name, "艺术培训1");
    EXPECT_EQ(ErrorCode([&] { registry_.Get(county_, b.id); }), "institutions.not_found");
    EXPECT_EQ(ErrorCode([&] { registry_.Update(county_, b.id, Art("370812", 2)); }), "institutions.out_of_scope");
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, Art("370812", 3)); }), "institutions.out_of_scope");
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, Art("370811", 1)); }), "institutions.duplicate_credit_code");
}

// RULES R1.10 (non-profit, licensed), R3.4 (a 91 code is an error), R1.11 (qualified staff).
TEST_F(InstitutionServiceTest, SubjectTypeMustBeNonProfitLicensedAndQualified) {
    auto for_profit = Subject(1);
    for_profit.credit_code = CreditCode("91370811MA1000009");
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, for_profit); }), "institutions.credit_prefix_subject_type_for_profit");
    auto unlicensed = Subject(2);
    unlicensed.licence_no.reset();
    unlicensed.licence_date.reset();
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, unlicensed); }), "institutions.subject_needs_licence");
    auto unqualified = Subject(3);
    unqualified.staff = {{0, "李老师", true, std::nullopt}};
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, unqualified); }), "institutions.staff_needs_qualification");
    unqualified.staff[0].qualification_no = "20193700000001";
    EXPECT_EQ(registry_.Create(county_, unqualified).staff.size(), 1u);
}

TEST_F(InstitutionServiceTest, APilotCodeFailingItsChecksumNeedsAnAuditedReason) {
    auto pilot = Art("370811", 4);
    pilot.credit_code = "91350100M0001TGQXM";  // RULES R3.5
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, pilot); }), "institutions.credit_code_checksum");
    pilot.credit_override_reason = "经国家企业信用信息公示系统核实";
    const auto stored = registry_.Create(county_, pilot);
    EXPECT_EQ(stored.credit_override_reason, pilot.credit_override_reason);
    auto garbage = Art("370811", 5);
    garbage.credit_code = "91370811MA10000";  // too short: no override makes a layout right
    garbage.credit_override_reason = "核实";
    EXPECT_EQ(ErrorCode([&] { registry_.Create(county_, garbage); }), "institutions.bad_credit_code");
}

// RULES R6.3: (baseline − current) / baseline against a frozen base.
TEST_F(InstitutionServiceTest, ReductionRateAgainstTheFrozenBaseline) {
    registry_.FreezeBaseline(county_, "370811",
                             {{"", InstitutionCategory::kSubject, Delivery::kOffline, 4, "2021-07-24"}});
    EXPECT_EQ(ErrorCode([&] { registry_.FreezeBaseline(county_, "370811", {{"", InstitutionCategory::kSubject,
                                                                             Delivery::kOffline, 9, "2021-07-24"}}); }),
              "institutions.baseline_frozen");
    const auto kept = registry_.Create(county_, Subject(1));
    auto gone = registry_.Create(county_, Subject(2));
    gone.status = InstitutionStatus::kCancelled;
    registry_.Update(county_, gone.id, gone);
    const auto rows = registry_.Reduction(county_);
    ASSERT_FALSE(rows.empty());
    const auto& cell = rows.front();
    EXPECT_EQ(cell.baseline, 4);
    EXPECT_EQ(cell.current, 1);
    EXPECT_EQ(cell.rate_basis_points, 7500);
    EXPECT_EQ(rows.back().unit_name, "合计");
    EXPECT_TRUE(registry_.Get(county_, kept.id).in_baseline);
}

// RULES R6.5 (the graph, closure on re-inspection evidence), R6.4 (decision with authority and basis).
TEST_F(InstitutionServiceTest, ACaseRunsToClosureAndMovesTheInstitutionsStatus) {
    const auto inst = registry_.Create(county_, Art("370811", 1));
    auto k = cases_.Open(inspector_, {inst.id, "2026-12-07", {}, {}, "举报核查"});
    EXPECT_TRUE(registry_.HasOpenCase(inst.id));
    k = cases_.Act(inspector_, k.id, {CaseEvent::kInspect, "到场", {}, {}, {}});
    k = cases_.Act(inspector_, k.id, {CaseEvent::kFindIssues, "无证开设学科类课程", {}, {}, {}});
    Decision d{DecisionKind::kSuspend, "任城区教育和体育局", "《校外培训行政处罚暂行办法》第十七条",
               *ParseIsoDate("2026-12-04"), *ParseIsoDate("2026-12-31"), {}, {}};
    EXPECT_EQ(ErrorCode([&] { cases_.Act(inspector_, k.id, {CaseEvent::kIssueDecision, "", {}, d, {}}); }),
              "institutions.case_role_forbidden");
    k = cases_.Act(county_, k.id, {CaseEvent::kIssueDecision, "", {}, d, {}});
    EXPECT_EQ(registry_.Get(county_, inst.id).status, InstitutionStatus::kSuspended);
    k = cases_.Act(county_, k.id, {CaseEvent::kFile, "建档立卡", {}, {}, {}});
    k = cases_.Act(inspector_, k.id, {CaseEvent::kStartRectification, "", {}, {}, {}});
    k = cases_.Act(inspector_, k.id, {CaseEvent::kReinspect, "已整改", true, {}, {}});
    // R6.5: no closure without evidence of the re-inspection.
    EXPECT_EQ(ErrorCode([&] { cases_.Act(county_, k.id, {CaseEvent::kClose, "", {}, {}, {}}); }),
              "institutions.case_needs_reinspection");
    k = cases_.Act(inspector_, k.id, {CaseEvent::kResumeRectification, "补充材料", {}, {}, {}});
    const auto photo = cases_.Upload(inspector_, k.id, "现场.png", Png("after"));
    k = cases_.Act(inspector_, k.id, {CaseEvent::kReinspect, "已整改", true, {}, {photo.id}});
    // 销号 is the bureau's decision, not the inspector's.
    EXPECT_EQ(ErrorCode([&] { cases_.Act(inspector_, k.id, {CaseEvent::kClose, "", {}, {}, {}}); }),
              "institutions.case_role_forbidden");
    k = cases_.Act(county_, k.id, {CaseEvent::kClose, "销号", {}, {}, {}});
    EXPECT_EQ(k.state, CaseState::kClosed);
    EXPECT_TRUE(k.closed_at.has_value());
    EXPECT_EQ(k.events.size(), 10u);  // open + nine steps
    EXPECT_EQ(registry_.Get(county_, inst.id).status, InstitutionStatus::kOperating);
    EXPECT_FALSE(registry_.HasOpenCase(inst.id));
    // The dossier of a closed case is final: nothing is added to it afterwards.
    EXPECT_EQ(ErrorCode([&] { cases_.Upload(inspector_, k.id, "later.png", Png("late")); }), "institutions.case_closed");
}

TEST_F(InstitutionServiceTest, IllegalStepsAreRefusedAndChangeNothing) {
    const auto inst = registry_.Create(county_, Art("370811", 1));
    const auto k = cases_.Open(inspector_, {inst.id, "2026-12-07", {}, {}, ""});
    try {
        cases_.Act(inspector_, k.id, {CaseEvent::kClose, "", {}, {}, {}});
        FAIL() << "closing a scheduled case must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 409);
        EXPECT_NE(e.message_zh().find("待核查"), std::string::npos) << e.message_zh();
    }
    const auto again = cases_.Get(inspector_, k.id);
    EXPECT_EQ(again.state, CaseState::kScheduled);
    EXPECT_EQ(again.events.size(), 1u);
    EXPECT_EQ(ErrorCode([&] { cases_.Get(other_county_, k.id); }), "institutions.case_not_found");
    EXPECT_EQ(ErrorCode([&] { cases_.Act(other_county_, k.id, {CaseEvent::kInspect, "", {}, {}, {}}); }),
              "institutions.out_of_scope");
}

// RULES R6.5: evidence of each step, kept unaltered (content-addressed).
TEST_F(InstitutionServiceTest, EvidenceIsCheckedByItsBytesAndStoredOnceByHash) {
    const auto inst = registry_.Create(county_, Art("370811", 1));
    const auto k = cases_.Open(inspector_, {inst.id, "2026-12-07", {}, {}, ""});
    EXPECT_EQ(ErrorCode([&] { cases_.Upload(inspector_, k.id, "x.png", "MZ\x90\x00 not a photo"); }),
              "institutions.evidence_type");
    EXPECT_EQ(ErrorCode([&] { cases_.Upload(inspector_, k.id, "big.pdf", "%PDF-" + std::string(kMaxEvidenceBytes, 'x')); }),
              "institutions.evidence_size");
    const auto a = cases_.Upload(inspector_, k.id, "../../etc/a.png", Png("same"));
    const auto b = cases_.Upload(inspector_, k.id, "b.png", Png("same"));
    EXPECT_EQ(a.sha256, b.sha256);
    EXPECT_EQ(a.sha256, crypto::Sha256(Png("same")));
    EXPECT_EQ(a.file_name, "a.png");
    const auto [meta, bytes] = cases_.Download(county_, b.id);
    EXPECT_EQ(bytes, Png("same"));
    EXPECT_EQ(meta.mime, "image/png");
    EXPECT_EQ(ErrorCode([&] { cases_.Download(other_county_, a.id); }), "institutions.evidence_not_found");
}

TEST_F(InstitutionServiceTest, TheSweepMarksCasesPastTheirDeadlineOverdueOnce) {
    const auto inst = registry_.Create(county_, Art("370811", 1));
    auto k = cases_.Open(inspector_, {inst.id, "2026-12-01", {}, {}, ""});
    cases_.Act(inspector_, k.id, {CaseEvent::kInspect, "", {}, {}, {}});
    cases_.Act(inspector_, k.id, {CaseEvent::kFindIssues, "", {}, {}, {}});
    const Decision d{DecisionKind::kRectifyByDate, "任城区教育和体育局", "《校外培训行政处罚暂行办法》",
                     *ParseIsoDate("2026-12-02"), *ParseIsoDate("2026-12-10"), {}, {}};
    cases_.Act(county_, k.id, {CaseEvent::kIssueDecision, "", {}, d, {}});
    EXPECT_EQ(cases_.SweepOverdue("2026-12-10"), 0);  // the deadline day itself is still in time
    EXPECT_EQ(cases_.SweepOverdue("2026-12-11"), 1);
    EXPECT_EQ(cases_.SweepOverdue("2026-12-11"), 0);
    k = cases_.Get(county_, k.id);
    EXPECT_EQ(k.state, CaseState::kOverdue);
    EXPECT_EQ(k.events.back().actor_role, "system");
}

ComplaintIntake Intake(const std::string& unit, std::optional<std::int64_t> institution) {
    ComplaintIntake in;
    in.unit_code = unit;
    in.channel = ComplaintChannel::kPhone;
    in.contact = "139-1234-5678";
    in.institution_id = institution;
    in.operator_address = institution ? std::nullopt : std::optional<std::string>("任城区某小区 3 号楼");
    in.content = "周六上午在小区内开设初二数学辅导班";
    return in;
}

TEST_F(InstitutionServiceTest, AComplaintIsDueInWorkingDaysAcrossTheHolidays) {
    auto in = Intake("370811", std::nullopt);
    in.received_at = "2026-09-30T20:00:00+08:00";  // the evening before 国庆
    const auto k = complaints_.Record(county_, in);
    // 1–7 Oct are off, 10 Oct (Sat) is a make-up working day, 11 Oct (Sun) is not: 8, 9, 10, 12, 13 Oct.
    EXPECT_EQ(k.due_date, "2026-10-13");
    EXPECT_TRUE(k.overdue) << "still open long after its due date";
    EXPECT_EQ(k.contact_masked, "139****5678");
    EXPECT_EQ(complaints_.RevealContact(county_, k.id), "13912345678");
    EXPECT_EQ(complaints_.List(county_, {std::nullopt, true, false, 1, 50}).total, 1);
}

TEST_F(InstitutionServiceTest, ComplaintsAreCheckedAssignedToTheCountysInspectorAndClosedOnce) {
    auto anonymous = Intake("370811", std::nullopt);
    anonymous.anonymous = true;
    EXPECT_EQ(ErrorCode([&] { complaints_.Record(county_, anonymous); }), "institutions.anonymous_contact");
    auto vague = Intake("370811", std::nullopt);
    vague.operator_address.reset();
    EXPECT_EQ(ErrorCode([&] { complaints_.Record(county_, vague); }), "institutions.complaint_target");
    const auto elsewhere = registry_.Create(other_county_, Art("370812", 2));
    EXPECT_EQ(ErrorCode([&] { complaints_.Record(county_, Intake("370811", elsewhere.id)); }),
              "institutions.complaint_institution");

    const auto k = complaints_.Submit(Intake("370811", std::nullopt));
    EXPECT_EQ(k.channel, ComplaintChannel::kWeb);
    EXPECT_FALSE(k.overdue);
    EXPECT_EQ(ErrorCode([&] { complaints_.Assign(inspector_, k.id, inspector_.user_id); }),
              "institutions.assign_forbidden");
    EXPECT_EQ(ErrorCode([&] { complaints_.Assign(county_, k.id, other_county_.user_id); }),
              "institutions.not_an_inspector");
    const auto assigned = complaints_.Assign(county_, k.id, inspector_.user_id);
    EXPECT_EQ(assigned.status, ComplaintStatus::kAssigned);
    EXPECT_EQ(complaints_.List(inspector_, {std::nullopt, false, true, 1, 50}).total, 1);
    const auto closed = complaints_.Close(inspector_, k.id, "已现场核查，责令停止违规培训");
    EXPECT_EQ(closed.status, ComplaintStatus::kClosed);
    EXPECT_EQ(ErrorCode([&] { complaints_.Close(county_, k.id, "再次办结一次"); }), "institutions.complaint_closed");
    EXPECT_EQ(ErrorCode([&] { complaints_.Get(other_county_, k.id); }), "institutions.complaint_not_found");
}

ScheduledSession Lesson(const char* date, int start, int end, Delivery delivery, InstitutionCategory category) {
    return {*ParseIsoDate(date), start, end, delivery, category, "初二数学"};
}

// RULES R1.11 (no 学科类 on rest days or in vacations), R1.12 (online lessons ≤ 30 min).
TEST_F(InstitutionServiceTest, AFiledScheduleIsCheckedAgainstTheCountysCalendarAndKept) {
    const auto inst = registry_.Create(county_, Subject(1));
    const auto subject = InstitutionCategory::kSubject;
    const auto filed = schedules_.File(county_, inst.id, "冬季课表",
                                       {Lesson("2026-12-07", 18 * 60, 19 * 60, Delivery::kOffline, subject),    // Monday: fine
                                        Lesson("2026-12-12", 9 * 60, 10 * 60, Delivery::kOffline, subject),     // Saturday
                                        Lesson("2026-12-08", 20 * 60, 20 * 60 + 31, Delivery::kOnline, subject)});  // 31 min
    EXPECT_EQ(filed.violations, 2);
    EXPECT_TRUE(filed.sessions[0].violations.empty());
    ASSERT_EQ(filed.sessions[1].violations.size(), 1u);
    ASSERT_FALSE(filed.sessions[2].violations.empty());
    EXPECT_EQ(schedules_.List(county_, inst.id).at(0).violations, 2);
    EXPECT_EQ(schedules_.Get(inspector_, filed.id).sessions.size(), 3u);

    // A county's own winter vacation makes a Monday lesson in it a violation; the city's defaults elsewhere.
    schedules_.SetVacations(county_, "370811", {{*ParseIsoDate("2026-12-01"), *ParseIsoDate("2026-12-31"), "试点寒假"}});
    EXPECT_EQ(schedules_.Get(county_, filed.id).sessions[0].violations.size(), 1u);
    EXPECT_EQ(schedules_.Calendar(other_county_, "370812").vacations.size(), Calendar2026().vacations.size());
    EXPECT_EQ(ErrorCode([&] { schedules_.SetVacations(county_, "370812", {}); }), "institutions.out_of_scope");
    EXPECT_EQ(ErrorCode([&] { schedules_.SetDay(county_, "2026-12-07", "holiday", ""); }),
              "institutions.calendar_city_only");
    EXPECT_EQ(ErrorCode([&] { schedules_.Get(other_county_, filed.id); }), "institutions.schedule_not_found");
}

}  // namespace
}  // namespace kehou::institutions
