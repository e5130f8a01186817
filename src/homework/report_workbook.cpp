// The homework-load reports as one .xlsx workbook (issue 7 point 5): what a county forwards to the city. Officials
// work in Excel, so each table is a sheet with a title line (whose figures, which period, as of when), a bold
// frozen header row, numbers as numbers and rates as percentages (0.8707 shown as 87.07%); the charts stay on
// the page.
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <variant>

#include "homework/report_service.hpp"

namespace kehou::homework {
namespace {

/// A temporary file removed when it goes out of scope (libxlsxwriter 1.1.4 writes only to files).
class TempFile {
public:
    TempFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kehou-homework-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
        ::close(fd);
        path_ = pattern;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct Number {
    std::optional<std::int64_t> n;  // blank when absent (no average without days)
};
struct Rate {
    std::optional<std::int64_t> basis_points;
};
using Cell = std::variant<std::string, Number, Rate>;
using Rows = std::vector<std::vector<Cell>>;

struct Formats {
    lxw_format* title;
    lxw_format* header;
    lxw_format* percent;
};

Formats MakeFormats(lxw_workbook* book) {
    Formats f{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book)};
    format_set_bold(f.title);
    format_set_font_size(f.title, 13);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDEBF7);
    format_set_num_format(f.percent, "0.00%");
    return f;
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell, const Formats& f) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
    } else if (const auto* n = std::get_if<Number>(&cell)) {
        if (n->n) worksheet_write_number(sheet, row, col, static_cast<double>(*n->n), nullptr);
    } else if (const auto& rate = std::get<Rate>(cell); rate.basis_points) {
        worksheet_write_number(sheet, row, col, static_cast<double>(*rate.basis_points) / 10000.0, f.percent);
    }
}

void AddSheet(lxw_workbook* book, const Formats& f, const char* name, const std::string& title,
              const std::vector<std::string>& headers, const Rows& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name);
    const auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
    worksheet_write_string(sheet, 0, 0, title.c_str(), f.title);
    for (lxw_col_t c = 0; c <= last_col; ++c) {
        worksheet_write_string(sheet, 1, c, headers[c].c_str(), f.header);
        worksheet_set_column(sheet, c, c, c < 2 ? 20 : 13, nullptr);
    }
    worksheet_freeze_panes(sheet, 2, 0);
    lxw_row_t r = 2;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) WriteCell(sheet, r, static_cast<lxw_col_t>(c), row[c], f);
        ++r;
    }
    worksheet_autofilter(sheet, 1, 0, r - 1, last_col);
}

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
    TempFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) throw std::runtime_error("libxlsxwriter could not create the workbook");
    const Formats f = MakeFormats(book);
    const auto& h = b.summary.header;
    const std::string when = "（" + h.from + " 至 " + h.to + "，截至 " + h.as_of + "）";
    std::vector<std::string> headers{LevelName(b.summary.row_level), "书面作业限额(分钟)"};
    headers.insert(headers.end(), kFigureHeaders.begin(), kFigureHeaders.end());
    AddSheet(book, f, "作业负担汇总", h.name + " 作业负担汇总" + when, headers, SummaryRows(b.summary));
    AddSheet(book, f, "超量预警", h.name + " 超量预警（一周内 3 天及以上超过限额）" + when,
             {"学校", "班级", "周一日期", "超量天数", "超量日期", "最高分钟"}, AlertRows(b.alerts));
    if (b.classes)
        AddSheet(book, f, "班级周平均", h.name + " 各班书面作业周平均" + when,
                 {"班级", "周一日期", "上学日天数", "日均预计书面(分钟)", "日均反馈(分钟)", "休息日天数",
                  "休息日书面合计(分钟)", "超量天数", "上学日限额(分钟)"},
                 WeekRows(*b.classes));
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter could not write the workbook");
    std::ifstream in(file.path(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace kehou::homework
