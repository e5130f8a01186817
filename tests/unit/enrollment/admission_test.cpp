// The admission run: catchment places in rank order up to the plan, the surplus placed by the county at the nearest
// school with seats, private schools by lottery with their own county first and the losers back in their catchment,
// and the same result whatever order the applications come in.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "enrollment/admission.hpp"

namespace kehou::enrollment {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Application Apply(std::int64_t id, std::int64_t school, std::size_t category, int move_in_year, std::uint64_t draw) {
    Application a;
    a.ranked = {id, category, Date{year(move_in_year), month(3), day(1)}, std::nullopt, 0, draw};
    a.catchment_school = school;
    return a;
}

const Placement& Of(const std::vector<Placement>& p, std::int64_t id) {
    return *std::find_if(p.begin(), p.end(), [&](const Placement& x) { return x.applicant_id == id; });
}

const std::vector<TieBreaker> kLixia = {TieBreaker::kHukouMoveInEarliest, TieBreaker::kLottery};

// RULES R5.2: a public school admits the children of its catchment (划片) by registration.
TEST(AdmissionTest, AnUndersubscribedSchoolTakesEveryoneInRankOrder) {
    const auto p = RunAdmission({{1, 10, false, {}}}, {Apply(7, 1, 1, 2019, 5), Apply(8, 1, 0, 2021, 9)}, kLixia);
    EXPECT_EQ(Of(p, 8).by, PlacedBy::kCatchment);
    EXPECT_EQ(Of(p, 8).rank, 1) << "category 1 (房户住三一致) before category 2";
    EXPECT_EQ(Of(p, 7).rank, 2);
}

TEST(AdmissionTest, TheSurplusGoesToTheNearestSchoolWithSeatsThenToTheCounty) {
    const std::vector<SeatPlan> plans = {{1, 2, false, {3, 2}}, {2, 5, false, {}}, {3, 1, false, {}}};
    const std::vector<Application> apps = {Apply(1, 1, 0, 2018, 1), Apply(2, 1, 0, 2016, 2), Apply(3, 1, 1, 2010, 3),
                                           Apply(4, 1, 0, 2020, 4), Apply(5, 3, 0, 2019, 5)};
    const auto p = RunAdmission(plans, apps, kLixia);
    EXPECT_EQ(Of(p, 2).school_id, 1);  // earliest move-in of category 0
    EXPECT_EQ(Of(p, 1).school_id, 1);
    EXPECT_EQ(Of(p, 1).rank, 2);
    EXPECT_EQ(Of(p, 5).school_id, 3) << "school 3's own catchment child keeps its one seat";
    // Surplus of school 1 in rank order: 4 (category 0), then 3 (category 1). School 3 is full: both go to school 2.
    EXPECT_EQ(Of(p, 4).by, PlacedBy::kCountyPlaced);
    EXPECT_EQ(Of(p, 4).school_id, 2);
    EXPECT_EQ(Of(p, 3).school_id, 2);
    EXPECT_LT(Of(p, 4).rank, Of(p, 3).rank);

    const auto tight = RunAdmission({{1, 1, false, {2}}, {2, 1, false, {}}},
                                    {Apply(1, 1, 0, 2018, 1), Apply(2, 1, 0, 2019, 2), Apply(3, 1, 0, 2020, 3)}, kLixia);
    EXPECT_EQ(Of(tight, 3).by, PlacedBy::kUnplaced) << "no seat left anywhere near: the county places by hand";
    EXPECT_FALSE(Of(tight, 3).school_id);
}

// RULES R5.1: 公民同招 — an oversubscribed private school admits by random draw, its own county first.
TEST(AdmissionTest, APrivateSchoolDrawsOwnCountyFirstAndTheLosersKeepTheirCatchment) {
    const std::vector<SeatPlan> plans = {{9, 1, true, {}}, {1, 10, false, {}}};
    auto outsider = Apply(1, 1, 0, 2018, 1);  // the luckiest draw, but from another county
    outsider.private_school = 9;
    outsider.in_county = false;
    outsider.catchment_school.reset();
    auto a = Apply(2, 1, 0, 2018, 50), b = Apply(3, 1, 0, 2018, 20);
    a.private_school = b.private_school = 9;
    const auto p = RunAdmission(plans, {outsider, a, b}, kLixia);
    EXPECT_EQ(Of(p, 3).by, PlacedBy::kPrivateLottery) << "the lower draw of the county's own children";
    EXPECT_EQ(Of(p, 3).school_id, 9);
    EXPECT_EQ(Of(p, 2).by, PlacedBy::kCatchment) << "not drawn: back to the catchment school";
    EXPECT_EQ(Of(p, 1).by, PlacedBy::kUnplaced);
}

TEST(AdmissionTest, TheOrderOfTheApplicationsChangesNothing) {
    const std::vector<SeatPlan> plans = {{1, 3, false, {2}}, {2, 2, false, {1}}};
    std::vector<Application> apps;
    for (int i = 1; i <= 9; ++i)
        apps.push_back(Apply(i, 1 + i % 2, static_cast<std::size_t>(i % 3), 2015 + i % 4, (i * 7919) % 101));
    const auto first = RunAdmission(plans, apps, kLixia);
    std::mt19937 shuffle(42);
    std::shuffle(apps.begin(), apps.end(), shuffle);
    const auto again = RunAdmission(plans, apps, kLixia);
    for (const auto& x : first) {
        EXPECT_EQ(Of(again, x.applicant_id).school_id, x.school_id);
        EXPECT_EQ(Of(again, x.applicant_id).rank, x.rank);
    }
}

}  // namespace
}  // namespace kehou::enrollment
