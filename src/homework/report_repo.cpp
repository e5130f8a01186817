#include "homework/report_repo.hpp"

namespace kehou::homework::report_repo {
namespace {

// A teacher reads only the classes they serve (head or subject teacher); NULL for every other role.
#define KEHOU_OWN_CLASS(column, param)                   \
    " AND (CAST(" param " AS BIGINT) IS NULL OR " column \
    " IN (SELECT ct.class_id FROM org_class_teacher ct"  \
    " JOIN org_teacher t ON t.id = ct.teacher_id WHERE t.user_id = " param "))"

// The day of the week of an ISO date column, 0 = Sunday … 6 = Saturday (Sakamoto's method). Date functions are
// spelled differently on SQLite and PostgreSQL (and their derivatives); integer arithmetic on the digits is not.
#define KEHOU_MONTH(col) "CAST(SUBSTR(" col ", 6, 2) AS INTEGER)"
#define KEHOU_YEAR(col) \
    "(CAST(SUBSTR(" col ", 1, 4) AS INTEGER) - CASE WHEN " KEHOU_MONTH(col) " < 3 THEN 1 ELSE 0 END)"
#define KEHOU_WEEKDAY(col) \
    "((" KEHOU_YEAR(col) " + " KEHOU_YEAR(col) " / 4 - " KEHOU_YEAR(col) " / 100 + " KEHOU_YEAR(col) " / 400" \
    " + CAST(SUBSTR('032503514624', " KEHOU_MONTH(col) ", 1) AS INTEGER) + CAST(SUBSTR(" col ", 9, 2) AS INTEGER)) % 7)"

// Published homework and family reports of the period as one stream of rows ($1 path, $2 from, $3 to, $4 teacher
// user, $5 class). Pending, rejected and withdrawn homework never reached a family, so it is not counted.
#define KEHOU_ROWS \
    "SELECT a.class_id AS class_id, a.due_date AS on_date, a.day_kind AS day_kind, a.grade AS grade, 1 AS homework," \
    " a.counted_minutes AS written, CASE WHEN a.hw_type = 'written' THEN 0 ELSE a.estimated_minutes END AS other,"   \
    " 0 AS reports, 0 AS report_minutes, 0 AS bedtime_ok FROM hw_assignment a"                                       \
    " WHERE a.org_path LIKE $1 || '%' AND a.status = 'published' AND a.due_date >= $2 AND a.due_date <= $3"          \
    " AND (CAST($5 AS BIGINT) IS NULL OR a.class_id = $5)" KEHOU_OWN_CLASS("a.class_id", "$4")                       \
    " UNION ALL SELECT r.class_id, r.report_date, NULL, NULL, 0, 0, 0, 1, r.minutes,"                               \
    " CASE WHEN r.finished_by_bedtime = TRUE THEN 1 ELSE 0 END FROM hw_family_report r"                              \
    " WHERE r.org_path LIKE $1 || '%' AND r.report_date >= $2 AND r.report_date <= $3"                               \
    " AND (CAST($5 AS BIGINT) IS NULL OR r.class_id = $5)" KEHOU_OWN_CLASS("r.class_id", "$4")

// One row per class-day. Homework carries the day kind the publish stamped from the holiday calendar; a day with
// reports only counts as a rest day when it is a Saturday or Sunday (docs/homework.md, Reports). The grade is the
// one the homework was set for, else the class's current one.
#define KEHOU_CLASS_DAYS \
    "SELECT d.class_id AS class_id, d.on_date AS on_date, COALESCE(MIN(d.day_kind), CASE WHEN " KEHOU_WEEKDAY( \
        "d.on_date") " IN (0, 6) THEN 'rest_day' ELSE 'school_day' END) AS day_kind,"                           \
    " COALESCE(MAX(d.grade), k.grade) AS grade, SUM(d.homework) AS homework, SUM(d.written) AS written,"        \
    " SUM(d.other) AS other, SUM(d.reports) AS reports, SUM(d.report_minutes) AS report_minutes,"              \
    " SUM(d.bedtime_ok) AS bedtime_ok FROM (" KEHOU_ROWS ") d JOIN org_class k ON k.id = d.class_id"            \
    " GROUP BY d.class_id, d.on_date, k.grade"

// The limit of each class-day from the county's band limits ($7–$12, DailyLimit's values). The bands' edges are
// those of rules.cpp: grades 1–2, 3–6 (primary), 7–9 (junior middle).
#define KEHOU_LIMITED                                                                                    \
    "SELECT x.*, CASE WHEN x.grade <= 2 THEN CASE WHEN x.day_kind = 'rest_day' THEN CAST($8 AS INTEGER)" \
    " ELSE CAST($7 AS INTEGER) END WHEN x.grade <= 6 THEN CASE WHEN x.day_kind = 'rest_day'"             \
    " THEN CAST($10 AS INTEGER) ELSE CAST($9 AS INTEGER) END ELSE CASE WHEN x.day_kind = 'rest_day'"     \
    " THEN CAST($12 AS INTEGER) ELSE CAST($11 AS INTEGER) END END AS day_limit FROM (" KEHOU_CLASS_DAYS ") x"

// Over the limit: the written estimate above it, or the families' mean above it plus the day's other homework
// (the reports count every minute, the limit only written ones). Σ > (limit + other) × n is mean > limit + other
// without rounding. Where the limit is 0 (grades 1–2) the families' total, reading and oral work included, says
// nothing about written homework, so only the estimate counts. $6: the grade filter.
#define KEHOU_JUDGED                                                                               \
    "SELECT y.*, CASE WHEN y.written > y.day_limit OR (y.day_limit > 0"                            \
    " AND y.report_minutes > (y.day_limit + y.other) * y.reports) THEN 1 ELSE 0 END AS over_limit" \
    " FROM (" KEHOU_LIMITED ") y WHERE (CAST($6 AS INTEGER) IS NULL OR y.grade = $6)"

constexpr db::Query kFiguresByClass{
    "homework.report_figures_by_class",
    "SELECT z.class_id, z.grade, COUNT(*), SUM(CASE WHEN z.homework > 0 THEN 1 ELSE 0 END), SUM(z.over_limit),"
    " SUM(z.written), SUM(z.reports), SUM(z.report_minutes), SUM(z.bedtime_ok) FROM (" KEHOU_JUDGED
    ") z"
    " GROUP BY z.class_id, z.grade ORDER BY z.class_id, z.grade"};
constexpr db::Query kClassDays{
    "homework.report_class_days",
    "SELECT z.class_id, z.on_date, z.day_kind, z.grade, z.day_limit, z.homework, z.written, z.other, z.reports,"
    " z.report_minutes, z.bedtime_ok, z.over_limit FROM (" KEHOU_JUDGED
    ") z"
    " WHERE (CAST($13 AS INTEGER) = 0 OR z.over_limit = 1) ORDER BY z.class_id, z.on_date"};
constexpr db::Query kClasses{
    "homework.report_classes",
    "SELECT k.id, k.name, k.grade, k.school_id, s.name, s.unit_code, s.org_path FROM org_class k"
    " JOIN org_school s ON s.id = k.school_id WHERE k.org_path LIKE $1 || '%'"
    " AND (CAST($3 AS BIGINT) IS NULL OR k.id = $3) AND (CAST($4 AS INTEGER) IS NULL OR k.grade = $4)" KEHOU_OWN_CLASS(
        "k.id", "$2") " ORDER BY s.org_path, k.grade, k.class_no, k.id"};
constexpr db::Query kCountyLimits{"homework.report_county_limits",
                                  "SELECT primary_limit, junior_limit, rest_day_primary_limit, rest_day_junior_limit"
                                  " FROM hw_county_setting WHERE org_path = $1"};
constexpr db::Query kSchoolAt{"homework.report_school_at",
                              "SELECT id, name, unit_code FROM org_school WHERE org_path = $1"};

#undef KEHOU_JUDGED
#undef KEHOU_LIMITED
#undef KEHOU_CLASS_DAYS
#undef KEHOU_ROWS
#undef KEHOU_WEEKDAY
#undef KEHOU_YEAR
#undef KEHOU_MONTH
#undef KEHOU_OWN_CLASS

std::vector<db::Value> Params(const Filter& f, const BandLimits& l) {
    const auto n = [](int v) { return db::Value{std::int64_t{v}}; };
    return {f.path,
            f.from,
            f.to,
            db::Opt(f.teacher_user),
            db::Opt(f.class_id),
            db::Opt(f.grade),
            n(l.lower_school),
            n(l.lower_rest),
            n(l.primary_school),
            n(l.primary_rest),
            n(l.junior_school),
            n(l.junior_rest)};
}

}  // namespace

BandLimits BandsOf(const HomeworkLimits& limits) {
    const auto at = [&limits](int grade, DayKind day) { return DailyLimit(grade, day, limits); };
    return {at(1, DayKind::kSchoolDay), at(1, DayKind::kRestDay),   at(3, DayKind::kSchoolDay),
            at(3, DayKind::kRestDay),   at(7, DayKind::kSchoolDay), at(7, DayKind::kRestDay)};
}

void Figures::Add(const Figures& f) {
    class_days += f.class_days;
    homework_days += f.homework_days;
    days_over += f.days_over;
    written_minutes += f.written_minutes;
    reports += f.reports;
    report_minutes += f.report_minutes;
    bedtime_ok += f.bedtime_ok;
}

std::optional<HomeworkLimits> CountyLimits(db::Connection& c, const std::string& county_path) {
    return db::QueryOne(c, kCountyLimits, {county_path}, [](const db::Row& r) {
        HomeworkLimits l;
        l.primary = static_cast<int>(r.Int(0));
        l.junior = static_cast<int>(r.Int(1));
        if (const auto v = r.OptInt(2)) l.rest_day_primary = static_cast<int>(*v);
        if (const auto v = r.OptInt(3)) l.rest_day_junior = static_cast<int>(*v);
        return l;
    });
}

std::optional<SchoolRef> SchoolAt(db::Connection& c, const std::string& path) {
    return db::QueryOne(c, kSchoolAt, {path}, [](const db::Row& r) {
        return SchoolRef{r.Int(0), r.Text(1), r.Text(2)};
    });
}

std::vector<ClassInfo> Classes(db::Connection& c, const Filter& f) {
    std::vector<ClassInfo> out;
    for (const auto& r : c.Query(kClasses, {f.path, db::Opt(f.teacher_user), db::Opt(f.class_id), db::Opt(f.grade)}))
        out.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.Int(3), r.Text(4), r.Text(5), r.Text(6)});
    return out;
}

std::vector<ClassFigures> FiguresByClass(db::Connection& c, const Filter& f, const BandLimits& limits) {
    const auto params = Params(f, limits);
    std::vector<ClassFigures> out;
    for (const auto& r : c.Query(kFiguresByClass, params))
        out.push_back({r.Int(0),
                       static_cast<int>(r.Int(1)),
                       {r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7), r.Int(8)}});
    return out;
}

std::vector<ClassDay> ClassDays(db::Connection& c, const Filter& f, const BandLimits& limits, bool over_only) {
    auto params = Params(f, limits);
    params.emplace_back(std::int64_t{over_only ? 1 : 0});
    std::vector<ClassDay> out;
    for (const auto& r : c.Query(kClassDays, params))
        out.push_back({r.Int(0), r.Text(1), r.Text(2) == "rest_day", static_cast<int>(r.Int(3)),
                       static_cast<int>(r.Int(4)), r.Int(5), r.Int(6), r.Int(7), r.Int(8), r.Int(9), r.Int(10),
                       r.Int(11) != 0});
    return out;
}

}  // namespace kehou::homework::report_repo
