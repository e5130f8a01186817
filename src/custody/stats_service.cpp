// 托管统计 Per county: the plan's figures from the custody tables, the coverage of the county's schools (from the org
// service) by sites with places (custody::SchoolCoverage), summed into the city's total.
#include "custody/stats_service.hpp"

#include <map>

#include "custody/access.hpp"
#include "custody/repo.hpp"
#include "custody/stats.hpp"

namespace kehou::custody {
namespace {

constexpr db::Query kActivity{
    "cu.stats_activity",
    "SELECT (SELECT COUNT(DISTINCT x.teacher_id) FROM cu_staff x JOIN cu_site s ON s.id = x.site_id WHERE s.plan_id ="
    " $1), (SELECT COUNT(*) FROM cu_attendance a JOIN cu_site s ON s.id = a.site_id WHERE s.plan_id = $1 AND"
    " a.present = TRUE), (SELECT COUNT(*) FROM cu_attendance a JOIN cu_site s ON s.id = a.site_id WHERE s.plan_id = $1"
    " AND a.meal = TRUE)"};

void AddPlan(db::Connection& c, const PlanRecord& plan, const std::vector<std::int64_t>& schools, CountyStats& out) {
    const auto figures = repo::Figures(c, plan.id);
    out.requested = figures.requested;
    out.signed_up = figures.signed_up;
    out.served = figures.placed;
    const auto stored = repo::LoadPlan(c, plan);
    const auto coverage = SchoolCoverage(stored.plan, schools);
    out.schools_covered = coverage.covered;
    for (const auto& s : stored.plan.sites)
        for (const auto& cap : s.capacity)
            if (cap.places > 0) {
                ++out.sites;
                break;
            }
    const auto r = c.Query(kActivity, {plan.id});
    out.staff = r[0].Int(0);
    out.attendance_days = r[0].Int(1);
    out.meals = r[0].Int(2);
}

void AddTo(CountyStats& total, const CountyStats& x) {
    total.requested += x.requested;
    total.signed_up += x.signed_up;
    total.served += x.served;
    total.schools_total += x.schools_total;
    total.schools_covered += x.schools_covered;
    total.sites += x.sites;
    total.staff += x.staff;
    total.attendance_days += x.attendance_days;
    total.meals += x.meals;
}

}  // namespace

CustodyStats StatsService::Stats(const Principal& p, int year, const std::optional<std::string>& unit_code) {
    if (p.role != Role::kCityAdmin && p.role != Role::kDistrictAdmin)
        throw RoleForbidden("托管统计由教育局查看", "Custody statistics are the bureaus'");
    if (year < 2021 || year > 2100) throw Error::BadRequest("custody.bad_year", "年份无效", "The year is out of range", "year");
    std::map<std::string, std::vector<std::int64_t>> schools;  // unit code → the county's schools
    for (const auto& s : org_.ListSchools(p, {std::nullopt, std::nullopt, std::nullopt, 1, 1000000}).items)
        schools[s.unit_code].push_back(s.id);
    CustodyStats out;
    out.year = year;
    out.as_of = Now();
    out.total.unit_name = "合计";
    auto c = database_.Acquire();
    for (const auto& unit : org_.ListAllUnits()) {
        if (unit.kind == "city" || !p.Covers(unit.org_path) || (unit_code && *unit_code != unit.code &&
                                                                  *unit_code != unit.parent_code))
            continue;
        CountyStats x{unit.code, unit.name};
        x.schools_total = static_cast<std::int64_t>(schools[unit.code].size());
        std::optional<PlanRecord> plan;
        for (auto& r : repo::ListPlans(*c, unit.org_path, year, std::nullopt, false))
            if (r.org_path == unit.org_path && r.status != PlanStatus::kDraft) plan = std::move(r);
        if (!plan && x.schools_total == 0) continue;
        if (plan) AddPlan(*c, *plan, schools[unit.code], x);
        x.coverage_bp = RateBasisPoints(x.schools_covered, x.schools_total);
        AddTo(out.total, x);
        out.items.push_back(std::move(x));
    }
    out.total.coverage_bp = RateBasisPoints(out.total.schools_covered, out.total.schools_total);
    return out;
}

}  // namespace kehou::custody
