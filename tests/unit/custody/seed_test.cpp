// Seed 004 (连山区, summer 2021) as a test: two 5-day periods (8月9日—8月13日, 8月16日—8月20日), three host schools
// (六中, 兴工小学, 站前小学 — 站前 taking 实验、渤海、胜利 too), 297 children served, "100% 覆盖全区29所义务教育学校",
// and activities the article names, none of which is teaching.
#include <gtest/gtest.h>

#include "custody/allocation.hpp"
#include "custody/rules.hpp"
#include "custody/stats.hpp"
#include "custody_fixture.hpp"

namespace kehou::custody {
namespace {

// 297 children: 六中 takes children 1–110 (school 19 + c % 11), 兴工 111–230 (school 7 + c % 12), 站前 231–297
// (schools 3–6). One child in three wants both periods, the others one period each, alternating.
std::vector<SignUp> SeedSignUps() {
    std::vector<SignUp> v;
    for (std::int64_t c = 1; c <= 297; ++c) {
        SignUp s;
        s.child_id = c;
        if (c <= 110)
            s = {c, 19 + c % 11, 1, {}, {}};
        else if (c <= 230)
            s = {c, 7 + c % 12, 2, {}, {}};
        else
            s = {c, 3 + c % 4, 3, {}, {}};
        s.periods = c % 3 == 0 ? std::vector<std::int64_t>{1, 2} : std::vector<std::int64_t>{1 + c % 2};
        if (c % 5 == 0) s.groups = {PriorityGroup::kDualIncome};
        v.push_back(s);
    }
    return v;
}

TEST(CustodySeedTest, TwoFiveDayPeriodsThatDoNotOverlap) {
    const auto plan = testing::SeedPlan();
    ASSERT_EQ(plan.periods.size(), 2u);
    EXPECT_EQ(ServiceDays(plan.periods[0]), 5);
    EXPECT_EQ(ServiceDays(plan.periods[1]), 5);
    EXPECT_TRUE(OpeningProblems(plan, {std::nullopt, testing::SeedSchools()}).empty())
        << "free custody, three sites with safety plans, all served schools in the county";
}

TEST(CustodySeedTest, ThreeSitesCoverAll29Schools) {
    const auto plan = testing::SeedPlan();
    ASSERT_EQ(plan.sites.size(), 3u);
    EXPECT_EQ(plan.sites[2].served_schools, (std::vector<std::int64_t>{3, 4, 5, 6})) << "站前 + 实验、渤海、胜利";
    const auto c = SchoolCoverage(plan, testing::SeedSchools());
    EXPECT_EQ(c.covered, 29);
    EXPECT_EQ(c.total, 29);
    EXPECT_EQ(c.rate_bp, 10000) << "100%";
    EXPECT_TRUE(c.uncovered.empty());
    for (const std::int64_t period : {1, 2})
        EXPECT_EQ(SchoolCoverage(plan, testing::SeedSchools(), period).rate_bp, 10000);
    // Without 站前小学 its four schools are uncovered: 25 of 29.
    auto without = plan;
    without.sites.pop_back();
    EXPECT_EQ(SchoolCoverage(without, testing::SeedSchools()).covered, 25);
    EXPECT_EQ(SchoolCoverage(without, testing::SeedSchools()).rate_bp, 8621);
}

TEST(CustodySeedTest, The297ChildrenAllHaveAPlace) {
    const auto plan = testing::SeedPlan();
    const auto signups = SeedSignUps();
    const auto allocations = Allocate(plan, signups, {}, "seed-004");
    ASSERT_EQ(allocations.size(), 6u) << "three sites × two periods";
    for (const auto& a : allocations) {
        EXPECT_FALSE(a.oversubscribed) << a.lottery_context;
        EXPECT_TRUE(a.waitlist.empty());
    }
    std::vector<SurveyAnswer> survey;
    for (const auto& s : signups) survey.push_back({s.child_id, s.school_id, s.periods});
    const auto d = ServedVsRequested(survey, PlacesOf(allocations));
    EXPECT_EQ(d.requested_children, 297);
    EXPECT_EQ(d.served_children, 297);
    EXPECT_EQ(d.met_bp, 10000);
}

TEST(CustodySeedTest, TheArticlesActivitiesAreCustodyNotTeaching) {
    for (const auto* title : {"快乐读书吧", "暑期作业辅导", "趣味科学", "书法", "劳动实践", "我是小歌手", "图画",
                              "体育", "中考必读篇目的阅读"})
        EXPECT_TRUE(FindBannedPhrases(title, DefaultBannedPhrases()).empty()) << title;
    // The article's own assurance, 不组织集体补课、讲授新课, would be refused as a title: the checker reads titles,
    // which name what is done, not sentences about what is not.
    EXPECT_FALSE(FindBannedPhrases("不组织集体补课、讲授新课", DefaultBannedPhrases()).empty());
    EXPECT_FALSE(FindBannedPhrases("新课教学和拔高训练", DefaultBannedPhrases()).empty());
}

}  // namespace
}  // namespace kehou::custody
