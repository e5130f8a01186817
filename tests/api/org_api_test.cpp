// The registry over HTTP: scope (404 on out-of-scope reads, 403 on writes), masking, the audited
// reveal, and identity numbers that are ciphertext at rest.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/ids.hpp"
#include "support/text.hpp"
#include "support/http_client.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;


class OrgApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal county{0, "setup", "setup", Role::kDistrictAdmin, "/370800/370811/"};
        auto& org = app.org();
        school_a_ = org.CreateSchool(county, {0, "2137000101", "济宁市任城区实验小学", "370811", "", "primary",
                                              true, false, 1, 6, "任城区"});
        school_b_ = org.CreateSchool(county, {0, "2137000102", "任城区李营街道中心小学", "370811", "", "primary",
                                              true, true, 1, 6, "李营街道"});
        const auto class_a = org.CreateClass(county, school_a_.id, 3, 2, 2026);
        const auto class_b = org.CreateClass(county, school_b_.id, 3, 1, 2026);
        class_a_ = class_a.id;
        id_a_ = kehou::testing::IdNumber("37081120170312123");
        student_a_ = org.CreateStudent(county, {class_a.id, "王小明", "male", id_a_, "G" + id_a_, {}}).id;
        const std::string id_b = kehou::testing::IdNumber("37081120170815224");
        student_b_ = org.CreateStudent(county, {class_b.id, "李小红", "female", id_b, "G" + id_b, {}}).id;
        auto& auth = app.auth();
        auth.CreateUser({"admin.a", "实验小学管理员", Role::kSchoolAdmin, school_a_.org_path, "School#A2026", true, false});
        auth.CreateUser({"teacher.a", "实验小学教师", Role::kTeacher, school_a_.org_path, "Teacher#A2026", true, false});
        auth.CreateUser({"city.admin", "市局", Role::kCityAdmin, "/370800/", "City#Admin2026", true, false});
        const auto parent = auth.CreateUser({"parent.wang", "王爸爸", Role::kGuardian, school_a_.org_path,
                                             "Parent#Wang2026", true, false});
        const auto dad = org.AddGuardian(county, student_a_, {"王大明", "father", "+86 138-0013-8000", true});
        org.LinkGuardianAccount(dad.id, parent.id);
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient As(const std::string& user, const std::string& password) {
        return ApiClient::LogIn(server_->port(), user, password);
    }
    static std::string StudentBody(std::int64_t class_id, const std::string& name, const std::string& id) {
        return json::serialize(json::object{{"class_id", class_id}, {"name", name}, {"sex", "male"},
                                            {"id_number", id}, {"student_number", "G" + id}});
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School school_a_, school_b_;
    static inline std::int64_t class_a_ = 0, student_a_ = 0, student_b_ = 0;
    static inline std::string id_a_;
};

TEST_F(OrgApiTest, SchoolAdministratorSeesOnlyTheirSchoolWithNumbersMasked) {
    ApiClient a = As("admin.a", "School#A2026");
    const auto list = a.Call("GET", "/api/v1/org/students");
    ASSERT_EQ(list.status, 200);
    const auto body = json::parse(list.body);
    EXPECT_EQ(body.at("total").as_int64(), 1);
    const auto& s = body.at("items").as_array().at(0).as_object();
    EXPECT_EQ(s.at("name").as_string(), "王小明");
    EXPECT_EQ(s.at("id_number").as_string(), id_a_.substr(0, 6) + "********" + id_a_.substr(14));
    EXPECT_EQ(list.body.find(id_a_), std::string::npos) << "no full identity number in a list";
}

TEST_F(OrgApiTest, OutOfScopeReadIs404AndWriteIs403) {
    ApiClient a = As("admin.a", "School#A2026");
    EXPECT_EQ(a.Call("GET", "/api/v1/org/students/" + std::to_string(student_b_)).status, 404);
    EXPECT_EQ(a.Call("GET", "/api/v1/org/schools/" + std::to_string(school_b_.id)).status, 404);
    const auto write = a.Call("PUT", "/api/v1/org/students/" + std::to_string(student_b_),
                              StudentBody(class_a_, "李小红", kehou::testing::IdNumber("37081120170815224")));
    EXPECT_EQ(write.status, 403);
    EXPECT_EQ(json::parse(write.body).at("error").at("code").as_string(), "org.out_of_scope");
    EXPECT_EQ(a.Call("GET", "/api/v1/org/students/999999").status, 404);
}

