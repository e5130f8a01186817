#pragma once
// 机构台账导入 Parsing a county's registry of training institutions as officials keep it in Excel: the workbook
// itself (.xlsx, first sheet) or CSV in UTF-8 or GBK (io/tabular.hpp reads all three), Chinese or English
// headers, one institution per row (issue 6 point 1). Staff are not imported: they are entered on the form.
// Pure: every row is checked with CheckInstitution, the same checks the form runs, and every bad row is
// reported with its line number and the column at fault; nothing here touches the database.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "institutions/registry_model.hpp"

namespace kehou::institutions {

/// One good row. `line` is the line of the CSV or the row of the sheet (the header is line 1).
struct RegistryImportRow {
    int line = 0;
    Institution institution;  // unit_code set, org_path left to the caller; no staff
};

/// One finding about a row: where, which column (the English key, e.g. "credit_code"), and why.
struct RegistryImportProblem {
    int line = 0;
    std::string field;
    std::string message_zh, message_en;
};

/// What a file held.
struct RegistryImportParse {
    std::string encoding;  // "utf-8", "gbk" or "xlsx"
    int data_rows = 0;     // rows that are not blank, header excluded
    std::vector<RegistryImportRow> rows;
    std::vector<RegistryImportProblem> problems;  // blocking: the row is not imported
    std::vector<RegistryImportProblem> warnings;  // R3.4 findings that do not block (inner check, prefix)
};

/// One column of the import: its key, the header the template writes, and whether it must be present.
struct RegistryImportColumn {
    std::string key;        // "credit_code"
    std::string header_zh;  // "统一社会信用代码"
    bool required = false;
    std::string note_zh;  // what the cell holds, for the template's notes
};

/// The columns in the template's order.
const std::vector<RegistryImportColumn>& RegistryImportColumns();

/// The template's example row, in RegistryImportColumns() order. Its name starts with kExampleMarker, and a
/// row whose name does is reported, not imported: an example left in the file must not become a record.
std::vector<std::string> RegistryImportExample();
inline constexpr std::string_view kExampleMarker = "【示例】";

/// A date as officials type it ("2021-03-15", "2021/3/15", "2021.3.15", "2021年3月15日", "20210315", or a
/// workbook date-time at midnight) as YYYY-MM-DD; anything else comes back unchanged for the date check.
std::string NormaliseImportDate(const std::string& raw);

/// Parses and checks a registry upload for the county `unit_code`. Rows repeating an earlier row's credit
/// code are problems naming that line; the database is the caller's to check.
RegistryImportParse ParseRegistryImport(std::string_view bytes, const std::string& unit_code,
                                        std::chrono::year_month_day today);

}  // namespace kehou::institutions
