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
/// `new_lessons` collective teaching of new lessons, which after-school service may not be (R1.8f).
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
    bool waived = false;          // 家庭经济困难: pays nothing (R1.8g, R2.1)
    std::vector<std::string> notes;  // which cap or waiver applied, for the parent
};

}  // namespace kehou::afterschool
