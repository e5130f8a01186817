#pragma once
// Off-campus training policy as pure functions (no database, no clock: `today` is always a parameter), to the
// letter of RULES R1.11–R1.16 and R6.1–R6.5. Checks that can find several faults at once return a list of
// Violations naming the field; a refused state change throws kehou::Error. The inspection-case state machine
// is in case_rules.hpp and the escrow ledger in escrow_rules.hpp, both included here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "institutions/case_rules.hpp"
#include "institutions/escrow_rules.hpp"
#include "institutions/model.hpp"

namespace kehou::institutions {

// ---- Calendar and working days -----------------------------------------------------------------------

/// "2026-02-14".
std::string FormatDate(Date d);
/// An ISO date from a request; 400 naming `field` when it is not one.
Date RequireIsoDate(std::string_view text, std::string_view field);
/// The Asia/Shanghai calendar date of an instant.
Date ShanghaiDateOf(TimePoint t);
/// Saturday or Sunday.
bool IsWeekend(Date d);
/// A working day (工作日): not a holiday, and either Monday–Friday or a 调休上班 make-up day.
bool IsWorkingDay(Date d, const HolidayCalendar& cal);
/// The vacation window containing `d` (edges included), or nullptr.
const DateRange* VacationOn(Date d, const HolidayCalendar& cal);

/// The day `n` working days after `from` (n ≥ 0; `from` itself is not counted, as a deadline "within n
/// working days" of a request starts the next day). n = 0 gives `from`. Negative n counts backwards.
Date AddWorkingDays(Date from, int n, const HolidayCalendar& cal);
/// The working days d with from < d ≤ to; negative when to < from. AddWorkingDays(from, k) ≤ to ⇔ k ≤ this.
int WorkingDaysBetween(Date from, Date to, const HolidayCalendar& cal);

/// The State Council's 2026 holiday arrangement with typical Shandong 2026 school vacations as
/// defaults a county edits. The data and its source are in calendar.cpp.
HolidayCalendar Calendar2026();
/// The same arrangement as named rows (国庆节, 春节调休上班…), for seeding the editable calendar.
std::vector<CalendarDay> CalendarDays2026();

// ---- Schedules (RULES R1.11–R1.13) -------------------------------------------------------------------

/// R1.12: an online lesson lasts at most 30 minutes.
inline constexpr int kOnlineLessonMaxMinutes = 30;
/// R1.12: at least 10 minutes between two online lessons.
inline constexpr int kOnlineBreakMinMinutes = 10;
/// R1.12: online training ends by 21:00 (an end of exactly 21:00 is allowed).
inline constexpr MinuteOfDay kOnlineLatestEnd = 21 * 60;
/// R1.13: offline training ends by 20:30 (an end of exactly 20:30 is allowed).
inline constexpr MinuteOfDay kOfflineLatestEnd = 20 * 60 + 30;

/// R1.14, R1.11: whether a course title names a 学科类 subject (道德与法治, 语文, 历史, 地理, 数学, 外语/英语/
/// 日语/俄语, 物理, 化学, 生物). A heuristic: it flags, an inspector decides.
bool NamesSubjectTypeSubject(std::string_view title);

/// Checks one lesson on its own: a sane time (start < end within the day); R1.11 for 学科类 (no weekend,
/// statutory holiday or vacation); R1.12 for online (≤ 30 min, ends ≤ 21:00); R1.13 for offline (ends
/// ≤ 20:30, the optional local length cap, no clash with school hours); and, as a warning, a 学科类 title in a
/// 非学科类 session. R1.11 decision: a 调休上班 make-up Saturday/Sunday is a working day and a school day, so
/// 学科类 training after school is allowed on it unless it falls in a vacation or the county sets
/// `make_up_workdays_are_rest_days`; the reasoning is in rules.cpp.
std::vector<Violation> CheckSession(const ScheduledSession& s, const HolidayCalendar& cal,
                                    const ScheduleConfig& config = {});

/// R1.12: breaks of at least 10 minutes between consecutive online lessons of one date. `sessions` is one
/// class's timetable (lessons of different classes do not need a break between them); offline lessons are
/// ignored. A violation names the later lesson's index in `sessions`; overlapping lessons count as no break.
std::vector<Violation> CheckOnlineBreaks(const std::vector<ScheduledSession>& sessions);

/// A whole filed schedule (one class): CheckSession on each lesson and CheckOnlineBreaks, every violation
/// carrying its session index, ordered by index.
std::vector<Violation> CheckSchedule(const std::vector<ScheduledSession>& sessions, const HolidayCalendar& cal,
                                     const ScheduleConfig& config = {});

// ---- Prepaid orders (RULES R1.15) and guidance prices (RULES R1.16) ------------------------------------

/// R1.15: one charge covers at most 3 months …
inline constexpr int kMaxOrderMonths = 3;
/// … and at most 60 class hours …
inline constexpr int kMaxOrderClassHours = 60;
/// … and at most 5,000 yuan.
inline constexpr std::int64_t kMaxOrderAmountFen = 500'000;

/// `d` plus `months` calendar months; a day the target month lacks becomes its last day (Jan 31 + 1 → Feb 28).
Date AddMonths(Date d, int months);
/// The last day a period of `months` starting on `start` covers: AddMonths(start, months) − 1 day, so
/// 2026-03-01 + 3 months covers 2026-03-01…2026-05-31 and an end of 2026-06-01 is 3 months + 1 day.
Date LastDayOfMonths(Date start, int months);

/// R1.15: ≤ 3 months (by end date and by stated months; an order must state one), ≤ 60 class hours,
/// ≤ 500,000 fen, amount = class hours × unit price (so 一课一消 releases whole fen, R6.2), positive figures,
/// dates in order; and the local rules the config switches on. Empty when the order may be taken.
std::vector<Violation> CheckPrepaidOrder(const PrepaidOrder& order, const PrepaidConfig& config = {});

/// R1.16: the highest price per class hour a guidance price allows, guidance × (1 + float_bp / 10000),
/// rounded down to whole fen. `float_bp` is the county's upward band in basis points (1000 = 10 %).
std::int64_t MaxGuidedPriceFen(std::int64_t guidance_fen, int float_bp);
/// R1.16: a 学科类 unit price within the guidance band; nullopt when within. Compared exactly in integers
/// (price × 10000 ≤ guidance × (10000 + float_bp)). Throws a 422 for a negative guidance or band.
std::optional<Violation> CheckGuidancePrice(std::int64_t unit_price_fen, std::int64_t guidance_fen, int float_bp);

/// The first violation as the 422 a service throws; the number of violations goes in the details.
Error ToError(const std::vector<Violation>& violations);
/// Throws ToError(violations) when any violation is not a warning.
void ThrowIfViolations(const std::vector<Violation>& violations);

// ---- 压减率 (RULES R6.3) -----------------------------------------------------------------------------

/// A reduction rate: (baseline − current) / baseline, also as basis points rounded half away from zero
/// (476 / 751 = 0.633821… → 6338 bp = 63.38 %). Negative when the count grew.
struct ReductionRate {
    std::int64_t baseline = 0;
    std::int64_t current = 0;
    std::int64_t cut = 0;           // baseline − current: the exact numerator
    std::int64_t basis_points = 0;  // rounded; use cut / baseline for anything exact
};

/// R6.3: nullopt when the baseline is 0 (no institutions to reduce: the rate is undefined, not 0 % or ∞).
std::optional<ReductionRate> ComputeReductionRate(std::int64_t baseline, std::int64_t current);
/// 6338 → "63.38%", -125 → "-1.25%".
std::string FormatPercent(std::int64_t basis_points);
/// R6.3: whether an institution in this status counts in the "current" figure. Operating, rectifying and
/// suspended ones still hold their licence and can reopen, so they count; closed and cancelled ones are the
/// reduction. (An institution that converted to 非学科类 leaves the 学科类 count through its category.)
bool CountsAsCurrent(InstitutionStatus status);

// ---- Complaints (issue 6 point 2) ----------------------------------------------------------------------

/// [D] Default time to handle a complaint: 5 working days, as city 12345 lines give routine requests.
inline constexpr int kDefaultComplaintWorkingDays = 5;
/// The due date of a complaint received at `received_at`: `working_days` working days after its Shanghai
/// date (the day of receipt is not counted, so a complaint on a Friday night is due the next Friday for 5).
Date ComplaintDueDate(TimePoint received_at, int working_days, const HolidayCalendar& cal);
/// Overdue: not closed by the end of its due date. A complaint closed late stays overdue in the record.
bool ComplaintOverdue(Date due_on, Date today, std::optional<Date> closed_on);

}  // namespace kehou::institutions
