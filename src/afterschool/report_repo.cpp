#include "afterschool/report_repo.hpp"

namespace kehou::afterschool::repo {
namespace {

constexpr db::Query kSchools{"afterschool.report_schools",
                             "SELECT id, name, unit_code, org_path FROM org_school WHERE org_path LIKE $1 || '%'"
                             " ORDER BY org_path"};
// Each count reaches its rows through the schools in scope and a narrow index (migration 0012), so the
// wide pupil and seat rows are never read: the path prefix picks ~1,000 schools, not 830,000 pupils.
#define KEHOU_SCHOOLS_IN_SCOPE "(SELECT id FROM org_school WHERE org_path LIKE $1 || '%')"
constexpr db::Query kStudents{"afterschool.report_students",
                              "SELECT school_id, COUNT(*) FROM org_student WHERE status = 'enrolled'"
                              " AND school_id IN " KEHOU_SCHOOLS_IN_SCOPE " GROUP BY school_id"};
// Served children and waitlisted places in one pass over the sections' seat index.
constexpr db::Query kSeatCounts{
    "afterschool.report_seat_counts",
    "SELECT x.school_id, COUNT(DISTINCT CASE WHEN s.status IN ('confirmed', 'left') THEN s.student_id END),"
    " SUM(CASE WHEN s.status = 'waitlisted' THEN 1 ELSE 0 END)"
    " FROM as_section x JOIN as_seat s ON s.section_id = x.id AND s.status IN ('confirmed', 'left', 'waitlisted')"
    " WHERE x.semester = $2 AND x.school_id IN " KEHOU_SCHOOLS_IN_SCOPE " GROUP BY x.school_id"};
constexpr db::Query kTeachers{"afterschool.report_teachers",
                              "SELECT school_id, COUNT(*) FROM org_teacher WHERE school_id IN " KEHOU_SCHOOLS_IN_SCOPE
                              " GROUP BY school_id"};
constexpr db::Query kTeaching{
    "afterschool.report_teaching",
    "SELECT c.school_id, COUNT(DISTINCT c.teacher_id) FROM as_course c WHERE c.semester = $2"
    " AND c.school_id IN " KEHOU_SCHOOLS_IN_SCOPE " AND c.status = 'published' AND c.teacher_id IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM as_section x WHERE x.course_id = c.id) GROUP BY c.school_id"};
constexpr db::Query kSeats{
    "afterschool.report_seats",
    "SELECT x.school_id, COUNT(DISTINCT x.course_id), COUNT(*), SUM(x.capacity), SUM(x.taken) FROM as_section x"
    " WHERE x.semester = $2 AND x.school_id IN " KEHOU_SCHOOLS_IN_SCOPE " GROUP BY x.school_id"};
#undef KEHOU_SCHOOLS_IN_SCOPE
// One index look-up each (primary keys, ix_org_student_updated, ix_as_seat_updated).
constexpr db::Query kChangeMarks{
    "afterschool.report_change_marks",
    "SELECT (SELECT MAX(id) FROM org_student), (SELECT MAX(updated_at) FROM org_student),"
    " (SELECT MAX(id) FROM as_seat), (SELECT MAX(updated_at) FROM as_seat)"};
constexpr db::Query kCharged{
    "afterschool.charged_sessions",
    "SELECT s.student_id, c.title, CAST(substr(se.on_date, 6, 2) AS INTEGER), c.fee_per_hour_fen, se.minutes,"
    " COUNT(*) FROM as_seat s JOIN as_section x ON x.id = s.section_id JOIN as_course c ON c.id = x.course_id"
    " JOIN as_session se ON se.section_id = s.section_id"
    " WHERE x.school_id = $1 AND x.semester = $2 AND ($3 = 0 OR s.student_id = $3)"
    " AND s.status IN ('confirmed', 'left')"
    " AND (s.joined_on IS NULL OR se.on_date >= s.joined_on) AND (s.left_on IS NULL OR se.on_date < s.left_on)"
    " AND NOT EXISTS (SELECT 1 FROM as_attendance a WHERE a.section_id = se.section_id AND a.on_date = se.on_date"
    "  AND a.student_id = s.student_id AND a.status <> 'present')"
    " GROUP BY s.student_id, c.id, c.title, CAST(substr(se.on_date, 6, 2) AS INTEGER), c.fee_per_hour_fen, se.minutes"
    " ORDER BY s.student_id, c.id"};
constexpr db::Query kFill{
    "afterschool.fill_of_school",
    "SELECT c.id, c.title, k.name, c.instructor_name, COUNT(x.id), COALESCE(SUM(x.capacity), 0),"
    " COALESCE(SUM(x.taken), 0),"
    " (SELECT COUNT(*) FROM as_seat s JOIN as_section y ON y.id = s.section_id WHERE y.course_id = c.id"
    "  AND s.status = 'waitlisted')"
    " FROM as_course c JOIN as_course_category k ON k.code = c.category LEFT JOIN as_section x ON x.course_id = c.id"
    " WHERE c.school_id = $1 AND c.semester = $2 GROUP BY c.id, c.title, k.name, c.instructor_name ORDER BY c.id"};
constexpr db::Query kChildFacts{"afterschool.child_facts",
                                "SELECT st.id, st.name, k.name, st.hardship FROM org_student st"
                                " JOIN org_class k ON k.id = st.class_id WHERE st.school_id = $1"};

/// Runs a "school_id, count" query into the figures' field.
template <typename Field>
void Fill(db::Connection& c, const db::Query& q, std::initializer_list<db::Value> params,
          std::map<std::int64_t, SchoolFigures*>& by_id, Field field) {
    for (const auto& r : c.Query(q, params))
        if (const auto it = by_id.find(r.Int(0)); it != by_id.end()) it->second->*field = r.Int(1);
}

}  // namespace

std::vector<SchoolFigures> FiguresBySchool(db::Connection& c, const std::string& scope, const std::string& semester) {
    auto out = LightFiguresBySchool(c, scope, semester);
    AddHeavy(out, CountHeavy(c, scope, semester));
    return out;
}

HeavyCountsBySchool CountHeavy(db::Connection& c, const std::string& scope, const std::string& semester) {
    HeavyCountsBySchool out;
    for (const auto& r : c.Query(kStudents, {scope})) out[r.Int(0)].students = r.Int(1);
    for (const auto& r : c.Query(kSeatCounts, {scope, semester})) {
        HeavyCounts& h = out[r.Int(0)];
        h.served = r.Int(1);
        h.waitlisted = r.Int(2);
    }
    return out;
}

std::vector<SchoolFigures> LightFiguresBySchool(db::Connection& c, const std::string& scope,
                                                const std::string& semester) {
    std::vector<SchoolFigures> out;
    for (const auto& r : c.Query(kSchools, {scope})) {
        SchoolFigures f;
        f.school_id = r.Int(0);
        f.school_name = r.Text(1);
        f.unit_code = r.Text(2);
        f.org_path = r.Text(3);
        out.push_back(std::move(f));
    }
    std::map<std::int64_t, SchoolFigures*> by_id;
    for (auto& f : out) by_id[f.school_id] = &f;
    Fill(c, kTeachers, {scope}, by_id, &SchoolFigures::teachers);
    Fill(c, kTeaching, {scope, semester}, by_id, &SchoolFigures::teaching);
    for (const auto& r : c.Query(kSeats, {scope, semester}))
        if (const auto it = by_id.find(r.Int(0)); it != by_id.end()) {
            it->second->courses = r.Int(1);
            it->second->sections = r.Int(2);
            it->second->capacity = r.Int(3);
            it->second->taken = r.Int(4);
        }
    return out;
}

void AddHeavy(std::vector<SchoolFigures>& figures, const HeavyCountsBySchool& heavy) {
    for (auto& f : figures)
        if (const auto it = heavy.find(f.school_id); it != heavy.end()) {
            f.students = it->second.students;
            f.served = it->second.served;
            f.waitlisted = it->second.waitlisted;
        }
}

ChangeMarks ReadChangeMarks(db::Connection& c) {
    const auto r = c.Query(kChangeMarks);
    return {r[0].OptInt(0).value_or(0), r[0].OptInt(2).value_or(0), r[0].OptText(1).value_or(""),
            r[0].OptText(3).value_or("")};
}

std::vector<ChargedSessions> ChargedSessionsOf(db::Connection& c, std::int64_t school_id, const std::string& semester,
                                               std::int64_t student_id) {
    std::vector<ChargedSessions> out;
    for (const auto& r : c.Query(kCharged, {school_id, semester, student_id}))
        out.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.Int(3), static_cast<int>(r.Int(4)),
                       static_cast<int>(r.Int(5))});
    return out;
}

std::vector<CourseFill> FillOfSchool(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    std::vector<CourseFill> out;
    for (const auto& r : c.Query(kFill, {school_id, semester}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7)});
    return out;
}

std::map<std::int64_t, ChildFacts> ChildFactsOfSchool(db::Connection& c, std::int64_t school_id) {
    std::map<std::int64_t, ChildFacts> out;
    for (const auto& r : c.Query(kChildFacts, {school_id})) out[r.Int(0)] = {r.Text(1), r.Text(2), r.Int(3) != 0};
    return out;
}

}  // namespace kehou::afterschool::repo
