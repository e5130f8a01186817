// Routes of complaints: staff intake, the public form (no log-in, rate-limited), assignment, closing, and
// the audited reveal of a complainant's contact.
#include <fmt/format.h>

#include "auth/rate_limiter.hpp"
#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

ComplaintIntake ReadIntake(http::Request& r, bool public_form) {
    http::BodyReader body(r);
    ComplaintIntake in;
    in.unit_code = body.RequiredString("unit_code", 12);
    if (!public_form) {
        in.channel = RequiredEnum<ComplaintChannel>(body, "channel");
        in.received_at = body.OptionalString("received_at", 40);
    }
    in.anonymous = body.OptionalBool("anonymous").value_or(false);
    in.contact = body.OptionalString("contact", 30);
    in.institution_id = body.OptionalInt("institution_id");
    in.operator_name = body.OptionalString("operator_name", 100);
    in.operator_address = body.OptionalString("operator_address", 200);
    in.content = body.RequiredString("content", 2000);
    body.Finish();
    return in;
}

ComplaintFilter ReadComplaintFilter(const http::Request& r) {
    ComplaintFilter f;
    f.status = QueryEnum<ComplaintStatus>(r, "status");
    f.overdue_only = r.QueryParam("overdue").value_or("") == "true";
    f.mine_only = r.QueryParam("mine").value_or("") == "true";
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

// The public form: a family can report without an account, but a script cannot flood the county's queue.
http::Response SubmitPublic(http::Request& r, ComplaintService& svc, auth::RateLimiter& limiter) {
    if (!limiter.Allow(r.client_address))
        throw Error(ErrorKind::kTooManyRequests, "institutions.complaint_rate_limited",
                    "提交过于频繁，请稍后再试，或拨打 12345 热线", "Too many complaints from here; try later or call 12345");
    const auto k = svc.Submit(ReadIntake(r, true));
    r.audit_object = fmt::format("complaint_id={} unit_code={}", k.id, k.unit_code);
    // The public learns only what it needs to follow up: the number and the due date.
    return http::JsonResponse(json::object{{"id", k.id}, {"due_date", k.due_date}, {"received_at", k.received_at}}, 201);
}

}  // namespace

void RegisterComplaintRoutes(http::Router& router, ComplaintService& svc, auth::RateLimiter& public_limiter) {
    router.Add({.method = Method::kPost, .path = "/api/v1/public/complaints", .permission = std::string(http::kPublic),
                .audit_title = "公众举报校外培训",
                .handler = [&svc, &public_limiter](http::Request& r) { return SubmitPublic(r, svc, public_limiter); },
                .summary = "The public complaint form: no log-in, anonymous allowed, rate-limited per address"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/complaints",
                .permission = "institutions:complaint:read",
                .handler = [&svc](http::Request& r) {
                    const auto page = svc.List(r.Caller(), ReadComplaintFilter(r));
                    json::array items;
                    for (const auto& k : page.items) items.push_back(ComplaintJson(k));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
                },
                .summary = "Complaints in scope: by status, overdue only, assigned to me; paged"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/complaints/{id}",
                .permission = "institutions:complaint:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(ComplaintJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One complaint (contact masked)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/complaints",
                .permission = "institutions:complaint:create", .audit_title = "登记举报",
                .handler = [&svc](http::Request& r) {
                    const auto k = svc.Record(r.Caller(), ReadIntake(r, false));
                    r.audit_object = fmt::format("complaint_id={} channel={}", k.id, ToString(k.channel));
                    return http::JsonResponse(ComplaintJson(k), 201);
                },
                .summary = "Record a complaint taken by phone or letter; its due date counts working days"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/complaints/{id}/assign",
                .permission = "institutions:complaint:update", .audit_title = "分派举报",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto inspector = body.RequiredInt("inspector_id");
                    body.Finish();
                    r.audit_object = fmt::format("complaint_id={} inspector_id={}", r.PathId("id"), inspector);
                    return http::JsonResponse(ComplaintJson(svc.Assign(r.Caller(), r.PathId("id"), inspector)));
                },
                .summary = "The county gives a complaint to one of its inspectors"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/complaints/{id}/close",
                .permission = "institutions:complaint:update", .audit_title = "办结举报",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto reply = body.RequiredString("reply", 2000);
                    body.Finish();
                    r.audit_object = fmt::format("complaint_id={}", r.PathId("id"));
                    return http::JsonResponse(ComplaintJson(svc.Close(r.Caller(), r.PathId("id"), reply)));
                },
                .summary = "Close a complaint with the reply given to the complainant"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/inspectors",
                .permission = "institutions:complaint:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& i : svc.Inspectors(r.Caller(), r.QueryParam("unit_code")))
                        items.push_back(json::object{{"id", i.id}, {"display_name", i.display_name},
                                                     {"unit_code", i.unit_code}, {"unit_name", i.unit_name}});
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "The inspectors complaints in scope can be given to, by county"});
    router.Add({.method = Method::kGet, .path = "/api/v1/public/counties", .permission = std::string(http::kPublic),
                .handler = [&svc](http::Request&) {
                    json::array items;
                    for (const auto& u : svc.Counties())
                        items.push_back(json::object{{"unit_code", u.code}, {"name", u.name}, {"name_en", u.name_en}});
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "The counties the public complaint form offers"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/complaints/{id}/contact",
                .permission = "institutions:complaint:update", .audit_title = "查看举报人联系方式",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("complaint_id={}", r.PathId("id"));
                    return http::JsonResponse(json::object{{"contact", svc.RevealContact(r.Caller(), r.PathId("id"))}});
                },
                .summary = "The complainant's full mobile, to call back; every reveal is audited"});
}

}  // namespace kehou::institutions
