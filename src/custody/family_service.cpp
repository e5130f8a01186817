// 需求调查与报名 Surveys, sign-ups and cancellations (issue 9 point 7): a guardian answers only for their own children
// (another family's child is 404), at sites that take the child's school, claiming only the priority groups the
// school has on record; after the draw a sign-up joins late and a cancellation promotes the waitlist.
#include "custody/family_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "custody/access.hpp"
#include "custody/allocation.hpp"
#include "custody/repo.hpp"
#include "custody/rules.hpp"
#include "db/transaction.hpp"

namespace kehou::custody {
namespace {

void ThrowIfNotOpen(const PlanRecord& plan, bool survey_too, std::string_view zh, std::string_view en) {
    const bool open = plan.status == PlanStatus::kSignup || plan.status == PlanStatus::kAllocated ||
                      (survey_too && plan.status == PlanStatus::kSurvey);
    if (!open) throw WrongState(plan, zh, en);
}

void ThrowIfOtherCounty(const PlanRecord& plan, const org::Student& child) {
    if (plan.org_path != CountyPathOf(child.org_path))
        throw Error::Unprocessable("custody.other_county", "孩子的学校不在该方案的区县",
                                   "The child's school is not in the plan's county", "student_id");
}

// The claims a school's records bear out; a claim without a record is refused, naming the group.
void CheckGroups(const org::Student& child, const std::vector<PriorityGroup>& groups) {
    const auto on_record = GroupsOnRecord(child.flags);
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (std::find(on_record.begin(), on_record.end(), groups[i]) == on_record.end())
            throw Error::Unprocessable("custody.group_not_on_record",
                                       "学校登记信息中没有该优先情形，请先联系学校登记",
                                       "The school has no record of this priority group; ask the school to record it",
                                       fmt::format("groups[{}]", i));
}

// The site-period's places and queue as the pure layer reads them.
SiteAllocation AllocationOf(const std::vector<SignupRow>& rows, const StoredPlan& stored, std::int64_t site,
                            std::int64_t period) {
    SiteAllocation a;
    a.site_id = site;
    a.period_id = period;
    for (const auto& s : stored.plan.sites)
        if (s.id == site)
            for (const auto& c : s.capacity)
                if (c.period_id == period) a.capacity = c.places;
    std::vector<const SignupRow*> placed, waiting;
    for (const auto& r : rows)
        (r.status == SignupStatus::kPlaced ? placed : waiting).push_back(&r);
    const auto by_position = [](const SignupRow* x, const SignupRow* y) {
        return std::pair(x->position.value_or(0), x->id) < std::pair(y->position.value_or(0), y->id);
    };
    std::sort(placed.begin(), placed.end(), by_position);
    std::sort(waiting.begin(), waiting.end(), by_position);
    for (const auto* r : placed) a.placed.push_back({r->student_id, r->tier.value_or(0), 0});
    for (const auto* r : waiting)
        if (r->status == SignupStatus::kWaitlisted) a.waitlist.push_back({r->student_id, r->tier.value_or(0), 0});
    return a;
}

// Writes the statuses and positions an allocation gives to the rows that changed.
void WriteBack(db::Connection& c, const SiteAllocation& a, std::vector<SignupRow>& rows, const std::string& now) {
    std::map<std::int64_t, std::pair<SignupStatus, int>> want;
    for (std::size_t i = 0; i < a.placed.size(); ++i) want[a.placed[i].child_id] = {SignupStatus::kPlaced, static_cast<int>(i + 1)};
    for (std::size_t i = 0; i < a.waitlist.size(); ++i)
        want[a.waitlist[i].child_id] = {SignupStatus::kWaitlisted, static_cast<int>(i + 1)};
    for (auto& r : rows) {
        const auto it = want.find(r.student_id);
        if (it == want.end() || (r.status == it->second.first && r.position == it->second.second)) continue;
        r.status = it->second.first;
        r.position = it->second.second;
        repo::UpdateSignup(c, r, now);
    }
}

std::optional<PlanRecord> OpenPlanOf(db::Connection& c, const std::string& county) {
    for (auto& r : repo::ListPlans(c, county, std::nullopt, std::nullopt, true))
        if (r.org_path == county) return r;
    return std::nullopt;
}

}  // namespace

std::vector<PriorityGroup> GroupsOnRecord(const org::StudentFlags& f) {
    std::vector<PriorityGroup> out;
    if (f.dual_income) out.push_back(PriorityGroup::kDualIncome);
    if (f.migrant) out.push_back(PriorityGroup::kMigrantWorker);
    if (f.hardship) out.push_back(PriorityGroup::kLowIncome);
    if (f.military_family) out.push_back(PriorityGroup::kMilitary);
    if (f.left_behind) out.push_back(PriorityGroup::kLeftBehind);
    return out;
}

std::vector<FamilyChild> FamilyService::Family(const Principal& p) {
    RequireGuardian(p);
    const auto children = org_.ListChildren(p);
    auto c = database_.Acquire();
    std::vector<FamilyChild> out;
    for (const auto& child : children) {
        FamilyChild f{child, std::nullopt, {}, std::nullopt, {}};
        if (const auto plan = OpenPlanOf(*c, CountyPathOf(child.org_path))) {
            auto stored = repo::LoadPlan(*c, *plan);
            for (std::size_t i = stored.plan.sites.size(); i-- > 0;) {
                const auto& served = stored.plan.sites[i].served_schools;
                if (std::find(served.begin(), served.end(), child.school_id) != served.end()) continue;
                stored.plan.sites.erase(stored.plan.sites.begin() + static_cast<std::ptrdiff_t>(i));
                stored.infos.erase(stored.infos.begin() + static_cast<std::ptrdiff_t>(i));
            }
            for (auto& s : stored.plan.sites) s.safety.reset();  // the family page shows no staff phones
            f.capacity = repo::Capacities(*c, plan->id);
            f.survey = repo::FindSurvey(*c, plan->id, child.id);
            f.signups = repo::ChildSignups(*c, plan->id, child.id);
            f.plan = std::move(stored);
        }
        out.push_back(std::move(f));
    }
    return out;
}

StoredSurvey FamilyService::PutSurvey(const Principal& p, std::int64_t plan_id, std::int64_t student_id,
                                      const StoredSurvey& s) {
    RequireGuardian(p);
    const auto child = org_.GetChild(p, student_id);
    auto c = database_.Acquire();
    const auto plan = ReadablePlan(*c, org_, p, plan_id);
    ThrowIfOtherCounty(plan, child);
    if (plan.status != PlanStatus::kSurvey && plan.status != PlanStatus::kSignup)
        throw WrongState(plan, "填写需求调查", "take survey answers");
    if (s.wants) {
        auto problems = SurveyProblems(repo::LoadPlan(*c, plan).plan, {child.id, child.school_id, s.period_ids});
        RenameField(problems, "periods", "period_ids");
        ThrowIfAny(problems);
    } else if (!s.period_ids.empty()) {
        throw Error::Unprocessable("custody.periods_without_need", "不需要托管时不能选择托管期",
                                   "Periods are chosen only when custody is wanted", "period_ids");
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::UpsertSurvey(*c, plan_id, child.id, child.org_path, s, p.user_id, Now());
    tx.Commit();
    return s;
}

std::vector<SignupRow> FamilyService::SignUp(const Principal& p, std::int64_t plan_id, const SignupInput& in) {
    RequireGuardian(p);
    const auto child = org_.GetChild(p, in.student_id);
    auto c = database_.Acquire();
    const auto visible = ReadablePlan(*c, org_, p, plan_id);
    ThrowIfOtherCounty(visible, child);
    CheckGroups(child, in.groups);
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::LockPlan(*c, plan_id);
    const auto plan = *repo::FindPlan(*c, "/", plan_id);
    ThrowIfNotOpen(plan, false, "报名", "take sign-ups");
    const auto stored = repo::LoadPlan(*c, plan);
    std::vector<custody::SignUp> others;
    for (const auto& r : repo::ChildSignups(*c, plan_id, child.id))
        if (r.status != SignupStatus::kCancelled) others.push_back({r.student_id, r.school_id, r.site_id, {r.period_id}, {}});
    auto problems = SignUpProblems(stored.plan, {child.id, child.school_id, in.site_id, in.period_ids, in.groups}, others);
    RenameField(problems, "periods", "period_ids");
    RenameField(problems, "school_id", "site_id");
    ThrowIfAny(problems);
    const auto now = Now();
    const int tier = TierOf(in.groups, plan.tiers);
    std::vector<SignupRow> out;
    for (const auto period : in.period_ids) {
        SignupRow row;
        row.plan_id = plan_id;
        row.site_id = in.site_id;
        row.period_id = period;
        row.student_id = child.id;
        row.org_path = child.org_path;
        row.groups = in.groups;
        row.created_at = now;
        if (plan.status == PlanStatus::kAllocated) {
            // [D] Join late: a free place, else the end of the waitlist whatever the tier (allocation.hpp Join).
            repo::LockSitePeriod(*c, in.site_id, period);
            const auto joined = Join(AllocationOf(repo::LiveAt(*c, in.site_id, period), stored, in.site_id, period),
                                     {child.id, tier, 0});
            const bool placed = !joined.placed.empty() && joined.placed.back().child_id == child.id;
            row.status = placed ? SignupStatus::kPlaced : SignupStatus::kWaitlisted;
            row.position = static_cast<int>(placed ? joined.placed.size() : joined.waitlist.size());
            row.tier = tier;
        }
        try {
            row.id = repo::InsertSignup(*c, row, p.user_id);
        } catch (const db::DbError& e) {
            if (e.kind() != db::DbErrorKind::kUnique) throw;
            throw Error::Conflict("custody.already_signed_up", "该学生本期已报名",
                                  "The child is already signed up for this period", "period_ids");
        }
        out.push_back(*repo::FindSignup(*c, row.id));
    }
    tx.Commit();
    return out;
}

std::pair<std::vector<SignupRow>, std::int64_t> FamilyService::List(const Principal& p, SignupFilter f) {
    std::string scope = p.scope_path;
    if (p.role == Role::kGuardian) {
        scope = "/";
        f.guardian_user = p.user_id;
    }
    auto c = database_.Acquire();
    return repo::ListSignups(*c, scope, f);
}

SignupRow FamilyService::Cancel(const Principal& p, std::int64_t signup_id) {
    auto c = database_.Acquire();
    const auto found = repo::FindSignup(*c, signup_id);
    if (!found) throw SignupNotFound();
    auto plan = *repo::FindPlan(*c, "/", found->plan_id);
    if (p.role == Role::kGuardian)
        org_.GetChild(p, found->student_id);  // 404 for another family's child
    else
        RequireCountyOf(p, plan);
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::LockPlan(*c, plan.id);
    plan = *repo::FindPlan(*c, "/", plan.id);
    ThrowIfNotOpen(plan, false, "取消报名", "take cancellations");
    repo::LockSitePeriod(*c, found->site_id, found->period_id);
    auto rows = repo::LiveAt(*c, found->site_id, found->period_id);
    const auto mine = std::find_if(rows.begin(), rows.end(), [&](const SignupRow& r) { return r.id == signup_id; });
    if (mine == rows.end())
        throw Error::Conflict("custody.already_cancelled", "该报名已取消", "The sign-up is already cancelled", "status");
    auto cancelled = *mine;
    const auto now = Now();
    if (cancelled.status != SignupStatus::kPending) {
        const auto after = custody::Cancel(AllocationOf(rows, repo::LoadPlan(*c, plan), found->site_id,
                                                        found->period_id), found->student_id);
        rows.erase(mine);
        WriteBack(*c, after.after, rows, now);
    }
    cancelled.status = SignupStatus::kCancelled;
    cancelled.position.reset();
    repo::UpdateSignup(*c, cancelled, now);
    tx.Commit();
    return *repo::FindSignup(*c, signup_id);
}

}  // namespace kehou::custody
