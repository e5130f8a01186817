#include "providers/semester.hpp"

#include <fmt/format.h>

#include <charconv>

namespace kehou::providers {

std::string SemesterOf(Date d) {
    const int year = static_cast<int>(d.year());
    const unsigned month = static_cast<unsigned>(d.month());
    if (month == 1) return fmt::format("{}-autumn", year - 1);
    return fmt::format("{}-{}", year, month <= 7 ? "spring" : "autumn");
}

int SemesterKey(std::string_view s) {
    if (s.size() < 6 || s[4] != '-') return -1;
    int year = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + 4, year);
    if (ec != std::errc{} || end != s.data() + 4) return -1;
    const auto part = s.substr(5);
    if (part == "spring") return year * 2;
    if (part == "autumn") return year * 2 + 1;
    return -1;
}

std::optional<std::string> PreviousSemester(std::string_view s) {
    const int key = SemesterKey(s);
    if (key < 0) return std::nullopt;
    const int prev = key - 1;
    return fmt::format("{}-{}", prev / 2, prev % 2 == 0 ? "spring" : "autumn");
}

std::string SemesterLabelZh(std::string_view s) {
    const int key = SemesterKey(s);
    if (key < 0) return std::string(s);
    return fmt::format("{}年{}季学期", key / 2, key % 2 == 0 ? "春" : "秋");
}

}  // namespace kehou::providers
