// SQL of custody plans: the head row, its status moves and the lottery's seed.
#include <stdexcept>

#include "custody/repo.hpp"
#include "custody/repo_json.hpp"
#include "db/insert_id.hpp"

namespace kehou::custody::repo {
namespace {

#define KEHOU_CU_PLAN_COLUMNS                                                                                   \
    "SELECT p.id, p.unit_code, u.name, p.org_path, p.year, p.title, p.status, p.priority_tiers,"              \
    " p.seed_commitment, CASE WHEN p.seed_revealed THEN p.seed END, p.allocated_at FROM cu_plan p"            \
    " JOIN org_unit u ON u.code = p.unit_code"
// The county's plan is read inside the county (a school's scope lies in it) and above it (the city's contains it).
#define KEHOU_CU_PLAN_SCOPE " ($1 LIKE p.org_path || '%' OR p.org_path LIKE $1 || '%')"

constexpr db::Query kInsert{"cu.insert_plan",
                            "INSERT INTO cu_plan (unit_code, org_path, year, title, status, priority_tiers, created_by,"
                            " created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7)"};
constexpr db::Query kInsertReturning{"cu.insert_plan_returning",
                                     "INSERT INTO cu_plan (unit_code, org_path, year, title, status, priority_tiers,"
                                     " created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6,"
                                     " $7, $7) RETURNING id"};
constexpr db::Query kFind{"cu.find_plan", KEHOU_CU_PLAN_COLUMNS " WHERE" KEHOU_CU_PLAN_SCOPE " AND p.id = $2"};
constexpr db::Query kList{"cu.list_plans",
                          KEHOU_CU_PLAN_COLUMNS " WHERE" KEHOU_CU_PLAN_SCOPE
                          " AND (CAST($2 AS BIGINT) IS NULL OR p.year = $2)"
                          " AND (CAST($3 AS TEXT) IS NULL OR p.status = $3)"
                          " AND ($4 = 0 OR p.status IN ('survey', 'signup', 'allocated'))"
                          " ORDER BY p.year DESC, p.unit_code"};
constexpr db::Query kHead{"cu.update_plan_head",
                          "UPDATE cu_plan SET title = $2, priority_tiers = $3, updated_at = $4 WHERE id = $1"};
constexpr db::Query kMove{"cu.move_plan",
                          "UPDATE cu_plan SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2"};
constexpr db::Query kOpen{"cu.open_signup",
                          "UPDATE cu_plan SET status = 'signup', seed = $2, seed_commitment = $3, updated_at = $4"
                          " WHERE id = $1 AND status = 'survey'"};
constexpr db::Query kAllocated{"cu.record_allocation",
                               "UPDATE cu_plan SET status = 'allocated', seed_revealed = TRUE, allocated_at = $3,"
                               " allocated_by = $2, updated_at = $3 WHERE id = $1"};
constexpr db::Query kLock{"cu.lock_plan", "UPDATE cu_plan SET updated_at = updated_at WHERE id = $1"};
constexpr db::Query kLockSitePeriod{"cu.lock_site_period",
                                    "UPDATE cu_capacity SET places = places WHERE site_id = $1 AND period_id = $2"};
constexpr db::Query kSeed{"cu.plan_seed", "SELECT seed FROM cu_plan WHERE id = $1"};

PlanRecord Read(const db::Row& r) {
    PlanRecord p;
    p.id = r.Int(0);
    p.unit_code = r.Text(1);
    p.unit_name = r.Text(2);
    p.org_path = r.Text(3);
    p.year = static_cast<int>(r.Int(4));
    p.title = r.Text(5);
    const auto status = ParsePlanStatus(r.Text(6));
    if (!status) throw std::runtime_error("custody: unknown stored plan status " + r.Text(6));
    p.status = *status;
    p.tiers = ParseTiersText(r.Text(7));
    p.commitment = r.OptText(8);
    p.seed = r.OptText(9);
    p.allocated_at = r.OptText(10);
    return p;
}

}  // namespace

std::int64_t InsertPlan(db::Connection& c, const PlanRecord& p, std::int64_t user_id, const std::string& now) {
    const std::vector<db::Value> params{p.unit_code, p.org_path, std::int64_t{p.year}, p.title, TiersText(p.tiers),
                                        user_id, now};
    return db::InsertForId(c, kInsert, kInsertReturning, params);
}

std::optional<PlanRecord> FindPlan(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFind, {scope, id}, Read);
}

std::vector<PlanRecord> ListPlans(db::Connection& c, const std::string& scope, std::optional<int> year,
                                  std::optional<PlanStatus> status, bool family) {
    std::vector<PlanRecord> out;
    const auto y = year ? db::Value{std::int64_t{*year}} : db::Null();
    const auto s = status ? db::Value{std::string(ToString(*status))} : db::Null();
    for (const auto& r : c.Query(kList, {scope, y, s, std::int64_t{family ? 1 : 0}})) out.push_back(Read(r));
    return out;
}

void UpdatePlanHead(db::Connection& c, std::int64_t id, const std::string& title, const PriorityTiers& tiers,
                    const std::string& now) {
    c.Execute(kHead, {id, title, TiersText(tiers), now});
}

bool MovePlan(db::Connection& c, std::int64_t id, PlanStatus from, PlanStatus to, const std::string& now) {
    return c.Execute(kMove, {id, std::string(ToString(from)), std::string(ToString(to)), now}) == 1;
}

bool OpenSignup(db::Connection& c, std::int64_t id, const std::string& seed, const std::string& commitment,
                const std::string& now) {
    return c.Execute(kOpen, {id, seed, commitment, now}) == 1;
}

void RecordAllocation(db::Connection& c, std::int64_t id, std::int64_t user_id, const std::string& now) {
    c.Execute(kAllocated, {id, user_id, now});
}

void LockPlan(db::Connection& c, std::int64_t id) { c.Execute(kLock, {id}); }

void LockSitePeriod(db::Connection& c, std::int64_t site_id, std::int64_t period_id) {
    c.Execute(kLockSitePeriod, {site_id, period_id});
}

std::string PlanSeed(db::Connection& c, std::int64_t id) {
    return c.Query(kSeed, {id})[0].OptText(0).value_or("");
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (const auto id : ids) out += (out.empty() ? "" : " ") + std::to_string(id);
    return out;
}

std::vector<std::int64_t> SplitIds(const std::string& text) {
    std::vector<std::int64_t> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find(' ', at);
        const auto piece = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (!piece.empty()) out.push_back(std::stoll(piece));
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return out;
}

}  // namespace kehou::custody::repo
