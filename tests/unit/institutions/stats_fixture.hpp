#pragma once
// The statistics tests' data set (stats_test.cpp): a small registry, cases, complaints and escrow orders built
// through the services, their clock moved back with plain UPDATEs (the services stamp "now").

#include <gtest/gtest.h>
#include <zip.h>

#include <functional>

#include "core/time.hpp"
#include "institutions/rules.hpp"
#include "institutions/stats_service.hpp"
#include "unit/institutions/institutions_fixture.hpp"

namespace kehou::institutions::stats_test {

using namespace test_support;

inline constexpr db::Query kCaseOpenedAt{"test.case_opened_at", "UPDATE inst_case SET opened_at = $2 WHERE id = $1"};
inline constexpr db::Query kComplaintClosedAt{"test.complaint_closed_at",
                                              "UPDATE inst_complaint SET closed_at = $2 WHERE id = $1"};
inline constexpr db::Query kAddOrder{
    "test.add_order",
    "INSERT INTO inst_order (institution_id, org_path, contract_no, payer_name, payer_mobile_masked,"
    " payer_mobile_sealed, payer_mobile_hash, course_title, class_hours, unit_price_fen, amount_fen, start_date,"
    " end_date, paid_on, escrow_mode, status, created_at) VALUES ($1, $2, $3, '王芳', '138****8000', $4, $5,"
    " '少儿美术', $6, $7, $8, '2026-09-01', '2026-11-30', '2026-09-01', 'bank_escrow', 'escrowed',"
    " '2026-09-01T10:00:00+08:00') RETURNING id"};
inline constexpr db::Query kAddEntry{
    "test.add_entry",
    "INSERT INTO inst_escrow_entry (order_id, seq, kind, hours, amount_fen, at, on_date, note)"
    " VALUES ($1, $2, $3, $4, $5, '2026-09-01T10:00:00+08:00', '2026-09-01', '')"};

inline constexpr const char* kToday = "2026-12-10";
inline const StatsPeriod kYear{"2026-03-01", "2026-12-31"};

inline Date D(const char* iso) {
    return *ParseIsoDate(iso);
}

/// One file of a zip archive (an .xlsx part), for looking at what the reader of the first sheet cannot see.
inline std::string ZipEntry(const std::string& archive, const char* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
    if (!z) {
        if (src) zip_source_free(src);
        return {};
    }
    std::string out;
    if (zip_file_t* f = zip_fopen(z, name, 0)) {
        char buf[4096];
        for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    zip_close(z);
    return out;
}

class InstitutionStatsTest : public InstitutionsDbTest {
protected:
    Institution WithStatus(const Principal& p, Institution in, InstitutionStatus status) {
        auto stored = registry_.Create(p, std::move(in));
        stored.status = status;
        return registry_.Update(p, stored.id, stored);
    }

    void Backdate(std::int64_t case_id, const std::string& opened_at) {
        auto c = tdb_.database().Acquire();
        c->Execute(kCaseOpenedAt, {case_id, opened_at});
    }

    InspectionCase Step(const Principal& p, std::int64_t id, CaseEvent e) {
        return cases_.Act(p, id, {e, "", {}, {}, {}});
    }

    // Inspected, issues found, a rectification decision with a deadline, filed (建档立卡).
    InspectionCase Filed(std::int64_t institution, const char* issued, const char* rectify_by) {
        auto k = cases_.Open(inspector_, {institution, "2026-12-07", {}, {}, ""});
        Step(inspector_, k.id, CaseEvent::kInspect);
        Step(inspector_, k.id, CaseEvent::kFindIssues);
        const Decision d{DecisionKind::kRectifyByDate,
                         "任城区教育和体育局",
                         "《校外培训行政处罚暂行办法》第十七条",
                         D(issued),
                         D(rectify_by),
                         {},
                         {}};
        cases_.Act(county_, k.id, {CaseEvent::kIssueDecision, "", {}, d, {}});
        return Step(county_, k.id, CaseEvent::kFile);
    }

    /// The registry, baselines and cases below; returns nothing, the expectations are the tests'.
    void BuildRegistryAndCases() {
        // 任城区 (A): six institutions. The two cases with a decision move theirs to rectifying (R6.5).
        a1_ = registry_.Create(county_, Art("370811", 1));                                      // operating
        WithStatus(county_, Art("370811", 2), InstitutionStatus::kClosed);                      // closed
        const auto a3 = WithStatus(county_, Art("370811", 3), InstitutionStatus::kRectifying);  // rectifying
        const auto s4 = registry_.Create(county_, Art("370811", 4, InstitutionCategory::kNonSubjectSport));
        const auto j5 = registry_.Create(county_, Subject("370811", 5, Delivery::kOffline));
        WithStatus(county_, Subject("370811", 6, Delivery::kOffline), InstitutionStatus::kCancelled);  // cancelled
        registry_.FreezeBaseline(county_, "370811",
                                 {{"", InstitutionCategory::kSubject, Delivery::kOffline, 4, "2021-07-24"},
                                  {"", InstitutionCategory::kNonSubjectArt, Delivery::kOffline, 3, "2021-07-24"}});
        // 兖州区 (B): MoE's online 学科类 figure, 263 → 34; one more closed, one art school suspended.
        for (int n = 1; n <= 34; ++n) registry_.Create(other_county_, Subject("370812", 100 + n, Delivery::kOnline));
        WithStatus(other_county_, Subject("370812", 199, Delivery::kOnline), InstitutionStatus::kClosed);
        b_art_ = WithStatus(other_county_, Art("370812", 200), InstitutionStatus::kSuspended);
        registry_.FreezeBaseline(other_county_, "370812",
                                 {{"", InstitutionCategory::kSubject, Delivery::kOnline, 263, "2021-07-24"}});

        // Cases, aged as of 2026-12-10: 7, 31, 8 and 91 days in A; 0 days in B.
        const auto k1 = cases_.Open(inspector_, {a1_.id, "2026-12-07", {}, {}, ""});  // scheduled
        Backdate(k1.id, "2026-12-03T09:00:00+08:00");
        const auto k2 = Filed(s4.id, "2026-11-10", "2026-12-09");  // deadline passed the day before
        Step(inspector_, k2.id, CaseEvent::kStartRectification);   // rectifying
        Backdate(k2.id, "2026-11-09T10:00:00+08:00");
        const auto k3 = cases_.Open(inspector_, {a3.id, "2026-12-07", {}, {}, ""});
        Step(inspector_, k3.id, CaseEvent::kInspect);
        Step(inspector_, k3.id, CaseEvent::kFindNoIssue);  // closed_no_issue
        Backdate(k3.id, "2026-12-02T23:59:59+08:00");
        const auto k4 = Filed(j5.id, "2026-09-15", kToday);  // the deadline day itself is still in time
        Backdate(k4.id, "2026-09-10T08:00:00+08:00");
        const auto k5 = cases_.Open(other_county_, {b_art_.id, "2026-12-11", {}, {}, ""});
        Backdate(k5.id, "2026-12-10T00:00:00+08:00");
    }

    Complaint Letter(const Principal& p, const std::string& unit, const std::string& received_at) {
        ComplaintIntake in;
        in.unit_code = unit;
        in.channel = ComplaintChannel::kLetter;
        in.received_at = received_at;
        in.anonymous = true;
        in.operator_address = "某小区 3 号楼";
        in.content = "周六上午在小区内开设初二数学辅导班";
        return complaints_.Record(p, in);
    }

    void CloseOn(const Principal& p, const Complaint& k, const std::string& closed_at) {
        complaints_.Close(p, k.id, "已现场核查，责令停止违规培训");
        auto c = tdb_.database().Acquire();
        c->Execute(kComplaintClosedAt, {k.id, closed_at});
    }

    std::int64_t Order(const Institution& at, const std::string& contract, const std::string& family, int hours,
                       std::int64_t price, const std::vector<std::pair<std::string, std::int64_t>>& lines) {
        auto c = tdb_.database().Acquire();
        const auto id = c->Query(kAddOrder, {at.id, at.org_path, contract, db::Blob{{1, 2, 3}}, family,
                                             std::int64_t{hours}, price, hours * price})[0]
                            .Int(0);
        std::int64_t seq = 0;
        for (const auto& [kind, amount] : lines)
            c->Execute(kAddEntry, {id, ++seq, kind, std::int64_t{kind == "deposit" ? hours : 1}, amount});
        return id;
    }

    template <typename Row>
    static const Row& Find(const std::vector<Row>& rows, const std::string& unit) {
        for (const auto& r : rows)
            if (r.unit_code == unit) return r;
        throw std::runtime_error("no row for " + unit);
    }

    StatsService stats_{tdb_.database(), org_, registry_};
    Institution a1_, b_art_;
};

}  // namespace kehou::institutions::stats_test
