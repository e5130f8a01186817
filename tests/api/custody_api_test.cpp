// Summer custody through HTTP, the county's and the families' side (issue 9 points 6–7, RULES R1.17, R2.1–R2.2): a
// county's plan refused for teaching content or a fee above the after-school cap; sign-up opened only with every
// site's safety plan; the survey; sign-up with priority groups the school has on record; an oversubscribed site
// allocated by tier, then the shared lottery (re-derived here from the revealed seed), capacity never exceeded, the
// waitlist promoted on a cancellation, a late join; another family's child (404).
#include "api/custody_api_fixture.hpp"
#include "lottery/lottery.hpp"

namespace kehou::testing::custody_api {
namespace {

class CustodyApiTest : public CustodyApiFixture {};

// R1.17: no new lessons and no collective tutoring, by content type or by an activity's title; R2.1: a period's fee
// within the after-school cap per day × its service days.
TEST_F(CustodyApiTest, PlanChecksRefuseTeachingContentAndAFeeAboveTheCap_R1_17) {
    const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    server_->app().fee_standards().Publish(city, "370811", std::to_string(kYear - 2) + "-spring", {});
    auto body = PlanBody("370811", kYear - 2, 10, json::value(3500));  // 350 fen × 2 h × 5 days
    auto check = As("county").Call("POST", "/api/v1/custody/plans/check", json::serialize(body));
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_TRUE(Body(check).at("problems").as_array().empty()) << check.body;

    body["periods"].as_array()[0].as_object()["service_fee_fen"] = 3501;
    auto refused = As("county").Call("POST", "/api/v1/custody/plans", json::serialize(body));
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(ErrorCodeOf(refused), "custody.fee_above_cap") << refused.body;
    EXPECT_EQ(Body(refused).at("error").at("field").as_string(), "periods[0].service_fee_fen");

    body = PlanBody("370811", kYear - 2, 10);
    body["sites"].as_array()[0].as_object()["activities"].as_array().push_back(
        json::object{{"type", "reading"}, {"title", "新课预习"}});
    check = As("county").Call("POST", "/api/v1/custody/plans/check", json::serialize(body));
    const auto checked = Body(check);
    const auto& problems = checked.at("problems").as_array();
    ASSERT_EQ(problems.size(), 1u) << check.body;
    EXPECT_EQ(problems[0].at("code").as_string(), "custody.teaching_activity");
    EXPECT_EQ(problems[0].at("field").as_string(), "sites[0].activities[2].title");

    body = PlanBody("370811", kYear - 2, 10);
    body["sites"].as_array()[0].as_object()["content"].as_array().push_back("collective_tutoring");
    refused = As("county").Call("POST", "/api/v1/custody/plans", json::serialize(body));
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(ErrorCodeOf(refused), "custody.banned_content") << refused.body;
    EXPECT_EQ(Body(refused).at("error").at("field").as_string(), "sites[0].content[3]");

    body = PlanBody("370811", kYear - 2, 10);
    body["sites"].as_array()[0].as_object()["served_schools"].as_array().push_back(y_.id);  // another county's school
    refused = As("county").Call("POST", "/api/v1/custody/plans", json::serialize(body));
    EXPECT_EQ(ErrorCodeOf(refused), "custody.school_outside_county") << refused.body;
    // Nothing was written by the refusals.
    const auto list = As("county").Call("GET", "/api/v1/custody/plans?year=" + std::to_string(kYear - 2));
    EXPECT_TRUE(Body(list).at("items").as_array().empty()) << list.body;
}

// R1.17: the safety plan is written down before sign-up opens; opening sign-up commits the lottery's seed.
TEST_F(CustodyApiTest, SignupNeedsEverySitesSafetyPlan_R1_17) {
    const auto plan = Create("county", PlanBody("370811", kYear - 3, 10));
    const auto id = Id(plan);
    EXPECT_EQ(Body(Move("county", id, "survey")).at("status").as_string(), "survey");
    auto r = Move("county", id, "signup");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(ErrorCodeOf(r), "custody.missing_safety_plan");
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "sites[0].safety");
    // The host school writes its own site's plan; another school may not; a teacher of 兖州 is not staff here.
    EXPECT_EQ(PutSafety("school_b", SiteId(plan, 0)).status, 403);
    r = PutSafety("school_a", SiteId(plan, 0), json::array{teacher_y_});
    EXPECT_EQ(ErrorCodeOf(r), "custody.staff_not_of_served_school");
    EXPECT_EQ(PutSafety("school_a", SiteId(plan, 0), json::array{teacher_}).status, 200);
    EXPECT_EQ(Move("county", id, "signup").status, 422);  // site C still has none
    EXPECT_EQ(PutSafety("county", SiteId(plan, 1)).status, 200);
    r = Move("county", id, "signup");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto opened = Body(r);
    EXPECT_EQ(opened.at("status").as_string(), "signup");
    EXPECT_EQ(opened.at("commitment").as_string().size(), 64u);
    EXPECT_TRUE(opened.at("seed").is_null());
    // Another school reads the plan with the safety phone masked; the host school in full.
    const auto seen_by_b = Body(As("school_b").Call("GET", "/api/v1/custody/plans/" + S(id)));
    EXPECT_EQ(seen_by_b.at("sites").at(0).at("safety").at("responsible_phone").as_string(), "139****5678");
    const auto seen_by_a = Body(As("school_a").Call("GET", "/api/v1/custody/plans/" + S(id)));
    EXPECT_EQ(seen_by_a.at("sites").at(0).at("safety").at("responsible_phone").as_string(), "13912345678");
    // A plan past draft is not edited.
    r = As("county").Call("PUT", "/api/v1/custody/plans/" + S(id), json::serialize(PlanBody("370811", kYear - 3, 9)));
    EXPECT_EQ(r.status, 409);
}

TEST_F(CustodyApiTest, SurveyAnswersAreOnePerChildAndCounted) {
    const auto& plan = Opened();
    const auto path = "/api/v1/custody/plans/" + S(Id(plan)) + "/survey";
    const auto answer = [&](std::int64_t child, bool wants, json::array periods) {
        return As("parent0").Call("PUT", path, json::serialize(json::object{{"student_id", child}, {"wants", wants},
                                                                            {"period_ids", std::move(periods)}}));
    };
    EXPECT_EQ(answer(kid_[5], true, {PeriodId(plan, 0)}).status, 200);
    EXPECT_EQ(answer(kid_[5], true, {PeriodId(plan, 0), PeriodId(plan, 1)}).status, 200);  // the last counts
    EXPECT_EQ(answer(kid_[4], false, {}).status, 200);
    auto r = answer(kid_[3], true, {});
    EXPECT_EQ(ErrorCodeOf(r), "custody.missing_periods");
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "period_ids");
    // Another family's child does not exist for this guardian.
    r = As("parent1").Call("PUT", path, json::serialize(json::object{{"student_id", kid_[5]}, {"wants", true},
                                                                     {"period_ids", json::array{PeriodId(plan, 0)}}}));
    EXPECT_EQ(r.status, 404);
    const auto detail = Body(As("county").Call("GET", "/api/v1/custody/plans/" + S(Id(plan))));
    EXPECT_EQ(detail.at("survey").at("answers").as_int64(), 2);
    EXPECT_EQ(detail.at("survey").at("wanting").as_int64(), 1);
    EXPECT_EQ(detail.at("survey").at("per_period").as_array().size(), 2u);
    const auto family = Body(As("parent0").Call("GET", "/api/v1/custody/family"));
    for (const auto& child : family.at("items").as_array()) {
        if (child.at("student_id").as_int64() == kid_[5]) {
            EXPECT_EQ(child.at("survey").at("period_ids").as_array().size(), 2u);
        }
    }
}

