// SQL of seasons, plans, catchments and placements.
#include "enrollment/repo.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include "db/insert_id.hpp"

namespace kehou::enrollment::repo {
namespace {

db::Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }

#define KEHOU_SEASON_COLUMNS                                                                                     \
    "s.id, s.unit_code, u.name, s.org_path, s.year, s.entry_grade, s.title, s.status, s.opens_on, s.closes_on,"  \
    " s.seed_commitment, CASE WHEN s.seed_revealed THEN s.seed END, s.run_at, s.published_at, s.input_digest,"   \
    " s.result_digest, s.policy_json, (SELECT COUNT(*) FROM en_application a WHERE a.season_id = s.id"           \
    " AND a.status <> 'withdrawn')"
// A guardian ($2 = 1) sees the city's open and published seasons; staff those of their county (a school's
// scope lies inside its county's path, a city's contains it).
#define KEHOU_SEASON_READER                                                                        \
    " FROM en_season s JOIN org_unit u ON u.code = s.unit_code WHERE (($2 = 1 AND s.status IN"   \
    " ('open', 'published')) OR ($2 = 0 AND ($1 LIKE s.org_path || '%' OR s.org_path LIKE $1 || '%')))"

constexpr db::Query kInsertSeason{
    "en.insert_season",
    "INSERT INTO en_season (unit_code, org_path, year, entry_grade, title, policy_json, status, opens_on, closes_on,"
    " seed_commitment, seed, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9,"
    " $10, $11, $12, $12)"};
constexpr db::Query kInsertSeasonReturning{
    "en.insert_season_returning",
    "INSERT INTO en_season (unit_code, org_path, year, entry_grade, title, policy_json, status, opens_on, closes_on,"
    " seed_commitment, seed, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9,"
    " $10, $11, $12, $12) RETURNING id"};
constexpr db::Query kFindSeason{"en.find_season",
                                "SELECT " KEHOU_SEASON_COLUMNS KEHOU_SEASON_READER " AND s.id = $3"};
constexpr db::Query kListSeasons{"en.list_seasons", "SELECT " KEHOU_SEASON_COLUMNS KEHOU_SEASON_READER
                                                    " ORDER BY s.year DESC, s.entry_grade, s.unit_code"};
constexpr db::Query kSeed{"en.season_seed", "SELECT seed FROM en_season WHERE id = $1"};
constexpr db::Query kPolicy{"en.update_policy", "UPDATE en_season SET policy_json = $2, updated_at = $3 WHERE id = $1"};
constexpr db::Query kMove{"en.move_season",
                          "UPDATE en_season SET status = $3, updated_at = $4, published_at = CASE WHEN $3 ="
                          " 'published' THEN $4 ELSE published_at END WHERE id = $1 AND status = $2"};
constexpr db::Query kRun{"en.record_run",
                         "UPDATE en_season SET seed_revealed = TRUE, run_at = $3, run_by = $2, input_digest = $4,"
                         " result_digest = $5, status = 'admitted', updated_at = $3 WHERE id = $1"};

constexpr db::Query kPlans{"en.plans",
                           "SELECT p.school_id, k.name, k.org_path, k.address, p.seats, p.is_private, p.nearby"
                           " FROM en_seat_plan p JOIN org_school k ON k.id = p.school_id WHERE p.season_id = $1"
                           " ORDER BY p.is_private, k.school_code"};
constexpr db::Query kCatchments{"en.catchments", "SELECT school_id, community_code FROM en_catchment"
                                                 " WHERE season_id = $1 ORDER BY school_id, community_code"};
constexpr db::Query kDeletePlans{"en.delete_plans", "DELETE FROM en_seat_plan WHERE season_id = $1"};
constexpr db::Query kDeleteCatchments{"en.delete_catchments", "DELETE FROM en_catchment WHERE season_id = $1"};
constexpr db::Query kInsertPlan{"en.insert_plan",
                                "INSERT INTO en_seat_plan (season_id, school_id, org_path, seats, is_private, nearby)"
                                " VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr db::Query kInsertCatchment{"en.insert_catchment",
                                     "INSERT INTO en_catchment (season_id, school_id, community_code) VALUES ($1, $2,"
                                     " $3)"};
constexpr db::Query kCountySchools{"en.county_schools",
                                   "SELECT id, name, org_path, address, is_public FROM org_school WHERE org_path LIKE"
                                   " $1 || '%' AND grade_from <= $2 AND grade_to >= $2 ORDER BY school_code"};
constexpr db::Query kUrban{"en.urban_districts",
                           "SELECT code FROM org_unit WHERE kind = 'district' AND org_path LIKE $1 || '%'"
                           " ORDER BY code"};

constexpr db::Query kDeletePlacements{"en.delete_placements", "DELETE FROM en_placement WHERE season_id = $1"};
constexpr db::Query kInsertPlacement{
    "en.insert_placement",
    "INSERT INTO en_placement (application_id, season_id, school_id, org_path, placed_by, rank_in_school, draw,"
    " placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr db::Query kManual{
    "en.manual_placement",
    "INSERT INTO en_placement (application_id, season_id, school_id, org_path, placed_by, rank_in_school, draw,"
    " placed_at) VALUES ($1, $2, $3, $4, 'county_manual', 0, '', $5) ON CONFLICT (application_id) DO UPDATE SET"
    " school_id = excluded.school_id, org_path = excluded.org_path, placed_by = excluded.placed_by, rank_in_school"
    " = 0, placed_at = excluded.placed_at"};
constexpr db::Query kFindPlacement{"en.find_placement",
                                   "SELECT p.school_id, k.name, p.placed_by, p.draw, p.rank_in_school FROM"
                                   " en_placement p LEFT JOIN org_school k ON k.id = p.school_id"
                                   " WHERE p.application_id = $1"};
constexpr db::Query kListPlacements{
    "en.list_placements",
    "SELECT p.application_id, a.child_name, a.child_id_masked, p.school_id, k.name, p.placed_by, p.draw,"
    " p.rank_in_school, a.category_name FROM en_placement p JOIN en_application a ON a.id = p.application_id"
    " LEFT JOIN org_school k ON k.id = p.school_id WHERE p.season_id = $1 AND p.org_path LIKE $2 || '%'"
    " AND (CAST($3 AS BIGINT) IS NULL OR p.school_id = $3)"
    " ORDER BY CASE WHEN p.school_id IS NULL THEN 1 ELSE 0 END, k.school_code, p.rank_in_school, p.application_id"};

Season ReadSeason(const db::Row& r) {
    Season s;
    s.id = r.Int(0);
    s.unit_code = r.Text(1);
    s.county_name = r.Text(2);
    s.org_path = r.Text(3);
    s.year = static_cast<int>(r.Int(4));
    s.entry_grade = static_cast<int>(r.Int(5));
    s.title = r.Text(6);
    const auto status = ParseSeasonStatus(r.Text(7));
    if (!status) throw std::runtime_error("unknown stored season status " + r.Text(7));
    s.status = *status;
    s.opens_on = r.Text(8);
    s.closes_on = r.Text(9);
    s.seed_commitment = r.Text(10);
    s.seed = r.OptText(11);
    s.run_at = r.OptText(12);
    s.published_at = r.OptText(13);
    s.input_digest = r.OptText(14);
    s.result_digest = r.OptText(15);
    s.policy_json = r.Text(16);
    s.applications = r.Int(17);
    return s;
}

std::vector<std::int64_t> SplitIds(const std::string& text) {
    std::vector<std::int64_t> out;
    std::istringstream in(text);
    std::int64_t id = 0;
    while (in >> id) out.push_back(id);
    return out;
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (const auto id : ids) out += (out.empty() ? "" : " ") + std::to_string(id);
    return out;
}

}  // namespace

