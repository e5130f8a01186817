#include "afterschool/running_repo.hpp"

namespace kehou::afterschool::repo {
namespace {

constexpr db::Query kCourseOfSection{"afterschool.course_of_section", "SELECT course_id FROM as_section WHERE id = $1"};
constexpr db::Query kRoll{
    "afterschool.roll",
    "SELECT st.id, st.name, k.name,"
    " (SELECT a.status FROM as_attendance a WHERE a.section_id = s.section_id AND a.on_date = $2"
    "  AND a.student_id = st.id),"
    " (SELECT COUNT(*) FROM as_leave_request l WHERE l.student_id = st.id AND l.cancelled_at IS NULL"
    "  AND l.from_date <= $2 AND l.to_date >= $2)"
    " FROM as_seat s JOIN org_student st ON st.id = s.student_id JOIN org_class k ON k.id = st.class_id"
    " WHERE s.section_id = $1 AND s.status IN ('confirmed', 'left') AND (s.joined_on IS NULL OR s.joined_on <= $2)"
    " AND (s.left_on IS NULL OR s.left_on > $2) ORDER BY k.grade, k.class_no, st.name, st.id"};
constexpr db::Query kSessionRecorded{"afterschool.session_recorded",
                                     "SELECT COUNT(*) FROM as_session WHERE section_id = $1 AND on_date = $2"};
constexpr db::Query kPutSession{
    "afterschool.put_session",
    "INSERT INTO as_session (section_id, on_date, org_path, teacher_id, minutes, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (section_id, on_date) DO UPDATE SET"
    " teacher_id = excluded.teacher_id, minutes = excluded.minutes, recorded_by = excluded.recorded_by,"
    " recorded_at = excluded.recorded_at"};
constexpr db::Query kPutAttendance{
    "afterschool.put_attendance",
    "INSERT INTO as_attendance (section_id, on_date, student_id, status, marked_by, marked_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (section_id, on_date, student_id) DO UPDATE SET"
    " status = excluded.status, marked_by = excluded.marked_by, marked_at = excluded.marked_at"};
constexpr db::Query kMarkOf{"afterschool.mark_of",
                            "SELECT status FROM as_attendance WHERE section_id = $1 AND on_date = $2"
                            " AND student_id = $3"};
constexpr db::Query kInsertLeave{
    "afterschool.insert_leave",
    "INSERT INTO as_leave_request (student_id, org_path, from_date, to_date, reason, filed_by, filed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr db::Query kLeaves{"afterschool.leaves_of",
                            "SELECT id, student_id, from_date, to_date, reason, filed_at FROM as_leave_request"
                            " WHERE student_id = $1 AND cancelled_at IS NULL ORDER BY from_date DESC, id DESC"};
// [D] A child holding a seat that day without a chosen batch leaves with the last batch ($6).
constexpr db::Query kPickupList{
    "afterschool.pickup_list",
    "SELECT st.id, st.name, k.name, COALESCE(d.batch_no, $6), p.picked_at FROM org_student st"
    " JOIN org_class k ON k.id = st.class_id"
    " LEFT JOIN as_dismissal_choice d ON d.student_id = st.id AND d.semester = $2 AND d.weekday = $3"
    " LEFT JOIN as_pickup p ON p.student_id = st.id AND p.on_date = $5"
    " WHERE st.school_id = $1 AND (d.batch_no IS NOT NULL OR EXISTS (SELECT 1 FROM as_seat s"
    "  JOIN as_section x ON x.id = s.section_id JOIN as_section_slot t ON t.section_id = x.id"
    "  WHERE s.student_id = st.id AND x.semester = $2 AND t.weekday = $3 AND s.status IN ('confirmed', 'left')"
    "  AND (s.joined_on IS NULL OR s.joined_on <= $5) AND (s.left_on IS NULL OR s.left_on > $5)))"
    " AND ($4 = 0 OR COALESCE(d.batch_no, $6) = $4)"
    " ORDER BY 4, k.grade, k.class_no, st.name, st.id"};
constexpr db::Query kRatingsOfChild{"afterschool.ratings_of_child",
                                    "SELECT course_id, score, comment, rated_at FROM as_rating WHERE student_id = $1"
                                    " ORDER BY course_id"};
constexpr db::Query kPutCode{
    "afterschool.put_pickup_code",
    "INSERT INTO as_pickup (student_id, on_date, org_path, code_hash, issued_to, issued_at) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (student_id, on_date) DO UPDATE SET code_hash = excluded.code_hash, issued_to = excluded.issued_to,"
    " issued_at = excluded.issued_at"};
constexpr db::Query kPickupOf{"afterschool.pickup_of",
                              "SELECT code_hash, picked_at FROM as_pickup WHERE student_id = $1 AND on_date = $2"};
constexpr db::Query kPickedUp{"afterschool.picked_up",
                              "UPDATE as_pickup SET picked_at = $4, confirmed_by = $3 WHERE student_id = $1"
                              " AND on_date = $2 AND picked_at IS NULL"};
constexpr db::Query kTookCourse{
    "afterschool.took_course",
    "SELECT COUNT(*) FROM as_seat s JOIN as_section x ON x.id = s.section_id WHERE s.student_id = $1"
    " AND x.course_id = $2 AND s.status IN ('confirmed', 'left')"};
constexpr db::Query kPutRating{
    "afterschool.put_rating",
    "INSERT INTO as_rating (course_id, student_id, score, comment, rated_by, rated_at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr db::Query kRatings{
    "afterschool.ratings_of_school",
    "SELECT c.id, c.title, c.instructor_name, c.provider_id, COUNT(r.score),"
    " COALESCE(CAST(AVG(r.score) AS DOUBLE PRECISION), 0.0) FROM as_course c"
    " LEFT JOIN as_rating r ON r.course_id = c.id WHERE c.school_id = $1 AND c.semester = $2"
    " GROUP BY c.id, c.title, c.instructor_name, c.provider_id ORDER BY c.id"};
constexpr db::Query kNotices{"afterschool.notices_of",
                             "SELECT id, kind, title, body, created_at, read_at FROM app_notification"
                             " WHERE user_id = $1 ORDER BY id DESC LIMIT $2"};
constexpr db::Query kNoticeRead{"afterschool.notice_read",
                                "UPDATE app_notification SET read_at = COALESCE(read_at, $3) WHERE id = $2"
                                " AND user_id = $1"};

db::Value UserOrNull(std::int64_t user_id) { return user_id > 0 ? db::Value{user_id} : db::Null(); }

}  // namespace

std::optional<std::int64_t> CourseIdOfSection(db::Connection& c, std::int64_t section_id) {
    return db::QueryOne(c, kCourseOfSection, {section_id}, [](const db::Row& r) { return r.Int(0); });
}

std::vector<RollEntry> RollOf(db::Connection& c, std::int64_t section_id, const std::string& on_date) {
    std::vector<RollEntry> out;
    for (const auto& r : c.Query(kRoll, {section_id, on_date}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.OptText(3).value_or(""), r.Int(4) > 0});
    return out;
}

bool SessionRecorded(db::Connection& c, std::int64_t section_id, const std::string& on_date) {
    return c.Query(kSessionRecorded, {section_id, on_date})[0].Int(0) > 0;
}

void PutSession(db::Connection& c, std::int64_t section_id, const std::string& on_date, const std::string& org_path,
                const std::optional<std::int64_t>& teacher_id, int minutes, std::int64_t user_id,
                const std::string& now) {
    c.Execute(kPutSession, {section_id, on_date, org_path, db::Opt(teacher_id), std::int64_t{minutes},
                            UserOrNull(user_id), now});
}

void PutAttendance(db::Connection& c, std::int64_t section_id, const std::string& on_date, std::int64_t student_id,
                   const std::string& status, std::int64_t user_id, const std::string& now) {
    c.Execute(kPutAttendance, {section_id, on_date, student_id, status, UserOrNull(user_id), now});
}

std::optional<std::string> MarkOf(db::Connection& c, std::int64_t section_id, const std::string& on_date,
                                  std::int64_t student_id) {
    return db::QueryOne(c, kMarkOf, {section_id, on_date, student_id}, [](const db::Row& r) { return r.Text(0); });
}

std::int64_t InsertLeave(db::Connection& c, std::int64_t student_id, const std::string& org_path,
                         const std::string& from, const std::string& to, const std::string& reason,
                         std::int64_t user_id, const std::string& now) {
    return c.Query(kInsertLeave, {student_id, org_path, from, to, reason, UserOrNull(user_id), now})[0].Int(0);
}

std::vector<LeaveRequest> LeavesOf(db::Connection& c, std::int64_t student_id) {
    std::vector<LeaveRequest> out;
    for (const auto& r : c.Query(kLeaves, {student_id}))
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
    return out;
}

std::vector<PickupEntry> PickupList(db::Connection& c, std::int64_t school_id, const std::string& semester,
                                    int weekday, int batch_no, const std::string& on_date, int last_batch) {
    std::vector<PickupEntry> out;
    for (const auto& r : c.Query(kPickupList, {school_id, semester, std::int64_t{weekday}, std::int64_t{batch_no},
                                               on_date, std::int64_t{last_batch}}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.OptText(4)});
    return out;
}

void PutPickupCode(db::Connection& c, std::int64_t student_id, const std::string& on_date, const std::string& org_path,
                   const std::string& code_hash, std::int64_t guardian_id, const std::string& now) {
    c.Execute(kPutCode, {student_id, on_date, org_path, code_hash, guardian_id, now});
}

std::optional<std::pair<std::string, std::optional<std::string>>> PickupOf(db::Connection& c, std::int64_t student_id,
                                                                          const std::string& on_date) {
    return db::QueryOne(c, kPickupOf, {student_id, on_date},
                        [](const db::Row& r) { return std::make_pair(r.Text(0), r.OptText(1)); });
}

void MarkPickedUp(db::Connection& c, std::int64_t student_id, const std::string& on_date, std::int64_t user_id,
                  const std::string& now) {
    c.Execute(kPickedUp, {student_id, on_date, UserOrNull(user_id), now});
}

bool TookCourse(db::Connection& c, std::int64_t student_id, std::int64_t course_id) {
    return c.Query(kTookCourse, {student_id, course_id})[0].Int(0) > 0;
}

void PutRating(db::Connection& c, std::int64_t course_id, std::int64_t student_id, int score,
               const std::string& comment, std::int64_t user_id, const std::string& now) {
    c.Execute(kPutRating, {course_id, student_id, std::int64_t{score}, comment, UserOrNull(user_id), now});
}

std::vector<ChildRating> RatingsOfChild(db::Connection& c, std::int64_t student_id) {
    std::vector<ChildRating> out;
    for (const auto& r : c.Query(kRatingsOfChild, {student_id}))
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3)});
    return out;
}

std::vector<RatingSummary> RatingsOfSchool(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    std::vector<RatingSummary> out;
    for (const auto& r : c.Query(kRatings, {school_id, semester}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.OptInt(3), static_cast<int>(r.Int(4)), r.Real(5)});
    return out;
}

std::vector<Notice> NoticesOf(db::Connection& c, std::int64_t user_id, int limit) {
    std::vector<Notice> out;
    for (const auto& r : c.Query(kNotices, {user_id, std::int64_t{limit}}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.OptText(5)});
    return out;
}

bool MarkNoticeRead(db::Connection& c, std::int64_t user_id, std::int64_t id, const std::string& now) {
    return c.Execute(kNoticeRead, {user_id, id, now}) == 1;
}

}  // namespace kehou::afterschool::repo
