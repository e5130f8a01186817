// Third-party providers through HTTP (issue 9 points 1–5; RULES R2.3–R2.5, R6.5): a provider applies under its
// linked credit code and the county admits it onto the white list the schools choose from; schools cannot admit;
// illegal moves are 409; an open inspection case blocks admission; the semester's close exits a provider twice
// below the threshold and one caught recruiting, closes their next-semester courses and tells schools and
// families; and the scopes — a provider sees only itself, a school only its county's white list.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/text.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

/// A valid credit code of a company registered in `unit`, numbered `n`.
std::string Code(const std::string& unit, int n) {
    const std::string first17 = "91" + unit + "MA" + std::to_string(1000000 + n);
    return first17 + CreditCodeCheckCharacter(first17);
}

std::string DaysAgo(int days) {
    return ShanghaiDate(std::chrono::system_clock::now() - std::chrono::hours(24 * days));
}

/// A clean application (R2.3a non-subject, R2.4b fee clearly lower, R2.4c qualification and background check).
json::object Application(const std::string& name, const std::string& code, const std::string& unit = "") {
    json::object o{{"name", name},
                   {"credit_code", code},
                   {"category", "sport"},
                   {"free_public_benefit", false},
                   {"declares_no_marketing", false},
                   {"contact_name", "张经理"},
                   {"contact_phone", "13905370001"},
                   {"services", json::array{json::object{{"name", "少儿足球"}, {"fee_fen", 250}, {"outside_price_fen", 400}}}},
                   {"instructors", json::array{json::object{{"name", "刘洋"},
                                                            {"qualification", "coach_certificate"},
                                                            {"qualification_number", "C2019370811001"},
                                                            {"background_check_date", DaysAgo(30)}}}}};
    if (!unit.empty()) o["unit_code"] = unit;
    return o;
}

class ProvidersApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        auto& org = app.org();
        auto& auth = app.auth();
        school_a_ = org.CreateSchool(city, {0, "2137000401", "任城区机构一小", "370811", "", "primary", true, false, 1, 6, "任城路1号"});
        school_c_ = org.CreateSchool(city, {0, "2137000402", "兖州区机构一小", "370812", "", "primary", true, false, 1, 6, "兖州路1号"});
        for (const char* semester : {"2026-spring", "2026-autumn", "2027-spring"})
            app.fee_standards().Publish(city, "370800", semester, {});
        auth.CreateUser({"city", "市教育局", Role::kCityAdmin, "/370800/", "Bureau#2026", true, false});
        county_user_ = auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026",
                                        true, false}).id;
        auth.CreateUser({"county2", "兖州区教体局", Role::kDistrictAdmin, "/370800/370812/", "Bureau#2026", true, false});
        auth.CreateUser({"school_a", "一小", Role::kSchoolAdmin, school_a_.org_path, "Campus#2026", true, false});
        auth.CreateUser({"school_c", "兖州一小", Role::kSchoolAdmin, school_c_.org_path, "Campus#2026", true, false});
        provider1_ = auth.CreateUser({"provider1", "机构一", Role::kProvider, "/370800/370811/", "Vendor#2026", true, false}).id;
        // A child at school C with a guardian account: the family an exit must tell.
        const auto klass = org.CreateClass(city, school_c_.id, 3, 1, 2026).id;
        const std::string id = IdNumber("37081220170312133");
        child_c_ = org.CreateStudent(city, {klass, "丙", "male", id, "G" + id, {}}).id;
        const auto u = auth.CreateUser({"parent", "家长", Role::kGuardian, school_c_.org_path, "Family#2026", true, false});
        org.LinkGuardianAccount(org.AddGuardian(city, child_c_, {"家长", "mother", "13912345670", true}).id, u.id);
    }
    static void TearDownTestSuite() { delete server_; }

    // One session per user: log-ins are rate-limited per address.
    static ApiClient& As(const std::string& user) {
        static std::map<std::string, ApiClient> sessions;
        static const std::map<std::string, std::string> passwords{
            {"city", "Bureau#2026"},      {"county", "Bureau#2026"},   {"county2", "Bureau#2026"},
            {"school_a", "Campus#2026"},  {"school_c", "Campus#2026"}, {"provider1", "Vendor#2026"},
            {"parent", "Family#2026"}};
        auto it = sessions.find(user);
        if (it == sessions.end())
            it = sessions.emplace(user, ApiClient::LogIn(server_->port(), user, passwords.at(user))).first;
        return it->second;
    }

    /// The county links provider1's log-in to its credit code (idempotent).
    static void Link() {
        const auto link = As("county").Call(
            "POST", "/api/v1/providers/accounts",
            json::serialize(json::object{{"user_id", provider1_}, {"credit_code", Code("370811", 1)}}));
        ASSERT_EQ(link.status, 201) << link.body;
    }

    static std::string Records(const std::string& tail = "") { return "/api/v1/providers/records" + tail; }

    /// A county enters an application; returns the record id.
    static std::int64_t Enter(const std::string& county, const json::object& application) {
        const auto r = As(county).Call("POST", Records(), json::serialize(application));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Body(r).at("id").as_int64() : 0;
    }

    static HttpReply Move(const std::string& county, std::int64_t id, const json::object& move) {
        return As(county).Call("POST", Records("/" + std::to_string(id) + "/events"), json::serialize(move));
    }

    static std::int64_t Admitted(const std::string& county, const json::object& application) {
        const auto id = Enter(county, application);
        const auto r = Move(county, id, {{"event", "admit"}});
        EXPECT_EQ(r.status, 200) << r.body;
        return id;
    }

    static std::int64_t ProviderId(std::int64_t record) {
        return Body(As("city").Call("GET", Records("/" + std::to_string(record)))).at("provider_id").as_int64();
    }

    /// A course of the provider at a school in a semester, one section; returns {course id, section id}.
    static std::pair<std::int64_t, std::int64_t> Course(std::int64_t provider_id, const org::School& s,
                                                        const std::string& semester) {
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        const auto k = server_->app().catalog().PublishCourse(
            city, {s.id, semester, "少儿足球", "sport", "", "操场", 1, 6, "provider", {}, provider_id, "刘洋", 250, 30,
                   16, {{{3, 16 * 60, 17 * 60}}}});
        return {k.id, k.sections.at(0).id};
    }

    static std::string CourseStatus(std::int64_t course_id) {
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/"};
        return server_->app().catalog().GetCourse(city, course_id).status;
    }

    static std::string WhiteListStatus(const std::string& code, const std::string& unit) {
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/"};
        for (const auto& p : server_->app().catalog().ListProviders(city))
            if (p.credit_code == code && p.unit_code == unit) return p.status;
        return "";
    }

    static HttpReply SpotCheck(const std::string& user, std::int64_t record, std::int64_t school, const std::string& on,
                               int score, bool recruiting = false) {
        return As(user).Call("POST", Records("/" + std::to_string(record) + "/spot-checks"),
                             json::serialize(json::object{{"school_id", school}, {"on_date", on}, {"score", score},
                                                          {"recruiting_found", recruiting}, {"note", "巡课"}}));
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School school_a_, school_c_;
    static inline std::int64_t provider1_ = 0, child_c_ = 0, county_user_ = 0;
};

