#include "institutions/stats_service.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "core/error.hpp"
#include "core/time.hpp"
#include "institutions/case_rules.hpp"
#include "institutions/rules.hpp"
#include "institutions/stats_repo.hpp"

namespace kehou::institutions {
namespace {

using CountyList = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kTotalName = "合计";

// A date the database holds; one that does not parse is a corrupt row, not the caller's mistake.
Date StoredDate(const std::string& iso) {
    if (const auto d = ParseIsoDate(iso)) return *d;
    throw std::runtime_error("stored date is not YYYY-MM-DD: " + iso);
}

void CheckPeriod(const StatsPeriod& period) {
    if (period.from) RequireIsoDate(*period.from, "from");
    if (period.to) RequireIsoDate(*period.to, "to");
    if (period.from && period.to && *period.from > *period.to)
        throw Error::BadRequest("institutions.bad_period", "开始日期不能晚于结束日期",
                                "The start date is after the end date", "from");
}

std::int64_t DaysBetween(Date from, Date to) {
    return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

// The row of a county, appending one for a unit the county list did not name (it cannot happen while
// institutions are registered only in county-level units, but a count is never dropped).
template <typename Row>
Row& RowOf(std::vector<Row>& rows, const std::string& unit_code) {
    for (auto& r : rows)
        if (r.unit_code == unit_code) return r;
    rows.push_back(Row{});
    rows.back().unit_code = unit_code;
    rows.back().unit_name = unit_code;
    return rows.back();
}

template <typename Row>
std::vector<Row> OneRowPerCounty(const CountyList& counties) {
    std::vector<Row> rows;
    for (const auto& [code, name] : counties) {
        rows.push_back(Row{});
        rows.back().unit_code = code;
        rows.back().unit_name = name;
    }
    return rows;
}

void AddComplaint(ComplaintStatsRow& r, const repo::ComplaintTiming& t, Date today) {
    const Date due = StoredDate(t.due_date);
    const std::optional<Date> closed = t.closed_on ? std::optional<Date>(StoredDate(*t.closed_on)) : std::nullopt;
    const bool overdue = ComplaintOverdue(due, today, closed);
    ++r.received;
    if (closed) {
        ++r.closed;
        if (!overdue) ++r.closed_on_time;
    } else {
        ++r.open;
        if (overdue) ++r.open_overdue;
    }
}

void AddCase(CaseStatsRow& r, const repo::CaseTiming& t, Date today) {
    ++r.cases;
    ++r.by_age[static_cast<std::size_t>(AgeBucket(DaysBetween(StoredDate(t.opened_on), today)))];
    // Open and past its deadline at whatever step it stands; the day of the deadline itself is still in time.
    if (CaseIsOpen(t.state) && t.rectify_by && DaysBetween(StoredDate(*t.rectify_by), today) > 0) ++r.past_deadline;
}

void AddRegistryFigures(RegistryStatsRow& into, const RegistryStatsRow& r) {
    for (std::size_t i = 0; i < into.by_status.size(); ++i) into.by_status[i] += r.by_status[i];
    into.total += r.total;
}

void AddCaseFigures(CaseStatsRow& into, const CaseStatsRow& r) {
    into.cases += r.cases;
    for (std::size_t i = 0; i < into.by_age.size(); ++i) into.by_age[i] += r.by_age[i];
    into.past_deadline += r.past_deadline;
}

}  // namespace

int AgeBucket(std::int64_t days) {
    if (days <= 7) return 0;
    if (days <= 30) return 1;
    if (days <= 90) return 2;
    return 3;
}

std::optional<std::int64_t> RateBasisPoints(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return std::nullopt;
    const bool negative = (part < 0) != (whole < 0);
    const std::int64_t n = std::abs(part) * 10000, d = std::abs(whole);
    const std::int64_t q = (2 * n + d) / (2 * d);  // ⌊n/d + ½⌋ on the magnitude: a tie goes away from zero
    return negative ? -q : q;
}

std::vector<ReductionRow> ReductionByCategory(const std::vector<ReductionRow>& rows) {
    using Key = std::pair<std::string, InstitutionCategory>;
    std::map<std::string, std::vector<ReductionRow>> cells;  // county → its cells, by code as Reduction has them
    std::map<std::pair<InstitutionCategory, Delivery>, std::pair<int, int>> overall_cells;
    std::map<Key, std::pair<int, int>> subtotal;
    std::map<std::string, ReductionRow> totals;  // county (or "") → its total row
    for (const auto& r : rows) {
        if (!r.category || !r.delivery) {
            totals[r.unit_code] = r;
            continue;
        }
        cells[r.unit_code].push_back(r);
        subtotal[{r.unit_code, *r.category}].first += r.baseline;
        subtotal[{r.unit_code, *r.category}].second += r.current;
        subtotal[{"", *r.category}].first += r.baseline;
        subtotal[{"", *r.category}].second += r.current;
        overall_cells[{*r.category, *r.delivery}].first += r.baseline;
        overall_cells[{*r.category, *r.delivery}].second += r.current;
    }
    const auto row = [](std::string unit, std::string name, std::optional<InstitutionCategory> cat,
                        std::optional<Delivery> del, std::pair<int, int> n) {
        ReductionRow r{std::move(unit), std::move(name), cat, del, n.first, n.second, std::nullopt};
        if (const auto rate = ComputeReductionRate(n.first, n.second)) r.rate_basis_points = rate->basis_points;
        return r;
    };
    std::vector<ReductionRow> out;
    const auto emit_block = [&](const std::string& unit, const std::string& name,
                                const std::vector<ReductionRow>& list) {
        for (const InstitutionCategory cat : AllValues<InstitutionCategory>()) {
            bool any = false;
            for (const auto& c : list)
                if (*c.category == cat) {
                    out.push_back(c);
                    any = true;
                }
            if (any) out.push_back(row(unit, name, cat, std::nullopt, subtotal[{unit, cat}]));
        }
        if (const auto t = totals.find(unit); t != totals.end()) out.push_back(t->second);
    };
    for (const auto& [unit, list] : cells) emit_block(unit, list.front().unit_name, list);
    std::vector<ReductionRow> overall;
    for (const auto& [key, n] : overall_cells) overall.push_back(row("", kTotalName, key.first, key.second, n));
    emit_block("", kTotalName, overall);
    return out;
}

StatsService::StatsService(db::Database& database, org::OrgService& org, InstitutionService& registry)
    : database_(database), org_(org), registry_(registry) {}

CountyList StatsService::Counties(const Principal& p) {
    CountyList out;
    for (const auto& u : org_.ListUnits(p))
        if (u.kind != "city" && p.Covers(u.org_path)) out.emplace_back(u.code, u.name);
    return out;
}

std::vector<RegistryStatsRow> StatsService::Registry(const Principal& p) {
    auto counties = OneRowPerCounty<RegistryStatsRow>(Counties(p));
    std::vector<repo::CategoryStatusCount> counts;
    {
        auto c = database_.Acquire();
        counts = repo::InstitutionsByCategoryAndStatus(*c, p.scope_path);
    }
    for (const auto& n : counts) RowOf(counties, n.unit_code);  // a unit outside the list keeps its rows
    std::vector<RegistryStatsRow> rows;
    std::map<InstitutionCategory, RegistryStatsRow> total_by_category;
    RegistryStatsRow total{"", kTotalName, std::nullopt, {}, 0};
    for (const auto& county : counties) {
        RegistryStatsRow sum{county.unit_code, county.unit_name, std::nullopt, {}, 0};
        for (const InstitutionCategory cat : AllValues<InstitutionCategory>()) {
            RegistryStatsRow r{county.unit_code, county.unit_name, cat, {}, 0};
            for (const auto& n : counts)
                if (n.unit_code == county.unit_code && n.category == cat) {
                    r.by_status[static_cast<std::size_t>(n.status)] += n.institutions;
                    r.total += n.institutions;
                }
            AddRegistryFigures(sum, r);
            AddRegistryFigures(
                total_by_category.try_emplace(cat, RegistryStatsRow{"", kTotalName, cat, {}, 0}).first->second, r);
            rows.push_back(r);
        }
        rows.push_back(sum);
        AddRegistryFigures(total, sum);
    }
    for (const auto& [cat, r] : total_by_category) rows.push_back(r);
    rows.push_back(total);
    return rows;
}

std::vector<ReductionRow> StatsService::Reduction(const Principal& p) {
    return ReductionByCategory(registry_.Reduction(p));
}

std::vector<ComplaintStatsRow> StatsService::Complaints(const Principal& p, const StatsPeriod& period,
                                                        const std::string& today) {
    CheckPeriod(period);
    const Date on = RequireIsoDate(today, "today");
    auto rows = OneRowPerCounty<ComplaintStatsRow>(Counties(p));
    std::vector<repo::ComplaintTiming> timings;
    {
        auto c = database_.Acquire();
        timings = repo::ComplaintTimings(*c, p.scope_path, period.from, period.to);
    }
    ComplaintStatsRow total;
    total.unit_name = kTotalName;
    for (const auto& t : timings) {
        AddComplaint(RowOf(rows, t.unit_code), t, on);
        AddComplaint(total, t, on);
    }
    rows.push_back(total);
    for (auto& r : rows) r.on_time_rate_bp = RateBasisPoints(r.closed_on_time, r.closed + r.open_overdue);
    return rows;
}

std::vector<CaseStatsRow> StatsService::Cases(const Principal& p, const std::string& today) {
    const Date on = RequireIsoDate(today, "today");
    const auto counties = OneRowPerCounty<CaseStatsRow>(Counties(p));
    std::vector<repo::CaseTiming> timings;
    {
        auto c = database_.Acquire();
        timings = repo::CaseTimings(*c, p.scope_path);
    }
    std::map<std::pair<std::string, CaseState>, CaseStatsRow> by_state;
    for (const auto& t : timings) {
        auto& r = by_state[{t.unit_code, t.state}];
        r.unit_code = t.unit_code;
        r.state = t.state;
        AddCase(r, t, on);
    }
    std::vector<CaseStatsRow> rows;
    CaseStatsRow total;
    total.unit_name = kTotalName;
    std::map<CaseState, CaseStatsRow> total_by_state;
    auto with_units = counties;
    for (const auto& [key, r] : by_state) RowOf(with_units, key.first);
    for (const auto& county : with_units) {
        CaseStatsRow sum = county;
        for (const CaseState s : AllValues<CaseState>()) {
            const auto it = by_state.find({county.unit_code, s});
            if (it == by_state.end()) continue;
            CaseStatsRow r = it->second;
            r.unit_name = county.unit_name;
            rows.push_back(r);
            AddCaseFigures(sum, r);
            auto& t = total_by_state[s];
            t.unit_name = kTotalName;
            t.state = s;
            AddCaseFigures(t, r);
        }
        rows.push_back(sum);
        AddCaseFigures(total, sum);
    }
    for (const auto& [s, r] : total_by_state) rows.push_back(r);
    rows.push_back(total);
    return rows;
}

std::vector<EscrowStatsRow> StatsService::Escrow(const Principal& p) {
    auto rows = OneRowPerCounty<EscrowStatsRow>(Counties(p));
    std::vector<repo::EscrowSums> sums;
    repo::EscrowSums overall;
    {
        auto c = database_.Acquire();
        sums = repo::EscrowByCounty(*c, p.scope_path);
        overall = repo::EscrowOverall(*c, p.scope_path);
    }
    const auto fill = [](EscrowStatsRow& r, const repo::EscrowSums& s) {
        r.orders = s.orders;
        r.families = s.families;
        r.deposited_fen = s.deposited_fen;
        r.released_fen = s.released_fen;
        r.refunded_fen = s.refunded_fen;
        r.held_fen = s.deposited_fen - s.released_fen - s.refunded_fen;
    };
    for (const auto& s : sums) fill(RowOf(rows, s.unit_code), s);
    EscrowStatsRow total;
    total.unit_name = kTotalName;
    fill(total, overall);
    rows.push_back(total);
    return rows;
}

StatsSnapshot StatsService::Snapshot(const Principal& p, const StatsPeriod& period, const std::string& today) {
    StatsSnapshot s;
    for (const auto& u : org_.ListUnits(p))
        if (u.org_path == p.scope_path) s.scope_name = u.name;
    s.as_of = today;
    s.period = period;
    s.complaints = Complaints(p, period, today);  // first: a bad period is refused before any other work
    s.registry = Registry(p);
    s.reduction = Reduction(p);
    s.cases = Cases(p, today);
    s.escrow = Escrow(p);
    return s;
}

}  // namespace kehou::institutions
