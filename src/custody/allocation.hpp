#pragma once
// 名额分配 The allocation of custody places per site and period (issue 9 point 7): everyone gets a place when the
// sign-ups fit; when a site-period is oversubscribed, places go by priority tier, then within a tier by the shared
// lottery's draw (lower first), and the rest wait in that order (候补). Deterministic and independent of the order
// the sign-ups come in: anyone can re-run it from the plan, the sign-ups and the published seed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "custody/model.hpp"

namespace kehou::custody {

/// The lottery context of a site-period, "custody-<site>-<period>": each draws independently of the others.
std::string LotteryContext(std::int64_t site_id, std::int64_t period_id);

/// The allocation of every site-period the plan opens (places > 0), ordered by site id then period id, each
/// list in (tier, draw, child id) order. Throws a 422 when the tiers or a sign-up break the rules (a school the
/// site does not take, a closed period, a child twice in one period).
std::vector<SiteAllocation> Allocate(const CustodyPlan& plan, const std::vector<SignUp>& signups,
                                     const PriorityTiers& tiers, std::string_view seed);

/// The outcome of a cancellation: the allocation after it and who, if anyone, moved up from the waitlist.
struct Cancellation {
    SiteAllocation after;
    bool found = false;                    // the child held a place or a waitlist position
    std::optional<std::int64_t> promoted;  // the first on the waitlist, when a place came free
};

/// A child gives up their place or their waitlist position. A freed place goes to the first on the waitlist.
Cancellation Cancel(const SiteAllocation& allocation, std::int64_t child_id);

/// [D] A sign-up after the draw (late, or for a site-period that had room): a place when one is free, otherwise the
/// end of the waitlist — first come after the draw, whatever the tier, so nobody already waiting is overtaken.
SiteAllocation Join(const SiteAllocation& allocation, const Entry& late);

}  // namespace kehou::custody
