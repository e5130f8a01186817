#pragma once
// The homework seed's plan (src/app/seed_homework.cpp writes it): which days of the autumn term get homework and
// what a grade's teachers usually give on one, within the limit. Pure: no database; randomness from demo::Rng.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "demo/random.hpp"
#include "homework/rules.hpp"

namespace kehou::app::homework_seed {

using homework::DayKind;
using homework::HomeworkType;
using std::chrono::sys_days;

/// One day of the seeded term.
struct Day {
    sys_days date;
    std::string iso;
    DayKind kind = DayKind::kSchoolDay;
    int week = 0;  // weeks since the Monday of the term's first week
};

/// A day the school is open: a working day of the 2026 holiday arrangement (调休 make-up days included) outside
/// the vacations, and never 1 January.
bool IsSchoolDay(sys_days d);

/// The seeded days: every school day and the first day of every break, up to today; `extra` holds today
/// and the next school day for the schools the demo accounts look at, where the term does not.
struct Term {
    std::vector<Day> days, extra;
    sys_days today;
    std::string today_iso;
};

/// Weeks since the Monday of the week of 1 September of `school_year`.
int WeekOf(sys_days d, int school_year);

/// The term of `school_year` from 1 September up to `today`, but never past 20 January.
Term PlanTerm(int school_year, sys_days today);

/// An instant on a day (minutes after midnight, Shanghai), never later than `now`.
std::string At(sys_days d, int minute, TimePoint now);

/// 12345 → "12,345".
std::string Thousands(std::int64_t n);

/// One homework as planned, before it is given its author and status.
struct Item {
    std::string_view subject;
    HomeworkType type;
    int minutes;
};

/// A multiple of 5 minutes in [lo, hi]: how teachers estimate.
int Fives(demo::Rng& rng, int lo, int hi);

/// What a teacher of `subject` writes for a homework of `type` in the term's `week`.
std::string Content(std::string_view subject, HomeworkType type, int week, demo::Rng& rng);

/// A grade's usual mix for a day (R1.1: grades 1–2 only reading, oral, practical and inquiry), the written part
/// trimmed to `limit` (R1.2).
std::vector<Item> PlanItems(int grade, DayKind kind, int limit, demo::Rng& rng);

}  // namespace kehou::app::homework_seed
