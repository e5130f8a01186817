#include "providers/model.hpp"

#include <array>
#include <utility>

#include "core/enum_codes.hpp"

namespace kehou::providers {
namespace {

// The first four are as_provider's status words (migration 0009); rejected is the providers module's addition.
constexpr std::array<std::pair<ProviderStatus, std::string_view>, 5> kStatuses{{
    {ProviderStatus::kApplied, "applied"},
    {ProviderStatus::kAdmitted, "admitted"},
    {ProviderStatus::kRejected, "rejected"},
    {ProviderStatus::kSuspended, "suspended"},
    {ProviderStatus::kExited, "exited"},
}};
constexpr std::array<std::pair<ProviderEvent, std::string_view>, 5> kEvents{{
    {ProviderEvent::kAdmit, "admit"},
    {ProviderEvent::kReject, "reject"},
    {ProviderEvent::kSuspend, "suspend"},
    {ProviderEvent::kReinstate, "reinstate"},
    {ProviderEvent::kExit, "exit"},
}};
constexpr std::array<std::pair<ExitReason, std::string_view>, 4> kExitReasons{{
    {ExitReason::kEvaluation, "evaluation"},
    {ExitReason::kRecruitingInSchool, "recruiting_in_school"},
    {ExitReason::kVoluntary, "voluntary"},
    {ExitReason::kLicenceRevoked, "licence_revoked"},
}};
constexpr std::array<std::pair<QualificationKind, std::string_view>, 3> kQualifications{{
    {QualificationKind::kTeacherCertificate, "teacher_certificate"},
    {QualificationKind::kCoachCertificate, "coach_certificate"},
    {QualificationKind::kOther, "other"},
}};
constexpr std::array<std::pair<Outcome, std::string_view>, 4> kOutcomes{{
    {Outcome::kPass, "pass"},
    {Outcome::kWarning, "warning"},
    {Outcome::kExit, "exit"},
    {Outcome::kNotRated, "not_rated"},
}};

}  // namespace

std::string_view ToString(ProviderStatus s) {
    return CodeOf(kStatuses, s);
}
std::optional<ProviderStatus> ParseProviderStatus(std::string_view s) {
    return ParseCode(kStatuses, s);
}
std::string_view ToString(ProviderEvent e) {
    return CodeOf(kEvents, e);
}
std::optional<ProviderEvent> ParseProviderEvent(std::string_view s) {
    return ParseCode(kEvents, s);
}
std::string_view ToString(ExitReason r) {
    return CodeOf(kExitReasons, r);
}
std::optional<ExitReason> ParseExitReason(std::string_view s) {
    return ParseCode(kExitReasons, s);
}
std::string_view ToString(QualificationKind k) {
    return CodeOf(kQualifications, k);
}
std::optional<QualificationKind> ParseQualificationKind(std::string_view s) {
    return ParseCode(kQualifications, s);
}
std::string_view ToString(Outcome o) {
    return CodeOf(kOutcomes, o);
}
std::optional<Outcome> ParseOutcome(std::string_view s) {
    return ParseCode(kOutcomes, s);
}

const std::vector<std::string_view>& ProviderCategories() {
    // as_provider's CHECK (migration 0009). homework_help is left out there: homework help is the school's own
    // teachers' work, not a provider's.
    static const std::vector<std::string_view> codes = {
        "sport", "art", "stem", "labour", "traditional_culture", "reading", "mental_health"};
    return codes;
}

}  // namespace kehou::providers
