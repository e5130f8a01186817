#pragma once
// SQL of the enrollment statistics (issue 8 point 7). Counts are summed by the database, grouped by status, school,
// category, how placed; only the decided applications' two instants come back one row each, because the median of
// the time to a decision and the Shanghai date of a submission are worked out in C++ (date arithmetic is spelled
// differently on SQLite and PostgreSQL, and an instant's offset is better read by the parser than by SUBSTR).
// Every query takes the season and an org path: only rows whose org_path starts with it count.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace kehou::enrollment::report_repo {

/// A season as the statistics name it, with the county's org path it belongs to.
struct SeasonRef {
    std::int64_t id = 0;
    std::string title;
    int year = 0;
    int entry_grade = 1;
    std::string status;
    std::string org_path;
};

/// How many applications (withdrawn included) of one status, and of them how many one-click.
struct StatusCount {
    std::string status;
    std::int64_t count = 0;
    std::int64_t one_click = 0;
};

/// An application that was not withdrawn: when it came in and, once decided, when.
struct Timing {
    std::string status;
    bool one_click = false;
    std::string submitted_at;
    std::optional<std::string> decided_at;
};

/// A school of the season's seat plan with the placements made to it.
struct SchoolFill {
    std::int64_t school_id = 0;
    std::string school_name;
    bool is_private = false;
    std::int64_t seats = 0;
    std::int64_t placed = 0;
};

/// Children placed at a school, by the admission category their dossier gave (nullopt: none held).
struct CategoryCount {
    std::optional<std::string> category_name;
    std::optional<std::int64_t> category_index;  // the policy's order, for listing
    std::int64_t count = 0;
};

/// A count under a key (a placement's placed_by, an appeal's status).
struct KeyCount {
    std::string key;
    std::int64_t count = 0;
};

/// The season by id, wherever it is; the service decides whether the caller may see it.
std::optional<SeasonRef> Season(db::Connection& c, std::int64_t season_id);
std::vector<StatusCount> ApplicationsByStatus(db::Connection& c, std::int64_t season_id, const std::string& path);
/// The applications not withdrawn, oldest submission first.
std::vector<Timing> Timings(db::Connection& c, std::int64_t season_id, const std::string& path);
/// The seat plans under the path (public schools first, then by org path) with their placement counts.
std::vector<SchoolFill> Schools(db::Connection& c, std::int64_t season_id, const std::string& path);
/// Placements at a school (not the children left for the county) by category.
std::vector<CategoryCount> PlacedByCategory(db::Connection& c, std::int64_t season_id, const std::string& path);
/// Placement rows (left for the county included) by placed_by.
std::vector<KeyCount> PlacementsByHow(db::Connection& c, std::int64_t season_id, const std::string& path);
std::vector<KeyCount> AppealsByStatus(db::Connection& c, std::int64_t season_id, const std::string& path);

}  // namespace kehou::enrollment::report_repo
