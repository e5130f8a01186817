// A county's admission policy as JSON: the default round-trips, the worked points rule reads back, and a bad value
// is refused with its path.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "enrollment/policy_json.hpp"
#include "enrollment/rules.hpp"

namespace kehou::enrollment {
namespace {

std::string FieldOf(const std::string& text) {
    try {
        ParsePolicy(boost::json::parse(text));
    } catch (const Error& e) {
        return e.field();
    }
    return "";
}

TEST(PolicyJsonTest, TheDefaultRoundTrips) {
    const auto lixia = LixiaPolicy(2026);
    const auto text = boost::json::serialize(PolicyJson(lixia));
    const auto back = ParsePolicy(boost::json::parse(text));
    EXPECT_EQ(boost::json::serialize(PolicyJson(back)), text);
    ASSERT_EQ(back.categories.size(), 3u);
    EXPECT_EQ(back.categories[1].name, "仅有户籍");
    EXPECT_EQ(back.categories[2].all.back(), Condition::kMigrantMinimum);
    EXPECT_EQ(back.cutoff_month, 8);
    EXPECT_EQ(back.cutoff_day, 31);
    EXPECT_NE(text.find(R"("cutoff":"08-31")"), std::string::npos) << text;
}

TEST(PolicyJsonTest, APointsPolicyReadsBack) {
    const auto p = ParsePolicy(boost::json::parse(R"({"entry_age":6,"cutoff":"08-31",
        "categories":[{"name":"随迁子女","all":["hukou_outside_city","migrant_minimum"]}],
        "migrant_minimum":{"months":6,"as_of":"2024-08-31"},
        "points":{"permit_tenths_per_month":10,"insurance_tenths_per_month":5,"cap_months":72,"as_of":"2024-08-31"},
        "tie_breakers":["points_highest","lottery"]})"));
    ASSERT_TRUE(p.points);
    EXPECT_EQ(p.points->cap_months, 72);
    EXPECT_EQ(p.migrant_minimum->months, 6);
    EXPECT_TRUE(p.migrant_minimum->permit_required);
    EXPECT_EQ(p.tie_breakers.front(), TieBreaker::kPointsHighest);
}

TEST(PolicyJsonTest, ABadValueIsNamedByItsPath) {
    EXPECT_EQ(FieldOf(R"({"entry_age":6,"cutoff":"08-31","categories":[{"name":"a","all":["same_address"]},
        {"name":"b","all":["owns_a_car"]}],"tie_breakers":[]})"), "categories[1].all[0]");
    EXPECT_EQ(FieldOf(R"({"entry_age":6,"cutoff":"02-30","categories":[],"tie_breakers":[]})"), "cutoff");
    EXPECT_EQ(FieldOf(R"({"entry_age":6,"cutoff":"08-31","categories":[],"tie_breakers":[]})"), "categories");
    EXPECT_EQ(FieldOf(R"({"entry_age":3,"cutoff":"08-31","categories":[],"tie_breakers":[]})"), "entry_age");
    EXPECT_EQ(FieldOf(R"({"entry_age":6,"cutoff":"08-31","categories":[{"name":"a","all":[]}],"tie_breakers":["coin"]})"),
              "tie_breakers[0]");
}

}  // namespace
}  // namespace kehou::enrollment
