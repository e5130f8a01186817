#pragma once
// The enrollment part of `kehou seed` (issue 8): the demo county's 2026 season as history and its 2027 season open
// now, from the demo city's incoming families (src/demo/enrollment_people.hpp), through the enrollment services.

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "demo/enrollment_people.hpp"

namespace kehou::app {

/// The demo accounts and places the seasons are made by and for.
struct EnrollmentSeedAccounts {
    std::string county_code;  // the demo county, e.g. "370811"
    std::int64_t county_user = 0, school_user = 0;
    std::string school_path;  // demo.school's scope: the school that reviews its catchment's papers
    std::int64_t demo_school = 0;
    int seed = 0;
};

/// Seeds both seasons; returns the summary line. `families` are the county's families whose department records the
/// snapshots hold (the demo guardian's two children among them: they are left for the demo to apply).
std::string SeedEnrollmentSeasons(App& app, const std::vector<demo::IncomingFamily>& families,
                                  const EnrollmentSeedAccounts& accounts);

}  // namespace kehou::app
