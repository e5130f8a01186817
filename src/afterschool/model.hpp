#pragma once
// Plain types of after-school services (课后服务): fee standards, courses, time slots, dismissal batches,
// fee statements. Money is integer fen; times of day are minutes after midnight (Asia/Shanghai).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kehou::afterschool {

/// Minutes after midnight, e.g. 17:30 = 1050.
using MinuteOfDay = int;

/// 收费标准 A county's (or the city's) fee standard for one semester (RULES R2.1, R2.2, R1.5, R1.6).
struct FeeStandard {
    std::int64_t rural_per_hour_fen = 300;  // ≤ 3.0 yuan per pupil per class hour in Shandong
    std::int64_t urban_per_hour_fen = 350;  // ≤ 3.5 yuan for every other school
    std::optional<std::int64_t> per_semester_cap_fen;
    std::optional<std::int64_t> per_month_cap_fen;
    MinuteOfDay local_off_work = 17 * 60;   // 当地正常下班时间, set per county
    int end_offset_minutes = 30;            // R1.6: no earlier than 30 min after off-work time
};

/// Who teaches a course.
enum class InstructorKind { kOwnTeacher, kRetiredTeacher, kVolunteer, kProvider };

/// A course category of the 课程超市; `subject_type` marks 学科类 content (RULES R1.14) and
/// `new_lessons` collective teaching of new lessons, which after-school service may not be (R1.8(f)).
struct CourseCategory {
    std::string code;  // homework_help, traditional_culture, sport, art, stem, labour, mental_health, reading
    bool subject_type = false;
    bool new_lessons = false;
};

/// The provider facts a publication check needs (the full provider life cycle is issue 9).
struct ProviderFacts {
    bool admitted_by_county = false;  // on the school's county white list (R2.3b, c)
    bool non_subject = true;          // R2.3a
    bool free_public_benefit = false; // R2.3d
};

/// One weekly meeting of a section: weekday 1 (Monday) … 7 and [start, end).
struct TimeSlot {
    int weekday = 1;
    MinuteOfDay start = 0, end = 0;
};

/// A course as a school publishes it, for the checks at publication.
struct CourseDraft {
    std::string title;
    CourseCategory category;
    InstructorKind instructor = InstructorKind::kOwnTeacher;
    std::optional<ProviderFacts> provider;  // set when instructor == kProvider
    std::int64_t fee_per_hour_fen = 0;
    int capacity = 0;
    std::vector<TimeSlot> slots;
};

/// 弹性离校 One school's ordered end times on one weekday (RULES R1.9).
struct DismissalDay {
    int weekday = 1;
    std::vector<MinuteOfDay> batch_ends;
};

/// The hours a child took in one month of a semester, for the fee statement.
struct MonthHours {
    int month = 9;  // calendar month
    int hours = 0;  // class hours actually attended or booked
};

/// 收费单 A child's fee statement for a semester.
struct FeeStatement {
    std::int64_t gross_fen = 0;   // hours × rate before caps
    std::int64_t due_fen = 0;     // after month and semester caps and waivers
    bool waived = false;          // 家庭经济困难: pays nothing (R1.8(g), R2.1)
    std::vector<std::string> notes;  // which cap or waiver applied, for the parent
};

/// 第三方机构 A provider on a county's white list, as publication needs it (its life cycle is issue 9).
struct Provider {
    std::int64_t id = 0;
    std::string name, credit_code, unit_code, org_path, category;
    bool free_public_benefit = false;
    std::string status;  // applied | admitted | suspended | exited
    std::optional<std::string> admitted_at;
};

/// What a county bureau enters to put a provider on its white list.
struct ProviderInput {
    std::string name, credit_code, unit_code, category;
    bool free_public_benefit = false;
};

/// One reference row of the category table.
struct CategoryInfo {
    CourseCategory category;
    std::string name, name_en;
};

/// 开课班 A section as listed: a course at its weekly times, with its live seats.
struct Section {
    std::int64_t id = 0, course_id = 0, school_id = 0;
    std::string label, venue;
    int capacity = 0, taken = 0, waitlisted = 0, weeks = 16;
    std::vector<TimeSlot> slots;
};

/// 课程 A published course of one school and semester with its sections.
struct Course {
    std::int64_t id = 0, school_id = 0;
    std::string school_name, org_path, semester, title, category, category_name, description;
    int grade_from = 1, grade_to = 6;
    std::string instructor_kind;  // own_teacher | retired_teacher | volunteer | provider
    std::optional<std::int64_t> teacher_id, provider_id;
    std::string instructor_name;
    std::int64_t fee_per_hour_fen = 0;
    std::string status;  // published | closed
    std::vector<Section> sections;
};

