#pragma once
// 审核进度 Where an application stands, from its dossier, the family's uploads and the reviewers' decisions (docs
// enrollment.md "Application states"): a pure function so every path that changes one of them agrees.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrollment/dossier.hpp"

namespace kehou::enrollment {

/// An application's state.
enum class ApplicationStatus { kAwaitingUpload, kInReview, kQualified, kRejected, kWithdrawn };
std::string_view ToString(ApplicationStatus s);
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view s);

/// A reviewer's decision on one source's upload.
enum class ReviewDecision { kAccepted, kReturned };
std::string_view ToString(ReviewDecision d);
std::optional<ReviewDecision> ParseReviewDecision(std::string_view s);

/// Where one source stands for the family and the reviewer.
enum class SourceProgress {
    kVerified,        // the department answered and nothing is asked
    kNotNeeded,       // failed, but the child's case does not read it
    kAwaitingUpload,  // failed and needed: the family uploads (again, when the last upload was returned)
    kInReview,        // an upload waits for a reviewer
    kAccepted,        // a reviewer accepted the upload with the facts read off it
};
std::string_view ToString(SourceProgress p);

/// What happened to one source since the pull: the time of the last upload and the last decision (RFC 3339 text,
/// comparable as text within one time zone).
struct SourceHistory {
    std::optional<std::string> last_upload_at;
    std::optional<ReviewDecision> last_decision;
    std::optional<std::string> last_decision_at;
};

SourceProgress ProgressOf(const SourceState& source, const SourceHistory& history);

/// The application's state from its sources' progress; a rejected or withdrawn application stays so.
ApplicationStatus StatusOf(const std::vector<SourceProgress>& sources, std::optional<ApplicationStatus> terminal);

}  // namespace kehou::enrollment
