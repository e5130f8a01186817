#include "org/export.hpp"

#include <xlsxwriter.h>

#include <cstdio>

#include "io/xlsx_writer.hpp"

namespace kehou::org {
namespace {

const char* YesNo(bool b) { return b ? "是" : "否"; }

const char* SexZh(const std::string& s) { return s == "male" ? "男" : s == "female" ? "女" : ""; }

}  // namespace

std::string Workbook(const std::string& sheet_name, const std::vector<std::string>& headers,
                     const std::vector<std::vector<Cell>>& rows) {
    io::XlsxWorkbook file;
    lxw_workbook* book = file.book();
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    for (std::size_t c = 0; c < headers.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_write_string(sheet, 0, col, headers[c].c_str(), bold);
        worksheet_set_column(sheet, col, col, 16, nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t r = 1;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            if (const auto* text = std::get_if<std::string>(&row[c]))
                worksheet_write_string(sheet, r, col, text->c_str(), nullptr);
            else
                worksheet_write_number(sheet, r, col, std::get<double>(row[c]), nullptr);
        }
        ++r;
    }
    worksheet_autofilter(sheet, 0, 0, r - 1, static_cast<lxw_col_t>(headers.size() - 1));
    return file.Finish();
}

std::string StudentsWorkbook(const std::vector<Student>& students) {
    std::vector<std::vector<Cell>> rows;
    rows.reserve(students.size());
    for (const auto& s : students)
        rows.push_back({s.school_name, s.class_name, std::to_string(s.grade), s.name, SexZh(s.sex), s.birth_date,
                        s.id_number_masked, s.student_number_masked, YesNo(s.flags.disability), YesNo(s.flags.migrant),
                        YesNo(s.flags.hardship), YesNo(s.flags.left_behind), YesNo(s.flags.military_family),
                        YesNo(s.flags.dual_income), s.status == "enrolled" ? "在读" : s.status});
    return Workbook("学生名单",
                    {"学校", "班级", "年级", "姓名", "性别", "出生日期", "身份证号", "学籍号", "残疾", "随迁子女",
                     "家庭经济困难", "留守儿童", "军人子女", "双职工", "状态"},
                    rows);
}

std::string TeachersWorkbook(const std::vector<Teacher>& teachers) {
    std::vector<std::vector<Cell>> rows;
    rows.reserve(teachers.size());
    for (const auto& t : teachers) {
        std::string subjects;
        for (const auto& s : t.subjects) subjects += (subjects.empty() ? "" : "、") + s;
        rows.push_back({t.school_name, t.name, SexZh(t.sex), t.mobile_masked, subjects, YesNo(t.retired)});
    }
    return Workbook("教师名单", {"学校", "姓名", "性别", "手机", "任教学科", "退休返聘"}, rows);
}

}  // namespace kehou::org
