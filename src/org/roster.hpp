#pragma once
// 花名册导入 Parsing a class roster as officials export it from Excel: the workbook itself (.xlsx, first
// sheet) or CSV in UTF-8 (with or without a BOM) or GBK/GB18030 (io/tabular.hpp reads both), Chinese or
// English headers, one student (and optionally one guardian) per row.
// Pure: every row is checked with the same rules as the form, and every bad row is reported with its
// line number; nothing here touches the database.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "org/model.hpp"

namespace kehou::org {

/// One good roster row. `line` is the line in the file or the row in the sheet (the header is line 1).
struct RosterRow {
    int line = 0;
    int grade = 0;
    int class_no = 0;
    StudentInput student;  // class_id is filled in when the row is written
    std::string birth_date;
    std::optional<GuardianInput> guardian;
};

/// One bad row: where, which column, and why.
struct RosterProblem {
    int line = 0;
    std::string field;
    std::string message_zh, message_en;
};

/// What a file held.
struct RosterParse {
    std::string encoding;  // "utf-8", "gbk" or "xlsx"
    int data_rows = 0;
    std::vector<RosterRow> rows;
    std::vector<RosterProblem> problems;
};

/// Converts bytes to UTF-8: UTF-8 (a BOM is dropped) when valid, else GB18030 (a superset of GBK, what
/// Excel in China writes). nullopt when neither decodes. Same as io::DecodeText.
std::optional<std::string> DecodeRoster(std::string_view bytes, std::string& encoding);

/// Parses and validates a roster (.xlsx or CSV, told apart by content) for a school teaching grades
/// [grade_from, grade_to].
RosterParse ParseRoster(std::string_view bytes, std::chrono::year_month_day today, int grade_from, int grade_to);

}  // namespace kehou::org
