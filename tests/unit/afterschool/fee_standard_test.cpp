// Fee standards on a real database (SQLite and PostgreSQL): RULES R2.1, R2.2, R1.5, R1.6.
#include <gtest/gtest.h>

#include "afterschool/fee_standard.hpp"
#include "core/error.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "support/test_db.hpp"

namespace kehou::afterschool {
namespace {

class FeeStandardServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        org_.EnsureUnits();
    }
    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    FeeStandardService svc_{tdb_.database(), org_};
    const Principal city_{0, "city", "city", Role::kCityAdmin, "/370800/"};
    const Principal rencheng_{0, "rc", "rc", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal school_{0, "s", "s", Role::kSchoolAdmin, "/370800/370811/2137000101/"};
};

TEST_F(FeeStandardServiceTest, CountyStandardWinsOverTheCitysWhichAppliesOtherwise) {
    svc_.Publish(city_, "370800", "2026-autumn", {300, 350, std::nullopt, std::nullopt, 17 * 60, 30});
    svc_.Publish(rencheng_, "370811", "2026-autumn", {250, 300, 54000, std::nullopt, 17 * 60 + 30, 30});
    const auto own = svc_.InForce(rencheng_, "370811", "2026-autumn");
    EXPECT_FALSE(own.inherited);
    EXPECT_EQ(own.standard.urban_per_hour_fen, 300);
    EXPECT_EQ(own.standard.per_semester_cap_fen, 54000);
    EXPECT_EQ(own.standard.local_off_work, 17 * 60 + 30);
    const auto inherited = svc_.InForce(city_, "370812", "2026-autumn");
    EXPECT_TRUE(inherited.inherited) << "兖州区 has none of its own";
    EXPECT_EQ(inherited.standard.urban_per_hour_fen, 350);
    EXPECT_EQ(svc_.InForce(school_, "370811", "2026-autumn").standard.rural_per_hour_fen, 250)
        << "a school reads the standard that binds it";
    EXPECT_THROW(svc_.InForce(city_, "370811", "2027-spring"), Error) << "nothing published for that term";
    EXPECT_EQ(svc_.List(city_, "2026-autumn").size(), 2u);
    EXPECT_EQ(svc_.List(rencheng_, "2026-autumn").size(), 1u);
}

TEST_F(FeeStandardServiceTest, PublishingIsScopedBoundedAndRepeatable) {
    try {
        svc_.Publish(rencheng_, "370812", "2026-autumn", {300, 350, std::nullopt, std::nullopt, 17 * 60, 30});
        FAIL() << "a county published another county's standard";
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 403);
    }
    try {
        svc_.Publish(rencheng_, "370811", "2026-autumn", {301, 350, std::nullopt, std::nullopt, 17 * 60, 30});
        FAIL() << "a rural cap above 3.0 yuan was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "rural_per_hour_fen");
    }
    EXPECT_THROW(svc_.Publish(rencheng_, "370811", "autumn", {300, 350, std::nullopt, std::nullopt, 1020, 30}), Error);
    svc_.Publish(rencheng_, "370811", "2026-autumn", {300, 350, std::nullopt, std::nullopt, 17 * 60, 30});
    svc_.Publish(rencheng_, "370811", "2026-autumn", {280, 330, std::nullopt, 12000, 17 * 60, 30});
    const auto now = svc_.InForce(rencheng_, "370811", "2026-autumn");
    EXPECT_EQ(now.standard.rural_per_hour_fen, 280) << "publishing again replaces the standard";
    EXPECT_EQ(now.standard.per_month_cap_fen, 12000);
    EXPECT_EQ(svc_.List(rencheng_, "2026-autumn").size(), 1u);
}

}  // namespace
}  // namespace kehou::afterschool
