#pragma once
// 资格评估 One application judged from what is known of it now (pure): the pull's answers with the reviewers'
// accepted records in place of the failed ones, the family's declarations, the county's policy and catchments →
// the dossier, each source's progress, the catchment school, the category, the ranking keys and the state. The
// submit, every upload and every review call it, so they cannot disagree.

#include <optional>
#include <vector>

#include "enrollment/app_model.hpp"
#include "enrollment/rules.hpp"

namespace kehou::enrollment {

/// A public school's catchment as the evaluation reads it (private schools have none: R5.1 draws by lottery).
struct CatchmentPlan {
    std::int64_t school_id = 0;
    Catchment communities;
};

/// What is evaluated.
struct EvaluationInput {
    const std::vector<DepartmentAnswer>* answers = nullptr;
    const std::vector<ReviewInfo>* reviews = nullptr;  // in decision order
    const std::vector<UploadInfo>* uploads = nullptr;
    Declarations declarations;
    Geography geography;
    const Policy* policy = nullptr;
    int entry_grade = 1;
    std::vector<CatchmentPlan> catchments;  // in the county's order; a tie goes to the first
    std::optional<std::int64_t> preferred_school;  // the family's choice within a multi-school catchment
    std::optional<ApplicationStatus> terminal;     // rejected or withdrawn stay so
    Date today;
};

/// What the evaluation found.
struct Evaluation {
    Dossier dossier;
    std::vector<DepartmentAnswer> effective;
    std::vector<SourceProgress> progress;  // per dossier source
    std::vector<Department> reviewed;      // sources whose facts a reviewer read off an upload
    std::optional<std::int64_t> catchment_school;
    std::optional<std::size_t> category;
    std::optional<Date> hukou_move_in, certificate_date;
    int points_tenths = 0;
    bool in_county = false;
    ApplicationStatus status = ApplicationStatus::kAwaitingUpload;
    int pending = 0;  // sources awaiting an upload or a review
};

Evaluation Evaluate(const EvaluationInput& in);

}  // namespace kehou::enrollment
