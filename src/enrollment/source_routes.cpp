// Department data routes: parse the request, call SourceService, answer JSON. Audit lines name the department,
// the load and the counts, never a row's content.
#include "enrollment/source_routes.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "http/json.hpp"

namespace kehou::enrollment {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::size_t kMaxProblemsShown = 500;  // a file wrong in every row still answers in a readable size

Department PathDepartment(const http::Request& r) {
    const auto d = ParseDepartment(r.PathParam("department"));
    if (!d) throw Error::NotFound("enrollment.unknown_department", "没有该部门数据源", "No such department");
    return *d;
}

FileFormat QueryFormat(const http::Request& r) {
    const auto f = r.QueryParam("format").value_or("csv");
    if (f == "csv") return FileFormat::kCsv;
    if (f == "json") return FileFormat::kJson;
    throw Error::BadRequest("enrollment.format_invalid", "格式应为 csv 或 json", "format must be csv or json",
                            "format");
}

Date QuerySnapshotDate(const http::Request& r) {
    const auto d = ParseIsoDate(r.QueryParam("snapshot_date").value_or(""));
    if (!d)
        throw Error::BadRequest("enrollment.snapshot_date_invalid", "快照日期应为 YYYY-MM-DD",
                                "snapshot_date must be YYYY-MM-DD", "snapshot_date");
    return *d;
}

json::object VersionJson(const SnapshotInfo& v) {
    return {{"snapshot_date", FormatIsoDate(v.snapshot_date)},
            {"records", v.records},
            {"bad_rows", v.bad_rows},
            {"confirmed_at", v.confirmed_at}};
}

json::object SummaryJson(const SourceSummary& s) {
    json::array versions;
    for (const auto& v : s.versions) versions.push_back(VersionJson(v));
    return {{"department", ToString(s.department)},
            {"name_zh", DepartmentNameZh(s.department)},
            {"kind", s.http ? "http" : "batch"},
            {"current_version", s.current_version ? json::value(FormatIsoDate(*s.current_version)) : nullptr},
            {"versions", std::move(versions)}};
}

json::object PreviewJson(Department d, const SnapshotPreview& p) {
    json::array problems, ignored;
    for (std::size_t i = 0; i < p.problems.size() && i < kMaxProblemsShown; ++i) {
        const auto& pr = p.problems[i];
        problems.push_back(
            {{"line", pr.line}, {"field", pr.field}, {"message_zh", pr.message_zh}, {"message_en", pr.message_en}});
    }
    for (const auto& c : p.ignored_columns) ignored.push_back(json::value(c));
    return {{"load_id", p.load_id},       {"department", ToString(d)},   {"snapshot_date", FormatIsoDate(p.snapshot_date)},
            {"data_rows", p.data_rows},   {"good_rows", p.good_rows},    {"bad_rows", p.bad_rows},
            {"problems", std::move(problems)}, {"ignored_columns", std::move(ignored)}};
}

http::Response Stage(http::Request& r, SourceService& svc) {
    SourceService::RequireOperator(r.Caller());  // a county's call is refused as such, whatever else it got wrong
    const Department d = PathDepartment(r);
    const FileFormat format = QueryFormat(r);
    const SnapshotPreview p = svc.Stage(r.Caller(), d, r.body, format, QuerySnapshotDate(r));
    r.audit_object = fmt::format("department={} load_id={} snapshot_date={} good_rows={} bad_rows={}", ToString(d),
                                 p.load_id, FormatIsoDate(p.snapshot_date), p.good_rows, p.bad_rows);
    return http::JsonResponse(PreviewJson(d, p), 201);
}

http::Response Confirm(http::Request& r, SourceService& svc) {
    const ConfirmedLoad done = svc.Confirm(r.Caller(), r.PathId("id"));
    r.audit_object = fmt::format("department={} load_id={} snapshot_date={} records={}", ToString(done.department),
                                 r.PathId("id"), FormatIsoDate(done.version.snapshot_date), done.version.records);
    json::object out = VersionJson(done.version);
    out.emplace("department", ToString(done.department));
    return http::JsonResponse(out);
}

http::Response Discard(http::Request& r, SourceService& svc) {
    const Department d = svc.Discard(r.Caller(), r.PathId("id"));
    r.audit_object = fmt::format("department={} load_id={}", ToString(d), r.PathId("id"));
    http::Response resp;
    resp.status = 204;
    resp.content_type.clear();
    return resp;
}

}  // namespace

void RegisterSourceRoutes(http::Router& router, SourceService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/sources", .permission = "enrollment:source:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.List(r.Caller()), SummaryJson);
                },
                .summary = "Each department's kind (batch|http), the version that answers and every version"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/sources/{department}/loads",
                .permission = "enrollment:source:create", .audit_title = "上传部门共享数据（预览）",
                .handler = [&svc](http::Request& r) { return Stage(r, svc); },
                .summary = "Stage a department's export (raw CSV or JSON body; ?format=&snapshot_date=): every bad "
                           "row by line; nothing answers until confirmed"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/sources/loads/{id}/confirm",
                .permission = "enrollment:source:create", .audit_title = "确认导入部门共享数据",
                .handler = [&svc](http::Request& r) { return Confirm(r, svc); },
                .summary = "Confirm a staged load: its good rows become the department's snapshot of that date"});
    router.Add({.method = Method::kDelete, .path = "/api/v1/enrollment/sources/loads/{id}",
                .permission = "enrollment:source:create", .audit_title = "放弃导入部门共享数据",
                .handler = [&svc](http::Request& r) { return Discard(r, svc); },
                .summary = "Discard a staged load"});
}

}  // namespace kehou::enrollment
