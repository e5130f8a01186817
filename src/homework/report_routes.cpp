// Routes of the homework-load reports: parse the period and the node, call ReportService, answer JSON. Every
// answer says its period and the date its figures stand at (as_of).
#include "homework/report_routes.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace kehou::homework {
namespace {

namespace json = http::json;
using http::Method;

constexpr const char* kPermission = "homework:report:read";

std::string Today() {
    return ShanghaiDate(std::chrono::system_clock::now());
}

ReportQuery Query(const http::Request& r) {
    const auto text = [&r](std::string_view name) {
        auto v = r.QueryParam(name);
        return v && !v->empty() ? v : std::nullopt;
    };
    return {text("from"),           text("to"),         text("unit_code"),
            r.QueryId("school_id"), r.QueryId("grade"), r.QueryId("class_id")};
}

json::value Percent(const std::optional<std::int64_t>& bp) {
    return bp ? json::value(FormatPercent(*bp)) : json::value(nullptr);
}

json::object RowJson(const ReportRow& r) {
    const auto& f = r.figures;
    return {{"key", r.key},
            {"name", r.name},
            {"level", ToString(r.level)},
            {"limit", http::OptJson(r.limit)},
            {"class_days", f.class_days},
            {"homework_days", f.homework_days},
            {"days_over_limit", f.days_over},
            {"compliance_rate", Percent(ComplianceBasisPoints(f))},
            {"compliance_rate_basis_points", http::OptJson(ComplianceBasisPoints(f))},
            {"avg_estimated", http::OptJson(AvgEstimated(f))},
            {"avg_reported", http::OptJson(AvgReported(f))},
            {"reports", f.reports},
            {"bedtime_share", Percent(BedtimeBasisPoints(f))},
            {"bedtime_share_basis_points", http::OptJson(BedtimeBasisPoints(f))}};
}

/// {as_of, from, to, node}: the head of every report.
json::object Head(const ReportHeader& h) {
    return {{"as_of", h.as_of},
            {"from", h.from},
            {"to", h.to},
            {"node",
             {{"level", ToString(h.level)},
              {"name", h.name},
              {"unit_code", http::OptJson(h.unit_code)},
              {"school_id", http::OptJson(h.school_id)},
              {"grade", http::OptJson(h.grade)}}}};
}

json::object ClassJson(const report_repo::ClassInfo& k) {
    return {{"class_id", k.class_id},
            {"class_name", k.class_name},
            {"grade", k.grade},
            {"school_id", k.school_id},
            {"school_name", k.school_name}};
}

json::array WeeksJson(const std::vector<WeekFigures>& weeks) {
    json::array out;
    for (const auto& w : weeks)
        out.push_back(json::object{{"week_start", w.week_start},
                                   {"school_days", w.school_days},
                                   {"avg_estimated", http::OptJson(w.avg_estimated)},
                                   {"avg_reported", http::OptJson(w.avg_reported)},
                                   {"rest_days", w.rest_days},
                                   {"rest_day_minutes", w.rest_day_minutes},
                                   {"days_over_limit", w.days_over}});
    return out;
}

json::object DayJson(const report_repo::ClassDay& d) {
    return {{"date", d.date},
            {"day_kind", d.rest_day ? "rest_day" : "school_day"},
            {"grade", d.grade},
            {"limit", d.limit},
            {"homework", d.homework},
            {"written_minutes", d.written},
            {"other_minutes", d.other},
            {"reports", d.reports},
            {"avg_reported",
             d.reports > 0 ? json::value((2 * d.report_minutes + d.reports) / (2 * d.reports)) : json::value(nullptr)},
            {"reports_by_bedtime", d.bedtime_ok},
            {"over_limit", d.over}};
}

http::Response Workbook(http::Request& r, ReportService& svc) {
    const auto today = Today();
    const auto book = svc.Book(r.Caller(), Query(r), today);
    const auto& h = book.summary.header;
    r.audit_object =
        fmt::format("scope={} level={} from={} to={}", r.Caller().scope_path, ToString(h.level), h.from, h.to);
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = ReportWorkbook(book);
    resp.SetAttachment("homework-load-" + today + ".xlsx", "作业负担统计-" + today + ".xlsx");
    return resp;
}

}  // namespace

