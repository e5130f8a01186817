#pragma once
// 托管统计 Summer custody's figures per county and for the city (issue 9 point 9): children asking in the survey,
// signed up and served; the county's compulsory-education schools covered by a site (the seed's "100%覆盖全区29所义务
// 教育学校"); sites, staff taking part, attendance days and meals; and the same as an .xlsx.

#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::custody {

/// One county's figures for a year (or the city's total).
struct CountyStats {
    std::string unit_code, unit_name;
    std::int64_t requested = 0;  // survey: children wanting custody
    std::int64_t signed_up = 0;  // children with a live sign-up
    std::int64_t served = 0;     // children with a place
    std::int64_t schools_total = 0, schools_covered = 0;
    std::optional<std::int64_t> coverage_bp;  // covered / total, basis points; null without schools
    std::int64_t sites = 0;                   // sites open in some period
    std::int64_t staff = 0;                   // teachers on a site's staff, each once
    std::int64_t attendance_days = 0;         // child-days present
    std::int64_t meals = 0;                   // meals served
};

/// The year's figures in the caller's scope.
struct CustodyStats {
    int year = 0;
    std::string as_of;
    std::vector<CountyStats> items;
    CountyStats total;
};

/// Statistics for the bureaus (a school's admin is refused: the figures are the county's). Thread-safe.
class StatsService {
public:
    StatsService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

    /// `unit_code` narrows to one county (or, given the city's, changes nothing).
    CustodyStats Stats(const Principal& p, int year, const std::optional<std::string>& unit_code);

private:
    db::Database& database_;
    org::OrgService& org_;
};

/// The statistics as one .xlsx workbook (stats_workbook.cpp): counts and rates only, no child's data.
std::string StatsWorkbook(const CustodyStats& s);

}  // namespace kehou::custody
