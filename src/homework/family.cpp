// The family's side of homework: 作业公示 (R1.3) for each child, and the report of the time it took and whether
// it was done by the R1.4 bedtime.
#include <map>

#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"
#include "homework/errors.hpp"
#include "homework/service.hpp"
#include "institutions/rules.hpp"

namespace kehou::homework {
namespace {

constexpr int kReportWindowDays = 7;  // a family may catch up on the week gone by, not rewrite the term

std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

std::string DaysBefore(const std::string& date, int days) {
    return FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(date)) - std::chrono::days(days));
}

std::string Clock(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

// The child's own version of a homework: the variant they are named in, else the homework itself.
ChildHomework ForChild(Assignment a, std::int64_t student_id) {
    ChildHomework out;
    for (const auto& v : a.variants)
        for (const auto s : v.student_ids)
            if (s == student_id) {
                a.content = v.content;
                a.estimated_minutes = v.estimated_minutes;
                out.variant_label = v.label;
            }
    a.variants.clear();  // a family sees its own child's work, not who else does which layer
    out.assignment = std::move(a);
    return out;
}

const repo::Child& OwnChild(const std::vector<repo::Child>& children, std::int64_t student_id) {
    for (const auto& k : children)
        if (k.student_id == student_id) return k;
    throw Error::NotFound("homework.child_not_found", "找不到该学生", "No such child");
}

}  // namespace

std::vector<ChildDay> HomeworkService::FamilyDay(const Principal& guardian, const std::string& date) {
    institutions::RequireIsoDate(date, "date");
    std::vector<repo::Child> children;
    {
        auto c = database_.Acquire();
        children = repo::ChildrenOfGuardianUser(*c, guardian.user_id);
    }
    std::map<std::string, DayKind> kinds;  // per county; the calendar takes its own connection
    for (const auto& k : children) {
        const auto county = CountyPathOf(k.klass.org_path);
        if (!kinds.contains(county)) kinds[county] = KindOfDay(county, date);
    }
    auto c = database_.Acquire();
    std::vector<ChildDay> out;
    for (const auto& k : children) {
        ChildDay day{k.student_id, k.name, k.klass.name, k.klass.grade, date,
                     kinds.at(CountyPathOf(k.klass.org_path)), Clock(BedtimeMinutes(k.klass.grade))};
        for (auto& a : repo::ClassDayAssignments(*c, k.klass.id, date, true)) {
            auto mine = ForChild(std::move(a), k.student_id);
            day.estimated_total += mine.assignment.estimated_minutes;
            day.assignments.push_back(std::move(mine));
        }
        day.report = repo::FindReport(*c, k.student_id, date);
        out.push_back(std::move(day));
    }
    return out;
}

FamilyReport HomeworkService::Report(const Principal& guardian, FamilyReport in) {
    institutions::RequireIsoDate(in.date, "date");
    const auto today = Today();
    if (in.date > today || in.date < DaysBefore(today, kReportWindowDays))
        throw Error::Unprocessable("homework.report_date", "只能反馈今天和之前 7 天的作业情况",
                                   "Report today or one of the 7 days before", "date");
    if (in.minutes < 0 || in.minutes > 600)
        throw Error::Unprocessable("homework.report_minutes", "实际用时应为 0–600 分钟", "Minutes must be 0–600",
                                   "minutes");
    if (in.note) RequireText(*in.note, 0, 200, "note", "备注", "note");
    auto c = database_.Acquire();
    const auto children = repo::ChildrenOfGuardianUser(*c, guardian.user_id);
    const auto& child = OwnChild(children, in.student_id);
    in.reported_at = FormatShanghai(std::chrono::system_clock::now());
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutReport(*c, child, in);
    tx.Commit();
    return *repo::FindReport(*c, in.student_id, in.date);
}

}  // namespace kehou::homework
