// Routes of the registry import: the template, upload -> preview, confirm.
#include <fmt/format.h>

#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json::array ProblemsJson(const std::vector<RegistryImportProblem>& problems) {
    json::array out;
    for (const auto& pr : problems)
        out.push_back({{"line", pr.line}, {"field", pr.field}, {"message", pr.message_zh},
                       {"message_en", pr.message_en}});
    return out;
}

json::object SampleJson(const RegistryImportRow& row) {
    const Institution& i = row.institution;
    return {{"line", row.line},
            {"name", i.name},
            {"credit_code", i.credit_code},
            {"category", ToString(i.category)},
            {"delivery", ToString(i.delivery)},
            {"address", i.address},
            {"legal_representative", i.legal_representative},
            {"status", ToString(i.status)},
            {"in_baseline", i.in_baseline},
            {"credit_override", i.credit_override_reason.has_value()}};
}

http::Response Preview(http::Request& r, RegistryImportService& svc) {
    // The parser tells .xlsx from CSV by content; the type only keeps JSON and forms out.
    const auto type = r.Header("content-type").value_or("");
    if (type.find("text/csv") == std::string_view::npos &&
        type.find("application/octet-stream") == std::string_view::npos &&
        type.find(kXlsxType) == std::string_view::npos)
        throw Error::BadRequest("institutions.import_content_type",
                                "请上传 CSV 或 Excel (.xlsx) 文件（Content-Type: text/csv）",
                                "Upload a CSV or Excel (.xlsx) file (Content-Type: text/csv)", "Content-Type");
    const auto unit = r.QueryParam("unit_code");
    if (!unit || unit->empty())
        throw Error::BadRequest("institutions.unit_code_required", "请指定所属区县（unit_code）",
                                "Give the county (unit_code)", "unit_code");
    const RegistryImportPreview p = svc.Preview(r.Caller(), *unit, r.body);
    r.audit_object = fmt::format("import_id={} unit_code={} good_rows={} bad_rows={}", p.import_id, p.unit_code,
                                 p.good_rows, p.bad_rows);
    json::array sample;
    for (const auto& row : p.sample) sample.push_back(SampleJson(row));
    return http::JsonResponse(json::object{{"import_id", p.import_id}, {"unit_code", p.unit_code},
                                           {"encoding", p.encoding}, {"data_rows", p.data_rows},
                                           {"good_rows", p.good_rows}, {"bad_rows", p.bad_rows},
                                           {"problems", ProblemsJson(p.problems)},
                                           {"warnings", ProblemsJson(p.warnings)}, {"sample", std::move(sample)}},
                              201);
}

}  // namespace

void RegisterImportRoutes(http::Router& router, RegistryImportService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/imports/template",
                .permission = "institutions:registry:import",
                .handler = [](http::Request&) {
                    http::Response resp;
                    resp.content_type = std::string(kXlsxType);
                    resp.body = RegistryImportTemplate();
                    resp.SetAttachment("institutions-template.xlsx", "培训机构导入模板.xlsx");
                    return resp;
                },
                .summary = "The registry import template (.xlsx): header row, an example row, notes per column"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/imports",
                .permission = "institutions:registry:import", .audit_title = "预览导入培训机构",
                .handler = [&svc](http::Request& r) { return Preview(r, svc); },
                .summary = "Upload a registry (.xlsx, or CSV in UTF-8 or GBK) for a county: every bad row by line "
                           "and column; no institution is written yet"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/imports/{id}/confirm",
                .permission = "institutions:registry:import", .audit_title = "确认导入培训机构",
                .handler = [&svc](http::Request& r) {
                    const auto res = svc.Confirm(r.Caller(), r.PathId("id"));
                    r.audit_object = fmt::format("import_id={} institutions={}{}", r.PathParam("id"), res.institutions,
                                                 res.credit_overrides ? fmt::format(" credit_override={}",
                                                                                    res.credit_overrides)
                                                                      : std::string());
                    return http::JsonResponse(json::object{{"institutions", res.institutions},
                                                           {"credit_overrides", res.credit_overrides}});
                },
                .summary = "Write every good row of the caller's previewed upload in one transaction (within 24 h)"});
}

}  // namespace kehou::institutions
