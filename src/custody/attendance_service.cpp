// 考勤与配餐 The roll of a custody site (issue 9 point 8): only placed children of the day's period, only on its service
// days (weekdays inside the period), never ahead of today (Asia/Shanghai).
#include "custody/attendance_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "core/time.hpp"
#include "custody/access.hpp"
#include "custody/repo.hpp"
#include "db/transaction.hpp"

namespace kehou::custody {
namespace {

// The period whose service days include `date`; 422 naming the date otherwise.
std::int64_t PeriodOfDay(const StoredPlan& stored, const std::string& date) {
    const auto d = ParseIsoDate(date);
    if (!d) throw Error::BadRequest("custody.bad_date", "日期格式应为 YYYY-MM-DD", "Date must be YYYY-MM-DD", "date");
    const auto wd = std::chrono::weekday{std::chrono::sys_days{*d}}.c_encoding();
    if (wd != 0 && wd != 6)
        for (const auto& p : stored.plan.periods)
            if (p.start_date <= date && date <= p.end_date) return p.id;
    throw Error::Unprocessable("custody.not_service_day", "该日期不是托管服务日", "The date is not a service day of the plan",
                               "date");
}

}  // namespace

bool AttendanceService::MayAccess(db::Connection& c, const Principal& p, const SiteRef& site, bool write) {
    if (p.role == Role::kTeacher) {
        const auto teacher = org_.TeacherIdOfUser(p.user_id);
        return teacher && repo::OnStaff(c, site.id, *teacher);
    }
    if (write && p.role == Role::kCityAdmin) return false;
    return p.role != Role::kGuardian && p.Covers(site.org_path);
}

SiteRoll AttendanceService::Get(const Principal& p, std::int64_t site_id, const std::string& date) {
    auto c = database_.Acquire();
    const auto site = repo::FindSite(*c, site_id);
    if (!site || !MayAccess(*c, p, *site, false)) throw SiteNotFound();
    const auto stored = repo::LoadPlan(*c, *repo::FindPlan(*c, "/", site->plan_id));
    const auto period = PeriodOfDay(stored, date);
    return {site_id, period, date, repo::Roll(*c, site_id, period, date)};
}

SiteRoll AttendanceService::Put(const Principal& p, std::int64_t site_id, const std::string& date,
                                const std::vector<AttendanceMark>& marks) {
    auto c = database_.Acquire();
    const auto site = repo::FindSite(*c, site_id);
    if (!site) throw SiteNotFound();
    if (!MayAccess(*c, p, *site, true))
        throw Error::Forbidden("custody.not_site_staff", "只有承办学校、本托管点的教师或区县教育局可以记录考勤",
                               "Only the host school, the site's staff or the county marks attendance");
    const auto plan = *repo::FindPlan(*c, "/", site->plan_id);
    if (plan.status != PlanStatus::kAllocated) throw WrongState(plan, "记录考勤", "take attendance");
    const auto period = PeriodOfDay(repo::LoadPlan(*c, plan), date);
    if (date > Today())
        throw Error::Unprocessable("custody.future_date", "不能记录未来日期的考勤", "Attendance is not marked ahead",
                                   "date");
    std::set<std::int64_t> placed, seen;
    for (const auto& r : repo::Roll(*c, site_id, period, date)) placed.insert(r.student_id);
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const auto field = fmt::format("marks[{}].student_id", i);
        if (!placed.contains(marks[i].student_id))
            throw Error::Unprocessable("custody.not_placed", "该学生本期未在此托管点获得名额",
                                       "The child has no place at this site in this period", field);
        if (!seen.insert(marks[i].student_id).second)
            throw Error::Unprocessable("custody.duplicate_mark", "同一学生记录了两次", "The child is marked twice", field);
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto now = Now();
    for (const auto& m : marks) repo::PutMark(*c, *site, period, date, m, p.user_id, now);
    tx.Commit();
    return {site_id, period, date, repo::Roll(*c, site_id, period, date)};
}

}  // namespace kehou::custody
