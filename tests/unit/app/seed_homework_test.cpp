// `kehou seed --scale tiny`: the homework term it writes keeps the rules a publish keeps (RULES R1.1, R1.2 with the
// 教务处's override) and gives the reports, the overrun alert and the demo parent's page something to show
// (issue 7 point 6).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "app/seed.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "homework/rules.hpp"
#include "institutions/rules.hpp"
#include "support/test_db.hpp"

namespace kehou::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr db::Query kWrittenLow{"test.hw_written_grades_1_2",
                                "SELECT SUM(CASE WHEN hw_type = 'written' THEN 1 ELSE 0 END), COUNT(*)"
                                " FROM hw_assignment WHERE grade <= 2"};
constexpr db::Query kReports{"test.hw_reports", "SELECT COUNT(*), COUNT(DISTINCT class_id) FROM hw_family_report"};
constexpr db::Query kCounties{"test.hw_counties",
                              "SELECT org_path, primary_limit, junior_limit, rest_day_primary_limit,"
                              " rest_day_junior_limit FROM hw_county_setting"};
// What each class-day holds against its limit: published and pending written minutes (rejected never count).
constexpr db::Query kClassDays{
    "test.hw_class_days",
    "SELECT class_id, due_date, day_kind, grade, org_path, SUM(counted_minutes),"
    " SUM(CASE WHEN override_reason IS NULL THEN 0 ELSE 1 END) FROM hw_assignment"
    " WHERE status IN ('published', 'pending_approval') GROUP BY class_id, due_date, day_kind, grade, org_path"};
constexpr db::Query kDays{"test.hw_days", "SELECT DISTINCT due_date, day_kind FROM hw_assignment"};
constexpr db::Query kDemoChildren{
    "test.hw_demo_children",
    "SELECT st.id, st.class_id FROM auth_user u JOIN org_guardian g ON g.user_id = u.id"
    " JOIN org_student_guardian sg ON sg.guardian_id = g.id JOIN org_student st ON st.id = sg.student_id"
    " WHERE u.username = 'demo.parent'"};
constexpr db::Query kPublishedFor{"test.hw_published_for",
                                  "SELECT COUNT(*) FROM hw_assignment WHERE class_id = $1 AND due_date = $2"
                                  " AND status = 'published'"};
constexpr db::Query kReportOn{"test.hw_report_on",
                              "SELECT COUNT(*) FROM hw_family_report WHERE student_id = $1 AND report_date = $2"};
constexpr db::Query kStatuses{"test.hw_statuses",
                              "SELECT status, COUNT(*) FROM hw_assignment GROUP BY status ORDER BY status"};

bool IsSchoolDay(sys_days d, const institutions::HolidayCalendar& cal) {
    const institutions::Date ymd{d};
    return institutions::IsWorkingDay(ymd, cal) && !institutions::VacationOn(ymd, cal);
}

sys_days Parse(const std::string& iso) {
    return sys_days{*ParseIsoDate(iso)};
}

// One seed for the suite (a few seconds); the tests only read it.
class SeedHomeworkTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        crypto::Init();
        key_ = (std::filesystem::temp_directory_path() / ("kehou-hw-seed-" + std::to_string(::getpid()) + ".key"))
                   .string();
        tdb_ = std::make_unique<kehou::testing::TestDatabase>();
        Config config;
        config.db = tdb_->options().url;
        config.pii_key_file = key_;
        std::ostringstream out, err;
        status_ = RunSeed(config, {"tiny", 7, 2026, false}, out, err);
        output_ = out.str() + err.str();
    }
    static void TearDownTestSuite() {
        tdb_.reset();
        std::filesystem::remove(key_);
    }
    void SetUp() override { ASSERT_EQ(status_, 0) << output_; }

    static inline std::unique_ptr<kehou::testing::TestDatabase> tdb_;
    static inline std::string key_, output_;
    static inline int status_ = -1;
    const institutions::HolidayCalendar cal_ = institutions::Calendar2026();
};

TEST_F(SeedHomeworkTest, GradesOneAndTwoGetNoWrittenHomeworkButOtherKinds) {
    EXPECT_NE(output_.find("homework: "), std::string::npos) << output_;
    auto c = tdb_->database().Acquire();
    const auto r = c->Query(kWrittenLow);
    EXPECT_EQ(r[0].Int(0), 0);  // RULES R1.1
    EXPECT_GT(r[0].Int(1), 0);  // reading, oral, practical and inquiry they do get
}

