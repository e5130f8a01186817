// Routes of the course catalogue (课程超市): categories, the county's providers, courses, service weeks.
#include <fmt/format.h>

#include "afterschool/json_io.hpp"
#include "afterschool/routes.hpp"

namespace kehou::afterschool {
namespace {

using http::Method;

std::string Semester(const http::Request& r) { return r.QueryParam("semester").value_or(""); }

http::Response CreateProvider(http::Request& r, CatalogService& svc) {
    http::BodyReader body(r);
    ProviderInput in{body.RequiredString("name", 60), body.RequiredString("credit_code", 20),
                     body.RequiredString("unit_code", 20), body.RequiredString("category", 30),
                     body.OptionalBool("free_public_benefit").value_or(false)};
    body.Finish();
    const Provider p = svc.CreateProvider(r.Caller(), in);
    r.audit_object = fmt::format("provider_id={}", p.id);
    return http::JsonResponse(ProviderJson(p), 201);
}

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
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/providers",
                .permission = "afterschool:provider:create", .audit_title = "登记第三方机构",
                .handler = [&svc](http::Request& r) { return CreateProvider(r, svc); },
                .summary = "A county bureau registers a non-subject provider (RULES R2.3a)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/afterschool/providers/{id}/admit",
                .permission = "afterschool:provider:admit", .audit_title = "准入第三方机构",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("provider_id={}", r.PathId("id"));
                    return http::JsonResponse(ProviderJson(svc.AdmitProvider(r.Caller(), r.PathId("id"))));
                },
                .summary = "The county admits a provider onto its white list; schools cannot (RULES R2.3c)"});
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
