#pragma once
// SQL of filed schedules and of the calendar's editing.

#include <optional>
#include <string>

#include "db/connection.hpp"
#include "institutions/schedule_service.hpp"

namespace kehou::institutions::repo {

std::int64_t InsertSchedule(db::Connection& c, std::int64_t institution_id, const std::string& org_path,
                            const std::string& title, std::int64_t by, const std::string& now, int violations);
void InsertScheduleSession(db::Connection& c, std::int64_t schedule_id, int seq, const FiledSession& s);
std::vector<FiledSchedule> ListSchedules(db::Connection& c, const std::string& scope, std::int64_t institution_id);
/// The schedule with its sessions (violation codes only: the service re-derives the texts).
std::optional<FiledSchedule> FindSchedule(db::Connection& c, const std::string& scope, std::int64_t id);

void DeleteCalendarDay(db::Connection& c, const std::string& day);
void DeleteVacations(db::Connection& c, const std::string& org_path);

}  // namespace kehou::institutions::repo
