#include "homework/workflow.hpp"

#include <algorithm>

namespace kehou::homework {

int CountedMinutes(HomeworkType type, int estimated_minutes, int heaviest_variant_minutes) {
    return type == HomeworkType::kWritten ? std::max(estimated_minutes, heaviest_variant_minutes) : 0;
}

int CountedMinutes(HomeworkType type, int estimated_minutes, const std::vector<Variant>& variants) {
    int heaviest = 0;
    for (const auto& v : variants) heaviest = std::max(heaviest, v.estimated_minutes);
    return CountedMinutes(type, estimated_minutes, heaviest);
}

std::optional<SubjectBudgetCheck> CheckSubjectBudget(std::optional<int> budget, int current, int adding) {
    if (!budget || adding <= 0) return std::nullopt;
    return SubjectBudgetCheck{.allowed = current + adding <= *budget,
                              .budget = *budget,
                              .current = current,
                              .remaining = std::max(0, *budget - current)};
}

AssignmentStatus InitialStatus(bool approval_required, Publisher who) {
    return approval_required && who == Publisher::kTeacher ? AssignmentStatus::kPendingApproval
                                                           : AssignmentStatus::kPublished;
}

bool CanMove(AssignmentStatus from, AssignmentStatus to) {
    using S = AssignmentStatus;
    switch (from) {
        case S::kPendingApproval: return to == S::kPublished || to == S::kRejected || to == S::kWithdrawn;
        case S::kPublished: return to == S::kWithdrawn;
        case S::kRejected:
        case S::kWithdrawn: return false;
    }
    return false;
}

bool HoldsBudget(AssignmentStatus s) {
    return s == AssignmentStatus::kPendingApproval || s == AssignmentStatus::kPublished;
}

}  // namespace kehou::homework
