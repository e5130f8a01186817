#pragma once
// The material the after-school plan draws on: the special courses a Shandong school typically offers
// (书法, 围棋, 足球, 合唱, 机器人, 种植园 …) with their grades, rooms and group sizes, which courses a
// teacher of each subject leads, and the pieces of invented provider names. Static data, no I/O.

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "demo/afterschool_plan.hpp"

namespace kehou::demo {

/// The largest section ValidateCourse accepts; a bigger grade's homework help splits into groups.
inline constexpr int kHomeworkCap = 500;

/// One part of a school's afternoon — primary (grades 1–6) or junior middle (7–9) — with its two bands.
struct DayPart {
    int grade_from, grade_to;
    int homework_start, homework_end;  // the basic service, Monday to Friday
    int club_start, club_end;          // special courses (社团), one or two afternoons a week
};
// Lessons end 15:40 / 16:20 (PlanServiceWeek); both bands end by 18:00.
inline constexpr DayPart kPrimaryPart{1, 6, 15 * 60 + 50, 16 * 60 + 50, 17 * 60, 17 * 60 + 50};
inline constexpr DayPart kJuniorPart{7, 9, 16 * 60 + 30, 17 * 60 + 15, 17 * 60 + 20, 18 * 60};

/// Whether two weekly meetings take place at the same time, or any of two sets do.
bool Overlaps(const SlotPlan& a, const SlotPlan& b);
bool Clash(std::span<const SlotPlan> a, std::span<const SlotPlan> b);

/// Homework-help groups a grade of `pupils` needs; pupils by grade (index 1..9).
int HomeworkGroups(int pupils);
std::array<int, 10> PupilsByGrade(const PlanSchool& s);

/// 三年级, 三至六年级.
std::string GradeBand(int from, int to);

/// One special course as schools offer it; grades and capacity bound what a school may plan.
struct CourseSpec {
    std::string_view category;  // an as_course_category code, never a subject-type one (R1.14)
    std::string_view title;
    std::string_view venue;
    std::string_view description;
    int grade_min, grade_max;
    int capacity_min, capacity_max;  // within 20–45
    int twice_weekly_permille;       // share of sections that meet twice a week
};

/// Every special course, grouped by category.
std::span<const CourseSpec> CourseSpecs();

/// The categories a serving teacher of `subject` leads special courses in, most fitting first.
std::span<const std::string_view> CategoriesForSubject(std::string_view subject);
/// What retired teachers (返聘) and volunteers (家长、社区志愿者) most often lead.
std::span<const std::string_view> RetiredCategories();
std::span<const std::string_view> VolunteerCategories();

/// 一年级 … 九年级.
std::string_view GradeName(int grade);

/// Invented provider names: brand + field of the category + legal form.
std::span<const std::string_view> ProviderBrands();
std::string_view ProviderField(std::string_view category);

}  // namespace kehou::demo
