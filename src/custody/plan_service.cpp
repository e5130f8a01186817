// 托管方案 A county's plan: checks (R1.17 content, R2.1 fee cap, the county's schools), storage, status moves,
// safety plans, and the detail every role reads with phones masked where the role does not need them.
#include "custody/plan_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/mask.hpp"
#include "custody/access.hpp"
#include "custody/repo.hpp"
#include "custody/rules.hpp"
#include "db/transaction.hpp"
#include "lottery/lottery.hpp"

namespace kehou::custody {
namespace {

std::vector<std::string> MovesFor(const Principal& p, const PlanRecord& plan) {
    if (p.role != Role::kDistrictAdmin || !p.Covers(plan.org_path)) return {};
    switch (plan.status) {
        case PlanStatus::kDraft: return {"survey"};
        case PlanStatus::kSurvey: return {"signup"};
        case PlanStatus::kSignup: return {"allocated"};
        case PlanStatus::kAllocated: return {"closed"};
        case PlanStatus::kClosed: return {};
    }
    return {};
}

// The responsible person's phone in full for the bureaus and the host school; masked for other schools and families.
void MaskPhones(const Principal& p, StoredPlan& stored) {
    for (std::size_t i = 0; i < stored.plan.sites.size(); ++i) {
        auto& safety = stored.plan.sites[i].safety;
        if (!safety || (p.role != Role::kGuardian && p.Covers(stored.infos[i].org_path))) continue;
        safety->responsible_phone = MaskMobile(safety->responsible_phone);
        for (auto& c : safety->emergency_contacts) c.phone = MaskMobile(c.phone);
    }
}

std::vector<Problem> HeadProblems(const PlanInput& in) {
    std::vector<Problem> out;
    if (in.title.empty()) out.push_back({"custody.missing_title", "请填写方案名称", "A plan needs a title", "title"});
    if (in.year < 2021 || in.year > 2100)
        out.push_back({"custody.bad_year", "年份无效", "The year is out of range", "year"});
    for (std::size_t i = 0; i < in.plan.periods.size(); ++i) {
        const auto& period = in.plan.periods[i];
        if (period.start_date.size() == 10 && period.start_date.substr(0, 4) != std::to_string(in.year))
            out.push_back({"custody.period_outside_year", "托管期须在方案年份内", "A period lies in the plan's year",
                           fmt::format("periods[{}].start_date", i)});
    }
    return out;
}

// The rules' field names to the API's: capacity's "period_id" is the body's "period", the tiers are "priority_tiers".
void ToApiFields(std::vector<Problem>& problems) {
    for (auto& p : problems)
        if (p.field.find(".capacity[") != std::string::npos && p.field.ends_with(".period_id"))
            p.field.resize(p.field.size() - 3);
    RenameField(problems, "tiers", "priority_tiers");
}

}  // namespace

std::optional<std::int64_t> PlanService::DayCapFen(const Principal& p, const std::string& unit_code, int year,
                                                   bool rural) {
    // Summer follows the spring term; a county that published only for the autumn term has that one in force.
    for (const auto* term : {"spring", "autumn"}) {
        try {
            const auto s = fees_.InForce(p, unit_code, fmt::format("{}-{}", year, term));
            return (rural ? s.standard.rural_per_hour_fen : s.standard.urban_per_hour_fen) * kFeeHoursPerDay;
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::kNotFound) throw;
        }
    }
    return std::nullopt;
}

std::vector<Problem> PlanService::Problems(const Principal& p, const PlanInput& in,
                                           std::vector<std::string>* site_paths) {
    const auto unit = org_.FindUnit(in.unit_code);
    if (!unit || unit->kind == "city")
        throw Error::Unprocessable("custody.bad_unit", "请选择区县", "Choose a county", "unit_code");
    if (!p.Covers(unit->org_path))
        throw Error::Forbidden("custody.county_only", "只能为本区县制定托管方案", "A plan is made for your own county");
    std::map<std::int64_t, org::School> schools;
    for (auto& s : org_.ListSchools(p, {in.unit_code, std::nullopt, std::nullopt, 1, 100000}).items)
        schools.emplace(s.id, std::move(s));
    PlanContext ctx;
    bool rural = false;
    for (const auto& [id, s] : schools) ctx.county_schools.push_back(id);
    for (const auto& site : in.plan.sites) {
        const auto it = schools.find(site.host_school_id);
        rural = rural || (it != schools.end() && it->second.is_rural);
        if (site_paths) site_paths->push_back(it != schools.end() ? it->second.org_path : "");
    }
    // A county without schools has nothing to check served schools against; an empty list would accept any.
    if (ctx.county_schools.empty()) ctx.county_schools.push_back(-1);
    ctx.fee_cap_per_day_fen = DayCapFen(p, unit->code, in.year, rural);
    auto problems = HeadProblems(in);
    for (auto& x : PlanProblems(in.plan, ctx)) problems.push_back(std::move(x));
    for (auto& x : TierProblems(in.tiers.value_or(PriorityTiers{}))) problems.push_back(std::move(x));
    ToApiFields(problems);
    return problems;
}

