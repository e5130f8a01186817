// The registry import template (.xlsx): what a county fills in and uploads. Every column is formatted as text
// so Excel keeps credit codes and dates as typed; the enumerated columns offer their values as a drop-down.
#include <xlsxwriter.h>

#include <map>

#include "institutions/import_service.hpp"
#include "io/xlsx_writer.hpp"

namespace kehou::institutions {
namespace {

constexpr lxw_row_t kValidatedRows = 2000;

// The drop-down values of the enumerated columns (the parser accepts more spellings, and the codes).
const std::map<std::string, std::vector<const char*>>& Choices() {
    static const std::map<std::string, std::vector<const char*>> choices = {
        {"category", {"学科类", "体育", "文化艺术", "科技", nullptr}},
        {"delivery", {"线上", "线下", nullptr}},
        {"status", {"正常经营", "整改中", "停业整顿", "已关停", "已注销", nullptr}},
        {"in_baseline", {"是", "否", nullptr}},
    };
    return choices;
}

void AddDropDown(lxw_worksheet* sheet, lxw_col_t col, const std::vector<const char*>& values) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = const_cast<char**>(values.data());  // libxlsxwriter copies the strings, never writes them
    v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;  // other spellings are accepted on import
    worksheet_data_validation_range(sheet, 1, col, kValidatedRows, col, &v);
}

void WriteNotes(lxw_workbook* book, lxw_format* bold) {
    lxw_worksheet* notes = workbook_add_worksheet(book, "填写说明");
    const char* header[] = {"列名", "是否必填", "填写要求"};
    for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(notes, 0, c, header[c], bold);
    worksheet_set_column(notes, 0, 0, 20, nullptr);
    worksheet_set_column(notes, 1, 1, 10, nullptr);
    worksheet_set_column(notes, 2, 2, 70, nullptr);
    lxw_row_t r = 1;
    for (const auto& col : RegistryImportColumns()) {
        worksheet_write_string(notes, r, 0, col.header_zh.c_str(), nullptr);
        worksheet_write_string(notes, r, 1, col.required ? "必填" : "选填", nullptr);
        worksheet_write_string(notes, r, 2, col.note_zh.c_str(), nullptr);
        ++r;
    }
    const char* lines[] = {
        "只读取第一个工作表；第一行为表头，可用中文或英文列名（name、credit_code 等），列的顺序不限。",
        "示例行（机构名称以“【示例】”开头）不会被导入，请删除后填写实际数据。",
        "教学人员不在此导入，请在机构详情页登记。",
        "同一统一社会信用代码只能登记一次；文件中重复或已登记的代码会在预览中按行列出。",
    };
    ++r;
    for (const char* line : lines) worksheet_write_string(notes, r++, 0, line, nullptr);
}

}  // namespace

std::string RegistryImportTemplate() {
    io::XlsxWorkbook file;
    lxw_workbook* book = file.book();
    lxw_worksheet* sheet = workbook_add_worksheet(book, "培训机构");
    lxw_format* text = workbook_add_format(book);
    format_set_num_format(text, "@");
    lxw_format* required = workbook_add_format(book);
    format_set_bold(required);
    format_set_bg_color(required, 0xFCE4D6);
    lxw_format* optional = workbook_add_format(book);
    format_set_bold(optional);
    format_set_bg_color(optional, 0xDDEBF7);
    const auto& columns = RegistryImportColumns();
    const auto example = RegistryImportExample();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto col = static_cast<lxw_col_t>(i);
        worksheet_set_column(sheet, col, col, columns[i].key == "name" || columns[i].key == "address" ? 32 : 18, text);
        worksheet_write_string(sheet, 0, col, columns[i].header_zh.c_str(), columns[i].required ? required : optional);
        if (!example[i].empty()) worksheet_write_string(sheet, 1, col, example[i].c_str(), text);
        if (const auto it = Choices().find(columns[i].key); it != Choices().end()) AddDropDown(sheet, col, it->second);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    WriteNotes(book, required);
    return file.Finish();
}

}  // namespace kehou::institutions