// R2.3b, R2.4a: the provider applies under the code the county linked to its log-in; the county admits it and it
// is on the white list (as_provider admitted) that the school reads.
TEST_F(ProvidersApiTest, ProviderAppliesAndTheCountyAdmitsOntoTheWhiteListR23R24) {
    const std::string code = Code("370811", 1);
    Link();
    const auto app = json::serialize(Application("任城区绿茵足球俱乐部有限公司", code));
    const auto check = As("provider1").Call("POST", "/api/v1/providers/own/applications/check", app);
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_TRUE(Body(check).at("problems").as_array().empty()) << check.body;
    const auto filed = As("provider1").Call("POST", "/api/v1/providers/own/applications", app);
    ASSERT_EQ(filed.status, 201) << filed.body;
    const auto id = Body(filed).at("id").as_int64();
    EXPECT_EQ(Body(filed).at("status").as_string(), "applied");
    EXPECT_EQ(Body(filed).at("unit_code").as_string(), "370811");
    EXPECT_EQ(Body(As("provider1").Call("POST", "/api/v1/providers/own/applications", app)).at("error").at("code"),
              "providers.application_open");
    // R2.3c: a school may not bring a provider in.
    const auto by_school = As("school_a").Call("POST", Records("/" + std::to_string(id) + "/events"), R"({"event":"admit"})");
    EXPECT_EQ(by_school.status, 403) << by_school.body;
    EXPECT_EQ(WhiteListStatus(code, "370811"), "");
    const auto admitted = Move("county", id, {{"event", "admit"}});
    ASSERT_EQ(admitted.status, 200) << admitted.body;
    EXPECT_EQ(Body(admitted).at("status").as_string(), "admitted");
    EXPECT_EQ(WhiteListStatus(code, "370811"), "admitted");
    const auto list = As("school_a").Call("GET", Records("?status=admitted&q=" + code));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(Body(list).at("total").as_int64(), 1);
    EXPECT_EQ(Body(list).at("items").at(0).at("id").as_int64(), id);
    // The school sees the contact masked; the county and the provider itself in full.
    EXPECT_NE(Body(As("school_a").Call("GET", Records("/" + std::to_string(id)))).at("contact_phone"), "13905370001");
    EXPECT_EQ(Body(As("county").Call("GET", Records("/" + std::to_string(id)))).at("contact_phone"), "13905370001");
}

TEST_F(ProvidersApiTest, AnApplicationNamesEveryProblemAndIsRefusedWholeR23R24) {
    auto bad = Application("任城区某艺术中心", Code("370811", 2));
    bad["category"] = "数学";  // R2.3a
    bad["services"].as_array()[0].as_object()["fee_fen"] = 380;  // R2.4b: more than 90 % of 400
    const auto check = As("county").Call("POST", Records("/check"), json::serialize(bad));
    ASSERT_EQ(check.status, 200) << check.body;
    std::set<std::string> fields;
    const auto problems = Body(check).at("problems").as_array();  // a copy: Body() is a temporary
    for (const auto& p : problems) fields.insert(std::string(p.at("field").as_string()));
    EXPECT_TRUE(fields.contains("category")) << check.body;
    EXPECT_TRUE(fields.contains("services[0].fee_fen")) << check.body;
    const auto refused = As("county").Call("POST", Records(), json::serialize(bad));
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(Body(refused).at("error").at("field"), "category");
    EXPECT_EQ(Body(refused).at("error").at("details").at("problem_count").as_int64(), 2);
    EXPECT_EQ(Body(As("county").Call("GET", Records("?q=" + Code("370811", 2)))).at("total").as_int64(), 0);
}

TEST_F(ProvidersApiTest, IllegalMovesAre409AndReasonsAreRequired) {
    const auto id = Enter("county", Application("任城区星空科技教育有限公司", Code("370811", 3)));
    const auto reinstate = Move("county", id, {{"event", "reinstate"}});
    EXPECT_EQ(reinstate.status, 409) << reinstate.body;
    EXPECT_EQ(ErrorCodeOf(reinstate), "providers.illegal_transition");
    EXPECT_EQ(ErrorCodeOf(Move("county", id, {{"event", "reject"}})), "providers.reason_required");
    ASSERT_EQ(Move("county", id, {{"event", "reject"}, {"reason", "资质材料不全"}}).status, 200);
    EXPECT_EQ(Move("county", id, {{"event", "admit"}}).status, 409);  // rejected is final
    // Out of the county's scope: another county's write is 403.
    EXPECT_EQ(Move("county2", id, {{"event", "admit"}}).status, 403);
}

