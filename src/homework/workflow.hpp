#pragma once
// 作业审核 The publish workflow as pure functions: what a homework adds to the class-day's written total, the
// subject's daily budget set by its group leader, where a new homework starts, and which status moves are legal.

#include <optional>
#include <vector>

#include "homework/model.hpp"

namespace kehou::homework {

/// What a homework adds to its class-day's written total: for written homework the largest of its own minutes and
/// its layered variants' (the most loaded child's day), 0 for reading, oral, practical and inquiry tasks.
int CountedMinutes(HomeworkType type, int estimated_minutes, const std::vector<Variant>& variants);
/// The same, given the heaviest variant's minutes (0 without variants).
int CountedMinutes(HomeworkType type, int estimated_minutes, int heaviest_variant_minutes);

/// The subject's daily budget set by the grade's 备课组长, checked like the class-day limit.
struct SubjectBudgetCheck {
    bool allowed = true;
    int budget = 0;
    int current = 0;
    int remaining = 0;
};

/// Nullopt when the group has no budget (only the class-day limit applies) or the homework adds nothing.
std::optional<SubjectBudgetCheck> CheckSubjectBudget(std::optional<int> budget, int current, int adding);

/// Who publishes, as the workflow sees them.
enum class Publisher { kTeacher, kGroupLeader, kSchoolAdministrator };

/// A new homework waits for the subject-group leader only where the school asks for approval and the publisher
/// is an ordinary teacher; a leader's own and the 教务处's are published at once.
AssignmentStatus InitialStatus(bool approval_required, Publisher who);

/// The legal moves: pending → published | rejected | withdrawn; published → withdrawn. Nothing leaves rejected
/// or withdrawn (a teacher publishes anew instead).
bool CanMove(AssignmentStatus from, AssignmentStatus to);

/// Whether a homework in this status holds its minutes in the class-day and subject totals.
bool HoldsBudget(AssignmentStatus s);

}  // namespace kehou::homework
