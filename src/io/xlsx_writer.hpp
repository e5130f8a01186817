#pragma once
// Writing .xlsx downloads in memory. libxlsxwriter 1.1.4 writes only to files, so a workbook is made on a
// temporary file that is read back and removed. On top, the report sheet the statistics exports share: a title
// line saying whose figures and as of when, a bold frozen header row with a filter, numbers as numbers, rates as
// percentages (0.8707 shown as 87.07%) and money in yuan, because officials go on working with them in Excel.

#include <xlsxwriter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kehou::io {

/// A libxlsxwriter workbook on a temporary file that is removed again; Finish() returns its bytes.
class XlsxWorkbook {
public:
    XlsxWorkbook();
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    /// The workbook to add sheets and formats to; null once finished.
    lxw_workbook* book() const { return book_; }
    /// Closes the workbook (libxlsxwriter writes the file now) and returns the file's bytes.
    std::string Finish();

private:
    std::string path_;
    lxw_workbook* book_ = nullptr;
};

/// A whole number cell; blank when absent (no average without days).
struct XlsxNumber {
    std::optional<std::int64_t> n;
};
/// A rate in basis points, shown as a percentage; blank when there is no rate.
struct XlsxRate {
    std::optional<std::int64_t> basis_points;
};
/// An amount in fen, shown in yuan (#,##0.00).
struct XlsxYuan {
    std::int64_t fen;
};
/// A figure in tenths (hours, points), shown with one decimal (0.0); blank when absent.
struct XlsxTenths {
    std::optional<std::int64_t> tenths;
};
/// One cell of a report sheet.
using XlsxCell = std::variant<std::string, XlsxNumber, XlsxRate, XlsxYuan, XlsxTenths>;
using XlsxRows = std::vector<std::vector<XlsxCell>>;

/// A workbook of report sheets, one table each.
class XlsxReport {
public:
    /// `column_width`: the width of the figure columns; the first two (names) are 20 wide.
    explicit XlsxReport(double column_width);
    /// One sheet: the title on row 1, the headers on row 2 (frozen, filterable), the rows below.
    void AddSheet(const char* name, const std::string& title, const std::vector<std::string>& headers,
                  const XlsxRows& rows);
    std::string Finish() { return file_.Finish(); }

private:
    void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell) const;

    XlsxWorkbook file_;
    double column_width_;
    lxw_format* title_;
    lxw_format* header_;
    lxw_format* percent_;
    lxw_format* yuan_;
    lxw_format* tenths_;
};

}  // namespace kehou::io
