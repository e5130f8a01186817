// Routes of the institution registry: list, read, register, edit, the frozen baseline and the 压减率.
#include "institutions/routes.hpp"

#include <fmt/format.h>

#include "institutions/json_io.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

StaffMember ReadStaff(const json::value& v, std::size_t i) {
    const auto* o = v.if_object();
    const auto field = fmt::format("staff[{}]", i);
    if (!o) throw http::WrongType(field, "对象", "an object");
    StaffMember s;
    s.name = StringField(*o, "name", field);
    const auto* subject = o->if_contains("teaches_subject");
    if (subject && !subject->is_bool()) throw http::WrongType(field + ".teaches_subject", "布尔值", "a boolean");
    s.teaches_subject = subject && subject->as_bool();
    if (const auto* q = o->if_contains("qualification_no"); q && !q->is_null()) {
        if (!q->is_string()) throw http::WrongType(field + ".qualification_no", "字符串", "a string");
        s.qualification_no = std::string(q->as_string());
    }
    return s;
}

Institution ReadInstitution(http::Request& r, bool creating) {
    http::BodyReader body(r);
    Institution in;
    if (creating) in.unit_code = body.RequiredString("unit_code", 12);
    in.name = body.RequiredString("name", 100);
    in.credit_code = body.RequiredString("credit_code", 18);
    in.credit_override_reason = body.OptionalString("credit_override_reason", 200);
    in.category = RequiredEnum<InstitutionCategory>(body, "category");
    in.delivery = RequiredEnum<Delivery>(body, "delivery");
    in.address = body.RequiredString("address", 200);
    in.licence_no = body.OptionalString("licence_no", 50);
    in.licence_date = body.OptionalString("licence_date", 10);
    in.filing_no = body.OptionalString("filing_no", 50);
    in.filing_date = body.OptionalString("filing_date", 10);
    in.nonprofit_reg_no = body.OptionalString("nonprofit_reg_no", 50);
    in.legal_representative = body.RequiredString("legal_representative", 30);
    in.status = OptionalEnum<InstitutionStatus>(body, "status").value_or(InstitutionStatus::kOperating);
    in.in_baseline = body.OptionalBool("in_baseline").value_or(false);
    if (const auto* staff = body.OptionalValue("staff"); staff && !staff->is_null()) {
        if (!staff->is_array()) throw http::WrongType("staff", "数组", "an array");
        for (std::size_t i = 0; i < staff->as_array().size(); ++i) in.staff.push_back(ReadStaff(staff->as_array()[i], i));
    }
    body.Finish();
    return in;
}

std::vector<BaselineCount> ReadBaseline(http::Request& r) {
    http::BodyReader body(r);
    const auto* rows = body.OptionalValue("rows");
    body.Finish();
    if (!rows || !rows->is_array()) throw http::WrongType("rows", "数组", "an array");
    std::vector<BaselineCount> out;
    for (std::size_t i = 0; i < rows->as_array().size(); ++i) {
        const auto* o = rows->as_array()[i].if_object();
        const auto field = fmt::format("rows[{}]", i);
        if (!o) throw http::WrongType(field, "对象", "an object");
        const auto* n = o->if_contains("institutions");
        if (!n || !n->is_int64()) throw http::WrongType(field + ".institutions", "整数", "an integer");
        out.push_back({"", EnumField<InstitutionCategory>(*o, "category", field),
                       EnumField<Delivery>(*o, "delivery", field), static_cast<int>(n->as_int64()),
                       StringField(*o, "as_of", field)});
    }
    return out;
}

InstitutionFilter ReadFilter(const http::Request& r) {
    InstitutionFilter f;
    f.unit_code = r.QueryParam("unit_code");
    f.category = QueryEnum<InstitutionCategory>(r, "category");
    f.delivery = QueryEnum<Delivery>(r, "delivery");
    f.status = QueryEnum<InstitutionStatus>(r, "status");
    f.name = r.QueryParam("q");
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router, InstitutionService& svc, auth::RateLimiter& lookup_limiter) {
    router.Add({.method = Method::kGet, .path = "/api/v1/public/institutions", .permission = std::string(http::kPublic),
                .handler = [&svc, &lookup_limiter](http::Request& r) {
                    if (!lookup_limiter.Allow(r.client_address))
                        throw Error(ErrorKind::kTooManyRequests, "institutions.lookup_rate_limited",
                                    "查询过于频繁，请稍后再试", "Too many look-ups; try again shortly");
                    return http::ItemsResponse(svc.PublicLookup(r.QueryParam("q").value_or("")), PublicInstitutionJson);
                },
                .summary = "Public look-up by name or credit code: white list / black list, no personal data"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions", .permission = "institutions:registry:read",
                .handler = [&svc](http::Request& r) {
                    const auto page = svc.List(r.Caller(), ReadFilter(r));
                    json::array items;
                    for (const auto& i : page.items) items.push_back(InstitutionJson(i));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
                },
                .summary = "The registry in scope, filtered by county, category, delivery, status and name, paged"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/{id}", .permission = "institutions:registry:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(InstitutionJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One institution with its staff and the reviewer's warnings (404 outside the scope)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions", .permission = "institutions:registry:create",
                .audit_title = "登记校外培训机构",
                .handler = [&svc](http::Request& r) {
                    const auto in = svc.Create(r.Caller(), ReadInstitution(r, true));
                    r.audit_object = fmt::format("institution_id={} credit_code={}{}", in.id, in.credit_code,
                                                 in.credit_override_reason ? " credit_override" : "");
                    return http::JsonResponse(InstitutionJson(in), 201);
                },
                .summary = "Register an institution (R3.4 checks; a checksum override needs a reason, R3.5)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/institutions/{id}", .permission = "institutions:registry:update",
                .audit_title = "修改校外培训机构信息",
                .handler = [&svc](http::Request& r) {
                    const auto in = svc.Update(r.Caller(), r.PathId("id"), ReadInstitution(r, false));
                    r.audit_object = fmt::format("institution_id={} status={}{}", in.id, ToString(in.status),
                                                 in.credit_override_reason ? " credit_override" : "");
                    return http::JsonResponse(InstitutionJson(in));
                },
                .summary = "Replace an institution's record and staff list"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/baselines/{unit_code}",
                .permission = "institutions:baseline:create", .audit_title = "冻结压减基数",
                .handler = [&svc](http::Request& r) {
                    const auto unit = r.PathParam("unit_code");
                    const auto rows = svc.FreezeBaseline(r.Caller(), unit, ReadBaseline(r));
                    r.audit_object = fmt::format("unit_code={} rows={}", unit, rows.size());
                    return http::ItemsResponse(rows, BaselineJson);
                },
                .summary = "Freeze a county's pre-双减 institution counts once (R6.3)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/reduction", .permission = "institutions:report:read",
                .handler = [&svc](http::Request& r) { return http::ItemsResponse(svc.Reduction(r.Caller()), ReductionJson); },
                .summary = "压减率 per county, category and delivery against the frozen baseline (R6.3)"});
}

}  // namespace kehou::institutions
