#include "institutions/schedule_repo.hpp"

#include "core/time.hpp"
#include "institutions/repo_util.hpp"

namespace kehou::institutions::repo {
namespace {

constexpr db::Query kInsert{"inst.insert_schedule",
                            "INSERT INTO inst_schedule (institution_id, org_path, title, filed_by, filed_at, violations)"
                            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Query kInsertSession{"inst.insert_schedule_session",
                                   "INSERT INTO inst_schedule_session (schedule_id, seq, on_date, start_minute,"
                                   " end_minute, delivery, category, subject, violation_codes)"
                                   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr db::Query kList{"inst.list_schedules",
                          "SELECT id, institution_id, title, filed_at, violations FROM inst_schedule"
                          " WHERE institution_id = $2 AND org_path LIKE $1 || '%' ORDER BY filed_at DESC, id DESC"};
constexpr db::Query kFind{"inst.find_schedule",
                          "SELECT id, institution_id, title, filed_at, violations FROM inst_schedule"
                          " WHERE id = $2 AND org_path LIKE $1 || '%'"};
constexpr db::Query kSessions{"inst.schedule_sessions",
                              "SELECT on_date, start_minute, end_minute, delivery, category, subject FROM"
                              " inst_schedule_session WHERE schedule_id = $1 ORDER BY seq"};
constexpr db::Query kDeleteDay{"inst.delete_calendar_day", "DELETE FROM inst_calendar_day WHERE day = $1"};
constexpr db::Query kDeleteVacations{"inst.delete_vacations", "DELETE FROM inst_vacation WHERE org_path = $1"};

FiledSchedule ReadSchedule(const db::Row& r) {
    return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), {}};
}

}  // namespace

std::int64_t InsertSchedule(db::Connection& c, std::int64_t institution_id, const std::string& org_path,
                            const std::string& title, std::int64_t by, const std::string& now, int violations) {
    return c.Query(kInsert, {institution_id, org_path, title, by, now, std::int64_t{violations}})[0].Int(0);
}

void InsertScheduleSession(db::Connection& c, std::int64_t schedule_id, int seq, const FiledSession& f) {
    std::string codes;
    for (const auto& v : f.violations) codes += (codes.empty() ? "" : ",") + v.code;
    const auto& s = f.session;
    c.Execute(kInsertSession, {schedule_id, std::int64_t{seq}, FormatIsoDate(s.date), std::int64_t{s.start},
                               std::int64_t{s.end}, Code(s.delivery), Code(s.category), s.subject, codes});
}

std::vector<FiledSchedule> ListSchedules(db::Connection& c, const std::string& scope, std::int64_t institution_id) {
    std::vector<FiledSchedule> out;
    for (const auto& r : c.Query(kList, {scope, institution_id})) out.push_back(ReadSchedule(r));
    return out;
}

std::optional<FiledSchedule> FindSchedule(db::Connection& c, const std::string& scope, std::int64_t id) {
    auto found = db::QueryOne(c, kFind, {scope, id}, ReadSchedule);
    if (!found) return std::nullopt;
    for (const auto& r : c.Query(kSessions, {id})) {
        ScheduledSession s;
        s.date = ParseIsoDate(r.Text(0)).value_or(Date{});
        s.start = static_cast<int>(r.Int(1));
        s.end = static_cast<int>(r.Int(2));
        s.delivery = Enum<Delivery>(r.Text(3));
        s.category = Enum<InstitutionCategory>(r.Text(4));
        s.subject = r.Text(5);
        found->sessions.push_back({s, {}});
    }
    return found;
}

void DeleteCalendarDay(db::Connection& c, const std::string& day) { c.Execute(kDeleteDay, {day}); }

void DeleteVacations(db::Connection& c, const std::string& org_path) { c.Execute(kDeleteVacations, {org_path}); }

}  // namespace kehou::institutions::repo
