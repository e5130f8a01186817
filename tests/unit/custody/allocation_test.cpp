// The allocation of custody places: everyone when the sign-ups fit (exactly full included), one over and the
// lottery decides within the lowest tier that does not fit, priority tiers first, the waitlist in draw order and
// promoted on a cancellation, and the same result whatever order the sign-ups come in.
#include "custody/allocation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/error.hpp"
#include "custody_fixture.hpp"
#include "lottery/lottery.hpp"

namespace kehou::custody {
namespace {

using testing::MakeSite;

constexpr std::string_view kSeed = "5f2b0c8e9d7a41f3b6e2c1d0a9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6";

// One site (7) for schools 1 and 2, `places` in period 1 and 10 in period 2.
CustodyPlan OneSite(int places) {
    CustodyPlan p;
    p.periods = testing::SeedPeriods();
    p.sites = {MakeSite(7, 1, {1, 2}, {{1, places}, {2, 10}})};
    return p;
}

std::vector<SignUp> Children(std::int64_t first, std::int64_t count, std::vector<PriorityGroup> groups = {}) {
    std::vector<SignUp> v;
    for (auto c = first; c < first + count; ++c) v.push_back({c, 1 + c % 2, 7, {1}, groups});
    return v;
}

std::vector<std::int64_t> Ids(const std::vector<Entry>& l) {
    std::vector<std::int64_t> v;
    for (const auto& e : l) v.push_back(e.child_id);
    return v;
}

const SiteAllocation& Period1(const std::vector<SiteAllocation>& a) {
    return a.at(0);
}

TEST(CustodyAllocationTest, EveryOpenSitePeriodHasAnAllocationWithItsLotteryContext) {
    const auto a = Allocate(OneSite(5), {}, {}, kSeed);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].period_id, 1);
    EXPECT_EQ(a[0].capacity, 5);
    EXPECT_EQ(a[0].lottery_context, "custody-7-1");
    EXPECT_EQ(a[1].lottery_context, "custody-7-2");
    EXPECT_TRUE(a[0].placed.empty());
}

TEST(CustodyAllocationTest, ExactlyFullEveryoneHasAPlace) {
    const auto a = Allocate(OneSite(5), Children(1, 5), {}, kSeed);
    EXPECT_EQ(Period1(a).placed.size(), 5u);
    EXPECT_TRUE(Period1(a).waitlist.empty());
    EXPECT_FALSE(Period1(a).oversubscribed);
}

TEST(CustodyAllocationTest, OneOverTheLotteryDecidesAndTheLastDrawWaits) {
    const auto a = Allocate(OneSite(5), Children(1, 6), {}, kSeed);
    const auto& p = Period1(a);
    EXPECT_TRUE(p.oversubscribed);
    ASSERT_EQ(p.placed.size(), 5u);
    ASSERT_EQ(p.waitlist.size(), 1u);
    // The waiting child is the one with the highest draw of the shared lottery in this site-period's context.
    const lottery::Drawer draw(kSeed, "custody-7-1");
    std::int64_t highest = 1;
    for (std::int64_t c = 2; c <= 6; ++c)
        if (draw(c) > draw(highest)) highest = c;
    EXPECT_EQ(p.waitlist[0].child_id, highest);
    EXPECT_EQ(p.waitlist[0].draw, draw(highest));
    for (std::size_t i = 1; i < p.placed.size(); ++i) EXPECT_LT(p.placed[i - 1].draw, p.placed[i].draw);
}

TEST(CustodyAllocationTest, PriorityTiersGoFirstWhateverTheirDraw) {
    auto signups = Children(1, 4);                                                          // no group: tier 2
    auto dual = Children(10, 2, {PriorityGroup::kDualIncome});                              // tier 1
    auto military = Children(20, 1, {PriorityGroup::kMilitary});                            // tier 0
    auto left = Children(21, 1, {PriorityGroup::kLeftBehind, PriorityGroup::kDualIncome});  // tier 0
    for (const auto* g : {&dual, &military, &left}) signups.insert(signups.end(), g->begin(), g->end());
    const auto p = Period1(Allocate(OneSite(3), signups, {}, kSeed));
    ASSERT_EQ(p.placed.size(), 3u);
    EXPECT_EQ(p.placed[0].tier, 0);
    EXPECT_EQ(p.placed[1].tier, 0);
    EXPECT_EQ(p.placed[2].tier, 1) << "one of the two dual-income children, by draw";
    ASSERT_EQ(p.waitlist.size(), 5u);
    EXPECT_EQ(p.waitlist[0].tier, 1) << "the other dual-income child waits first";
    for (std::size_t i = 1; i < p.waitlist.size(); ++i) EXPECT_EQ(p.waitlist[i].tier, 2);
}

TEST(CustodyAllocationTest, ACountyMayOrderTheTiersItsOwnWay) {
    auto signups = Children(1, 1, {PriorityGroup::kMilitary});
    const auto dual = Children(2, 1, {PriorityGroup::kDualIncome});
    signups.insert(signups.end(), dual.begin(), dual.end());
    const PriorityTiers dual_first{{{PriorityGroup::kDualIncome}, {PriorityGroup::kMilitary}}};
    EXPECT_EQ(Ids(Period1(Allocate(OneSite(1), signups, dual_first, kSeed)).placed), std::vector<std::int64_t>{2});
    EXPECT_EQ(Ids(Period1(Allocate(OneSite(1), signups, {}, kSeed)).placed), std::vector<std::int64_t>{1});
}

