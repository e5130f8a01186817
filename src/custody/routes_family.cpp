// Routes of the families' survey and sign-ups, the sign-up lists, attendance and the statistics.
#include <fmt/format.h>

#include "custody/access.hpp"
#include "custody/json_io.hpp"
#include "custody/routes.hpp"

namespace kehou::custody {

using http::Method;

void RegisterFamilyRoutes(http::Router& router, FamilyService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/custody/family", .permission = "custody:signup:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Family(r.Caller()), FamilyChildJson);
                },
                .summary = "A guardian's children with their county's open plan, survey answer and sign-ups"});
    router.Add({.method = Method::kPut, .path = "/api/v1/custody/plans/{id}/survey",
                .permission = "custody:survey:update", .audit_title = "填写暑期托管需求调查",
                .handler = [&svc](http::Request& r) {
                    RequireGuardian(r.Caller());
                    const auto [student, answer] = ReadSurveyInput(r);
                    const auto s = svc.PutSurvey(r.Caller(), r.PathId("id"), student, answer);
                    r.audit_object = fmt::format("plan_id={} student_id={}", r.PathId("id"), student);
                    json::array periods;
                    for (const auto id : s.period_ids) periods.emplace_back(id);
                    return http::JsonResponse(json::object{{"student_id", student}, {"wants", s.wants},
                                                           {"period_ids", std::move(periods)}});
                },
                .summary = "A guardian's survey answer for a child (one per child, the last counts)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/custody/plans/{id}/signups",
                .permission = "custody:signup:create", .audit_title = "暑期托管报名",
                .handler = [&svc](http::Request& r) {
                    RequireGuardian(r.Caller());
                    const auto rows = svc.SignUp(r.Caller(), r.PathId("id"), ReadSignupInput(r));
                    std::string ids;
                    json::array out;
                    for (const auto& s : rows) {
                        ids += fmt::format("{}{}", ids.empty() ? "" : ",", s.id);
                        out.push_back(SignupJson(s));
                    }
                    r.audit_object = fmt::format("plan_id={} signup_ids={}", r.PathId("id"), ids);
                    return http::JsonResponse(out, 201);
                },
                .summary = "Sign a child up at a site for periods with priority groups on record; after the draw, joins late"});
    router.Add({.method = Method::kGet, .path = "/api/v1/custody/signups", .permission = "custody:signup:read",
                .handler = [&svc](http::Request& r) {
                    SignupFilter f;
                    f.plan_id = r.QueryId("plan_id");
                    f.site_id = r.QueryId("site_id");
                    f.status = QuerySignupStatus(r);
                    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
                    f.page_size = static_cast<int>(r.QueryInt("page_size", 50, 500));
                    const auto [rows, total] = svc.List(r.Caller(), f);
                    json::array items;
                    for (const auto& s : rows) items.push_back(SignupJson(s));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", total}});
                },
                .summary = "Sign-ups: a guardian's own children; a school its children and its hosted sites; the county in scope"});
    router.Add({.method = Method::kPost, .path = "/api/v1/custody/signups/{id}/cancel",
                .permission = "custody:signup:update", .audit_title = "取消暑期托管报名",
                .handler = [&svc](http::Request& r) {
                    const auto s = svc.Cancel(r.Caller(), r.PathId("id"));
                    r.audit_object = fmt::format("signup_id={} plan_id={}", s.id, s.plan_id);
                    return http::JsonResponse(SignupJson(s));
                },
                .summary = "Cancel a sign-up (the family's own, or the county); a freed place goes to the first on the waitlist"});
}

namespace {

// ?year=, this year (Asia/Shanghai) when absent.
int YearOf(const http::Request& r) {
    return static_cast<int>(r.QueryInt("year", std::stoi(Today().substr(0, 4)), 2100));
}

http::Response Workbook(http::Request& r, StatsService& svc) {
    const auto stats = svc.Stats(r.Caller(), YearOf(r), r.QueryParam("unit_code"));
    r.audit_object = fmt::format("year={} scope={}", stats.year, r.Caller().scope_path);
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = StatsWorkbook(stats);
    resp.SetAttachment(fmt::format("custody-stats-{}.xlsx", stats.year), fmt::format("暑期托管统计-{}.xlsx", stats.year));
    return resp;
}

}  // namespace

void RegisterAttendanceRoutes(http::Router& router, AttendanceService& attendance, StatsService& stats) {
    router.Add({.method = Method::kGet, .path = "/api/v1/custody/sites/{id}/attendance",
                .permission = "custody:attendance:read",
                .handler = [&attendance](http::Request& r) {
                    // The site is checked before the date: out of reach is 404 whatever the query says.
                    const auto date = r.QueryParam("date").value_or("");
                    return http::JsonResponse(RollJson(attendance.Get(r.Caller(), r.PathId("id"), date)));
                },
                .summary = "A site's roll for a service day: its placed children, present or not, meals"});
    router.Add({.method = Method::kPut, .path = "/api/v1/custody/sites/{id}/attendance",
                .permission = "custody:attendance:update", .audit_title = "记录暑期托管考勤",
                .handler = [&attendance](http::Request& r) {
                    const auto [date, marks] = ReadMarks(r);
                    const auto roll = attendance.Put(r.Caller(), r.PathId("id"), date, marks);
                    r.audit_object = fmt::format("site_id={} date={} marks={}", roll.site_id, date, marks.size());
                    return http::JsonResponse(RollJson(roll));
                },
                .summary = "Mark a service day's attendance and meals: the host school, the site's staff or the county"});
    router.Add({.method = Method::kGet, .path = "/api/v1/custody/stats", .permission = "custody:stats:read",
                .handler = [&stats](http::Request& r) {
                    return http::JsonResponse(StatsJson(
                        stats.Stats(r.Caller(), YearOf(r), r.QueryParam("unit_code"))));
                },
                .summary = "Per county and for the city: requested, signed up, served, school coverage, sites, staff, attendance, meals"});
    router.Add({.method = Method::kGet, .path = "/api/v1/custody/stats.xlsx", .permission = "custody:stats:read",
                .audit_title = "导出暑期托管统计", .handler = [&stats](http::Request& r) { return Workbook(r, stats); },
                .summary = "The custody statistics as one .xlsx (counts and rates only)"});
}

}  // namespace kehou::custody
