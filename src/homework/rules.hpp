#pragma once
// 作业管理 The homework rules of 双减 as pure functions (RULES R1.1–R1.4): what a class may be given to do at home
// in a day, what may never be asked of parents, and by when a child should have finished.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::homework {

/// 作业类型 Only written homework counts against the daily limit; reading, oral, practical and inquiry tasks do not.
enum class HomeworkType { kWritten, kReading, kOral, kPractical, kInquiry };

/// A school day, or a weekend / holiday / vacation day (R1.2 asks for a total-time control there too).
enum class DayKind { kSchoolDay, kRestDay };

/// The written-homework limits a county applies, in minutes a day. Never above the national ones (R1.2).
struct HomeworkLimits {
    int primary = 60;  // grades 3–6
    int junior = 90;   // grades 7–9
    std::optional<int> rest_day_primary, rest_day_junior;  // unset: the school-day limit
};

/// The national ceilings of R1.1/R1.2 for a grade (1–9): 0 for grades 1–2, 60 for 3–6, 90 for 7–9.
int NationalDailyLimit(int grade);

/// The limit that applies to a grade on a kind of day under a county's limits.
int DailyLimit(int grade, DayKind day, const HomeworkLimits& limits);

/// The name of the first limit above the national ceiling (e.g. "primary"), or nullopt when all are within it.
std::optional<std::string> LimitAboveNational(const HomeworkLimits& limits);

/// What publishing `adding` more minutes of `type` homework to a class's day would do to its written total.
struct BudgetCheck {
    bool allowed = true;
    bool written_in_grades_1_2 = false;  // R1.1: refused whatever the minutes
    int current = 0;                     // written minutes already published for that class and day
    int limit = 0;
    int remaining = 0;  // limit − current, never negative
};

/// R1.1 and R1.2: grades 1–2 get no written homework at home; in other grades the class-day written total stays
/// within the limit (exactly the limit is allowed). Non-written types are always within the budget.
BudgetCheck CheckDailyBudget(int grade, DayKind day, HomeworkType type, int current_written, int adding,
                             const HomeworkLimits& limits);

/// R1.3: phrases that hand homework (or its checking) to parents, or make pupils grade their own. A county may
/// replace the list.
const std::vector<std::string>& DefaultParentTaskPhrases();

/// The phrases of `phrases` found in `content`, in list order, each once.
std::vector<std::string> FindParentTasks(std::string_view content, const std::vector<std::string>& phrases);

/// R1.4: the latest bedtime, in minutes after midnight — 21:20 for primary (grades 1–6), 22:00 for junior (7–9).
int BedtimeMinutes(int grade);

/// The subjects of the national curriculum that set homework in a grade (1–9), for the publish form's list:
/// 英语 from grade 3, 物理 from 7 — the 2022 curriculum plan's usual start — 化学 in grade 9.
std::vector<std::string> StandardSubjects(int grade);

/// R1.2 speaks of an average: the mean of the days' written minutes, rounded half up to whole minutes.
int AverageMinutes(const std::vector<int>& per_day);

}  // namespace kehou::homework
