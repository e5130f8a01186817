// Summer custody through HTTP (issue 9 points 6–9, RULES R1.17, R2.1–R2.2): a county's plan refused for teaching
// content or a fee above the after-school cap; sign-up opened only with every site's safety plan; the survey; sign-up
// with priority groups the school has on record; an oversubscribed site allocated by tier, then the shared lottery
// (re-derived here from the revealed seed), capacity never exceeded, the waitlist promoted on a cancellation, a late
// join; another family's child (404); a school's own view; attendance only for placed children on service days;
// the statistics from what the test made.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/time.hpp"
#include "io/xlsx_reader.hpp"
#include "lottery/lottery.hpp"
#include "org/bulk.hpp"
#include "support/text.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }
std::string S(std::int64_t n) { return std::to_string(n); }

// Past years, so every service day has come whatever day the test runs.
const int kYear = std::stoi(ShanghaiDate(std::chrono::system_clock::now()).substr(0, 4)) - 1;

// The period's Monday + `offset` days: period 0 is the week of the first Monday on or after 10 July, period 1 the next.
std::string Day(int year, int period, int offset) {
    using namespace std::chrono;
    auto day = sys_days{std::chrono::year{year} / July / 10};
    while (weekday{day} != Monday) day += days{1};
    return FormatIsoDate(year_month_day{day + days{7 * period + offset}});
}

class CustodyApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        auto& org = app.org();
        auto& auth = app.auth();
        a_ = org.CreateSchool(city, {0, "2137000701", "任城区托管一小", "370811", "", "primary", true, false, 1, 6, ""});
        b_ = org.CreateSchool(city, {0, "2137000702", "任城区托管二小", "370811", "", "primary", true, false, 1, 6, ""});
        c_ = org.CreateSchool(city, {0, "2137000703", "任城区托管中学", "370811", "", "junior_middle", true, false, 7, 9, ""});
        y_ = org.CreateSchool(city, {0, "2137000801", "兖州区托管小学", "370812", "", "primary", true, false, 1, 6, ""});
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"county2", "兖州区教体局", Role::kDistrictAdmin, "/370800/370812/", "Bureau#2026", true, false});
        auth.CreateUser({"city", "市教育局", Role::kCityAdmin, "/370800/", "Bureau#2026", true, false});
        auth.CreateUser({"school_a", "一小", Role::kSchoolAdmin, a_.org_path, "Campus#2026", true, false});
        auth.CreateUser({"school_b", "二小", Role::kSchoolAdmin, b_.org_path, "Campus#2026", true, false});
        const auto t = auth.CreateUser({"teacher", "王老师", Role::kTeacher, a_.org_path, "Lesson#2026", true, false});
        auth.CreateUser({"stranger", "李老师", Role::kTeacher, a_.org_path, "Lesson#2026", true, false});
        teacher_ = org.CreateTeacher(city, {a_.id, "王老师", "female", "13911110001", {"语文"}}).id;
        teacher_b_ = org.CreateTeacher(city, {b_.id, "赵老师", "male", "13911110002", {"数学"}}).id;
        teacher_y_ = org.CreateTeacher(city, {y_.id, "孙老师", "male", "13911110003", {"数学"}}).id;
        {
            org::BulkWriter w(app.database(), app.vault());
            w.LinkTeacherAccount(teacher_, t.id);
            w.Commit();
        }
        AddFamilies(city);
    }
    static void TearDownTestSuite() { delete server_; }

    // parent0: five children at A and B (one military, one dual-income, one low-income on record) and one at 兖州;
    // parent1: one child at B (another family).
    static void AddFamilies(const Principal& city) {
        auto& org = server_->app().org();
        auto& auth = server_->app().auth();
        const auto ka = org.CreateClass(city, a_.id, 3, 1, 2024).id, kb = org.CreateClass(city, b_.id, 3, 1, 2024).id;
        const auto ky = org.CreateClass(city, y_.id, 3, 1, 2024).id;
        const auto u0 = auth.CreateUser({"parent0", "家长", Role::kGuardian, a_.org_path, "Family#2026", true, false});
        const auto u1 = auth.CreateUser({"parent1", "家长", Role::kGuardian, b_.org_path, "Family#2026", true, false});
        const auto add = [&](int n, std::int64_t klass, org::StudentFlags flags, std::int64_t user) {
            const std::string id = IdNumber("3708112016050" + std::to_string(n) + "311");
            static const char* kNames[] = {"", "甲", "乙", "丙", "丁", "戊", "己", "庚"};
            const auto s = org.CreateStudent(city, {klass, std::string("托管") + kNames[n], "male", id, "G" + id, flags}).id;
            const auto g = org.AddGuardian(city, s, {"家长", "mother", "1381234580" + std::to_string(n), true});
            org.LinkGuardianAccount(g.id, user);
            return s;
        };
        kid_[1] = add(1, ka, {.military_family = true}, u0.id);
        kid_[2] = add(2, ka, {.dual_income = true}, u0.id);
        kid_[3] = add(3, kb, {}, u0.id);
        kid_[4] = add(4, kb, {}, u0.id);
        kid_[5] = add(5, ka, {.hardship = true}, u0.id);
        kid_[6] = add(6, kb, {}, u1.id);
        kid_[7] = add(7, ky, {}, u0.id);
    }

    static ApiClient& As(const std::string& user) {
        static std::map<std::string, ApiClient> sessions;
        static const std::map<std::string, std::string> passwords{
            {"county", "Bureau#2026"},   {"county2", "Bureau#2026"}, {"city", "Bureau#2026"},
            {"school_a", "Campus#2026"}, {"school_b", "Campus#2026"}, {"teacher", "Lesson#2026"},
            {"stranger", "Lesson#2026"}, {"parent0", "Family#2026"}, {"parent1", "Family#2026"}};
        auto it = sessions.find(user);
        if (it == sessions.end())
            it = sessions.emplace(user, ApiClient::LogIn(server_->port(), user, passwords.at(user))).first;
        return it->second;
    }

    // A plan of two 5-day periods: site A (host A, serving A and B, `places` in period 0, 5 in period 1) and site C.
    static json::object PlanBody(const std::string& unit, int year, int places, json::value fee = nullptr) {
        const bool renc = unit == "370811";
        json::array sites{json::object{
            {"host_school_id", renc ? a_.id : y_.id},
            {"name", "托管点"},
            {"served_schools", renc ? json::array{a_.id, b_.id} : json::array{y_.id}},
            {"capacity", json::array{json::object{{"period", 0}, {"places", places}},
                                     json::object{{"period", 1}, {"places", 5}}}},
            {"content", json::array{"reading", "homework_help", "sport"}},
            {"activities", json::array{json::object{{"type", "reading"}, {"title", "快乐读书吧"}},
                                       json::object{{"type", "homework_help"}, {"title", "暑期作业辅导"}}}}}};
        if (renc)
            sites.push_back(json::object{{"host_school_id", c_.id}, {"name", "中学托管点"},
                                         {"served_schools", json::array{c_.id}},
                                         {"capacity", json::array{json::object{{"period", 1}, {"places", 30}}}},
                                         {"content", json::array{"games"}}});
        return {{"unit_code", unit},
                {"year", year},
                {"title", std::to_string(year) + "年暑期托管"},
                {"periods", json::array{json::object{{"name", "第一期"}, {"start_date", Day(year, 0, 0)},
                                                     {"end_date", Day(year, 0, 4)}, {"service_fee_fen", fee}},
                                        json::object{{"name", "第二期"}, {"start_date", Day(year, 1, 0)},
                                                     {"end_date", Day(year, 1, 4)}, {"service_fee_fen", nullptr}}}},
                {"sites", std::move(sites)}};
    }

    static json::value Create(const std::string& county, const json::object& body) {
        const auto r = As(county).Call("POST", "/api/v1/custody/plans", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return Body(r);
    }

    static HttpReply Move(const std::string& county, std::int64_t plan, const char* to) {
        return As(county).Call("POST", "/api/v1/custody/plans/" + S(plan) + "/status",
                               json::serialize(json::object{{"to", to}}));
    }

    static HttpReply PutSafety(const std::string& who, std::int64_t site, json::array staff = {}) {
        return As(who).Call("PUT", "/api/v1/custody/sites/" + S(site) + "/safety-plan",
                            json::serialize(json::object{{"responsible_person", "王校长"},
                                                         {"responsible_phone", "13912345678"},
                                                         {"emergency_contacts", json::array{json::object{
                                                             {"name", "派出所"}, {"phone", "0537-2345678"}}}},
                                                         {"staff_teacher_ids", std::move(staff)}}));
    }

    static HttpReply SignUp(const std::string& parent, std::int64_t plan, std::int64_t child, std::int64_t site,
                            json::array periods, json::array groups = {}) {
        return As(parent).Call("POST", "/api/v1/custody/plans/" + S(plan) + "/signups",
                               json::serialize(json::object{{"student_id", child}, {"site_id", site},
                                                            {"period_ids", std::move(periods)},
                                                            {"groups", std::move(groups)}}));
    }

    static std::int64_t Id(const json::value& v, const char* key = "id") { return v.at(key).as_int64(); }
    static std::int64_t SiteId(const json::value& plan, std::size_t i) { return Id(plan.at("sites").at(i)); }
    static std::int64_t PeriodId(const json::value& plan, std::size_t i) { return Id(plan.at("periods").at(i)); }

    // The main plan (370811, last year), opened with safety plans: site A holds 3 places in the first period.
    static const json::value& Opened() {
        static json::value plan;
        if (!plan.is_null()) return plan;
        plan = Create("county", PlanBody("370811", kYear, 3));
        const auto id = Id(plan);
        EXPECT_EQ(PutSafety("school_a", SiteId(plan, 0), json::array{teacher_, teacher_b_}).status, 200);
        EXPECT_EQ(PutSafety("county", SiteId(plan, 1)).status, 200);
        EXPECT_EQ(Move("county", id, "survey").status, 200);
        const auto r = Move("county", id, "signup");
        EXPECT_EQ(r.status, 200) << r.body;
        plan = Body(r);
        return plan;
    }

    // Opened(), five children signed up for the first period at site A (3 places), then the draw.
    static const json::value& Drawn() {
        static json::value allocation;
        if (!allocation.is_null()) return allocation;
        const auto& plan = Opened();
        const auto site = SiteId(plan, 0), period = PeriodId(plan, 0);
        const std::vector<std::pair<int, json::array>> who = {
            {1, {"military"}}, {2, {"dual_income"}}, {3, {}}, {4, {}}, {6, {}}};
        for (const auto& [n, groups] : who) {
            const auto r = SignUp(n == 6 ? "parent1" : "parent0", Id(plan), kid_[n], site, {period}, groups);
            EXPECT_EQ(r.status, 201) << r.body;
        }
        const auto r = As("county").Call("POST", "/api/v1/custody/plans/" + S(Id(plan)) + "/allocate");
        EXPECT_EQ(r.status, 200) << r.body;
        allocation = Body(r);
        return allocation;
    }

    static std::map<std::int64_t, json::object> SignupsBy(const std::string& who, const std::string& query) {
        const auto r = As(who).Call("GET", "/api/v1/custody/signups?" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        std::map<std::int64_t, json::object> out;
        const auto body = Body(r);
        for (const auto& s : body.at("items").as_array()) out[s.at("student_id").as_int64()] = s.as_object();
        return out;
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School a_, b_, c_, y_;
    static inline std::int64_t teacher_ = 0, teacher_b_ = 0, teacher_y_ = 0;
    static inline std::map<int, std::int64_t> kid_;
};

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
    EXPECT_EQ(family.at("items").as_array().size(), 6u);
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

TEST_F(CustodyApiTest, ASchoolSeesItsOwnChildrenAndItsHostedSite) {
    const auto& plan = Opened();
    Drawn();
    const auto query = "plan_id=" + S(Id(plan));
    for (const auto& [child, s] : SignupsBy("school_b", query))
        EXPECT_EQ(s.at("school_name").as_string(), b_.name) << child;
    EXPECT_FALSE(SignupsBy("school_b", query).contains(kid_[1]));
    EXPECT_TRUE(SignupsBy("school_a", query).contains(kid_[3]));  // at A's hosted site
    EXPECT_FALSE(SignupsBy("parent1", query).contains(kid_[1]));  // a family sees its own only
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/custody/plans/" + S(Id(plan))).status, 404);
    const auto roll = As("school_b").Call("GET", "/api/v1/custody/sites/" + S(SiteId(plan, 0)) +
                                                     "/attendance?date=" + Day(kYear, 0, 1));
    EXPECT_EQ(roll.status, 404);  // B's children are at A's site; the roll is the host's
}

// Issue 9 point 8: a service day's roll holds the period's placed children only; a Saturday is not a service day.
TEST_F(CustodyApiTest, AttendanceOnlyForPlacedChildrenOnServiceDays) {
    const auto& plan = Opened();
    Drawn();
    const auto path = "/api/v1/custody/sites/" + S(SiteId(plan, 0)) + "/attendance";
    const auto mark = [&](const std::string& who, const std::string& date, std::int64_t child) {
        return As(who).Call("PUT", path, json::serialize(json::object{
                                             {"date", date},
                                             {"marks", json::array{json::object{
                                                           {"student_id", child}, {"present", true}, {"meal", true}}}}}));
    };
    auto placed = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&status=placed&site_id=" + S(SiteId(plan, 0)));
    std::erase_if(placed, [&](const auto& p) { return p.second.at("period_id").as_int64() != PeriodId(plan, 0); });
    const auto waiting = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&status=waitlisted");
    ASSERT_FALSE(placed.empty());
    ASSERT_FALSE(waiting.empty());
    const auto child = placed.begin()->first;
    auto r = mark("teacher", Day(kYear, 0, 1), child);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto marked = Body(r);
    for (const auto& row : marked.at("rows").as_array()) {
        if (row.at("student_id").as_int64() == child) {
            EXPECT_TRUE(row.at("present").as_bool());
        }
    }
    EXPECT_EQ(ErrorCodeOf(mark("teacher", Day(kYear, 0, 1), waiting.begin()->first)), "custody.not_placed");
    EXPECT_EQ(ErrorCodeOf(mark("teacher", Day(kYear, 0, 5), child)), "custody.not_service_day");
    EXPECT_EQ(ErrorCodeOf(mark("stranger", Day(kYear, 0, 1), child)), "custody.not_site_staff");
    EXPECT_EQ(mark("school_b", Day(kYear, 0, 1), child).status, 403);
    const auto roll = Body(As("school_a").Call("GET", path + "?date=" + Day(kYear, 0, 1)));
    const auto first_period = std::count_if(placed.begin(), placed.end(), [&](const auto& p) {
        return p.second.at("period_id").as_int64() == PeriodId(plan, 0);
    });
    EXPECT_EQ(static_cast<std::ptrdiff_t>(roll.at("rows").as_array().size()), first_period);
}

// Issue 9 point 9 on a county of its own (兖州, 370812): every figure from what this test made.
TEST_F(CustodyApiTest, StatisticsCountWhatTheCountyDid) {
    auto plan = Create("county2", PlanBody("370812", kYear, 1));
    const auto id = Id(plan), site = SiteId(plan, 0), period = PeriodId(plan, 0);
    EXPECT_EQ(PutSafety("county2", site, json::array{teacher_y_}).status, 200);
    EXPECT_EQ(Move("county2", id, "survey").status, 200);
    EXPECT_EQ(As("parent0").Call("PUT", "/api/v1/custody/plans/" + S(id) + "/survey",
                                 json::serialize(json::object{{"student_id", kid_[7]}, {"wants", true},
                                                              {"period_ids", json::array{period}}}))
                  .status,
              200);
    EXPECT_EQ(Move("county2", id, "signup").status, 200);
    EXPECT_EQ(SignUp("parent0", id, kid_[7], site, {period}).status, 201);
    EXPECT_EQ(As("county2").Call("POST", "/api/v1/custody/plans/" + S(id) + "/allocate").status, 200);
    const auto r = As("county2").Call("PUT", "/api/v1/custody/sites/" + S(site) + "/attendance",
                                      json::serialize(json::object{
                                          {"date", Day(kYear, 0, 0)},
                                          {"marks", json::array{json::object{
                                                        {"student_id", kid_[7]}, {"present", true}, {"meal", false}}}}}));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto stats = As("county2").Call("GET", "/api/v1/custody/stats?year=" + std::to_string(kYear));
    ASSERT_EQ(stats.status, 200) << stats.body;
    const auto items = Body(stats).at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << stats.body;
    const auto& x = items[0];
    EXPECT_EQ(x.at("unit_code").as_string(), "370812");
    EXPECT_EQ(x.at("requested").as_int64(), 1);
    EXPECT_EQ(x.at("signed_up").as_int64(), 1);
    EXPECT_EQ(x.at("served").as_int64(), 1);
    EXPECT_EQ(x.at("schools_total").as_int64(), 1);
    EXPECT_EQ(x.at("schools_covered").as_int64(), 1);
    EXPECT_EQ(x.at("coverage_bp").as_int64(), 10000);
    EXPECT_EQ(x.at("sites").as_int64(), 1);
    EXPECT_EQ(x.at("staff").as_int64(), 1);
    EXPECT_EQ(x.at("attendance_days").as_int64(), 1);
    EXPECT_EQ(x.at("meals").as_int64(), 0);
    // The city sees both counties; 任城区 has three schools, two covered by its plan.
    const auto city = Body(As("city").Call("GET", "/api/v1/custody/stats?year=" + std::to_string(kYear)));
    std::int64_t total_schools = 0;
    for (const auto& item : city.at("items").as_array()) total_schools += item.at("schools_total").as_int64();
    EXPECT_EQ(city.at("total").at("schools_total").as_int64(), total_schools);
    const auto xlsx = As("county2").Call("GET", "/api/v1/custody/stats.xlsx?year=" + std::to_string(kYear));
    ASSERT_EQ(xlsx.status, 200);
    io::ReadError error;
    const auto rows = io::ReadXlsxFirstSheet(xlsx.body, error);
    ASSERT_TRUE(rows) << error.message_en;
    bool found = false;
    for (const auto& row : *rows)
        if (!row.empty() && row[0] == "370812") {
            // requested, signed up, served, schools, covered, (rate), sites, staff, attendance, meals
            EXPECT_EQ(std::vector<std::string>(row.begin() + 2, row.begin() + 7),
                      (std::vector<std::string>{"1", "1", "1", "1", "1"}));
            EXPECT_EQ(std::vector<std::string>(row.begin() + 8, row.end()),
                      (std::vector<std::string>{"1", "1", "1", "0"}));
            found = true;
        }
    EXPECT_TRUE(found) << "the county's row in the workbook";
    EXPECT_EQ(As("school_a").Call("GET", "/api/v1/custody/stats").status, 403);
}

}  // namespace
}  // namespace kehou::testing
