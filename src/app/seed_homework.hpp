#pragma once
// The homework part of `kehou seed` (issue 7 point 6): the autumn term so far for the demo school and a sample
// of every county, so that class, school, county and city reports, the overrun alerts, the approval queue and
// the family page all have content after `make run`.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "app/seed.hpp"

namespace kehou::app {

/// The demo accounts the homework rows name: who set the county's limits, who overrode as 教务处, whose
/// homework demo.teacher published, and whose child must have homework today.
struct HomeworkSeedAccounts {
    std::int64_t county_user = 0, school_user = 0, teacher_user = 0, guardian_user = 0;
};

/// Seeds the homework of the registry just loaded (deterministic from options.seed, up to today in
/// Asia/Shanghai); returns the summary, e.g. "homework: 31,204 assignments, 52,118 family reports in 1.2 s".
std::string SeedHomework(App& app, const SeedOptions& options, const HomeworkSeedAccounts& accounts);

}  // namespace kehou::app
