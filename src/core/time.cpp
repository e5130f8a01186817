#include "core/time.hpp"

#include <fmt/format.h>

#include <charconv>

namespace kehou {
namespace {

struct LocalParts {
    std::chrono::year_month_day date;
    std::chrono::hh_mm_ss<std::chrono::seconds> time;
};

LocalParts ToShanghai(TimePoint t) {
    using namespace std::chrono;
    const auto local = floor<seconds>(t) + kShanghaiOffset;
    const auto day = floor<days>(local);
    return {year_month_day{day}, hh_mm_ss<seconds>{local - day}};
}

std::string FormatDate(const std::chrono::year_month_day& d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

bool ParseInt(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

}  // namespace

std::string FormatShanghai(TimePoint t) {
    const auto p = ToShanghai(t);
    return fmt::format("{}T{:02}:{:02}:{:02}+08:00", FormatDate(p.date), p.time.hours().count(),
                       p.time.minutes().count(), p.time.seconds().count());
}

std::string ShanghaiDate(TimePoint t) { return FormatDate(ToShanghai(t).date); }

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!ParseInt(s.substr(0, 4), y) || !ParseInt(s.substr(5, 2), m) || !ParseInt(s.substr(8, 2), d))
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

}  // namespace kehou
