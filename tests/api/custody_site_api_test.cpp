// Summer custody through HTTP, the sites' side (issue 9 points 8–9, RULES R1.17, R2.1): a school's own view of
// sign-ups and rolls; attendance only for placed children on service days and never ahead of today; what a family
// owes per period (free for a hardship family); the statistics from what the test made.
#include "api/custody_api_fixture.hpp"
#include "io/xlsx_reader.hpp"

namespace kehou::testing::custody_api {
namespace {

class CustodySiteApiTest : public CustodyApiFixture {};

TEST_F(CustodySiteApiTest, ASchoolSeesItsOwnChildrenAndItsHostedSite) {
    const auto& plan = Opened();
    Drawn();
    const auto query = "plan_id=" + S(Id(plan));
    for (const auto& [child, s] : SignupsBy("school_b", query))
        EXPECT_EQ(s.at("school_name").as_string(), b_.name) << child;
    EXPECT_FALSE(SignupsBy("school_b", query).contains(kid_[1]));
    EXPECT_TRUE(SignupsBy("school_a", query).contains(kid_[3]));  // at A's hosted site
    EXPECT_FALSE(SignupsBy("parent1", query).contains(kid_[1]));  // a family sees its own only
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/custody/plans/" + S(Id(plan))).status, 404);
    const auto roll = As("school_b").Call("GET", "/api/v1/custody/sites/" + S(SiteId(plan, 0)) +
                                                     "/attendance?date=" + Day(kYear, 0, 1));
    EXPECT_EQ(roll.status, 404);  // B's children are at A's site; the roll is the host's
}

// Issue 9 point 8: a service day's roll holds the period's placed children only; a Saturday is not a service day.
TEST_F(CustodySiteApiTest, AttendanceOnlyForPlacedChildrenOnServiceDays) {
    const auto& plan = Opened();
    Drawn();
    const auto path = "/api/v1/custody/sites/" + S(SiteId(plan, 0)) + "/attendance";
    const auto mark = [&](const std::string& who, const std::string& date, std::int64_t child) {
        return As(who).Call("PUT", path, json::serialize(json::object{
                                             {"date", date},
                                             {"marks", json::array{json::object{
                                                           {"student_id", child}, {"present", true}, {"meal", true}}}}}));
    };
    auto placed = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&status=placed&site_id=" + S(SiteId(plan, 0)));
    std::erase_if(placed, [&](const auto& p) { return p.second.at("period_id").as_int64() != PeriodId(plan, 0); });
    const auto waiting = SignupsBy("county", "plan_id=" + S(Id(plan)) + "&status=waitlisted");
    ASSERT_FALSE(placed.empty());
    ASSERT_FALSE(waiting.empty());
    const auto child = placed.begin()->first;
    auto r = mark("teacher", Day(kYear, 0, 1), child);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto marked = Body(r);
    for (const auto& row : marked.at("rows").as_array()) {
        if (row.at("student_id").as_int64() == child) {
            EXPECT_TRUE(row.at("present").as_bool());
        }
    }
    EXPECT_EQ(ErrorCodeOf(mark("teacher", Day(kYear, 0, 1), waiting.begin()->first)), "custody.not_placed");
    EXPECT_EQ(ErrorCodeOf(mark("teacher", Day(kYear, 0, 5), child)), "custody.not_service_day");
    EXPECT_EQ(ErrorCodeOf(mark("stranger", Day(kYear, 0, 1), child)), "custody.not_site_staff");
    EXPECT_EQ(mark("school_b", Day(kYear, 0, 1), child).status, 403);
    const auto roll = Body(As("school_a").Call("GET", path + "?date=" + Day(kYear, 0, 1)));
    const auto first_period = std::count_if(placed.begin(), placed.end(), [&](const auto& p) {
        return p.second.at("period_id").as_int64() == PeriodId(plan, 0);
    });
    EXPECT_EQ(static_cast<std::ptrdiff_t>(roll.at("rows").as_array().size()), first_period);
}

// R2.1: a family owes the period's fee and a hardship family nothing, shown on each sign-up; a roll is never marked
// ahead of today (a plan of next year, 兖州).
TEST_F(CustodySiteApiTest, AFamilyOwesThePeriodsFeeAHardshipFamilyNothingAndNoRollIsMarkedAhead_R2_1) {
    const int next = kYear + 2;
    const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    server_->app().fee_standards().Publish(city, "370812", std::to_string(next) + "-spring", {});
    const auto plan = Create("county2", PlanBody("370812", next, 5, json::value(3500)));  // the second period is free
    const auto id = Id(plan), site = SiteId(plan, 0), paid = PeriodId(plan, 0), free = PeriodId(plan, 1);
    EXPECT_EQ(PutSafety("county2", site, json::array{teacher_y_}).status, 200);
    EXPECT_EQ(Move("county2", id, "survey").status, 200);
    ASSERT_EQ(Move("county2", id, "signup").status, 200);
    auto r = SignUp("parent0", id, kid_[7], site, {paid, free});
    ASSERT_EQ(r.status, 201) << r.body;
    std::map<std::int64_t, std::int64_t> due;
    const auto made = Body(r);
    for (const auto& s : made.as_array()) due[s.at("period_id").as_int64()] = s.at("fee_due_fen").as_int64();
    EXPECT_EQ(due, (std::map<std::int64_t, std::int64_t>{{paid, 3500}, {free, 0}}));
    r = SignUp("parent0", id, kid_[8], site, {paid}, {"low_income"});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at(0).at("fee_due_fen").as_int64(), 0);
    const auto listed = SignupsBy("county2", "plan_id=" + S(id) + "&status=pending");
    EXPECT_EQ(listed.at(kid_[8]).at("fee_due_fen").as_int64(), 0);

