#include "afterschool/routes.hpp"

#include <fmt/format.h>

#include "afterschool/rules.hpp"
#include "http/json.hpp"

namespace kehou::afterschool {
namespace {

namespace json = boost::json;
using http::Method;

json::object StandardJson(const PublishedStandard& p) {
    const FeeStandard& s = p.standard;
    return json::object{
        {"unit_code", p.unit_code}, {"unit_name", p.unit_name}, {"semester", p.semester},
        {"rural_per_hour_fen", s.rural_per_hour_fen}, {"urban_per_hour_fen", s.urban_per_hour_fen},
        {"per_semester_cap_fen", http::OptJson(s.per_semester_cap_fen)}, {"per_month_cap_fen", http::OptJson(s.per_month_cap_fen)},
        {"local_off_work", FormatTimeOfDay(s.local_off_work)}, {"end_offset_minutes", s.end_offset_minutes},
        {"earliest_latest_dismissal", FormatTimeOfDay(EarliestLatestEnd(s))},
        {"published_at", p.published_at}, {"inherited", p.inherited}};
}

FeeStandard ReadStandard(http::Request& r) {
    http::BodyReader body(r);
    FeeStandard s;
    s.rural_per_hour_fen = body.RequiredInt("rural_per_hour_fen");
    s.urban_per_hour_fen = body.RequiredInt("urban_per_hour_fen");
    s.per_semester_cap_fen = body.OptionalInt("per_semester_cap_fen");
    s.per_month_cap_fen = body.OptionalInt("per_month_cap_fen");
    const auto off = body.RequiredString("local_off_work", 5);
    s.end_offset_minutes = static_cast<int>(body.OptionalInt("end_offset_minutes").value_or(30));
    body.Finish();
    const auto minutes = ParseTimeOfDay(off);
    if (!minutes)
        throw Error::BadRequest("afterschool.bad_time", "时间格式应为 HH:MM，如 17:00", "Times are HH:MM, e.g. 17:00",
                                "local_off_work");
    s.local_off_work = *minutes;
    return s;
}

}  // namespace

void RegisterRoutes(http::Router& router, const RouteServices& services) {
    RegisterCatalogRoutes(router, services.catalog);
    RegisterSelectionRoutes(router, services.selection);
    RegisterRunningRoutes(router, services.running);
    RegisterReportRoutes(router, services.reports);
    FeeStandardService& svc = services.fee_standards;
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/fee-standards",
                .permission = "afterschool:fee-standard:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& p : svc.List(r.Caller(), r.QueryParam("semester").value_or("")))
                        items.push_back(StandardJson(p));
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "Fee standards published for a semester inside the caller's scope"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/fee-standards/{unit_code}/{semester}",
                .permission = "afterschool:fee-standard:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(
                        StandardJson(svc.InForce(r.Caller(), r.PathParam("unit_code"), r.PathParam("semester"))));
                },
                .summary = "The standard in force for a unit and semester: its own, else the city's"});
    router.Add({.method = Method::kPut, .path = "/api/v1/afterschool/fee-standards/{unit_code}/{semester}",
                .permission = "afterschool:fee-standard:update", .audit_title = "发布课后服务收费标准",
                .handler = [&svc](http::Request& r) {
                    const auto p = svc.Publish(r.Caller(), r.PathParam("unit_code"), r.PathParam("semester"),
                                               ReadStandard(r));
                    r.audit_object = fmt::format("unit={} semester={} rural={} urban={}", p.unit_code, p.semester,
                                                 p.standard.rural_per_hour_fen, p.standard.urban_per_hour_fen);
                    return http::JsonResponse(StandardJson(p));
                },
                .summary = "Publish a unit's fee standard for a semester within the provincial caps (RULES R2.1)"});
}

}  // namespace kehou::afterschool
