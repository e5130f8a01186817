#include "org/export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace kehou::org {
namespace {

const char* YesNo(bool b) { return b ? "是" : "否"; }

const char* SexZh(const std::string& s) { return s == "male" ? "男" : s == "female" ? "女" : ""; }

/// A temporary file removed when it goes out of scope (libxlsxwriter 1.1.4 writes only to files).
class TempFile {
public:
    TempFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kehou-export-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
        ::close(fd);
        path_ = pattern;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

std::string StudentsWorkbook(const std::vector<Student>& students) {
    TempFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) throw std::runtime_error("libxlsxwriter could not create the workbook");
    lxw_worksheet* sheet = workbook_add_worksheet(book, "学生名单");
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    constexpr std::array<const char*, 15> kHeaders = {"学校", "班级", "年级", "姓名", "性别", "出生日期", "身份证号",
                                                      "学籍号", "残疾", "随迁子女", "家庭经济困难", "留守儿童",
                                                      "军人子女", "双职工", "状态"};
    for (std::size_t c = 0; c < kHeaders.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), kHeaders[c], header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < 2 ? 24 : 12, nullptr);
    }
    worksheet_set_column(sheet, 6, 7, 22, nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t row = 1;
    for (const auto& s : students) {
        const std::array<std::string, 15> cells = {
            s.school_name, s.class_name, std::to_string(s.grade), s.name, SexZh(s.sex), s.birth_date,
            s.id_number_masked, s.student_number_masked, YesNo(s.flags.disability), YesNo(s.flags.migrant),
            YesNo(s.flags.hardship), YesNo(s.flags.left_behind), YesNo(s.flags.military_family),
            YesNo(s.flags.dual_income), s.status == "enrolled" ? "在读" : s.status};
        for (std::size_t c = 0; c < cells.size(); ++c)
            worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
        ++row;
    }
    worksheet_autofilter(sheet, 0, 0, row - 1, static_cast<lxw_col_t>(kHeaders.size() - 1));
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter could not write the workbook");
    std::ifstream in(file.path(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace kehou::org
