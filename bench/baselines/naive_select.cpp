// The naive selection: each request is its own write transaction — who is the child, is a window open,
// does the child already hold it or two courses, then a conditional UPDATE of the section's counter and
// the seat's INSERT — committed (one fsync) before the answer. Correct, and what kehou's ledger and group
// commit are measured against. Time-slot overlaps are not checked (it would only make it slower).
#include <fmt/format.h>

#include "baselines/naive_select.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "http/json.hpp"

namespace kehou::rush {
namespace {

constexpr db::Query kChild{"naive.child",
                           "SELECT st.school_id, st.org_path, k.grade FROM org_student st"
                           " JOIN org_class k ON k.id = st.class_id JOIN org_student_guardian sg ON sg.student_id = st.id"
                           " JOIN org_guardian g ON g.id = sg.guardian_id WHERE st.id = $1 AND g.user_id = $2"};
constexpr db::Query kByKey{"naive.by_key",
                           "SELECT id, section_id, status FROM as_seat WHERE requested_by = $1 AND idempotency_key = $2"};
constexpr db::Query kSection{"naive.section",
                             "SELECT x.school_id, x.semester, c.grade_from, c.grade_to FROM as_section x"
                             " JOIN as_course c ON c.id = x.course_id WHERE x.id = $1 AND c.status = 'published'"};
constexpr db::Query kOpenWindow{
    "naive.open_window",
    "SELECT id FROM as_window WHERE mode = 'first_come' AND semester = $1 AND opens_at <= $4 AND closes_at > $4"
    " AND (school_id = $2 OR (school_id IS NULL AND $3 LIKE org_path || '%')) ORDER BY id LIMIT 1"};
constexpr db::Query kHeld{"naive.held",
                          "SELECT COUNT(*), SUM(CASE WHEN s.section_id = $2 THEN 1 ELSE 0 END) FROM as_seat s"
                          " JOIN as_section x ON x.id = s.section_id WHERE s.student_id = $1 AND x.semester = $3"
                          " AND s.status = 'confirmed'"};
constexpr db::Query kTake{"naive.take", "UPDATE as_section SET taken = taken + 1 WHERE id = $1 AND taken < capacity"};
constexpr db::Query kInsert{
    "naive.insert",
    "INSERT INTO as_seat (window_id, section_id, student_id, org_path, status, source, queue_no, idempotency_key,"
    " requested_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 'confirmed', 'first_come', 0, $5, $6, $7, $7)"
    " RETURNING id"};

Error Full() { return Error::Conflict("afterschool.section_full", "名额已满", "The section is full", "section_id"); }

http::Response Answer(std::int64_t seat, std::int64_t section) {
    return http::JsonResponse(boost::json::object{{"status", "confirmed"}, {"seat_id", seat}, {"section_id", section}}, 201);
}

http::Response NaiveSelect(http::Request& r, db::Database& database) {
    http::BodyReader body(r);
    const std::int64_t student = r.PathId("id"), section = body.RequiredInt("section_id");
    const std::string key = body.RequiredString("idempotency_key", 64);
    body.Finish();
    const Principal& caller = r.Caller();
    const std::string now = FormatShanghai(std::chrono::system_clock::now());
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto child = c->Query(kChild, {student, caller.user_id});
    if (child.empty()) throw Error::NotFound("org.unknown_student", "找不到该学生", "No such student");
    if (const auto again = c->Query(kByKey, {caller.user_id, key}); !again.empty())
        return Answer(again[0].Int(0), again[0].Int(1));
    const auto x = c->Query(kSection, {section});
    if (x.empty() || x[0].Int(0) != child[0].Int(0))
        throw Error::NotFound("afterschool.unknown_section", "找不到该课程班", "No such section");
    if (child[0].Int(2) < x[0].Int(2) || child[0].Int(2) > x[0].Int(3))
        throw Error::Unprocessable("afterschool.grade_not_eligible", "该课程不面向孩子所在年级",
                                   "This course is not offered to the child's grade", "section_id");
    const auto window = c->Query(kOpenWindow, {x[0].Text(1), child[0].Int(0), child[0].Text(1), now});
    if (window.empty()) throw Error::Conflict("afterschool.window_not_open", "当前不在选课时间内", "No window is open");
    const auto held = c->Query(kHeld, {student, section, x[0].Text(1)});
    if (!held[0].IsNull(1) && held[0].Int(1) > 0)
        throw Error::Conflict("afterschool.already_selected", "已选过该课程班", "Already holds this section");
    if (held[0].Int(0) >= 2) throw Error::Conflict("afterschool.course_limit", "已达选课上限", "Course limit reached");
    if (c->Execute(kTake, {section}) != 1) throw Full();
    const auto seat = c->Query(kInsert, {window[0].Int(0), section, student, child[0].Text(1), key, caller.user_id, now})[0].Int(0);
    tx.Commit();
    return Answer(seat, section);
}

}  // namespace

void RegisterBaselineRoutes(http::Router& router, db::Database& database) {
    router.Add({.method = http::Method::kGet, .path = "/api/v1/bench/ping", .permission = std::string(http::kPublic),
                .handler = [](http::Request&) { return http::JsonResponse(boost::json::object{{"ok", true}}); },
                .summary = "Benchmark only: the raw ceiling, no database"});
    router.Add({.method = http::Method::kPost, .path = "/api/v1/bench/naive/children/{id}/seats",
                .permission = "afterschool:selection:create", .audit_title = "选课（基线）",
                .handler = [&database](http::Request& r) { return NaiveSelect(r, database); },
                .summary = "Benchmark only: one transaction per selection"});
}

}  // namespace kehou::rush
