#include "io/xlsx_writer.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace kehou::io {

XlsxWorkbook::XlsxWorkbook() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kehou-xlsx-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
    ::close(fd);
    path_ = pattern;
    book_ = workbook_new(path_.c_str());
    if (!book_) {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
        throw std::runtime_error("libxlsxwriter could not create the workbook");
    }
}

XlsxWorkbook::~XlsxWorkbook() {
    if (book_) lxw_workbook_free(book_);  // not finished: an exception left the export
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

std::string XlsxWorkbook::Finish() {
    // workbook_close frees the workbook whether or not it could write the file.
    if (workbook_close(std::exchange(book_, nullptr)) != LXW_NO_ERROR)
        throw std::runtime_error("libxlsxwriter could not write the workbook");
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

XlsxReport::XlsxReport(double column_width)
    : column_width_(column_width),
      title_(workbook_add_format(file_.book())),
      header_(workbook_add_format(file_.book())),
      percent_(workbook_add_format(file_.book())),
      yuan_(workbook_add_format(file_.book())),
      tenths_(workbook_add_format(file_.book())) {
    format_set_bold(title_);
    format_set_font_size(title_, 13);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_num_format(percent_, "0.00%");
    format_set_num_format(yuan_, "#,##0.00");
    format_set_num_format(tenths_, "0.0");
}

void XlsxReport::WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell) const {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
    } else if (const auto* number = std::get_if<XlsxNumber>(&cell)) {
        if (number->n) worksheet_write_number(sheet, row, col, static_cast<double>(*number->n), nullptr);
    } else if (const auto* rate = std::get_if<XlsxRate>(&cell)) {
        if (rate->basis_points)
            worksheet_write_number(sheet, row, col, static_cast<double>(*rate->basis_points) / 10000.0, percent_);
    } else if (const auto* tenths = std::get_if<XlsxTenths>(&cell)) {
        if (tenths->tenths) worksheet_write_number(sheet, row, col, static_cast<double>(*tenths->tenths) / 10.0, tenths_);
    } else {
        worksheet_write_number(sheet, row, col, static_cast<double>(std::get<XlsxYuan>(cell).fen) / 100.0, yuan_);
    }
}

void XlsxReport::AddSheet(const char* name, const std::string& title, const std::vector<std::string>& headers,
                          const XlsxRows& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(file_.book(), name);
    const auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
    worksheet_write_string(sheet, 0, 0, title.c_str(), title_);
    for (lxw_col_t c = 0; c <= last_col; ++c) {
        worksheet_write_string(sheet, 1, c, headers[c].c_str(), header_);
        worksheet_set_column(sheet, c, c, c < 2 ? 20 : column_width_, nullptr);
    }
    worksheet_freeze_panes(sheet, 2, 0);
    lxw_row_t r = 2;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) WriteCell(sheet, r, static_cast<lxw_col_t>(c), row[c]);
        ++r;
    }
    worksheet_autofilter(sheet, 1, 0, r - 1, last_col);
}

}  // namespace kehou::io
