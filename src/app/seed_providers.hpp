#pragma once
// The providers half of `kehou seed` (issue 9): a county record behind every provider on the after-school white
// list, two applications waiting in the demo county (one clean, one with a warning for the reviewer), the demo
// provider log-in linked to one of its providers, spot checks and school ratings, and the demo county's closed
// evaluation of the spring before the seeded school year.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "app/seed.hpp"

namespace kehou::app {

/// The demo accounts and places the providers' demo data hangs on.
struct ProviderSeedPeople {
    std::int64_t county_user = 0, school_user = 0, provider_user = 0;
    std::string county_unit, county_path;
    std::int64_t school_id = 0;
    std::string school_path;
};

/// Seeds the providers' records after the after-school seed wrote the white list and its courses. Returns the
/// summary, e.g. "providers: 40 records, 2 applications waiting, 1 evaluation closed".
std::string SeedProviders(App& app, const SeedOptions& options, const ProviderSeedPeople& people);

}  // namespace kehou::app
