#pragma once
// 课后服务 The demo city's after-school service, planned from the registry's facts: which providers each
// county admits, each school's service week, what it offers in a semester (homework help per grade and
// special courses with their sections) and which children took which seats in the first-come window.
// Pure and deterministic (same facts + seed → same plan on every platform), so the figures it promises —
// 学生参与率 90.1 % and 教师参与率 93.3 %, as 聊城 reported — are tested without a database.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::demo {

/// The city-wide rates the seeded data reproduces, per thousand (90.1 %, 93.3 %).
inline constexpr int kServedPerThousand = 901;
inline constexpr int kTeachingPerThousand = 933;

/// The count out of `total` nearest to per_thousand / 1000 of it (half up).
std::int64_t TargetCount(std::int64_t total, int per_thousand);
/// Whether part / total, as a percentage with one decimal (half up), reads per_thousand / 10.
bool RoundsTo(std::int64_t part, std::int64_t total, int per_thousand);

/// A teacher of the school, in registry order (the first ones are the classes' head teachers).
struct PlanTeacher {
    std::int64_t id = 0;
    std::string name;
    bool retired = false;  // 返聘: teaches as a retired teacher
    std::string subject;   // the first subject taught
};

/// A pupil of the school.
struct PlanPupil {
    std::int64_t id = 0;
    int grade = 1;
};

/// One school as the plan sees it.
struct PlanSchool {
    std::size_t index = 0;  // position in the registry: each school draws from its own stream
    std::string unit_code;
    std::string stage;  // primary | junior_middle | nine_year
    bool is_rural = false;
    int grade_from = 1, grade_to = 6;
    std::vector<PlanTeacher> teachers;
    std::vector<PlanPupil> pupils;
};

/// How many pupils and teachers a school has, and how many teachers at least must instruct (one per
/// homework-help course, which all meet at the same time, plus one for a special course).
struct Headcount {
    std::string unit_code;
    std::int64_t students = 0, teachers = 0, min_teaching = 0;
};
Headcount HeadcountOf(const PlanSchool& school);

/// How many of a school's pupils take part (a seat in at least one section) and of its teachers
/// (instructing at least one section).
struct Participation {
    std::int64_t served = 0, teaching = 0;
};

/// Shares the city's participants over its counties — each a little above or below the city's rate — and
/// then over each county's schools, so that Σ served / Σ students reads 90.1 % and Σ teaching / Σ teachers
/// 93.3 % (to one decimal) whenever the totals allow it (over 1,000 people).
std::vector<Participation> PlanParticipation(std::span<const Headcount> schools, std::uint64_t seed);

/// 第三方机构 A provider on a county's white list.
struct ProviderPlan {
    std::string name, credit_code, category;  // credit code valid under GB 32100 (RULES R3.4)
    bool free_public_benefit = false;         // charges pupils nothing (R2.3d)
    std::int64_t fee_per_hour_fen = 0;        // its asking price; a school pays at most its cap
};
/// The providers a county bureau admitted: a few non-subject ones, the first free and public-benefit.
std::vector<ProviderPlan> PlanProviders(std::string_view unit_code, std::uint64_t seed);

/// One weekly meeting, weekday 1 (Monday) … 5, minutes after midnight, [start, end).
struct SlotPlan {
    int weekday = 1, start = 0, end = 0;
};

/// 弹性离校 One weekday of a school's service: when lessons end and the dismissal batches.
struct DayPlan {
    int weekday = 1;
    int lessons_end = 0;
    std::vector<int> batch_ends;
};
/// Monday to Friday: lessons end 15:40 (primary) or 16:20 (junior middle); the latest batch no earlier
/// than `latest_end_floor` (off-work + offset, R1.5/R1.6) nor than two hours after lessons (R1.7).
std::vector<DayPlan> PlanServiceWeek(const PlanSchool& school, int latest_end_floor, std::uint64_t seed);

/// A child's confirmed seat, taken `second` seconds after the window opened.
struct SeatPlan {
    std::int64_t student_id = 0;
    std::int64_t second = 0;
};

/// 开课班 A section: the weekly slots, the capacity and the seats in queue order.
struct SectionPlan {
    int capacity = 0;
    std::vector<SlotPlan> slots;
    std::vector<SeatPlan> seats;
};

/// 课程 A course of the school's catalogue with its sections.
struct CoursePlan {
    std::string title, category, description, venue;
    int grade_from = 1, grade_to = 6;
    std::string instructor_kind;  // own_teacher | retired_teacher | volunteer | provider
    std::optional<std::int64_t> teacher_id;
    std::optional<std::size_t> provider;  // index into the county's providers
    std::string instructor_name;          // the teacher's or volunteer's name, or the provider's instructor
    std::int64_t fee_per_hour_fen = 0;
    std::vector<SectionPlan> sections;
};

/// What to plan for one school and semester.
struct OfferOptions {
    std::uint64_t seed = 0;
    std::uint64_t semester_stream = 0;          // a different catalogue each semester
    std::int64_t fee_cap_fen = 350;             // the school's hourly cap under the standard in force (R2.1)
    std::int64_t served = 0;                    // pupils to seat; 0: a catalogue without seats
    std::int64_t teaching = 0;                  // teachers to instruct
    std::vector<std::int64_t> must_teach;       // teachers who instruct whatever the draw (the demo teacher)
    std::span<const ProviderPlan> providers;    // the county's white list
    int clubs = -1;                             // special courses by teachers; -1: one per teacher left over
    int volunteer_courses = -1;                 // -1: one or two
    int provider_courses = -1;                  // -1: one or two where the county has providers
    std::int64_t window_seconds = 4LL * 86400;  // how long the first-come window was open
    std::vector<std::int64_t> must_serve;       // pupils served whatever the draw, with homework help and a course
};

/// A school's semester: its catalogue and, when pupils are served, the seats of the first-come window.
struct SchoolOffer {
    std::vector<CoursePlan> courses;
};

/// Plans one school's semester. With `served` > 0 exactly that many pupils hold 1–2 seats each (grade-
/// eligible, within capacity, no two at overlapping times, no course twice), and exactly `teaching`
/// teachers (clamped to the school's) instruct a course; sections are added where capacity runs short.
SchoolOffer PlanOffer(const PlanSchool& school, const OfferOptions& options);

}  // namespace kehou::demo