TEST_F(CustodyApiTest, SignUpChecksGroupsSitesAndOtherFamiliesChildren) {
    const auto& plan = Opened();
    const auto site = SiteId(plan, 0), period = PeriodId(plan, 1);
    auto r = SignUp("parent0", Id(plan), kid_[5], site, {period}, {"military"});  // not on the school's record
    EXPECT_EQ(ErrorCodeOf(r), "custody.group_not_on_record");
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "groups[0]");
    r = SignUp("parent0", Id(plan), kid_[5], SiteId(plan, 1), {period});  // site C takes only C's children
    EXPECT_EQ(ErrorCodeOf(r), "custody.school_not_served");
    r = SignUp("parent1", Id(plan), kid_[5], site, {period});  // another family's child: 404
    EXPECT_EQ(r.status, 404);
    r = SignUp("parent0", Id(plan), kid_[7], site, {period});  // a child of 兖州 signs up in 兖州's plan only
    EXPECT_EQ(ErrorCodeOf(r), "custody.other_county");
    r = SignUp("parent0", Id(plan), kid_[5], site, {period}, {"low_income"});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at(0).at("status").as_string(), "pending");
    r = SignUp("parent0", Id(plan), kid_[5], site, {period});  // one sign-up per child and period
    EXPECT_EQ(ErrorCodeOf(r), "custody.already_signed_up");
    const auto family = Body(As("parent0").Call("GET", "/api/v1/custody/family"));
    EXPECT_EQ(family.at("items").as_array().size(), 7u);
}

