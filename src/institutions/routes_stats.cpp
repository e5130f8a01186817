// Routes of the county and city statistics (issue 6 point 7): one read per figure and one workbook of them all.
#include <fmt/format.h>

#include <cctype>

#include "core/time.hpp"
#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

constexpr const char* kPermission = "institutions:report:read";

std::string Today() {
    return ShanghaiDate(std::chrono::system_clock::now());
}

StatsPeriod Period(const http::Request& r) {
    const auto date = [&r](std::string_view name) {
        auto v = r.QueryParam(name);
        return v && !v->empty() ? v : std::nullopt;
    };
    return {date("from"), date("to")};
}

json::value Rate(const std::optional<std::int64_t>& bp) {
    return bp ? json::value(FormatPercent(*bp)) : json::value(nullptr);
}

json::value CategoryJson(const std::optional<InstitutionCategory>& c) {
    return c ? json::value(ToString(*c)) : json::value(nullptr);
}

json::object RegistryRowJson(const RegistryStatsRow& r) {
    json::object o{{"unit_code", r.unit_code},
                   {"unit_name", r.unit_name},
                   {"category", CategoryJson(r.category)},
                   {"category_label", r.category ? LabelZh(*r.category) : "全部"}};
    for (const auto s : AllValues<InstitutionStatus>()) o[ToString(s)] = r.by_status[static_cast<std::size_t>(s)];
    o["total"] = r.total;
    return o;
}

json::object ComplaintRowJson(const ComplaintStatsRow& r) {
    return {{"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"received", r.received},
            {"closed", r.closed},
            {"closed_on_time", r.closed_on_time},
            {"open", r.open},
            {"open_overdue", r.open_overdue},
            {"on_time_rate_basis_points", http::OptJson(r.on_time_rate_bp)},
            {"on_time_rate", Rate(r.on_time_rate_bp)}};
}

json::object CaseRowJson(const CaseStatsRow& r) {
    return {{"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"state", r.state ? json::value(ToString(*r.state)) : json::value(nullptr)},
            {"state_label", r.state ? LabelZh(*r.state) : "全部"},
            {"cases", r.cases},
            {"age_0_7", r.by_age[0]},
            {"age_8_30", r.by_age[1]},
            {"age_31_90", r.by_age[2]},
            {"age_over_90", r.by_age[3]},
            {"past_deadline", r.past_deadline}};
}

json::object EscrowRowJson(const EscrowStatsRow& r) {
    return {{"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"orders", r.orders},
            {"families", r.families},
            {"deposited_fen", r.deposited_fen},
            {"released_fen", r.released_fen},
            {"refunded_fen", r.refunded_fen},
            {"held_fen", r.held_fen}};
}

/// {as_of, items} (with the period for complaints): every report says when its figures stand.
template <typename T, typename F>
http::Response Report(const std::string& as_of, const std::vector<T>& rows, F to_json, json::object extra = {}) {
    json::array items;
    for (const auto& r : rows) items.push_back(to_json(r));
    extra["as_of"] = as_of;
    extra["items"] = std::move(items);
    return http::JsonResponse(extra);
}

http::Response Workbook(http::Request& r, StatsService& svc) {
    const auto period = Period(r);
    const auto today = Today();
    const auto snapshot = svc.Snapshot(r.Caller(), period, today);
    r.audit_object =
        fmt::format("scope={} from={} to={}", r.Caller().scope_path, period.from.value_or(""), period.to.value_or(""));
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = StatsWorkbook(snapshot);
    resp.SetAttachment("institution-stats-" + today + ".xlsx", "校外培训监管统计-" + today + ".xlsx");
    return resp;
}

}  // namespace

void RegisterStatsRoutes(http::Router& router, StatsService& svc) {
    router.Add(
        {.method = Method::kGet,
         .path = "/api/v1/institutions/stats/registry",
         .permission = kPermission,
         .handler = [&svc](http::Request& r) { return Report(Today(), svc.Registry(r.Caller()), RegistryRowJson); },
         .summary = "Institutions per county × category by status, with county and overall totals"});
    router.Add(
        {.method = Method::kGet,
         .path = "/api/v1/institutions/stats/reduction",
         .permission = kPermission,
         .handler = [&svc](http::Request& r) { return Report(Today(), svc.Reduction(r.Caller()), ReductionJson); },
         .summary = "压减率 per county × category (and delivery), with subtotals and the overall total (R6.3)"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/stats/complaints",
                .permission = kPermission,
                .handler =
                    [&svc](http::Request& r) {
                        const auto period = Period(r);
                        const auto today = Today();
                        return Report(today, svc.Complaints(r.Caller(), period, today), ComplaintRowJson,
                                      {{"from", http::OptJson(period.from)}, {"to", http::OptJson(period.to)}});
                    },
                .summary = "Complaints received in a period per county: closed, on time, overdue, on-time rate"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/stats/cases",
                .permission = kPermission,
                .handler =
                    [&svc](http::Request& r) {
                        const auto today = Today();
                        return Report(today, svc.Cases(r.Caller(), today), CaseRowJson);
                    },
                .summary = "Inspection cases per county and state by age since opened, and those past their deadline"});
    router.Add(
        {.method = Method::kGet,
         .path = "/api/v1/institutions/stats/escrow",
         .permission = kPermission,
         .handler = [&svc](http::Request& r) { return Report(Today(), svc.Escrow(r.Caller()), EscrowRowJson); },
         .summary =
             "Prepaid-fee escrow per county from the ledger: orders, families, deposited, released, refunded, held"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/stats/export",
                .permission = kPermission,
                .audit_title = "导出校外培训监管统计",
                .handler = [&svc](http::Request& r) { return Workbook(r, svc); },
                .summary = "Every statistics report as one .xlsx workbook, one sheet each"});
}

}  // namespace kehou::institutions
