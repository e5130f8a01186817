#include "org/routes.hpp"

#include <fmt/format.h>

#include "http/json.hpp"

namespace kehou::org {
namespace {

namespace json = boost::json;
using http::Method;

json::object SchoolJson(const School& s) {
    return {{"id", s.id}, {"school_code", s.school_code}, {"name", s.name}, {"unit_code", s.unit_code},
            {"stage", s.stage}, {"is_public", s.is_public}, {"is_rural", s.is_rural}, {"grade_from", s.grade_from},
            {"grade_to", s.grade_to}, {"address", s.address}};
}

json::object FlagsJson(const StudentFlags& f) {
    return {{"disability", f.disability}, {"migrant", f.migrant}, {"hardship", f.hardship},
            {"left_behind", f.left_behind}, {"military_family", f.military_family}, {"dual_income", f.dual_income}};
}

json::object StudentJson(const Student& s) {
    return {{"id", s.id}, {"school_id", s.school_id}, {"school_name", s.school_name}, {"class_id", s.class_id},
            {"class_name", s.class_name}, {"grade", s.grade}, {"name", s.name}, {"sex", s.sex},
            {"birth_date", s.birth_date}, {"id_number", s.id_number_masked},
            {"student_number", s.student_number_masked}, {"flags", FlagsJson(s.flags)}, {"status", s.status}};
}

template <typename T, typename F>
http::Response PageJson(const Page<T>& page, F to_json) {
    json::array items;
    for (const auto& x : page.items) items.push_back(to_json(x));
    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
}

StudentInput ReadStudent(http::Request& req) {
    http::BodyReader body(req);
    StudentInput in;
    in.class_id = body.RequiredInt("class_id");
    in.name = body.RequiredString("name", 30);
    in.sex = body.RequiredString("sex", 10);
    in.id_number = body.RequiredString("id_number", 30);
    in.student_number = body.RequiredString("student_number", 30);
    if (const json::value* f = body.OptionalValue("flags")) {
        if (!f->is_object()) throw http::WrongType("flags", "对象", "an object");
        auto flag = [&](const char* key, bool& out) {
            if (const auto* v = f->as_object().if_contains(key)) {
                if (!v->is_bool()) throw http::WrongType(std::string("flags.") + key, "布尔值", "true or false");
                out = v->as_bool();
            }
        };
        flag("disability", in.flags.disability);
        flag("migrant", in.flags.migrant);
        flag("hardship", in.flags.hardship);
        flag("left_behind", in.flags.left_behind);
        flag("military_family", in.flags.military_family);
        flag("dual_income", in.flags.dual_income);
    }
    body.Finish();
    return in;
}

School ReadSchool(http::Request& req) {
    http::BodyReader body(req);
    School s;
    s.school_code = body.RequiredString("school_code", 10);
    s.name = body.RequiredString("name", 60);
    s.unit_code = body.RequiredString("unit_code", 6);
    s.stage = body.RequiredString("stage", 20);
    s.is_public = body.OptionalBool("is_public").value_or(true);
    s.is_rural = body.RequiredBool("is_rural");
    s.grade_from = static_cast<int>(body.RequiredInt("grade_from"));
    s.grade_to = static_cast<int>(body.RequiredInt("grade_to"));
    s.address = body.OptionalString("address", 100).value_or("");
    body.Finish();
    return s;
}

void RegisterSchoolRoutes(http::Router& router, OrgService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/org/units", .permission = "org:unit:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& u : svc.ListUnits(r.Caller()))
                        items.push_back({{"code", u.code}, {"gbt2260_code", u.gbt2260_code ? json::value(*u.gbt2260_code) : nullptr},
                                         {"name", u.name}, {"name_en", u.name_en}, {"kind", u.kind},
                                         {"parent_code", u.parent_code}});
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "County-level units and functional zones inside the caller's scope"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/schools", .permission = "org:school:read",
                .handler = [&svc](http::Request& r) {
                    SchoolFilter f{r.QueryParam("unit_code"), r.QueryParam("q"), r.QueryParam("stage"),
                                   static_cast<int>(r.QueryInt("page", 1, 100000)), static_cast<int>(r.QueryInt("page_size", 20, 200))};
                    return PageJson(svc.ListSchools(r.Caller(), f), SchoolJson);
                },
                .summary = "Schools in scope, filtered by unit, name and stage, paged"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/schools/{id}", .permission = "org:school:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(SchoolJson(svc.GetSchool(r.Caller(), r.PathId("id"))));
                },
                .summary = "One school (404 outside the caller's scope)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/schools", .permission = "org:school:create",
                .audit_title = "新建学校",
                .handler = [&svc](http::Request& r) {
                    const School s = svc.CreateSchool(r.Caller(), ReadSchool(r));
                    r.audit_object = fmt::format("school_id={} school_code={}", s.id, s.school_code);
                    return http::JsonResponse(SchoolJson(s), 201);
                },
                .summary = "Register a school in one's own county-level unit"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/schools/{id}/classes", .permission = "org:class:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& k : svc.ListClasses(r.Caller(), r.PathId("id")))
                        items.push_back({{"id", k.id}, {"grade", k.grade}, {"class_no", k.class_no},
                                         {"entry_year", k.entry_year}, {"name", k.name},
                                         {"student_count", k.student_count}});
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "The classes of a school with their enrolled counts"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/schools/{id}/classes", .permission = "org:class:create",
                .audit_title = "新建班级",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto grade = body.RequiredInt("grade");
                    const auto class_no = body.RequiredInt("class_no");
                    const auto year = body.RequiredInt("school_year");
                    body.Finish();
                    if (class_no < 1 || class_no > 40)
                        throw Error::Unprocessable("org.bad_class_no", "班号须为 1–40", "Class number is 1–40",
                                                   "class_no");
                    if (year < 2000 || year > 2100)
                        throw Error::Unprocessable("org.bad_school_year", "学年无效", "Invalid school year",
                                                   "school_year");
                    const Class k = svc.CreateClass(r.Caller(), r.PathId("id"), static_cast<int>(grade),
                                                    static_cast<int>(class_no), static_cast<int>(year));
                    r.audit_object = fmt::format("class_id={}", k.id);
                    return http::JsonResponse(json::object{{"id", k.id}, {"grade", k.grade}, {"class_no", k.class_no},
                                                           {"entry_year", k.entry_year}, {"name", k.name},
                                                           {"student_count", 0}},
                                              201);
                },
                .summary = "Open a class (grade and number) in a school year"});
}