// Issue 9 point 7: tier first (military, then dual-income), then the shared lottery's draw, re-derived here from the
// seed the draw revealed; never more places than capacity.
TEST_F(CustodyApiTest, OversubscribedSiteGoesByTierThenTheLotteryWithinCapacity) {
    const auto& allocation = Drawn();
    const auto& plan = Opened();
    const auto seed = std::string(allocation.at("seed").as_string());
    EXPECT_TRUE(lottery::SeedMatches(seed, plan.at("commitment").as_string()));
    const auto site = SiteId(plan, 0), period = PeriodId(plan, 0);
    const auto context = "custody-" + S(site) + "-" + S(period);
    for (const auto& item : allocation.at("items").as_array())
        if (item.at("site_id").as_int64() == site && item.at("period_id").as_int64() == period) {
            EXPECT_TRUE(item.at("oversubscribed").as_bool());
            EXPECT_EQ(item.at("lottery_context").as_string(), context);
            EXPECT_LE(item.at("placed").as_int64(), item.at("capacity").as_int64());
        }
    auto rows = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&site_id=" + S(site));
    EXPECT_EQ(rows[kid_[1]].at("status").as_string(), "placed");
    EXPECT_EQ(rows[kid_[2]].at("status").as_string(), "placed");
    // The third place: the lowest draw of the three without a group.
    std::vector<std::pair<std::uint64_t, std::int64_t>> draws;
    for (const int n : {3, 4, 6}) draws.push_back({lottery::Draw(seed, context, kid_[n]), kid_[n]});
    std::sort(draws.begin(), draws.end());
    if (rows.contains(draws[0].second) && rows[draws[0].second].at("status").as_string() == "cancelled") return;
    EXPECT_EQ(rows[draws[0].second].at("status").as_string(), "placed");
    EXPECT_EQ(rows[draws[1].second].at("waitlist_position").as_int64(), 1);
    EXPECT_EQ(rows[draws[2].second].at("waitlist_position").as_int64(), 2);
}

TEST_F(CustodyApiTest, ACancelledPlaceGoesToTheFirstOnTheWaitlistAndLateSignUpsJoinTheEnd) {
    const auto& plan = Opened();
    Drawn();
    const auto site = SiteId(plan, 0);
    auto rows = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&site_id=" + S(site) + "&status=waitlisted");
    ASSERT_EQ(rows.size(), 2u);
    std::int64_t first = 0, second = 0;
    for (const auto& [child, s] : rows) (s.at("waitlist_position").as_int64() == 1 ? first : second) = child;
    const auto placed = SignupsBy("parent0", "plan_id=" + S(Id(plan)) + "&status=placed");
    const auto military = placed.at(kid_[1]).at("id").as_int64();
    EXPECT_EQ(As("parent1").Call("POST", "/api/v1/custody/signups/" + S(military) + "/cancel").status, 404);
    auto r = As("parent0").Call("POST", "/api/v1/custody/signups/" + S(military) + "/cancel");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "cancelled");
    EXPECT_EQ(As("parent0").Call("POST", "/api/v1/custody/signups/" + S(military) + "/cancel").status, 409);
    rows = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&site_id=" + S(site));
    EXPECT_EQ(rows[first].at("status").as_string(), "placed");
    EXPECT_EQ(rows[second].at("waitlist_position").as_int64(), 1);
    // Late: the site-period is full, so kid 5 joins the end of the waitlist whatever its tier.
    r = SignUp("parent0", Id(plan), kid_[5], site, {PeriodId(plan, 0)}, {"low_income"});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at(0).at("status").as_string(), "waitlisted");
    EXPECT_EQ(Body(r).at(0).at("waitlist_position").as_int64(), 2);
    const auto allocation = Body(As("county").Call("GET", "/api/v1/custody/plans/" + S(Id(plan)) + "/allocation"));
    for (const auto& item : allocation.at("items").as_array())
        EXPECT_LE(item.at("placed").as_int64(), item.at("capacity").as_int64());
}

}  // namespace
}  // namespace kehou::testing::custody_api