// R6.5: an institution with an open inspection case cannot be put on the after-school white list.
TEST_F(ProvidersApiTest, AnOpenInspectionCaseBlocksAdmissionR65) {
    const Principal county{county_user_, "setup", "setup", Role::kDistrictAdmin, "/370800/370811/"};
    institutions::Institution in;
    in.unit_code = "370811";
    in.name = "任城区翰墨书法培训有限公司";
    in.credit_code = Code("370811", 4);
    in.category = institutions::InstitutionCategory::kNonSubjectArt;
    in.address = "某路 1 号";
    in.legal_representative = "某某";
    const auto inst = server_->app().institutions().Create(county, in);
    server_->app().cases().Open(county, {inst.id, "2026-12-07", {}, {}, ""});
    auto application = Application(in.name, in.credit_code);
    application["category"] = "traditional_culture";
    const auto id = Enter("county", application);
    EXPECT_TRUE(Body(As("county").Call("GET", Records("/" + std::to_string(id)))).at("open_case").as_bool());
    const auto admit = Move("county", id, {{"event", "admit"}});
    EXPECT_EQ(admit.status, 422) << admit.body;
    EXPECT_EQ(ErrorCodeOf(admit), "providers.open_inspection_case");
    EXPECT_EQ(WhiteListStatus(in.credit_code, "370811"), "");
}

