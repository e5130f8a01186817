#pragma once
// Semesters as the after-school module writes them ("2026-autumn", "2027-spring"), with the calendar the providers
// module needs around them: the semester of a date, the one before, and an order. Pure.

#include <optional>
#include <string>
#include <string_view>

#include "providers/model.hpp"

namespace kehou::providers {

/// [D] The semester a date lies in: February–July is that year's spring, August–December that year's autumn, and
/// January still the previous year's autumn (the winter term ends before the Spring Festival).
std::string SemesterOf(Date d);

/// "2027-spring" → "2026-autumn", "2026-autumn" → "2026-spring"; nullopt for anything else.
std::optional<std::string> PreviousSemester(std::string_view semester);

/// A number that orders semesters in time (2026-spring < 2026-autumn < 2027-spring); -1 for anything else.
int SemesterKey(std::string_view semester);

/// "2027年春季学期" for the notices.
std::string SemesterLabelZh(std::string_view semester);

}  // namespace kehou::providers
