// The admission rules on the published examples: the age cut-off day (R5.3), unbroken months and the 54-point
// case (R5.5), the minimum months (R5.4), each of 历下's three categories (R5.3) and the ranking (R5.7).
#include <gtest/gtest.h>

#include "enrollment/rules.hpp"

namespace kehou::enrollment {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

TEST(EnrollmentRulesTest, SixByThirtyFirstAugustToTheDay) {
    const auto policy = LixiaPolicy(2026);
    EXPECT_TRUE(OldEnough(D(2020, 8, 31), 2026, policy)) << "six on the cut-off day itself";
    EXPECT_FALSE(OldEnough(D(2020, 9, 1), 2026, policy));
    EXPECT_TRUE(OldEnough(D(2019, 12, 31), 2026, policy));
    EXPECT_TRUE(OldEnough(D(2020, 2, 29), 2026, policy)) << "a leap-day child turns six on 1 March";
}

TEST(EnrollmentRulesTest, OnlyWholeMonthsOfTheUnbrokenRunUpToTheCutOffCount) {
    const auto as_of = D(2024, 8, 31);
    EXPECT_EQ(UnbrokenMonths(Period{D(2022, 3, 1), D(2024, 9, 30)}, as_of), 30);
    EXPECT_EQ(UnbrokenMonths(Period{D(2022, 3, 15), D(2024, 9, 30)}, as_of), 29) << "March is not whole";
    EXPECT_EQ(UnbrokenMonths(Period{D(2022, 3, 1), D(2024, 6, 30)}, as_of), 0) << "broken before the cut-off";
    EXPECT_EQ(UnbrokenMonths(std::nullopt, as_of), 0);
    EXPECT_EQ(UnbrokenMonths(Period{D(2024, 8, 1), D(2024, 8, 31)}, as_of), 1);
}

Facts FiftyFourPointFamily() {
    Facts f;
    ParentFacts father{.is_father = true};
    father.residence_permit = Period{D(2022, 3, 1), D(2024, 8, 31)};  // 30 months
    father.social_insurance = Period{D(2022, 9, 1), D(2024, 8, 31)};  // 24 months
    ParentFacts mother{.is_father = false};
    mother.residence_permit = Period{D(2023, 9, 1), D(2024, 8, 31)};  // 12 months
    f.parents = {father, mother};
    return f;
}

TEST(EnrollmentRulesTest, TheWorkedPointsExampleGivesFiftyFour) {
    const PointsRule rule{.as_of = D(2024, 8, 31)};
    EXPECT_EQ(PointsTenths(FiftyFourPointFamily(), rule), 540);  // 30 + 24 × 0.5 + 12 = 54 points
    Facts long_stay;
    long_stay.parents = {ParentFacts{.residence_permit = Period{D(2010, 1, 1), D(2024, 8, 31)}}};
    EXPECT_EQ(PointsTenths(long_stay, rule), 720) << "capped at 72 months";
    // 槐荫's minimum is 6 months of each (R5.5); the mother alone has no insurance, the father has both.
    EXPECT_TRUE(MeetsMinimum(FiftyFourPointFamily(), MonthsRule{6, D(2024, 8, 31), true}));
    EXPECT_FALSE(MeetsMinimum(FiftyFourPointFamily(), MonthsRule{25, D(2024, 8, 31), true}));
}

const Catchment kCatchment = {"370102001", "370102002"};

Facts Registered(const std::string& community) {
    Facts f;
    f.birth_date = D(2020, 5, 1);
    f.hukou_community = community;
    f.hukou_move_in = D(2021, 3, 1);
    f.hukou_in_county = f.hukou_in_city = true;
    f.residence_community = community;
    return f;
}

TEST(EnrollmentRulesTest, EachOfLixiasThreeCategories) {
    const auto policy = LixiaPolicy(2026);
    auto home = Registered("370102001");
    home.properties = {{"370102001", Owner::kParent, 100, D(2019, 1, 1)}};
    EXPECT_EQ(CategoryOf(home, kCatchment, policy), 0u) << "房户住三一致";

    auto grandparents = Registered("370102001");
    grandparents.properties = {{"370102001", Owner::kPaternalGrandparent, 100, D(2010, 1, 1)}};
    grandparents.parents = {ParentFacts{.is_father = true, .only_child = false}};
    EXPECT_NE(CategoryOf(grandparents, kCatchment, policy), 0u) << "a grandfather's home needs an only son";
    grandparents.parents[0].only_child = true;
    EXPECT_EQ(CategoryOf(grandparents, kCatchment, policy), 0u);

    auto renting = Registered("370102002");
    renting.renting = true;
    EXPECT_EQ(CategoryOf(renting, kCatchment, policy), 1u) << "仅有户籍: registered, renting, owning nothing";
    renting.properties = {{"370105009", Owner::kParent, 100, D(2018, 1, 1), true}};
    EXPECT_EQ(CategoryOf(renting, kCatchment, policy), std::nullopt) << "a home elsewhere in the city bars it";

    auto migrant = Registered("370102001");
    migrant.hukou_community = "411502001";
    migrant.hukou_in_county = migrant.hukou_in_city = false;
    ParentFacts parent;
    parent.residence_permit = Period{D(2025, 8, 1), D(2026, 9, 30)};
    parent.social_insurance = Period{D(2025, 9, 1), D(2026, 9, 30)};
    migrant.parents = {parent};
    EXPECT_EQ(CategoryOf(migrant, kCatchment, policy), 2u) << "随迁子女 with 12 months of each by 31 August";
    migrant.parents[0].social_insurance = Period{D(2025, 10, 1), D(2026, 9, 30)};
    EXPECT_EQ(CategoryOf(migrant, kCatchment, policy), std::nullopt) << "11 months of insurance are not enough";

    EXPECT_EQ(CategoryOf(Registered("370102099"), kCatchment, policy), std::nullopt) << "outside the catchment";
}

TEST(EnrollmentRulesTest, RankedByCategoryThenMoveInDateThenLottery) {
    std::vector<Ranked> a = {
        {1, 1, D(2015, 1, 1), std::nullopt, 0, 5},
        {2, 0, D(2020, 6, 1), std::nullopt, 0, 9},
        {3, 0, D(2018, 6, 1), std::nullopt, 0, 7},
        {4, 0, std::nullopt, std::nullopt, 0, 1},  // no move-in date: last of its category
        {5, 0, D(2018, 6, 1), std::nullopt, 0, 2},  // same day as 3: the lottery decides
    };
    Rank(a, LixiaPolicy(2026).tie_breakers);
    std::vector<std::int64_t> order;
    for (const auto& x : a) order.push_back(x.id);
    EXPECT_EQ(order, (std::vector<std::int64_t>{5, 3, 2, 4, 1}));

    std::vector<Ranked> points = {{1, 0, std::nullopt, std::nullopt, 540, 3}, {2, 0, std::nullopt, std::nullopt, 600, 9}};
    Rank(points, {TieBreaker::kPointsHighest, TieBreaker::kLottery});
    EXPECT_EQ(points.front().id, 2);
}

// RULES R5.6: tiers by whole or partial ownership, ranked within a tier by how long the certificate is held.
TEST(EnrollmentRulesTest, TheCertificateDateOfAQualifyingHomeOnly) {
    auto f = Registered("370102001");
    f.properties = {{"370102001", Owner::kParent, 100, D(2019, 1, 1)},
                    {"370102002", Owner::kOther, 100, D(2001, 1, 1)},
                    {"370102002", Owner::kParent, 50, D(2016, 5, 1)}};
    EXPECT_EQ(QualifyingCertificateDate(f, kCatchment), D(2016, 5, 1));
    EXPECT_TRUE(Holds(Condition::kWholeOwnership, f, kCatchment, LixiaPolicy(2026)));
    f.properties.erase(f.properties.begin());
    EXPECT_FALSE(Holds(Condition::kWholeOwnership, f, kCatchment, LixiaPolicy(2026)));
}

}  // namespace
}  // namespace kehou::enrollment