/// What a school enters to publish a course: the course and one or more sections.
struct CourseInput {
    std::int64_t school_id = 0;
    std::string semester, title, category, description, venue;
    int grade_from = 1, grade_to = 6;
    std::string instructor_kind;
    std::optional<std::int64_t> teacher_id, provider_id;
    std::string instructor_name;  // volunteers and provider instructors; a teacher's name comes from the registry
    std::int64_t fee_per_hour_fen = 0;
    int capacity = 0, weeks = 16;
    std::vector<std::vector<TimeSlot>> sections;  // each section's weekly slots
};

/// 弹性离校 One school's service day on a weekday: when lessons end and its dismissal batches.
struct ServiceDay {
    int weekday = 1;
    MinuteOfDay lessons_end = 15 * 60 + 30;
    std::vector<MinuteOfDay> batch_ends;
};

/// 选课窗口 A selection window of one school, or of every school of a county (school_id empty).
struct Window {
    std::int64_t id = 0;
    std::string unit_code;
    std::optional<std::int64_t> school_id;
    std::string org_path, semester, title;
    std::string mode;  // first_come | lottery
    std::string opens_at, closes_at;
    int max_wishes = 3, course_limit = 2;
    std::vector<std::string> priority_order;  // lottery: group names, most favoured first
    std::optional<std::string> seed_commitment;
    std::optional<std::string> seed;  // kept secret until close, then published (commit–reveal)
    std::optional<std::string> allocated_at, result_digest;
};

/// What an administrator enters to open a window.
struct WindowInput {
    std::string unit_code;
    std::optional<std::int64_t> school_id;
    std::string semester, title, mode, opens_at, closes_at;
    int max_wishes = 3, course_limit = 2;
    std::vector<std::string> priority_order;
};

/// A child's seat or waitlist place as shown to the family and the school.
struct Seat {
    std::int64_t id = 0, section_id = 0, course_id = 0, student_id = 0;
    std::optional<std::int64_t> window_id;
    std::string student_name, course_title, section_label, instructor_name;
    std::string status;  // confirmed | waitlisted | dropped | left
    std::string source;  // first_come | lottery | waitlist | mid_term
    std::int64_t queue_no = 0;
    std::int64_t fee_per_hour_fen = 0;
    std::string created_at;
    std::optional<std::string> joined_on, left_on;
    int waitlist_position = 0;  // 1 = next in line; 0 unless waitlisted
};

/// One published allocation line: a wish and what became of it.
struct AllocationLine {
    std::int64_t student_id = 0;
    int rank = 0;
    std::int64_t section_id = 0;
    std::string outcome;  // assigned | full | conflict | duplicate_course | ineligible | unknown_section | limit_reached
    int round = 0;
    std::string draw;  // 16 hex digits of the lottery draw
    int tier = 0;
    std::optional<std::string> cutoff_draw;
    std::optional<int> cutoff_tier;
    std::optional<std::int64_t> conflict_with;
};

/// One line of a session's roll (点名册): a child enrolled that day and its mark.
struct RollEntry {
    std::int64_t student_id = 0;
    std::string student_name, class_name;
    std::string status;  // present | absent | leave | "" (not marked yet)
    bool leave_requested = false;  // a guardian's leave request covers the day (pre-fills "leave")
};

/// A section's roll on a date, and whether the session is recorded.
struct Roll {
    std::int64_t section_id = 0;
    std::string on_date, course_title, section_label;
    bool recorded = false;
    std::vector<RollEntry> entries;
};

/// 请假 A guardian's leave request.
struct LeaveRequest {
    std::int64_t id = 0, student_id = 0;
    std::string from_date, to_date, reason, filed_at;
};

/// 接送 One child on a duty teacher's pickup list.
struct PickupEntry {
    std::int64_t student_id = 0;
    std::string student_name, class_name;
    int batch_no = 0;
    std::optional<std::string> picked_at;
};

/// 评价 Average ratings of a course (kept for the provider evaluation).
struct RatingSummary {
    std::int64_t course_id = 0;
    std::string course_title, instructor_name;
    std::optional<std::int64_t> provider_id;
    int ratings = 0;
    double average = 0;
};

}  // namespace kehou::afterschool
