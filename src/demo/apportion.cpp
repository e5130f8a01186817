#include "demo/apportion.hpp"

#include <algorithm>
#include <numeric>

namespace kehou::demo {
namespace {

// 128-bit products: λ·w overflows 64 bits for the spread of weights a city has.
__extension__ using Wide = unsigned __int128;

constexpr int kShift = 32;  // λ is a fixed-point factor with 32 fractional bits

std::int64_t Share(Wide lambda, std::int64_t weight, std::int64_t lo, std::int64_t hi) {
    const Wide raw = (lambda * static_cast<Wide>(weight)) >> kShift;
    if (raw >= static_cast<Wide>(hi)) return hi;
    return std::max(lo, static_cast<std::int64_t>(raw));
}

}  // namespace

std::vector<std::int64_t> Apportion(std::int64_t total, std::span<const std::int64_t> weights,
                                    std::span<const std::int64_t> lo, std::span<const std::int64_t> hi) {
    const std::size_t n = weights.size();
    const std::int64_t lo_sum = std::accumulate(lo.begin(), lo.end(), std::int64_t{0});
    const std::int64_t hi_sum = std::accumulate(hi.begin(), hi.end(), std::int64_t{0});
    if (total <= lo_sum) return {lo.begin(), lo.end()};
    if (total >= hi_sum) return {hi.begin(), hi.end()};

    auto sum_at = [&](Wide lambda) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += Share(lambda, std::max<std::int64_t>(weights[i], 1), lo[i], hi[i]);
        return sum;
    };
    // The largest λ whose shares do not exceed the total; Σ is monotone in λ.
    Wide low = 0;
    Wide high = static_cast<Wide>(hi_sum + 1) << kShift;  // every share is at hi by then (weights ≥ 1)
    while (high - low > 1) {
        const Wide mid = low + (high - low) / 2;
        if (sum_at(mid) <= total)
            low = mid;
        else
            high = mid;
    }
    std::vector<std::int64_t> out(n);
    std::vector<std::pair<std::uint64_t, std::size_t>> remainders;  // fractional part at the next λ, index
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t w = std::max<std::int64_t>(weights[i], 1);
        out[i] = Share(low, w, lo[i], hi[i]);
        const Wide product = low * static_cast<Wide>(w);
        remainders.emplace_back(static_cast<std::uint64_t>(product & ((Wide{1} << kShift) - 1)), i);
    }
    // Hand the last units to the items nearest their next unit, largest fraction first.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::int64_t left = total - std::accumulate(out.begin(), out.end(), std::int64_t{0});
    while (left > 0) {
        for (const auto& [fraction, i] : remainders) {
            if (left == 0) break;
            if (out[i] < hi[i]) {
                ++out[i];
                --left;
            }
        }
    }
    return out;
}

}  // namespace kehou::demo
