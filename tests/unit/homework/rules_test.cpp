// The homework rules to the letter (RULES R1.1–R1.4): the limits at their edges, grades 1–2, the rest-day limit,
// the parent-task phrases and the bedtimes.
#include <gtest/gtest.h>

#include "homework/rules.hpp"

namespace kehou::homework {
namespace {

const HomeworkLimits kNational{};

// RULES R1.2: 59 and 60 minutes pass in grades 3–6, 61 does not; the budget names what is left.
TEST(HomeworkLimitTest, SixtyMinutesInPrimaryExactlyAndNotOneMore) {
    const auto at_59 = CheckDailyBudget(4, DayKind::kSchoolDay, HomeworkType::kWritten, 40, 19, kNational);
    EXPECT_TRUE(at_59.allowed);
    EXPECT_TRUE(CheckDailyBudget(4, DayKind::kSchoolDay, HomeworkType::kWritten, 40, 20, kNational).allowed);
    const auto at_61 = CheckDailyBudget(4, DayKind::kSchoolDay, HomeworkType::kWritten, 40, 21, kNational);
    EXPECT_FALSE(at_61.allowed);
    EXPECT_EQ(at_61.current, 40);
    EXPECT_EQ(at_61.limit, 60);
    EXPECT_EQ(at_61.remaining, 20);
    EXPECT_FALSE(at_61.written_in_grades_1_2);
}

// RULES R1.2: junior-middle grades have 90 minutes.
TEST(HomeworkLimitTest, NinetyMinutesInJuniorMiddle) {
    EXPECT_EQ(NationalDailyLimit(7), 90);
    EXPECT_EQ(NationalDailyLimit(9), 90);
    EXPECT_TRUE(CheckDailyBudget(8, DayKind::kSchoolDay, HomeworkType::kWritten, 60, 30, kNational).allowed);
    EXPECT_FALSE(CheckDailyBudget(8, DayKind::kSchoolDay, HomeworkType::kWritten, 60, 31, kNational).allowed);
    EXPECT_EQ(NationalDailyLimit(6), 60);
}

// RULES R1.1: grade 2 gets no written homework at home, even one minute; oral and reading tasks are fine.
TEST(HomeworkLimitTest, GradesOneAndTwoGetNoWrittenHomework) {
    const auto written = CheckDailyBudget(2, DayKind::kSchoolDay, HomeworkType::kWritten, 0, 1, kNational);
    EXPECT_FALSE(written.allowed);
    EXPECT_TRUE(written.written_in_grades_1_2);
    EXPECT_EQ(written.limit, 0);
    EXPECT_TRUE(CheckDailyBudget(2, DayKind::kSchoolDay, HomeworkType::kOral, 0, 15, kNational).allowed);
    EXPECT_TRUE(CheckDailyBudget(1, DayKind::kSchoolDay, HomeworkType::kReading, 0, 20, kNational).allowed);
    EXPECT_EQ(NationalDailyLimit(1), 0);
}

// RULES R1.2: a county may be stricter, never looser; rest days have their own limit, defaulting to the school day's.
TEST(HomeworkLimitTest, CountyLimitsAreStricterOnlyAndRestDaysHaveTheirOwn) {
    HomeworkLimits county;
    county.primary = 45;
    county.rest_day_primary = 30;
    EXPECT_FALSE(LimitAboveNational(county));
    EXPECT_EQ(DailyLimit(5, DayKind::kSchoolDay, county), 45);
    EXPECT_EQ(DailyLimit(5, DayKind::kRestDay, county), 30);
    EXPECT_EQ(DailyLimit(8, DayKind::kRestDay, county), 90);  // no junior rest-day limit: the school day's
    county.junior = 100;
    EXPECT_EQ(LimitAboveNational(county), "junior");
    EXPECT_EQ(DailyLimit(8, DayKind::kSchoolDay, county), 90) << "never above the national limit";
}

// RULES R1.3: homework handed to parents is found, each phrase once, in list order.
TEST(HomeworkParentTaskTest, PhrasesThatHandHomeworkToParentsAreFound) {
    const auto& phrases = DefaultParentTaskPhrases();
    const auto found = FindParentTasks("数学练习第5页，完成后请家长批改并签字；家长批改后拍照上传。", phrases);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0], "家长批改");
    EXPECT_EQ(FindParentTasks("课后自批自改，并由学生自己批改错题", phrases),
              (std::vector<std::string>{"学生自己批改", "自批自改"}));
    EXPECT_TRUE(FindParentTasks("朗读课文三遍，与家人分享一个成语故事。", phrases).empty());
    EXPECT_EQ(FindParentTasks("请爸爸检查", {"爸爸检查"}), (std::vector<std::string>{"爸爸检查"})) << "configurable";
}

// RULES R1.4: bedtimes by stage; R1.2's average is a rounded mean.
TEST(HomeworkBedtimeTest, PrimaryBy2120JuniorBy2200AndAveragesRoundHalfUp) {
    EXPECT_EQ(BedtimeMinutes(1), 21 * 60 + 20);
    EXPECT_EQ(BedtimeMinutes(6), 21 * 60 + 20);
    EXPECT_EQ(BedtimeMinutes(7), 22 * 60);
    EXPECT_EQ(AverageMinutes({60, 61}), 61);  // 60.5 → 61
    EXPECT_EQ(AverageMinutes({60, 60, 61}), 60);
    EXPECT_EQ(AverageMinutes({}), 0);
}

}  // namespace
}  // namespace kehou::homework
