// The enrollment statistics as one .xlsx workbook (issue 8 point 7): what a county forwards to the city. Each table
// is a sheet with a title line (which season, as of when), a bold frozen header row, counts as numbers and rates as
// percentages; the charts stay on the page. Aggregates only: no child's name or number is in it.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "enrollment/report_service.hpp"
#include "io/xlsx_writer.hpp"

namespace kehou::enrollment {
namespace {

using Number = io::XlsxNumber;
using Rate = io::XlsxRate;
using Cell = io::XlsxCell;
using Rows = io::XlsxRows;

// The names officials use for each key; the page's are in web/src/locales/zh-CN/enrollmentReports.ts.
const std::map<std::string, std::string> kNames{
    {"awaiting_upload", "待上传材料"}, {"in_review", "审核中"},         {"qualified", "审核通过"},
    {"rejected", "审核未通过"},        {"withdrawn", "已撤回"},         {"private_lottery", "民办摇号录取"},
    {"catchment", "划片录取"},         {"county_placed", "区县统筹安排"}, {"county_manual", "区县人工安置"},
    {"unplaced", "待区县安置"},        {"open", "待处理"},             {"upheld", "申诉成立"},
    {"dismissed", "申诉驳回"}};

std::string NameOf(const std::string& key) {
    const auto it = kNames.find(key);
    return it == kNames.end() ? key : it->second;
}

Rate RateCell(const std::optional<double>& rate) {
    return rate ? Rate{std::llround(*rate * 10000.0)} : Rate{};
}

// Hours with one decimal as the page shows them (the figure is already rounded to tenths), as a number cell.
io::XlsxTenths Hours(const std::optional<double>& h) {
    return {h ? std::optional<std::int64_t>(std::llround(*h * 10.0)) : std::nullopt};
}

Rows OverviewRows(const SeasonStats& s) {
    return {{std::string("申请数（不含已撤回）"), Number{s.applications}},
            {std::string("一键办理数（无需上传材料）"), Number{s.one_click}},
            {std::string("一键办理率"), RateCell(s.one_click_rate)},
            {std::string("已作出审核决定数"), Number{s.decided}},
            {std::string("提交至决定用时中位数（小时）"), Hours(s.median_hours_to_decision)},
            {std::string("其中人工审核决定数"), Number{s.decided_reviewed}},
            {std::string("人工审核用时中位数（小时）"), Hours(s.median_hours_reviewed)},
            {std::string("计划学位"), Number{s.seats}},
            {std::string("已录取"), Number{s.placed}},
            {std::string("学位填充率"), RateCell(s.fill_rate)}};
}

Rows CountRows(const std::vector<StatCount>& counts) {
    Rows out;
    for (const auto& c : counts) out.push_back({NameOf(c.key), Number{c.count}});
    return out;
}

Rows SchoolRows(const SeasonStats& s) {
    Rows out;
    for (const auto& x : s.schools)
        out.push_back({x.fill.school_name, std::string(x.fill.is_private ? "民办" : "公办"), Number{x.fill.seats},
                       Number{x.fill.placed}, RateCell(x.fill_rate)});
    out.push_back({std::string("合计"), std::string(), Number{s.seats}, Number{s.placed}, RateCell(s.fill_rate)});
    return out;
}

Rows CategoryRows(const std::vector<CategoryStat>& categories) {
    Rows out;
    for (const auto& c : categories) out.push_back({c.category_name.value_or("无类别"), Number{c.count}});
    return out;
}

Rows DayRows(const std::vector<DayStat>& days) {
    Rows out;
    for (const auto& d : days) out.push_back({d.date, Number{d.applications}});
    return out;
}

}  // namespace

std::string StatsWorkbook(const SeasonStats& s) {
    io::XlsxReport book(14);
    const std::string head = s.season.title + " ";
    const std::string when = "（截至 " + s.as_of + "）";
    book.AddSheet("概况", head + "招生统计概况" + when, {"指标", "数值"}, OverviewRows(s));
    book.AddSheet("申请状态", head + "申请按状态" + when, {"状态", "申请数"}, CountRows(s.by_status));
    book.AddSheet("学校录取", head + "各校学位与录取" + when, {"学校", "办学性质", "计划学位", "已录取", "填充率"},
                  SchoolRows(s));
    book.AddSheet("录取类别", head + "录取按入学类别" + when, {"入学类别", "录取人数"}, CategoryRows(s.by_category));
    book.AddSheet("录取方式", head + "录取按方式（含待区县安置）" + when, {"录取方式", "人数"},
                  CountRows(s.by_placed_by));
    book.AddSheet("每日申请", head + "每日申请数（按提交日期）" + when, {"日期", "申请数"}, DayRows(s.by_day));
    book.AddSheet("申诉", head + "申诉按状态" + when, {"状态", "申诉数"}, CountRows(s.appeals));
    return book.Finish();
}

}  // namespace kehou::enrollment
