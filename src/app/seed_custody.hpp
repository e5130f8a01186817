#pragma once
// The summer custody part of `kehou seed` (issue 9 points 6–9, seed 004): the demo county's 2026 summer as history —
// sites covering every compulsory-education school of the county, two 5-day periods, the survey, sign-ups drawn,
// attendance and meals for its days, safety plans and staff, closed — and the 2027 plan open for sign-up, where
// demo.parent can sign a child up.

#include <cstdint>
#include <string>

#include "app/app.hpp"

namespace kehou::app {

/// The demo accounts the plans are made by and for.
struct CustodySeedAccounts {
    std::string county_code, county_path;
    std::int64_t county_user = 0, school_user = 0, parent_user = 0;
    std::string school_path;  // demo.school's scope (it writes its own site's safety plan)
    int seed = 0;
};

/// Seeds both summers through the custody services (the families' rows in batches); returns the summary line.
std::string SeedCustody(App& app, const CustodySeedAccounts& accounts);

}  // namespace kehou::app