TEST_F(OrgApiTest, SearchByExactIdentityNumberUsesTheLookupHash) {
    ApiClient city = As("city.admin", "City#Admin2026");
    const auto found = city.Call("GET", "/api/v1/org/students?id_number=" + id_a_);
    ASSERT_EQ(found.status, 200);
    EXPECT_EQ(json::parse(found.body).at("total").as_int64(), 1);
    const auto none = city.Call("GET", "/api/v1/org/students?id_number=370811201703121230");
    EXPECT_EQ(json::parse(none.body).at("total").as_int64(), 0);
    EXPECT_EQ(json::parse(city.Call("GET", "/api/v1/org/students?name=" "%E6%9D%8E").body).at("total").as_int64(), 1);
}

// RULES R3.10, R3.11: full values only for org:pii:reveal, every view audited.
TEST_F(OrgApiTest, FullNumberOnlyForRevealRolesAndEveryRevealIsLogged) {
    const std::string target = "/api/v1/org/students/" + std::to_string(student_a_) + "/identity-number";
    ApiClient teacher = As("teacher.a", "Teacher#A2026");
    EXPECT_EQ(teacher.Call("GET", target).status, 403);
    ApiClient city = As("city.admin", "City#Admin2026");
    EXPECT_EQ(city.Call("GET", target).status, 403) << "the city bureau works with masked numbers";
    ApiClient a = As("admin.a", "School#A2026");
    const auto shown = a.Call("GET", target);
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(json::parse(shown.body).at("id_number").as_string(), id_a_);
    const auto log = server_->app().audit().List({.scope_path = "/370800/", .action = "org:pii:reveal"});
    int granted = 0, refused = 0;
    for (const auto& r : log.rows) (r.entry.outcome == 200 ? granted : refused) += 1;
    EXPECT_GE(granted, 1);
    EXPECT_GE(refused, 2);
    EXPECT_EQ(log.rows.front().entry.object.find(id_a_), std::string::npos) << "the log names the student, not the number";
}

TEST_F(OrgApiTest, BadAndDuplicateStudentsAreRefusedNamingTheField) {
    ApiClient a = As("admin.a", "School#A2026");
    std::string bad = kehou::testing::IdNumber("37081120170101111");
    bad[17] = bad[17] == '1' ? '2' : '1';
    const auto r = a.Call("POST", "/api/v1/org/students", StudentBody(class_a_, "张三", bad));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body).at("error").at("field").as_string(), "id_number");
    const auto dup = a.Call("POST", "/api/v1/org/students", StudentBody(class_a_, "王小明", id_a_));
    EXPECT_EQ(dup.status, 409);
    const auto ok = a.Call("POST", "/api/v1/org/students", StudentBody(class_a_, "张三", kehou::testing::IdNumber("37081120170101111")));
    EXPECT_EQ(ok.status, 201) << ok.body;
}

// RULES R4.2 (guardian consent) and R3.11 (masked mobile).
TEST_F(OrgApiTest, GuardiansSeeTheirOwnChildAndRecordConsent) {
    ApiClient parent = As("parent.wang", "Parent#Wang2026");
    const auto kids = json::parse(parent.Call("GET", "/api/v1/org/children").body);
    ASSERT_EQ(kids.at("items").as_array().size(), 1u);
    EXPECT_EQ(kids.at("items").at(0).at("name").as_string(), "王小明");
    const std::string own = "/api/v1/org/children/" + std::to_string(student_a_) + "/consents";
    const std::string other = "/api/v1/org/children/" + std::to_string(student_b_) + "/consents";
    EXPECT_EQ(parent.Call("GET", other).status, 404) << "another family's child does not exist for this parent";
    EXPECT_EQ(parent.Call("POST", own, R"({"purpose":"afterschool","granted":true})").status, 422)
        << "a grant names the notice it answers";
    const auto granted = parent.Call("POST", own, R"({"purpose":"afterschool","granted":true,"notice_version":"2026-09"})");
    ASSERT_EQ(granted.status, 200) << granted.body;
    EXPECT_TRUE(server_->app().org().HasConsent(student_a_, "afterschool"));
    EXPECT_FALSE(server_->app().org().HasConsent(student_a_, "photo"));
    EXPECT_EQ(parent.Call("POST", own, R"({"purpose":"afterschool","granted":false})").status, 200);
    EXPECT_FALSE(server_->app().org().HasConsent(student_a_, "afterschool")) << "withdrawal is possible";
    const auto history = json::parse(parent.Call("GET", own).body).at("items").as_array();
    ASSERT_EQ(history.size(), 1u);
    EXPECT_FALSE(history.at(0).at("withdrawn_at").is_null());
    EXPECT_EQ(parent.Call("GET", "/api/v1/org/students").status, 403) << "guardians have no roster access";
    const auto guardians = parent.Call("GET", "/api/v1/org/students/" + std::to_string(student_a_) + "/guardians");
    ASSERT_EQ(guardians.status, 200);
    EXPECT_NE(guardians.body.find("138****8000"), std::string::npos);
    EXPECT_EQ(guardians.body.find("13800138000"), std::string::npos);
}

