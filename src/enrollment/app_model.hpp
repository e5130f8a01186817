#pragma once
// 易入学 What the enrollment services keep and show: a county's season with its plans and catchments, a family's
// application with its dossier, uploads, reviews, placement and appeals. Plain structs; the rules are elsewhere.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "enrollment/dossier.hpp"
#include "enrollment/progress.hpp"
#include "enrollment/source_records.hpp"

namespace kehou::enrollment {

/// A season's state: open (families apply) → closed → admitted (the run is made) → published.
enum class SeasonStatus { kOpen, kClosed, kAdmitted, kPublished };
std::string_view ToString(SeasonStatus s);
std::optional<SeasonStatus> ParseSeasonStatus(std::string_view s);

/// The department a request names; 400 naming the field otherwise.
Department RequireDepartment(std::string_view text, std::string_view field);

/// 招生季 A county's enrollment of one year into grade 1 or 7.
struct Season {
    std::int64_t id = 0;
    std::string unit_code, county_name, org_path;
    int year = 0, entry_grade = 1;
    std::string title;
    SeasonStatus status = SeasonStatus::kOpen;
    std::string opens_on, closes_on;
    std::string seed_commitment;
    std::optional<std::string> seed;  // set only once revealed by the run
    std::optional<std::string> run_at, published_at, input_digest, result_digest;
    std::string policy_json;
    std::int64_t applications = 0;
};

/// One school's seat plan and catchment in a season.
struct SchoolPlan {
    std::int64_t school_id = 0;
    std::string school_name, org_path, address;
    int seats = 0;
    bool is_private = false;
    std::vector<std::int64_t> nearby;
    std::vector<std::string> communities;
};

/// What a guardian submits (POST /applications).
struct ApplyInput {
    std::int64_t season_id = 0;
    std::string child_name, child_id_number, applicant_id_number;
    Parent relation = Parent::kFather;
    Declarations declarations;
    std::optional<std::int64_t> preferred_school_id, private_school_id;
    bool notice_acknowledged = false;
};

/// One upload's metadata.
struct UploadInfo {
    std::int64_t id = 0;
    Department department = Department::kHousehold;
    std::string file_name, mime;
    std::int64_t size_bytes = 0;
    std::string uploaded_at;
};

/// One reviewer decision on a source.
struct ReviewInfo {
    Department department = Department::kHousehold;
    ReviewDecision decision = ReviewDecision::kAccepted;
    std::vector<FieldMap> records;  // accepted: the schema fields read off the paper
    std::optional<std::string> note;
    std::string decided_at;
};

/// One logged pull (R4.3).
struct PullInfo {
    Department department = Department::kHousehold;
    std::string status;
    std::optional<std::string> reason;
    std::string legal_basis;
    std::vector<std::string> fields_read;
    std::string pulled_at;
};

/// The run's outcome for one application.
struct PlacementInfo {
    std::optional<std::int64_t> school_id;
    std::string school_name, placed_by, draw;
    int rank = 0;
};

/// 申诉 A family's appeal.
struct Appeal {
    std::int64_t id = 0, application_id = 0, season_id = 0;
    std::string org_path, child_name, child_id_masked, reason, status;
    std::optional<std::string> reply, decided_at;
    std::string created_at;
};

/// 入学申请 One application as stored; the detail view adds what is computed from it.
struct ApplicationRecord {
    std::int64_t id = 0, season_id = 0, guardian_id = 0;
    std::string org_path, child_name, child_id_masked, birth_date;
    Parent relation = Parent::kFather;
    Declarations declarations;
    std::optional<std::int64_t> preferred_school_id, private_school_id, catchment_school_id;
    std::string catchment_school_name;
    std::optional<int> category_index;
    std::optional<std::string> category_name, hukou_move_in, certificate_date;
    int points_tenths = 0;
    bool in_county = false;
    std::vector<DepartmentAnswer> answers;  // the pull, as the departments answered
    ApplicationStatus status = ApplicationStatus::kAwaitingUpload;
    bool one_click = false;
    std::string submitted_at;
    std::optional<std::string> decided_at, decision_note;
    int sources_pending = 0;
};

/// Everything the application page shows.
struct ApplicationDetail {
    ApplicationRecord record;
    Season season;
    Dossier dossier;  // rebuilt from the answers with the accepted reviews
    std::vector<SourceProgress> progress;  // per dossier source
    std::vector<UploadInfo> uploads;
    std::vector<ReviewInfo> reviews;
    std::vector<PullInfo> pulls;
    std::optional<PlacementInfo> placement;
    std::vector<Appeal> appeals;
    std::vector<DepartmentAnswer> effective;  // the answers with accepted reviews in place of failed ones
};

/// A list filter.
struct ApplicationFilter {
    std::optional<std::int64_t> season_id, school_id;
    std::optional<ApplicationStatus> status;
    std::optional<std::string> q;  // child's name, a prefix
    int page = 1, page_size = 20;
};

/// One row of a season's placements (staff) or of the public list (masked).
struct PlacementRow {
    std::int64_t application_id = 0;
    std::string child_name, child_id_masked;
    std::optional<std::int64_t> school_id;
    std::string school_name, placed_by, draw;
    int rank = 0;
    std::optional<std::string> category_name;
};

/// The run's figures.
struct RunSummary {
    int qualified = 0, placed = 0, private_lottery = 0, catchment = 0, county_placed = 0, unplaced = 0;
    int not_ready = 0;  // applications still awaiting upload or review, outside the run
};

}  // namespace kehou::enrollment
