// The homework service on SQLite and on PostgreSQL (KEHOU_TEST_DB): the upserts of settings, groups and family
// reports, the held minutes that count pending homework, the override row, the leader's queue and the moves.
#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "homework/service.hpp"
#include "institutions/rules.hpp"
#include "org/bulk.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::homework {
namespace {

using kehou::testing::ErrorCode;

class HomeworkServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
        }
        org_.EnsureUnits();
        calendar_.EnsureSeeded();
        school_ = org_.CreateSchool(city_, {0, "2137000401", "任城区服务小学", "370811", "", "primary", true, false, 1, 6, ""});
        class_ = org_.CreateClass(city_, school_.id, 4, 1, 2023).id;
        const auto id = kehou::testing::IdNumber("37081120150301112");
        child_ = org_.CreateStudent(city_, {class_, "郑小禾", "female", id, "G" + id, {}}).id;
        const auto user = [&](const char* name, Role role, const std::string& scope) {
            return Principal{auth_.CreateUser({name, name, role, scope, "Service#2026", true, false}).id, name, name,
                             role, scope};
        };
        county_ = user("county", Role::kDistrictAdmin, "/370800/370811/");
        office_ = user("office", Role::kSchoolAdmin, school_.org_path);
        teacher_ = user("teacher", Role::kTeacher, school_.org_path);
        leader_ = user("leader", Role::kTeacher, school_.org_path);
        parent_ = user("parent", Role::kGuardian, school_.org_path);
        const auto t = org_.CreateTeacher(city_, {school_.id, "孙老师", "female", "13911112201", {"数学"}}).id;
        leader_teacher_ = org_.CreateTeacher(city_, {school_.id, "钱组长", "male", "13911112202", {"数学"}}).id;
        org::BulkWriter w(tdb_.database(), vault_);
        w.AssignClassTeacher(class_, t, "subject", "数学");
        w.LinkTeacherAccount(t, teacher_.user_id);
        w.LinkTeacherAccount(leader_teacher_, leader_.user_id);
        w.Commit();
        const auto g = org_.AddGuardian(city_, child_, {"郑妈妈", "mother", "13811112203", true});
        org_.LinkGuardianAccount(g.id, parent_.user_id);
        const auto cal = calendar_.For("/370800/370811/");
        auto d = institutions::ShanghaiDateOf(std::chrono::system_clock::now());
        while (!institutions::IsWorkingDay(d, cal) || institutions::VacationOn(d, cal))
            d = std::chrono::sys_days(d) + std::chrono::days(1);
        day_ = FormatIsoDate(d);
    }

    AssignmentInput Homework(const std::string& subject, int minutes) const {
        AssignmentInput in;
        in.class_id = class_;
        in.due_date = day_;
        in.subject = subject;
        in.type = HomeworkType::kWritten;
        in.content = "练习册第 3 页";
        in.estimated_minutes = minutes;
        return in;
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    auth::AuthService auth_{tdb_.database()};
    institutions::CalendarService calendar_{tdb_.database()};
    HomeworkService svc_{tdb_.database(), org_, calendar_};
    const Principal city_{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    Principal county_, office_, teacher_, leader_, parent_;
    org::School school_;
    std::int64_t class_ = 0, child_ = 0, leader_teacher_ = 0;
    std::string day_;
};

TEST_F(HomeworkServiceTest, SettingsAndGroupsAreUpsertedAndReadBack) {
    CountySettings s;
    s.limits.primary = 50;
    s.limits.junior = 80;
    svc_.PutCountySettings(county_, "370811", s);
    s.limits.rest_day_primary = 30;
    s.phrases_customised = true;
    s.parent_task_phrases = {"家长签字", "家长批改"};
    const auto back = svc_.PutCountySettings(county_, "370811", s);
    EXPECT_EQ(back.limits.primary, 50);
    EXPECT_EQ(back.limits.rest_day_primary, 30);
    EXPECT_EQ(back.parent_task_phrases, (std::vector<std::string>{"家长签字", "家长批改"}));
    EXPECT_EQ(svc_.Day(teacher_, class_, day_).limit, 50);

    svc_.SetApprovalRequired(office_, school_.id, true);
    EXPECT_TRUE(svc_.GetSchoolSettings(office_, school_.id).approval_required);
    svc_.SetApprovalRequired(office_, school_.id, false);
    EXPECT_FALSE(svc_.GetSchoolSettings(office_, school_.id).approval_required);
    GroupChange g{4, "数学", std::optional<std::int64_t>(leader_teacher_), std::nullopt};
    svc_.PutGroup(office_, school_.id, g);
    const auto budget = svc_.PutGroup(leader_, school_.id, {4, "数学", std::nullopt, std::optional<int>(25)});
    EXPECT_EQ(budget.leader_teacher_id, leader_teacher_);
    EXPECT_EQ(budget.leader_name, "钱组长");
    EXPECT_EQ(budget.daily_budget, 25);
}

TEST_F(HomeworkServiceTest, PendingHomeworkHoldsItsMinutesAndTheLeaderDecides) {
    svc_.SetApprovalRequired(office_, school_.id, true);
    svc_.PutGroup(office_, school_.id, {4, "数学", std::optional<std::int64_t>(leader_teacher_), std::nullopt});
    const auto pending = svc_.Publish(teacher_, Homework("数学", 40));
    EXPECT_EQ(pending.status, AssignmentStatus::kPendingApproval);
    EXPECT_EQ(svc_.Day(teacher_, class_, day_).written_total, 40) << "pending homework holds its minutes";
    EXPECT_EQ(ErrorCode([&] { svc_.Publish(teacher_, Homework("语文", 21)); }), "homework.over_limit");

    repo::AssignmentFilter mine;
    mine.pending_for_me = true;
    const auto [queue, total] = svc_.List(leader_, mine);
    ASSERT_EQ(total, 1);
    EXPECT_EQ(queue.at(0).id, pending.id);
    EXPECT_EQ(svc_.List(teacher_, mine).second, 0) << "the teacher leads no group";
    EXPECT_TRUE(svc_.FamilyDay(parent_, day_).at(0).assignments.empty()) << "families see published homework only";
    EXPECT_EQ(svc_.Approve(leader_, pending.id).status, AssignmentStatus::kPublished);
    EXPECT_EQ(svc_.FamilyDay(parent_, day_).at(0).assignments.size(), 1u);

    auto over = Homework("语文", 30);
    over.override_reason = "期中复习，教务处同意";
    const auto forced = svc_.Publish(office_, over);
    EXPECT_EQ(forced.status, AssignmentStatus::kPublished);
    EXPECT_EQ(forced.override_reason, "期中复习，教务处同意");
    EXPECT_EQ(svc_.Day(office_, class_, day_).written_total, 70);
    EXPECT_EQ(svc_.Day(office_, class_, day_).remaining, 0);
    EXPECT_EQ(svc_.Withdraw(office_, forced.id).status, AssignmentStatus::kWithdrawn);
    EXPECT_EQ(svc_.Day(office_, class_, day_).written_total, 40) << "withdrawn homework frees its minutes";
}

TEST_F(HomeworkServiceTest, TheFamilysReportIsReplacedNotDuplicated) {
    const auto today = ShanghaiDate(std::chrono::system_clock::now());
    svc_.Report(parent_, {child_, today, 50, false, std::string("做到很晚"), ""});
    const auto second = svc_.Report(parent_, {child_, today, 35, true, std::nullopt, ""});
    EXPECT_EQ(second.minutes, 35);
    EXPECT_TRUE(second.finished_by_bedtime);
    EXPECT_FALSE(second.note);
    const auto day = svc_.FamilyDay(parent_, today);
    ASSERT_EQ(day.size(), 1u);
    EXPECT_EQ(day.at(0).report->minutes, 35);
    EXPECT_EQ(day.at(0).bedtime, "21:20");
    EXPECT_EQ(ErrorCode([&] { svc_.Report(parent_, {child_ + 999, today, 10, true, std::nullopt, ""}); }),
              "homework.child_not_found");
}

}  // namespace
}  // namespace kehou::homework
