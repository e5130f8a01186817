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

bool ParseInt(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

}  // namespace

std::string FormatIsoDate(const std::chrono::year_month_day& d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}


std::string FormatShanghai(TimePoint t) {
    const auto p = ToShanghai(t);
    return fmt::format("{}T{:02}:{:02}:{:02}+08:00", FormatIsoDate(p.date), p.time.hours().count(),
                       p.time.minutes().count(), p.time.seconds().count());
}

std::string ShanghaiDate(TimePoint t) { return FormatIsoDate(ToShanghai(t).date); }

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
    // 2026-11-23T20:00:00+08:00 (25 chars) or 2026-11-23T12:00:00Z (20 chars)
    if (s.size() != 25 && s.size() != 20) return std::nullopt;
    const auto date = ParseIsoDate(s.substr(0, 10));
    int h = 0, mi = 0, se = 0;
    if (!date || s[10] != 'T' || s[13] != ':' || s[16] != ':' || !ParseInt(s.substr(11, 2), h) ||
        !ParseInt(s.substr(14, 2), mi) || !ParseInt(s.substr(17, 2), se) || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    std::chrono::minutes offset{0};
    if (s.size() == 25) {
        int oh = 0, om = 0;
        if ((s[19] != '+' && s[19] != '-') || s[22] != ':' || !ParseInt(s.substr(20, 2), oh) ||
            !ParseInt(s.substr(23, 2), om))
            return std::nullopt;
        offset = std::chrono::minutes(oh * 60 + om) * (s[19] == '-' ? -1 : 1);
    } else if (s[19] != 'Z') {
        return std::nullopt;
    }
    using namespace std::chrono;
    return TimePoint{sys_days{*date} + hours{h} + minutes{mi} + seconds{se} - offset};
}

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

std::optional<int> ParseClockTime(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string FormatClockTime(int minute_of_day) {
    return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

}  // namespace kehou
