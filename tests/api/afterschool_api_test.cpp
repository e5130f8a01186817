// After-school services over HTTP: a county's standard and white list, a school's catalogue and windows,
// a guardian's first-come selection (idempotent, waitlist) and ranked wishes, the published lottery with
// its reasons, and `kehou allocate --verify` re-running the published inputs.
#include <gtest/gtest.h>

#include <fstream>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/process.hpp"
#include "support/text.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

class AfterSchoolApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        auto& org = app.org();
        school_ = org.CreateSchool(city, {0, "2137000101", "任城区实验小学", "370811", "", "primary", true, false, 1, 6, ""});
        const auto k = org.CreateClass(city, school_.id, 3, 1, 2024);
        auto& auth = app.auth();
        auth.CreateUser({"county", "区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"school", "实验小学", Role::kSchoolAdmin, school_.org_path, "Campus#2026", true, false});
        for (int n = 0; n < 4; ++n) {
            const std::string id = IdNumber("3708112016030" + std::to_string(1 + n) + (n == 1 ? "112" : "111"));  // digit 17: sex
            static const char* const kNames[] = {"王小明", "李小红", "张小华", "赵小军"};
            children_[n] = org.CreateStudent(city, {k.id, kNames[n], n == 1 ? "female" : "male", id, "G" + id, {}}).id;
            const auto u = auth.CreateUser({"parent" + std::to_string(n), "家长", Role::kGuardian, school_.org_path,
                                            "Family#2026", true, false});
            const auto g = org.AddGuardian(city, children_[n], {"家长", "mother", "1391234567" + std::to_string(n), true});
            org.LinkGuardianAccount(g.id, u.id);
        }
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient As(const std::string& user, const std::string& password) {
        return ApiClient::LogIn(server_->port(), user, password);
    }
    static ApiClient Parent(int n) { return As("parent" + std::to_string(n), "Family#2026"); }
    static std::string At(std::chrono::seconds from_now) {
        return FormatShanghai(std::chrono::system_clock::now() + from_now);
    }
    /// Publishes a course for grades 3–6 on a weekday and returns its only section's id.
    static std::int64_t Course(const ApiClient& school, const std::string& title, int capacity, int weekday) {
        const auto r = school.Call(
            "POST", "/api/v1/afterschool/courses",
            json::serialize(json::object{
                {"school_id", school_.id}, {"semester", "2026-autumn"}, {"title", title}, {"category", "sport"},
                {"venue", "操场"}, {"grade_from", 3}, {"grade_to", 6}, {"instructor_kind", "volunteer"},
                {"instructor_name", "志愿者"}, {"fee_per_hour_fen", 300}, {"capacity", capacity},
                {"sections", json::array{json::array{json::object{{"weekday", weekday}, {"start", "16:00"}, {"end", "17:00"}}}}}}));
        EXPECT_EQ(r.status, 201) << r.body;
        return Body(r).at("sections").at(0).at("id").as_int64();
    }
    static void Consent(const ApiClient& parent, std::int64_t child) {
        const auto r = parent.Call("POST", "/api/v1/org/children/" + std::to_string(child) + "/consents",
                                   R"({"purpose":"afterschool","granted":true,"notice_version":"v1"})");
        EXPECT_LT(r.status, 300) << r.body;
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School school_;
    static inline std::int64_t children_[4] = {};
};

TEST_F(AfterSchoolApiTest, CountyStandardSchoolCatalogueAndFirstComeSelection) {
    const ApiClient county = As("county", "Bureau#2026"), school = As("school", "Campus#2026");
    auto r = county.Call("PUT", "/api/v1/afterschool/fee-standards/370811/2026-autumn",
                         R"({"rural_per_hour_fen":250,"urban_per_hour_fen":300,"local_off_work":"17:30"})");
    ASSERT_EQ(r.status, 200) << r.body;
    // Above the county's own cap: refused with the field named, nothing written.
    r = school.Call("POST", "/api/v1/afterschool/courses",
                    R"({"school_id":)" + std::to_string(school_.id) +
                        R"(,"semester":"2026-autumn","title":"足球","category":"sport","venue":"操场","grade_from":3,)"
                        R"("grade_to":6,"instructor_kind":"volunteer","instructor_name":"志愿者","fee_per_hour_fen":301,)"
                        R"("capacity":10,"sections":[[{"weekday":2,"start":"16:00","end":"17:00"}]]})");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(Body(r).at("error").at("field"), "fee_per_hour_fen");
    const auto section = Course(school, "足球", 1, 2);
    r = school.Call("POST", "/api/v1/afterschool/windows",
                    json::serialize(json::object{{"school_id", school_.id}, {"semester", "2026-autumn"},
                                                 {"title", "秋季实时选课"}, {"mode", "first_come"},
                                                 {"opens_at", At(std::chrono::seconds(-60))},
                                                 {"closes_at", At(std::chrono::seconds(3600))}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("phase"), "open");

    const ApiClient p0 = Parent(0), p1 = Parent(1);
    const std::string pick = R"({"section_id":)" + std::to_string(section) + R"(,"idempotency_key":"tap-1"})";
    const std::string seats0 = "/api/v1/afterschool/children/" + std::to_string(children_[0]) + "/seats";
    r = p0.Call("POST", seats0, pick);
    EXPECT_EQ(ErrorCodeOf(r), "afterschool.consent_required") << "no selection without the guardian's consent (R4.5)";
    Consent(p0, children_[0]);
    Consent(p1, children_[1]);
    r = p0.Call("POST", seats0, pick);
    ASSERT_EQ(r.status, 201) << r.body;
    const auto seat = Body(r).at("seat_id").as_int64();
    r = p0.Call("POST", seats0, pick);  // the phone retries after a timeout
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(Body(r).at("seat_id").as_int64(), seat);
    // The seat's audit line was committed in the seat's own write, the retry's by the hook: one each.
    auth::AuditQuery audited;
    audited.scope_path = "/";
    audited.action = "afterschool:selection:create";
    audited.outcome_class = 2;
    EXPECT_EQ(server_->app().audit().List(audited).total, 2);
    EXPECT_TRUE(server_->app().audit().Verify().Ok()) << "the chain holds across batched lines";
    const std::string seats1 = "/api/v1/afterschool/children/" + std::to_string(children_[1]) + "/seats";
    r = p1.Call("POST", seats1, R"({"section_id":)" + std::to_string(section) + R"(,"idempotency_key":"x"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(ErrorCodeOf(r), "afterschool.section_full");
    r = p1.Call("POST", seats1, R"({"section_id":)" + std::to_string(section) + R"(,"idempotency_key":"y","join_waitlist":true})");
    EXPECT_EQ(r.status, 202) << r.body;
    r = p1.Call("GET", "/api/v1/afterschool/children/" + std::to_string(children_[1]) + "/offer?semester=2026-autumn");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("courses").at(0).at("sections").at(0).at("seats_left"), 0);
    EXPECT_EQ(Body(r).at("courses").at(0).at("sections").at(0).at("waitlisted"), 1);
    r = p0.Call("DELETE", seats0 + "/" + std::to_string(seat));
    EXPECT_EQ(Body(r).at("status"), "dropped");
    r = school.Call("GET", "/api/v1/afterschool/sections/" + std::to_string(section) + "/seats");
    ASSERT_EQ(Body(r).at("items").as_array().size(), 1u);
    EXPECT_EQ(Body(r).at("items").at(0).at("student_name"), "李小红") << "the waitlist moved up";
    EXPECT_EQ(Body(r).at("items").at(0).at("status"), "confirmed");
    r = p1.Call("POST", seats1, "{\"section_id\":1}");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Body(r).at("error").at("field"), "idempotency_key");
}

TEST_F(AfterSchoolApiTest, TheLotteryIsPublishedWithReasonsAndVerifiesFromTheCommandLine) {
    const ApiClient school = As("school", "Campus#2026");
    school.Call("PUT", "/api/v1/afterschool/fee-standards/370811/2026-autumn",
                R"({"rural_per_hour_fen":250,"urban_per_hour_fen":300,"local_off_work":"17:30"})");
    As("county", "Bureau#2026").Call("PUT", "/api/v1/afterschool/fee-standards/370811/2026-autumn",
                                      R"({"rural_per_hour_fen":250,"urban_per_hour_fen":300,"local_off_work":"17:30"})");
    const auto robots = Course(school, "机器人", 1, 4), art = Course(school, "创意美术", 5, 5);
    auto r = school.Call("POST", "/api/v1/afterschool/windows",
                         json::serialize(json::object{{"school_id", school_.id}, {"semester", "2026-autumn"},
                                                      {"title", "兴趣课摇号"}, {"mode", "lottery"},
                                                      {"opens_at", At(std::chrono::seconds(7200))},
                                                      {"closes_at", At(std::chrono::seconds(10800))}}));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto window = Body(r).at("id").as_int64();
    const std::string commitment(Body(r).at("seed_commitment").as_string());
    EXPECT_TRUE(Body(r).at("seed").is_null());
    {  // the window opens (time passes)
        auto c = server_->app().database().Acquire();
        c->Execute(db::Query{"test.open", "UPDATE as_window SET opens_at = $2 WHERE id = $1"},
                   {window, At(std::chrono::seconds(-10))});
    }
    for (int n = 0; n < 3; ++n) {
        const ApiClient p = Parent(n);
        Consent(p, children_[n]);
        r = p.Call("PUT", "/api/v1/afterschool/children/" + std::to_string(children_[n]) + "/wishes/" + std::to_string(window),
                   json::serialize(json::object{{"section_ids", json::array{robots, art}}}));
        ASSERT_EQ(r.status, 200) << r.body;
    }
    r = school.Call("POST", "/api/v1/afterschool/windows/" + std::to_string(window) + "/allocate");
    EXPECT_EQ(ErrorCodeOf(r), "afterschool.cannot_allocate") << "not before the window closes";
    {
        auto c = server_->app().database().Acquire();
        c->Execute(db::Query{"test.close", "UPDATE as_window SET closes_at = $2 WHERE id = $1"},
                   {window, At(std::chrono::seconds(-1))});
    }
    r = school.Call("POST", "/api/v1/afterschool/windows/" + std::to_string(window) + "/allocate");
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string seed(Body(r).at("seed").as_string()), digest(Body(r).at("result_digest").as_string());
    EXPECT_EQ(Body(r).at("phase"), "allocated");

    int first_wish_won = 0;
    for (int n = 0; n < 3; ++n) {
        r = Parent(n).Call("GET", "/api/v1/afterschool/children/" + std::to_string(children_[n]) + "/results/" +
                                      std::to_string(window));
        ASSERT_EQ(r.status, 200) << r.body;
        const json::value body = Body(r);
        const auto& items = body.at("items").as_array();
        ASSERT_EQ(items.size(), 2u);
        first_wish_won += items[0].at("outcome") == "assigned";
        EXPECT_FALSE(items[0].at("reason").as_string().empty());
        if (items[0].at("outcome") == "full") {
            EXPECT_NE(std::string(items[0].at("reason").as_string()).find("第1志愿"), std::string::npos) << r.body;
        }
    }
    EXPECT_EQ(first_wish_won, 1) << "one seat in the popular course";

    r = school.Call("GET", "/api/v1/afterschool/windows/" + std::to_string(window) + "/allocation-inputs");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto inputs = server_->dir() / "inputs.txt";
    std::ofstream(inputs) << r.body;
    KehouProcess offline({"allocate", "--verify", "--inputs", inputs.string(), "--seed", seed, "--digest", digest});
    const std::string out = offline.ReadAll();
    EXPECT_EQ(offline.Wait(), 0) << out << offline.Stderr();
    EXPECT_NE(out.find("matches"), std::string::npos) << out;
    KehouProcess wrong({"allocate", "--verify", "--inputs", inputs.string(), "--seed", seed, "--digest", "00"});
    wrong.ReadAll();
    EXPECT_EQ(wrong.Wait(), 1);
    KehouProcess in_db({"allocate", "--window", std::to_string(window), "--verify", "--db",
                        (server_->dir() / "kehou.db").string(), "--pii-key-file", (server_->dir() / "kehou.key").string(),
                        "--web-root", (server_->dir() / "web").string()});
    const std::string db_out = in_db.ReadAll();
    EXPECT_EQ(in_db.Wait(), 0) << db_out << in_db.Stderr();
    EXPECT_NE(commitment, seed);
}

TEST_F(AfterSchoolApiTest, TheRollNotifiesTheGuardianAndFeedsTheStatementAndTheReports) {
    const ApiClient county = As("county", "Bureau#2026"), school = As("school", "Campus#2026");
    county.Call("PUT", "/api/v1/afterschool/fee-standards/370811/2026-autumn",
                R"({"rural_per_hour_fen":250,"urban_per_hour_fen":300,"local_off_work":"17:30"})");
    // A course meeting every weekday, so that today's roll can be taken whatever day the test runs.
    json::array slots;
    for (int d = 1; d <= 7; ++d) slots.push_back(json::object{{"weekday", d}, {"start", "17:00"}, {"end", "18:00"}});
    auto r = school.Call("POST", "/api/v1/afterschool/courses",
                         json::serialize(json::object{
                             {"school_id", school_.id}, {"semester", "2026-autumn"}, {"title", "阅读"},
                             {"category", "reading"}, {"venue", "图书馆"}, {"grade_from", 3}, {"grade_to", 6},
                             {"instructor_kind", "volunteer"}, {"instructor_name", "志愿者"}, {"fee_per_hour_fen", 200},
                             {"capacity", 30}, {"sections", json::array{slots}}}));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto section = Body(r).at("sections").at(0).at("id").as_int64();
    const std::string seats = "/api/v1/afterschool/sections/" + std::to_string(section) + "/seats";
    r = school.Call("POST", seats, json::serialize(json::object{{"student_id", children_[3]}, {"joined_on", "2026-09-01"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string today = ShanghaiDate(std::chrono::system_clock::now());
    const std::string roll = "/api/v1/afterschool/sections/" + std::to_string(section) + "/roll/" + today;
    r = school.Call("GET", roll);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(Body(r).at("entries").as_array().size(), 1u);
    r = school.Call("PUT", roll,
                    json::serialize(json::object{{"entries", json::array{json::object{{"student_id", children_[3]},
                                                                                      {"status", "absent"}}}}}));
    ASSERT_EQ(r.status, 200) << r.body;
    const ApiClient parent = Parent(3);
    r = parent.Call("GET", "/api/v1/notifications");
    ASSERT_EQ(r.status, 200);
    bool told = false;
    const json::value notices = Body(r);
    for (const auto& n : notices.at("items").as_array()) told = told || n.at("kind") == "absence";
    EXPECT_TRUE(told) << r.body;
    r = parent.Call("GET", "/api/v1/afterschool/children/" + std::to_string(children_[3]) + "/statement?semester=2026-autumn");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("hours"), 0) << "an absent session is not charged";
    r = parent.Call("GET", "/api/v1/afterschool/schools/" + std::to_string(school_.id) + "/fees?semester=2026-autumn");
    EXPECT_EQ(r.status, 403) << "a family never sees the school's fee list";
    r = county.Call("GET", "/api/v1/afterschool/reports/participation?semester=2026-autumn");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("level"), "school");
    EXPECT_GE(Body(r).at("total").at("served").as_int64(), 1);
    r = county.Call("GET", "/api/v1/afterschool/reports/participation/export?semester=2026-autumn");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace kehou::testing
