#pragma once
// 招生统计 The enrollment statistics of one season (issue 8 point 7): applications by status, the one-click rate
// (dossiers that needed no upload), the median time from submission to decision, seats filled per school,
// placements by admission category and by how they were placed, applications per day and appeals by status —
// aggregates only, no child is named. Definitions: docs/enrollment-stats.md. Every figure is read inside the
// caller's scope: a county's administrators see their season whole, a school's its own applicants and places.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "db/database.hpp"
#include "enrollment/report_repo.hpp"

namespace kehou::enrollment {

/// The fixed orders the statistics list their keys in (zeros included), as the page and the workbook show them.
inline const std::vector<std::string> kApplicationStatuses{"awaiting_upload", "in_review", "qualified", "rejected",
                                                           "withdrawn"};
inline const std::vector<std::string> kPlacedBy{"private_lottery", "catchment", "county_placed", "county_manual",
                                                "unplaced"};
inline const std::vector<std::string> kAppealStatuses{"open", "upheld", "dismissed"};

struct StatCount {
    std::string key;
    std::int64_t count = 0;
};
struct CategoryStat {
    std::optional<std::string> category_name;  // nullopt: no category held (left for the county's choice)
    std::int64_t count = 0;
};
struct SchoolStat {
    report_repo::SchoolFill fill;
    std::optional<double> fill_rate;  // placed ÷ seats; nullopt for a plan of 0 seats
};
struct DayStat {
    std::string date;  // YYYY-MM-DD in Asia/Shanghai
    std::int64_t applications = 0;
};

/// Everything the page and the workbook show for one season.
struct SeasonStats {
    report_repo::SeasonRef season;
    std::string as_of;                  // when the figures were read (RFC 3339, Shanghai)
    std::int64_t applications = 0;      // not withdrawn
    std::int64_t one_click = 0;         // of them, with nothing to upload
    std::optional<double> one_click_rate;
    std::int64_t decided = 0;           // qualified or rejected, with a decision time
    std::int64_t decided_reviewed = 0;  // of them, not one-click (a reviewer decided)
    std::optional<double> median_hours_to_decision;
    std::optional<double> median_hours_reviewed;
    std::vector<StatCount> by_status;  // kApplicationStatuses' order; withdrawn listed, not in `applications`
    std::vector<CategoryStat> by_category;
    std::vector<StatCount> by_placed_by;  // kPlacedBy's order
    std::vector<SchoolStat> schools;
    std::int64_t seats = 0, placed = 0;  // the schools' sums
    std::optional<double> fill_rate;
    std::vector<DayStat> by_day;        // first to last day with an application, days between with 0
    std::vector<StatCount> appeals;     // kAppealStatuses' order
};

/// part ÷ whole rounded to 4 decimals (0.6667); nullopt when whole is 0.
std::optional<double> Rate(std::int64_t part, std::int64_t whole);
/// The median of durations in seconds (the mean of the middle two for an even count) in hours, rounded half up to
/// one decimal; nullopt without any.
std::optional<double> MedianHours(std::vector<std::int64_t> seconds);
/// Applications per Shanghai calendar day of submission, with the days between the first and the last at 0.
std::vector<DayStat> ApplicationsPerDay(const std::vector<report_repo::Timing>& timings);

/// The season's statistics as .xlsx (report_workbook.cpp): counts and rates only.
std::string StatsWorkbook(const SeasonStats& stats);

/// The statistics use case. Thread-safe.
class ReportService {
public:
    explicit ReportService(db::Database& database) : database_(database) {}

    /// 404 `enrollment.season_not_found` when the season does not exist or lies outside the caller's scope.
    SeasonStats Stats(const Principal& p, std::int64_t season_id, const std::string& as_of);

private:
    db::Database& database_;
};

}  // namespace kehou::enrollment