std::vector<Problem> PlanService::Check(const Principal& p, const PlanInput& in) { return Problems(p, in, nullptr); }

PlanRecord PlanService::ForCountyWrite(db::Connection& c, const Principal& p, std::int64_t id) {
    // A write outside the caller's county is refused as such (403); only a plan nobody has is 404.
    auto plan = repo::FindPlan(c, "/", id);
    if (!plan) throw PlanNotFound();
    RequireCountyOf(p, *plan);
    return *plan;
}

PlanDetail PlanService::Detail(db::Connection& c, const Principal& p, const PlanRecord& record) {
    PlanDetail d{repo::LoadPlan(c, record), repo::Figures(c, record.id), repo::Capacities(c, record.id),
                 repo::Survey(c, record.id), MovesFor(p, record)};
    MaskPhones(p, d.stored);
    return d;
}

std::vector<PlanSummary> PlanService::List(const Principal& p, std::optional<int> year,
                                           std::optional<PlanStatus> status) {
    std::vector<PlanRecord> records;
    if (p.role == Role::kGuardian) {
        const auto counties = FamilyCounties(org_, p);
        auto c = database_.Acquire();
        for (const auto& county : counties)
            for (auto& r : repo::ListPlans(*c, county, year, status, true))
                if (r.org_path == county) records.push_back(std::move(r));
    } else {
        auto c = database_.Acquire();
        records = repo::ListPlans(*c, p.scope_path, year, status, false);
    }
    auto c = database_.Acquire();
    std::vector<PlanSummary> out;
    for (const auto& r : records) {
        const auto stored = repo::LoadPlan(*c, r);
        out.push_back({r, static_cast<std::int64_t>(stored.plan.periods.size()),
                       static_cast<std::int64_t>(stored.plan.sites.size()), repo::Figures(*c, r.id)});
    }
    return out;
}

PlanDetail PlanService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    return Detail(*c, p, ReadablePlan(*c, org_, p, id));
}

void PlanService::Store(db::Connection& c, std::int64_t id, PlanInput& in, const std::vector<std::string>& site_paths) {
    repo::UpdatePlanHead(c, id, in.title, in.tiers.value_or(PriorityTiers{}), Now());
    repo::ReplaceStructure(c, id, in.plan, site_paths);
}

PlanDetail PlanService::Create(const Principal& p, PlanInput in) {
    std::vector<std::string> paths;
    ThrowIfAny(Problems(p, in, &paths));
    const auto unit = org_.FindUnit(in.unit_code);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    PlanRecord r;
    r.unit_code = unit->code;
    r.org_path = unit->org_path;
    r.year = in.year;
    r.title = in.title;
    r.tiers = in.tiers.value_or(PriorityTiers{});
    std::int64_t id = 0;
    try {
        id = repo::InsertPlan(*c, r, p.user_id, Now());
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("custody.plan_exists", "本区县该年度已有暑期托管方案",
                              "The county already has a custody plan for that year", "year");
    }
    Store(*c, id, in, paths);
    tx.Commit();
    return Get(p, id);
}

