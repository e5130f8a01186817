// Complaints through HTTP (issue 6 point 2): the public form with no log-in and its per-address limit,
// the client address behind a trusted reverse proxy, the county's inspectors, and a complaint taken from
// the public form to its reply with the audited contact reveal.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "auth/audit.hpp"
#include "core/ids.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

std::string PublicComplaint(const std::string& mobile) {
    return json::serialize(json::object{{"unit_code", "370811"},
                                        {"contact", mobile},
                                        {"operator_name", "某小区无证补习班"},
                                        {"operator_address", "任城区某小区 3 号楼 2 单元"},
                                        {"content", "周六上午在居民楼里给初中生上数学课，每次二十多人。"}});
}

HttpReply Submit(std::uint16_t port, const std::string& mobile, const std::string& forwarded_for = {}) {
    std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", "application/json"}};
    if (!forwarded_for.empty()) h.emplace_back("X-Forwarded-For", forwarded_for);
    return Fetch(port, "POST", "/api/v1/public/complaints", PublicComplaint(mobile), h);
}

std::int64_t AuditCount(app::App& app, const std::string& action) {
    auth::AuditQuery q;
    q.scope_path = "/";
    q.action = action;
    q.outcome_class = 2;
    return app.audit().List(q).total;
}

TEST(ComplaintsApiTest, ThePublicFormIsLimitedPerAddressAndTheHeaderCannotDodgeIt) {
    LiveServer server;
    const ApiClient anonymous{server.port(), {}, {}};
    const auto counties = anonymous.Call("GET", "/api/v1/public/counties");
    ASSERT_EQ(counties.status, 200) << counties.body;
    bool found = false;
    const auto body = Body(counties);
    for (const auto& c : body.at("items").as_array()) {
        EXPECT_NE(c.at("unit_code").as_string(), "370800") << "the city itself is not a county to report to";
        found = found || c.at("unit_code").as_string() == "370811";
    }
    EXPECT_TRUE(found);

    for (int i = 0; i < 5; ++i) {
        // Without a trusted proxy configured, a forged header must not give each request a fresh budget.
        const auto r = Submit(server.port(), "1380000000" + std::to_string(i), "198.51.100." + std::to_string(i));
        ASSERT_EQ(r.status, 201) << r.body;
        EXPECT_FALSE(Body(r).at("due_date").as_string().empty());
        EXPECT_FALSE(Body(r).as_object().contains("contact")) << "the form echoes no personal data";
    }
    const auto sixth = Submit(server.port(), "13800000009", "198.51.100.99");
    EXPECT_EQ(sixth.status, 429) << sixth.body;
    EXPECT_EQ(ErrorCodeOf(sixth), "institutions.complaint_rate_limited");
}

TEST(ComplaintsApiTest, BehindATrustedProxyEachFamilyHasItsOwnBudget) {
    http::ServerOptions options;
    options.trusted_proxies = {"127.0.0.1"};
    LiveServer server({}, options);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(Submit(server.port(), "13900000001", "203.0.113.7").status, 201);
    EXPECT_EQ(Submit(server.port(), "13900000001", "203.0.113.7").status, 429);
    // Another family behind the same proxy; a client-supplied hop on the left is not believed either.
    EXPECT_EQ(Submit(server.port(), "13900000002", "203.0.113.7, 203.0.113.8").status, 201);
    EXPECT_EQ(Submit(server.port(), "13900000003", "203.0.113.9").status, 201);
}

class ComplaintHandlingApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"inspector", "任城区执法员", Role::kInspector, "/370800/370811/", "Field#2026", true, false});
        auth.CreateUser({"other", "兖州区执法员", Role::kInspector, "/370800/370812/", "Field#2026", true, false});
    }
    static void TearDownTestSuite() { delete server_; }

    static inline LiveServer* server_ = nullptr;
};

TEST_F(ComplaintHandlingApiTest, TheCountyListsOnlyItsOwnInspectors) {
    const auto county = ApiClient::LogIn(server_->port(), "county", "Bureau#2026");
    const auto list = county.Call("GET", "/api/v1/institutions/inspectors");
    ASSERT_EQ(list.status, 200) << list.body;
    const auto body = Body(list);
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("display_name").as_string(), "任城区执法员");
    EXPECT_EQ(items[0].at("unit_code").as_string(), "370811");
    EXPECT_EQ(county.Call("GET", "/api/v1/institutions/inspectors?unit_code=370812").status, 404);
}

