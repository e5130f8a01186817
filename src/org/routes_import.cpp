// Routes for roster import (upload -> preview -> confirm) and the student-list export.
#include <fmt/format.h>

#include "http/json.hpp"
#include "org/export.hpp"
#include "org/routes.hpp"

namespace kehou::org {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::int64_t kMaxExportRows = 100000;
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

http::Response Preview(http::Request& r, OrgService& svc) {
    // The parser tells .xlsx from CSV by content; the type only keeps JSON and forms out.
    const auto type = r.Header("content-type").value_or("");
    if (type.find("text/csv") == std::string_view::npos &&
        type.find("application/octet-stream") == std::string_view::npos &&
        type.find(kXlsxType) == std::string_view::npos)
        throw Error::BadRequest("org.import_content_type", "请上传 CSV 或 Excel (.xlsx) 文件（Content-Type: text/csv）",
                                "Upload a CSV or Excel (.xlsx) file (Content-Type: text/csv)", "Content-Type");
    const ImportPreview p = svc.PreviewRoster(r.Caller(), r.PathId("id"), r.body);
    r.audit_object = fmt::format("import_id={} good_rows={} bad_rows={}", p.import_id, p.good_rows, p.bad_rows);
    json::array problems, sample;
    for (const auto& pr : p.problems)
        problems.push_back({{"line", pr.line}, {"field", pr.field}, {"message", pr.message_zh},
                            {"message_en", pr.message_en}});
    for (const auto& s : p.sample)
        sample.push_back({{"class_name", s.class_name}, {"grade", s.grade}, {"name", s.name}, {"sex", s.sex},
                          {"birth_date", s.birth_date}, {"id_number", s.id_number_masked},
                          {"student_number", s.student_number_masked}});
    return http::JsonResponse(json::object{{"import_id", p.import_id}, {"encoding", p.encoding},
                                           {"data_rows", p.data_rows}, {"good_rows", p.good_rows},
                                           {"bad_rows", p.bad_rows}, {"problems", std::move(problems)},
                                           {"sample", std::move(sample)}},
                              201);
}

http::Response Export(http::Request& r, OrgService& svc) {
    StudentFilter f{r.QueryId("school_id"), r.QueryId("class_id"), r.QueryParam("name"), std::nullopt, 1,
                    static_cast<int>(kMaxExportRows)};
    const auto page = svc.ListStudents(r.Caller(), f);
    if (page.total > kMaxExportRows)
        throw Error::Unprocessable("org.export_too_large",
                                   fmt::format("一次最多导出 {} 名学生，请按学校或班级筛选", kMaxExportRows),
                                   fmt::format("At most {} students per export; filter by school or class",
                                               kMaxExportRows));
    r.audit_object = fmt::format("rows={}", page.items.size());
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = StudentsWorkbook(page.items);
    resp.SetAttachment("students.xlsx", "学生名单.xlsx");
    return resp;
}

http::Response ExportTeachers(http::Request& r, OrgService& svc) {
    const auto page = svc.ListTeachers(r.Caller(), r.QueryId("school_id"), r.QueryParam("name"), 1,
                                       static_cast<int>(kMaxExportRows));
    if (page.total > kMaxExportRows)
        throw Error::Unprocessable("org.export_too_large", "导出行数过多，请按学校筛选",
                                   "Too many rows for one export; filter by school");
    r.audit_object = fmt::format("rows={}", page.items.size());
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = TeachersWorkbook(page.items);
    resp.SetAttachment("teachers.xlsx", "教师名单.xlsx");
    return resp;
}

}  // namespace

void RegisterImportRoutes(http::Router& router, OrgService& svc) {
    router.Add({.method = Method::kPost, .path = "/api/v1/org/schools/{id}/roster-imports",
                .permission = "org:student:import", .audit_title = "上传学生名册（预览）",
                .handler = [&svc](http::Request& r) { return Preview(r, svc); },
                .summary = "Upload a roster (.xlsx, or CSV in UTF-8 or GBK): every bad row by line; nothing is "
                           "written yet"});
    router.Add({.method = Method::kPost, .path = "/api/v1/org/roster-imports/{id}/confirm",
                .permission = "org:student:import", .audit_title = "确认导入学生名册",
                .handler = [&svc](http::Request& r) {
                    const ImportResult res = svc.ConfirmRoster(r.Caller(), r.PathId("id"));
                    r.audit_object = fmt::format("students={} guardians={}", res.students, res.guardians);
                    return http::JsonResponse(json::object{{"students", res.students}, {"guardians", res.guardians},
                                                           {"classes_created", res.classes_created}});
                },
                .summary = "Write every good row of a previewed roster in one transaction"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/students/export", .permission = "org:student:export",
                .audit_title = "导出学生名单", .handler = [&svc](http::Request& r) { return Export(r, svc); },
                .summary = "The filtered student list as .xlsx, numbers masked"});
    router.Add({.method = Method::kGet, .path = "/api/v1/org/teachers/export", .permission = "org:teacher:export",
                .audit_title = "导出教师名单", .handler = [&svc](http::Request& r) { return ExportTeachers(r, svc); },
                .summary = "The filtered teacher list as .xlsx, mobiles masked"});
}

}  // namespace kehou::org
