#pragma once
// SQL of the homework-load reports (issue 7 point 5). A class-day's figures, its limit and whether it went over
// are computed inside the query, so a city's term (tens of thousands of classes × a hundred days) is summed by
// the database and only one row per class (or per over-the-limit day) comes back. The limits themselves are
// bound as parameters, computed by rules.hpp's DailyLimit for one county at a time.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "homework/rules.hpp"

namespace kehou::homework::report_repo {

/// The limits of one county for the three grade bands on both kinds of day, as DailyLimit gives them.
struct BandLimits {
    int lower_school = 0, lower_rest = 0;      // grades 1–2 (R1.1: 0)
    int primary_school = 0, primary_rest = 0;  // grades 3–6
    int junior_school = 0, junior_rest = 0;    // grades 7–9
};
BandLimits BandsOf(const HomeworkLimits& limits);

/// What a report reads: the org path of the node (a county, a school), the period, and the narrowing filters.
struct Filter {
    std::string path;  // only rows whose org_path starts with it
    std::string from, to;
    std::optional<std::int64_t> teacher_user;  // a teacher: only the classes they serve (head or subject)
    std::optional<std::int64_t> class_id;
    std::optional<std::int64_t> grade;  // the class-day's grade
};

/// A class as the report names it.
struct ClassInfo {
    std::int64_t class_id = 0;
    std::string class_name;
    int grade = 0;  // the class's grade today (org_class)
    std::int64_t school_id = 0;
    std::string school_name, unit_code, school_path;
};

/// The summed figures of a set of class-days.
struct Figures {
    std::int64_t class_days = 0;     // days with published homework or a family report
    std::int64_t homework_days = 0;  // of which with published homework
    std::int64_t days_over = 0;
    std::int64_t written_minutes = 0;  // Σ estimated written minutes (counted_minutes of published homework)
    std::int64_t reports = 0;
    std::int64_t report_minutes = 0;
    std::int64_t bedtime_ok = 0;  // reports finished by the R1.4 bedtime
    void Add(const Figures& f);
};

/// One class's figures for the period, at the grade its class-days had.
struct ClassFigures {
    std::int64_t class_id = 0;
    int grade = 0;
    Figures figures;
};

/// One class-day with its limit and whether it went over.
struct ClassDay {
    std::int64_t class_id = 0;
    std::string date;
    bool rest_day = false;
    int grade = 0;
    int limit = 0;
    std::int64_t homework = 0;  // published homework items
    std::int64_t written = 0;   // Σ counted_minutes
    std::int64_t other = 0;     // Σ estimated minutes of reading, oral, practical and inquiry homework
    std::int64_t reports = 0;
    std::int64_t report_minutes = 0;
    std::int64_t bedtime_ok = 0;
    bool over = false;
};

/// The county's limits (hw_county_setting), or nullopt when it has set none (the national ones apply).
std::optional<HomeworkLimits> CountyLimits(db::Connection& c, const std::string& county_path);
/// A school as a report's node names it.
struct SchoolRef {
    std::int64_t id = 0;
    std::string name, unit_code;
};
/// The school whose org path is `path` exactly; nullopt when none.
std::optional<SchoolRef> SchoolAt(db::Connection& c, const std::string& path);
/// The classes under the filter's path (and its teacher and class bounds), by school and grade.
std::vector<ClassInfo> Classes(db::Connection& c, const Filter& f);
/// Per class (and grade), the figures of its class-days in the period.
std::vector<ClassFigures> FiguresByClass(db::Connection& c, const Filter& f, const BandLimits& limits);
/// Every class-day in the period (over_only: those over the limit), by class and date.
std::vector<ClassDay> ClassDays(db::Connection& c, const Filter& f, const BandLimits& limits, bool over_only);

}  // namespace kehou::homework::report_repo
