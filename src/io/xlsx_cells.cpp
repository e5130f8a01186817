#include "io/xlsx_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

namespace kehou::io::xlsx {
namespace {

constexpr int kMaxColumn = 16384;        // XFD, Excel's last column
constexpr int kMaxRow = 1048576;         // Excel's last row
constexpr double kLastSerial = 2958466;  // 10000-01-01: Excel shows no later date
constexpr long kMaxIntegerDigits = 30;   // beyond this an "integer" is a float's exponent, not typed digits

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

char Lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view TrimSpaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<double> ToDouble(std::string_view s) {
    const std::string text(TrimSpaces(s));
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

void AppendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// A decimal number split into its digits and the position of the point within them.
struct Decimal {
    bool negative = false;
    std::string digits;
    long point = 0;
};

std::optional<Decimal> SplitDecimal(std::string_view s) {
    Decimal d;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
    for (; i < s.size() && IsDigit(s[i]); ++i) d.digits += s[i];
    d.point = static_cast<long>(d.digits.size());
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && IsDigit(s[i]); ++i) d.digits += s[i];
    if (d.digits.empty()) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        const bool minus = i < s.size() && s[i] == '-';
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        long exp = 0;
        const std::size_t first = i;
        for (; i < s.size() && IsDigit(s[i]) && i - first < 6; ++i) exp = exp * 10 + (s[i] - '0');
        if (i == first) return std::nullopt;
        d.point += minus ? -exp : exp;
    }
    if (i != s.size()) return std::nullopt;
    return d;
}

}  // namespace

std::optional<CellRef> ParseCellRef(std::string_view ref) {
    CellRef out;
    std::size_t i = 0;
    for (; i < ref.size() && i < 4 && Lower(ref[i]) >= 'a' && Lower(ref[i]) <= 'z'; ++i)
        out.column = out.column * 26 + (Lower(ref[i]) - 'a' + 1);
    if (i == 0 || i > 3 || out.column > kMaxColumn || i == ref.size() || ref[i] == '0') return std::nullopt;
    const std::size_t digits_from = i;
    for (; i < ref.size() && IsDigit(ref[i]) && i - digits_from < 8; ++i) out.row = out.row * 10 + (ref[i] - '0');
    if (i != ref.size() || out.row > kMaxRow) return std::nullopt;
    out.column -= 1;
    return out;
}

NumberKind BuiltinFormatKind(int id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
        return NumberKind::kDate;
    if (id == 22) return NumberKind::kDateTime;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return NumberKind::kTime;
    return NumberKind::kPlain;
}

NumberKind FormatCodeKind(std::string_view code) {
    bool date = false, time = false, m = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = Lower(code[i]);
        if (c == ';') break;  // later sections format negatives, zero and text
        if (c == '"') {       // literal text such as "年"
            const auto close = code.find('"', i + 1);
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == '\\' || c == '_' || c == '*') {  // escaped, padding and fill characters
            ++i;
        } else if (c == '[') {  // [Red], [$-804], [>=100] say nothing of dates; [h], [mm], [ss] are elapsed time
            const auto close = code.find(']', i + 1);
            const auto inner = code.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
            if (!inner.empty() && std::all_of(inner.begin(), inner.end(), [](char x) {
                    return Lower(x) == 'h' || Lower(x) == 'm' || Lower(x) == 's';
                }))
                time = true;
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == 'y' || c == 'd') {
            date = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        } else if (c == 'm') {
            m = true;
        }
    }
    if (m && !time) date = true;  // "m" is a month unless hours or seconds make it minutes
    if (date && time) return NumberKind::kDateTime;
    if (date) return NumberKind::kDate;
    return time ? NumberKind::kTime : NumberKind::kPlain;
}

std::string NumberText(std::string_view stored) {
    const std::string_view s = TrimSpaces(stored);
    const auto d = SplitDecimal(s);
    if (!d) return std::string(s);  // not a plain number: show what the file holds
    const auto size = static_cast<long>(d->digits.size());
    const long point = std::max(d->point, 0L);
    const bool integral =
        std::all_of(d->digits.begin() + std::min(point, size), d->digits.end(), [](char c) { return c == '0'; });
    if (integral && point <= kMaxIntegerDigits) {
        std::string out = point <= size ? d->digits.substr(0, point) : d->digits + std::string(point - size, '0');
        out.erase(0, std::min(out.find_first_not_of('0'), out.size()));
        if (out.empty()) return "0";
        return d->negative ? "-" + out : out;
    }
    const auto v = ToDouble(s);
    return v ? fmt::format("{:.15g}", *v) : std::string(s);
}

std::optional<std::string> SerialText(std::string_view stored, NumberKind kind, bool date1904) {
    using namespace std::chrono;
    const auto v = ToDouble(stored);
    if (!v || *v < 0 || *v >= kLastSerial) return std::nullopt;
    auto whole = static_cast<long>(std::floor(*v));
    long secs = std::lround((*v - static_cast<double>(whole)) * 86400.0);
    if (secs >= 86400) {  // 23:59:59.9 rounds to the next midnight
        ++whole;
        secs -= 86400;
    }
    std::string out;
    if (kind != NumberKind::kTime) {
        if (!date1904 && whole == 60) {
            out = "1900-02-29";  // Lotus 1-2-3's leap day, which Excel kept for compatibility
        } else {
            // Serial 1 is 1900-01-01; past the phantom 29 February every day is one further on.
            const sys_days base = date1904     ? sys_days(1904y / January / 1)
                                  : whole < 60 ? sys_days(1899y / December / 31)
                                               : sys_days(1899y / December / 30);
            const year_month_day ymd(base + days(whole));
            out = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                              static_cast<unsigned>(ymd.day()));
        }
    }
    if (kind == NumberKind::kTime || (kind == NumberKind::kDateTime && secs != 0)) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{:02}:{:02}", secs / 3600, secs / 60 % 60);
        if (secs % 60 != 0) out += fmt::format(":{:02}", secs % 60);
    }
    return out;
}

std::string Unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned cp = 0;
            const bool hex = std::all_of(text.begin() + i + 2, text.begin() + i + 6, [&cp](char c) {
                const char l = Lower(c);
                const int v = IsDigit(l) ? l - '0' : (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
                cp = cp * 16 + static_cast<unsigned>(v);
                return v >= 0;
            });
            if (hex && (cp < 0xD800 || cp > 0xDFFF)) {  // a lone surrogate cannot be UTF-8: keep the text
                AppendUtf8(out, cp);
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace kehou::io::xlsx