std::int64_t InsertSeason(db::Connection& c, const Season& s, const std::string& seed, std::int64_t user_id,
                          const std::string& now) {
    const std::vector<db::Value> params{s.unit_code,     s.org_path,  std::int64_t{s.year},
                                        std::int64_t{s.entry_grade}, s.title, s.policy_json,
                                        s.opens_on,      s.closes_on, s.seed_commitment,
                                        seed,            user_id,     now};
    return db::InsertForId(c, kInsertSeason, kInsertSeasonReturning, params);
}

std::optional<Season> FindSeason(db::Connection& c, const Reader& who, std::int64_t id) {
    const auto rows = c.Query(kFindSeason, {who.scope_path, Bool(who.guardian_id.has_value()), id});
    if (rows.empty()) return std::nullopt;
    return ReadSeason(rows[0]);
}

std::vector<Season> ListSeasons(db::Connection& c, const Reader& who) {
    std::vector<Season> out;
    for (const auto& r : c.Query(kListSeasons, {who.scope_path, Bool(who.guardian_id.has_value())}))
        out.push_back(ReadSeason(r));
    return out;
}

std::string SeasonSeed(db::Connection& c, std::int64_t id) { return c.Query(kSeed, {id})[0].Text(0); }

void UpdatePolicy(db::Connection& c, std::int64_t id, const std::string& policy_json, const std::string& now) {
    c.Execute(kPolicy, {id, policy_json, now});
}

