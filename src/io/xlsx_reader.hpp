#pragma once
// Reading the first worksheet of an Excel (.xlsx) upload as rows of text, the way the official sees the
// cells: shared and inline strings, numbers without a spurious ".0" or exponent, dates as YYYY-MM-DD. The
// file comes from a browser, so every size is bounded (a small zip can inflate to gigabytes) and anything
// that is not a well-formed workbook is refused with a message, never a crash.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::io {

/// Rows of cell text; rows[0] is sheet row 1 (or the file's first record), cells[0] is column A.
using Rows = std::vector<std::vector<std::string>>;

/// Why an upload could not be read: Chinese for the official, English for the log and API clients.
struct ReadError {
    std::string message_zh, message_en;
};

/// Bounds on what one upload may expand to, so a crafted file cannot exhaust memory.
struct XlsxLimits {
    std::size_t max_part_bytes = 20u << 20;  // one XML part, uncompressed
    int max_rows = 100000;                   // sheet rows that hold a value
    int max_columns = 256;                   // column of the right-most value (IV)
    std::size_t max_cells = 2000000;         // cells kept in memory, empty ones in between included
    std::size_t max_text_bytes = 64u << 20;  // cell text kept in memory: one shared string can fill many cells
};

/// True when the bytes start like a zip archive, as every .xlsx does (`PK\3\4`).
bool LooksLikeXlsx(std::string_view bytes);

/// The first worksheet in workbook order (the first visible one when the first is hidden). A row ends at
/// its last non-empty cell; empty cells before it and missing rows keep their place as "" and {}.
/// nullopt with `error` set when the bytes are not a readable workbook or exceed `limits`.
std::optional<Rows> ReadXlsxFirstSheet(std::string_view bytes, ReadError& error, const XlsxLimits& limits = {});

}  // namespace kehou::io