TEST(CustodyAllocationTest, TheSameSignUpsInAnyOrderGiveTheSameResult) {
    auto signups = Children(1, 30);
    const auto low = Children(100, 6, {PriorityGroup::kLowIncome});
    signups.insert(signups.end(), low.begin(), low.end());
    for (auto& s : signups) s.periods = {1, 2};
    const auto reference = Allocate(OneSite(12), signups, {}, kSeed);
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(signups.begin(), signups.end(), rng);
        const auto again = Allocate(OneSite(12), signups, {}, kSeed);
        ASSERT_EQ(again.size(), reference.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            EXPECT_EQ(Ids(again[i].placed), Ids(reference[i].placed));
            EXPECT_EQ(Ids(again[i].waitlist), Ids(reference[i].waitlist));
        }
    }
    // Each site-period draws in its own context: the two periods' orders differ.
    const auto order = [](const SiteAllocation& a) {
        auto ids = Ids(a.placed);
        const auto waiting = Ids(a.waitlist);
        ids.insert(ids.end(), waiting.begin(), waiting.end());
        return ids;
    };
    EXPECT_NE(order(reference[0]), order(reference[1]));
}

TEST(CustodyAllocationTest, AnotherSeedGivesAnotherDraw) {
    const auto a = Period1(Allocate(OneSite(10), Children(1, 40), {}, kSeed));
    const auto b = Period1(Allocate(OneSite(10), Children(1, 40), {}, "another seed"));
    EXPECT_NE(Ids(a.placed), Ids(b.placed));
}

TEST(CustodyAllocationTest, ACancellationPromotesTheFirstOnTheWaitlist) {
    const auto a = Period1(Allocate(OneSite(3), Children(1, 6), {}, kSeed));
    const auto leaver = a.placed[1].child_id;
    const auto first_waiting = a.waitlist[0].child_id;
    const auto c = Cancel(a, leaver);
    EXPECT_TRUE(c.found);
    EXPECT_EQ(c.promoted, first_waiting);
    ASSERT_EQ(c.after.placed.size(), 3u);
    EXPECT_EQ(c.after.placed.back().child_id, first_waiting);
    EXPECT_EQ(c.after.waitlist.size(), 2u);
    EXPECT_EQ(Ids(c.after.waitlist), (std::vector<std::int64_t>{a.waitlist[1].child_id, a.waitlist[2].child_id}));
}

TEST(CustodyAllocationTest, LeavingTheWaitlistPromotesNobody) {
    const auto a = Period1(Allocate(OneSite(3), Children(1, 5), {}, kSeed));
    const auto c = Cancel(a, a.waitlist[0].child_id);
    EXPECT_TRUE(c.found);
    EXPECT_FALSE(c.promoted);
    EXPECT_EQ(Ids(c.after.placed), Ids(a.placed));
    EXPECT_EQ(Ids(c.after.waitlist), std::vector<std::int64_t>{a.waitlist[1].child_id});
    const auto none = Cancel(a, 999);
    EXPECT_FALSE(none.found);
    const auto freed = Cancel(Period1(Allocate(OneSite(3), Children(1, 3), {}, kSeed)), 2);
    EXPECT_TRUE(freed.found);
    EXPECT_FALSE(freed.promoted) << "nobody was waiting";
    EXPECT_EQ(freed.after.placed.size(), 2u);
}

TEST(CustodyAllocationTest, ALateSignUpTakesAFreePlaceOrJoinsTheEndOfTheWaitlist) {
    const auto roomy = Period1(Allocate(OneSite(3), Children(1, 2), {}, kSeed));
    EXPECT_EQ(Join(roomy, {50, 0, 0}).placed.size(), 3u);
    const auto full = Period1(Allocate(OneSite(2), Children(1, 3), {}, kSeed));
    const auto joined = Join(full, {50, 0, 0});
    EXPECT_EQ(joined.waitlist.back().child_id, 50) << "a tier-0 latecomer does not overtake those waiting";
    EXPECT_EQ(Join(joined, {50, 0, 0}).waitlist.size(), joined.waitlist.size()) << "twice is once";
}

TEST(CustodyAllocationTest, InvalidSignUpsAreRefusedNotSilentlyDropped) {
    try {
        Allocate(OneSite(3), {{1, 9, 7, {1}, {}}}, {}, kSeed);
        FAIL() << "school 9 is not served by site 7";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "custody.school_not_served");
        EXPECT_EQ(e.field(), "sign_ups[0].school_id");
    }
    try {
        Allocate(OneSite(3), {{1, 1, 7, {1}, {}}, {1, 1, 7, {2, 1}, {}}}, {}, kSeed);
        FAIL() << "one place per child per period";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "custody.already_signed_up");
        EXPECT_EQ(e.field(), "sign_ups[1].periods[1]");
    }
    const PriorityTiers broken{{{}}};
    EXPECT_THROW(Allocate(OneSite(3), {}, broken, kSeed), Error);
}

}  // namespace
}  // namespace kehou::custody
