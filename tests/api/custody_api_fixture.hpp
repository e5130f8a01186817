#pragma once
// The summer-custody API tests' county (issue 9 points 6–9): 任城区 with schools A and B (a shared site) and a middle
// school C, 兖州区 with one school; county, city, school, teacher and two families' log-ins; the main plan opened
// and drawn once per process (CTest runs each test in its own). Used by custody_api_test.cpp (plans, survey,
// sign-up, allocation) and custody_site_api_test.cpp (a school's view, attendance, fees due, statistics).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/time.hpp"
#include "org/bulk.hpp"
#include "support/text.hpp"

namespace kehou::testing::custody_api {

namespace json = boost::json;

inline json::value Body(const HttpReply& r) { return json::parse(r.body); }
inline std::string S(std::int64_t n) { return std::to_string(n); }

// Past years, so every service day has come whatever day the test runs.
inline const int kYear = std::stoi(ShanghaiDate(std::chrono::system_clock::now()).substr(0, 4)) - 1;

// The period's Monday + `offset` days: period 0 is the week of the first Monday on or after 10 July, period 1 the next.
inline std::string Day(int year, int period, int offset) {
    using namespace std::chrono;
    auto day = sys_days{std::chrono::year{year} / July / 10};
    while (weekday{day} != Monday) day += days{1};
    return FormatIsoDate(year_month_day{day + days{7 * period + offset}});
}

class CustodyApiFixture : public ::testing::Test {
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
    // Both suites may run in one process: the next one starts a new server, so nothing cached outlives this one.
    static void TearDownTestSuite() {
        sessions_.clear();
        opened_ = nullptr;
        drawn_ = nullptr;
        kid_.clear();
        delete server_;
        server_ = nullptr;
    }

    // parent0: five children at A and B (one military, one dual-income, one low-income on record) and two at 兖州
    // (one low-income);
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
            static const char* kNames[] = {"", "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
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
        kid_[8] = add(8, ky, {.hardship = true}, u0.id);
    }

    static ApiClient& As(const std::string& user) {
        static const std::map<std::string, std::string> passwords{
            {"county", "Bureau#2026"},   {"county2", "Bureau#2026"}, {"city", "Bureau#2026"},
            {"school_a", "Campus#2026"}, {"school_b", "Campus#2026"}, {"teacher", "Lesson#2026"},
            {"stranger", "Lesson#2026"}, {"parent0", "Family#2026"}, {"parent1", "Family#2026"}};
        auto it = sessions_.find(user);
        if (it == sessions_.end())
            it = sessions_.emplace(user, ApiClient::LogIn(server_->port(), user, passwords.at(user))).first;
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
        auto& plan = opened_;
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
        auto& allocation = drawn_;
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
    static inline std::map<std::string, ApiClient> sessions_;  // log-ins are rate-limited: one per user
    static inline json::value opened_, drawn_;                 // Opened() and Drawn(), made once per server
};

}  // namespace kehou::testing::custody_api
