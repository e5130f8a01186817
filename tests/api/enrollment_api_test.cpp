// One-ID enrollment through HTTP (issue 8): a guardian's one-key application built from the departments' confirmed
// snapshots, with provenance and the pull log (R4.3); a missing source completed by an upload and a county review;
// the refusals (age R5.3, identity numbers, a second application); the schools' scopes; the run with the revealed
// seed matching its commitment (R5.7), the county's placement of a school's surplus, the masked public list (R3.11),
// the notice and an appeal.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/time.hpp"
#include "lottery/lottery.hpp"
#include "support/text.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

const std::string kFather = IdNumber("37081119880101123");   // 17th digit odd: a man
const std::string kMother = IdNumber("37081119900202124");   // even: a woman
const std::string kFather2 = IdNumber("37081119870303125");
const std::string kChildA = IdNumber("37081120210315111");  // complete records, catchment A
const std::string kChildB = IdNumber("37081120200910112");  // no household record: asks an upload
const std::string kChildC = IdNumber("37081120210520113");  // complete, catchment A too: A has one seat
const std::string kTooYoung = IdNumber("37081120211001114"); // six only after 31 August 2027
constexpr const char* kPng = "\x89PNG\r\n\x1A\n....";

class EnrollmentApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        auto& org = app.org();
        auto& auth = app.auth();
        school_a_ = org.CreateSchool(city, {0, "2137000301", "任城区招生一小", "370811", "", "primary", true, false, 1, 6, "任城路1号"});
        school_b_ = org.CreateSchool(city, {0, "2137000302", "任城区招生二小", "370811", "", "primary", true, false, 1, 6, "任城路2号"});
        auth.CreateUser({"city", "市教育局", Role::kCityAdmin, "/370800/", "Bureau#2026", true, false});
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"county2", "兖州区教体局", Role::kDistrictAdmin, "/370800/370812/", "Bureau#2026", true, false});
        auth.CreateUser({"school_a", "一小招生办", Role::kSchoolAdmin, school_a_.org_path, "Campus#2026", true, false});
        auth.CreateUser({"school_b", "二小招生办", Role::kSchoolAdmin, school_b_.org_path, "Campus#2026", true, false});
        // A guardian account needs a guardian record: the family's older child at school A.
        const auto klass = org.CreateClass(city, school_a_.id, 3, 1, 2024).id;
        for (int n = 0; n < 2; ++n) {
            const std::string id = IdNumber("3708112016050" + std::to_string(1 + n) + "211");
            const auto sibling = org.CreateStudent(city, {klass, n == 0 ? "周大雨" : "吴大川", "male", id, "G" + id, {}}).id;
            const auto u = auth.CreateUser({"parent" + std::to_string(n), "家长", Role::kGuardian, school_a_.org_path,
                                            "Family#2026", true, false});
            const auto g = org.AddGuardian(city, sibling, {"家长", "father", "1381234570" + std::to_string(n), true});
            org.LinkGuardianAccount(g.id, u.id);
        }
        LoadDepartments();
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient& As(const std::string& user) {
        static std::map<std::string, ApiClient> sessions;
        static const std::map<std::string, std::string> passwords{
            {"city", "Bureau#2026"},     {"county", "Bureau#2026"},   {"county2", "Bureau#2026"},
            {"school_a", "Campus#2026"}, {"school_b", "Campus#2026"}, {"parent0", "Family#2026"},
            {"parent1", "Family#2026"}};
        auto it = sessions.find(user);
        if (it == sessions.end()) it = sessions.emplace(user, ApiClient::LogIn(server_->port(), user, passwords.at(user))).first;
        return it->second;
    }

    static void Load(const std::string& department, const std::string& csv) {
        auto& city = As("city");
        const auto staged = city.Call("POST", "/api/v1/enrollment/sources/" + department +
                                                  "/loads?format=csv&snapshot_date=2026-11-01", csv);
        ASSERT_EQ(staged.status, 201) << staged.body;
        const auto id = Body(staged).at("load_id").as_int64();
        ASSERT_EQ(Body(staged).at("bad_rows").as_int64(), 0) << staged.body;
        const auto confirmed = city.Call("POST", "/api/v1/enrollment/sources/loads/" + std::to_string(id) + "/confirm");
        ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    }

    // The departments' exports: household for A and C (not B), births for all three, a home for A's and C's parents.
    static void LoadDepartments() {
        Load("household",
             "id_number,community_code,address,move_in_date,child_member,father_member,mother_member\n" + kChildA +
                 ",370811001001,任城区一街1号,2021-04-01,true,true,true\n" + kChildC +
                 ",370811001002,任城区一街9号,2019-06-01,true,true,true\n");
        Load("birth", "id_number,birth_date,father_id_number,mother_id_number\n" + kChildA + ",2021-03-15," + kFather +
                          "," + kMother + "\n" + kChildB + ",2020-09-10," + kFather2 + ",\n" + kChildC + ",2021-05-20," +
                          kFather2 + ",\n");
        Load("property", "id_number,owner,community_code,share_percent,certificate_date\n" + kChildA +
                             ",parent,370811001001,100,2020-01-10\n" + kChildC + ",parent,370811001002,100,2018-05-01\n");
    }

    static std::int64_t Season() {
        static std::int64_t id = 0;
        if (id) return id;
        const auto today = ShanghaiDate(std::chrono::system_clock::now());
        auto created = As("county").Call("POST", "/api/v1/enrollment/seasons",
                                         json::serialize(json::object{{"unit_code", "370811"}, {"year", 2027},
                                                                      {"entry_grade", 1}, {"title", "2027年一年级招生"},
                                                                      {"opens_on", today}, {"closes_on", "2099-12-31"}}));
        EXPECT_EQ(created.status, 201) << created.body;
        id = Body(created).at("id").as_int64();
        const auto plans = json::object{
            {"schools", json::array{json::object{{"school_id", school_a_.id}, {"seats", 1},
                                                 {"nearby", json::array{school_b_.id}},
                                                 {"communities", json::array{"370811001001", "370811001002"}}},
                                    json::object{{"school_id", school_b_.id}, {"seats", 5},
                                                 {"communities", json::array{"370811002001"}}}}}};
        const auto put = As("county").Call("PUT", "/api/v1/enrollment/seasons/" + std::to_string(id) + "/plans",
                                           json::serialize(plans));
        EXPECT_EQ(put.status, 200) << put.body;
        return id;
    }

    static HttpReply Apply(const std::string& parent, const std::string& child, const std::string& applicant,
                           const std::string& relation = "father") {
        return As(parent).Call("POST", "/api/v1/enrollment/applications",
                               json::serialize(json::object{{"season_id", Season()}, {"child_name", "周小雨"},
                                                            {"child_id_number", child}, {"applicant_id_number", applicant},
                                                            {"relation", relation}, {"notice_acknowledged", true},
                                                            {"declarations", json::object{{"renting", child == kChildB}}}}));
    }

    static std::int64_t Applied(const std::string& parent, const std::string& child, const std::string& applicant) {
        static std::map<std::string, std::int64_t> ids;
        if (const auto it = ids.find(child); it != ids.end()) return it->second;
        const auto r = Apply(parent, child, applicant);
        EXPECT_EQ(r.status, 201) << r.body;
        return ids[child] = Body(r).at("id").as_int64();
    }

    static const json::object* Source(const json::value& app, const std::string& department) {
        for (const auto& s : app.at("sources").as_array())
            if (s.at("department").as_string() == department) return &s.as_object();
        return nullptr;
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School school_a_, school_b_;
};