TEST_F(OrgApiTest, GuardiansAndTeachersAreValidatedAndMasked) {
    ApiClient a = As("admin.a", "School#A2026");
    const std::string target = "/api/v1/org/students/" + std::to_string(student_a_) + "/guardians";
    const auto bad = a.Call("POST", target, R"({"name":"王奶奶","relation":"grandmother","mobile":"12345"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(json::parse(bad.body).at("error").at("field").as_string(), "mobile");
    EXPECT_EQ(a.Call("POST", target, R"({"name":"王奶奶","relation":"grandmother","mobile":"15912345678"})").status, 201);
    const auto t = a.Call("POST", "/api/v1/org/teachers",
                          json::serialize(json::object{{"school_id", school_a_.id}, {"name", "赵老师"}, {"sex", "female"},
                                                       {"mobile", "18612345678"}, {"subjects", json::array{"语文", "道德与法治"}},
                                                       {"retired", true}}));
    ASSERT_EQ(t.status, 201) << t.body;
    EXPECT_EQ(json::parse(t.body).at("mobile").as_string(), "186****5678");
    const auto other_school = a.Call("POST", "/api/v1/org/teachers",
                                     json::serialize(json::object{{"school_id", school_b_.id}, {"name", "钱老师"},
                                                                  {"sex", "male"}, {"mobile", "18612345679"},
                                                                  {"subjects", json::array{"数学"}}}));
    EXPECT_EQ(other_school.status, 403) << "a write under a school outside the scope";
    const auto list = json::parse(a.Call("GET", "/api/v1/org/teachers").body);
    EXPECT_EQ(list.at("total").as_int64(), 1);
    EXPECT_EQ(list.at("items").at(0).at("subjects").as_array().size(), 2u);
    const auto xlsx = a.Call("GET", "/api/v1/org/teachers/export");
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    // The full mobile of a guardian: for org:pii:reveal only, and logged.
    const auto guardians = json::parse(a.Call("GET", target).body).at("items").as_array();
    const std::string reveal = target + "/" + std::to_string(guardians.at(0).at("id").as_int64()) + "/mobile";
    const auto shown = a.Call("GET", reveal);
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(json::parse(shown.body).at("mobile").as_string(), "13800138000");
    EXPECT_EQ(As("teacher.a", "Teacher#A2026").Call("GET", reveal).status, 403);
    EXPECT_EQ(server_->app().audit().List({.scope_path = "/370800/", .action = "org:pii:reveal"}).rows.front().entry.title,
              "查看监护人完整手机号");
}

// RULES R4.1 and R4.4 (sensitive personal information of under-14s): children's identity numbers are stored
// encrypted (secretbox) with a keyed look-up hash.
TEST_F(OrgApiTest, IdentityNumbersAreCiphertextAtRest) {
    auto c = server_->app().database().Acquire();
    constexpr db::Query kRaw{"test.raw_student",
                             "SELECT id_number_sealed, id_number_hash, student_number_sealed, name FROM org_student"};
    for (const auto& row : c->Query(kRaw)) {
        const auto& box = row.Bytes(0).bytes;
        const std::string bytes(box.begin(), box.end());
        EXPECT_GE(box.size(), 40u + 18u) << "nonce, tag and the sealed number";
        EXPECT_EQ(bytes.find(id_a_.substr(6, 8)), std::string::npos) << "no birth date in clear";
        EXPECT_EQ(row.Text(1).size(), 64u);
        EXPECT_EQ(row.Text(1).find_first_not_of("0123456789abcdef"), std::string::npos) << "a hex look-up hash";
        EXPECT_NE(row.Text(1), id_a_);
    }
}

}  // namespace
}  // namespace kehou::testing
