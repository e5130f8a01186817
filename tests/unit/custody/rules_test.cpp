// The custody rules to the letter (RULES R1.17, R2.1–R2.2): the plan's periods and sites field by field, the fee at
// the cap and one fen over, supervision not teaching, the safety plan before opening, tiers and sign-ups.
#include "custody/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "custody_fixture.hpp"

namespace kehou::custody {
namespace {

using testing::GoodSafety;
using testing::MakeSite;

const PlanContext kCap700{700, {}};  // 2 h × 3.5 yuan a day (R2.1, other schools)

CustodyPlan TwoPeriodPlan() {
    CustodyPlan p;
    p.periods = testing::SeedPeriods();
    p.sites = {MakeSite(10, 1, {1, 2}, {{1, 40}, {2, 40}})};
    return p;
}

bool Has(const std::vector<Problem>& ps, std::string_view code, std::string_view field) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.code == code && p.field == field; });
}

TEST(CustodyRulesTest, AValidPlanHasNoProblems) {
    EXPECT_TRUE(PlanProblems(TwoPeriodPlan(), kCap700).empty());
    EXPECT_TRUE(OpeningProblems(TwoPeriodPlan(), kCap700).empty());
}

TEST(CustodyRulesTest, ServiceDaysAreTheWeekdaysBetweenTheDates) {
    EXPECT_EQ(ServiceDays({1, "一", "2021-08-09", "2021-08-13", {}}), 5);  // Monday–Friday
    EXPECT_EQ(ServiceDays({1, "一", "2021-08-09", "2021-08-22", {}}), 10) << "two weeks, weekends skipped";
    EXPECT_EQ(ServiceDays({1, "一", "2021-08-14", "2021-08-15", {}}), 0) << "a weekend";
    EXPECT_EQ(ServiceDays({1, "一", "2021-08-13", "2021-08-09", {}}), std::nullopt);
    EXPECT_EQ(ServiceDays({1, "一", "2021-02-30", "2021-03-01", {}}), std::nullopt);
}

TEST(CustodyRulesTest, PeriodsMayNotOverlapNotEvenByOneDay) {
    auto p = TwoPeriodPlan();
    p.periods[1].start_date = "2021-08-13";  // the first period's last day
    const auto ps = PlanProblems(p, kCap700);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].code, "custody.periods_overlap");
    EXPECT_EQ(ps[0].field, "periods[1]");
    EXPECT_FALSE(ps[0].message_zh.empty());
    EXPECT_FALSE(ps[0].message_en.empty());
    p.periods[1].start_date = "2021-08-14";  // the day after: adjacent is fine
    EXPECT_TRUE(PlanProblems(p, kCap700).empty());
}

TEST(CustodyRulesTest, BadDatesAndEmptyPeriodsNameTheirField) {
    auto p = TwoPeriodPlan();
    p.periods[0].start_date = "2021/08/09";
    p.periods[1].end_date = "2021-08-15";
    p.periods[1].start_date = "2021-08-21";
    const auto ps = PlanProblems(p, kCap700);
    EXPECT_TRUE(Has(ps, "custody.bad_date", "periods[0].start_date"));
    EXPECT_TRUE(Has(ps, "custody.period_ends_before_start", "periods[1].end_date"));
    p = TwoPeriodPlan();
    p.periods[1] = {2, "周末", "2021-08-21", "2021-08-22", {}};
    EXPECT_TRUE(Has(PlanProblems(p, kCap700), "custody.period_without_weekdays", "periods[1]"));
    p.periods.clear();
    EXPECT_TRUE(Has(PlanProblems(p, kCap700), "custody.missing_periods", "periods"));
}

