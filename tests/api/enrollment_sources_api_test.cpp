// The departments' data through HTTP (issue 8 point 1): the city's operator stages an export with one bad row (its
// line reported, nothing applied), confirms it, and lists the versions; a date is loaded once; a discarded load is
// gone; a county administrator reads but may not load; a guardian may not read.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/ids.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

std::string Id(const std::string& first17) { return first17 + IdNumberCheckCharacter(first17); }

const std::string kLoads = "/api/v1/enrollment/sources/household/loads";

// Line 1 the header, line 3 a move-in date that is not a date; `姓名` is outside the schema and ignored.
std::string HouseholdCsv() {
    return "id_number,姓名,community_code,address,move_in_date,child_member,father_member,mother_member\n" +
           Id("37081120200315001") + ",王一,370811001001,任城区太白路1号,2020-04-01,true,true,true\n" +
           Id("37081120200401002") + ",王二,370811001001,任城区太白路2号,2020-13-01,true,true,true\n" +
           Id("37081120200501003") + ",王三,370811001002,任城区太白路3号,2020-06-01,true,false,true\n";
}

class EnrollmentSourcesApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"exchange", "市数据交换管理员", Role::kCityAdmin, "/370800/", "Bureau#2026", true, false});
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"parent", "家长", Role::kGuardian, "/370800/370811/", "Family#2026", true, false});
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient As(const std::string& user, const std::string& password = "Bureau#2026") {
        return ApiClient::LogIn(server_->port(), user, password);
    }
    static HttpReply Stage(const ApiClient& c, const std::string& date, const std::string& csv) {
        return c.Call("POST", kLoads + "?format=csv&snapshot_date=" + date, csv, "text/csv");
    }
    static json::object Household(const ApiClient& c) {
        const auto r = c.Call("GET", "/api/v1/enrollment/sources");
        EXPECT_EQ(r.status, 200) << r.body;
        const auto items = Body(r).at("items").as_array();
        EXPECT_EQ(items.size(), 6u);
        return items.at(0).as_object();
    }

    static inline LiveServer* server_ = nullptr;
};

TEST_F(EnrollmentSourcesApiTest, AnOperatorStagesConfirmsAndListsVersions) {
    const auto op = As("exchange");
    const auto staged = Stage(op, "2026-06-01", HouseholdCsv());
    ASSERT_EQ(staged.status, 201) << staged.body;
    const auto preview = Body(staged).as_object();
    EXPECT_EQ(preview.at("data_rows").as_int64(), 3);
    EXPECT_EQ(preview.at("good_rows").as_int64(), 2);
    EXPECT_EQ(preview.at("bad_rows").as_int64(), 1);
    const auto& problem = preview.at("problems").as_array().at(0).as_object();
    EXPECT_EQ(problem.at("line").as_int64(), 3);
    EXPECT_EQ(problem.at("field").as_string(), "move_in_date");
    EXPECT_FALSE(problem.at("message_zh").as_string().empty());
    EXPECT_EQ(preview.at("ignored_columns").as_array().at(0).as_string(), "姓名");
    auto household = Household(op);
    EXPECT_TRUE(household.at("current_version").is_null()) << "nothing applied before the confirmation";
    EXPECT_EQ(household.at("kind").as_string(), "batch");

    const auto load = preview.at("load_id").as_int64();
    const auto confirmed = op.Call("POST", "/api/v1/enrollment/sources/loads/" + std::to_string(load) + "/confirm");
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(Body(confirmed).at("records").as_int64(), 2);
    EXPECT_EQ(Body(confirmed).at("department").as_string(), "household");

    ASSERT_EQ(Stage(op, "2026-11-01", HouseholdCsv()).status, 201);  // left staged: not a version
    household = Household(op);
    EXPECT_EQ(household.at("current_version").as_string(), "2026-06-01");
    const auto& versions = household.at("versions").as_array();
    ASSERT_EQ(versions.size(), 1u);
    EXPECT_EQ(versions[0].at("records").as_int64(), 2);
    EXPECT_EQ(versions[0].at("bad_rows").as_int64(), 1);
    EXPECT_FALSE(versions[0].at("confirmed_at").as_string().empty());

    const auto again = Stage(op, "2026-06-01", HouseholdCsv());
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(ErrorCodeOf(again), "enrollment.snapshot_exists");
}

TEST_F(EnrollmentSourcesApiTest, ADiscardedLoadIsGoneAndABrokenFileIsRefusedWhole) {
    const auto op = As("exchange");
    const auto staged = Stage(op, "2026-03-01", HouseholdCsv());
    ASSERT_EQ(staged.status, 201) << staged.body;
    const std::string load = "/api/v1/enrollment/sources/loads/" + std::to_string(Body(staged).at("load_id").as_int64());
    EXPECT_EQ(op.Call("DELETE", load).status, 204);
    const auto confirm = op.Call("POST", load + "/confirm");
    EXPECT_EQ(confirm.status, 404);
    EXPECT_EQ(ErrorCodeOf(confirm), "enrollment.load_not_found");
    const auto broken = Stage(op, "2026-03-02", "id_number,address\n" + Id("37081120200315001") + ",某路\n");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(ErrorCodeOf(broken), "enrollment.source_column_missing");
    const auto unknown = op.Call("POST", "/api/v1/enrollment/sources/police/loads?snapshot_date=2026-03-03", "x");
    EXPECT_EQ(unknown.status, 404);
    const auto no_date = op.Call("POST", kLoads + "?format=csv", HouseholdCsv(), "text/csv");
    EXPECT_EQ(ErrorCodeOf(no_date), "enrollment.snapshot_date_invalid");
}

TEST_F(EnrollmentSourcesApiTest, ACountyReadsButMayNotLoadAndAGuardianMayNotRead) {
    const auto county = As("county");
    const auto refused = Stage(county, "2026-04-01", HouseholdCsv());
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(ErrorCodeOf(refused), "auth.forbidden");
    EXPECT_EQ(county.Call("GET", "/api/v1/enrollment/sources").status, 200);
    const auto parent = As("parent", "Family#2026");
    const auto read = parent.Call("GET", "/api/v1/enrollment/sources");
    EXPECT_EQ(read.status, 403);
    EXPECT_EQ(ErrorCodeOf(read), "auth.forbidden");
}

}  // namespace
}  // namespace kehou::testing
