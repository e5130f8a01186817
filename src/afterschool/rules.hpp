#pragma once
// After-school policy as pure functions, to the letter of RULES R1.5–R1.9, R1.14, R2.1–R2.3. Each check
// throws a 422 kehou::Error naming the field, or returns what the policy computes.

#include <string_view>

#include "afterschool/model.hpp"
#include "core/error.hpp"

namespace kehou::afterschool {

/// Shandong's bounds (RULES R2.1): a county may set its standard lower, never higher.
inline constexpr std::int64_t kShandongRuralCapFen = 300;
inline constexpr std::int64_t kShandongUrbanCapFen = 350;

/// "17:30" → 1050; nullopt unless HH:MM with 00–23 and 00–59.
std::optional<MinuteOfDay> ParseTimeOfDay(std::string_view hhmm);
std::string FormatTimeOfDay(MinuteOfDay m);

/// A fee standard within the provincial bounds, with a sane off-work time and offset (R1.5, R1.6, R2.2).
void ValidateFeeStandard(const FeeStandard& s);

/// The per-hour cap that applies to a school (R2.1).
std::int64_t HourlyCapFen(const FeeStandard& s, bool rural_school);

/// The checks at publication: fee within the cap (R2.1), a provider's course non-subject (R2.3a, R1.14),
/// provider admitted by the county (R2.3c), free provider ⇒ fee 0 (R2.3d), no new lessons (R1.8(f)),
/// valid slots and capacity.
void ValidateCourse(const CourseDraft& c, const FeeStandard& s, bool rural_school);

/// Whether two slots meet on the same weekday at the same time (a child cannot take both).
bool Overlaps(const TimeSlot& a, const TimeSlot& b);

/// "5+2" basic service (R1.7): offered on 5 school days a week, at least 2 hours (120 min) each day.
/// `daily_minutes[d]` for weekday d = 1..5 (index 0 unused).
void ValidateBasicService(const std::vector<int>& daily_minutes);

/// The earliest end time a school's latest batch may have: off-work time + offset (R1.5, R1.6).
MinuteOfDay EarliestLatestEnd(const FeeStandard& s);

/// Dismissal batches of one weekday (R1.9): strictly increasing end times, and at least one no earlier
/// than off-work + offset (shorter batches may exist beside it, R1.8(b)).
void ValidateDismissalDay(const DismissalDay& d, const FeeStandard& s);

/// A semester's statement: Σ hours × rate, each month capped by the month cap, the total by the semester
/// cap; a financial-hardship child pays 0 (R1.8(g), R2.1). Rate above the school's cap is an error.
FeeStatement ComputeStatement(const std::vector<MonthHours>& months, std::int64_t rate_fen, bool hardship,
                              const FeeStandard& s, bool rural_school);

/// Leaving mid-term (R1.8(c)): what to refund of a prepaid amount when only `taken_hours` of the
/// `booked_hours` were delivered. Fees follow hours actually taken; the refund is never negative.
std::int64_t RefundForLeaving(std::int64_t prepaid_fen, int booked_hours, int taken_hours, std::int64_t rate_fen);

/// [D] Class hours (课时) of a session for fees and instructor hours: its minutes / 60, rounded to the
/// nearest whole hour, at least 1.
int SessionClassHours(int minutes);

/// One course's class hours in a month, at that course's hourly rate.
struct CourseMonthHours {
    int month = 9;
    int hours = 0;
    std::int64_t rate_fen = 0;
};

/// A semester statement over several courses: each month Σ hours × rate within the month cap, the total
/// within the semester cap, 0 for financial hardship (R1.8(g), R2.1). Any rate above the cap is an error.
FeeStatement ComputeCoursesStatement(const std::vector<CourseMonthHours>& hours, bool hardship, const FeeStandard& s,
                                     bool rural_school);

}  // namespace kehou::afterschool
