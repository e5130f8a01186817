#pragma once
// kehou's clock: every instant shown or stored is Asia/Shanghai (UTC+08:00, no daylight saving
// since 1991), written as RFC 3339 with the offset, e.g. 2026-11-23T20:00:00+08:00.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kehou {

using TimePoint = std::chrono::system_clock::time_point;

inline constexpr std::string_view kTimeZoneName = "Asia/Shanghai";
inline constexpr std::chrono::hours kShanghaiOffset{8};

/// "2026-11-23T20:00:00+08:00" (seconds precision).
std::string FormatShanghai(TimePoint t);
/// The Shanghai calendar date of an instant, "2026-11-23".
std::string ShanghaiDate(TimePoint t);
/// Parses what FormatShanghai writes (any +HH:MM offset or Z); nullopt when malformed.
std::optional<TimePoint> ParseRfc3339(std::string_view s);
/// "17:30" → 1050 minutes after midnight; nullopt unless HH:MM with 00–23 and 00–59.
std::optional<int> ParseClockTime(std::string_view hhmm);
/// 1050 → "17:30".
std::string FormatClockTime(int minute_of_day);
/// "2026-11-23": a calendar date as ISO-8601.
std::string FormatIsoDate(const std::chrono::year_month_day& d);
/// Parses an ISO-8601 calendar date "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s);

}  // namespace kehou
