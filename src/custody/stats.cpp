#include "custody/stats.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace kehou::custody {
namespace {

std::int64_t Size(const auto& c) {
    return static_cast<std::int64_t>(c.size());
}

bool OpenIn(const Site& s, std::optional<std::int64_t> period) {
    return std::any_of(s.capacity.begin(), s.capacity.end(),
                       [&](const PeriodCapacity& c) { return c.places > 0 && (!period || c.period_id == *period); });
}

}  // namespace

std::optional<std::int64_t> RateBasisPoints(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    return (2 * part * 10000 + whole) / (2 * whole);  // ⌊part/whole × 10000 + ½⌋
}

std::vector<ChildPeriod> PlacesOf(const std::vector<SiteAllocation>& allocations) {
    std::vector<ChildPeriod> out;
    for (const auto& a : allocations)
        for (const auto& e : a.placed) out.push_back({e.child_id, a.period_id});
    return out;
}

Demand ServedVsRequested(const std::vector<SurveyAnswer>& survey, const std::vector<ChildPeriod>& served) {
    std::map<std::int64_t, std::set<std::int64_t>> asked;   // period → children
    std::map<std::int64_t, std::set<std::int64_t>> placed;  // period → children
    std::set<std::int64_t> askers, servers;
    for (const auto& a : survey)
        for (const auto p : a.periods) {
            asked[p].insert(a.child_id);
            askers.insert(a.child_id);
        }
    for (const auto& s : served) {
        placed[s.period_id].insert(s.child_id);
        servers.insert(s.child_id);
    }
    Demand d;
    d.requested_children = Size(askers);
    d.served_children = Size(servers);
    d.requested_served = std::count_if(askers.begin(), askers.end(), [&](auto c) { return servers.contains(c); });
    d.met_bp = RateBasisPoints(d.requested_served, d.requested_children);
    std::set<std::int64_t> periods;
    for (const auto& [p, _] : asked) periods.insert(p);
    for (const auto& [p, _] : placed) periods.insert(p);
    for (const auto p : periods) {
        PeriodDemand row{p, Size(asked[p]), Size(placed[p]), 0, std::nullopt};
        row.requested_served =
            std::count_if(asked[p].begin(), asked[p].end(), [&](auto c) { return placed[p].contains(c); });
        row.met_bp = RateBasisPoints(row.requested_served, row.requested);
        d.periods.push_back(row);
    }
    return d;
}

Coverage SchoolCoverage(const CustodyPlan& plan, const std::vector<std::int64_t>& county_schools,
                        std::optional<std::int64_t> period) {
    const std::set<std::int64_t> county(county_schools.begin(), county_schools.end());
    std::set<std::int64_t> reached;
    for (const auto& s : plan.sites)
        if (OpenIn(s, period))
            for (const auto school : s.served_schools)
                if (county.contains(school)) reached.insert(school);
    Coverage c;
    c.covered = Size(reached);
    c.total = Size(county);
    c.rate_bp = RateBasisPoints(c.covered, c.total);
    for (const auto school : county)
        if (!reached.contains(school)) c.uncovered.push_back(school);
    return c;
}

Staff StaffTakingPart(const std::vector<StaffDuty>& duties, std::int64_t county_teachers) {
    std::map<std::int64_t, bool> teacher;  // person → ever on duty as a teacher
    std::map<std::pair<std::int64_t, std::int64_t>, std::set<std::int64_t>> on_duty;
    for (const auto& d : duties) {
        teacher[d.person_id] = teacher[d.person_id] || d.teacher;
        on_duty[{d.site_id, d.period_id}].insert(d.person_id);
    }
    Staff s;
    s.people = Size(teacher);
    s.teachers = std::count_if(teacher.begin(), teacher.end(), [](const auto& kv) { return kv.second; });
    s.others = s.people - s.teachers;
    s.teacher_rate_bp = RateBasisPoints(s.teachers, county_teachers);
    for (const auto& [key, people] : on_duty) s.per_site_period.push_back({key.first, key.second, Size(people)});
    return s;
}

}  // namespace kehou::custody
