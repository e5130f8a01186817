// Routes of filed schedules and of the holiday calendar.
#include <fmt/format.h>

#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

int ReadClock(const json::object& o, std::string_view name, std::string_view parent) {
    if (auto m = ParseClockTime(StringField(o, name, parent))) return *m;
    throw Error::BadRequest("institutions.bad_time", "时间格式应为 HH:MM", "Times are HH:MM",
                            fmt::format("{}.{}", parent, name));
}

// A lesson; its delivery and category default to the institution's (most schedules are all of one kind).
ScheduledSession ReadSession(const json::value& v, std::size_t i, const Institution& inst) {
    const auto parent = fmt::format("sessions[{}]", i);
    const auto* o = v.if_object();
    if (!o) throw http::WrongType(parent, "对象", "an object");
    ScheduledSession s;
    s.date = RequireIsoDate(StringField(*o, "date", parent), parent + ".date");
    s.start = ReadClock(*o, "start", parent);
    s.end = ReadClock(*o, "end", parent);
    s.delivery = o->contains("delivery") ? EnumField<Delivery>(*o, "delivery", parent) : inst.delivery;
    s.category = o->contains("category") ? EnumField<InstitutionCategory>(*o, "category", parent) : inst.category;
    s.subject = StringField(*o, "subject", parent);
    return s;
}

http::Response File(http::Request& r, ScheduleService& svc) {
    const auto inst = svc.ForFiling(r.Caller(), r.PathId("id"));
    http::BodyReader body(r);
    const auto title = body.RequiredString("title", 100);
    const auto* sessions = body.OptionalValue("sessions");
    body.Finish();
    if (!sessions || !sessions->is_array()) throw http::WrongType("sessions", "数组", "an array");
    std::vector<ScheduledSession> lessons;
    for (std::size_t i = 0; i < sessions->as_array().size(); ++i)
        lessons.push_back(ReadSession(sessions->as_array()[i], i, inst));
    const auto filed = svc.File(r.Caller(), inst.id, title, std::move(lessons));
    r.audit_object = fmt::format("institution_id={} schedule_id={} violations={}", inst.id, filed.id, filed.violations);
    return http::JsonResponse(ScheduleJson(filed), 201);
}

std::vector<DateRange> ReadWindows(http::Request& r) {
    http::BodyReader body(r);
    const auto* windows = body.OptionalValue("windows");
    body.Finish();
    if (!windows || !windows->is_array()) throw http::WrongType("windows", "数组", "an array");
    std::vector<DateRange> out;
    for (std::size_t i = 0; i < windows->as_array().size(); ++i) {
        const auto parent = fmt::format("windows[{}]", i);
        const auto* o = windows->as_array()[i].if_object();
        if (!o) throw http::WrongType(parent, "对象", "an object");
        out.push_back({RequireIsoDate(StringField(*o, "from", parent), parent + ".from"),
                       RequireIsoDate(StringField(*o, "to", parent), parent + ".to"), StringField(*o, "name", parent)});
    }
    return out;
}

}  // namespace

void RegisterScheduleRoutes(http::Router& router, ScheduleService& svc) {
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/{id}/schedules",
                .permission = "institutions:schedule:create", .audit_title = "备案培训课表",
                .handler = [&svc](http::Request& r) { return File(r, svc); },
                .summary = "File a schedule; every lesson checked against R1.11–R1.13 and the county's calendar"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/{id}/schedules",
                .permission = "institutions:schedule:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.List(r.Caller(), r.PathId("id")), ScheduleJson);
                },
                .summary = "An institution's filed schedules with their violation counts"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/schedules/{id}",
                .permission = "institutions:schedule:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(ScheduleJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One schedule: its lessons and what the rules find today"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/calendar",
                .permission = "institutions:calendar:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(CalendarJson(svc.Calendar(r.Caller(), r.QueryParam("unit_code").value_or(""))));
                },
                .summary = "The holiday arrangement and a county's school vacations"});
    router.Add({.method = Method::kPut, .path = "/api/v1/institutions/calendar/days/{date}",
                .permission = "institutions:calendar:update", .audit_title = "修改节假日安排",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto kind = body.OptionalString("kind", 10).value_or("");
                    const auto name = body.OptionalString("name", 30).value_or("");
                    body.Finish();
                    svc.SetDay(r.Caller(), r.PathParam("date"), kind, name);
                    r.audit_object = fmt::format("date={} kind={}", r.PathParam("date"), kind.empty() ? "ordinary" : kind);
                    return http::JsonResponse(json::object{{"date", r.PathParam("date")}, {"kind", kind}});
                },
                .summary = "The city marks a day as a holiday, a make-up working day, or ordinary (kind empty)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/institutions/calendar/vacations/{unit_code}",
                .permission = "institutions:vacation:update", .audit_title = "修改寒暑假安排",
                .handler = [&svc](http::Request& r) {
                    const auto view = svc.SetVacations(r.Caller(), r.PathParam("unit_code"), ReadWindows(r));
                    r.audit_object = fmt::format("unit_code={} windows={}", r.PathParam("unit_code"), view.vacations.size());
                    return http::JsonResponse(CalendarJson(view));
                },
                .summary = "A county replaces its school vacation windows (empty: the city's defaults)"});
}

}  // namespace kehou::institutions
