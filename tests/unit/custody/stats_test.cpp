// The custody statistics by hand: served against requested (each child once), the coverage of a county's schools,
// and the staff taking part, with the rates' rounding and their absence when the base is 0.
#include "custody/stats.hpp"

#include <gtest/gtest.h>

#include "custody_fixture.hpp"

namespace kehou::custody {
namespace {

using testing::MakeSite;

TEST(CustodyStatsTest, RatesAreBasisPointsRoundedHalfUpAndAbsentOnAZeroBase) {
    EXPECT_EQ(RateBasisPoints(1, 3), 3333);
    EXPECT_EQ(RateBasisPoints(2, 3), 6667);
    EXPECT_EQ(RateBasisPoints(1, 8), 1250);
    EXPECT_EQ(RateBasisPoints(1, 20000), 1) << "0.5 bp rounds up";
    EXPECT_EQ(RateBasisPoints(29, 29), 10000);
    EXPECT_EQ(RateBasisPoints(0, 0), std::nullopt);
}

// Four children asked: 1 for both periods, 2 and 3 for period 1, 4 for period 2. Placed: 1 in period 1 only, 2 in
// period 1, 4 in period 2, and 9 (who never answered the survey) in period 2.
TEST(CustodyStatsTest, ServedAgainstRequestedCountsEachChildOnce) {
    const std::vector<SurveyAnswer> survey = {{1, 1, {1, 2}}, {2, 1, {1}}, {3, 2, {1}}, {4, 2, {2}}, {1, 1, {2}}};
    const std::vector<ChildPeriod> served = {{1, 1}, {2, 1}, {4, 2}, {9, 2}};
    const auto d = ServedVsRequested(survey, served);
    EXPECT_EQ(d.requested_children, 4);
    EXPECT_EQ(d.served_children, 4);
    EXPECT_EQ(d.requested_served, 3) << "children 1, 2 and 4; 3 is not served and 9 was not surveyed";
    EXPECT_EQ(d.met_bp, 7500);
    ASSERT_EQ(d.periods.size(), 2u);
    EXPECT_EQ(d.periods[0].period_id, 1);
    EXPECT_EQ(d.periods[0].requested, 3);
    EXPECT_EQ(d.periods[0].served, 2);
    EXPECT_EQ(d.periods[0].requested_served, 2);
    EXPECT_EQ(d.periods[0].met_bp, 6667);
    EXPECT_EQ(d.periods[1].requested, 2);
    EXPECT_EQ(d.periods[1].served, 2);
    EXPECT_EQ(d.periods[1].requested_served, 1) << "child 1 asked for period 2 but was not placed in it";
    EXPECT_EQ(d.periods[1].met_bp, 5000);
}

TEST(CustodyStatsTest, NoSurveyNoRate) {
    const auto d = ServedVsRequested({}, {{1, 1}});
    EXPECT_EQ(d.requested_children, 0);
    EXPECT_EQ(d.served_children, 1);
    EXPECT_EQ(d.met_bp, std::nullopt);
}

TEST(CustodyStatsTest, PlacesAreThePlacedListsNotTheWaitlists) {
    SiteAllocation a{7, 2, 1, true, "custody-7-2", {{5, 0, 1}}, {{6, 0, 2}}};
    const auto places = PlacesOf({a});
    ASSERT_EQ(places.size(), 1u);
    EXPECT_EQ(places[0].child_id, 5);
    EXPECT_EQ(places[0].period_id, 2);
}

// Schools 1–5 in the county; site A (host 1) takes 1, 2 in period 1; site B (host 3) takes 3 and 99 (another
// county's school) in period 2; site C (host 4) has no places at all.
TEST(CustodyStatsTest, CoverageIsTheCountysSchoolsASiteTakes) {
    CustodyPlan p;
    p.periods = testing::SeedPeriods();
    p.sites = {MakeSite(1, 1, {1, 2}, {{1, 30}}), MakeSite(2, 3, {3, 99}, {{2, 30}}), MakeSite(3, 4, {4}, {})};
    const std::vector<std::int64_t> county = {5, 4, 3, 2, 1, 3};
    const auto all = SchoolCoverage(p, county);
    EXPECT_EQ(all.covered, 3);
    EXPECT_EQ(all.total, 5) << "each school once";
    EXPECT_EQ(all.rate_bp, 6000);
    EXPECT_EQ(all.uncovered, (std::vector<std::int64_t>{4, 5})) << "a site without places covers nobody";
    const auto second = SchoolCoverage(p, county, 2);
    EXPECT_EQ(second.covered, 1);
    EXPECT_EQ(second.rate_bp, 2000);
    EXPECT_EQ(SchoolCoverage(p, {}).rate_bp, std::nullopt);
}

TEST(CustodyStatsTest, StaffCountEachPersonOnceAndTeachersAgainstTheCounty) {
    const std::vector<StaffDuty> duties = {{1, 10, 1, true},  {1, 10, 2, true},  {2, 10, 1, true},
                                           {3, 11, 1, false}, {4, 11, 2, false}, {4, 11, 2, true}};
    const auto s = StaffTakingPart(duties, 40);
    EXPECT_EQ(s.people, 4);
    EXPECT_EQ(s.teachers, 3) << "person 4 is on duty once as a teacher";
    EXPECT_EQ(s.others, 1);
    EXPECT_EQ(s.teacher_rate_bp, 750);
    ASSERT_EQ(s.per_site_period.size(), 4u);
    EXPECT_EQ(s.per_site_period[0].site_id, 10);
    EXPECT_EQ(s.per_site_period[0].period_id, 1);
    EXPECT_EQ(s.per_site_period[0].people, 2);
    EXPECT_EQ(s.per_site_period[3].people, 1) << "person 4 twice in site 11, period 2";
    EXPECT_EQ(StaffTakingPart({}, 0).teacher_rate_bp, std::nullopt);
}

}  // namespace
}  // namespace kehou::custody
