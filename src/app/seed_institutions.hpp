#pragma once
// The off-campus training half of `kehou seed`: every county with schools gets a registry of training
// institutions with its frozen pre-双减 baseline (most 学科类 ones since closed), inspection cases in every
// state of the graph, complaints — open, assigned, closed, some overdue — and prepaid orders in escrow, so every
// page has content.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "app/seed.hpp"

namespace kehou::app {

/// Seeds through the services (every row passes the same checks as the API). The demo.county and
/// demo.inspector accounts act; complaints are assigned only where the inspector's scope reaches.
/// Returns the summary, e.g. "institutions: 1,234 registered, 150 cases, 180 complaints in 4.2 s".
std::string SeedInstitutions(App& app, const SeedOptions& options, std::int64_t county_user_id,
                             std::int64_t inspector_user_id, const std::string& inspector_scope);

}  // namespace kehou::app
