// Routes of running the service: the roll, leave requests, pickup, ratings and in-app notices.
#include <fmt/format.h>

#include "afterschool/json_io.hpp"
#include "afterschool/routes.hpp"
#include "afterschool/rules.hpp"

namespace kehou::afterschool {
namespace {

using http::Method;

json::object RollJson(const Roll& r) {
    json::array entries;
    for (const auto& e : r.entries)
        entries.push_back(json::object{{"student_id", e.student_id}, {"student_name", e.student_name},
                                       {"class_name", e.class_name}, {"status", e.status},
                                       {"leave_requested", e.leave_requested}});
    return {{"section_id", r.section_id}, {"date", r.on_date},     {"course_title", r.course_title},
            {"section_label", r.section_label}, {"recorded", r.recorded}, {"entries", std::move(entries)}};
}

json::object LeaveJson(const LeaveRequest& l) {
    return {{"id", l.id}, {"student_id", l.student_id}, {"from_date", l.from_date}, {"to_date", l.to_date},
            {"reason", l.reason}, {"filed_at", l.filed_at}};
}

json::object PickupJson(const PickupEntry& e) {
    return {{"student_id", e.student_id}, {"student_name", e.student_name}, {"class_name", e.class_name},
            {"batch_no", e.batch_no}, {"picked_at", http::OptJson(e.picked_at)}};
}

json::object RatingJson(const RatingSummary& r) {
    return {{"course_id", r.course_id}, {"course_title", r.course_title}, {"instructor_name", r.instructor_name},
            {"provider_id", http::OptJson(r.provider_id)}, {"ratings", r.ratings}, {"average", r.average}};
}

json::object NoticeJson(const repo::Notice& n) {
    return {{"id", n.id},       {"kind", n.kind},           {"title", n.title},
            {"body", n.body},   {"created_at", n.created_at}, {"read_at", http::OptJson(n.read_at)}};
}

http::Response MarkRoll(http::Request& r, RunningService& svc) {
    http::BodyReader body(r);
    const json::value* entries = body.OptionalValue("entries");
    body.Finish();
    if (!entries || !entries->is_array()) throw http::WrongType("entries", "数组", "an array");
    std::vector<Mark> marks;
    for (const auto& e : entries->as_array()) {
        const auto* o = e.if_object();
        const auto* id = o ? o->if_contains("student_id") : nullptr;
        const auto* status = o ? o->if_contains("status") : nullptr;
        if (!id || !id->is_int64() || !status || !status->is_string())
            throw http::WrongType("entries", "{student_id, status} 对象", "{student_id, status} objects");
        marks.push_back({id->as_int64(), std::string(status->as_string())});
    }
    r.audit_object = fmt::format("section_id={} date={} marks={}", r.PathId("id"), r.PathParam("date"), marks.size());
    return http::JsonResponse(RollJson(svc.MarkRoll(r.Caller(), r.PathId("id"), r.PathParam("date"), marks)));
}

http::Response FileLeave(http::Request& r, RunningService& svc) {
    http::BodyReader body(r);
    const auto from = body.RequiredString("from_date", 10), to = body.RequiredString("to_date", 10);
    const auto reason = body.RequiredString("reason", 100);
    body.Finish();
    r.audit_object = fmt::format("student_id={}", r.PathId("id"));
    return http::JsonResponse(LeaveJson(svc.FileLeave(r.Caller(), r.PathId("id"), from, to, reason)), 201);
}

http::Response IssueCode(http::Request& r, RunningService& svc) {
    r.audit_object = fmt::format("student_id={}", r.PathId("id"));
    const PickupCode code = svc.IssuePickupCode(r.Caller(), r.PathId("id"));
    return http::JsonResponse(json::object{
        {"code", code.code}, {"date", code.on_date}, {"batch_no", code.batch_no},
        {"batch_end", code.batch_end ? json::value(FormatTimeOfDay(*code.batch_end)) : json::value(nullptr)}});
}

http::Response ConfirmPickup(http::Request& r, RunningService& svc) {
    http::BodyReader body(r);
    const auto student = body.RequiredInt("student_id");
    const auto code = body.RequiredString("code", 6);
    body.Finish();
    r.audit_object = fmt::format("school_id={} student_id={}", r.PathId("id"), student);  // never the code
    return http::JsonResponse(PickupJson(svc.ConfirmPickup(r.Caller(), r.PathId("id"), student, code)));
}

http::Response Rate(http::Request& r, RunningService& svc) {
    http::BodyReader body(r);
    const auto score = body.RequiredInt("score");
    const auto comment = body.OptionalString("comment", 200).value_or("");
    body.Finish();
    r.audit_object = fmt::format("student_id={} course_id={}", r.PathId("id"), r.PathId("course_id"));
    svc.Rate(r.Caller(), r.PathId("id"), r.PathId("course_id"), static_cast<int>(score), comment);
    return http::JsonResponse(json::object{{"course_id", r.PathId("course_id")}, {"score", score}}, 201);
}

}  // namespace

void RegisterRunningRoutes(http::Router& router, RunningService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/sections/{id}/roll/{date}",
                .permission = "afterschool:attendance:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(RollJson(svc.GetRoll(r.Caller(), r.PathId("id"), r.PathParam("date"))));
                },
                .summary = "A section's roll on a date, leave requests pre-filled"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/sections/{id}/roll/{date}",
                .permission = "afterschool:attendance:update", .audit_title = "课后服务考勤点名",
                .handler = [&svc](http::Request& r) { return MarkRoll(r, svc); },
                .summary = "Record the roll and the session; an unexplained absence notifies the guardian"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/leave-requests",
                .permission = "afterschool:leave:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Leaves(r.Caller(), r.PathId("id")), LeaveJson);
                },
                .summary = "A child's leave requests"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/children/{id}/leave-requests",
                .permission = "afterschool:leave:create", .audit_title = "课后服务请假",
                .handler = [&svc](http::Request& r) { return FileLeave(r, svc); },
                .summary = "A guardian requests leave in advance; it pre-fills the roll"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/children/{id}/pickup-code",
                .permission = "afterschool:pickup:create", .audit_title = "生成接送码",
                .handler = [&svc](http::Request& r) { return IssueCode(r, svc); },
                .summary = "Today's pickup code for an authorised pickup guardian"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/pickup",
                .permission = "afterschool:pickup:read",
                .handler = [&svc](http::Request& r) {
                    const auto batch = r.QueryParam("batch").value_or("0");
                    if (batch.size() != 1 || batch[0] < '0' || batch[0] > '9')
                        throw Error::BadRequest("afterschool.bad_batch", "离校批次应为 0–9", "The batch is 0–9", "batch");
                    return http::ItemsResponse(svc.PickupList(r.Caller(), r.PathId("id"),
                                                              r.QueryParam("date").value_or(""), batch[0] - '0'),
                                               PickupJson);
                },
                .summary = "The duty teacher's list of a dismissal batch on a date"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/schools/{id}/pickup/confirm",
                .permission = "afterschool:pickup:update", .audit_title = "确认接走",
                .handler = [&svc](http::Request& r) { return ConfirmPickup(r, svc); },
                .summary = "Confirm a pickup with the code on the guardian's phone"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/children/{id}/ratings/{course_id}",
                .permission = "afterschool:rating:update", .audit_title = "评价课后服务课程",
                .handler = [&svc](http::Request& r) { return Rate(r, svc); },
                .summary = "A guardian rates a course the child took, once a semester"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/ratings",
                .permission = "afterschool:selection:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ChildRatings(r.Caller(), r.PathId("id")), [](const auto& x) {
                        return json::object{{"course_id", x.course_id}, {"score", x.score}, {"comment", x.comment},
                                            {"rated_at", x.rated_at}};
                    });
                },
                .summary = "The ratings a guardian already gave for the child's courses"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/my-sections",
                .permission = "afterschool:attendance:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.MySections(r.Caller(), r.QueryParam("semester").value_or("")),
                                               CourseJson);
                },
                .summary = "A teacher's own courses of a semester with their sections (for the roll)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/ratings",
                .permission = "afterschool:rating:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(
                        svc.Ratings(r.Caller(), r.PathId("id"), r.QueryParam("semester").value_or("")), RatingJson);
                },
                .summary = "Average ratings per course of a school's semester"});
    router.Add({.method = Method::kGet, .path = "/api/v1/notifications",
                .permission = "auth:self:read",
                .handler = [&svc](http::Request& r) { return http::ItemsResponse(svc.Notices(r.Caller()), NoticeJson); },
                .summary = "The caller's in-app notices, newest first"});
    router.Add({.method = Method::kPost, .path = "/api/v1/notifications/{id}/read",
                .permission = "auth:self:update", .audit_title = "消息已读",
                .handler = [&svc](http::Request& r) {
                    svc.MarkNoticeRead(r.Caller(), r.PathId("id"));
                    return http::JsonResponse(json::object{{"id", r.PathId("id")}, {"read", true}});
                },
                .summary = "Mark one of the caller's notices read"});
}

}  // namespace kehou::afterschool
