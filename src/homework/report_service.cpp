#include "homework/report_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/error.hpp"
#include "org/rules.hpp"

namespace kehou::homework {
namespace {

using report_repo::BandLimits;
using report_repo::ClassDay;
using report_repo::ClassInfo;
using report_repo::Figures;

constexpr const char* kTotalName = "合计";

// How many segments an org path has: 1 the city, 2 a county, 3 a school.
int Depth(const std::string& path) {
    return static_cast<int>(std::count(path.begin(), path.end(), '/')) - 1;
}

// "/370800/370811/3737000123/" → "/370800/370811/".
std::string CountyPathOf(const std::string& path) {
    std::size_t pos = 0;
    for (int i = 0; i < 3 && pos != std::string::npos; ++i) pos = path.find('/', pos + (i ? 1 : 0));
    return pos == std::string::npos ? path : path.substr(0, pos + 1);
}

std::string GradeName(int grade) {
    static const char* const kNames[] = {"",       "一年级", "二年级", "三年级", "四年级",
                                         "五年级", "六年级", "七年级", "八年级", "九年级"};
    return grade >= 1 && grade <= 9 ? kNames[grade] : std::to_string(grade);
}

int LimitOf(const BandLimits& b, int grade, bool rest_day) {
    if (grade <= 2) return rest_day ? b.lower_rest : b.lower_school;
    if (grade <= 6) return rest_day ? b.primary_rest : b.primary_school;
    return rest_day ? b.junior_rest : b.junior_school;
}

ReportLevel Below(ReportLevel l) {
    switch (l) {
        case ReportLevel::kCity:
            return ReportLevel::kCounty;
        case ReportLevel::kCounty:
            return ReportLevel::kSchool;
        case ReportLevel::kSchool:
            return ReportLevel::kGrade;
        default:
            return ReportLevel::kClass;
    }
}

Figures FiguresOf(const std::vector<ClassDay>& days) {
    Figures f;
    for (const auto& d : days) {
        ++f.class_days;
        if (d.homework > 0) ++f.homework_days;
        if (d.over) ++f.days_over;
        f.written_minutes += d.written;
        f.reports += d.reports;
        f.report_minutes += d.report_minutes;
        f.bedtime_ok += d.bedtime_ok;
    }
    return f;
}

ReportRow TotalRow(const std::vector<ReportRow>& rows, ReportLevel level) {
    ReportRow t{"", kTotalName, level, std::nullopt, {}};
    for (const auto& r : rows) t.figures.Add(r.figures);
    return t;
}

/// Rows in first-seen order with a look-up by key.
class RowSet {
public:
    ReportRow& At(const std::string& key, const std::string& name, ReportLevel level, std::optional<int> limit) {
        if (const auto it = index_.find(key); it != index_.end()) return rows_[it->second];
        index_[key] = rows_.size();
        rows_.push_back({key, name, level, limit, {}});
        return rows_.back();
    }
    std::vector<ReportRow> Take() { return std::move(rows_); }

private:
    std::vector<ReportRow> rows_;
    std::map<std::string, std::size_t> index_;
};

Error SchoolRequired() {
    return Error::BadRequest("homework.school_required", "请选择学校", "Choose a school for this report", "school_id");
}

}  // namespace

ReportService::Node ReportService::Resolve(const Principal& p, const ReportQuery& q, const std::string& today) {
    Node n;
    auto& h = n.header;
    h.as_of = today;
    h.from = q.from ? *q.from : TermStart(today);
    h.to = q.to ? *q.to : today;
    RequireReportDate(h.from, "from");
    RequireReportDate(h.to, "to");
    if (h.from > h.to)
        throw Error::BadRequest("homework.bad_period", "开始日期不能晚于结束日期",
                                "The start date is after the end date", "from");
    if (q.grade && (*q.grade < 1 || *q.grade > 9))
        throw Error::BadRequest("homework.bad_grade", "年级应为 1–9", "A grade is 1–9", "grade");
    if (q.school_id || (!q.unit_code && Depth(p.scope_path) >= 3)) {
        report_repo::SchoolRef school;
        if (q.school_id) {
            const auto s = org_.GetSchool(p, *q.school_id);  // 404 outside the scope
            n.path = s.org_path;
            school = {s.id, s.name, s.unit_code};
        } else {
            auto c = database_.Acquire();
            const auto s = report_repo::SchoolAt(*c, p.scope_path);
            if (!s) throw Error::NotFound("homework.school_not_found", "找不到该学校", "No such school");
            n.path = p.scope_path;
            school = *s;
        }
        h.level = ReportLevel::kSchool;
        h.school_id = school.id;
        h.name = school.name;
        h.unit_code = school.unit_code;
    } else {
        const std::string path = q.unit_code ? std::string() : p.scope_path;
        for (const auto& u : org_.ListUnits(p))
            if ((q.unit_code ? u.code == *q.unit_code : u.org_path == path) && p.Covers(u.org_path)) {
                n.path = u.org_path;
                h.level = u.kind == "city" ? ReportLevel::kCity : ReportLevel::kCounty;
                h.name = u.name;
                h.unit_code = u.code;
            }
        if (n.path.empty())
            throw Error::NotFound("homework.unit_not_found", "找不到该区县", "No such county in your scope");
    }
    if (q.grade) {
        if (h.level != ReportLevel::kSchool) throw SchoolRequired();
        h.level = ReportLevel::kGrade;
        h.grade = static_cast<int>(*q.grade);
        h.name += " " + GradeName(*h.grade);
    }
    return n;
}

std::vector<std::pair<std::string, BandLimits>> ReportService::Counties(const Principal& p, const Node& n) {
    std::vector<std::string> paths;
    if (n.header.level == ReportLevel::kCity) {
        for (const auto& u : org_.ListUnits(p))
            if (u.kind != "city" && u.org_path.starts_with(n.path)) paths.push_back(u.org_path);
    } else {
        paths.push_back(CountyPathOf(n.path));
    }
    std::vector<std::pair<std::string, BandLimits>> out;
    auto c = database_.Acquire();
    for (const auto& path : paths)
        out.emplace_back(path, report_repo::BandsOf(report_repo::CountyLimits(*c, path).value_or(HomeworkLimits{})));
    return out;
}

report_repo::Filter ReportService::FilterFor(const Principal& p, const Node& n, const std::string& county_path) const {
    report_repo::Filter f;
    f.path = n.header.level == ReportLevel::kCity ? county_path : n.path;
    f.from = n.header.from;
    f.to = n.header.to;
    f.teacher_user = org::OwnClassesBound(p);
    if (n.header.grade) f.grade = *n.header.grade;
    return f;
}

Summary ReportService::Summarise(const Principal& p, const ReportQuery& q, const std::string& today) {
    const Node node = Resolve(p, q, today);
    Summary s;
    s.header = node.header;
    s.row_level = Below(node.header.level);
    RowSet rows;
    if (s.row_level == ReportLevel::kCounty)
        for (const auto& u : org_.ListUnits(p))
            if (u.kind != "city" && u.org_path.starts_with(node.path)) rows.At(u.code, u.name, s.row_level, {});
    for (const auto& [county_path, bands] : Counties(p, node)) {
        auto f = FilterFor(p, node, county_path);
        std::vector<ClassInfo> classes;
        std::vector<report_repo::ClassFigures> figures;
        {
            auto c = database_.Acquire();
            auto all_grades = f;
            all_grades.grade.reset();  // names of classes whose class-days had another grade than today's
            classes = report_repo::Classes(*c, all_grades);
            figures = report_repo::FiguresByClass(*c, f, bands);
        }
        std::map<std::int64_t, const ClassInfo*> by_id;
        for (const auto& k : classes) by_id[k.class_id] = &k;
        const auto row_of = [&](const ClassInfo& k, int grade) -> ReportRow& {
            switch (s.row_level) {
                case ReportLevel::kCounty:
                    return rows.At(k.unit_code, k.unit_code, s.row_level, {});
                case ReportLevel::kSchool:
                    return rows.At(std::to_string(k.school_id), k.school_name, s.row_level, {});
                case ReportLevel::kGrade:
                    return rows.At(std::to_string(grade), GradeName(grade), s.row_level, LimitOf(bands, grade, false));
                default:
                    return rows.At(std::to_string(k.class_id), k.class_name, s.row_level, LimitOf(bands, grade, false));
            }
        };
        for (const auto& k : classes)
            if (!f.grade || k.grade == *f.grade) row_of(k, k.grade);  // listed with zeros when nothing happened
        for (const auto& fig : figures)
            if (const auto it = by_id.find(fig.class_id); it != by_id.end())
                row_of(*it->second, fig.grade).figures.Add(fig.figures);
    }
    s.rows = rows.Take();
    s.total = TotalRow(s.rows, s.row_level);
    return s;
}

ClassesReport ReportService::Classes(const Principal& p, const ReportQuery& q, const std::string& today) {
    const Node node = Resolve(p, q, today);
    if (node.header.level != ReportLevel::kSchool && node.header.level != ReportLevel::kGrade) throw SchoolRequired();
    const auto [county_path, bands] = Counties(p, node).front();
    const auto f = FilterFor(p, node, county_path);
    std::vector<ClassInfo> classes;
    std::vector<ClassDay> days;
    {
        auto c = database_.Acquire();
        auto all_grades = f;
        all_grades.grade.reset();
        classes = report_repo::Classes(*c, all_grades);
        days = report_repo::ClassDays(*c, f, bands, false);
    }
    std::map<std::int64_t, std::vector<ClassDay>> by_class;
    for (auto& d : days) by_class[d.class_id].push_back(std::move(d));
    ClassesReport out;
    out.header = node.header;
    std::vector<ReportRow> rows;
    for (const auto& k : classes) {
        const auto it = by_class.find(k.class_id);
        if (f.grade && k.grade != *f.grade && it == by_class.end()) continue;
        const auto& mine = it == by_class.end() ? std::vector<ClassDay>{} : it->second;
        ClassReport r{k,
                      {std::to_string(k.class_id), k.class_name, ReportLevel::kClass, LimitOf(bands, k.grade, false),
                       FiguresOf(mine)},
                      LimitOf(bands, k.grade, true),
                      Weeks(mine)};
        rows.push_back(r.row);
        out.items.push_back(std::move(r));
    }
    out.total = TotalRow(rows, ReportLevel::kClass);
    return out;
}

WeeklyReport ReportService::Weekly(const Principal& p, const ReportQuery& q, const std::string& today) {
    auto scope_query = q;
    scope_query.grade.reset();
    Node node = Resolve(p, scope_query, today);
    WeeklyReport out;
    if (q.class_id) {
        auto f = FilterFor(p, node, node.path);
        f.path = node.path;
        f.class_id = *q.class_id;
        std::vector<ClassInfo> found;
        {
            auto c = database_.Acquire();
            found = report_repo::Classes(*c, f);
        }
        if (found.empty()) throw Error::NotFound("homework.class_not_found", "找不到该班级", "No such class");
        out.class_info = found.front();
        node.path = found.front().school_path;
        node.header.level = ReportLevel::kClass;
        node.header.school_id = found.front().school_id;
        node.header.name = found.front().class_name;
    } else if (node.header.level != ReportLevel::kSchool) {
        throw SchoolRequired();
    }
    const auto [county_path, bands] = Counties(p, node).front();
    auto f = FilterFor(p, node, county_path);
    f.class_id = q.class_id;
    {
        auto c = database_.Acquire();
        out.days = report_repo::ClassDays(*c, f, bands, false);
    }
    out.header = node.header;
    out.weeks = Weeks(out.days);
    if (!q.class_id) out.days.clear();  // a school's weeks only; its days are the classes report's
    return out;
}

AlertsReport ReportService::Alerts(const Principal& p, const ReportQuery& q, const std::string& today) {
    const Node node = Resolve(p, q, today);
    AlertsReport out;
    out.header = node.header;
    std::map<std::int64_t, std::size_t> order;  // class → its place in org order, for a stable listing
    for (const auto& [county_path, bands] : Counties(p, node)) {
        const auto f = FilterFor(p, node, county_path);
        std::vector<ClassDay> over;
        std::vector<ClassInfo> classes;
        {
            auto c = database_.Acquire();
            over = report_repo::ClassDays(*c, f, bands, true);
            if (over.empty()) continue;
            auto all_grades = f;
            all_grades.grade.reset();
            classes = report_repo::Classes(*c, all_grades);
        }
        std::map<std::int64_t, const ClassInfo*> by_id;
        for (const auto& k : classes) {
            by_id[k.class_id] = &k;
            order.emplace(k.class_id, order.size());
        }
        std::map<std::pair<std::int64_t, std::string>, Alert> weeks;
        for (const auto& d : over) {  // by class, then date
            const auto it = by_id.find(d.class_id);
            if (it == by_id.end()) continue;
            auto& a = weeks[{d.class_id, WeekStart(d.date)}];
            a.info = *it->second;
            a.days_over.push_back(d.date);
            const std::int64_t reported = d.reports > 0 ? RoundedMean(d.report_minutes, d.reports) : 0;
            a.worst_minutes = std::max<int>(a.worst_minutes, static_cast<int>(std::max(d.written, reported)));
        }
        for (auto& [key, a] : weeks) {
            if (static_cast<int>(a.days_over.size()) < kAlertDaysPerWeek) continue;
            a.week_start = key.second;
            out.items.push_back(std::move(a));
        }
    }
    std::stable_sort(out.items.begin(), out.items.end(), [&order](const Alert& a, const Alert& b) {
        if (a.week_start != b.week_start) return a.week_start > b.week_start;  // the latest week first
        return order[a.info.class_id] < order[b.info.class_id];
    });
    return out;
}

ReportBook ReportService::Book(const Principal& p, const ReportQuery& q, const std::string& today) {
    ReportBook b;
    b.summary = Summarise(p, q, today);
    b.alerts = Alerts(p, q, today);
    const auto level = b.summary.header.level;
    if (level == ReportLevel::kSchool || level == ReportLevel::kGrade) b.classes = Classes(p, q, today);
    return b;
}

}  // namespace kehou::homework
