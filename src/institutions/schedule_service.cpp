#include "institutions/schedule_service.hpp"

#include "core/time.hpp"
#include "db/transaction.hpp"
#include "institutions/complaint_repo.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"
#include "institutions/schedule_repo.hpp"
#include "institutions/scope.hpp"

namespace kehou::institutions {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

// Each violation goes to the lesson it names; blocking ones are counted for the list.
int Distribute(std::vector<FiledSession>& sessions, const std::vector<Violation>& found) {
    int blocking = 0;
    for (const auto& v : found) {
        if (v.session_index && *v.session_index < sessions.size()) sessions[*v.session_index].violations.push_back(v);
        blocking += v.warning ? 0 : 1;
    }
    return blocking;
}

}  // namespace

ScheduleService::ScheduleService(db::Database& database, org::OrgService& org, CalendarService& calendar)
    : database_(database), org_(org), calendar_(calendar) {}

FiledSchedule ScheduleService::File(const Principal& p, std::int64_t institution_id, const std::string& title,
                                    std::vector<ScheduledSession> sessions) {
    if (sessions.empty() || sessions.size() > 500)
        throw Error::Unprocessable("institutions.schedule_size", "课表应有 1–500 节课", "A schedule has 1–500 lessons",
                                   "sessions");
    const auto inst = ForFiling(p, institution_id);
    auto c = database_.Acquire();
    FiledSchedule out{0, institution_id, title, Now(), 0, {}};
    for (auto& s : sessions) out.sessions.push_back({std::move(s), {}});
    std::vector<ScheduledSession> plain;
    for (const auto& f : out.sessions) plain.push_back(f.session);
    out.violations = Distribute(out.sessions, CheckSchedule(plain, calendar_.For(inst.org_path)));
    db::Transaction tx(*c, db::TxMode::kWrite);
    out.id = repo::InsertSchedule(*c, institution_id, inst.org_path, title, p.user_id, out.filed_at, out.violations);
    for (std::size_t i = 0; i < out.sessions.size(); ++i)
        repo::InsertScheduleSession(*c, out.id, static_cast<int>(i), out.sessions[i]);
    tx.Commit();
    return out;
}

Institution ScheduleService::ForFiling(const Principal& p, std::int64_t institution_id) {
    auto c = database_.Acquire();
    return InstitutionForWrite(*c, p, institution_id);
}

std::vector<FiledSchedule> ScheduleService::List(const Principal& p, std::int64_t institution_id) {
    auto c = database_.Acquire();
    if (!repo::FindInstitution(*c, p.scope_path, institution_id))
        throw InstitutionNotFound();
    return repo::ListSchedules(*c, p.scope_path, institution_id);
}

FiledSchedule ScheduleService::Get(const Principal& p, std::int64_t schedule_id) {
    auto c = database_.Acquire();
    auto found = repo::FindSchedule(*c, p.scope_path, schedule_id);
    if (!found) throw Error::NotFound("institutions.schedule_not_found", "找不到该课表", "No such schedule");
    const auto inst = repo::FindInstitution(*c, "/", found->institution_id);
    std::vector<ScheduledSession> plain;
    for (const auto& f : found->sessions) plain.push_back(f.session);
    // The findings against today's calendar; the count stored at filing stays as it was.
    Distribute(found->sessions, CheckSchedule(plain, calendar_.For(inst->org_path)));
    return *found;
}

std::string ScheduleService::CountyForWrite(const Principal& p, const std::string& unit_code) {
    return CountyPathForWrite(org_, p, unit_code);
}

CalendarView ScheduleService::Calendar(const Principal& p, const std::string& unit_code) {
    const auto unit = org_.FindUnit(unit_code);
    if (!unit || !unit->org_path.starts_with(p.scope_path))
        throw Error::NotFound("institutions.unknown_unit", "找不到该区县", "No such county");
    auto c = database_.Acquire();
    return {repo::CalendarDays(*c), repo::VacationsFor(*c, unit->org_path)};
}

void ScheduleService::SetDay(const Principal& p, const std::string& date, const std::string& kind,
                             const std::string& name) {
    if (p.role != Role::kCityAdmin)
        throw Error::Forbidden("institutions.calendar_city_only", "节假日安排由市教育局维护",
                               "The city bureau keeps the holiday arrangement");
    RequireIsoDate(date, "date");
    if (!kind.empty() && kind != "holiday" && kind != "workday")
        throw Error::BadRequest("institutions.bad_day_kind", "类型应为 holiday（放假）或 workday（调休上班）",
                                "kind is holiday or workday", "kind");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::DeleteCalendarDay(*c, date);
    if (!kind.empty()) repo::InsertCalendarDay(*c, date, kind, name.empty() ? (kind == "holiday" ? "法定节假日" : "调休上班") : name);
    tx.Commit();
}

CalendarView ScheduleService::SetVacations(const Principal& p, const std::string& unit_code,
                                           const std::vector<DateRange>& windows) {
    const auto path = CountyForWrite(p, unit_code);
    for (std::size_t i = 0; i < windows.size(); ++i)
        if (std::chrono::sys_days{windows[i].from} > std::chrono::sys_days{windows[i].to} || windows[i].name.empty())
            throw Error::Unprocessable("institutions.bad_vacation", "假期须有名称，且开始日期不晚于结束日期",
                                       "A vacation has a name and starts on or before it ends",
                                       "windows[" + std::to_string(i) + "]");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::DeleteVacations(*c, path);
    for (const auto& w : windows) repo::InsertVacation(*c, path, w);
    tx.Commit();
    return Calendar(p, unit_code);
}

}  // namespace kehou::institutions
