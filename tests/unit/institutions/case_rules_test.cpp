// The inspection-case state machine and decisions, RULES R6.4–R6.5 and issue 6 point 3: every legal and
// every illegal transition, role refusals, the re-inspection required to close.
#include "institutions/case_rules.hpp"

#include <gtest/gtest.h>

#include <map>

namespace kehou::institutions {
namespace {

using S = CaseState;
using E = CaseEvent;

Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const Reinspection kPassed{D(2026, 4, 20), true, 2, "已整改到位"};

/// The graph as issue 6 point 3 and case_rules.hpp draw it, written out independently of the table.
const std::map<std::pair<S, E>, S>& Expected() {
    static const std::map<std::pair<S, E>, S> edges = {
        {{S::kScheduled, E::kInspect}, S::kInspected},
        {{S::kInspected, E::kFindNoIssue}, S::kClosedNoIssue},
        {{S::kInspected, E::kFindIssues}, S::kIssuesFound},
        {{S::kIssuesFound, E::kIssueDecision}, S::kDecisionIssued},
        {{S::kDecisionIssued, E::kFile}, S::kFiled},
        {{S::kFiled, E::kStartRectification}, S::kRectifying},
        {{S::kRectifying, E::kReinspect}, S::kReinspected},
        {{S::kReinspected, E::kClose}, S::kClosed},
        {{S::kReinspected, E::kResumeRectification}, S::kRectifying},
        {{S::kReinspected, E::kFindUnresolved}, S::kOverdue},
        {{S::kDecisionIssued, E::kMarkOverdue}, S::kOverdue},
        {{S::kFiled, E::kMarkOverdue}, S::kOverdue},
        {{S::kRectifying, E::kMarkOverdue}, S::kOverdue},
        {{S::kOverdue, E::kReinspect}, S::kReinspected},
        {{S::kOverdue, E::kEscalate}, S::kEscalated},
        {{S::kEscalated, E::kIssueDecision}, S::kDecisionIssued},
    };
    return edges;
}

Error Refusal(S from, E event, Role role, const std::optional<Reinspection>& r = kPassed) {
    try {
        NextCaseState(from, event, role, r);
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("accepted");
}

TEST(InstitutionCaseTest, TheTableIsExactlyTheDocumentedGraph) {
    std::map<std::pair<S, E>, S> table;
    for (const auto& t : CaseTransitions()) EXPECT_TRUE(table.emplace(std::pair{t.from, t.event}, t.to).second);
    EXPECT_EQ(table, Expected());
}

TEST(InstitutionCaseTest, EveryLegalTransitionLeadsWhereTheGraphSays) {
    for (const auto& [edge, to] : Expected()) {
        // The district section chief may take every step; the result is the documented state.
        EXPECT_EQ(NextCaseState(edge.first, edge.second, Role::kDistrictAdmin, kPassed), to)
            << ToString(edge.first) << " --" << ToString(edge.second) << "-->";
    }
}

TEST(InstitutionCaseTest, EveryIllegalTransitionIsA409NamingTheCurrentState) {
    int illegal = 0;
    for (S from : AllValues<S>())
        for (E event : AllValues<E>()) {
            if (Expected().contains({from, event})) continue;
            ++illegal;
            const Error e = Refusal(from, event, Role::kCityAdmin);
            EXPECT_EQ(e.http_status(), 409) << ToString(from) << " " << ToString(event);
            EXPECT_EQ(e.code(), "institutions.case_illegal_transition");
            EXPECT_EQ(e.field(), "state");
            EXPECT_NE(e.message_en().find(std::string(ToString(from))), std::string::npos) << e.message_en();
            EXPECT_NE(e.message_zh().find(std::string(LabelZh(from))), std::string::npos) << e.message_zh();
            ASSERT_FALSE(e.details().empty());
            EXPECT_EQ(std::get<std::string>(e.details()[0].second), ToString(from));
        }
    EXPECT_EQ(illegal, 11 * 12 - 16);
}

TEST(InstitutionCaseTest, TerminalStatesAcceptNothing) {
    for (E event : AllValues<E>()) {
        EXPECT_EQ(Refusal(S::kClosed, event, Role::kCityAdmin).code(), "institutions.case_illegal_transition");
        EXPECT_EQ(Refusal(S::kClosedNoIssue, event, Role::kCityAdmin).code(), "institutions.case_illegal_transition");
    }
    // A sample spelled out: a filed case cannot be closed before it is re-inspected.
    const Error e = Refusal(S::kFiled, E::kClose, Role::kDistrictAdmin);
    EXPECT_EQ(e.message_zh(), "案件当前状态为“已建档立卡”，不能执行“销号”");
}

TEST(InstitutionCaseTest, RolesFieldWorkForInspectorsDecisionsForTheBureau) {
    EXPECT_EQ(NextCaseState(S::kScheduled, E::kInspect, Role::kInspector), S::kInspected);
    EXPECT_EQ(NextCaseState(S::kRectifying, E::kReinspect, Role::kInspector), S::kReinspected);
    for (auto [from, event] : {std::pair{S::kIssuesFound, E::kIssueDecision}, std::pair{S::kReinspected, E::kClose},
                               std::pair{S::kOverdue, E::kEscalate}, std::pair{S::kEscalated, E::kIssueDecision}}) {
        const Error e = Refusal(from, event, Role::kInspector);
        EXPECT_EQ(e.http_status(), 403) << ToString(event);
        EXPECT_EQ(e.code(), "institutions.case_role_forbidden");
        EXPECT_NE(e.message_en().find(std::string(ToString(from))), std::string::npos);
    }
    for (Role r : {Role::kSchoolAdmin, Role::kTeacher, Role::kGuardian, Role::kProvider})
        EXPECT_EQ(Refusal(S::kScheduled, E::kInspect, r).http_status(), 403) << RoleName(r);
    EXPECT_EQ(NextCaseState(S::kReinspected, E::kClose, Role::kCityAdmin, kPassed), S::kClosed);
}

TEST(InstitutionCaseTest, ClosingNeedsAPassedReinspectionWithEvidence) {
    EXPECT_EQ(Refusal(S::kReinspected, E::kClose, Role::kDistrictAdmin, std::nullopt).code(),
              "institutions.case_needs_reinspection");
    Reinspection r = kPassed;
    r.passed = false;
    EXPECT_EQ(Refusal(S::kReinspected, E::kClose, Role::kDistrictAdmin, r).http_status(), 422);
    r = kPassed;
    r.evidence_count = 0;
    EXPECT_EQ(Refusal(S::kReinspected, E::kClose, Role::kDistrictAdmin, r).field(), "reinspection");
    r.evidence_count = 1;
    EXPECT_EQ(NextCaseState(S::kReinspected, E::kClose, Role::kDistrictAdmin, r), S::kClosed);
}

TEST(InstitutionCaseTest, ACaseWalksFromSchedulingThroughEscalationToClosure) {
    S s = S::kScheduled;
    const std::pair<E, Role> steps[] = {
        {E::kInspect, Role::kInspector},
        {E::kFindIssues, Role::kInspector},
        {E::kIssueDecision, Role::kDistrictAdmin},
        {E::kFile, Role::kInspector},
        {E::kStartRectification, Role::kInspector},
        {E::kMarkOverdue, Role::kInspector},
        {E::kEscalate, Role::kDistrictAdmin},
        {E::kIssueDecision, Role::kDistrictAdmin},
        {E::kFile, Role::kInspector},
        {E::kStartRectification, Role::kInspector},
        {E::kReinspect, Role::kInspector},
        {E::kClose, Role::kDistrictAdmin},
    };
    for (const auto& [event, role] : steps) {
        EXPECT_TRUE(CaseIsOpen(s)) << ToString(s);
        s = NextCaseState(s, event, role, kPassed);
    }
    EXPECT_EQ(s, S::kClosed);
    EXPECT_FALSE(CaseIsOpen(s));
}

TEST(InstitutionCaseTest, OpenCasesAndTheDeadlineSweep) {
    for (S s : AllValues<S>()) EXPECT_EQ(CaseIsOpen(s), s != S::kClosed && s != S::kClosedNoIssue) << ToString(s);
    EXPECT_EQ(NextCaseStateAutomatic(S::kRectifying, E::kMarkOverdue), S::kOverdue);
    EXPECT_THROW(NextCaseStateAutomatic(S::kReinspected, E::kClose), Error);
    EXPECT_THROW(NextCaseStateAutomatic(S::kOverdue, E::kEscalate), Error);
    const Date by = D(2026, 3, 10);
    EXPECT_FALSE(RectificationOverdue(S::kRectifying, by, D(2026, 3, 10)));  // the deadline day is in time
    EXPECT_TRUE(RectificationOverdue(S::kRectifying, by, D(2026, 3, 11)));
    EXPECT_TRUE(RectificationOverdue(S::kFiled, by, D(2026, 3, 11)));
    EXPECT_FALSE(RectificationOverdue(S::kReinspected, by, D(2026, 3, 11)));
    EXPECT_FALSE(RectificationOverdue(S::kRectifying, std::nullopt, D(2026, 3, 11)));
}

TEST(InstitutionCaseTest, AllowedEventsAreTheButtonsARoleSees) {
    EXPECT_EQ(AllowedCaseEvents(S::kReinspected, Role::kInspector),
              (std::vector<E>{E::kResumeRectification, E::kFindUnresolved}));
    EXPECT_EQ(AllowedCaseEvents(S::kReinspected, Role::kDistrictAdmin),
              (std::vector<E>{E::kClose, E::kResumeRectification, E::kFindUnresolved}));
    EXPECT_TRUE(AllowedCaseEvents(S::kScheduled, Role::kGuardian).empty());
    EXPECT_TRUE(AllowedCaseEvents(S::kClosed, Role::kCityAdmin).empty());
}

Decision Rectify() {
    return {DecisionKind::kRectifyByDate,
            "任城区教育和体育局",
            "《校外培训行政处罚暂行办法》第十八条",
            D(2026, 3, 2),
            D(2026, 3, 31),
            std::nullopt,
            std::nullopt};
}

std::string DecisionCode(const Decision& d, S from = S::kIssuesFound) {
    try {
        ValidateDecision(d, from);
    } catch (const Error& e) {
        return e.code() + "@" + e.field();
    }
    return "accepted";
}

TEST(InstitutionCaseTest, DecisionsNameAuthorityBasisDeadlineAndPenalty) {
    EXPECT_EQ(DecisionCode(Rectify()), "accepted");
    Decision d = Rectify();
    d.issuing_authority.clear();
    EXPECT_EQ(DecisionCode(d), "institutions.decision_missing_authority@issuing_authority");
    d = Rectify();
    d.legal_basis.clear();
    EXPECT_EQ(DecisionCode(d), "institutions.decision_missing_legal_basis@legal_basis");
    d = Rectify();
    d.rectify_by = d.issued_on;
    EXPECT_EQ(DecisionCode(d), "institutions.decision_bad_deadline@rectify_by");
    d.kind = DecisionKind::kSuspend;
    d.rectify_by.reset();
    EXPECT_EQ(DecisionCode(d), "institutions.decision_bad_deadline@rectify_by");
    d = Rectify();
    d.kind = DecisionKind::kPenalty;
    EXPECT_EQ(DecisionCode(d), "institutions.decision_missing_penalty@penalty");
    d.penalty = PenaltyKind::kFine;
    EXPECT_EQ(DecisionCode(d), "institutions.decision_bad_fine@fine_fen");
    d.fine_fen = 5'000'000;
    EXPECT_EQ(DecisionCode(d), "accepted");
    // After escalation only a stronger decision will do.
    EXPECT_EQ(DecisionCode(Rectify(), S::kEscalated), "institutions.decision_too_weak@kind");
    EXPECT_EQ(DecisionCode(d, S::kEscalated), "accepted");
}

TEST(InstitutionCaseTest, DecisionsMoveTheRegistryStatusOnlyTowardsHarsher) {
    using IS = InstitutionStatus;
    Decision d = Rectify();
    EXPECT_EQ(StatusAfterDecision(IS::kOperating, d), IS::kRectifying);
    EXPECT_EQ(StatusAfterDecision(IS::kSuspended, d), IS::kSuspended);
    d.kind = DecisionKind::kSuspend;
    EXPECT_EQ(StatusAfterDecision(IS::kRectifying, d), IS::kSuspended);
    d.kind = DecisionKind::kPenalty;
    d.penalty = PenaltyKind::kRevokeLicence;
    EXPECT_EQ(StatusAfterDecision(IS::kOperating, d), IS::kClosed);
    d.kind = DecisionKind::kClose;
    EXPECT_EQ(StatusAfterDecision(IS::kCancelled, d), IS::kCancelled);
    EXPECT_EQ(StatusAfterCaseClosed(IS::kSuspended), IS::kOperating);
    EXPECT_EQ(StatusAfterCaseClosed(IS::kRectifying), IS::kOperating);
    EXPECT_EQ(StatusAfterCaseClosed(IS::kClosed), IS::kClosed);
}

}  // namespace
}  // namespace kehou::institutions