TEST_F(EnrollmentApiTest, OneKeyApplicationIsCompleteWithProvenanceAndPullLog) {
    const auto id = Applied("parent0", kChildA, kFather);
    const auto app = Body(As("parent0").Call("GET", "/api/v1/enrollment/applications/" + std::to_string(id)));
    EXPECT_EQ(app.at("status").as_string(), "qualified");
    EXPECT_TRUE(app.at("one_click").as_bool());
    EXPECT_EQ(app.at("catchment_school").at("id").as_int64(), school_a_.id);
    EXPECT_EQ(app.at("category_name").as_string(), "房户住三一致");
    EXPECT_EQ(Source(app, "household")->at("status").as_string(), "verified");
    EXPECT_EQ(Source(app, "student")->at("needed").as_bool(), false);  // grade 1 reads no student record
    bool provenance = false;
    for (const auto& f : app.at("facts").as_array())
        provenance = provenance || (f.at("fact").as_string() == "hukou_move_in" &&
                                    f.at("source_zh").as_string() == "来源：公安户籍，2026-11-01 同步" &&
                                    f.at("value").as_string() == "2021-04-01");
    EXPECT_TRUE(provenance) << json::serialize(app.at("facts"));
    ASSERT_EQ(app.at("pulls").as_array().size(), 6u);  // every department asked, each pull logged (R4.3)
    for (const auto& p : app.at("pulls").as_array()) {
        EXPECT_NE(std::string(p.at("legal_basis").as_string()).find("第十三条"), std::string::npos);
        EXPECT_FALSE(p.at("fields_read").as_array().empty());
    }
    EXPECT_EQ(std::string(app.at("child_id_masked").as_string()), "370811********" + kChildA.substr(14));
}

