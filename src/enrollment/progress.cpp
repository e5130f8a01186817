#include "enrollment/progress.hpp"

#include "core/enum_codes.hpp"
#include "core/error.hpp"
#include "enrollment/app_model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace kehou::enrollment {
namespace {

constexpr std::array<std::pair<ApplicationStatus, std::string_view>, 5> kStatuses{{
    {ApplicationStatus::kAwaitingUpload, "awaiting_upload"},
    {ApplicationStatus::kInReview, "in_review"},
    {ApplicationStatus::kQualified, "qualified"},
    {ApplicationStatus::kRejected, "rejected"},
    {ApplicationStatus::kWithdrawn, "withdrawn"},
}};

}  // namespace

std::string_view ToString(ApplicationStatus s) { return CodeOf(kStatuses, s); }

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view s) { return ParseCode(kStatuses, s); }

std::string_view ToString(ReviewDecision d) { return d == ReviewDecision::kAccepted ? "accepted" : "returned"; }

std::optional<ReviewDecision> ParseReviewDecision(std::string_view s) {
    if (s == "accepted") return ReviewDecision::kAccepted;
    if (s == "returned") return ReviewDecision::kReturned;
    return std::nullopt;
}

std::string_view ToString(SourceProgress p) {
    switch (p) {
        case SourceProgress::kVerified: return "verified";
        case SourceProgress::kNotNeeded: return "not_needed";
        case SourceProgress::kAwaitingUpload: return "awaiting_upload";
        case SourceProgress::kInReview: return "in_review";
        case SourceProgress::kAccepted: return "accepted";
    }
    return "verified";
}

SourceProgress ProgressOf(const SourceState& source, const SourceHistory& h) {
    if (source.status == SourceStatus::kVerified) return SourceProgress::kVerified;
    if (h.last_decision == ReviewDecision::kAccepted) return SourceProgress::kAccepted;
    if (!source.needs_upload) return SourceProgress::kNotNeeded;
    if (!h.last_upload_at) return SourceProgress::kAwaitingUpload;
    // A returned upload asks for a new one: only an upload after the return goes back to the reviewer.
    if (h.last_decision == ReviewDecision::kReturned && h.last_decision_at && *h.last_upload_at <= *h.last_decision_at)
        return SourceProgress::kAwaitingUpload;
    return SourceProgress::kInReview;
}

ApplicationStatus StatusOf(const std::vector<SourceProgress>& sources, std::optional<ApplicationStatus> terminal) {
    if (terminal) return *terminal;
    const auto any = [&](SourceProgress p) { return std::find(sources.begin(), sources.end(), p) != sources.end(); };
    if (any(SourceProgress::kAwaitingUpload)) return ApplicationStatus::kAwaitingUpload;
    if (any(SourceProgress::kInReview)) return ApplicationStatus::kInReview;
    return ApplicationStatus::kQualified;
}

Department RequireDepartment(std::string_view text, std::string_view field) {
    if (const auto d = ParseDepartment(text)) return *d;
    throw Error::BadRequest("enrollment.bad_department", "数据来源部门无效", "Unknown department", std::string(field));
}

std::string_view ToString(SeasonStatus s) {
    switch (s) {
        case SeasonStatus::kOpen: return "open";
        case SeasonStatus::kClosed: return "closed";
        case SeasonStatus::kAdmitted: return "admitted";
        case SeasonStatus::kPublished: return "published";
    }
    return "open";
}

std::optional<SeasonStatus> ParseSeasonStatus(std::string_view s) {
    for (auto v : {SeasonStatus::kOpen, SeasonStatus::kClosed, SeasonStatus::kAdmitted, SeasonStatus::kPublished})
        if (ToString(v) == s) return v;
    return std::nullopt;
}

}  // namespace kehou::enrollment
