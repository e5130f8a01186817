// Routes for guardians, teachers and guardian consent (schools, classes and students: routes.cpp).
#include <fmt/format.h>

#include "http/json.hpp"
#include "org/routes.hpp"

namespace kehou::org {
namespace {

namespace json = boost::json;
using http::Method;

json::object GuardianJson(const Guardian& g) {
    return {{"id", g.id}, {"name", g.name}, {"relation", g.relation}, {"mobile", g.mobile_masked},
            {"pickup_authorised", g.pickup_authorised}, {"has_account", g.user_id.has_value()}};
}

json::object TeacherJson(const Teacher& t) {
    json::array subjects;
    for (const auto& s : t.subjects) subjects.emplace_back(s);
    return {{"id", t.id}, {"school_id", t.school_id}, {"school_name", t.school_name}, {"name", t.name},
            {"sex", t.sex}, {"mobile", t.mobile_masked}, {"subjects", std::move(subjects)}, {"retired", t.retired}};
}

json::object ConsentJson(const Consent& c) {
    return {{"id", c.id}, {"purpose", c.purpose}, {"notice_version", c.notice_version},
            {"granted_at", c.granted_at},
            {"withdrawn_at", http::OptJson(c.withdrawn_at)},
            {"active", c.Active()}};
}

http::Response AddGuardian(http::Request& r, OrgService& svc) {
    http::BodyReader body(r);
    GuardianInput in{body.RequiredString("name", 30), body.RequiredString("relation", 20),
                     body.RequiredString("mobile", 20), body.OptionalBool("pickup_authorised").value_or(false)};
    body.Finish();
    const Guardian g = svc.AddGuardian(r.Caller(), r.PathId("id"), in);
    r.audit_object = fmt::format("guardian_id={}", g.id);
    return http::JsonResponse(GuardianJson(g), 201);
}

http::Response CreateTeacher(http::Request& r, OrgService& svc) {
    http::BodyReader body(r);
    TeacherInput in;
    in.school_id = body.RequiredInt("school_id");
    in.name = body.RequiredString("name", 30);
    in.sex = body.RequiredString("sex", 10);
    in.mobile = body.RequiredString("mobile", 20);
    in.subjects = http::ReadStringArray(body.OptionalValue("subjects"), "subjects");
    in.retired = body.OptionalBool("retired").value_or(false);
    body.Finish();
    const Teacher t = svc.CreateTeacher(r.Caller(), in);
    r.audit_object = fmt::format("teacher_id={}", t.id);
    return http::JsonResponse(TeacherJson(t), 201);
}

http::Response SetConsent(http::Request& r, OrgService& svc) {
    http::BodyReader body(r);
    const auto purpose = body.RequiredString("purpose", 40);
    const bool granted = body.RequiredBool("granted");
    const auto version = body.OptionalString("notice_version", 40).value_or("");
    body.Finish();
    r.audit_object = fmt::format("purpose={} granted={}", purpose, granted);
    return http::ItemsResponse(svc.SetConsent(r.Caller(), r.PathId("id"), purpose, version, granted), ConsentJson);
}

}  // namespace

void RegisterPeopleRoutes(http::Router& router, OrgService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students/{id}/guardians",
                .permission = "org:guardian:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ListGuardians(r.Caller(), r.PathId("id")), GuardianJson);
                },
                .summary = "A student's guardians and who may pick the child up; mobiles masked"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/students/{id}/guardians",
                .permission = "org:guardian:create", .audit_title = "添加监护人",
                .handler = [&svc](http::Request& r) { return AddGuardian(r, svc); },
                .summary = "Add a guardian (name, relation, mobile, pick-up authorisation) to a student"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students/{id}/guardians/{guardian_id}/mobile",
                .permission = "org:pii:reveal", .audit_title = "查看监护人完整手机号",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(json::object{
                        {"mobile", svc.RevealGuardianMobile(r.Caller(), r.PathId("id"), r.PathId("guardian_id"))}});
                },
                .summary = "A guardian's full mobile number; only for org:pii:reveal, and every call is audited"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/teachers", .permission = "org:teacher:read",
                .handler = [&svc](http::Request& r) {
                    const auto page = svc.ListTeachers(r.Caller(), r.QueryId("school_id"), r.QueryParam("name"),
                                                       static_cast<int>(r.QueryInt("page", 1, 100000)),
                                                       static_cast<int>(r.QueryInt("page_size", 20, 200)));
                    json::array items;
                    for (const auto& t : page.items) items.push_back(TeacherJson(t));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
                },
                .summary = "Teachers in scope by school and name prefix, paged; mobiles masked"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/teachers", .permission = "org:teacher:create",
                .audit_title = "新增教师", .handler = [&svc](http::Request& r) { return CreateTeacher(r, svc); },
                .summary = "Register a teacher at a school in scope"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/children/{id}/consents",
                .permission = "org:consent:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.ListConsents(r.Caller(), r.PathId("id")), ConsentJson);
                },
                .summary = "A guardian's consents for one of their children (RULES R4.2)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/children/{id}/consents",
                .permission = "org:consent:update", .audit_title = "监护人同意/撤回",
                .handler = [&svc](http::Request& r) { return SetConsent(r, svc); },
                .summary = "Grant (with the notice version) or withdraw consent for one purpose"});
}

}  // namespace kehou::org