void RegisterStudentRoutes(http::Router& router, OrgService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students", .permission = "org:student:read",
                .handler = [&svc](http::Request& r) {
                    StudentFilter f{r.QueryId("school_id"), r.QueryId("class_id"), r.QueryParam("name"),
                                    r.QueryParam("id_number"), static_cast<int>(r.QueryInt("page", 1, 100000)),
                                    static_cast<int>(r.QueryInt("page_size", 20, 200))};
                    return PageJson(svc.ListStudents(r.Caller(), f), StudentJson);
                },
                .summary = "Students in scope by school, class, name prefix or exact identity number; masked"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students/{id}", .permission = "org:student:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(StudentJson(svc.GetStudent(r.Caller(), r.PathId("id"))));
                },
                .summary = "One student, numbers masked (404 outside the caller's scope)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/students", .permission = "org:student:create",
                .audit_title = "新增学生",
                .handler = [&svc](http::Request& r) {
                    const Student s = svc.CreateStudent(r.Caller(), ReadStudent(r));
                    r.audit_object = fmt::format("student_id={}", s.id);
                    return http::JsonResponse(StudentJson(s), 201);
                },
                .summary = "Add a student to a class in scope"});
    router.Add({.method = Method::kPut, .path = "/api/v1/org/students/{id}", .permission = "org:student:update",
                .audit_title = "修改学生信息",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(StudentJson(svc.UpdateStudent(r.Caller(), r.PathId("id"), ReadStudent(r))));
                },
                .summary = "Replace a student's record (403 outside the caller's scope)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students/{id}/identity-number",
                .permission = "org:pii:reveal", .audit_title = "查看完整身份证号",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(
                        json::object{{"id_number", svc.RevealIdNumber(r.Caller(), r.PathId("id"))}});
                },
                .summary = "The full identity number; only for org:pii:reveal, and every call is audited"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/children", .permission = "org:child:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& s : svc.ListChildren(r.Caller())) items.push_back(StudentJson(s));
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "A guardian's own children"});
}

}  // namespace

void RegisterRoutes(http::Router& router, OrgService& service) {
    RegisterSchoolRoutes(router, service);
    RegisterStudentRoutes(router, service);
    RegisterPeopleRoutes(router, service);
    RegisterImportRoutes(router, service);
}

}  // namespace kehou::org
