#include "core/text.hpp"

#include <algorithm>

namespace kehou {
namespace {

constexpr std::string_view kWideSpace = "\u3000";

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

std::size_t Utf8Chars(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string_view TrimBlanks(std::string_view s) {
    for (;;) {
        if (!s.empty() && IsAsciiSpace(s.front()))
            s.remove_prefix(1);
        else if (s.starts_with(kWideSpace))
            s.remove_prefix(kWideSpace.size());
        else if (!s.empty() && IsAsciiSpace(s.back()))
            s.remove_suffix(1);
        else if (s.ends_with(kWideSpace))
            s.remove_suffix(kWideSpace.size());
        else
            return s;
    }
}

}  // namespace kehou
