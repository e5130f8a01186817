// Routes of the enrollment statistics: the season from the path, ReportService, JSON or the .xlsx. Every answer says
// when its figures were read (as_of).
#include "enrollment/report_routes.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace kehou::enrollment {
namespace {

namespace json = http::json;
using http::Method;

constexpr const char* kPermission = "enrollment:stats:read";

json::array CountsJson(const std::vector<StatCount>& counts, const char* key) {
    json::array out;
    for (const auto& c : counts) out.push_back(json::object{{key, c.key}, {"count", c.count}});
    return out;
}

json::object SeasonJson(const report_repo::SeasonRef& s) {
    return {{"id", s.id}, {"title", s.title}, {"year", s.year}, {"entry_grade", s.entry_grade}, {"status", s.status}};
}

json::array SchoolsJson(const std::vector<SchoolStat>& schools) {
    json::array out;
    for (const auto& s : schools)
        out.push_back(json::object{{"school_id", s.fill.school_id},
                                   {"school_name", s.fill.school_name},
                                   {"is_private", s.fill.is_private},
                                   {"seats", s.fill.seats},
                                   {"placed", s.fill.placed},
                                   {"fill_rate", http::OptJson(s.fill_rate)}});
    return out;
}

json::array CategoriesJson(const std::vector<CategoryStat>& categories) {
    json::array out;
    for (const auto& c : categories)
        out.push_back(json::object{{"category_name", http::OptJson(c.category_name)}, {"count", c.count}});
    return out;
}

json::array DaysJson(const std::vector<DayStat>& days) {
    json::array out;
    for (const auto& d : days) out.push_back(json::object{{"date", d.date}, {"applications", d.applications}});
    return out;
}

SeasonStats Read(http::Request& r, ReportService& svc) {
    return svc.Stats(r.Caller(), r.PathId("id"), FormatShanghai(std::chrono::system_clock::now()));
}

http::Response Workbook(http::Request& r, ReportService& svc) {
    const auto stats = Read(r, svc);
    r.audit_object = fmt::format("season={} scope={}", stats.season.id, r.Caller().scope_path);
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = StatsWorkbook(stats);
    const std::string day = stats.as_of.substr(0, 10);
    resp.SetAttachment(fmt::format("enrollment-stats-{}-{}.xlsx", stats.season.id, day),
                       fmt::format("招生统计-{}-{}.xlsx", stats.season.title, day));
    return resp;
}

}  // namespace

json::object StatsJson(const SeasonStats& s) {
    return {{"season", SeasonJson(s.season)},
            {"as_of", s.as_of},
            {"applications", s.applications},
            {"one_click", s.one_click},
            {"one_click_rate", http::OptJson(s.one_click_rate)},
            {"decided", s.decided},
            {"decided_reviewed", s.decided_reviewed},
            {"median_hours_to_decision", http::OptJson(s.median_hours_to_decision)},
            {"median_hours_reviewed", http::OptJson(s.median_hours_reviewed)},
            {"by_status", CountsJson(s.by_status, "status")},
            {"by_category", CategoriesJson(s.by_category)},
            {"by_placed_by", CountsJson(s.by_placed_by, "placed_by")},
            {"seats", s.seats},
            {"placed", s.placed},
            {"fill_rate", http::OptJson(s.fill_rate)},
            {"schools", SchoolsJson(s.schools)},
            {"by_day", DaysJson(s.by_day)},
            {"appeals", CountsJson(s.appeals, "status")}};
}

void RegisterEnrollmentReportRoutes(http::Router& router, ReportService& svc) {
    router.Add({.method = Method::kGet,
                .path = "/api/v1/enrollment/seasons/{id}/stats",
                .permission = kPermission,
                .handler = [&svc](http::Request& r) { return http::JsonResponse(StatsJson(Read(r, svc))); },
                .summary = "A season's statistics in the caller's scope: applications by status, the one-click rate, "
                           "median hours to a decision, seats filled per school, placements by category and by how "
                           "placed, applications per day, appeals by status"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/enrollment/seasons/{id}/stats.xlsx",
                .permission = kPermission,
                .audit_title = "导出招生统计",
                .handler = [&svc](http::Request& r) { return Workbook(r, svc); },
                .summary = "The season's statistics as one .xlsx (counts and rates only)"});
}

}  // namespace kehou::enrollment
