#pragma once
// The generator's own pseudo-random numbers. std::uniform_*_distribution is implementation-defined, so the
// same seed would give a different city on libstdc++ and libc++; everything here is plain integer arithmetic
// and therefore byte-identical everywhere.

#include <cstdint>
#include <iterator>
#include <span>

namespace kehou::demo {

/// SplitMix64 finaliser: spreads a seed (or a seed combined with a stream number) over 64 bits.
constexpr std::uint64_t Mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64; one independent stream per (seed, stream).
class Rng {
public:
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) {
        std::uint64_t x = Mix64(seed) ^ Mix64(stream + 0x5851F42D4C957F2DULL);
        for (auto& word : s_) {
            x += 0x9E3779B97F4A7C15ULL;
            word = Mix64(x);
        }
    }

    std::uint64_t Next() {
        const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = Rotl(s_[3], 45);
        return result;
    }

    /// Uniform in [0, n), unbiased (rejection of the short top range); n must be > 0.
    std::uint64_t Below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t x = Next();
            if (x >= threshold) return x % n;
        }
    }

    /// Uniform in [lo, hi].
    int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1)); }

    /// True with probability per_mille / 1000.
    bool PerMille(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }

    /// An index drawn with the given weights (cumulative sums, last = total); the table must be non-empty.
    std::size_t Pick(std::span<const std::uint32_t> cumulative) {
        const std::uint64_t r = Below(cumulative.back());
        std::size_t lo = 0;
        std::size_t hi = cumulative.size() - 1;
        while (lo < hi) {  // first entry whose cumulative weight exceeds r
            const std::size_t mid = (lo + hi) / 2;
            if (cumulative[mid] > r)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    /// One element of a non-empty array or container, uniformly.
    template <typename Container>
    const auto& Of(const Container& items) {
        return items[Below(std::size(items))];
    }

private:
    static constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

}  // namespace kehou::demo
