#pragma once
// The pure parts of reading .xlsx cells: references, number text, date serials and number formats.
// Separate from the zip and XML plumbing so each rule is tested on its own.

#include <optional>
#include <string>
#include <string_view>

namespace kehou::io::xlsx {

/// A cell position from a reference such as "C5": 0-based column and 1-based row.
struct CellRef {
    int column = 0;
    int row = 0;
};

/// Parses "A1" … "XFD1048576"; nullopt for anything else.
std::optional<CellRef> ParseCellRef(std::string_view ref);

/// What a cell's number format makes of a number: shown as it is, or as a date, a time or both.
enum class NumberKind { kPlain, kDate, kTime, kDateTime };

/// The kind of a built-in format id (ECMA-376 18.8.30, with the zh-CN ids 27–36 and 50–58).
NumberKind BuiltinFormatKind(int num_fmt_id);

/// The kind of a custom format code such as `yyyy"年"m"月"d"日"` or `[h]:mm` (first section only).
NumberKind FormatCodeKind(std::string_view code);

/// A stored number as the official typed it: integers in full digits (no ".0", no exponent, even past
/// 2^53 because the digits come from the text, not a double), other values with Excel's 15 digits.
std::string NumberText(std::string_view stored);

/// A date serial as ISO text: `YYYY-MM-DD`, `HH:MM[:SS]` or `YYYY-MM-DD HH:MM[:SS]` by kind; nullopt
/// when the serial is not a date Excel would show (negative, past 9999, or not a number).
std::optional<std::string> SerialText(std::string_view stored, NumberKind kind, bool date1904);

/// Undoes the OOXML `_xHHHH_` escapes Excel writes for control characters (e.g. `_x000D_`).
std::string Unescape(std::string_view text);

}  // namespace kehou::io::xlsx