PlanDetail PlanService::Update(const Principal& p, std::int64_t id, PlanInput in) {
    {
        auto c = database_.Acquire();
        const auto plan = ForCountyWrite(*c, p, id);
        if (plan.status != PlanStatus::kDraft) throw WrongState(plan, "修改方案", "be edited");
        if (in.unit_code != plan.unit_code)
            throw Error::Unprocessable("custody.unit_fixed", "方案所属区县不能修改", "A plan's county cannot change",
                                       "unit_code");
        if (in.year != plan.year)
            throw Error::Unprocessable("custody.year_fixed", "方案年份不能修改", "A plan's year cannot change", "year");
    }
    std::vector<std::string> paths;
    ThrowIfAny(Problems(p, in, &paths));
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto plan = ForCountyWrite(*c, p, id);
    if (plan.status != PlanStatus::kDraft) throw WrongState(plan, "修改方案", "be edited");
    Store(*c, id, in, paths);
    tx.Commit();
    return Detail(*c, p, *repo::FindPlan(*c, "/", id));
}

PlanDetail PlanService::Move(const Principal& p, std::int64_t id, PlanStatus to) {
    auto c = database_.Acquire();
    auto plan = ForCountyWrite(*c, p, id);
    const auto stored = repo::LoadPlan(*c, plan);
    if (to == PlanStatus::kSignup && plan.status == PlanStatus::kSurvey) {
        // R1.17: every site's safety plan is written down before sign-up opens (the rest was checked on saving).
        std::vector<Problem> problems;
        for (std::size_t i = 0; i < stored.plan.sites.size(); ++i)
            for (auto& x : SafetyProblems(stored.plan.sites[i], fmt::format("sites[{}]", i))) problems.push_back(x);
        ThrowIfAny(problems);
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    bool moved = false;
    if (to == PlanStatus::kSurvey) moved = repo::MovePlan(*c, id, PlanStatus::kDraft, to, Now());
    if (to == PlanStatus::kClosed) moved = repo::MovePlan(*c, id, PlanStatus::kAllocated, to, Now());
    if (to == PlanStatus::kSignup) {
        const auto seed = lottery::NewSeed();
        moved = repo::OpenSignup(*c, id, seed, lottery::Commitment(seed), Now());
    }
    if (!moved) throw WrongState(plan, fmt::format("进入“{}”阶段", ToString(to)), fmt::format("move to {}", ToString(to)));
    tx.Commit();
    return Detail(*c, p, *repo::FindPlan(*c, "/", id));
}

namespace {

void CheckStaff(org::OrgService& org, const Site& site, const std::vector<std::int64_t>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto field = fmt::format("staff_teacher_ids[{}]", i);
        const auto t = org.FindTeacher(ids[i]);
        if (!t || std::find(site.served_schools.begin(), site.served_schools.end(), t->school_id) ==
                      site.served_schools.end())
            throw Error::Unprocessable("custody.staff_not_of_served_school", "参与教师须为本托管点服务学校的教师",
                                       "Staff are teachers of a school the site serves", field);
        if (std::count(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]))
            throw Error::Unprocessable("custody.duplicate_staff", "教师重复", "The teacher is listed twice", field);
    }
}

}  // namespace

PlanDetail PlanService::PutSafety(const Principal& p, std::int64_t site_id, const SafetyInput& in) {
    auto c = database_.Acquire();
    const auto ref = repo::FindSite(*c, site_id);
    if (!ref) throw SiteNotFound();
    // The county, or the host school's own admin; anyone else's write is refused as such.
    if (!p.Covers(ref->org_path) || p.role == Role::kCityAdmin)
        throw Error::Forbidden("custody.site_forbidden", "只有承办学校或区县教育局可以填写安全预案",
                               "Only the host school or the county writes the site's safety plan");
    const auto plan = *repo::FindPlan(*c, "/", ref->plan_id);
    if (plan.status == PlanStatus::kClosed) throw WrongState(plan, "修改安全预案", "take a new safety plan");
    auto stored = repo::LoadPlan(*c, plan);
    auto site = *std::find_if(stored.plan.sites.begin(), stored.plan.sites.end(),
                              [&](const Site& s) { return s.id == site_id; });
    site.safety = in.plan;
    auto problems = SafetyProblems(site, "site");
    RenameField(problems, "site.safety.", "");
    ThrowIfAny(problems);
    CheckStaff(org_, site, in.staff_teacher_ids);
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutSafety(*c, site_id, in.plan, in.staff_teacher_ids, p.user_id, Now());
    tx.Commit();
    return Detail(*c, p, plan);
}

}  // namespace kehou::custody
