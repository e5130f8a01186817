// Routes of the providers' life cycle (docs/providers.md "HTTP API"). Handlers parse, call the service and write
// JSON; the route table gives each its permission and audit title. A route a role's grant admits but its work does
// not serve refuses it before reading the body, so the refusal is the same whatever was sent. Audit objects name
// ids only.
#include "providers/routes.hpp"

#include <fmt/format.h>

#include "providers/json_io.hpp"

namespace kehou::providers {
namespace {

using http::Method;

constexpr const char* kBase = "/api/v1/providers";

std::string Path(const char* tail) { return fmt::format("{}{}", kBase, tail); }

void Require(const http::Request& r, std::initializer_list<Role> roles) {
    for (const Role role : roles)
        if (r.Caller().role == role) return;
    throw RoleForbidden();
}

RecordFilter ReadFilter(const http::Request& r) {
    RecordFilter f;
    if (const auto s = r.QueryParam("status"); s && !s->empty()) {
        f.status = ParseProviderStatus(*s);
        if (!f.status) throw Error::BadRequest("providers.bad_status", "状态参数无效", "Unknown status", "status");
    }
    f.q = r.QueryParam("q").value_or("");
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

http::Response Detail(http::Request& r, const RecordDetail& d, int status = 200) {
    // R3.5: a record whose code was taken on an override reason says so on every write of it.
    r.audit_object = fmt::format("record_id={} status={}{}", d.record.id, ToString(d.record.status),
                                 d.record.credit_override_reason ? " credit_override" : "");
    return http::JsonResponse(RecordDetailJson(d), status);
}

void RegisterRecordRoutes(http::Router& router, ProviderService& svc) {
    router.Add({.method = Method::kGet, .path = Path("/records"), .permission = "providers:record:read",
                .handler = [&svc](http::Request& r) {
                    const auto [rows, total] = svc.List(r.Caller(), ReadFilter(r));
                    json::array items;
                    for (const auto& x : rows) items.push_back(RecordJson(x));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", total}});
                },
                .summary = "Provider records in scope; a school sees its county's white list (admitted, suspended)"});
    router.Add({.method = Method::kGet, .path = Path("/records/{id}"), .permission = "providers:record:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(RecordDetailJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One record with services, instructors, history, supervision, evaluations and courses"});
    router.Add({.method = Method::kPost, .path = Path("/records"), .permission = "providers:record:create",
                .audit_title = "录入第三方机构准入申请",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin});
                    return Detail(r, svc.Create(r.Caller(), ReadApplication(r)), 201);
                },
                .summary = "The county enters a provider's application (R2.3, R2.4); 422 names the first problem"});
    router.Add({.method = Method::kPost, .path = Path("/records/check"), .permission = "providers:record:create",
                .audit_title = "预检第三方机构准入申请",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin});
                    return http::JsonResponse(CheckJson(svc.Check(r.Caller(), ReadApplication(r))));
                },
                .summary = "Every problem and warning of an application at once; writes nothing"});
    router.Add({.method = Method::kPost, .path = Path("/records/{id}/events"), .permission = "providers:record:update",
                .audit_title = "第三方机构准入状态变更",
                .handler = [&svc](http::Request& r) {
                    return Detail(r, svc.Act(r.Caller(), r.PathId("id"), ReadMove(r)));
                },
                .summary = "Admit, reject, suspend, reinstate or exit (R2.3b); an open inspection case blocks admission"});
    router.Add({.method = Method::kPost, .path = Path("/records/{id}/spot-checks"),
                .permission = "providers:spot-check:create", .audit_title = "第三方机构巡课记录",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin, Role::kSchoolAdmin});
                    const auto s = svc.AddSpotCheck(r.Caller(), r.PathId("id"), ReadSpotCheck(r));
                    r.audit_object = fmt::format("record_id={} spot_check_id={}", s.record_id, s.id);
                    return http::JsonResponse(SpotCheckJson(s), 201);
                },
                .summary = "A spot check of a session: score, no-show, recruiting found, a linked complaint"});
    router.Add({.method = Method::kPut, .path = Path("/records/{id}/school-ratings"),
                .permission = "providers:school-rating:update", .audit_title = "学校评价第三方机构",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kSchoolAdmin});
                    const auto g = svc.RateBySchool(r.Caller(), r.PathId("id"), ReadRating(r));
                    r.audit_object = fmt::format("record_id={} school_id={}", g.record_id, g.school_id);
                    return http::JsonResponse(RatingJson(g));
                },
                .summary = "A school's rating of a provider teaching there, one per semester"});
}

