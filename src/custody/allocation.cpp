#include "custody/allocation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "custody/rules.hpp"
#include "lottery/lottery.hpp"

namespace kehou::custody {
namespace {

using SitePeriod = std::pair<std::int64_t, std::int64_t>;

// Every sign-up checked against the plan, then one place per child per period across the county. Problems carry
// the sign-up's index so a county's import can point at the row.
void CheckSignUps(const CustodyPlan& plan, const std::vector<SignUp>& signups, const PriorityTiers& tiers) {
    auto problems = TierProblems(tiers);
    std::set<std::pair<std::int64_t, std::int64_t>> child_periods;
    for (std::size_t i = 0; i < signups.size(); ++i) {
        const auto prefix = fmt::format("sign_ups[{}].", i);
        for (auto p : SignUpProblems(plan, signups[i], {})) {
            p.field = prefix + p.field;
            problems.push_back(std::move(p));
        }
        for (std::size_t k = 0; k < signups[i].periods.size(); ++k)
            if (!child_periods.emplace(signups[i].child_id, signups[i].periods[k]).second)
                problems.push_back({"custody.already_signed_up", "该学生本期已报名",
                                    "The child is already signed up for this period",
                                    fmt::format("{}periods[{}]", prefix, k)});
    }
    ThrowIfAny(problems);
}

bool Before(const Entry& a, const Entry& b) {
    return std::tie(a.tier, a.draw, a.child_id) < std::tie(b.tier, b.draw, b.child_id);
}

SiteAllocation AllocateOne(std::int64_t site, std::int64_t period, int capacity, std::vector<Entry> entries,
                           std::string_view seed) {
    SiteAllocation a;
    a.site_id = site;
    a.period_id = period;
    a.capacity = capacity;
    a.lottery_context = LotteryContext(site, period);
    const lottery::Drawer draw(seed, a.lottery_context);
    for (auto& e : entries) e.draw = draw(e.child_id);
    // The order is computed even when everyone fits, so the list a school prints is the same one a waitlist
    // would have used; the child id breaks a tie of draws (2^-64, but the result must not depend on input order).
    std::sort(entries.begin(), entries.end(), Before);
    a.oversubscribed = static_cast<int>(entries.size()) > capacity;
    const auto cut = std::min(entries.size(), static_cast<std::size_t>(std::max(capacity, 0)));
    a.placed.assign(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(cut));
    a.waitlist.assign(entries.begin() + static_cast<std::ptrdiff_t>(cut), entries.end());
    return a;
}

// Moves the head of the waitlist up while places are free.
std::optional<std::int64_t> Promote(SiteAllocation& a) {
    std::optional<std::int64_t> first;
    while (static_cast<int>(a.placed.size()) < a.capacity && !a.waitlist.empty()) {
        if (!first) first = a.waitlist.front().child_id;
        a.placed.push_back(a.waitlist.front());
        a.waitlist.erase(a.waitlist.begin());
    }
    return first;
}

bool Remove(std::vector<Entry>& list, std::int64_t child) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const Entry& e) { return e.child_id == child; });
    if (it == list.end()) return false;
    list.erase(it);
    return true;
}

}  // namespace

std::string LotteryContext(std::int64_t site_id, std::int64_t period_id) {
    return fmt::format("custody-{}-{}", site_id, period_id);
}

std::vector<SiteAllocation> Allocate(const CustodyPlan& plan, const std::vector<SignUp>& signups,
                                     const PriorityTiers& tiers, std::string_view seed) {
    CheckSignUps(plan, signups, tiers);
    std::map<SitePeriod, int> capacity;
    for (const auto& s : plan.sites)
        for (const auto& c : s.capacity)
            if (c.places > 0) capacity[{s.id, c.period_id}] = c.places;
    std::map<SitePeriod, std::vector<Entry>> entries;
    for (const auto& s : signups) {
        const int tier = TierOf(s.groups, tiers);
        for (const auto period : s.periods) entries[{s.site_id, period}].push_back({s.child_id, tier, 0});
    }
    std::vector<SiteAllocation> out;
    for (const auto& [key, places] : capacity)
        out.push_back(AllocateOne(key.first, key.second, places, std::move(entries[key]), seed));
    return out;
}

Cancellation Cancel(const SiteAllocation& allocation, std::int64_t child_id) {
    Cancellation c{allocation, false, std::nullopt};
    if (Remove(c.after.placed, child_id)) {
        c.found = true;
        c.promoted = Promote(c.after);
    } else {
        c.found = Remove(c.after.waitlist, child_id);
    }
    return c;
}

SiteAllocation Join(const SiteAllocation& allocation, const Entry& late) {
    SiteAllocation a = allocation;
    const auto has = [&](const std::vector<Entry>& l) {
        return std::any_of(l.begin(), l.end(), [&](const Entry& e) { return e.child_id == late.child_id; });
    };
    if (has(a.placed) || has(a.waitlist)) return a;
    if (static_cast<int>(a.placed.size()) < a.capacity)
        a.placed.push_back(late);
    else
        a.waitlist.push_back(late);
    return a;
}

}  // namespace kehou::custody
