// 名额分配 The county's draw over the stored sign-ups (issue 9 point 7): per site and period, priority tier then the
// shared lottery's draw from the seed committed when sign-up opened; the seed is revealed with the result, so anyone
// can re-run custody::Allocate from the plan, the sign-ups and the seed.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "custody/access.hpp"
#include "custody/allocation.hpp"
#include "custody/plan_service.hpp"
#include "custody/repo.hpp"
#include "db/transaction.hpp"
#include "lottery/lottery.hpp"

namespace kehou::custody {
namespace {

using ChildSitePeriod = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

void Write(db::Connection& c, const std::vector<Entry>& list, SignupStatus status, std::int64_t site,
           std::int64_t period, std::map<ChildSitePeriod, SignupRow>& rows, const std::string& now) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto& row = rows.at({list[i].child_id, site, period});
        row.status = status;
        row.tier = list[i].tier;
        row.draw = lottery::DrawText(list[i].draw);
        row.position = static_cast<int>(i + 1);
        repo::UpdateSignup(c, row, now);
    }
}

std::vector<AllocationItem> Items(const StoredPlan& stored, const std::map<SitePeriodKey, CapacityCounts>& counts) {
    std::map<std::int64_t, std::string> period_names;
    for (const auto& p : stored.plan.periods) period_names[p.id] = p.name;
    std::vector<AllocationItem> out;
    for (const auto& site : stored.plan.sites)
        for (const auto& cap : site.capacity) {
            if (cap.places <= 0) continue;
            const auto it = counts.find({site.id, cap.period_id});
            const auto n = it == counts.end() ? CapacityCounts{} : it->second;
            out.push_back({site.id, cap.period_id, site.name, period_names[cap.period_id],
                           LotteryContext(site.id, cap.period_id), cap.places, n.placed, n.waitlisted,
                           n.drawn > cap.places});
        }
    return out;
}

}  // namespace

AllocationView PlanService::Allocate(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto plan = ForCountyWrite(*c, p, id);
    // Taking the plan out of signup first holds its row: no sign-up joins the pool while it is drawn.
    if (!repo::MovePlan(*c, id, PlanStatus::kSignup, PlanStatus::kAllocated, Now()))
        throw WrongState(plan, "分配名额", "be allocated");
    const auto stored = repo::LoadPlan(*c, plan);
    std::vector<SignUp> signups;
    std::map<ChildSitePeriod, SignupRow> rows;
    for (auto& row : repo::LiveSignups(*c, id)) {
        signups.push_back({row.student_id, row.school_id, row.site_id, {row.period_id}, row.groups});
        rows.emplace(ChildSitePeriod{row.student_id, row.site_id, row.period_id}, std::move(row));
    }
    const auto now = Now();
    for (const auto& a : custody::Allocate(stored.plan, signups, plan.tiers, repo::PlanSeed(*c, id))) {
        Write(*c, a.placed, SignupStatus::kPlaced, a.site_id, a.period_id, rows, now);
        Write(*c, a.waitlist, SignupStatus::kWaitlisted, a.site_id, a.period_id, rows, now);
    }
    repo::RecordAllocation(*c, id, p.user_id, now);
    tx.Commit();
    return Allocation(p, id);
}

AllocationView PlanService::Allocation(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    const auto plan = ReadablePlan(*c, org_, p, id);
    const auto stored = repo::LoadPlan(*c, plan);
    return {plan.seed, plan.commitment, Items(stored, repo::Capacities(*c, id))};
}

}  // namespace kehou::custody
