// Working days, the seeded 2026 calendar and complaint deadlines (issue 6 points 2, 4, 5; RULES R1.11, R6.2).
#include <fmt/format.h>

#include <algorithm>

#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date Ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

void AddRange(std::set<Date>& into, Date from, Date to) {
    for (sys_days d{from}; d <= sys_days{to}; d += days{1}) into.insert(Date{d});
}

// The State Council General Office's notice on the 2026 holiday arrangement (国务院办公厅关于2026年部分节假日安排
// 的通知, published late 2025). Each block is the whole run of days off, 调休 rest days included; the make-up
// working days (调休上班) are listed separately. The one place this data lives: a new year gets a new table here
// and, in production, the editable calendar table the service keeps per county.
struct HolidayBlock {
    std::string_view name;
    Date from, to;
};
const HolidayBlock kHolidays2026[] = {
    {"元旦", Ymd(2026, 1, 1), Ymd(2026, 1, 3)},     {"春节", Ymd(2026, 2, 15), Ymd(2026, 2, 23)},
    {"清明节", Ymd(2026, 4, 4), Ymd(2026, 4, 6)},   {"劳动节", Ymd(2026, 5, 1), Ymd(2026, 5, 5)},
    {"端午节", Ymd(2026, 6, 19), Ymd(2026, 6, 21)}, {"中秋节", Ymd(2026, 9, 25), Ymd(2026, 9, 27)},
    {"国庆节", Ymd(2026, 10, 1), Ymd(2026, 10, 7)},
};
struct MakeUpWorkday {
    Date day;
    std::string_view name;
};
const MakeUpWorkday kMakeUpWorkdays2026[] = {
    {Ymd(2026, 1, 4), "元旦调休上班"},        // Sunday
    {Ymd(2026, 2, 14), "春节调休上班"},       // Saturday, before
    {Ymd(2026, 2, 28), "春节调休上班"},       // Saturday, after
    {Ymd(2026, 5, 9), "劳动节调休上班"},      // Saturday
    {Ymd(2026, 9, 20), "中秋国庆调休上班"},   // Sunday, before 中秋 / 国庆
    {Ymd(2026, 10, 10), "国庆节调休上班"},    // Saturday
};
// [D] Typical Shandong school vacations for 2026 (winter from the last Saturday of January to the day before
// the spring term, summer July–August). Defaults only: each county edits them to its own school calendar.
const DateRange kVacations2026[] = {
    {Ymd(2026, 1, 24), Ymd(2026, 3, 1), "寒假"},
    {Ymd(2026, 7, 4), Ymd(2026, 8, 31), "暑假"},
};

}  // namespace

std::string FormatDate(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

Date RequireIsoDate(std::string_view text, std::string_view field) {
    if (const auto d = ParseIsoDate(text)) return *d;
    throw Error::BadRequest("institutions.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", std::string(field));
}

Date ShanghaiDateOf(TimePoint t) {
    return Date{std::chrono::floor<days>(t + kShanghaiOffset)};
}

bool IsWeekend(Date d) {
    const std::chrono::weekday w{sys_days{d}};
    return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

bool IsWorkingDay(Date d, const HolidayCalendar& cal) {
    if (cal.holidays.contains(d)) return false;
    return !IsWeekend(d) || cal.make_up_workdays.contains(d);
}

const DateRange* VacationOn(Date d, const HolidayCalendar& cal) {
    for (const auto& v : cal.vacations)
        if (sys_days{v.from} <= sys_days{d} && sys_days{d} <= sys_days{v.to}) return &v;
    return nullptr;
}

Date AddWorkingDays(Date from, int n, const HolidayCalendar& cal) {
    // Terminates for any calendar: its holiday set is finite, so ordinary weekdays lie beyond it.
    const days step{n < 0 ? -1 : 1};
    sys_days d{from};
    for (int left = std::abs(n); left > 0;) {
        d += step;
        if (IsWorkingDay(Date{d}, cal)) --left;
    }
    return Date{d};
}

int WorkingDaysBetween(Date from, Date to, const HolidayCalendar& cal) {
    const bool backwards = sys_days{to} < sys_days{from};
    const sys_days lo{backwards ? to : from}, hi{backwards ? from : to};
    int count = 0;
    for (sys_days d = lo + days{1}; d <= hi; d += days{1})
        if (IsWorkingDay(Date{d}, cal)) ++count;
    return backwards ? -count : count;
}

HolidayCalendar Calendar2026() {
    HolidayCalendar cal;
    for (const auto& b : kHolidays2026) AddRange(cal.holidays, b.from, b.to);
    for (const auto& w : kMakeUpWorkdays2026) cal.make_up_workdays.insert(w.day);
    cal.vacations.assign(std::begin(kVacations2026), std::end(kVacations2026));
    return cal;
}

std::vector<CalendarDay> CalendarDays2026() {
    std::vector<CalendarDay> out;
    for (const auto& b : kHolidays2026)
        for (sys_days d{b.from}; d <= sys_days{b.to}; d += std::chrono::days{1})
            out.push_back({FormatDate(Date{d}), "holiday", std::string(b.name)});
    for (const auto& w : kMakeUpWorkdays2026) out.push_back({FormatDate(w.day), "workday", std::string(w.name)});
    return out;
}

Date ComplaintDueDate(TimePoint received_at, int working_days, const HolidayCalendar& cal) {
    return AddWorkingDays(ShanghaiDateOf(received_at), std::max(0, working_days), cal);
}

bool ComplaintOverdue(Date due_on, Date today, std::optional<Date> closed_on) {
    const sys_days due{due_on};
    return closed_on ? sys_days{*closed_on} > due : sys_days{today} > due;
}

}  // namespace kehou::institutions
