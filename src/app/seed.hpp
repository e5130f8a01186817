#pragma once
// `kehou seed`: loads the synthetic demo city (src/demo) into the registry and creates one demo
// account per role, so a first start has something real to show.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace kehou::app {

/// What to seed.
struct SeedOptions {
    std::string scale = "county";  // tiny | county | city
    std::uint64_t seed = 20260901;
    int school_year = 2026;
    bool if_empty = false;  // do nothing (exit 0) when the registry already holds schools
};

/// The shared password of the demo accounts (README.md lists them); they skip the first-log-in change.
inline constexpr const char* kDemoPassword = "Kehou@2026";

/// One demo log-in, as printed after seeding.
struct DemoAccount {
    std::string username, role, display_name, scope_path;
};

/// Seeds, prints what it did and the demo log-ins; returns the exit status.
int RunSeed(const Config& config, const SeedOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kehou::app
