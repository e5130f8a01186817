// The custody services on SQLite and on PostgreSQL (KEHOU_TEST_DB): a plan stored and edited as a draft (sites keep
// their ids and safety plans by host school), the survey upsert, sign-ups with the partial unique index, the draw,
// a cancellation promoting the waitlist, a late join, attendance upserts and the statistics — every statement of the
// module's repositories on both engines (RULES R1.17).
#include <gtest/gtest.h>

#include "afterschool/fee_standard.hpp"
#include "auth/service.hpp"
#include "crypto/crypto.hpp"
#include "custody/attendance_service.hpp"
#include "custody/family_service.hpp"
#include "custody/plan_service.hpp"
#include "custody/stats_service.hpp"
#include "db/migrate.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::custody {
namespace {

using kehou::testing::ErrorCode;

class CustodyServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
        }
        org_.EnsureUnits();
        a_ = org_.CreateSchool(city_, {0, "2137000901", "任城区服务一小", "370811", "", "primary", true, false, 1, 6, ""});
        b_ = org_.CreateSchool(city_, {0, "2137000902", "任城区服务二小", "370811", "", "primary", true, false, 1, 6, ""});
        const auto user = [&](const char* name, Role role, const std::string& scope) {
            return Principal{auth_.CreateUser({name, name, role, scope, "Service#2026", true, false}).id, name, name,
                             role, scope};
        };
        county_ = user("county", Role::kDistrictAdmin, "/370800/370811/");
        parent_ = user("parent", Role::kGuardian, a_.org_path);
        const auto klass = org_.CreateClass(city_, a_.id, 3, 1, 2024).id;
        for (int n = 0; n < 3; ++n) {
            const std::string id = kehou::testing::IdNumber("3708112016060" + std::to_string(n + 1) + "411");
            kids_.push_back(org_.CreateStudent(city_, {klass, std::string("周") + (n == 0 ? "甲" : n == 1 ? "乙" : "丙"), "male", id, "G" + id,
                                                       {.military_family = n == 2}}).id);
            const auto g = org_.AddGuardian(city_, kids_.back(), {"家长", "mother", "1381234590" + std::to_string(n), true});
            org_.LinkGuardianAccount(g.id, parent_.user_id);
        }
        teacher_ = org_.CreateTeacher(city_, {b_.id, "赵老师", "male", "13911110009", {"数学"}}).id;
    }

    PlanInput Input(int places) const {
        PlanInput in{"370811", "2025年暑期托管", 2025, {}, std::nullopt};
        in.plan.periods = {{1, "第一期", "2025-07-14", "2025-07-18", std::nullopt},
                           {2, "第二期", "2025-07-21", "2025-07-25", std::nullopt}};
        Site s;
        s.host_school_id = a_.id;
        s.name = "一小托管点";
        s.served_schools = {a_.id, b_.id};
        s.capacity = {{1, places}, {2, 10}};
        s.content = {ContentType::kReading, ContentType::kGames};
        s.activities = {{ContentType::kReading, "快乐读书吧"}};
        in.plan.sites.push_back(s);
        return in;
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    auth::AuthService auth_{tdb_.database()};
    afterschool::FeeStandardService fees_{tdb_.database(), org_};
    PlanService plans_{tdb_.database(), org_, fees_};
    FamilyService families_{tdb_.database(), org_};
    AttendanceService attendance_{tdb_.database(), org_};
    StatsService stats_{tdb_.database(), org_};
    const Principal city_{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    Principal county_, parent_;
    org::School a_, b_;
    std::vector<std::int64_t> kids_;
    std::int64_t teacher_ = 0;
};

TEST_F(CustodyServiceTest, DraftEditKeepsTheSiteAndItsSafetyPlan_R1_17) {
    auto plan = plans_.Create(county_, Input(2));
    const auto id = plan.stored.record.id, site = plan.stored.plan.sites.at(0).id;
    plans_.PutSafety(county_, site, {{"王校长", "13912345678", {{"值班室", "0537-2345678"}}}, {teacher_}});
    auto edited = plans_.Update(county_, id, Input(3));
    ASSERT_EQ(edited.stored.plan.sites.size(), 1u);
    EXPECT_EQ(edited.stored.plan.sites[0].id, site);
    ASSERT_TRUE(edited.stored.plan.sites[0].safety.has_value());
    EXPECT_EQ(edited.stored.infos[0].staff.at(0).id, teacher_);
    EXPECT_EQ(edited.stored.plan.sites[0].capacity.at(0).places, 3);
    EXPECT_EQ(ErrorCode([&] { plans_.Create(county_, Input(2)); }), "custody.plan_exists");
    EXPECT_EQ(plans_.List(county_, 2025, std::nullopt).size(), 1u);
    EXPECT_EQ(plans_.List(county_, 2025, PlanStatus::kSignup).size(), 0u);
}

TEST_F(CustodyServiceTest, SurveySignupDrawCancelLateJoinAttendanceAndStats) {
    auto plan = plans_.Create(county_, Input(2));
    const auto id = plan.stored.record.id, site = plan.stored.plan.sites.at(0).id;
    const auto p1 = plan.stored.plan.periods.at(0).id, p2 = plan.stored.plan.periods.at(1).id;
    plans_.PutSafety(county_, site, {{"王校长", "13912345678", {{"值班室", "0537-2345678"}}}, {teacher_}});
    plans_.Move(county_, id, PlanStatus::kSurvey);
    families_.PutSurvey(parent_, id, kids_[0], {true, {p1}});
    families_.PutSurvey(parent_, id, kids_[0], {true, {p1, p2}});  // the upsert
    families_.PutSurvey(parent_, id, kids_[1], {false, {}});
    plans_.Move(county_, id, PlanStatus::kSignup);
    for (const auto k : kids_) families_.SignUp(parent_, id, {k, site, {p1}, k == kids_[2] ? std::vector{PriorityGroup::kMilitary} : std::vector<PriorityGroup>{}});
    EXPECT_EQ(ErrorCode([&] { families_.SignUp(parent_, id, {kids_[0], site, {p1}, {}}); }), "custody.already_signed_up");
    const auto drawn = plans_.Allocate(county_, id);
    ASSERT_TRUE(drawn.seed.has_value());
    auto [rows, total] = families_.List(county_, {id, site, SignupStatus::kPlaced, std::nullopt, 1, 50});
    EXPECT_EQ(total, 2);
    bool military_placed = false;
    for (const auto& r : rows) military_placed = military_placed || r.student_id == kids_[2];
    EXPECT_TRUE(military_placed);  // tier 0 before the lottery
    const auto waiting = families_.List(county_, {id, site, SignupStatus::kWaitlisted, std::nullopt, 1, 50}).first;
    ASSERT_EQ(waiting.size(), 1u);
    const auto placed_other = rows[0].student_id == kids_[2] ? rows[1] : rows[0];
    // A cancellation promotes the waitlist; the cancelled child may sign up again (the index skips cancelled rows).
    families_.Cancel(parent_, placed_other.id);
    const auto promoted = families_.List(county_, {id, site, SignupStatus::kPlaced, std::nullopt, 1, 50}).first;
    EXPECT_EQ(promoted.size(), 2u);
    const auto again = families_.SignUp(parent_, id, {placed_other.student_id, site, {p1}, {}});
    EXPECT_EQ(again.at(0).status, SignupStatus::kWaitlisted);
    EXPECT_EQ(again.at(0).position, 1);
    // Attendance: placed children only, upserted.
    const auto child = promoted[0].student_id;
    attendance_.Put(county_, site, "2025-07-14", {{child, true, true}});
    const auto roll = attendance_.Put(county_, site, "2025-07-14", {{child, true, false}});
    EXPECT_EQ(roll.rows.size(), 2u);
    EXPECT_EQ(ErrorCode([&] { attendance_.Put(county_, site, "2025-07-14", {{again[0].student_id, true, true}}); }),
              "custody.not_placed");
    const auto stats = stats_.Stats(county_, 2025, std::nullopt);
    ASSERT_EQ(stats.items.size(), 1u);
    const auto& x = stats.items[0];
    EXPECT_EQ(x.requested, 1);
    EXPECT_EQ(x.signed_up, 3);
    EXPECT_EQ(x.served, 2);
    EXPECT_EQ(x.schools_total, 2);
    EXPECT_EQ(x.schools_covered, 2);
    EXPECT_EQ(x.coverage_bp, 10000);
    EXPECT_EQ(x.staff, 1);
    EXPECT_EQ(x.attendance_days, 1);
    EXPECT_EQ(x.meals, 0);
    EXPECT_FALSE(StatsWorkbook(stats).empty());
}

}  // namespace
}  // namespace kehou::custody
