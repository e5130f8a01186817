#include "afterschool/report_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "afterschool/rules.hpp"
#include "org/export.hpp"

namespace kehou::afterschool {
namespace {

void Add(FigureRow& row, const repo::SchoolFigures& f) {
    auto& s = row.sum;
    s.students += f.students;
    s.served += f.served;
    s.teachers += f.teachers;
    s.teaching += f.teaching;
    s.courses += f.courses;
    s.sections += f.sections;
    s.capacity += f.capacity;
    s.taken += f.taken;
    s.waitlisted += f.waitlisted;
    ++row.schools;
    row.offering += f.sections > 0 ? 1 : 0;
}

/// "/370800/370811/2137000101/" → "370811": the county-level unit a path lies in.
std::string CountyOf(const std::string& org_path) {
    const auto first = org_path.find('/', 1);
    const auto second = org_path.find('/', first + 1);
    return org_path.substr(first + 1, second - first - 1);
}

double Yuan(std::int64_t fen) { return static_cast<double>(fen) / 100.0; }

}  // namespace

double FigureRow::Rate(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return 0;
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

ParticipationReport ReportService::Participation(const Principal& p, const std::string& semester) {
    CheckSemester(semester);
    std::vector<repo::SchoolFigures> schools;
    {
        auto c = database_.Acquire();
        // The small tables are counted on every call; the pupils and seats come from the cache.
        schools = repo::LightFiguresBySchool(*c, p.scope_path, semester);
        repo::AddHeavy(schools, *cache_.Get(*c, p.scope_path, semester));
    }
    // The city sees its counties, a county its schools, a school itself.
    std::vector<std::string> segments;
    for (std::size_t i = 1; i < p.scope_path.size();) {
        const auto end = p.scope_path.find('/', i);
        segments.push_back(p.scope_path.substr(i, end - i));
        i = end + 1;
    }
    ParticipationReport out{semester, "", segments.size() <= 1 ? "county" : "school", {}, {}};
    std::map<std::string, FigureRow> rows;
    for (const auto& f : schools) {
        Add(out.total, f);
        const std::string key = out.level == "county" ? CountyOf(f.org_path) : std::to_string(f.school_id);
        FigureRow& row = rows[key];
        if (row.key.empty()) {
            const auto unit = out.level == "county" ? org_.FindUnit(key) : std::nullopt;
            row.key = key;
            row.name = out.level == "county" ? (unit ? unit->name : key) : f.school_name;
        }
        Add(row, f);
    }
    for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
    if (segments.size() >= 3 && !out.rows.empty()) out.scope_name = out.rows[0].name;
    else if (!segments.empty())
        if (const auto unit = org_.FindUnit(segments.back())) out.scope_name = unit->name;
    out.total.key = "total";
    out.total.name = "合计";
    return out;
}

std::string ReportService::ParticipationWorkbook(const Principal& p, const std::string& semester) {
    const ParticipationReport r = Participation(p, semester);
    std::vector<std::vector<org::Cell>> rows;
    auto add = [&rows](const FigureRow& f) {
        rows.push_back({f.name, static_cast<double>(f.sum.students), static_cast<double>(f.sum.served),
                        f.participation(), static_cast<double>(f.sum.teachers), static_cast<double>(f.sum.teaching),
                        f.teacher_participation(), static_cast<double>(f.schools), static_cast<double>(f.offering),
                        f.coverage(), static_cast<double>(f.sum.sections), static_cast<double>(f.sum.capacity),
                        static_cast<double>(f.sum.taken), f.fill(), static_cast<double>(f.sum.waitlisted)});
    };
    for (const auto& row : r.rows) add(row);
    add(r.total);
    return org::Workbook("课后服务参与情况",
                         {r.level == "county" ? "区县" : "学校", "在校学生", "参与学生", "参与率(%)", "教师", "参与教师",
                          "教师参与率(%)", "学校", "开展学校", "覆盖率(%)", "课程班", "名额", "已选", "满额率(%)", "候补"},
                         rows);
}

std::vector<ChildFee> ReportService::ComputeFees(const org::School& school, const std::string& semester,
                                                 std::int64_t student_id) {
    const FeeStandard standard = catalog_.StandardFor(school, semester);
    std::vector<repo::ChargedSessions> charged;
    std::map<std::int64_t, repo::ChildFacts> facts;
    {
        auto c = database_.Acquire();
        charged = repo::ChargedSessionsOf(*c, school.id, semester, student_id);
        // The children's names and classes only when someone was charged: a city's fee report visits 1,078
        // schools, most without a session held yet, and each would read all its pupils' wide rows for nothing.
        if (!charged.empty()) facts = repo::ChildFactsOfSchool(*c, school.id);
    }
    std::map<std::int64_t, std::vector<CourseMonthHours>> hours;
    std::map<std::int64_t, std::map<std::string, FeeLine>> lines;
    for (const auto& s : charged) {
        const int h = s.sessions * SessionClassHours(s.minutes);
        hours[s.student_id].push_back({s.month, h, s.rate_fen});
        FeeLine& line = lines[s.student_id][s.course_title];
        line.course_title = s.course_title;
        line.hours += h;
        line.rate_fen = s.rate_fen;
        line.amount_fen += h * s.rate_fen;
    }
    std::vector<ChildFee> out;
    for (auto& [id, months] : hours) {
        const repo::ChildFacts& f = facts[id];
        ChildFee fee{id, f.name, f.class_name, f.hardship, 0,
                     ComputeCoursesStatement(months, f.hardship, standard, school.is_rural), {}};
        for (auto& [title, line] : lines[id]) {
            fee.hours += line.hours;
            fee.lines.push_back(std::move(line));
        }
        out.push_back(std::move(fee));
    }
    return out;
}

ChildFee ReportService::Statement(const Principal& p, std::int64_t student_id, const std::string& semester) {
    const org::Student child =
        p.role == Role::kGuardian ? org_.GetChild(p, student_id) : org_.GetStudent(p, student_id);
    CheckSemester(semester);
    const org::School school = org_.GetSchool(SystemPrincipal(), child.school_id);
    auto fees = ComputeFees(school, semester, student_id);
    if (!fees.empty()) return fees.front();
    ChildFee none{child.id, child.name, child.class_name, child.flags.hardship, 0, {}, {}};
    none.fee.waived = child.flags.hardship;
    return none;
}

SchoolFees ReportService::Fees(const Principal& p, std::int64_t school_id, const std::string& semester) {
    const org::School school = catalog_.SchoolForRead(p, school_id);
    CheckSemester(semester);
    SchoolFees out{school.id, school.name, semester, ComputeFees(school, semester, 0), 0, 0, 0, 0};
    for (const auto& c : out.children) {
        out.hours += c.hours;
        out.gross_fen += c.fee.gross_fen;
        out.due_fen += c.fee.due_fen;
        out.waived_children += c.fee.waived ? 1 : 0;
    }
    return out;
}

std::string ReportService::FeesWorkbook(const Principal& p, std::int64_t school_id, const std::string& semester) {
    const SchoolFees fees = Fees(p, school_id, semester);
    std::vector<std::vector<org::Cell>> rows;
    for (const auto& c : fees.children) {
        std::string courses, notes;
        for (const auto& l : c.lines) courses += (courses.empty() ? "" : "；") + fmt::format("{} {}课时", l.course_title, l.hours);
        for (const auto& n : c.fee.notes) notes += (notes.empty() ? "" : "；") + n;
        rows.push_back({c.class_name, c.student_name, courses, static_cast<double>(c.hours), Yuan(c.fee.gross_fen),
                        Yuan(c.fee.due_fen), c.fee.waived ? "是" : "否", notes});
    }
    rows.push_back({"合计", "", "", static_cast<double>(fees.hours), Yuan(fees.gross_fen), Yuan(fees.due_fen),
                    fmt::format("{}人", fees.waived_children), ""});
    return org::Workbook("课后服务收费", {"班级", "姓名", "课程", "课时", "应收(元)", "实收(元)", "减免", "说明"}, rows);
}

AreaFees ReportService::FeesByArea(const Principal& p, const std::string& semester) {
    CheckSemester(semester);
    std::vector<org::School> schools;
    for (int page = 1;; ++page) {
        auto batch = org_.ListSchools(p, {std::nullopt, std::nullopt, std::nullopt, page, 200});
        for (auto& s : batch.items) schools.push_back(std::move(s));
        if (batch.items.size() < 200) break;
    }
    const bool by_county = std::count(p.scope_path.begin(), p.scope_path.end(), '/') <= 2;  // "/370800/"
    AreaFees out{semester, by_county ? "county" : "school", {"total", "合计"}, {}};
    std::map<std::string, FeeRow> rows;
    for (const auto& school : schools) {
        std::vector<ChildFee> fees;
        try {
            fees = ComputeFees(school, semester, 0);
        } catch (const Error& e) {
            if (e.code() != "afterschool.no_fee_standard") throw;  // no standard: nothing could be charged
        }
        const std::string key = by_county ? CountyOf(school.org_path) : std::to_string(school.id);
        FeeRow& row = rows[key];
        if (row.key.empty()) {
            const auto unit = by_county ? org_.FindUnit(key) : std::nullopt;
            row.key = key;
            row.name = by_county ? (unit ? unit->name : key) : school.name;
        }
        for (FeeRow* r : {&row, &out.total}) {
            ++r->schools;
            for (const auto& c : fees) {
                ++r->children;
                r->hours += c.hours;
                r->gross_fen += c.fee.gross_fen;
                r->due_fen += c.fee.due_fen;
                r->waived_children += c.fee.waived ? 1 : 0;
            }
        }
    }
    for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
    return out;
}

std::vector<repo::CourseFill> ReportService::Fill(const Principal& p, std::int64_t school_id,
                                                  const std::string& semester) {
    catalog_.SchoolForRead(p, school_id);
    CheckSemester(semester);
    auto c = database_.Acquire();
    return repo::FillOfSchool(*c, school_id, semester);
}

}  // namespace kehou::afterschool
