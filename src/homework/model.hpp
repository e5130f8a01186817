#pragma once
// 作业管理 The plain records of homework-load management: county settings, subject groups, homework with its
// layered variants, and families' reports.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "homework/rules.hpp"

namespace kehou::homework {

/// Where a homework stands: waiting for the subject-group leader (when the school asks for approval),
/// visible to families, refused by the leader, or taken back by its teacher.
enum class AssignmentStatus { kPendingApproval, kPublished, kRejected, kWithdrawn };

std::string_view ToString(HomeworkType t);
std::optional<HomeworkType> ParseHomeworkType(std::string_view s);
std::string_view ToString(DayKind k);
std::optional<DayKind> ParseDayKind(std::string_view s);
std::string_view ToString(AssignmentStatus s);
std::optional<AssignmentStatus> ParseAssignmentStatus(std::string_view s);

/// A county's homework settings (R1.2 limits, R1.3 phrases) as stored; defaults when the county has none.
struct CountySettings {
    std::string org_path;  // the county's
    HomeworkLimits limits;
    std::vector<std::string> parent_task_phrases;  // the default list when the county has not set one
    bool phrases_customised = false;
    std::optional<std::string> updated_at;
};

/// 备课组 One grade's subject group in a school: its leader and the subject's daily budget of written minutes.
struct SubjectGroup {
    std::int64_t school_id = 0;
    int grade = 0;
    std::string subject;
    std::optional<std::int64_t> leader_teacher_id;
    std::string leader_name;
    std::optional<int> daily_budget;
};

/// 分层作业 One layered variant and the students who do it.
struct Variant {
    std::int64_t id = 0;
    int position = 0;
    std::string label;  // 基础 / 提高 / 拓展
    std::string content;
    int estimated_minutes = 0;
    std::vector<std::int64_t> student_ids;
};

/// 作业 One subject's homework for a class and a day.
struct Assignment {
    std::int64_t id = 0;
    std::int64_t class_id = 0;
    std::string class_name;
    std::int64_t school_id = 0;
    std::string org_path;
    int grade = 0;
    std::string due_date;  // ISO date the homework is for
    DayKind day_kind = DayKind::kSchoolDay;
    std::string subject;
    HomeworkType type = HomeworkType::kWritten;
    std::string content;
    int estimated_minutes = 0;
    int counted_minutes = 0;  // what it adds to the class-day's written total
    AssignmentStatus status = AssignmentStatus::kPublished;
    std::optional<std::int64_t> teacher_id;
    std::string teacher_name;
    std::string created_at;
    std::optional<std::string> decided_at;
    std::optional<std::string> reject_reason;
    std::optional<std::string> override_reason;
    std::vector<Variant> variants;
};

/// What a teacher submits: one homework for one class and day.
struct AssignmentInput {
    std::int64_t class_id = 0;
    std::string due_date;
    std::string subject;
    HomeworkType type = HomeworkType::kWritten;
    std::string content;
    int estimated_minutes = 0;
    std::vector<Variant> variants;  // ids ignored
    std::optional<std::string> override_reason;  // only on the 教务处's override route
};

/// A class's day as the publish form shows it: the limit, what is taken, and the homework so far.
struct ClassDay {
    std::int64_t class_id = 0;
    std::string class_name;
    int grade = 0;
    std::string date;
    DayKind day_kind = DayKind::kSchoolDay;
    int limit = 0;
    int written_total = 0;  // published and pending written minutes
    int remaining = 0;
    std::vector<Assignment> assignments;  // every status but withdrawn
    std::vector<SubjectGroup> groups;     // the grade's subject groups with their budgets
};

/// A family's report of one child's day.
struct FamilyReport {
    std::int64_t student_id = 0;
    std::string date;
    int minutes = 0;
    bool finished_by_bedtime = true;
    std::optional<std::string> note;
    std::string reported_at;
};

/// One homework as a child's family sees it: the child's own layer where they are named in one.
struct ChildHomework {
    Assignment assignment;  // content and minutes of the child's variant; no variants listed
    std::optional<std::string> variant_label;
};

/// 作业公示 One child's day as the family sees it: published homework (their variant), the bedtime, their report.
struct ChildDay {
    std::int64_t student_id = 0;
    std::string student_name;
    std::string class_name;
    int grade = 0;
    std::string date;
    DayKind day_kind = DayKind::kSchoolDay;
    std::string bedtime;  // "21:20"
    int estimated_total = 0;  // written and other minutes the child is expected to spend
    std::vector<ChildHomework> assignments;  // published only
    std::optional<FamilyReport> report;
};

}  // namespace kehou::homework
