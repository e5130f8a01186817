#pragma once
// SQL of the enrollment tables (migration 0016). Every read that can leave the caller's scope takes the scope
// path; a guardian's reads take their guardian id instead.

#include <optional>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "enrollment/app_model.hpp"

namespace kehou::enrollment::repo {

/// Who reads: a staff scope path, or a guardian (their org_guardian id; the scope then is ignored).
struct Reader {
    std::string scope_path;
    std::optional<std::int64_t> guardian_id;
};

// Seasons (repo.cpp).
std::int64_t InsertSeason(db::Connection& c, const Season& s, const std::string& seed, std::int64_t user_id,
                          const std::string& now);
/// Staff: seasons of their county (a school's too); a guardian: open and published ones of the city.
std::optional<Season> FindSeason(db::Connection& c, const Reader& who, std::int64_t id);
std::vector<Season> ListSeasons(db::Connection& c, const Reader& who);
/// The unrevealed seed, for the run only.
std::string SeasonSeed(db::Connection& c, std::int64_t id);
void UpdatePolicy(db::Connection& c, std::int64_t id, const std::string& policy_json, const std::string& now);
/// Moves the season from one status to another; false when it was not in `from`.
bool MoveSeason(db::Connection& c, std::int64_t id, SeasonStatus from, SeasonStatus to, const std::string& now);
void RecordRun(db::Connection& c, std::int64_t id, std::int64_t user_id, const std::string& input_digest,
               const std::string& result_digest, const std::string& now);

std::vector<SchoolPlan> ListPlans(db::Connection& c, std::int64_t season_id);
void ReplacePlans(db::Connection& c, std::int64_t season_id, const std::vector<SchoolPlan>& plans);
/// The public schools of the county that teach the entry grade, for plans and manual placement.
std::vector<SchoolPlan> CountySchools(db::Connection& c, const std::string& county_path, int entry_grade);
/// The division codes of the city's urban districts (市辖区) under the city path.
std::vector<std::string> UrbanDistrictCodes(db::Connection& c, const std::string& city_path);

// Placements (repo.cpp).
void ReplacePlacements(db::Connection& c, std::int64_t season_id, const std::vector<PlacementRow>& rows,
                       const std::vector<std::string>& org_paths, const std::string& now);
void PutManualPlacement(db::Connection& c, std::int64_t season_id, std::int64_t application_id, std::int64_t school_id,
                        const std::string& org_path, const std::string& now);
std::optional<PlacementInfo> FindPlacement(db::Connection& c, std::int64_t application_id);
/// In school, then rank order; scoped by the placed school's path (a school sees its own list).
std::vector<PlacementRow> ListPlacements(db::Connection& c, std::int64_t season_id, const std::string& scope_path,
                                         std::optional<std::int64_t> school_id);

// Applications (repo_application.cpp).
struct NewApplication {
    ApplicationRecord record;
    db::Blob child_id_sealed;
    std::string child_id_hash, applicant_id_hash;
};
std::int64_t InsertApplication(db::Connection& c, const NewApplication& a);
bool ChildApplied(db::Connection& c, std::int64_t season_id, const std::string& child_id_hash);
std::optional<ApplicationRecord> FindApplication(db::Connection& c, const Reader& who, std::int64_t id);
std::pair<std::vector<ApplicationRecord>, std::int64_t> ListApplications(db::Connection& c, const Reader& who,
                                                                      const ApplicationFilter& f);
/// Every application of a season in the given states, for the run.
std::vector<ApplicationRecord> SeasonApplications(db::Connection& c, std::int64_t season_id,
                                                  const std::vector<ApplicationStatus>& states);
/// Writes what a review or a rebuild changed: state, catchment, ranking keys, path, decision.
void UpdateApplication(db::Connection& c, const ApplicationRecord& a, std::optional<std::int64_t> decided_by,
                       const std::string& now);

void InsertPull(db::Connection& c, std::int64_t application_id, const DepartmentAnswer& a, std::int64_t user_id,
                const std::string& now);
std::vector<PullInfo> ListPulls(db::Connection& c, std::int64_t application_id);

std::int64_t InsertUpload(db::Connection& c, std::int64_t application_id, const UploadInfo& u,
                          const std::string& sha256, std::string_view bytes, std::int64_t user_id);
std::vector<UploadInfo> ListUploads(db::Connection& c, std::int64_t application_id);
/// The upload's metadata, its application and bytes.
struct UploadContent {
    UploadInfo info;
    std::int64_t application_id = 0;
    std::string bytes;
};
std::optional<UploadContent> FindUpload(db::Connection& c, std::int64_t upload_id);

void InsertReview(db::Connection& c, std::int64_t application_id, const ReviewInfo& r, std::int64_t user_id);
std::vector<ReviewInfo> ListReviews(db::Connection& c, std::int64_t application_id);

// Appeals (repo_application.cpp).
std::int64_t InsertAppeal(db::Connection& c, const Appeal& a, std::int64_t user_id);
std::vector<Appeal> ListAppeals(db::Connection& c, const Reader& who, std::optional<std::int64_t> season_id,
                                std::optional<std::int64_t> application_id, std::optional<std::string> status);
std::optional<Appeal> FindAppeal(db::Connection& c, const Reader& who, std::int64_t id);
bool DecideAppeal(db::Connection& c, std::int64_t id, const std::string& status, const std::string& reply,
                  std::int64_t user_id, const std::string& now);

/// The guardian record of a signed-in guardian.
std::optional<std::int64_t> GuardianOfUser(db::Connection& c, std::int64_t user_id);

}  // namespace kehou::enrollment::repo
