// The pure side of the homework-load reports: rates, averages, the term and the ISO weeks (docs/homework.md,
// "Reports"). No database: report_service.cpp reads, this file counts.
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "core/error.hpp"
#include "core/time.hpp"
#include "homework/report_service.hpp"

namespace kehou::homework {
namespace {

using report_repo::ClassDay;
using report_repo::Figures;

// A date the database holds; one that does not parse is a corrupt row, not the caller's mistake.
std::chrono::year_month_day StoredDate(const std::string& text) {
    if (const auto d = ParseIsoDate(text)) return *d;
    throw Error::Internal("homework report: stored date is not YYYY-MM-DD: " + text);
}

}  // namespace

std::chrono::year_month_day RequireReportDate(const std::string& text, const char* field) {
    if (const auto d = ParseIsoDate(text)) return *d;
    throw Error::BadRequest("homework.bad_date", "日期格式应为 YYYY-MM-DD", "A date is written YYYY-MM-DD", field);
}

std::int64_t RoundedMean(std::int64_t part, std::int64_t whole) {
    return (2 * part + whole) / (2 * whole);  // half up, as AverageMinutes; both are never negative here
}

std::string_view ToString(ReportLevel l) {
    switch (l) {
        case ReportLevel::kCity:
            return "city";
        case ReportLevel::kCounty:
            return "county";
        case ReportLevel::kSchool:
            return "school";
        case ReportLevel::kGrade:
            return "grade";
        case ReportLevel::kClass:
            return "class";
    }
    return "class";
}

std::optional<std::int64_t> ComplianceBasisPoints(const Figures& f) {
    if (f.class_days == 0) return std::nullopt;
    return RoundedMean((f.class_days - f.days_over) * 10000, f.class_days);
}

std::optional<std::int64_t> BedtimeBasisPoints(const Figures& f) {
    if (f.reports == 0) return std::nullopt;
    return RoundedMean(f.bedtime_ok * 10000, f.reports);
}

std::optional<int> AvgEstimated(const Figures& f) {
    if (f.homework_days == 0) return std::nullopt;
    return static_cast<int>(RoundedMean(f.written_minutes, f.homework_days));
}

std::optional<int> AvgReported(const Figures& f) {
    if (f.reports == 0) return std::nullopt;
    return static_cast<int>(RoundedMean(f.report_minutes, f.reports));
}

std::string FormatPercent(std::int64_t bp) {
    return fmt::format("{}.{:02}%", bp / 100, bp % 100);
}

std::string TermStart(const std::string& today) {
    const auto d = RequireReportDate(today, "today");
    const int y = static_cast<int>(d.year());
    const unsigned m = static_cast<unsigned>(d.month());
    if (m >= 9) return fmt::format("{:04}-09-01", y);
    if (m == 1) return fmt::format("{:04}-09-01", y - 1);
    return fmt::format("{:04}-02-01", y);
}

std::string WeekStart(const std::string& date) {
    const std::chrono::sys_days d{StoredDate(date)};
    const unsigned iso = std::chrono::weekday{d}.iso_encoding();  // Monday 1 … Sunday 7
    return FormatIsoDate(std::chrono::year_month_day{d - std::chrono::days{iso - 1}});
}

std::vector<WeekFigures> Weeks(const std::vector<ClassDay>& days) {
    struct Acc {
        WeekFigures w;
        std::vector<int> estimates;
        std::int64_t report_minutes = 0, reports = 0;
    };
    std::map<std::string, Acc> by_week;  // ISO dates sort as strings
    for (const auto& d : days) {
        auto& a = by_week[WeekStart(d.date)];
        if (d.over) ++a.w.days_over;
        if (d.rest_day) {
            ++a.w.rest_days;
            a.w.rest_day_minutes += static_cast<int>(d.written);
            continue;
        }
        ++a.w.school_days;
        a.estimates.push_back(static_cast<int>(d.written));
        a.report_minutes += d.report_minutes;
        a.reports += d.reports;
    }
    std::vector<WeekFigures> out;
    for (auto& [start, a] : by_week) {
        a.w.week_start = start;
        if (!a.estimates.empty()) a.w.avg_estimated = AverageMinutes(a.estimates);
        if (a.reports > 0) a.w.avg_reported = static_cast<int>(RoundedMean(a.report_minutes, a.reports));
        out.push_back(a.w);
    }
    return out;
}
}  // namespace kehou::homework
