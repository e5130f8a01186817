// The overrun alert raised to the school: the week of 12 October (三年级1班 over on 4 days, see report_test.cpp)
// becomes one notice to the school's administrator, and a second sweep the same day writes nothing more.
#include "homework/overrun_notice.hpp"
#include "report_fixture.hpp"

namespace kehou::homework::report_test {
namespace {

constexpr db::Query kNotices{"test.hw_overrun_notices",
                             "SELECT user_id, title, body FROM app_notification WHERE kind = 'homework_overrun'"
                             " ORDER BY id"};

TEST_F(HomeworkReportTest, AnOverrunWeekIsToldToTheSchoolOnce) {
    BuildTwoWeeks();
    EXPECT_EQ(NotifyOverruns(tdb_.database(), org_, reports_, "2026-11-30"), 0) << "nothing in the last two weeks";
    ASSERT_EQ(NotifyOverruns(tdb_.database(), org_, reports_, "2026-10-20"), 1);
    EXPECT_EQ(NotifyOverruns(tdb_.database(), org_, reports_, "2026-10-20"), 0) << "told once";
    auto c = tdb_.database().Acquire();
    const auto rows = c->Query(kNotices);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Int(0), school_.user_id) << "the administrator of the class's school, no one else";
    EXPECT_EQ(rows[0].Text(1), "作业超量预警：三年级1班（2026-10-12 起的一周）");
    EXPECT_NE(rows[0].Text(2).find("共 4 天"), std::string::npos) << rows[0].Text(2);
}

}  // namespace
}  // namespace kehou::homework::report_test
