#pragma once
// Small text measures every module needs for its limits: lengths counted in characters (a 汉字 is one, not three
// bytes) and the blanks a Chinese input method types (the full-width space U+3000) trimmed with the ASCII ones.

#include <cstddef>
#include <string_view>

namespace kehou {

/// The number of UTF-8 code points in `s` (continuation bytes not counted); what "at most 200 字" means.
std::size_t Utf8Chars(std::string_view s);

/// `s` without ASCII whitespace and full-width spaces (U+3000) at either end; a view into `s`.
std::string_view TrimBlanks(std::string_view s);

}  // namespace kehou