    ASSERT_EQ(As("county2").Call("POST", "/api/v1/custody/plans/" + S(id) + "/allocate").status, 200);
    r = As("county2").Call("PUT", "/api/v1/custody/sites/" + S(site) + "/attendance",
                           json::serialize(json::object{
                               {"date", Day(next, 0, 1)},
                               {"marks", json::array{json::object{
                                             {"student_id", kid_[7]}, {"present", true}, {"meal", false}}}}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(ErrorCodeOf(r), "custody.future_date") << r.body;
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "date");
}

// Issue 9 point 9 on a county of its own (兖州, 370812): every figure from what this test made.
TEST_F(CustodySiteApiTest, StatisticsCountWhatTheCountyDid) {
    auto plan = Create("county2", PlanBody("370812", kYear, 1));
    const auto id = Id(plan), site = SiteId(plan, 0), period = PeriodId(plan, 0);
    EXPECT_EQ(PutSafety("county2", site, json::array{teacher_y_}).status, 200);
    EXPECT_EQ(Move("county2", id, "survey").status, 200);
    EXPECT_EQ(As("parent0").Call("PUT", "/api/v1/custody/plans/" + S(id) + "/survey",
                                 json::serialize(json::object{{"student_id", kid_[7]}, {"wants", true},
                                                              {"period_ids", json::array{period}}}))
                  .status,
              200);
    EXPECT_EQ(Move("county2", id, "signup").status, 200);
    EXPECT_EQ(SignUp("parent0", id, kid_[7], site, {period}).status, 201);
    EXPECT_EQ(As("county2").Call("POST", "/api/v1/custody/plans/" + S(id) + "/allocate").status, 200);
    const auto r = As("county2").Call("PUT", "/api/v1/custody/sites/" + S(site) + "/attendance",
                                      json::serialize(json::object{
                                          {"date", Day(kYear, 0, 0)},
                                          {"marks", json::array{json::object{
                                                        {"student_id", kid_[7]}, {"present", true}, {"meal", false}}}}}));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto stats = As("county2").Call("GET", "/api/v1/custody/stats?year=" + std::to_string(kYear));
    ASSERT_EQ(stats.status, 200) << stats.body;
    const auto items = Body(stats).at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << stats.body;
    const auto& x = items[0];
    EXPECT_EQ(x.at("unit_code").as_string(), "370812");
    EXPECT_EQ(x.at("requested").as_int64(), 1);
    EXPECT_EQ(x.at("signed_up").as_int64(), 1);
    EXPECT_EQ(x.at("served").as_int64(), 1);
    EXPECT_EQ(x.at("schools_total").as_int64(), 1);
    EXPECT_EQ(x.at("schools_covered").as_int64(), 1);
    EXPECT_EQ(x.at("coverage_bp").as_int64(), 10000);
    EXPECT_EQ(x.at("sites").as_int64(), 1);
    EXPECT_EQ(x.at("staff").as_int64(), 1);
    EXPECT_EQ(x.at("attendance_days").as_int64(), 1);
    EXPECT_EQ(x.at("meals").as_int64(), 0);
    // The city sees both counties; 任城区 has three schools, two covered by its plan.
    const auto city = Body(As("city").Call("GET", "/api/v1/custody/stats?year=" + std::to_string(kYear)));
    std::int64_t total_schools = 0;
    for (const auto& item : city.at("items").as_array()) total_schools += item.at("schools_total").as_int64();
    EXPECT_EQ(city.at("total").at("schools_total").as_int64(), total_schools);
    const auto xlsx = As("county2").Call("GET", "/api/v1/custody/stats.xlsx?year=" + std::to_string(kYear));
    ASSERT_EQ(xlsx.status, 200);
    io::ReadError error;
    const auto rows = io::ReadXlsxFirstSheet(xlsx.body, error);
    ASSERT_TRUE(rows) << error.message_en;
    bool found = false;
    for (const auto& row : *rows)
        if (!row.empty() && row[0] == "370812") {
            // requested, signed up, served, schools, covered, (rate), sites, staff, attendance, meals
            EXPECT_EQ(std::vector<std::string>(row.begin() + 2, row.begin() + 7),
                      (std::vector<std::string>{"1", "1", "1", "1", "1"}));
            EXPECT_EQ(std::vector<std::string>(row.begin() + 8, row.end()),
                      (std::vector<std::string>{"1", "1", "1", "0"}));
            found = true;
        }
    EXPECT_TRUE(found) << "the county's row in the workbook";
    EXPECT_EQ(As("school_a").Call("GET", "/api/v1/custody/stats").status, 403);
}

}  // namespace
}  // namespace kehou::testing::custody_api
