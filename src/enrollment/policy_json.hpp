#pragma once
// A county's admission policy as stored configuration (R5.7: categories and their order are data, not code): the
// JSON a county edits and the Policy the rules read, with every bad value named by its path.

#include <boost/json/value.hpp>

#include "enrollment/model.hpp"

namespace kehou::enrollment {

/// The policy as JSON: {entry_age, cutoff: "08-31", categories: [{name, all: [condition]}], migrant_minimum:
/// {months, as_of, permit_required} | null, points: {permit_tenths_per_month, insurance_tenths_per_month,
/// cap_months, as_of} | null, tie_breakers: [..]}.
boost::json::value PolicyJson(const Policy& p);

/// The policy a county submitted; 422 naming the path of the first bad value ("categories[1].all[0]").
Policy ParsePolicy(const boost::json::value& v);

}  // namespace kehou::enrollment
