// Off-campus training supervision through HTTP: the registry, an inspection case with evidence, the
// audit trail of every write, and the errors an inspector sees.
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

std::string Code(const std::string& first17) { return first17 + CreditCodeCheckCharacter(first17); }

class InstitutionsApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"inspector", "执法员", Role::kInspector, "/370800/370811/", "Field#2026", true, false});
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient County() { return ApiClient::LogIn(server_->port(), "county", "Bureau#2026"); }
    static ApiClient Inspector() { return ApiClient::LogIn(server_->port(), "inspector", "Field#2026"); }

    static std::int64_t Register(const ApiClient& c, const std::string& name, const std::string& code) {
        const auto r = c.Call("POST", "/api/v1/institutions",
                              json::serialize(json::object{{"unit_code", "370811"}, {"name", name}, {"credit_code", code},
                                                           {"category", "non_subject_sport"}, {"delivery", "offline"},
                                                           {"address", "任城区某路"}, {"legal_representative", "某某"}}));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Body(r).at("id").as_int64() : 0;
    }

    static std::int64_t AuditCount(const std::string& action) {
        auth::AuditQuery q;
        q.scope_path = "/";
        q.action = action;
        q.outcome_class = 2;
        return server_->app().audit().List(q).total;
    }

    static inline LiveServer* server_ = nullptr;
};

TEST_F(InstitutionsApiTest, RegistryWritesAreCheckedAndAudited) {
    const auto county = County();
    const auto before = AuditCount("institutions:registry:create");
    Register(county, "某体育培训", Code("91370811MA1000001"));
    EXPECT_EQ(AuditCount("institutions:registry:create"), before + 1);

    const auto bad = county.Call("POST", "/api/v1/institutions",
                                 R"({"unit_code":"370811","name":"某学科培训","credit_code":"91370811MA10000XXX",)"
                                 R"("category":"subject","delivery":"online","address":"某路","legal_representative":"某"})");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(Body(bad).at("error").at("field").as_string(), "credit_code");
    const auto list = county.Call("GET", "/api/v1/institutions?q=%E5%AD%A6%E7%A7%91");
    EXPECT_EQ(Body(list).at("total").as_int64(), 0) << "a refused registration writes nothing";

    const auto bad_code = county.Call("GET", "/api/v1/institutions?status=open");
    EXPECT_EQ(bad_code.status, 400);
    EXPECT_EQ(Body(bad_code).at("error").at("field").as_string(), "status");
}

TEST_F(InstitutionsApiTest, AnInspectorRunsACaseWithEvidence) {
    const auto county = County();
    const auto inspector = Inspector();
    const auto inst = Register(county, "某艺术培训", Code("91370811MA1000002"));
    auto r = inspector.Call("POST", "/api/v1/institutions/" + std::to_string(inst) + "/cases",
                            R"({"scheduled_for":"2026-12-07","note":"12345 热线转办"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string base = "/api/v1/institutions/cases/" + std::to_string(Body(r).at("id").as_int64());

    r = inspector.Call("POST", base + "/events", R"({"event":"close"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(Body(r).at("error").at("details").at("state").as_string(), "scheduled");

    const std::string pdf = "%PDF-1.4 现场检查笔录";
    r = inspector.Call("POST", base + "/evidence?name=%E7%AC%94%E5%BD%95.pdf", pdf, "application/pdf");
    ASSERT_EQ(r.status, 201) << r.body;
    const auto evidence = Body(r).at("id").as_int64();
    EXPECT_EQ(Body(r).at("file_name").as_string(), "笔录.pdf");
    r = inspector.Call("POST", base + "/evidence", "GIF89a", "image/gif");
    EXPECT_EQ(r.status, 422);

    r = inspector.Call("POST", base + "/events",
                       R"({"event":"inspect","note":"到场检查","evidence_ids":[)" + std::to_string(evidence) + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "inspected");
    EXPECT_EQ(Body(r).at("evidence").at(0).at("event_id").as_int64(), Body(r).at("events").at(1).at("id").as_int64());

    const auto file = county.Call("GET", "/api/v1/institutions/evidence/" + std::to_string(evidence));
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.body, pdf);
    EXPECT_GE(AuditCount("institutions:inspection:update"), 2);  // the upload and the step
}

}  // namespace
}  // namespace kehou::testing
