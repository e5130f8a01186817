#pragma once
// SQL of the catalogue: categories, providers, courses with their sections and slots, service days and
// dismissal choices. Every list takes the caller's scope path.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/model.hpp"
#include "db/connection.hpp"

namespace kehou::afterschool::repo {

std::vector<CategoryInfo> ListCategories(db::Connection& c);
std::optional<CategoryInfo> FindCategory(db::Connection& c, const std::string& code);

/// Providers whose county lies inside `scope`, or whose county contains it (a school sees its county's).
std::vector<Provider> ListProviders(db::Connection& c, const std::string& scope);
std::optional<Provider> FindProvider(db::Connection& c, std::int64_t id);
std::int64_t InsertProvider(db::Connection& c, const ProviderInput& in, const std::string& org_path,
                            const std::string& now);
void SetProviderStatus(db::Connection& c, std::int64_t id, const std::string& status,
                       const std::optional<std::string>& admitted_at);

/// Courses of a school and semester inside `scope`, each with its sections and slots; taken counts as stored.
std::vector<Course> ListCourses(db::Connection& c, const std::string& scope, std::int64_t school_id,
                                const std::string& semester);
std::optional<Course> FindCourse(db::Connection& c, const std::string& scope, std::int64_t course_id);
/// Inserts a course and its sections; returns the course id.
std::int64_t InsertCourse(db::Connection& c, const CourseInput& in, const std::string& org_path,
                          const std::string& instructor_name, const std::string& now);
void SetCourseStatus(db::Connection& c, std::int64_t course_id, const std::string& status);

std::vector<ServiceDay> ListServiceDays(db::Connection& c, std::int64_t school_id, const std::string& semester);
void ReplaceServiceDays(db::Connection& c, std::int64_t school_id, const std::string& org_path,
                        const std::string& semester, const std::vector<ServiceDay>& days, const std::string& now);

/// A child's chosen batch per weekday: index = weekday (1..5), 0 = not chosen.
std::vector<int> DismissalChoices(db::Connection& c, std::int64_t student_id, const std::string& semester);
void PutDismissalChoice(db::Connection& c, std::int64_t student_id, const std::string& semester, int weekday,
                        int batch_no, std::int64_t user_id, const std::string& now);

/// The weekly slots of every section of a school's semester, by section id.
std::map<std::int64_t, std::vector<TimeSlot>> SlotsOfSchool(db::Connection& c, std::int64_t school_id,
                                                           const std::string& semester);

/// "周二 16:00–17:30" for a section's label.
std::string SlotsLabel(const std::vector<TimeSlot>& slots);

}  // namespace kehou::afterschool::repo
