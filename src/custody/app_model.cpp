#include "custody/app_model.hpp"

#include <array>

#include "core/enum_codes.hpp"

namespace kehou::custody {
namespace {

constexpr std::array<std::pair<PlanStatus, std::string_view>, 5> kPlanStatus{{
    {PlanStatus::kDraft, "draft"},
    {PlanStatus::kSurvey, "survey"},
    {PlanStatus::kSignup, "signup"},
    {PlanStatus::kAllocated, "allocated"},
    {PlanStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<SignupStatus, std::string_view>, 4> kSignupStatus{{
    {SignupStatus::kPending, "pending"},
    {SignupStatus::kPlaced, "placed"},
    {SignupStatus::kWaitlisted, "waitlisted"},
    {SignupStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view ToString(PlanStatus s) { return CodeOf(kPlanStatus, s); }
std::optional<PlanStatus> ParsePlanStatus(std::string_view s) { return ParseCode(kPlanStatus, s); }
std::string_view ToString(SignupStatus s) { return CodeOf(kSignupStatus, s); }
std::optional<SignupStatus> ParseSignupStatus(std::string_view s) { return ParseCode(kSignupStatus, s); }

}  // namespace kehou::custody
