#include "enrollment/season_service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/mask.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "enrollment/policy_json.hpp"
#include "lottery/lottery.hpp"

namespace kehou::enrollment {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

Error SeasonNotFound() { return Error::NotFound("enrollment.season_not_found", "找不到该招生季", "No such season"); }

Error WrongState(const Season& s, std::string_view action_zh, std::string_view action_en) {
    return Error::Conflict("enrollment.season_state",
                           fmt::format("招生季当前状态为“{}”，不能{}", ToString(s.status), action_zh),
                           fmt::format("The season is {}; it cannot be {}", ToString(s.status), action_en), "status");
}

std::string CityPathOf(const std::string& county_path) {
    // "/370800/370811/" → "/370800/"
    const auto second = county_path.find('/', 1);
    return second == std::string::npos ? county_path : county_path.substr(0, second + 1);
}

void CheckDates(const SeasonInput& in) {
    const auto from = ParseIsoDate(in.opens_on), to = ParseIsoDate(in.closes_on);
    if (!from) throw Error::Unprocessable("enrollment.bad_date", "日期格式应为 YYYY-MM-DD", "Date must be YYYY-MM-DD", "opens_on");
    if (!to) throw Error::Unprocessable("enrollment.bad_date", "日期格式应为 YYYY-MM-DD", "Date must be YYYY-MM-DD", "closes_on");
    if (*to < *from)
        throw Error::Unprocessable("enrollment.bad_dates", "截止日期不能早于开始日期", "closes_on is before opens_on",
                                   "closes_on");
    if (in.entry_grade != 1 && in.entry_grade != 7)
        throw Error::Unprocessable("enrollment.bad_grade", "入学年级只能是一年级或七年级", "Entry grade is 1 or 7",
                                   "entry_grade");
    if (in.year < 2000 || in.year > 2100)
        throw Error::Unprocessable("enrollment.bad_year", "年份无效", "Year is out of range", "year");
    if (in.title.empty()) throw Error::Unprocessable("enrollment.title_required", "请填写名称", "Title is required", "title");
}

void CheckPlans(const std::vector<SchoolPlan>& plans, const std::vector<SchoolPlan>& county, const Season& s) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const auto& p = plans[i];
        const auto field = fmt::format("schools[{}]", i);
        if (!seen.insert(p.school_id).second ||
            std::none_of(county.begin(), county.end(), [&](const SchoolPlan& c) { return c.school_id == p.school_id; }))
            throw Error::Unprocessable("enrollment.bad_school", "学校不属于本区县、不招收该年级或重复",
                                       "The school is not of this county, does not take this grade, or is repeated",
                                       field + ".school_id");
        if (p.seats < 0 || p.seats > 5000)
            throw Error::Unprocessable("enrollment.bad_seats", "招生计划应为 0 至 5000", "Seats are 0 to 5000",
                                       field + ".seats");
        for (const auto& code : p.communities)
            if (code.size() < 9 || code.size() > 12 || !code.starts_with(s.unit_code) ||
                !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                throw Error::Unprocessable("enrollment.bad_community", "社区代码应为本区县的 9 至 12 位代码",
                                           "Community codes are 9 to 12 digits of this county", field + ".communities");
    }
    for (std::size_t i = 0; i < plans.size(); ++i)
        for (const auto id : plans[i].nearby)
            if (id == plans[i].school_id || !seen.contains(id))
                throw Error::Unprocessable("enrollment.bad_nearby", "统筹学校须为本计划中的其他学校",
                                           "Nearby schools are other schools of this plan",
                                           fmt::format("schools[{}].nearby", i));
}

}  // namespace

std::string LotteryContext(std::int64_t season_id) { return fmt::format("enrollment-season-{}", season_id); }

repo::Reader ReaderOf(db::Connection& c, const Principal& p) {
    if (p.role != Role::kGuardian) return {p.scope_path, std::nullopt};
    // A guardian without a guardian record reads nothing of anyone's: -1 matches no row.
    return {p.scope_path, repo::GuardianOfUser(c, p.user_id).value_or(-1)};
}

SeasonContext LoadSeasonContext(db::Connection& c, const Season& season) {
    SeasonContext ctx{season, ParsePolicy(boost::json::parse(season.policy_json)), {}, repo::ListPlans(c, season.id), {}};
    ctx.geography.county_prefix = season.unit_code;
    ctx.geography.urban_prefixes = repo::UrbanDistrictCodes(c, CityPathOf(season.org_path));
    for (const auto& p : ctx.plans)
        if (!p.is_private) ctx.catchments.push_back({p.school_id, Catchment(p.communities.begin(), p.communities.end())});
    return ctx;
}

SeasonService::SeasonService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

std::vector<Season> SeasonService::List(const Principal& p) {
    auto c = database_.Acquire();
    return repo::ListSeasons(*c, ReaderOf(*c, p));
}

Season SeasonService::Reload(db::Connection& c, const Principal& p, std::int64_t id) {
    auto s = repo::FindSeason(c, ReaderOf(c, p), id);
    if (!s) throw SeasonNotFound();
    return *s;
}

std::pair<Season, std::vector<SchoolPlan>> SeasonService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto s = Reload(*c, p, id);
    return {s, repo::ListPlans(*c, id)};
}

