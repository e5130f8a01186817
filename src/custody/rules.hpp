#pragma once
// 暑期托管 The custody rules as pure functions (RULES R1.17, R2.1–R2.2, issue 9 points 6–7): what a county's plan
// must hold, what a site needs before it opens, who may sign up where, and the priority tier of a child.
// Checks return every Problem found, each naming its field path; ToError turns them into one 422.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "custody/model.hpp"

namespace kehou::custody {

/// [D] A site-period holds at most this many children: larger is a typing error, not a school.
inline constexpr int kMaxPlaces = 5000;

/// R1.17: the type names that are teaching, not custody ("new_lessons", "collective_tutoring", …) are refused by
/// name; any other name not in the list is refused as unknown. nullopt when the name is a content type.
std::optional<Problem> CheckContentTypeName(std::string_view name, const std::string& field);

/// R1.17: phrases that make an activity teaching (新课, 补课, 集体辅导, 拔高 …), searched in activity titles the way
/// the homework checker searches for parent tasks (R1.3).
const std::vector<std::string>& DefaultBannedPhrases();

/// The phrases of `phrases` found in `text`, in list order, each once.
std::vector<std::string> FindBannedPhrases(std::string_view text, const std::vector<std::string>& phrases);

/// A period's service days: its weekdays (Mon–Fri) between the dates, both inclusive; nullopt when a date is not
/// an ISO date or the end is before the start.
std::optional<int> ServiceDays(const Period& p);

/// R2.1/R2.2: the most a period of `days` service days may cost a child — the county's day cap × days.
std::int64_t FeeCapFen(int days, std::int64_t cap_per_day_fen);

/// Every problem of a plan as a draft: periods (dates, no overlap, fee within the cap), sites (host among its
/// served schools, schools of the county, capacities of known periods, content types, activity titles).
std::vector<Problem> PlanProblems(const CustodyPlan& plan, const PlanContext& ctx,
                                  const std::vector<std::string>& banned = DefaultBannedPhrases());

/// R1.17: a site's safety plan — a responsible person with a phone, and at least one emergency contact.
/// `prefix` is the site's field path ("sites[0]").
std::vector<Problem> SafetyProblems(const Site& site, const std::string& prefix);

/// What must hold before the plan's sites open: the plan's problems and every site's safety plan.
std::vector<Problem> OpeningProblems(const CustodyPlan& plan, const PlanContext& ctx,
                                     const std::vector<std::string>& banned = DefaultBannedPhrases());

/// A county's tiers: every group in at most one tier, no empty tier.
std::vector<Problem> TierProblems(const PriorityTiers& tiers);

/// The tier of a child claiming `groups`: the lowest tier index among them; tiers.size() when none is listed.
int TierOf(const std::vector<PriorityGroup>& groups, const PriorityTiers& tiers);

/// A survey answer: at least one period, each a period of the plan, none twice.
std::vector<Problem> SurveyProblems(const CustodyPlan& plan, const SurveyAnswer& answer);

/// A sign-up: the site exists and takes the child's school, each period is one the site is open in, none twice,
/// and the child holds no other sign-up (in `others`) for the same period — one place per child per period.
std::vector<Problem> SignUpProblems(const CustodyPlan& plan, const SignUp& s, const std::vector<SignUp>& others);

/// What a child pays for a period charging `period_fee_fen` (none: free): 0 when it is free or the family is in
/// financial hardship (R2.1).
std::int64_t FeeDueFen(std::optional<std::int64_t> period_fee_fen, const std::vector<PriorityGroup>& groups);

/// One 422 error for the first problem, the others listed as details ("problem.1" → "field: code").
Error ToError(const std::vector<Problem>& problems);
/// Throws ToError(problems) when there are any.
void ThrowIfAny(const std::vector<Problem>& problems);

}  // namespace kehou::custody