json::object SummaryJson(const Summary& s) {
    auto o = Head(s.header);
    json::array items;
    for (const auto& r : s.rows) items.push_back(RowJson(r));
    o["row_level"] = ToString(s.row_level);
    o["items"] = std::move(items);
    o["total"] = RowJson(s.total);
    return o;
}

json::object ClassesJson(const ClassesReport& c) {
    auto o = Head(c.header);
    json::array items;
    for (const auto& k : c.items) {
        auto row = RowJson(k.row);
        for (auto& [key, value] : ClassJson(k.info)) row[key] = value;
        row["rest_day_limit"] = k.rest_day_limit;
        row["weeks"] = WeeksJson(k.weeks);
        items.push_back(std::move(row));
    }
    o["items"] = std::move(items);
    o["total"] = RowJson(c.total);
    return o;
}

json::object WeeklyJson(const WeeklyReport& w) {
    auto o = Head(w.header);
    o["class"] = w.class_info ? json::value(ClassJson(*w.class_info)) : json::value(nullptr);
    o["weeks"] = WeeksJson(w.weeks);
    json::array days;
    for (const auto& d : w.days) days.push_back(DayJson(d));
    o["days"] = std::move(days);
    return o;
}

json::object AlertsJson(const AlertsReport& a) {
    auto o = Head(a.header);
    json::array items;
    for (const auto& x : a.items) {
        auto item = ClassJson(x.info);
        item["week_start"] = x.week_start;
        json::array dates;
        for (const auto& d : x.days_over) dates.push_back(json::value(d));
        item["days_over"] = std::move(dates);
        item["worst_minutes"] = x.worst_minutes;
        items.push_back(std::move(item));
    }
    o["items"] = std::move(items);
    return o;
}

void RegisterHomeworkReportRoutes(http::Router& router, ReportService& svc) {
    const auto read = [&router](std::string path, std::string summary, http::Handler handler) {
        router.Add({.method = Method::kGet,
                    .path = std::move(path),
                    .permission = kPermission,
                    .handler = std::move(handler),
                    .summary = std::move(summary)});
    };
    read("/api/v1/homework/reports/summary",
         "Homework load one level below a node (city → counties → schools → grades → classes): class-days, days over "
         "the limit, compliance, estimated vs reported minutes, bedtime share",
         [&svc](http::Request& r) {
             return http::JsonResponse(SummaryJson(svc.Summarise(r.Caller(), Query(r), Today())));
         });
    read("/api/v1/homework/reports/classes", "A school's classes with their figures and weekly averages (R1.2)",
         [&svc](http::Request& r) {
             return http::JsonResponse(ClassesJson(svc.Classes(r.Caller(), Query(r), Today())));
         });
    read(
        "/api/v1/homework/reports/weekly", "Weekly averages of one class (with its days) or of one school",
        [&svc](http::Request& r) { return http::JsonResponse(WeeklyJson(svc.Weekly(r.Caller(), Query(r), Today()))); });
    read(
        "/api/v1/homework/alerts", "Classes over the limit on 3 or more days of one ISO week",
        [&svc](http::Request& r) { return http::JsonResponse(AlertsJson(svc.Alerts(r.Caller(), Query(r), Today()))); });
    router.Add({.method = Method::kGet,
                .path = "/api/v1/homework/reports/export.xlsx",
                .permission = kPermission,
                .audit_title = "导出作业负担统计",
                .handler = [&svc](http::Request& r) { return Workbook(r, svc); },
                .summary = "The summary, the alerts and (for a school) the classes' weekly averages as one .xlsx"});
}

}  // namespace kehou::homework