TEST_F(EnrollmentApiTest, RefusalsNameTheirField) {
    auto r = Apply("parent1", kTooYoung, kFather2);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(ErrorCodeOf(r), "enrollment.too_young");
    EXPECT_NE(r.body.find("child_id_number"), std::string::npos);
    r = Apply("parent1", kChildB.substr(0, 17) + (kChildB[17] == '1' ? "2" : "1"), kFather2);
    EXPECT_EQ(ErrorCodeOf(r), "enrollment.bad_id_number");
    r = Apply("parent1", kChildB, kMother, "father");  // a woman's number as the father
    EXPECT_EQ(ErrorCodeOf(r), "enrollment.relation_mismatch");
    Applied("parent0", kChildA, kFather);
    r = Apply("parent1", kChildA, kFather2);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(ErrorCodeOf(r), "enrollment.already_applied");
}

TEST_F(EnrollmentApiTest, MissingHouseholdIsCompletedByUploadAndCountyReview) {
    const auto id = Applied("parent1", kChildB, kFather2);
    const auto path = "/api/v1/enrollment/applications/" + std::to_string(id);
    auto app = Body(As("parent1").Call("GET", path));
    EXPECT_EQ(app.at("status").as_string(), "awaiting_upload");
    EXPECT_FALSE(app.at("one_click").as_bool());
    EXPECT_TRUE(Source(app, "household")->at("needs_upload").as_bool());
    EXPECT_EQ(Source(app, "birth")->at("status").as_string(), "verified");
    // Nothing else asked: the property register's silence is no fault, grade 1 reads no student record.
    int asked = 0;
    for (const auto& s : app.at("sources").as_array()) asked += s.at("needs_upload").as_bool() ? 1 : 0;
    EXPECT_EQ(asked, 1) << json::serialize(app.at("sources"));
    EXPECT_EQ(ErrorCodeOf(As("parent1").Call("POST", path + "/uploads?department=birth&name=b.png", kPng)),
              "enrollment.upload_not_asked");
    EXPECT_EQ(ErrorCodeOf(As("parent1").Call("POST", path + "/uploads?department=household&name=x.exe", "MZ....")),
              "enrollment.upload_type");
    const auto up = As("parent1").Call("POST", path + "/uploads?department=household&name=hukou.png", kPng);
    ASSERT_EQ(up.status, 201) << up.body;
    EXPECT_EQ(Body(up).at("status").as_string(), "in_review");
    // No catchment school is known yet: only the county reviews it.
    EXPECT_EQ(As("school_a").Call("GET", path).status, 404);
    const auto queue = Body(As("county").Call("GET", "/api/v1/enrollment/applications?status=in_review"));
    EXPECT_GE(queue.at("total").as_int64(), 1);
    const auto bad = As("county").Call(
        "POST", path + "/reviews",
        json::serialize(json::object{{"department", "household"}, {"decision", "accepted"},
                                     {"records", json::array{json::object{{"community_code", "12"}}}}}));
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("records[0]"), std::string::npos) << bad.body;
    const auto ok = As("county").Call(
        "POST", path + "/reviews",
        json::serialize(json::object{
            {"department", "household"}, {"decision", "accepted"},
            {"records", json::array{json::object{{"community_code", "370811002001"}, {"address", "任城区二街5号"},
                                                 {"move_in_date", "2020-10-01"}, {"child_member", "true"},
                                                 {"father_member", "true"}, {"mother_member", "false"}}}}}));
    ASSERT_EQ(ok.status, 200) << ok.body;
    app = Body(ok);
    EXPECT_EQ(app.at("status").as_string(), "qualified");
    EXPECT_EQ(app.at("catchment_school").at("id").as_int64(), school_b_.id);
    EXPECT_EQ(app.at("category_name").as_string(), "仅有户籍");  // registered there, renting, no home (R5.3)
    EXPECT_EQ(Source(app, "household")->at("progress").as_string(), "accepted");
    // Now the school of the catchment sees it, and the other school does not.
    EXPECT_EQ(As("school_b").Call("GET", path).status, 200);
    EXPECT_EQ(As("school_a").Call("GET", path).status, 404);
    // The upload is the family's and the reviewers', nobody else's.
    const auto upload_id = Source(app, "household")->at("uploads").as_array()[0].at("id").as_int64();
    EXPECT_EQ(As("parent1").Call("GET", "/api/v1/enrollment/uploads/" + std::to_string(upload_id)).status, 200);
    EXPECT_EQ(As("parent0").Call("GET", "/api/v1/enrollment/uploads/" + std::to_string(upload_id)).status, 404);
}

