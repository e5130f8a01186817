#pragma once
// 课表备案 Schedules an institution files with the county, checked against R1.11–R1.13 with the county's
// holiday calendar; and the calendar's editing (the city keeps the State Council's days, a county its own
// vacations). Issue 6 point 4.

#include "core/principal.hpp"
#include "db/database.hpp"
#include "institutions/complaint_service.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions {

/// One lesson as filed and what the checks found about it.
struct FiledSession {
    ScheduledSession session;
    std::vector<Violation> violations;
};

/// 课表 A filed schedule.
struct FiledSchedule {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string title;
    std::string filed_at;
    int violations = 0;  // blocking findings (warnings not counted)
    std::vector<FiledSession> sessions;  // detail only
};

/// The calendar as shown and edited: the State Council's days and a county's vacations.
struct CalendarView {
    std::vector<CalendarDay> days;
    std::vector<DateRange> vacations;  // the county's own windows, else the defaults
};

/// Files and reads schedules; edits the calendar. Thread-safe.
class ScheduleService {
public:
    ScheduleService(db::Database& database, org::OrgService& org, CalendarService& calendar);

    /// Checks and stores a schedule (stored even when it breaks rules: the filing is evidence); the
    /// answer lists every violation with its session index.
    FiledSchedule File(const Principal& p, std::int64_t institution_id, const std::string& title,
                       std::vector<ScheduledSession> sessions);
    /// The institution a schedule is filed for: 403 when it exists outside the scope, 404 when it does not.
    Institution ForFiling(const Principal& p, std::int64_t institution_id);
    std::vector<FiledSchedule> List(const Principal& p, std::int64_t institution_id);
    FiledSchedule Get(const Principal& p, std::int64_t schedule_id);

    CalendarView Calendar(const Principal& p, const std::string& unit_code);
    /// The city sets one day: a holiday, a make-up working day, or back to ordinary ("").
    void SetDay(const Principal& p, const std::string& date, const std::string& kind, const std::string& name);
    /// A county replaces its vacation windows (empty: back to the city's defaults).
    CalendarView SetVacations(const Principal& p, const std::string& unit_code, const std::vector<DateRange>& windows);

private:
    /// The path of a county the caller supervises, for a write: 422 unknown, 403 outside the scope.
    std::string CountyForWrite(const Principal& p, const std::string& unit_code);

    db::Database& database_;
    org::OrgService& org_;
    CalendarService& calendar_;
};

}  // namespace kehou::institutions