TEST_F(SeedHomeworkTest, FamiliesReportAndEveryStatusHasRows) {
    auto c = tdb_->database().Acquire();
    const auto r = c->Query(kReports);
    EXPECT_GT(r[0].Int(0), 0);
    EXPECT_GT(r[0].Int(1), 1);
    std::map<std::string, std::int64_t> statuses;
    for (const auto& s : c->Query(kStatuses)) statuses[s.Text(0)] = s.Int(1);
    EXPECT_GT(statuses["published"], 0);
    EXPECT_GT(statuses["pending_approval"] + statuses["rejected"], 0);  // the approval school's queue
}

TEST_F(SeedHomeworkTest, OverLimitDaysCarryAnOverrideAndOneClassWeekHasThree) {
    auto c = tdb_->database().Acquire();
    std::map<std::string, homework::HomeworkLimits> counties;
    for (const auto& r : c->Query(kCounties)) {
        counties[r.Text(0)] = {static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)),
                               r.OptInt(3) ? std::optional<int>(static_cast<int>(*r.OptInt(3))) : std::nullopt,
                               r.OptInt(4) ? std::optional<int>(static_cast<int>(*r.OptInt(4))) : std::nullopt};
        EXPECT_FALSE(homework::LimitAboveNational(counties[r.Text(0)]));  // RULES R1.2: stricter, never looser
    }
    ASSERT_EQ(counties.size(), 1u);  // the demo county; the others keep the national limits
    std::map<std::pair<std::int64_t, std::int64_t>, int> over_days;  // (class, Monday-based week) → days over
    int class_days = 0;
    for (const auto& r : c->Query(kClassDays)) {
        ++class_days;
        homework::HomeworkLimits limits;
        for (const auto& [path, l] : counties)
            if (r.Text(4).starts_with(path)) limits = l;
        const auto kind = r.Text(2) == "school_day" ? homework::DayKind::kSchoolDay : homework::DayKind::kRestDay;
        const int limit = homework::DailyLimit(static_cast<int>(r.Int(3)), kind, limits);
        if (r.Int(5) <= limit) continue;
        EXPECT_GT(r.Int(6), 0) << "class " << r.Int(0) << " on " << r.Text(1) << " is over without an override";
        const auto epoch_days = Parse(r.Text(1)).time_since_epoch().count();
        ++over_days[{r.Int(0), (epoch_days + 3) / 7}];  // 1970-01-01 was a Thursday
    }
    EXPECT_GT(class_days, 100);
    int worst = 0;
    for (const auto& [key, n] : over_days) worst = std::max(worst, n);
    EXPECT_GE(worst, 3);  // an overrun alert for the school
}

TEST_F(SeedHomeworkTest, SchoolDayHomeworkFallsOnSchoolDays) {
    auto c = tdb_->database().Acquire();
    int school_days = 0, rest_days = 0;
    for (const auto& r : c->Query(kDays)) {
        if (r.Text(1) == "school_day") {
            ++school_days;
            EXPECT_TRUE(IsSchoolDay(Parse(r.Text(0)), cal_)) << r.Text(0);
        } else {
            ++rest_days;
        }
    }
    EXPECT_GT(school_days, 0);
    EXPECT_GT(rest_days, 0);
}

TEST_F(SeedHomeworkTest, TheDemoParentsChildHasHomeworkTodayAndNoReportYet) {
    auto c = tdb_->database().Acquire();
    const auto children = c->Query(kDemoChildren);
    ASSERT_FALSE(children.empty());
    const sys_days today = Parse(ShanghaiDate(std::chrono::system_clock::now()));
    const std::string today_iso = ShanghaiDate(std::chrono::system_clock::now());
    for (const auto& child : children) {
        EXPECT_GT(c->Query(kPublishedFor, {child.Int(1), today_iso})[0].Int(0), 0) << today_iso;
        EXPECT_EQ(c->Query(kReportOn, {child.Int(0), today_iso})[0].Int(0), 0);
        if (IsSchoolDay(today, cal_)) continue;
        sys_days next = today + days{1};
        while (!IsSchoolDay(next, cal_)) next += days{1};
        const std::string next_iso = institutions::FormatDate(institutions::Date{next});
        EXPECT_GT(c->Query(kPublishedFor, {child.Int(1), next_iso})[0].Int(0), 0) << next_iso;
    }
}

}  // namespace
}  // namespace kehou::app