Season SeasonService::ForCountyWrite(db::Connection& c, const Principal& p, std::int64_t id) {
    // A write outside the caller's county is refused as such (403); only a season nobody has is 404.
    auto s = repo::FindSeason(c, {"/", std::nullopt}, id);
    if (!s) throw SeasonNotFound();
    if (!p.Covers(s->org_path))
        throw Error::Forbidden("enrollment.county_only", "只有区县教育局可以管理招生季",
                               "Only the county bureau manages a season");
    return *s;
}

Season SeasonService::Create(const Principal& p, const SeasonInput& in) {
    CheckDates(in);
    const auto unit = org_.FindUnit(in.unit_code);
    if (!unit || unit->kind == "city")
        throw Error::Unprocessable("enrollment.bad_unit", "请选择区县", "Choose a county", "unit_code");
    if (!p.Covers(unit->org_path))
        throw Error::Forbidden("enrollment.county_only", "只能为本区县创建招生季", "A season is created for your own county");
    Season s;
    s.unit_code = unit->code;
    s.org_path = unit->org_path;
    s.year = in.year;
    s.entry_grade = in.entry_grade;
    s.title = in.title;
    s.opens_on = in.opens_on;
    s.closes_on = in.closes_on;
    s.policy_json = boost::json::serialize(PolicyJson(LixiaPolicy(in.year)));
    const auto seed = lottery::NewSeed();
    s.seed_commitment = lottery::Commitment(seed);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    std::int64_t id = 0;
    try {
        id = repo::InsertSeason(*c, s, seed, p.user_id, Now());
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("enrollment.season_exists", "该区县该年级的招生季已存在",
                              "This county already has a season for that year and grade", "year");
    }
    tx.Commit();
    return Reload(*c, p, id);
}

Season SeasonService::PutPolicy(const Principal& p, std::int64_t id, const Policy& policy) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto s = ForCountyWrite(*c, p, id);
    if (s.status != SeasonStatus::kOpen && s.status != SeasonStatus::kClosed)
        throw WrongState(s, "修改招生政策", "given a new policy");
    repo::UpdatePolicy(*c, id, boost::json::serialize(PolicyJson(policy)), Now());
    tx.Commit();
    return Reload(*c, p, id);
}

Season SeasonService::PutPlans(const Principal& p, std::int64_t id, std::vector<SchoolPlan> plans) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto s = ForCountyWrite(*c, p, id);
    if (s.status != SeasonStatus::kOpen && s.status != SeasonStatus::kClosed)
        throw WrongState(s, "修改招生计划", "given new plans");
    const auto county = repo::CountySchools(*c, s.org_path, s.entry_grade);
    CheckPlans(plans, county, s);
    for (auto& plan : plans) {
        const auto& school = *std::find_if(county.begin(), county.end(),
                                           [&](const SchoolPlan& k) { return k.school_id == plan.school_id; });
        plan.org_path = school.org_path;
        plan.is_private = school.is_private;
    }
    repo::ReplacePlans(*c, id, plans);
    tx.Commit();
    return Reload(*c, p, id);
}

Season SeasonService::Close(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto s = ForCountyWrite(*c, p, id);
    if (!repo::MoveSeason(*c, id, SeasonStatus::kOpen, SeasonStatus::kClosed, Now()))
        throw WrongState(s, "截止报名", "closed");
    tx.Commit();
    return Reload(*c, p, id);
}

Season SeasonService::Publish(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto s = ForCountyWrite(*c, p, id);
    if (!repo::MoveSeason(*c, id, SeasonStatus::kAdmitted, SeasonStatus::kPublished, Now()))
        throw WrongState(s, "公布录取结果", "published");
    tx.Commit();
    return Reload(*c, p, id);
}

LotteryRecord SeasonService::Lottery(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    const auto s = Reload(*c, p, id);
    return {s.seed_commitment, s.seed,
            "draw = first 8 bytes (big-endian) of SHA-256(seed|context|application id); lower draws first",
            LotteryContext(id), s.input_digest, s.result_digest};
}

std::vector<PlacementRow> SeasonService::Placements(const Principal& p, std::int64_t id,
                                                    std::optional<std::int64_t> school_id) {
    auto c = database_.Acquire();
    Reload(*c, p, id);
    return repo::ListPlacements(*c, id, p.scope_path, school_id);
}

std::vector<PlacementRow> SeasonService::PublicList(const Principal& p, std::int64_t id,
                                                    std::optional<std::int64_t> school_id) {
    auto c = database_.Acquire();
    const auto s = repo::FindSeason(*c, {p.scope_path, std::int64_t{0}}, id);  // the city's published seasons
    if (!s || s->status != SeasonStatus::kPublished) throw SeasonNotFound();
    auto rows = repo::ListPlacements(*c, id, "/", school_id);
    std::erase_if(rows, [](const PlacementRow& r) { return !r.school_id; });
    for (auto& r : rows) {
        r.child_name = MaskName(r.child_name);  // the masked id number is stored masked already (R3.11)
        r.category_name.reset();
        r.application_id = 0;
    }
    return rows;
}

}  // namespace kehou::enrollment