TEST_F(EnrollmentApiTest, ScopesKeepOtherCountiesAndSchoolsOut) {
    const auto a = Applied("parent0", kChildA, kFather);
    const auto path = "/api/v1/enrollment/applications/" + std::to_string(a);
    EXPECT_EQ(As("school_a").Call("GET", path).status, 200);
    EXPECT_EQ(As("school_b").Call("GET", path).status, 404);
    EXPECT_EQ(As("county2").Call("GET", path).status, 404);
    EXPECT_EQ(As("parent1").Call("GET", path).status, 404);
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/enrollment/seasons/" + std::to_string(Season())).status, 404);
    EXPECT_EQ(As("school_a").Call("POST", "/api/v1/enrollment/seasons/" + std::to_string(Season()) + "/close").status, 403);
}

TEST_F(EnrollmentApiTest, RunPlacesSurplusRevealsSeedAndPublishesMaskedList) {
    const auto a = Applied("parent0", kChildA, kFather);
    const auto c = Applied("parent1", kChildC, kFather2);
    const auto season = "/api/v1/enrollment/seasons/" + std::to_string(Season());
    EXPECT_EQ(As("county").Call("POST", season + "/run").status, 409);  // still open
    ASSERT_EQ(As("county").Call("POST", season + "/close").status, 200);
    const auto run = As("county").Call("POST", season + "/run");
    ASSERT_EQ(run.status, 200) << run.body;
    const auto lottery = Body(As("county").Call("GET", season + "/lottery"));
    const std::string seed(lottery.at("seed").as_string());
    EXPECT_TRUE(lottery::SeedMatches(seed, lottery.at("commitment").as_string()));
    const auto rerun = As("county").Call("POST", season + "/run");  // the same inputs give the same result
    EXPECT_EQ(Body(rerun).at("season").at("result_digest"), Body(run).at("season").at("result_digest"));
    // A has one seat: C moved in earlier (2019) and takes it (R5.3); A's surplus goes to B (统筹).
    const auto placements = Body(As("county").Call("GET", season + "/placements")).at("items").as_array();
    std::map<std::int64_t, json::object> by_app;
    for (const auto& p : placements) by_app[p.at("application_id").as_int64()] = p.as_object();
    EXPECT_EQ(by_app.at(c).at("school_id").as_int64(), school_a_.id);
    EXPECT_EQ(by_app.at(c).at("placed_by").as_string(), "catchment");
    EXPECT_EQ(by_app.at(a).at("school_id").as_int64(), school_b_.id);
    EXPECT_EQ(by_app.at(a).at("placed_by").as_string(), "county_placed");
    // School A's list holds only its own.
    const auto school_list = Body(As("school_a").Call("GET", season + "/placements"));
    for (const auto& p : school_list.at("items").as_array()) EXPECT_EQ(p.at("school_id").as_int64(), school_a_.id);
    // Before publication the family sees no placement; after it, the notice and the masked public list.
    const auto family = "/api/v1/enrollment/applications/" + std::to_string(a);
    EXPECT_TRUE(Body(As("parent0").Call("GET", family)).at("placement").is_null());
    EXPECT_EQ(As("parent0").Call("GET", season + "/public-list").status, 404);
    ASSERT_EQ(As("county").Call("POST", season + "/publish").status, 200);
    EXPECT_EQ(Body(As("parent0").Call("GET", family)).at("placement").at("school_id").as_int64(), school_b_.id);
    const auto notice = Body(As("parent0").Call("GET", family + "/notice"));
    EXPECT_EQ(notice.at("school_name").as_string(), "任城区招生二小");
    const auto list = As("parent1").Call("GET", season + "/public-list");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find("周小雨"), std::string::npos);  // names masked (R3.11)
    EXPECT_NE(list.body.find("周*"), std::string::npos);
    EXPECT_EQ(list.body.find(kChildA), std::string::npos);
    // An appeal after publication; the county answers it.
    const auto appeal = As("parent0").Call("POST", family + "/appeals",
                                           json::serialize(json::object{{"reason", "我家离一小更近，希望重新考虑安排"}}));
    ASSERT_EQ(appeal.status, 201) << appeal.body;
    const auto appeal_id = std::to_string(Body(appeal).at("id").as_int64());
    EXPECT_EQ(As("school_a").Call("POST", "/api/v1/enrollment/appeals/" + appeal_id + "/decision",
                                  json::serialize(json::object{{"decision", "dismissed"}, {"reply", "按规则安排"}})).status,
              403);
    const auto decided = As("county").Call("POST", "/api/v1/enrollment/appeals/" + appeal_id + "/decision",
                                           json::serialize(json::object{{"decision", "dismissed"}, {"reply", "一小学位已满，按迁入时间录取"}}));
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(Body(decided).at("status").as_string(), "dismissed");
}

}  // namespace
}  // namespace kehou::testing
