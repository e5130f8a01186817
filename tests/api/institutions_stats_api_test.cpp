// The county and city statistics through HTTP (issue 6 point 7): each report answers only the caller's
// county (or the city's counties), a bad period is a 400 naming the field, and the workbook arrives as an
// .xlsx download with a Chinese file name and a line in the operation log.
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

json::value Body(const HttpReply& r) {
    return json::parse(r.body);
}

class InstitutionsStatsApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser(
            {"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"other", "兖州区执法员", Role::kInspector, "/370800/370812/", "Field#2026", true, false});
        auth.CreateUser({"city", "市教体局", Role::kCityAdmin, "/370800/", "Municipal#2026", true, false});
        const auto county = Login("county", "Bureau#2026");
        const auto code = std::string("91370811MA1000001");
        const auto r = county.Call("POST", "/api/v1/institutions",
                                   json::serialize(json::object{{"unit_code", "370811"},
                                                                {"name", "某体育培训"},
                                                                {"credit_code", code + CreditCodeCheckCharacter(code)},
                                                                {"category", "non_subject_sport"},
                                                                {"delivery", "offline"},
                                                                {"address", "任城区某路"},
                                                                {"legal_representative", "某某"}}));
        ASSERT_EQ(r.status, 201) << r.body;
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient Login(const std::string& user, const std::string& password) {
        return ApiClient::LogIn(server_->port(), user, password);
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

TEST_F(InstitutionsStatsApiTest, EachReportAnswersTheCallersCountiesOnly) {
    const auto county = Login("county", "Bureau#2026");
    const auto other = Login("other", "Field#2026");
    const auto city = Login("city", "Municipal#2026");
    for (const char* report : {"registry", "reduction", "complaints", "cases", "escrow"}) {
        const auto r = county.Call("GET", std::string("/api/v1/institutions/stats/") + report);
        ASSERT_EQ(r.status, 200) << report << ": " << r.body;
        const auto body = Body(r);
        EXPECT_TRUE(body.at("as_of").is_string());
        for (const auto& row : body.at("items").as_array()) {
            const auto unit = row.at("unit_code").as_string();
            EXPECT_TRUE(unit == "370811" || unit.empty()) << report << ": " << unit;
        }
    }
    const auto total = [](const HttpReply& r) { return Body(r).at("items").as_array().back().at("total").as_int64(); };
    EXPECT_EQ(total(county.Call("GET", "/api/v1/institutions/stats/registry")), 1);
    EXPECT_EQ(total(other.Call("GET", "/api/v1/institutions/stats/registry")), 0) << "another county's inspector";
    const auto all = city.Call("GET", "/api/v1/institutions/stats/registry");
    EXPECT_EQ(total(all), 1);
    bool second_county = false;
    const auto all_body = Body(all);  // the loop's range must not outlive the parsed document
    for (const auto& row : all_body.at("items").as_array())
        second_county |= row.at("unit_code").as_string() == "370812";
    EXPECT_TRUE(second_county) << "the city sees every county";

    const auto complaints = county.Call("GET", "/api/v1/institutions/stats/complaints?from=2026-01-01&to=2026-12-31");
    EXPECT_EQ(Body(complaints).at("from").as_string(), "2026-01-01");
    EXPECT_TRUE(Body(complaints).at("items").as_array().back().at("on_time_rate").is_null()) << "nothing due";
}

TEST_F(InstitutionsStatsApiTest, ABadPeriodIsA400NamingTheField) {
    const auto county = Login("county", "Bureau#2026");
    auto r = county.Call("GET", "/api/v1/institutions/stats/complaints?from=2026-02-30");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ErrorCodeOf(r), "institutions.bad_date");
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "from");
    r = county.Call("GET", "/api/v1/institutions/stats/export?from=2026-12-31&to=2026-01-01");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ErrorCodeOf(r), "institutions.bad_period");
}

TEST_F(InstitutionsStatsApiTest, TheWorkbookIsAnAuditedXlsxDownload) {
    const auto city = Login("city", "Municipal#2026");
    const auto before = AuditCount("institutions:report:read");
    const auto r = city.Call("GET", "/api/v1/institutions/stats/export?from=2026-01-01");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const auto& disposition = r.headers.at("content-disposition");
    EXPECT_NE(disposition.find("attachment; filename=\"institution-stats-"), std::string::npos) << disposition;
    // 校外培训监管统计-YYYY-MM-DD.xlsx
    EXPECT_NE(
        disposition.find("filename*=UTF-8''%E6%A0%A1%E5%A4%96%E5%9F%B9%E8%AE%AD%E7%9B%91%E7%AE%A1%E7%BB%9F%E8%AE%A1-"),
        std::string::npos)
        << disposition;
    EXPECT_TRUE(r.body.starts_with("PK"));
    EXPECT_EQ(AuditCount("institutions:report:read"), before + 1);
}

}  // namespace
}  // namespace kehou::testing
