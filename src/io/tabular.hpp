#pragma once
// 表格上传 A table as officials upload it: an Excel workbook (.xlsx, its first sheet) or CSV in UTF-8 (with or
// without a BOM) or GBK/GB18030. Either way the importer gets rows of text with the line each row came
// from, so its error messages point where the official will look.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx_reader.hpp"

namespace kehou::io {

/// An upload read into rows. Blank records are dropped; `lines[i]` is where rows[i] is in the file: the
/// physical line of a CSV (a quoted field may span lines) or the row number of the sheet, header = 1.
struct Table {
    std::string encoding;  // "utf-8", "gbk" or "xlsx"
    Rows rows;
    std::vector<int> lines;
    std::optional<ReadError> error;  // set when the bytes could not be read at all
};

/// Converts bytes to UTF-8: UTF-8 (a BOM is dropped) when valid, else GB18030 (a superset of GBK, what
/// Excel in China writes). nullopt when neither decodes; `encoding` says which was tried last.
std::optional<std::string> DecodeText(std::string_view bytes, std::string& encoding);

/// Reads CSV bytes (RFC 4180 quoting, any line ending) in UTF-8 or GBK.
Table ReadCsv(std::string_view bytes);

/// Reads an upload: .xlsx when the bytes are a zip, else CSV; an old binary .xls is refused by name.
Table ReadTable(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace kehou::io
