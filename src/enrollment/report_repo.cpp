#include "enrollment/report_repo.hpp"

namespace kehou::enrollment::report_repo {
namespace {

// $1 the season, $2 the org path every row must lie under (the caller's scope: a school sees its own rows).
constexpr db::Query kSeason{"enrollment.stats_season",
                            "SELECT id, title, year, entry_grade, status, org_path FROM en_season WHERE id = $1"};
constexpr db::Query kByStatus{
    "enrollment.stats_by_status",
    "SELECT status, COUNT(*), SUM(CASE WHEN one_click = TRUE THEN 1 ELSE 0 END) FROM en_application"
    " WHERE season_id = $1 AND org_path LIKE $2 || '%' GROUP BY status"};
constexpr db::Query kTimings{
    "enrollment.stats_timings",
    "SELECT status, one_click, submitted_at, decided_at FROM en_application"
    " WHERE season_id = $1 AND org_path LIKE $2 || '%' AND status <> 'withdrawn' ORDER BY submitted_at, id"};
// A school's placed children are the placement rows naming it, whatever round placed them (a county's manual
// placement replaces the row, so nobody is counted twice).
constexpr db::Query kSchools{
    "enrollment.stats_schools",
    "SELECT p.school_id, s.name, p.is_private, p.seats, COALESCE(n.placed, 0) FROM en_seat_plan p"
    " JOIN org_school s ON s.id = p.school_id"
    " LEFT JOIN (SELECT school_id, COUNT(*) AS placed FROM en_placement WHERE season_id = $1"
    " AND school_id IS NOT NULL GROUP BY school_id) n ON n.school_id = p.school_id"
    " WHERE p.season_id = $1 AND p.org_path LIKE $2 || '%' ORDER BY p.is_private, p.org_path, p.school_id"};
constexpr db::Query kByCategory{
    "enrollment.stats_by_category",
    "SELECT a.category_name, MIN(a.category_index), COUNT(*) FROM en_placement p"
    " JOIN en_application a ON a.id = p.application_id"
    " WHERE p.season_id = $1 AND p.school_id IS NOT NULL AND p.org_path LIKE $2 || '%' GROUP BY a.category_name"};
constexpr db::Query kByHow{"enrollment.stats_by_placed_by",
                           "SELECT placed_by, COUNT(*) FROM en_placement"
                           " WHERE season_id = $1 AND org_path LIKE $2 || '%' GROUP BY placed_by"};
constexpr db::Query kAppeals{"enrollment.stats_appeals",
                             "SELECT status, COUNT(*) FROM en_appeal"
                             " WHERE season_id = $1 AND org_path LIKE $2 || '%' GROUP BY status"};

std::vector<KeyCount> KeyCounts(db::Connection& c, const db::Query& q, std::int64_t season_id,
                                const std::string& path) {
    std::vector<KeyCount> out;
    for (const auto& r : c.Query(q, {season_id, path})) out.push_back({r.Text(0), r.Int(1)});
    return out;
}

}  // namespace

std::optional<SeasonRef> Season(db::Connection& c, std::int64_t season_id) {
    return db::QueryOne(c, kSeason, {season_id}, [](const db::Row& r) {
        return SeasonRef{r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3)), r.Text(4),
                         r.Text(5)};
    });
}

std::vector<StatusCount> ApplicationsByStatus(db::Connection& c, std::int64_t season_id, const std::string& path) {
    std::vector<StatusCount> out;
    for (const auto& r : c.Query(kByStatus, {season_id, path})) out.push_back({r.Text(0), r.Int(1), r.Int(2)});
    return out;
}

std::vector<Timing> Timings(db::Connection& c, std::int64_t season_id, const std::string& path) {
    std::vector<Timing> out;
    for (const auto& r : c.Query(kTimings, {season_id, path}))
        out.push_back({r.Text(0), r.Int(1) != 0, r.Text(2), r.OptText(3)});
    return out;
}

std::vector<SchoolFill> Schools(db::Connection& c, std::int64_t season_id, const std::string& path) {
    std::vector<SchoolFill> out;
    for (const auto& r : c.Query(kSchools, {season_id, path}))
        out.push_back({r.Int(0), r.Text(1), r.Int(2) != 0, r.Int(3), r.Int(4)});
    return out;
}

std::vector<CategoryCount> PlacedByCategory(db::Connection& c, std::int64_t season_id, const std::string& path) {
    std::vector<CategoryCount> out;
    for (const auto& r : c.Query(kByCategory, {season_id, path})) out.push_back({r.OptText(0), r.OptInt(1), r.Int(2)});
    return out;
}

std::vector<KeyCount> PlacementsByHow(db::Connection& c, std::int64_t season_id, const std::string& path) {
    return KeyCounts(c, kByHow, season_id, path);
}

std::vector<KeyCount> AppealsByStatus(db::Connection& c, std::int64_t season_id, const std::string& path) {
    return KeyCounts(c, kAppeals, season_id, path);
}

}  // namespace kehou::enrollment::report_repo
