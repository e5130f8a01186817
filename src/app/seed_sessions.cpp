// The demo county's autumn so far: the sessions its sections held since term began, with a few absences
// and leaves, so that fee statements, fee lists and instructor hours have content after `make run`.

#include "app/seed_sessions.hpp"

#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"

namespace kehou::app {
namespace {

// One statement per school day: every section meeting that weekday held its session. Both statements
// start from the county's schools and their sections (ix_as_section_school), then the sections' seats
// (ix_as_seat_section): the city's 1.1 M seats were scanned once per school day before (0.8 s each).
#define KEHOU_COUNTY_SECTIONS \
    " x.semester = $4 AND x.school_id IN (SELECT id FROM org_school WHERE org_path LIKE $5 || '%')"
constexpr db::Query kSessions{
    "seed.held_sessions",
    "INSERT INTO as_session (section_id, on_date, org_path, teacher_id, minutes, recorded_by, recorded_at)"
    " SELECT x.id, $1, x.org_path, c.teacher_id, SUM(t.end_minute - t.start_minute), CAST(NULL AS BIGINT), $2 FROM as_section x"
    " JOIN as_course c ON c.id = x.course_id JOIN as_section_slot t ON t.section_id = x.id"
    " WHERE t.weekday = $3 AND" KEHOU_COUNTY_SECTIONS " GROUP BY x.id, x.org_path, c.teacher_id"};
// About one child in 40 misses a given session (a few of them with leave asked for), spread by id and day.
constexpr db::Query kAbsences{
    "seed.absences",
    "INSERT INTO as_attendance (section_id, on_date, student_id, status, marked_by, marked_at)"
    " SELECT DISTINCT s.section_id, $1, s.student_id, CASE WHEN (s.student_id + $6) % 3 = 0 THEN 'leave' ELSE 'absent' END,"
    " CAST(NULL AS BIGINT), $2 FROM as_section x JOIN as_section_slot t ON t.section_id = x.id"
    " JOIN as_seat s ON s.section_id = x.id"
    " WHERE t.weekday = $3 AND" KEHOU_COUNTY_SECTIONS " AND s.status = 'confirmed' AND (s.student_id + $6) % 40 = 0"};
// About one family in four has rated each course its child takes this term (课程评价), most with 4 or 5 stars;
// families with an account (demo.parent's) are left to rate for themselves.
constexpr db::Query kRatings{
    "seed.ratings",
    "INSERT INTO as_rating (course_id, student_id, score, comment, rated_by, rated_at)"
    " SELECT DISTINCT x.course_id, s.student_id,"
    " CASE WHEN (s.student_id + x.course_id) % 10 < 5 THEN 5 WHEN (s.student_id + x.course_id) % 10 < 8 THEN 4"
    " WHEN (s.student_id + x.course_id) % 10 < 9 THEN 3 ELSE 2 END,"
    " CASE (s.student_id + x.course_id) % 4 WHEN 0 THEN '孩子很喜欢，每周都盼着上课' WHEN 1 THEN '老师认真负责'"
    " WHEN 2 THEN '' ELSE '希望多安排户外活动' END, CAST(NULL AS BIGINT), $3"
    " FROM as_section x JOIN as_seat s ON s.section_id = x.id WHERE x.semester = $1 AND x.school_id IN"
    " (SELECT id FROM org_school WHERE org_path LIKE $2 || '%') AND s.status = 'confirmed' AND s.student_id % 4 = 0 AND NOT EXISTS (SELECT 1 FROM org_student_guardian sg"
    " JOIN org_guardian g ON g.id = sg.guardian_id WHERE sg.student_id = s.student_id AND g.user_id IS NOT NULL)"};
#undef KEHOU_COUNTY_SECTIONS

bool NationalDayHoliday(const std::chrono::year_month_day& d) {
    return d.month() == std::chrono::October && d.day() <= std::chrono::day(7);
}

}  // namespace

std::int64_t SeedHeldSessions(db::Database& database, const std::string& county_path, int school_year) {
    using namespace std::chrono;
    const auto today = floor<days>(system_clock::now() + kShanghaiOffset);
    const sys_days first = sys_days(year(school_year) / September / 7);
    const sys_days last = std::min(today - days(1), sys_days(year(school_year + 1) / January / 20));
    const std::string semester = fmt::format("{}-autumn", school_year);
    const std::string now = FormatShanghai(system_clock::now());
    std::int64_t sessions = 0;
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    std::int64_t day_index = 0;
    for (sys_days d = first; d <= last; d += days(1)) {
        const auto weekday = static_cast<std::int64_t>(std::chrono::weekday(d).iso_encoding());
        const year_month_day ymd(d);
        if (weekday > 5 || NationalDayHoliday(ymd)) continue;
        const std::string date = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                             static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        sessions += c->Execute(kSessions, {date, now, weekday, semester, county_path});
        c->Execute(kAbsences, {date, now, weekday, semester, county_path, ++day_index});
    }
    tx.Commit();
    return sessions;
}

std::int64_t SeedRatings(db::Database& database, const std::string& county_path, int school_year) {
    const std::string semester = fmt::format("{}-autumn", school_year);
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto rated = c->Execute(kRatings, {semester, county_path, FormatShanghai(std::chrono::system_clock::now())});
    tx.Commit();
    return rated;
}

}  // namespace kehou::app