// R2.1/R2.2: a period costs at most the county's after-school day cap × its service days: 5 × 7.00 = 35.00 yuan.
TEST(CustodyRulesTest, AServiceFeeUpToTheCapForTheSameDaysAndNotOneFenMore) {
    EXPECT_EQ(FeeCapFen(5, 700), 3500);
    auto p = TwoPeriodPlan();
    p.periods[0].service_fee_fen = 3500;
    EXPECT_TRUE(PlanProblems(p, kCap700).empty());
    p.periods[0].service_fee_fen = 3501;
    const auto ps = PlanProblems(p, kCap700);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].code, "custody.fee_above_cap");
    EXPECT_EQ(ps[0].field, "periods[0].service_fee_fen");
    EXPECT_NE(ps[0].message_zh.find("35.00"), std::string::npos) << ps[0].message_zh;
}

TEST(CustodyRulesTest, AFeeNeedsACountyStandardAndIsPositiveFreeMeansNoFee) {
    auto p = TwoPeriodPlan();
    p.periods[0].service_fee_fen = 1000;
    EXPECT_TRUE(Has(PlanProblems(p, PlanContext{}), "custody.no_fee_standard", "periods[0].service_fee_fen"));
    p.periods[0].service_fee_fen = 0;
    EXPECT_TRUE(Has(PlanProblems(p, kCap700), "custody.bad_fee", "periods[0].service_fee_fen"));
    p.periods[0].service_fee_fen = std::nullopt;
    EXPECT_TRUE(PlanProblems(p, PlanContext{}).empty()) << "free custody needs no fee standard";
}

TEST(CustodyRulesTest, HardshipFamiliesPayNothing) {
    const Period paid{1, "一", "2021-08-09", "2021-08-13", 3000};
    EXPECT_EQ(FeeDueFen(paid.service_fee_fen, {PriorityGroup::kDualIncome}), 3000);
    EXPECT_EQ(FeeDueFen(paid.service_fee_fen, {PriorityGroup::kDualIncome, PriorityGroup::kLowIncome}), 0);
    EXPECT_EQ(FeeDueFen(std::nullopt, {}), 0);
}

TEST(CustodyRulesTest, ASiteTakesItsOwnSchoolAndOnlyTheCountysSchools) {
    auto p = TwoPeriodPlan();
    p.sites[0].served_schools = {2, 3, 3, 99};
    const PlanContext ctx{700, {1, 2, 3}};
    const auto ps = PlanProblems(p, ctx);
    EXPECT_TRUE(Has(ps, "custody.host_not_served", "sites[0].served_schools"));
    EXPECT_TRUE(Has(ps, "custody.duplicate_school", "sites[0].served_schools[2]"));
    EXPECT_TRUE(Has(ps, "custody.school_outside_county", "sites[0].served_schools[3]"));
    EXPECT_EQ(ps.size(), 3u);
}

TEST(CustodyRulesTest, OneSitePerHostSchool) {
    auto p = TwoPeriodPlan();
    p.sites.push_back(MakeSite(11, 1, {1}, {{1, 10}}));
    EXPECT_TRUE(Has(PlanProblems(p, kCap700), "custody.duplicate_host", "sites[1].host_school_id"));
}

TEST(CustodyRulesTest, CapacityIsPerKnownPeriodAndAtLeastOnePlace) {
    auto p = TwoPeriodPlan();
    p.sites[0].capacity = {{1, 0}, {3, 10}, {2, 10}, {2, kMaxPlaces + 1}};
    const auto ps = PlanProblems(p, kCap700);
    EXPECT_TRUE(Has(ps, "custody.bad_capacity", "sites[0].capacity[0].places"));
    EXPECT_TRUE(Has(ps, "custody.unknown_period", "sites[0].capacity[1].period_id"));
    EXPECT_TRUE(Has(ps, "custody.duplicate_period", "sites[0].capacity[3].period_id"));
    EXPECT_TRUE(Has(ps, "custody.bad_capacity", "sites[0].capacity[3].places"));
    p.sites[0].capacity = {{1, kMaxPlaces}};
    EXPECT_TRUE(PlanProblems(p, kCap700).empty()) << "open in one period only is fine";
}

