// Routes of the county's plans: the plan and its checks, status moves, safety plans, the draw and its record.
// Handlers parse, call a service and write JSON; the route table gives each its permission and audit title. Audit
// objects name ids only, never a child's data.
#include "custody/routes.hpp"

#include <fmt/format.h>

#include "custody/json_io.hpp"

namespace kehou::custody {
namespace {

using http::Method;

constexpr const char* kPlans = "/api/v1/custody/plans";

http::Response Detail(http::Request& r, const PlanDetail& d, int status = 200) {
    r.audit_object = fmt::format("plan_id={} status={}", d.stored.record.id, ToString(d.stored.record.status));
    return http::JsonResponse(PlanDetailJson(d), status);
}

PlanStatus ReadMove(http::Request& r) {
    http::BodyReader body(r);
    const auto to = body.RequiredString("to", 20);
    body.Finish();
    const auto s = ParsePlanStatus(to);
    if (!s || (*s != PlanStatus::kSurvey && *s != PlanStatus::kSignup && *s != PlanStatus::kClosed))
        throw Error::BadRequest("custody.bad_move", "目标状态应为 survey、signup 或 closed",
                                "to is survey, signup or closed", "to");
    return *s;
}

void RegisterPlanReads(http::Router& router, PlanService& svc) {
    router.Add({.method = Method::kGet, .path = kPlans, .permission = "custody:plan:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.List(r.Caller(), QueryYear(r), QueryPlanStatus(r)), PlanSummaryJson);
                },
                .summary = "Custody plans: staff in scope; a guardian its children's counties' plans in survey, signup or allocated"});
    router.Add({.method = Method::kGet, .path = fmt::format("{}/{{id}}", kPlans), .permission = "custody:plan:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(PlanDetailJson(svc.Get(r.Caller(), r.PathId("id")))); },
                .summary = "A plan with its periods, sites, capacity and sign-up counts, safety plans, survey figures and allowed moves"});
}

void RegisterPlanWrites(http::Router& router, PlanService& svc) {
    router.Add({.method = Method::kPost, .path = kPlans, .permission = "custody:plan:create",
                .audit_title = "创建暑期托管方案",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Create(r.Caller(), ReadPlanInput(r)), 201); },
                .summary = "Create a county's summer plan (draft), checked against R1.17 and the after-school fee cap"});
    router.Add({.method = Method::kPost, .path = fmt::format("{}/check", kPlans), .permission = "custody:plan:create",
                .audit_title = "检查暑期托管方案",
                .handler = [&svc](http::Request& r) {
                    const auto problems = svc.Check(r.Caller(), ReadPlanInput(r));
                    return http::JsonResponse(json::object{{"problems", ProblemsJson(problems)}});
                },
                .summary = "Every problem of a plan body, nothing written"});
    router.Add({.method = Method::kPut, .path = fmt::format("{}/{{id}}", kPlans), .permission = "custody:plan:update",
                .audit_title = "修改暑期托管方案",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Update(r.Caller(), r.PathId("id"), ReadPlanInput(r))); },
                .summary = "Replace a draft plan's periods, sites and tiers (a site keeps its safety plan by host school)"});
    router.Add({.method = Method::kPost, .path = fmt::format("{}/{{id}}/status", kPlans),
                .permission = "custody:plan:update", .audit_title = "变更暑期托管方案状态",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Move(r.Caller(), r.PathId("id"), ReadMove(r))); },
                .summary = "Open the survey, open sign-up (safety plans required; the lottery's seed committed) or close"});
    router.Add({.method = Method::kPut, .path = "/api/v1/custody/sites/{id}/safety-plan",
                .permission = "custody:safety-plan:update", .audit_title = "填写托管点安全预案",
                .handler = [&svc](http::Request& r) {
                    const auto d = svc.PutSafety(r.Caller(), r.PathId("id"), ReadSafetyInput(r));
                    r.audit_object = fmt::format("site_id={} plan_id={}", r.PathId("id"), d.stored.record.id);
                    return http::JsonResponse(PlanDetailJson(d));
                },
                .summary = "A site's safety plan and staff (R1.17): the host school's admin or the county"});
}

void RegisterAllocation(http::Router& router, PlanService& svc) {
    router.Add({.method = Method::kPost, .path = fmt::format("{}/{{id}}/allocate", kPlans),
                .permission = "custody:allocation:create", .audit_title = "暑期托管名额分配",
                .handler = [&svc](http::Request& r) {
                    const auto a = svc.Allocate(r.Caller(), r.PathId("id"));
                    r.audit_object = fmt::format("plan_id={}", r.PathId("id"));
                    return http::JsonResponse(AllocationJson(a));
                },
                .summary = "Allocate places per site and period by tier, then the shared lottery; reveals the seed"});
    router.Add({.method = Method::kGet, .path = fmt::format("{}/{{id}}/allocation", kPlans),
                .permission = "custody:allocation:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(AllocationJson(svc.Allocation(r.Caller(), r.PathId("id")))); },
                .summary = "The draw's record: seed, commitment, and per site-period capacity, placed, waitlisted, lottery context"});
}

}  // namespace

void RegisterFamilyRoutes(http::Router& router, FamilyService& svc);
void RegisterAttendanceRoutes(http::Router& router, AttendanceService& attendance, StatsService& stats);

void RegisterCustodyRoutes(http::Router& router, const CustodyServices& s) {
    RegisterPlanReads(router, s.plans);
    RegisterPlanWrites(router, s.plans);
    RegisterAllocation(router, s.plans);
    RegisterFamilyRoutes(router, s.families);
    RegisterAttendanceRoutes(router, s.attendance, s.stats);
}

}  // namespace kehou::custody
