// The after-school side of the providers module's life cycle (issue 9): the white-list row it mirrors, the courses
// an exit closes, and the facts its evaluation reads.
#include "afterschool/provider_link.hpp"

#include <chrono>
#include <map>
#include <set>

#include "afterschool/catalog_service.hpp"
#include "core/time.hpp"

namespace kehou::afterschool {
namespace {

constexpr db::Query kFindByCode{"afterschool.provider_by_code",
                                "SELECT id FROM as_provider WHERE unit_code = $1 AND credit_code = $2"};
constexpr db::Query kInsert{"afterschool.mirror_provider_insert",
                            "INSERT INTO as_provider (name, credit_code, unit_code, org_path, category,"
                            " free_public_benefit, status, admitted_at, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"};
// admitted_at is the day of (re-)admission onto the list; a reinstatement after a suspension keeps it.
constexpr db::Query kUpdate{"afterschool.mirror_provider_update",
                            "UPDATE as_provider SET name = $2, category = $3, free_public_benefit = $4,"
                            " admitted_at = CASE WHEN $5 = 'admitted' AND status <> 'suspended' AND status <> 'admitted'"
                            " THEN $6 ELSE admitted_at END, status = $5 WHERE id = $1"};
constexpr db::Query kOpenCourses{"afterschool.provider_open_courses",
                                 "SELECT id, school_id, org_path, semester, title FROM as_course"
                                 " WHERE provider_id = $1 AND semester = $2 AND status = 'published' ORDER BY id"};
constexpr db::Query kCloseCourse{"afterschool.provider_close_course",
                                 "UPDATE as_course SET status = 'closed' WHERE id = $1"};
constexpr db::Query kCourses{"afterschool.provider_courses",
                             "SELECT c.id, c.school_id, s.name, c.org_path, c.semester, c.title, c.status"
                             " FROM as_course c JOIN org_school s ON s.id = c.school_id WHERE c.provider_id = $1"
                             " ORDER BY c.semester, s.name, c.id"};
constexpr db::Query kStars{"afterschool.provider_stars",
                           "SELECT r.score FROM as_rating r JOIN as_course c ON c.id = r.course_id"
                           " WHERE c.provider_id = $1 AND c.semester = $2 ORDER BY r.rated_at"};
constexpr db::Query kAttendance{
    "afterschool.provider_attendance",
    "SELECT COALESCE(SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN a.status IN ('present', 'absent') THEN 1 ELSE 0 END), 0)"
    " FROM as_attendance a JOIN as_section x ON x.id = a.section_id JOIN as_course c ON c.id = x.course_id"
    " WHERE c.provider_id = $1 AND c.semester = $2"};
constexpr db::Query kSeatHolders{
    "afterschool.provider_seat_holders",
    "SELECT DISTINCT t.student_id, x.school_id, x.org_path FROM as_seat t JOIN as_section x ON x.id = t.section_id"
    " JOIN as_course c ON c.id = x.course_id WHERE c.provider_id = $1 AND c.semester = $2 AND t.status = 'confirmed'"
    " ORDER BY x.school_id, t.student_id"};

// The provider's sections with their slot weekdays, the days each of their schools took any roll, and the days
// each section's own roll was taken; the weekdays are compared here (SQLite and PostgreSQL name them differently).
constexpr db::Query kSectionWeekdays{
    "afterschool.provider_section_weekdays",
    "SELECT x.id, x.school_id, t.weekday FROM as_section x JOIN as_course c ON c.id = x.course_id"
    " JOIN as_section_slot t ON t.section_id = x.id WHERE c.provider_id = $1 AND c.semester = $2"};
constexpr db::Query kSchoolRollDays{
    "afterschool.provider_school_roll_days",
    "SELECT DISTINCT y.school_id, s.on_date FROM as_session s JOIN as_section y ON y.id = s.section_id"
    " WHERE y.semester = $2 AND y.school_id IN (SELECT x.school_id FROM as_section x JOIN as_course c"
    " ON c.id = x.course_id WHERE c.provider_id = $1 AND c.semester = $2)"};
constexpr db::Query kSectionRollDays{
    "afterschool.provider_section_roll_days",
    "SELECT s.section_id, s.on_date FROM as_session s JOIN as_section x ON x.id = s.section_id"
    " JOIN as_course c ON c.id = x.course_id WHERE c.provider_id = $1 AND c.semester = $2"};

int IsoWeekday(const std::string& iso_date) {
    const auto d = ParseIsoDate(iso_date);
    return d ? static_cast<int>(std::chrono::weekday{std::chrono::sys_days{*d}}.iso_encoding()) : 0;
}

int MissedSessions(db::Connection& c, std::int64_t provider_id, const std::string& semester) {
    std::map<std::int64_t, std::pair<std::int64_t, std::set<int>>> sections;  // section → school, weekdays
    for (const auto& r : c.Query(kSectionWeekdays, {provider_id, semester})) {
        auto& [school, weekdays] = sections[r.Int(0)];
        school = r.Int(1);
        weekdays.insert(static_cast<int>(r.Int(2)));
    }
    std::map<std::int64_t, std::vector<std::string>> school_days;
    for (const auto& r : c.Query(kSchoolRollDays, {provider_id, semester})) school_days[r.Int(0)].push_back(r.Text(1));
    std::set<std::pair<std::int64_t, std::string>> held;
    for (const auto& r : c.Query(kSectionRollDays, {provider_id, semester})) held.insert({r.Int(0), r.Text(1)});
    int missed = 0;
    for (const auto& [section, facts] : sections)
        for (const auto& day : school_days[facts.first])
            missed += facts.second.contains(IsoWeekday(day)) && !held.contains({section, day});
    return missed;
}

}  // namespace

std::int64_t CatalogService::MirrorProvider(db::Connection& c, const ProviderInput& in, const std::string& org_path,
                                            const std::string& status) {
    const std::string now = FormatShanghai(std::chrono::system_clock::now());
    const db::Value free{std::int64_t{in.free_public_benefit}};
    if (const auto id = db::QueryOne(c, kFindByCode, {in.unit_code, in.credit_code}, [](const db::Row& r) { return r.Int(0); })) {
        c.Execute(kUpdate, {*id, in.name, in.category, free, status, now});
        return *id;
    }
    return c.Query(kInsert, {in.name, in.credit_code, in.unit_code, org_path, in.category, free, status, now})[0].Int(0);
}

std::vector<Course> CatalogService::CloseProviderCourses(db::Connection& c, std::int64_t provider_id,
                                                         const std::vector<std::string>& semesters) {
    std::vector<Course> closed;
    for (const auto& semester : semesters)
        for (const auto& r : c.Query(kOpenCourses, {provider_id, semester})) {
            Course k;
            k.id = r.Int(0);
            k.school_id = r.Int(1);
            k.org_path = r.Text(2);
            k.semester = r.Text(3);
            k.title = r.Text(4);
            k.status = "closed";
            c.Execute(kCloseCourse, {k.id});
            closed.push_back(std::move(k));
        }
    return closed;
}

std::vector<ProviderCourse> ProviderCourses(db::Connection& c, std::int64_t provider_id) {
    std::vector<ProviderCourse> out;
    for (const auto& r : c.Query(kCourses, {provider_id}))
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
    return out;
}

ProviderSemesterFacts SemesterFactsOf(db::Connection& c, std::int64_t provider_id, const std::string& semester) {
    ProviderSemesterFacts f;
    for (const auto& r : c.Query(kStars, {provider_id, semester})) f.guardian_stars.push_back(static_cast<int>(r.Int(0)));
    const auto a = c.Query(kAttendance, {provider_id, semester});
    f.present = a[0].Int(0);
    f.marked = a[0].Int(1);
    f.missed_sessions = MissedSessions(c, provider_id, semester);
    return f;
}

std::vector<ProviderSeatHolder> ProviderSeatHolders(db::Connection& c, std::int64_t provider_id,
                                                    const std::string& semester) {
    std::vector<ProviderSeatHolder> out;
    for (const auto& r : c.Query(kSeatHolders, {provider_id, semester})) out.push_back({r.Int(0), r.Int(1), r.Text(2)});
    return out;
}

}  // namespace kehou::afterschool