// R1.17: 不组织集体补课、讲授新课. There is no content type for it, and naming one is refused as teaching.
TEST(CustodyRulesTest, NoNewLessonsAndNoCollectiveTutoringAsAContentType) {
    EXPECT_EQ(CheckContentTypeName("reading", "content[0]"), std::nullopt);
    for (const auto* name : {"new_lessons", "collective_tutoring", "teaching", "补课", "新课"}) {
        const auto p = CheckContentTypeName(name, "content[1]");
        ASSERT_TRUE(p) << name;
        EXPECT_EQ(p->code, "custody.banned_content") << name;
        EXPECT_EQ(p->field, "content[1]");
    }
    EXPECT_EQ(CheckContentTypeName("swimming", "content[2]")->code, "custody.unknown_content");
    for (const auto t : AllContentTypes()) EXPECT_EQ(ParseContentType(ToString(t)), t);
    EXPECT_EQ(ParseContentType("new_lessons"), std::nullopt);
}

TEST(CustodyRulesTest, AnActivityTitleThatTeachesIsRefusedLikeTheParentTaskChecker) {
    auto p = TwoPeriodPlan();
    p.sites[0].activities.push_back({ContentType::kHomeworkHelp, "新初一数学衔接集体辅导"});
    const auto ps = PlanProblems(p, kCap700);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].code, "custody.teaching_activity");
    EXPECT_EQ(ps[0].field, "sites[0].activities[2].title");
    EXPECT_NE(ps[0].message_zh.find("集体辅导"), std::string::npos);
    EXPECT_EQ(FindBannedPhrases("新初一数学衔接集体辅导、补课、补课", DefaultBannedPhrases()),
              (std::vector<std::string>{"补课", "集体辅导", "衔接"}));
    EXPECT_TRUE(FindBannedPhrases("暑期作业辅导", DefaultBannedPhrases()).empty()) << "help with own homework";
}

TEST(CustodyRulesTest, AnActivityUsesOneOfTheSitesContentTypes) {
    auto p = TwoPeriodPlan();
    p.sites[0].activities.push_back({ContentType::kLabour, "劳动实践"});
    p.sites[0].content.push_back(ContentType::kReading);
    const auto ps = PlanProblems(p, kCap700);
    EXPECT_TRUE(Has(ps, "custody.activity_type_not_offered", "sites[0].activities[2].type"));
    EXPECT_TRUE(Has(ps, "custody.duplicate_content", "sites[0].content[3]"));
    p.sites[0].content.clear();
    EXPECT_TRUE(Has(PlanProblems(p, kCap700), "custody.missing_content", "sites[0].content"));
}

// R1.17: a safety plan and responsibilities written down — checked when the site opens, not in the draft.
TEST(CustodyRulesTest, ASiteOpensOnlyWithASafetyPlanAndAnEmergencyContact) {
    auto p = TwoPeriodPlan();
    p.sites[0].safety.reset();
    EXPECT_TRUE(PlanProblems(p, kCap700).empty()) << "a draft may lack it";
    EXPECT_TRUE(Has(OpeningProblems(p, kCap700), "custody.missing_safety_plan", "sites[0].safety"));
    p.sites[0].safety = SafetyPlan{"", "12", {}};
    const auto ps = OpeningProblems(p, kCap700);
    EXPECT_TRUE(Has(ps, "custody.missing_responsible_person", "sites[0].safety.responsible_person"));
    EXPECT_TRUE(Has(ps, "custody.bad_phone", "sites[0].safety.responsible_phone"));
    EXPECT_TRUE(Has(ps, "custody.missing_emergency_contact", "sites[0].safety.emergency_contacts"));
    p.sites[0].safety = GoodSafety();
    p.sites[0].safety->emergency_contacts.push_back({"", "138-0000-0002"});
    EXPECT_TRUE(
        Has(OpeningProblems(p, kCap700), "custody.missing_contact_name", "sites[0].safety.emergency_contacts[1].name"));
    p.sites[0].safety->emergency_contacts[1].name = "赵医生";
    EXPECT_TRUE(OpeningProblems(p, kCap700).empty());
}

