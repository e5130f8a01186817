#pragma once
// Splitting an integer total over items in proportion to integer weights, within per-item bounds: how the
// city's schools, classes, students and teachers are shared out so that the totals come out exactly.

#include <cstdint>
#include <span>
#include <vector>

namespace kehou::demo {

/// x with Σx = total, lo[i] ≤ x[i] ≤ hi[i], and x as close to proportional to `weights` as the bounds allow
/// (largest remainder, ties to the lower index). When the bounds make `total` unreachable the result is lo
/// (total too small) or hi (too large). Pure integer arithmetic, hence the same on every platform.
std::vector<std::int64_t> Apportion(std::int64_t total, std::span<const std::int64_t> weights,
                                    std::span<const std::int64_t> lo, std::span<const std::int64_t> hi);

}  // namespace kehou::demo
