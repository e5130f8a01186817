#pragma once
// The demo county's autumn term so far, for `kehou seed`: sessions held, with a few absences and leaves, and the
// families' first course ratings.

#include <cstdint>
#include <string>

#include "db/database.hpp"

namespace kehou::app {

/// Records every session the county's autumn sections held from 7 September to yesterday (school days, the
/// National Day week off) and marks about one child in 40 absent or on leave per session. Returns sessions.
std::int64_t SeedHeldSessions(db::Database& database, const std::string& county_path, int school_year);

/// Rates, as about one family in four would, each autumn course a child of the county takes (mostly 4–5 stars,
/// a few comments), leaving out the families with an account so they rate for themselves. Returns ratings.
std::int64_t SeedRatings(db::Database& database, const std::string& county_path, int school_year);

}  // namespace kehou::app