TEST(CustodyRulesTest, DefaultTiersPutMilitaryLeftBehindAndLowIncomeFirst) {
    const PriorityTiers d;
    EXPECT_TRUE(TierProblems(d).empty());
    EXPECT_EQ(TierOf({PriorityGroup::kMilitary}, d), 0);
    EXPECT_EQ(TierOf({PriorityGroup::kLeftBehind}, d), 0);
    EXPECT_EQ(TierOf({PriorityGroup::kLowIncome}, d), 0);
    EXPECT_EQ(TierOf({PriorityGroup::kDualIncome}, d), 1);
    EXPECT_EQ(TierOf({PriorityGroup::kMigrantWorker}, d), 1);
    EXPECT_EQ(TierOf({}, d), 2);
    EXPECT_EQ(TierOf({PriorityGroup::kDualIncome, PriorityGroup::kLeftBehind}, d), 0) << "the best tier claimed";
    const PriorityTiers custom{{{PriorityGroup::kDualIncome}}};
    EXPECT_EQ(TierOf({PriorityGroup::kMilitary}, custom), 1) << "an unlisted group is 'others'";
    const PriorityTiers broken{{{PriorityGroup::kDualIncome}, {}, {PriorityGroup::kDualIncome}}};
    const auto ps = TierProblems(broken);
    EXPECT_TRUE(Has(ps, "custody.empty_tier", "tiers[1]"));
    EXPECT_TRUE(Has(ps, "custody.duplicate_group", "tiers[2][0]"));
}

TEST(CustodyRulesTest, AChildSignsUpOnlyAtASiteThatTakesTheirSchool) {
    auto p = TwoPeriodPlan();
    p.sites.push_back(MakeSite(11, 5, {5}, {{2, 10}}));
    EXPECT_TRUE(SignUpProblems(p, {100, 2, 10, {1, 2}, {}}, {}).empty());
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 3, 10, {1}, {}}, {}), "custody.school_not_served", "school_id"));
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 5, 11, {1}, {}}, {}), "custody.site_closed_in_period", "periods[0]"));
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 5, 12, {2}, {}}, {}), "custody.unknown_site", "site_id"));
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 2, 10, {}, {}}, {}), "custody.missing_periods", "periods"));
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 2, 10, {1, 1}, {}}, {}), "custody.duplicate_period", "periods[1]"));
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 2, 10, {7}, {}}, {}), "custody.unknown_period", "periods[0]"));
    // One place per child per period: already signed up at site 11 for period 2.
    const std::vector<SignUp> others = {{100, 5, 11, {2}, {}}};
    EXPECT_TRUE(Has(SignUpProblems(p, {100, 2, 10, {1, 2}, {}}, others), "custody.already_signed_up", "periods[1]"));
    EXPECT_TRUE(SignUpProblems(p, {101, 2, 10, {1, 2}, {}}, others).empty());
}

TEST(CustodyRulesTest, ASurveyAnswerNamesPeriodsOfThePlan) {
    const auto p = TwoPeriodPlan();
    EXPECT_TRUE(SurveyProblems(p, {100, 2, {1, 2}}).empty());
    EXPECT_TRUE(Has(SurveyProblems(p, {100, 2, {}}), "custody.missing_periods", "periods"));
    EXPECT_TRUE(Has(SurveyProblems(p, {100, 2, {3}}), "custody.unknown_period", "periods[0]"));
}

TEST(CustodyRulesTest, ProblemsBecomeOne422NamingTheFirstField) {
    auto p = TwoPeriodPlan();
    p.periods[0].name.clear();
    p.sites[0].name.clear();
    const auto ps = PlanProblems(p, kCap700);
    ASSERT_EQ(ps.size(), 2u);
    try {
        ThrowIfAny(ps);
        FAIL() << "expected a 422";
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 422);
        EXPECT_EQ(e.field(), "periods[0].name");
        ASSERT_EQ(e.details().size(), 1u);
        EXPECT_EQ(std::get<std::string>(e.details()[0].second), "sites[0].name: custody.missing_site_name");
    }
    EXPECT_NO_THROW(ThrowIfAny({}));
}

}  // namespace
}  // namespace kehou::custody
