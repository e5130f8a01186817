#pragma once
// The allocation's published inputs as plain text, and stored lines ↔ results. The text is what a window
// keeps when it is allocated and what `kehou allocate --verify` re-runs: pseudonymous (internal ids,
// grades, the one priority group that sets a child's tier, wishes), no names, no identity numbers.
//
//   order disability,hardship,migrant,left_behind,military_family
//   context afterschool-window-17
//   section <id> <course id> <capacity> <grade from> <grade to> <weekday>:<start>-<end>[;...]
//   child <id> <grade> <limit> <group or -> <section id>[,...]

#include <string>
#include <string_view>
#include <vector>

#include "afterschool/allocation.hpp"

namespace kehou::afterschool {

/// The inputs without the seed (the seed is revealed separately, at close).
std::string WriteAllocInputs(const AllocInput& input);
/// Parses WriteAllocInputs' text and adds the seed; throws a 422 kehou::Error naming the bad line.
AllocInput ReadAllocInputs(std::string_view text, const std::string& seed);

AllocationLine ToLine(const WishResult& r);
WishResult FromLine(const AllocationLine& line);

}  // namespace kehou::afterschool
