#pragma once
// 作业负担统计 The homework-load reports of issue 7 point 5 (RULES R1.1–R1.4): estimated against reported minutes,
// days over the limit, the share of children finishing by bedtime, weekly averages (R1.2 says 平均), compliance
// rates with drill-down city → county → school → grade → class, overrun alerts, and all of it as .xlsx.
// Definitions: docs/homework.md, "Reports". Every figure is read inside the caller's scope; a teacher sees
// only the classes they serve.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "db/database.hpp"
#include "homework/report_repo.hpp"
#include "org/service.hpp"

namespace kehou::homework {

/// What a report was asked for, as given; absent dates default to the term start … today.
struct ReportQuery {
    std::optional<std::string> from, to;
    std::optional<std::string> unit_code;   // a county (or the city) inside the scope
    std::optional<std::int64_t> school_id;  // wins over unit_code
    std::optional<std::int64_t> grade;      // with a school: that grade's classes
    std::optional<std::int64_t> class_id;   // the weekly report of one class
};

/// Where a summary stands and what its rows are: city → county rows, county → school rows, school → grade rows,
/// grade → class rows.
enum class ReportLevel { kCity, kCounty, kSchool, kGrade, kClass };
std::string_view ToString(ReportLevel l);

/// One row of a summary: a county, a school, a grade, a class, or the total ("合计", key "").
struct ReportRow {
    std::string key, name;
    ReportLevel level = ReportLevel::kClass;
    std::optional<int> limit;  // the school-day limit, for rows of one grade
    report_repo::Figures figures;
};

/// (class-days not over) ÷ class-days in basis points, rounded half up; nullopt without class-days.
std::optional<std::int64_t> ComplianceBasisPoints(const report_repo::Figures& f);
/// Reports finished by bedtime ÷ reports in basis points; nullopt without reports.
std::optional<std::int64_t> BedtimeBasisPoints(const report_repo::Figures& f);
/// Mean written estimate of the days with published homework, rounded as AverageMinutes; nullopt without any.
std::optional<int> AvgEstimated(const report_repo::Figures& f);
/// Mean of the families' reported minutes, rounded as AverageMinutes; nullopt without reports.
std::optional<int> AvgReported(const report_repo::Figures& f);
/// A date of a request; 400 `homework.bad_date` naming `field` when it is not YYYY-MM-DD.
std::chrono::year_month_day RequireReportDate(const std::string& text, const char* field);
/// part ÷ whole rounded half up (whole > 0, both ≥ 0), as AverageMinutes rounds.
std::int64_t RoundedMean(std::int64_t part, std::int64_t whole);
/// "87.07%".
std::string FormatPercent(std::int64_t basis_points);
/// The first day of the term `today` falls in: 1 September (September–January), else 1 February.
std::string TermStart(const std::string& today);
/// The Monday of the ISO week of an ISO date.
std::string WeekStart(const std::string& date);

/// The period and the node a report describes.
struct ReportHeader {
    std::string as_of, from, to;
    ReportLevel level = ReportLevel::kCity;  // the node's
    std::string name;                        // 济宁市, 任城区, the school's name, "三年级"
    std::optional<std::string> unit_code;
    std::optional<std::int64_t> school_id;
    std::optional<int> grade;
};

/// 汇总 A node's rows one level down and their total.
struct Summary {
    ReportHeader header;
    ReportLevel row_level = ReportLevel::kCounty;
    std::vector<ReportRow> rows;
    ReportRow total;
};

/// 周平均 One ISO week of a class (or of a school's classes together).
struct WeekFigures {
    std::string week_start;            // Monday
    int school_days = 0;               // class-days on school days, with homework or reports
    std::optional<int> avg_estimated;  // AverageMinutes of those days' written estimates
    std::optional<int> avg_reported;   // the mean report on those days
    int rest_days = 0;
    int rest_day_minutes = 0;  // Σ written estimates on rest days: R1.2's total-time control
    int days_over = 0;
};
/// The weeks of a list of class-days, oldest first.
std::vector<WeekFigures> Weeks(const std::vector<report_repo::ClassDay>& days);

/// A class's row with its limits and weeks.
struct ClassReport {
    report_repo::ClassInfo info;
    ReportRow row;
    int rest_day_limit = 0;
    std::vector<WeekFigures> weeks;
};
struct ClassesReport {
    ReportHeader header;
    std::vector<ClassReport> items;
    ReportRow total;
};

/// The weeks of one class (with its days) or of one school's classes together.
struct WeeklyReport {
    ReportHeader header;
    std::optional<report_repo::ClassInfo> class_info;
    std::vector<WeekFigures> weeks;
    std::vector<report_repo::ClassDay> days;  // one class only
};

/// 超量预警 A class over the limit on 3 or more days of one ISO week.
struct Alert {
    report_repo::ClassInfo info;
    std::string week_start;
    std::vector<std::string> days_over;
    int worst_minutes = 0;  // the largest written estimate or mean report of those days
};
inline constexpr int kAlertDaysPerWeek = 3;
struct AlertsReport {
    ReportHeader header;
    std::vector<Alert> items;
};

/// Everything the workbook holds.
struct ReportBook {
    Summary summary;
    AlertsReport alerts;
    std::optional<ClassesReport> classes;  // when the node is a school or a grade
};
/// The book as .xlsx (report_workbook.cpp).
std::string ReportWorkbook(const ReportBook& book);

/// The report use cases. Thread-safe.
class ReportService {
public:
    ReportService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

    Summary Summarise(const Principal& p, const ReportQuery& q, const std::string& today);
    /// A school's classes (school_id, or the caller's school) with their weeks.
    ClassesReport Classes(const Principal& p, const ReportQuery& q, const std::string& today);
    /// One class's weeks and days (class_id), or a school's weeks.
    WeeklyReport Weekly(const Principal& p, const ReportQuery& q, const std::string& today);
    AlertsReport Alerts(const Principal& p, const ReportQuery& q, const std::string& today);
    ReportBook Book(const Principal& p, const ReportQuery& q, const std::string& today);

private:
    /// The node of a query: its header and org path; 404 outside the scope.
    struct Node {
        ReportHeader header;
        std::string path;
    };
    Node Resolve(const Principal& p, const ReportQuery& q, const std::string& today);
    /// The county paths a node spans, with their band limits.
    std::vector<std::pair<std::string, report_repo::BandLimits>> Counties(const Principal& p, const Node& n);
    report_repo::Filter FilterFor(const Principal& p, const Node& n, const std::string& county_path) const;

    db::Database& database_;
    org::OrgService& org_;
};

}  // namespace kehou::homework