void RegisterCountyRoutes(http::Router& router, ProviderService& svc) {
    router.Add({.method = Method::kGet, .path = Path("/settings"), .permission = "providers:settings:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(SettingsJson(svc.GetSettings(r.Caller(), r.QueryParam("unit_code").value_or(""))));
                },
                .summary = "A county's admission and evaluation settings (the defaults where none are set)"});
    router.Add({.method = Method::kPut, .path = Path("/settings"), .permission = "providers:settings:update",
                .audit_title = "设置第三方机构管理参数",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin});
                    const auto s = svc.PutSettings(r.Caller(), ReadSettings(r));
                    r.audit_object = fmt::format("unit_code={}", s.unit_code);
                    return http::JsonResponse(SettingsJson(s));
                },
                .summary = "Set the fee percent, background-check validity, weights and threshold"});
    router.Add({.method = Method::kGet, .path = Path("/evaluations"), .permission = "providers:evaluation:read",
                .handler = [&svc](http::Request& r) {
                    const auto sheet = svc.Evaluations(r.Caller(), r.QueryParam("semester").value_or(""),
                                                       r.QueryParam("unit_code").value_or(""));
                    return http::JsonResponse(SheetJson(sheet, false));
                },
                .summary = "A semester's evaluations; a live preview until the county closes the semester"});
    router.Add({.method = Method::kPost, .path = Path("/evaluations"), .permission = "providers:evaluation:create",
                .audit_title = "结束学期第三方机构效果评价",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin});
                    http::BodyReader body(r);
                    const auto semester = body.RequiredString("semester", 20);
                    body.Finish();
                    const auto sheet = svc.CloseSemester(r.Caller(), semester);
                    r.audit_object = fmt::format("semester={} exited={}", semester, sheet.exited.size());
                    return http::JsonResponse(SheetJson(sheet, true), 201);
                },
                .summary = "Close the semester: store the evaluations and exit the providers judged exit (R2.4)"});
    router.Add({.method = Method::kGet, .path = Path("/notices"), .permission = "providers:notice:read",
                .handler = [&svc](http::Request& r) { return http::ItemsResponse(svc.Notices(r.Caller()), NoticeJson); },
                .summary = "Exit notices: a school's own, a guardian's children's, a bureau's in scope"});
    router.Add({.method = Method::kPost, .path = Path("/accounts"), .permission = "providers:account:create",
                .audit_title = "关联第三方机构账号",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kDistrictAdmin});
                    http::BodyReader body(r);
                    const auto user_id = body.RequiredInt("user_id");
                    const auto code = body.RequiredString("credit_code", 30);
                    body.Finish();
                    svc.LinkAccount(r.Caller(), user_id, code);
                    r.audit_object = fmt::format("user_id={}", user_id);
                    return http::JsonResponse(json::object{{"user_id", user_id}, {"credit_code", code}}, 201);
                },
                .summary = "Link a provider log-in of the county to its credit code"});
}

void RegisterOwnRoutes(http::Router& router, ProviderService& svc) {
    router.Add({.method = Method::kGet, .path = Path("/own"), .permission = "providers:own:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(OwnJson(svc.Own(r.Caller()))); },
                .summary = "A provider's own records, courses, schools, instructors, evaluations and spot checks"});
    router.Add({.method = Method::kPost, .path = Path("/own/applications"), .permission = "providers:own:create",
                .audit_title = "第三方机构提交准入申请",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kProvider});
                    return Detail(r, svc.OwnApply(r.Caller(), ReadApplication(r)), 201);
                },
                .summary = "A provider applies to a county under its own credit code"});
    router.Add({.method = Method::kPost, .path = Path("/own/applications/check"), .permission = "providers:own:create",
                .audit_title = "第三方机构预检准入申请",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kProvider});
                    return http::JsonResponse(CheckJson(svc.OwnCheck(r.Caller(), ReadApplication(r))));
                },
                .summary = "A provider's form checked whole before it submits; writes nothing"});
    router.Add({.method = Method::kPost, .path = Path("/own/exit"), .permission = "providers:own:update",
                .audit_title = "第三方机构申请退出",
                .handler = [&svc](http::Request& r) {
                    Require(r, {Role::kProvider});
                    http::BodyReader body(r);
                    const auto id = body.RequiredInt("record_id");
                    body.Finish();
                    return Detail(r, svc.OwnExit(r.Caller(), id));
                },
                .summary = "A provider leaves the white list of its own accord"});
}

}  // namespace

void RegisterProviderRoutes(http::Router& router, ProviderService& svc) {
    RegisterRecordRoutes(router, svc);
    RegisterCountyRoutes(router, svc);
    RegisterOwnRoutes(router, svc);
}

}  // namespace kehou::providers
