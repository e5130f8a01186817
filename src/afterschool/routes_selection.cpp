// Routes of selection: the guardian's offer, seats and wishes; windows and allocation; the school's seats.
#include <fmt/format.h>

#include "afterschool/json_io.hpp"
#include "afterschool/routes.hpp"

namespace kehou::afterschool {
namespace {

using http::Method;

http::Response Select(http::Request& r, SelectionService& svc) {
    http::BodyReader body(r);
    SelectRequest req{r.PathId("id"), body.RequiredInt("section_id"), body.RequiredString("idempotency_key", 64),
                      body.OptionalBool("join_waitlist").value_or(false), r.audit_in_write};
    body.Finish();
    r.audit_object = fmt::format("student_id={} section_id={}", req.student_id, req.section_id);
    const SeatAnswer a = svc.Select(r.Caller(), req);
    return http::JsonResponse(SeatAnswerJson(a), a.status == "confirmed" ? 201 : 202);
}

http::Response SubmitWishes(http::Request& r, SelectionService& svc) {
    http::BodyReader body(r);
    const auto ids = http::ReadIntArray(body.OptionalValue("section_ids"), "section_ids");
    body.Finish();
    r.audit_object = fmt::format("student_id={} window_id={}", r.PathId("id"), r.PathId("window_id"));
    const auto saved = svc.SubmitWishes(r.Caller(), r.PathId("id"), r.PathId("window_id"), ids);
    json::array out;
    for (auto id : saved) out.emplace_back(id);
    return http::JsonResponse(json::object{{"window_id", r.PathId("window_id")}, {"section_ids", std::move(out)}});
}

http::Response CreateWindow(http::Request& r, SelectionService& svc) {
    const Window w = svc.CreateWindow(r.Caller(), ReadWindow(r));
    r.audit_object = fmt::format("window_id={} mode={}", w.id, w.mode);
    return http::JsonResponse(WindowJson(w), 201);
}

http::Response JoinMidTerm(http::Request& r, SelectionService& svc) {
    http::BodyReader body(r);
    const auto student = body.RequiredInt("student_id");
    const auto joined_on = body.RequiredString("joined_on", 10);
    body.Finish();
    r.audit_object = fmt::format("section_id={} student_id={}", r.PathId("id"), student);
    return http::JsonResponse(SeatJson(svc.JoinMidTerm(r.Caller(), r.PathId("id"), student, joined_on)), 201);
}

http::Response LeaveMidTerm(http::Request& r, SelectionService& svc) {
    http::BodyReader body(r);
    const auto left_on = body.RequiredString("left_on", 10);
    body.Finish();
    r.audit_object = fmt::format("seat_id={}", r.PathId("id"));
    return http::JsonResponse(SeatJson(svc.LeaveMidTerm(r.Caller(), r.PathId("id"), left_on)));
}

void RegisterGuardianRoutes(http::Router& router, SelectionService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/offer",
                .permission = "afterschool:selection:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(
                        OfferJson(svc.Offer(r.Caller(), r.PathId("id"), r.QueryParam("semester").value_or(""))));
                },
                .summary = "A child's windows, eligible courses with live seats, seats and wishes"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/children/{id}/seats",
                .permission = "afterschool:selection:create", .audit_title = "选课",
                .handler = [&svc](http::Request& r) { return Select(r, svc); },
                .summary = "Take a seat (201) or a waitlist place (202) in a first-come window; idempotent by key"});
    router.Add({.method = Method::kDelete, .path = "/api/v1/afterschool/children/{id}/seats/{seat_id}",
                .permission = "afterschool:selection:delete", .audit_title = "退课",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("student_id={} seat_id={}", r.PathId("id"), r.PathId("seat_id"));
                    return http::JsonResponse(SeatJson(svc.Drop(r.Caller(), r.PathId("id"), r.PathId("seat_id"))));
                },
                .summary = "Give up a seat during selection; the waitlist moves up"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/children/{id}/wishes/{window_id}",
                .permission = "afterschool:selection:update", .audit_title = "填报志愿",
                .handler = [&svc](http::Request& r) { return SubmitWishes(r, svc); },
                .summary = "Replace a child's ranked wishes in an open lottery window"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/results/{window_id}",
                .permission = "afterschool:selection:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ChildResult(r.Caller(), r.PathId("id"), r.PathId("window_id")),
                                               ExplainedLineJson);
                },
                .summary = "A child's allocation result, wish by wish, with the reason"});
}

void RegisterWindowRoutes(http::Router& router, SelectionService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/windows",
                .permission = "afterschool:window:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ListWindows(r.Caller(), r.QueryParam("semester").value_or("")),
                                               WindowJson);
                },
                .summary = "Selection windows of the caller's area"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/windows",
                .permission = "afterschool:window:create", .audit_title = "设置选课窗口",
                .handler = [&svc](http::Request& r) { return CreateWindow(r, svc); },
                .summary = "Open a first-come or lottery window for a school or a whole county"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/windows/{id}",
                .permission = "afterschool:window:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(WindowJson(svc.GetWindow(r.Caller(), r.PathId("id"))));
                },
                .summary = "One window; the lottery seed shows only after close (commit–reveal)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/windows/{id}/close",
                .permission = "afterschool:window:update", .audit_title = "提前结束选课窗口",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("window_id={}", r.PathId("id"));
                    return http::JsonResponse(WindowJson(svc.CloseWindow(r.Caller(), r.PathId("id"))));
                },
                .summary = "End a window now (an open one stops; a scheduled one is called off)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/windows/{id}/allocate",
                .permission = "afterschool:window:allocate", .audit_title = "运行摇号分配",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("window_id={}", r.PathId("id"));
                    return http::JsonResponse(WindowJson(svc.Allocate(r.Caller(), r.PathId("id"))));
                },
                .summary = "Run a closed lottery window's allocation and publish it"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/windows/{id}/allocation",
                .permission = "afterschool:allocation:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Allocation(r.Caller(), r.PathId("id")), ExplainedLineJson);
                },
                .summary = "The published allocation lines inside the caller's scope"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/windows/{id}/allocation-inputs",
                .permission = "afterschool:allocation:read",
                .handler = [&svc](http::Request& r) {
                    http::Response resp;
                    resp.body = svc.AllocationInputs(r.Caller(), r.PathId("id"));
                    resp.content_type = "text/plain; charset=utf-8";
                    return resp;
                },
                .summary = "The allocation's inputs as run, for `kehou allocate --verify`"});
}

void RegisterSchoolSeatRoutes(http::Router& router, SelectionService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/sections/{id}/seats",
                .permission = "afterschool:section:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.SectionRoster(r.Caller(), r.PathId("id")), SeatJson);
                },
                .summary = "A section's seats and waitlist in order"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/sections/{id}/seats",
                .permission = "afterschool:seat:create", .audit_title = "学期中加入课后服务",
                .handler = [&svc](http::Request& r) { return JoinMidTerm(r, svc); },
                .summary = "The school adds a child to a section mid-term (RULES R1.8(c))"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/seats/{id}/leave",
                .permission = "afterschool:seat:update", .audit_title = "学期中退出课后服务",
                .handler = [&svc](http::Request& r) { return LeaveMidTerm(r, svc); },
                .summary = "A child leaves a section mid-term; fees follow the hours taken (RULES R1.8(c))"});
}

}  // namespace

void RegisterSelectionRoutes(http::Router& router, SelectionService& selection) {
    RegisterGuardianRoutes(router, selection);
    RegisterWindowRoutes(router, selection);
    RegisterSchoolSeatRoutes(router, selection);
}

}  // namespace kehou::afterschool