// R2.4 and opinion ¶(8): a provider below the threshold twice in a row, and one caught recruiting in school, are
// exited when the county closes the semester; their next-semester courses close and schools and families are told.
TEST_F(ProvidersApiTest, ClosingTheSemesterExitsTwiceBelowAndRecruitingR24) {
    const auto weak = Admitted("county2", Application("兖州区慢跑体育有限公司", Code("370812", 5), "370812"));
    const auto recruiter = Admitted("county2", Application("兖州区招生体育有限公司", Code("370812", 6), "370812"));
    const auto good = Admitted("county2", Application("兖州区优秀体育有限公司", Code("370812", 7), "370812"));
    const auto [autumn_course, autumn_section] = Course(ProviderId(weak), school_c_, "2026-autumn");
    const auto spring_course = Course(ProviderId(weak), school_c_, "2027-spring").first;
    const auto recruiter_spring = Course(ProviderId(recruiter), school_c_, "2027-spring").first;
    const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    server_->app().selection().CreateWindow(city, {"", school_c_.id, "2026-autumn", "秋季选课", "first_come",
                                                   "2026-09-01T08:00:00+08:00", "2026-09-05T20:00:00+08:00"});
    server_->app().selection().JoinMidTerm(city, autumn_section, child_c_, "2026-09-07");
    // Spring: the weak provider scores 40 (a warning); autumn: 45 again (exit), the recruiter is caught.
    ASSERT_EQ(SpotCheck("county2", weak, school_c_.id, "2026-04-10", 40).status, 201);
    const auto spring = As("county2").Call("POST", "/api/v1/providers/evaluations", R"({"semester":"2026-spring"})");
    ASSERT_EQ(spring.status, 201) << spring.body;
    EXPECT_TRUE(Body(spring).at("exited").as_array().empty()) << spring.body;
    ASSERT_EQ(SpotCheck("county2", weak, school_c_.id, "2026-10-10", 45).status, 201);
    ASSERT_EQ(SpotCheck("county2", recruiter, school_c_.id, "2026-10-12", 95, true).status, 201);
    ASSERT_EQ(SpotCheck("county2", good, school_c_.id, "2026-10-14", 88).status, 201);
    const auto preview = As("county2").Call("GET", "/api/v1/providers/evaluations?semester=2026-autumn");
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_FALSE(Body(preview).at("closed").as_bool());
    const auto closed = As("county2").Call("POST", "/api/v1/providers/evaluations", R"({"semester":"2026-autumn"})");
    ASSERT_EQ(closed.status, 201) << closed.body;
    std::set<std::int64_t> exited;
    const auto exited_ids = Body(closed).at("exited").as_array();
    for (const auto& x : exited_ids) exited.insert(x.as_int64());
    EXPECT_EQ(exited, (std::set<std::int64_t>{weak, recruiter}));
    const auto weak_detail = Body(As("county2").Call("GET", Records("/" + std::to_string(weak))));
    EXPECT_EQ(weak_detail.at("status"), "exited");
    EXPECT_EQ(weak_detail.at("exit_reason"), "evaluation");
    EXPECT_EQ(Body(As("county2").Call("GET", Records("/" + std::to_string(recruiter)))).at("exit_reason"),
              "recruiting_in_school");
    EXPECT_EQ(Body(As("county2").Call("GET", Records("/" + std::to_string(good)))).at("status"), "admitted");
    EXPECT_EQ(WhiteListStatus(Code("370812", 5), "370812"), "exited");
    // Children keep this semester's places; next semester's courses are closed.
    EXPECT_EQ(CourseStatus(autumn_course), "published");
    EXPECT_EQ(CourseStatus(spring_course), "closed");
    EXPECT_EQ(CourseStatus(recruiter_spring), "closed");
    const auto notices = Body(As("school_c").Call("GET", "/api/v1/providers/notices")).at("items").as_array();
    int to_school = 0, to_family = 0;
    for (const auto& n : notices) (n.at("audience") == "school" ? to_school : to_family) += 1;
    EXPECT_EQ(to_school, 2);  // one per exited provider teaching at school C
    EXPECT_EQ(to_family, 1);  // the child in the weak provider's autumn section
    const auto family = Body(As("parent").Call("GET", "/api/v1/providers/notices")).at("items").as_array();
    ASSERT_EQ(family.size(), 1u);
    EXPECT_EQ(family[0].at("student_id").as_int64(), child_c_);
    EXPECT_EQ(family[0].at("effective_semester"), "2027-spring");
    // Twice is refused; the stored sheet answers from now on.
    EXPECT_EQ(As("county2").Call("POST", "/api/v1/providers/evaluations", R"({"semester":"2026-autumn"})").status, 409);
    EXPECT_TRUE(Body(As("county2").Call("GET", "/api/v1/providers/evaluations?semester=2026-autumn")).at("closed").as_bool());
}

// Issue 9 point 5: the provider's log-in sees itself and nothing else.
TEST_F(ProvidersApiTest, AProviderSeesOnlyItself) {
    Link();
    const auto other = Enter("county", Application("任城区别家体育有限公司", Code("370811", 8)));
    EXPECT_EQ(As("provider1").Call("GET", Records()).status, 403);
    EXPECT_EQ(As("provider1").Call("GET", Records("/" + std::to_string(other))).status, 403);
    const auto exit = As("provider1").Call("POST", "/api/v1/providers/own/exit",
                                           json::serialize(json::object{{"record_id", other}}));
    EXPECT_EQ(exit.status, 404) << exit.body;
    const auto foreign = As("provider1").Call("POST", "/api/v1/providers/own/applications",
                                              json::serialize(Application("冒名机构", Code("370811", 8))));
    EXPECT_EQ(ErrorCodeOf(foreign), "providers.credit_code_not_own");
    const auto own = As("provider1").Call("GET", "/api/v1/providers/own");
    ASSERT_EQ(own.status, 200) << own.body;
    const auto v = Body(own);
    ASSERT_TRUE(v.at("linked").as_bool());
    EXPECT_EQ(std::string(v.at("credit_code").as_string()), Code("370811", 1));
    for (const auto& r : v.at("records").as_array())
        EXPECT_EQ(std::string(r.at("credit_code").as_string()), Code("370811", 1));
}

