#pragma once
// Demo prepaid orders of one county (issue 6 point 8): orders within R1.15 with delivered classes confirmed,
// some awaiting the family, a disputed one, a refund request, and an institution closed with money held.

#include <random>
#include <vector>

#include "app/app.hpp"

namespace kehou::app {

/// Seeds through EscrowService as the county; `available` are operating institutions without a case (the last
/// one is closed with escrow held, which raises the risk alert). `with_demo_family`: the first order is paid by
/// the demo.parent account's guardian record, with a class waiting for their answer. Returns the number of orders.
int SeedEscrow(App& app, const Principal& county, const std::vector<institutions::Institution>& available,
               std::mt19937_64& rng, bool with_demo_family);

}  // namespace kehou::app
