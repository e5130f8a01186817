#pragma once
// The departments' data part of `kehou seed` (issue 8 point 1): the demo city's incoming grade-1 families of 2026
// and 2027 (src/demo/enrollment_people.hpp) as every department's confirmed snapshots — an older version of
// 2026-06-01 and the current one of 2026-11-01 — so that a one-key application finds records after `make run`.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "app/seed.hpp"
#include "demo/enrollment_people.hpp"

namespace kehou::app {

/// Seeds the snapshots of every county of the registry just loaded (deterministic from options.seed), through the
/// same reading and the same persistence as an operator's load, in one transaction; `demo_county` also gets the
/// demo guardian's two children. `operator_id` is the confirming user (demo.city). Returns the summary, e.g.
/// "department data: 2 versions, 48,210 records in 0.6 s".
std::string SeedEnrollmentSources(App& app, const SeedOptions& options, const std::string& demo_county,
                                  std::int64_t operator_id);

/// The demo county's families as the snapshots hold them (the seasons' seed applies in their names).
std::vector<demo::IncomingFamily> DemoCountyFamilies(App& app, const SeedOptions& options,
                                                    const std::string& demo_county);

}  // namespace kehou::app
