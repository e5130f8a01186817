#include "enrollment/evaluate.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "enrollment/dossier_json.hpp"

namespace kehou::enrollment {
namespace {

const ReviewInfo* LastReview(const std::vector<ReviewInfo>& reviews, Department d) {
    const ReviewInfo* last = nullptr;
    for (const auto& r : reviews)
        if (r.department == d) last = &r;
    return last;
}

// The reviewer's records as the department would have answered them; the review's date stands as the sync date.
std::optional<DepartmentAnswer> Accepted(const DepartmentAnswer& original, const ReviewInfo& review, Date today) {
    DepartmentAnswer a = original;
    a.status = SourceStatus::kVerified;
    a.reason.reset();
    a.mismatch.clear();
    a.records.clear();
    a.synced_at = review.decided_at.substr(0, 10);
    for (const auto& fields : review.records) {
        auto parsed = ParseFieldRecord(original.department, fields, IdHasher{}, today);
        if (!parsed.record) return std::nullopt;  // checked when the review was made; a stored one always reads
        a.records.push_back(std::move(*parsed.record));
    }
    return a;
}

SourceHistory HistoryOf(Department d, const std::vector<ReviewInfo>& reviews, const std::vector<UploadInfo>& uploads) {
    SourceHistory h;
    for (const auto& u : uploads)
        if (u.department == d && (!h.last_upload_at || u.uploaded_at > *h.last_upload_at)) h.last_upload_at = u.uploaded_at;
    if (const auto* r = LastReview(reviews, d)) {
        h.last_decision = r->decision;
        h.last_decision_at = r->decided_at;
    }
    return h;
}

// While the cut-off day is still ahead (a season open months before 31 August), the departments vouch for the
// permit and insurance runs only up to their last export: months are counted back from the month end before it, so
// a run the insurance department vouches to 31 October counts to 31 October rather than to nothing.
Policy AtHorizon(const Policy& policy, const std::vector<DepartmentAnswer>& answers) {
    std::optional<Date> horizon;
    for (const auto& a : answers) {
        const auto synced = ParseIsoDate(a.synced_at);
        if (!PerParent(a.department) || a.status != SourceStatus::kVerified || !synced) continue;
        const Date month_end{std::chrono::sys_days(synced->year() / synced->month() / 1) - std::chrono::days(1)};
        if (!horizon || month_end < *horizon) horizon = month_end;
    }
    Policy out = policy;
    if (!horizon) return out;
    if (out.migrant_minimum && *horizon < out.migrant_minimum->as_of) out.migrant_minimum->as_of = *horizon;
    if (out.points && *horizon < out.points->as_of) out.points->as_of = *horizon;
    return out;
}

void PlaceInCatchment(const EvaluationInput& in, const Policy& policy, Evaluation& e) {
    const auto& facts = e.dossier.facts;
    const CatchmentPlan* chosen = nullptr;
    for (const auto& plan : in.catchments) {
        const auto category = CategoryOf(facts, plan.communities, policy);
        if (!category) continue;
        const bool better = !e.category || *category < *e.category;
        const bool preferred_tie = e.category && *category == *e.category && in.preferred_school == plan.school_id;
        if (better || preferred_tie) {
            e.category = category;
            chosen = &plan;
        }
    }
    if (!chosen) return;
    e.catchment_school = chosen->school_id;
    e.certificate_date = QualifyingCertificateDate(facts, chosen->communities);
}

}  // namespace

Evaluation Evaluate(const EvaluationInput& in) {
    Evaluation e;
    for (const auto& original : *in.answers) {
        const auto* review = original.status == SourceStatus::kVerified ? nullptr : LastReview(*in.reviews, original.department);
        std::optional<DepartmentAnswer> accepted;
        if (review && review->decision == ReviewDecision::kAccepted) accepted = Accepted(original, *review, in.today);
        if (accepted) e.reviewed.push_back(original.department);
        e.effective.push_back(accepted ? std::move(*accepted) : original);
    }
    e.dossier = BuildDossier(e.effective, in.geography, in.declarations, in.entry_grade);
    for (const auto& s : e.dossier.sources) {
        const bool reviewed = std::find(e.reviewed.begin(), e.reviewed.end(), s.department) != e.reviewed.end();
        const auto p = reviewed ? SourceProgress::kAccepted : ProgressOf(s, HistoryOf(s.department, *in.reviews, *in.uploads));
        e.progress.push_back(p);
        if (p == SourceProgress::kAwaitingUpload || p == SourceProgress::kInReview) ++e.pending;
    }
    e.status = StatusOf(e.progress, in.terminal);
    const auto& facts = e.dossier.facts;
    e.hukou_move_in = facts.hukou_move_in;
    e.in_county = facts.hukou_in_county;
    const auto policy = AtHorizon(*in.policy, e.effective);
    if (policy.points) e.points_tenths = PointsTenths(facts, *policy.points);
    PlaceInCatchment(in, policy, e);
    return e;
}

}  // namespace kehou::enrollment
