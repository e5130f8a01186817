#pragma once
// 一键入学 The family's application and its review: a guardian gives the child's identity number, every department
// is asked at once, the dossier is built with provenance and each pull logged with its legal basis (R4.3); only what
// failed asks for an upload; schools and the county review uploads beside the facts they replace; appeals; the
// printable notice.

#include <functional>
#include <memory>

#include "core/principal.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "enrollment/season_service.hpp"

namespace kehou::enrollment {

/// The departments to ask, in kAllDepartments order (stored snapshots or endpoints, as configured).
using SourceList = std::function<std::vector<std::shared_ptr<DepartmentSource>>()>;

/// The largest upload: a phone photo or a scanned PDF.
inline constexpr std::size_t kMaxUploadBytes = 8u << 20;

/// What a reviewer decides on one source.
struct ReviewInput {
    Department department = Department::kHousehold;
    ReviewDecision decision = ReviewDecision::kAccepted;
    std::vector<FieldMap> records;
    std::optional<std::string> note;
};

/// The printable admission notice (录取通知书).
struct Notice {
    Season season;
    std::string child_name, child_id_masked, school_name, school_address, placed_by, report_on, issued_at;
    int rank = 0;
};

/// Applications on behalf of a principal. Thread-safe.
class ApplicationService {
public:
    ApplicationService(db::Database& database, const crypto::PiiVault& vault, SourceList sources);

    /// A guardian's one-key application.
    ApplicationDetail Apply(const Principal& guardian, const ApplyInput& in);
    /// The same checks and pulls for a guardian record without a session (the demo seed); returns the id.
    std::int64_t Submit(const ApplyInput& in, std::int64_t guardian_id, std::int64_t user_id);

    std::pair<std::vector<ApplicationRecord>, std::int64_t> List(const Principal& p, const ApplicationFilter& f);
    ApplicationDetail Get(const Principal& p, std::int64_t id);
    ApplicationDetail Upload(const Principal& guardian, std::int64_t id, std::string_view department, std::string_view file_name,
                             std::string_view bytes);
    /// The same for a guardian record without a session (the demo seed); `user_id` is recorded as the uploader.
    ApplicationDetail UploadFor(std::int64_t guardian_id, std::int64_t user_id, std::int64_t id,
                                std::string_view department, std::string_view file_name, std::string_view bytes);
    std::pair<UploadInfo, std::string> Download(const Principal& p, std::int64_t upload_id);
    ApplicationDetail Withdraw(const Principal& guardian, std::int64_t id);
    Appeal FileAppeal(const Principal& guardian, std::int64_t id, const std::string& reason);
    Notice NoticeOf(const Principal& p, std::int64_t id);

    // Review (review_service.cpp).
    ApplicationDetail Review(const Principal& p, std::int64_t id, const ReviewInput& in);
    ApplicationDetail Reject(const Principal& p, std::int64_t id, const std::string& note);
    ApplicationDetail Place(const Principal& p, std::int64_t id, std::int64_t school_id);
    std::vector<Appeal> Appeals(const Principal& p, std::optional<std::int64_t> season_id,
                                std::optional<std::string> status);
    Appeal DecideAppeal(const Principal& p, std::int64_t appeal_id, bool upheld, const std::string& reply);

private:
    /// The stored application evaluated now, with everything the page shows.
    ApplicationDetail Load(db::Connection& c, const repo::Reader& who, std::int64_t id);
    /// Re-evaluates after an upload or a review and stores what changed.
    ApplicationDetail Refresh(db::Connection& c, const repo::Reader& who, std::int64_t id,
                              std::optional<std::int64_t> decided_by);
    std::vector<DepartmentAnswer> Pull(const std::string& child_hash, const std::string& applicant_hash,
                                       Parent relation);
    /// Staff with the application in scope, before the run; 404 otherwise.
    ApplicationDetail ForReview(db::Connection& c, const Principal& p, std::int64_t id);

    db::Database& database_;
    const crypto::PiiVault& vault_;
    SourceList sources_;
};

/// The evaluation of a stored application in its season.
Evaluation EvaluateStored(const ApplicationRecord& a, const SeasonContext& ctx, const std::vector<ReviewInfo>& reviews,
                          const std::vector<UploadInfo>& uploads);

}  // namespace kehou::enrollment
