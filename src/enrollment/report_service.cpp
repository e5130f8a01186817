#include "enrollment/report_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kehou::enrollment {
namespace {

using report_repo::KeyCount;
using report_repo::Timing;

Error SeasonNotFound() {
    return Error::NotFound("enrollment.season_not_found", "找不到该招生季", "No such enrollment season");
}

/// The counts in a fixed key order, zeros included, so a chart's bars keep their places from season to season.
std::vector<StatCount> InOrder(const std::vector<std::string>& keys, const std::vector<KeyCount>& counts) {
    std::vector<StatCount> out;
    for (const auto& k : keys) {
        std::int64_t n = 0;
        for (const auto& c : counts)
            if (c.key == k) n += c.count;
        out.push_back({k, n});
    }
    return out;
}

/// Seconds from one instant to another; nullopt when either does not parse. A decision stamped before its
/// submission (a clock set wrong) counts as immediate rather than pulling the median below zero.
std::optional<std::int64_t> SecondsBetween(const std::string& from, const std::string& to) {
    const auto a = ParseRfc3339(from), b = ParseRfc3339(to);
    if (!a || !b) return std::nullopt;
    return std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(*b - *a).count());
}

/// The applications' figures: counts by status and one-click, decisions and their medians, per day.
void ApplicationFigures(SeasonStats& s, const std::vector<report_repo::StatusCount>& by_status,
                        const std::vector<Timing>& timings) {
    std::vector<KeyCount> counts;
    for (const auto& c : by_status) {
        counts.push_back({c.status, c.count});
        if (c.status == "withdrawn") continue;  // a withdrawn application is no longer one
        s.applications += c.count;
        s.one_click += c.one_click;
    }
    s.by_status = InOrder(kApplicationStatuses, counts);
    s.one_click_rate = Rate(s.one_click, s.applications);
    std::vector<std::int64_t> all, reviewed;
    for (const auto& t : timings) {
        if ((t.status != "qualified" && t.status != "rejected") || !t.decided_at) continue;
        const auto seconds = SecondsBetween(t.submitted_at, *t.decided_at);
        if (!seconds) continue;
        all.push_back(*seconds);
        if (!t.one_click) reviewed.push_back(*seconds);
    }
    s.decided = static_cast<std::int64_t>(all.size());
    s.decided_reviewed = static_cast<std::int64_t>(reviewed.size());
    s.median_hours_to_decision = MedianHours(std::move(all));
    s.median_hours_reviewed = MedianHours(std::move(reviewed));
    s.by_day = ApplicationsPerDay(timings);
}

/// Categories in the policy's order (the first category first), the children without one last.
std::vector<CategoryStat> Categories(std::vector<report_repo::CategoryCount> rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const auto rank = [](const report_repo::CategoryCount& c) {
            return std::make_pair(!c.category_name.has_value(), c.category_index.value_or(0));
        };
        return rank(a) < rank(b);
    });
    std::vector<CategoryStat> out;
    for (const auto& r : rows) out.push_back({r.category_name, r.count});
    return out;
}

void SchoolFigures(SeasonStats& s, const std::vector<report_repo::SchoolFill>& schools) {
    for (const auto& f : schools) {
        s.schools.push_back({f, Rate(f.placed, f.seats)});
        s.seats += f.seats;
        s.placed += f.placed;
    }
    s.fill_rate = Rate(s.placed, s.seats);
}

}  // namespace

std::optional<double> Rate(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    const std::int64_t ten_thousandths = (part * 20000 + whole) / (2 * whole);  // half up
    return static_cast<double>(ten_thousandths) / 10000.0;
}

std::optional<double> MedianHours(std::vector<std::int64_t> seconds) {
    if (seconds.empty()) return std::nullopt;
    std::sort(seconds.begin(), seconds.end());
    const std::size_t n = seconds.size();
    // Twice the median, so the mean of the middle two stays a whole number; 720 = 2 × 360 s per tenth of an hour.
    const std::int64_t twice = n % 2 ? 2 * seconds[n / 2] : seconds[n / 2 - 1] + seconds[n / 2];
    return static_cast<double>((twice + 360) / 720) / 10.0;
}

std::vector<DayStat> ApplicationsPerDay(const std::vector<Timing>& timings) {
    std::map<std::string, std::int64_t> per_day;
    for (const auto& t : timings) {
        const auto at = ParseRfc3339(t.submitted_at);
        ++per_day[at ? ShanghaiDate(*at) : t.submitted_at.substr(0, 10)];
    }
    std::vector<DayStat> out;
    if (per_day.empty()) return out;
    const auto first = ParseIsoDate(per_day.begin()->first), last = ParseIsoDate(per_day.rbegin()->first);
    if (!first || !last) {  // not a date: list what there is rather than guess the days between
        for (const auto& [date, n] : per_day) out.push_back({date, n});
        return out;
    }
    for (auto d = std::chrono::sys_days{*first}; d <= std::chrono::sys_days{*last}; d += std::chrono::days{1}) {
        const auto date = FormatIsoDate(std::chrono::year_month_day{d});
        const auto it = per_day.find(date);
        out.push_back({date, it == per_day.end() ? 0 : it->second});
    }
    return out;
}

SeasonStats ReportService::Stats(const Principal& p, std::int64_t season_id, const std::string& as_of) {
    auto c = database_.Acquire();
    const auto season = report_repo::Season(*c, season_id);
    // A season is a county's: the city and that county see it whole, a school of the county its own part.
    if (!season || (!p.Covers(season->org_path) && !p.scope_path.starts_with(season->org_path)))
        throw SeasonNotFound();
    const std::string& path = p.Covers(season->org_path) ? season->org_path : p.scope_path;
    SeasonStats s;
    s.season = *season;
    s.as_of = as_of;
    ApplicationFigures(s, report_repo::ApplicationsByStatus(*c, season_id, path),
                       report_repo::Timings(*c, season_id, path));
    s.by_category = Categories(report_repo::PlacedByCategory(*c, season_id, path));
    s.by_placed_by = InOrder(kPlacedBy, report_repo::PlacementsByHow(*c, season_id, path));
    SchoolFigures(s, report_repo::Schools(*c, season_id, path));
    s.appeals = InOrder(kAppealStatuses, report_repo::AppealsByStatus(*c, season_id, path));
    return s;
}

}  // namespace kehou::enrollment
