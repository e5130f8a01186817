// Routes of the course catalogue (课程超市): categories, the county's providers, courses, service weeks.
#include <fmt/format.h>

#include "afterschool/json_io.hpp"
#include "afterschool/routes.hpp"

namespace kehou::afterschool {
namespace {

using http::Method;

std::string Semester(const http::Request& r) { return r.QueryParam("semester").value_or(""); }

http::Response PublishCourse(http::Request& r, CatalogService& svc) {
    const Course k = svc.PublishCourse(r.Caller(), ReadCourse(r));
    r.audit_object = fmt::format("course_id={} school_id={}", k.id, k.school_id);
    return http::JsonResponse(CourseJson(k), 201);
}

}  // namespace

void RegisterCatalogRoutes(http::Router& router, CatalogService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/categories",
                .permission = "afterschool:catalog:read",
                .handler = [&svc](http::Request&) { return http::ItemsResponse(svc.Categories(), CategoryJson); },
                .summary = "Course categories with their subject-type and new-lessons flags (RULES R1.14, R1.8(f))"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/providers",
                .permission = "afterschool:provider:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ListProviders(r.Caller()), ProviderJson);
                },
                .summary = "Providers of the caller's county (white list and applicants)"});
    // Entering and admitting a provider are the providers module's (/api/v1/providers): the record, the
    // document check and the open-case check (R2.3, R6.5) come with them; this list is what publication reads.
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/courses",
                .permission = "afterschool:course:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ListCourses(r.Caller(), r.PathId("id"), Semester(r)), CourseJson);
                },
                .summary = "A school's courses of a semester with sections and seats"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/courses",
                .permission = "afterschool:course:create", .audit_title = "发布课后服务课程",
                .handler = [&svc](http::Request& r) { return PublishCourse(r, svc); },
                .summary = "Publish a course and its sections under the publication rules (RULES R2.1, R2.3, R1.8(f))"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/courses/{id}",
                .permission = "afterschool:course:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(CourseJson(svc.GetCourse(r.Caller(), r.PathId("id"))));
                },
                .summary = "One course with its sections"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/courses/{id}/close",
                .permission = "afterschool:course:update", .audit_title = "停止课程报名",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("course_id={}", r.PathId("id"));
                    return http::JsonResponse(CourseJson(svc.CloseCourse(r.Caller(), r.PathId("id"))));
                },
                .summary = "Close a course to new selections"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/service-week/{semester}",
                .permission = "afterschool:service-week:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(
                        ServiceWeekJson(svc.GetServiceWeek(r.Caller(), r.PathId("id"), r.PathParam("semester"))));
                },
                .summary = "A school's service days and dismissal batches"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/schools/{id}/service-week/{semester}",
                .permission = "afterschool:service-week:update", .audit_title = "设置课后服务时间与离校批次",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("school_id={}", r.PathId("id"));
                    return http::JsonResponse(ServiceWeekJson(
                        svc.PutServiceWeek(r.Caller(), r.PathId("id"), r.PathParam("semester"), ReadServiceWeek(r))));
                },
                .summary = "Set the five service days and dismissal batches (RULES R1.5–R1.7, R1.9)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/dismissal",
                .permission = "afterschool:dismissal:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(
                        DismissalPlanJson(svc.GetDismissalPlan(r.Caller(), r.PathId("id"), Semester(r))));
                },
                .summary = "A guardian's view of the child's dismissal batches"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/children/{id}/dismissal/{weekday}",
                .permission = "afterschool:dismissal:update", .audit_title = "选择离校批次",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto semester = body.RequiredString("semester", 20);
                    const auto batch = body.RequiredInt("batch_no");
                    body.Finish();
                    r.audit_object = fmt::format("student_id={}", r.PathId("id"));
                    return http::JsonResponse(DismissalPlanJson(
                        svc.ChooseDismissal(r.Caller(), r.PathId("id"), semester,
                                            static_cast<int>(r.PathId("weekday")), static_cast<int>(batch))));
                },
                .summary = "A guardian picks the child's dismissal batch for a weekday (RULES R1.8(b), R1.9)"});
}

}  // namespace kehou::afterschool