bool MoveSeason(db::Connection& c, std::int64_t id, SeasonStatus from, SeasonStatus to, const std::string& now) {
    return c.Execute(kMove, {id, std::string(ToString(from)), std::string(ToString(to)), now}) == 1;
}

void RecordRun(db::Connection& c, std::int64_t id, std::int64_t user_id, const std::string& input_digest,
               const std::string& result_digest, const std::string& now) {
    c.Execute(kRun, {id, user_id, now, input_digest, result_digest});
}

std::vector<SchoolPlan> ListPlans(db::Connection& c, std::int64_t season_id) {
    std::vector<SchoolPlan> out;
    std::map<std::int64_t, std::size_t> at;
    for (const auto& r : c.Query(kPlans, {season_id})) {
        at[r.Int(0)] = out.size();
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), r.Int(5) != 0,
                       SplitIds(r.Text(6)), {}});
    }
    for (const auto& r : c.Query(kCatchments, {season_id}))
        if (const auto it = at.find(r.Int(0)); it != at.end()) out[it->second].communities.push_back(r.Text(1));
    return out;
}

void ReplacePlans(db::Connection& c, std::int64_t season_id, const std::vector<SchoolPlan>& plans) {
    c.Execute(kDeleteCatchments, {season_id});
    c.Execute(kDeletePlans, {season_id});
    for (const auto& p : plans) {
        c.Execute(kInsertPlan, {season_id, p.school_id, p.org_path, std::int64_t{p.seats}, Bool(p.is_private),
                                JoinIds(p.nearby)});
        for (const auto& code : p.communities) c.Execute(kInsertCatchment, {season_id, p.school_id, code});
    }
}

std::vector<SchoolPlan> CountySchools(db::Connection& c, const std::string& county_path, int entry_grade) {
    std::vector<SchoolPlan> out;
    for (const auto& r : c.Query(kCountySchools, {county_path, std::int64_t{entry_grade}})) {
        SchoolPlan p;
        p.school_id = r.Int(0);
        p.school_name = r.Text(1);
        p.org_path = r.Text(2);
        p.address = r.Text(3);
        p.is_private = r.Int(4) == 0;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::string> UrbanDistrictCodes(db::Connection& c, const std::string& city_path) {
    std::vector<std::string> out;
    for (const auto& r : c.Query(kUrban, {city_path})) out.push_back(r.Text(0));
    return out;
}

void ReplacePlacements(db::Connection& c, std::int64_t season_id, const std::vector<PlacementRow>& rows,
                       const std::vector<std::string>& org_paths, const std::string& now) {
    c.Execute(kDeletePlacements, {season_id});
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& p = rows[i];
        c.Execute(kInsertPlacement, {p.application_id, season_id, db::Opt(p.school_id), org_paths[i], p.placed_by,
                                     std::int64_t{p.rank}, p.draw, now});
    }
}

void PutManualPlacement(db::Connection& c, std::int64_t season_id, std::int64_t application_id, std::int64_t school_id,
                        const std::string& org_path, const std::string& now) {
    c.Execute(kManual, {application_id, season_id, school_id, org_path, now});
}

std::optional<PlacementInfo> FindPlacement(db::Connection& c, std::int64_t application_id) {
    const auto rows = c.Query(kFindPlacement, {application_id});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    return PlacementInfo{r.OptInt(0), r.OptText(1).value_or(""), r.Text(2), r.Text(3), static_cast<int>(r.Int(4))};
}

std::vector<PlacementRow> ListPlacements(db::Connection& c, std::int64_t season_id, const std::string& scope_path,
                                         std::optional<std::int64_t> school_id) {
    std::vector<PlacementRow> out;
    for (const auto& r : c.Query(kListPlacements, {season_id, scope_path, db::Opt(school_id)}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.OptInt(3), r.OptText(4).value_or(""), r.Text(5), r.Text(6),
                       static_cast<int>(r.Int(7)), r.OptText(8)});
    return out;
}

}  // namespace kehou::enrollment::repo
