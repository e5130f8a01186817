#pragma once
// 统计 The figures a county bureau and the city report upward about off-campus training (issue 6 point 7):
// institutions by category and status, the 压减率 (RULES R6.3), complaints handled on time, inspection cases
// by state and age, prepaid-fee escrow totals from the ledger (R6.2), and all of them as one .xlsx workbook.
// A city_admin gets one row per county of the city; a district_admin or an inspector gets their county.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "db/database.hpp"
#include "institutions/registry_model.hpp"
#include "institutions/service.hpp"
#include "org/service.hpp"

namespace kehou::institutions {

/// 机构分类统计 Institutions of one county (unit_code empty: every county, "合计") and one category
/// (nullopt: every category), by status.
struct RegistryStatsRow {
    std::string unit_code, unit_name;
    std::optional<InstitutionCategory> category;
    std::array<std::int64_t, 5> by_status{};  // indexed by InstitutionStatus, in declaration order
    std::int64_t total = 0;
};

/// 投诉按期办结 Complaints of one county (or the total) received in the period.
struct ComplaintStatsRow {
    std::string unit_code, unit_name;
    std::int64_t received = 0;
    std::int64_t closed = 0;
    std::int64_t closed_on_time = 0;  // closed on or before the due date
    std::int64_t open = 0;
    std::int64_t open_overdue = 0;  // still open after the due date
    /// closed on time ÷ (closed + open overdue), in basis points; nullopt when nothing was due yet.
    std::optional<std::int64_t> on_time_rate_bp;
};

/// The age buckets of a case, in days since it was opened: ≤ 7, 8–30, 31–90, > 90.
inline constexpr std::array<const char*, 4> kAgeBucketLabels = {"7天以内", "8–30天", "31–90天", "90天以上"};

/// 案件状态与时长 Inspection cases of one county (or the total) in one state (nullopt: every state).
struct CaseStatsRow {
    std::string unit_code, unit_name;
    std::optional<CaseState> state;
    std::int64_t cases = 0;
    std::array<std::int64_t, 4> by_age{};  // kAgeBucketLabels
    std::int64_t past_deadline = 0;        // open, and the rectification deadline has passed
};

/// 预收费资金监管 Escrow totals of one county (or the total), summed from the ledger lines.
struct EscrowStatsRow {
    std::string unit_code, unit_name;
    std::int64_t orders = 0;
    std::int64_t families = 0;  // distinct payers; the total counts a family of two counties once
    std::int64_t deposited_fen = 0, released_fen = 0, refunded_fen = 0;
    std::int64_t held_fen = 0;  // deposited − released − refunded
};

/// Complaints received (Shanghai date) from `from` to `to`, both inclusive, ISO dates; absent: open-ended.
struct StatsPeriod {
    std::optional<std::string> from, to;
};

/// Every report at once, as the workbook holds them.
struct StatsSnapshot {
    std::string scope_name;  // 济宁市, 任城区
    std::string as_of;       // the date the figures describe
    StatsPeriod period;
    std::vector<RegistryStatsRow> registry;
    std::vector<ReductionRow> reduction;
    std::vector<ComplaintStatsRow> complaints;
    std::vector<CaseStatsRow> cases;
    std::vector<EscrowStatsRow> escrow;
};

/// The bucket of kAgeBucketLabels for a case opened `days` days ago (0 = today; a negative age is today's).
int AgeBucket(std::int64_t days);
/// part ÷ whole in basis points, rounded half away from zero; nullopt when whole is 0.
std::optional<std::int64_t> RateBasisPoints(std::int64_t part, std::int64_t whole);
/// The 压减率 rows of InstitutionService::Reduction with a subtotal per county × category (both deliveries)
/// and, for the whole scope, per category × delivery and per category; each rate by ComputeReductionRate.
/// Order: per county, each category's cells then its subtotal, then the county; the same for 合计 last.
std::vector<ReductionRow> ReductionByCategory(const std::vector<ReductionRow>& rows);
/// The snapshot as an .xlsx workbook: one sheet per report, Chinese headers, numbers as numbers, rates as
/// percentages, money in yuan (stats_workbook.cpp).
std::string StatsWorkbook(const StatsSnapshot& s);

/// Reads the statistics under a principal's scope. Thread-safe.
class StatsService {
public:
    StatsService(db::Database& database, org::OrgService& org, InstitutionService& registry);

    std::vector<RegistryStatsRow> Registry(const Principal& p);
    /// InstitutionService::Reduction, with ReductionByCategory's subtotals.
    std::vector<ReductionRow> Reduction(const Principal& p);
    /// Overdue as of `today`, by the same rule as the complaints list (ComplaintOverdue).
    std::vector<ComplaintStatsRow> Complaints(const Principal& p, const StatsPeriod& period, const std::string& today);
    /// Ages and deadlines as of `today`.
    std::vector<CaseStatsRow> Cases(const Principal& p, const std::string& today);
    std::vector<EscrowStatsRow> Escrow(const Principal& p);
    /// Every report, for the workbook.
    StatsSnapshot Snapshot(const Principal& p, const StatsPeriod& period, const std::string& today);

private:
    /// The county-level units under the scope, in org order, as (code, name).
    std::vector<std::pair<std::string, std::string>> Counties(const Principal& p);

    db::Database& database_;
    org::OrgService& org_;
    InstitutionService& registry_;
};

}  // namespace kehou::institutions