// A school reads the white list of its own county only: admitted and suspended records, never applications.
TEST_F(ProvidersApiTest, ASchoolSeesOnlyItsCountysWhiteList) {
    const auto applied = Enter("county", Application("任城区待审体育有限公司", Code("370811", 9)));
    EXPECT_EQ(As("school_a").Call("GET", Records("/" + std::to_string(applied))).status, 404);
    EXPECT_EQ(Body(As("school_a").Call("GET", Records("?status=applied"))).at("total").as_int64(), 0);
    const auto suspended = Admitted("county", Application("任城区暂停体育有限公司", Code("370811", 10)));
    ASSERT_EQ(Move("county", suspended, {{"event", "suspend"}, {"reason", "家长投诉待核查"}}).status, 200);
    EXPECT_EQ(As("school_a").Call("GET", Records("/" + std::to_string(suspended))).status, 200);
    EXPECT_EQ(WhiteListStatus(Code("370811", 10), "370811"), "suspended");
    const auto elsewhere = Admitted("county2", Application("兖州区他县体育有限公司", Code("370812", 11), "370812"));
    EXPECT_EQ(As("school_a").Call("GET", Records("/" + std::to_string(elsewhere))).status, 404);
    // A school spot-checks only a provider teaching at its own school.
    const auto spot = SpotCheck("school_a", suspended, school_a_.id, DaysAgo(1), 80);
    EXPECT_EQ(ErrorCodeOf(spot), "providers.no_course_at_school");
}

// R2.5 (Heilongjiang): the white list is the county's. An admission in one county puts the provider on that
// county's list only; another county's schools neither see it nor may publish its courses.
TEST_F(ProvidersApiTest, TheWhiteListIsCountyLevelR25) {
    const std::string code = Code("370811", 12);
    Admitted("county", Application("任城区县级名单体育有限公司", code));
    EXPECT_EQ(WhiteListStatus(code, "370811"), "admitted");
    EXPECT_EQ(WhiteListStatus(code, "370812"), "");
    EXPECT_EQ(Body(As("school_c").Call("GET", Records("?q=" + code))).at("total").as_int64(), 0);
    // The same provider may apply to the other county: a new record there, reviewed by that county.
    const auto there = Enter("county2", Application("任城区县级名单体育有限公司", code, "370812"));
    EXPECT_EQ(Body(As("county2").Call("GET", Records("/" + std::to_string(there)))).at("status"), "applied");
}

TEST_F(ProvidersApiTest, SettingsWeightsMustSumTo100) {
    const auto bad = As("county").Call("PUT", "/api/v1/providers/settings",
                                       R"({"weights":{"guardians":50,"schools":30,"spot_checks":30,"attendance":0}})");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(Body(bad).at("error").at("field"), "weights");
    const auto good = As("county").Call("PUT", "/api/v1/providers/settings",
                                        R"({"weights":{"guardians":40,"schools":20,"spot_checks":30,"attendance":10},"threshold":65,)"
                                        R"("min_guardian_ratings":8})");
    ASSERT_EQ(good.status, 200) << good.body;
    const auto read = Body(As("school_a").Call("GET", "/api/v1/providers/settings"));
    EXPECT_EQ(read.at("threshold").as_int64(), 65);
    EXPECT_EQ(read.at("weights").at("attendance").as_int64(), 10);
    EXPECT_EQ(read.at("min_guardian_ratings").as_int64(), 8);
    const auto too_many = As("county").Call("PUT", "/api/v1/providers/settings", R"({"min_guardian_ratings":201})");
    EXPECT_EQ(too_many.status, 422) << too_many.body;
    EXPECT_EQ(Body(too_many).at("error").at("field"), "min_guardian_ratings");
    EXPECT_EQ(As("school_a").Call("PUT", "/api/v1/providers/settings", "{}").status, 403);
}

}  // namespace
}  // namespace kehou::testing
