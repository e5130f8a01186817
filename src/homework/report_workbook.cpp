// The homework-load reports as one .xlsx workbook (issue 7 point 5): what a county forwards to the city. Officials
// work in Excel, so each table is a sheet with a title line (whose figures, which period, as of when), a bold
// frozen header row, numbers as numbers and rates as percentages (0.8707 shown as 87.07%); the charts stay on
// the page.
#include <optional>
#include <string>
#include <vector>

#include "homework/report_service.hpp"
#include "io/xlsx_writer.hpp"

namespace kehou::homework {
namespace {

using Number = io::XlsxNumber;  // blank when absent (no average without days)
using Rate = io::XlsxRate;
using Cell = io::XlsxCell;
using Rows = io::XlsxRows;

template <typename T>
Number Opt(const std::optional<T>& v) {
    return v ? Number{static_cast<std::int64_t>(*v)} : Number{};
}

const std::vector<std::string> kFigureHeaders{"作业天数(班·日)", "超量天数",   "达标率",    "平均预计书面(分钟)",
                                              "平均反馈(分钟)",  "家长反馈数", "按时就寝率"};

std::vector<Cell> FigureCells(const ReportRow& r) {
    const auto& f = r.figures;
    return {Number{f.class_days}, Number{f.days_over}, Rate{ComplianceBasisPoints(f)}, Opt(AvgEstimated(f)),
            Opt(AvgReported(f)),  Number{f.reports},   Rate{BedtimeBasisPoints(f)}};
}

Rows SummaryRows(const Summary& s) {
    Rows out;
    const auto add = [&out](const ReportRow& r) {
        std::vector<Cell> line{r.name, Opt(r.limit)};
        for (auto& c : FigureCells(r)) line.push_back(std::move(c));
        out.push_back(std::move(line));
    };
    for (const auto& r : s.rows) add(r);
    add(s.total);
    return out;
}

Rows AlertRows(const AlertsReport& a) {
    Rows out;
    for (const auto& x : a.items) {
        std::string days;
        for (const auto& d : x.days_over) days += (days.empty() ? "" : "、") + d;
        out.push_back({x.info.school_name, x.info.class_name, x.week_start,
                       Number{static_cast<std::int64_t>(x.days_over.size())}, days, Number{x.worst_minutes}});
    }
    return out;
}

Rows WeekRows(const ClassesReport& c) {
    Rows out;
    for (const auto& k : c.items)
        for (const auto& w : k.weeks)
            out.push_back({k.info.class_name, w.week_start, Number{w.school_days}, Opt(w.avg_estimated),
                           Opt(w.avg_reported), Number{w.rest_days}, Number{w.rest_day_minutes}, Number{w.days_over},
                           Number{k.row.limit}});
    return out;
}

std::string LevelName(ReportLevel l) {
    switch (l) {
        case ReportLevel::kCounty:
            return "区县";
        case ReportLevel::kSchool:
            return "学校";
        case ReportLevel::kGrade:
            return "年级";
        case ReportLevel::kClass:
            return "班级";
        default:
            return "单位";
    }
}

}  // namespace

std::string ReportWorkbook(const ReportBook& b) {
    io::XlsxReport book(13);
    const auto& h = b.summary.header;
    const std::string when = "（" + h.from + " 至 " + h.to + "，截至 " + h.as_of + "）";
    std::vector<std::string> headers{LevelName(b.summary.row_level), "书面作业限额(分钟)"};
    headers.insert(headers.end(), kFigureHeaders.begin(), kFigureHeaders.end());
    book.AddSheet("作业负担汇总", h.name + " 作业负担汇总" + when, headers, SummaryRows(b.summary));
    book.AddSheet("超量预警", h.name + " 超量预警（一周内 3 天及以上超过限额）" + when,
                  {"学校", "班级", "周一日期", "超量天数", "超量日期", "最高分钟"}, AlertRows(b.alerts));
    if (b.classes)
        book.AddSheet("班级周平均", h.name + " 各班书面作业周平均" + when,
                      {"班级", "周一日期", "上学日天数", "日均预计书面(分钟)", "日均反馈(分钟)", "休息日天数",
                       "休息日书面合计(分钟)", "超量天数", "上学日限额(分钟)"},
                      WeekRows(*b.classes));
    return book.Finish();
}

}  // namespace kehou::homework