TEST_F(ComplaintHandlingApiTest, APublicComplaintIsAssignedAnsweredAndItsContactRevealedOnTheRecord) {
    const auto filed = Submit(server_->port(), "13700001234");
    ASSERT_EQ(filed.status, 201) << filed.body;
    const auto id = std::to_string(Body(filed).at("id").as_int64());
    const auto county = ApiClient::LogIn(server_->port(), "county", "Bureau#2026");
    const auto inspector = ApiClient::LogIn(server_->port(), "inspector", "Field#2026");
    const auto other = ApiClient::LogIn(server_->port(), "other", "Field#2026");

    EXPECT_EQ(other.Call("GET", "/api/v1/institutions/complaints/" + id).status, 404) << "another county's";
    const auto me = Body(inspector.Call("GET", "/api/v1/institutions/inspectors")).at("items").as_array()[0];
    const auto assigned = county.Call("POST", "/api/v1/institutions/complaints/" + id + "/assign",
                                      json::serialize(json::object{{"inspector_id", me.at("id")}}));
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(Body(assigned).at("status").as_string(), "assigned");
    EXPECT_EQ(Body(assigned).at("contact_masked").as_string(), "137****1234");

    const auto mine = Body(inspector.Call("GET", "/api/v1/institutions/complaints?mine=true"));
    ASSERT_EQ(mine.at("total").as_int64(), 1);
    const auto before = AuditCount(server_->app(), "institutions:complaint:update");
    const auto contact = inspector.Call("GET", "/api/v1/institutions/complaints/" + id + "/contact");
    ASSERT_EQ(contact.status, 200) << contact.body;
    EXPECT_EQ(Body(contact).at("contact").as_string(), "13700001234");
    EXPECT_EQ(AuditCount(server_->app(), "institutions:complaint:update"), before + 1) << "every reveal is audited";

    const auto closed = inspector.Call("POST", "/api/v1/institutions/complaints/" + id + "/close",
                                       R"({"reply":"已现场核查，无证培训点已关停，移交市场监管部门。"})");
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(Body(closed).at("status").as_string(), "closed");
    const auto again = inspector.Call("POST", "/api/v1/institutions/complaints/" + id + "/close", R"({"reply":"再次答复举报人：已办结。"})");
    EXPECT_EQ(again.status, 409) << again.body;
}

// Issue 6 point 6 and point 2 together: a parent finds the institution on the public look-up (no personal data),
// reports it by its id, and the case opened from the complaint is found from the complaint.
TEST_F(ComplaintHandlingApiTest, ThePublicLooksAnInstitutionUpReportsItAndTheCaseIsFoundFromTheComplaint) {
    const auto county = ApiClient::LogIn(server_->port(), "county", "Bureau#2026");
    const std::string first17 = "52370811MJ1000002";
    const auto reg = county.Call("POST", "/api/v1/institutions",
                                 json::serialize(json::object{
                                     {"unit_code", "370811"}, {"name", "星辰文化培训学校"},
                                     {"credit_code", first17 + CreditCodeCheckCharacter(first17)},
                                     {"category", "non_subject_art"}, {"delivery", "offline"},
                                     {"address", "任城区某路 8 号"}, {"legal_representative", "孙某某"}}));
    ASSERT_EQ(reg.status, 201) << reg.body;

    const ApiClient anonymous{server_->port(), {}, {}};
    const auto found = anonymous.Call("GET", "/api/v1/public/institutions?q=%E6%98%9F%E8%BE%B0");  // 星辰
    ASSERT_EQ(found.status, 200) << found.body;
    const auto hit = Body(found).at("items").as_array().at(0).as_object();
    EXPECT_EQ(hit.at("standing").as_string(), "white");
    EXPECT_EQ(hit.at("unit_code").as_string(), "370811");
    EXPECT_FALSE(hit.contains("legal_representative")) << "the look-up carries no personal data";
    EXPECT_EQ(found.body.find("孙某某"), std::string::npos);

    const auto filed = anonymous.Call("POST", "/api/v1/public/complaints",
                                      json::serialize(json::object{{"unit_code", hit.at("unit_code")},
                                                                   {"anonymous", true},
                                                                   {"institution_id", hit.at("id")},
                                                                   {"content", "寒假期间以艺术班名义教初中数学。"}}));
    ASSERT_EQ(filed.status, 201) << filed.body;
    const auto complaint = Body(filed).at("id").as_int64();
    const auto inspector = ApiClient::LogIn(server_->port(), "inspector", "Field#2026");
    const auto opened = inspector.Call(
        "POST", "/api/v1/institutions/" + std::to_string(hit.at("id").as_int64()) + "/cases",
        json::serialize(json::object{{"scheduled_for", "2026-12-10"}, {"complaint_id", complaint}}));
    ASSERT_EQ(opened.status, 201) << opened.body;

    const auto list = inspector.Call("GET", "/api/v1/institutions/cases?complaint_id=" + std::to_string(complaint));
    ASSERT_EQ(list.status, 200) << list.body;
    const auto body = Body(list);
    ASSERT_EQ(body.at("total").as_int64(), 1);
    EXPECT_EQ(body.at("items").as_array()[0].at("unit_name").as_string(), "任城区");
    EXPECT_EQ(inspector.Call("GET", "/api/v1/institutions/cases?complaint_id=0").status, 400);
}

}  // namespace
}  // namespace kehou::testing
