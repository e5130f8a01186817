// Apportion: the integer sharing-out behind every total the demo city reproduces.
#include "demo/apportion.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace kehou::demo {
namespace {

using Weights = std::vector<std::int64_t>;

std::int64_t Sum(const Weights& v) {
    return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

TEST(DemoApportionTest, SplitsInProportionWithLargestRemainder) {
    // 10 over 1:1:1 is 3.33 each; the spare unit goes to the first of the equal remainders.
    EXPECT_EQ(Apportion(10, Weights{1, 1, 1}, Weights{0, 0, 0}, Weights{10, 10, 10}), (Weights{4, 3, 3}));
    EXPECT_EQ(Apportion(100, Weights{1, 3}, Weights{0, 0}, Weights{100, 100}), (Weights{25, 75}));
    EXPECT_EQ(Apportion(7, Weights{2, 5}, Weights{0, 0}, Weights{7, 7}), (Weights{2, 5}));
}

TEST(DemoApportionTest, RespectsBoundsAndStillHitsTheTotal) {
    // Proportional would give 90/10; the cap of 60 moves the rest to the other item.
    const auto out = Apportion(100, Weights{9, 1}, Weights{0, 0}, Weights{60, 100});
    EXPECT_EQ(out, (Weights{60, 40}));
    // A floor: the small item gets at least 30.
    EXPECT_EQ(Apportion(100, Weights{99, 1}, Weights{0, 30}, Weights{100, 100}), (Weights{70, 30}));
    const Weights weights{5, 1, 7, 3, 2, 8, 1, 1};
    const Weights lo(weights.size(), 35);
    const Weights hi(weights.size(), 45);
    const auto classes = Apportion(320, weights, lo, hi);
    EXPECT_EQ(Sum(classes), 320);
    for (auto c : classes) {
        EXPECT_GE(c, 35);
        EXPECT_LE(c, 45);
    }
}

TEST(DemoApportionTest, UnreachableTotalsGiveTheBounds) {
    EXPECT_EQ(Apportion(3, Weights{1, 1}, Weights{2, 2}, Weights{9, 9}), (Weights{2, 2}));
    EXPECT_EQ(Apportion(30, Weights{1, 1}, Weights{2, 2}, Weights{9, 9}), (Weights{9, 9}));
}

TEST(DemoApportionTest, ZeroWeightsAndLargeTotals) {
    EXPECT_EQ(Sum(Apportion(5, Weights{0, 0, 0}, Weights{0, 0, 0}, Weights{5, 5, 5})), 5);
    const Weights big{1, 1'000'000'000, 3};
    const auto out = Apportion(829'774, big, Weights(3, 0), Weights(3, 829'774));
    EXPECT_EQ(Sum(out), 829'774);
    EXPECT_EQ(out[1], 829'774);  // the other two are ~0.001 each
}

}  // namespace
}  // namespace kehou::demo
