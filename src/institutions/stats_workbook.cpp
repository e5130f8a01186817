// The statistics as one .xlsx workbook, one sheet per report (issue 6 point 7): the file a county forwards to
// the city and the city to the province. Each sheet has a title line saying whose figures and as of when,
// a bold header row, numbers as numbers, rates as percentages (0.8707 shown as 87.07%) and money in yuan.
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <variant>

#include "institutions/stats_service.hpp"

namespace kehou::institutions {
namespace {

/// A temporary file removed when it goes out of scope (libxlsxwriter 1.1.4 writes only to files).
class TempFile {
public:
    TempFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kehou-stats-XXXXXX").string();
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

struct Count {
    std::int64_t n;
};
struct Rate {
    std::optional<std::int64_t> basis_points;  // blank when there is no rate
};
struct Yuan {
    std::int64_t fen;
};
using Cell = std::variant<std::string, Count, Rate, Yuan>;
using Rows = std::vector<std::vector<Cell>>;

/// The formats of one workbook.
struct Formats {
    lxw_format* title;
    lxw_format* header;
    lxw_format* percent;
    lxw_format* yuan;
};

Formats MakeFormats(lxw_workbook* book) {
    Formats f{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
              workbook_add_format(book)};
    format_set_bold(f.title);
    format_set_font_size(f.title, 13);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDEBF7);
    format_set_num_format(f.percent, "0.00%");
    format_set_num_format(f.yuan, "#,##0.00");
    return f;
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell, const Formats& f) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
    } else if (const auto* count = std::get_if<Count>(&cell)) {
        worksheet_write_number(sheet, row, col, static_cast<double>(count->n), nullptr);
    } else if (const auto* rate = std::get_if<Rate>(&cell)) {
        if (rate->basis_points)
            worksheet_write_number(sheet, row, col, static_cast<double>(*rate->basis_points) / 10000.0, f.percent);
    } else {
        worksheet_write_number(sheet, row, col, static_cast<double>(std::get<Yuan>(cell).fen) / 100.0, f.yuan);
    }
}

/// One sheet: the title on row 1, the headers on row 2 (frozen, filterable), the rows below.
void AddSheet(lxw_workbook* book, const Formats& f, const char* name, const std::string& title,
              const std::vector<std::string>& headers, const Rows& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name);
    const auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
    worksheet_write_string(sheet, 0, 0, title.c_str(), f.title);
    for (lxw_col_t c = 0; c <= last_col; ++c) {
        worksheet_write_string(sheet, 1, c, headers[c].c_str(), f.header);
        worksheet_set_column(sheet, c, c, c < 2 ? 20 : 14, nullptr);
    }
    worksheet_freeze_panes(sheet, 2, 0);
    lxw_row_t r = 2;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) WriteCell(sheet, r, static_cast<lxw_col_t>(c), row[c], f);
        ++r;
    }
    worksheet_autofilter(sheet, 1, 0, r - 1, last_col);
}

std::string CategoryName(const std::optional<InstitutionCategory>& c) {
    return c ? std::string(LabelZh(*c)) : "全部";
}

Rows RegistryRows(const std::vector<RegistryStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows) {
        std::vector<Cell> line{r.unit_name, CategoryName(r.category)};
        for (const auto n : r.by_status) line.emplace_back(Count{n});
        line.emplace_back(Count{r.total});
        out.push_back(std::move(line));
    }
    return out;
}

Rows ReductionRows(const std::vector<ReductionRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, CategoryName(r.category),
                       r.delivery ? std::string(LabelZh(*r.delivery)) : std::string("全部"), Count{r.baseline},
                       Count{r.current}, Count{r.baseline - r.current}, Rate{r.rate_basis_points}});
    return out;
}

Rows ComplaintRows(const std::vector<ComplaintStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, Count{r.received}, Count{r.closed}, Count{r.closed_on_time}, Count{r.open},
                       Count{r.open_overdue}, Rate{r.on_time_rate_bp}});
    return out;
}

Rows CaseRows(const std::vector<CaseStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows) {
        std::vector<Cell> line{r.unit_name, r.state ? std::string(LabelZh(*r.state)) : std::string("全部"),
                               Count{r.cases}};
        for (const auto n : r.by_age) line.emplace_back(Count{n});
        line.emplace_back(Count{r.past_deadline});
        out.push_back(std::move(line));
    }
    return out;
}

Rows EscrowRows(const std::vector<EscrowStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, Count{r.orders}, Count{r.families}, Yuan{r.deposited_fen}, Yuan{r.released_fen},
                       Yuan{r.refunded_fen}, Yuan{r.held_fen}});
    return out;
}

std::string PeriodText(const StatsPeriod& p) {
    if (!p.from && !p.to) return "全部受理日期";
    return "受理日期 " + p.from.value_or("…") + " 至 " + p.to.value_or("…");
}

}  // namespace

std::string StatsWorkbook(const StatsSnapshot& s) {
    TempFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) throw std::runtime_error("libxlsxwriter could not create the workbook");
    const Formats f = MakeFormats(book);
    const std::string who = s.scope_name + " ", when = "（截至 " + s.as_of + "）";
    std::vector<std::string> registry_headers{"区县", "类别"};
    for (const auto st : AllValues<InstitutionStatus>()) registry_headers.emplace_back(LabelZh(st));
    registry_headers.emplace_back("合计");
    AddSheet(book, f, "机构分类统计", who + "校外培训机构分类统计" + when, registry_headers, RegistryRows(s.registry));
    AddSheet(book, f, "压减率", who + "校外培训机构压减率" + when,
             {"区县", "类别", "形式", "压减基数", "现有机构", "压减数", "压减率"}, ReductionRows(s.reduction));
    AddSheet(book, f, "投诉按期办结",
             who + "投诉举报按期办结情况（" + PeriodText(s.period) + "，截至 " + s.as_of + "）",
             {"区县", "受理", "办结", "按期办结", "未办结", "逾期未办结", "按期办结率"}, ComplaintRows(s.complaints));
    std::vector<std::string> case_headers{"区县", "状态", "案件数"};
    for (const auto* label : kAgeBucketLabels) case_headers.emplace_back(label);
    case_headers.emplace_back("超过整改期限");
    AddSheet(book, f, "案件状态与时长", who + "检查案件状态与立案时长" + when, case_headers, CaseRows(s.cases));
    AddSheet(book, f, "预收费资金监管", who + "预收费资金监管" + when,
             {"区县", "订单数", "涉及家庭", "存入(元)", "已划拨(元)", "已退费(元)", "监管余额(元)"},
             EscrowRows(s.escrow));
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter could not write the workbook");
    std::ifstream in(file.path(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace kehou::institutions
