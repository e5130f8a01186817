// The R3.5 credit-code override through HTTP: an early pilot code fails the GB 32100 checksum yet is legitimate. The
// county's paper application with such a code is refused (422 on credit_code) until an override reason is given;
// then it is taken, the record keeps the reason, and the checks and the record show the reviewer a warning. A
// provider log-in can be linked to the code once the county holds such a record, and its own application takes the
// override too.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/time.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

/// A clean application but for its code: non-subject, fee clearly lower, a current background check.
json::object Application(const std::string& name, const std::string& code) {
    const auto month_ago = ShanghaiDate(std::chrono::system_clock::now() - std::chrono::hours(24 * 30));
    return {{"name", name},
            {"credit_code", code},
            {"category", "art"},
            {"contact_name", "林经理"},
            {"contact_phone", "13905370002"},
            {"services", json::array{json::object{{"name", "少儿书法"}, {"fee_fen", 250}, {"outside_price_fen", 400}}}},
            {"instructors", json::array{json::object{{"name", "陈静"},
                                                     {"qualification", "teacher_certificate"},
                                                     {"qualification_number", "20193700000456"},
                                                     {"background_check_date", month_ago}}}}};
}

/// The codes of a check's or a record's list.
std::set<std::string> CodesIn(const json::value& list) {
    std::set<std::string> out;
    for (const auto& p : list.as_array()) out.insert(std::string(p.at("code").as_string()));
    return out;
}

constexpr const char* kReason = "已在国家企业信用信息公示系统核实，系早期试点代码";

class ProvidersCreditApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        provider_ = auth.CreateUser({"provider", "机构", Role::kProvider, "/370800/370811/", "Vendor#2026", true, false}).id;
    }
    static void TearDownTestSuite() { delete server_; }

    // One session per user: log-ins are rate-limited per address.
    static ApiClient& As(const std::string& user) {
        static std::map<std::string, ApiClient> sessions;
        auto it = sessions.find(user);
        if (it == sessions.end())
            it = sessions.emplace(user, ApiClient::LogIn(server_->port(), user, user == "county" ? "Bureau#2026"
                                                                                                  : "Vendor#2026"))
                     .first;
        return it->second;
    }

    static HttpReply Post(const std::string& user, const std::string& path, const json::object& body) {
        return As(user).Call("POST", "/api/v1/providers" + path, json::serialize(body));
    }

    static LiveServer* server_;
    static std::int64_t provider_;
};

LiveServer* ProvidersCreditApiTest::server_ = nullptr;
std::int64_t ProvidersCreditApiTest::provider_ = 0;

TEST_F(ProvidersCreditApiTest, APilotCodeIsTakenOnlyWithAnOverrideReasonR35) {
    auto application = Application("福州早期试点艺术培训有限公司", "91350100M0001TGQXM");
    const auto refused = Post("county", "/records", application);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(Body(refused).at("error").at("code"), "providers.credit_code_checksum");
    EXPECT_EQ(Body(refused).at("error").at("field"), "credit_code");

    application["credit_override_reason"] = kReason;
    const auto check = Post("county", "/records/check", application);
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_TRUE(Body(check).at("problems").as_array().empty()) << check.body;
    EXPECT_TRUE(CodesIn(Body(check).at("warnings")).contains("providers.credit_code_override")) << check.body;

    const auto taken = Post("county", "/records", application);
    ASSERT_EQ(taken.status, 201) << taken.body;
    const auto id = Body(taken).at("id").as_int64();
    const auto detail = Body(As("county").Call("GET", "/api/v1/providers/records/" + std::to_string(id)));
    EXPECT_EQ(detail.at("credit_code"), "91350100M0001TGQXM");
    EXPECT_EQ(detail.at("credit_override_reason"), kReason);
    EXPECT_TRUE(CodesIn(detail.at("warnings")).contains("providers.credit_code_override")) << detail;
    // A reason given with a code that passes is not kept.
    auto clean = Application("任城区清源书画培训有限公司", "91350100M000100Y43");
    clean["credit_override_reason"] = kReason;
    const auto plain = Post("county", "/records", clean);
    ASSERT_EQ(plain.status, 201) << plain.body;
    EXPECT_TRUE(Body(plain).at("credit_override_reason").is_null()) << plain.body;
}

TEST_F(ProvidersCreditApiTest, APilotCodeIsLinkedAfterTheCountyTookItAndTheProviderAppliesWithTheReasonR35) {
    const std::string code = "91350211M0000XUF46";
    const json::object link{{"user_id", provider_}, {"credit_code", code}};
    const auto early = Post("county", "/accounts", link);
    ASSERT_EQ(early.status, 422) << early.body;
    EXPECT_EQ(ErrorCodeOf(early), "providers.credit_code_checksum");

    auto application = Application("厦门早期试点科技教育有限公司", code);
    application["credit_override_reason"] = kReason;
    const auto paper = Post("county", "/records", application);
    ASSERT_EQ(paper.status, 201) << paper.body;
    ASSERT_EQ(Post("county", "/accounts", link).status, 201);
    const auto rejected = Post("county", "/records/" + std::to_string(Body(paper).at("id").as_int64()) + "/events",
                               {{"event", "reject"}, {"reason", "服务项目材料不全"}});
    ASSERT_EQ(rejected.status, 200) << rejected.body;

    auto own = application;
    own.erase("credit_override_reason");
    const auto bare = Post("provider", "/own/applications/check", own);
    ASSERT_EQ(bare.status, 200) << bare.body;
    EXPECT_TRUE(CodesIn(Body(bare).at("problems")).contains("providers.credit_code_checksum")) << bare.body;
    const auto check = Post("provider", "/own/applications/check", application);
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_TRUE(Body(check).at("problems").as_array().empty()) << check.body;
    EXPECT_TRUE(CodesIn(Body(check).at("warnings")).contains("providers.credit_code_override")) << check.body;
    const auto applied = Post("provider", "/own/applications", application);
    ASSERT_EQ(applied.status, 201) << applied.body;
    EXPECT_EQ(Body(applied).at("credit_override_reason"), kReason);
}

}  // namespace
}  // namespace kehou::testing
