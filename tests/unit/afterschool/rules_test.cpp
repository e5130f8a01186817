// After-school policy to the letter of RULES R1.5–R1.9, R1.14, R2.1–R2.3.
#include <gtest/gtest.h>

#include "afterschool/rules.hpp"

namespace kehou::afterschool {
namespace {

std::string CodeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code() + "@" + e.field();
    }
    return "accepted";
}

CourseDraft Course(std::int64_t fee) {
    return {"书法", {"traditional_culture", false, false}, InstructorKind::kOwnTeacher, std::nullopt, fee, 30,
            {{2, 16 * 60, 17 * 60}}};
}

// RULES R2.1: rural ≤ 3.0 yuan, other schools ≤ 3.5 yuan per pupil per class hour.
TEST(FeeStandardTest, ProvincialBoundsHoldAtTheirEdges) {
    FeeStandard s;
    EXPECT_EQ(CodeOf([&] { ValidateFeeStandard(s); }), "accepted");
    s.rural_per_hour_fen = 301;
    EXPECT_EQ(CodeOf([&] { ValidateFeeStandard(s); }), "afterschool.rural_cap_above_province@rural_per_hour_fen");
    s = {};
    s.urban_per_hour_fen = 351;
    EXPECT_EQ(CodeOf([&] { ValidateFeeStandard(s); }), "afterschool.urban_cap_above_province@urban_per_hour_fen");
    s = {};
    s.urban_per_hour_fen = 250;  // a county may set less than the province allows (R2.2)
    s.per_semester_cap_fen = 40000;
    EXPECT_EQ(CodeOf([&] { ValidateFeeStandard(s); }), "accepted");
    s.per_month_cap_fen = 0;
    EXPECT_EQ(CodeOf([&] { ValidateFeeStandard(s); }), "afterschool.bad_month_cap@per_month_cap_fen");
}

TEST(CourseRulesTest, FeeCapDependsOnTheSchoolsRuralOrUrbanType) {
    const FeeStandard s;
    EXPECT_EQ(CodeOf([&] { ValidateCourse(Course(350), s, false); }), "accepted");
    EXPECT_EQ(CodeOf([&] { ValidateCourse(Course(351), s, false); }), "afterschool.fee_above_cap@fee_per_hour_fen");
    EXPECT_EQ(CodeOf([&] { ValidateCourse(Course(300), s, true); }), "accepted");
    EXPECT_EQ(CodeOf([&] { ValidateCourse(Course(301), s, true); }), "afterschool.fee_above_cap@fee_per_hour_fen");
    EXPECT_EQ(HourlyCapFen(s, true), 300);
}

// RULES R2.3a/c/d and R1.14: providers are county-admitted, non-subject, and free ones charge nothing.
TEST(CourseRulesTest, ProviderCoursesFollowTheThirdPartyRules) {
    const FeeStandard s;
    CourseDraft c = Course(200);
    c.instructor = InstructorKind::kProvider;
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.missing_provider@provider_id");
    c.provider = ProviderFacts{false, true, false};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.provider_not_admitted@provider_id");
    c.provider = ProviderFacts{true, true, false};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "accepted");
    c.category = {"math_olympiad", true, false};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.provider_subject_type@category");
    c.category = {"sport", false, false};
    c.provider = ProviderFacts{true, false, false};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.provider_subject_type@category");
    c.provider = ProviderFacts{true, true, true};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.free_provider_charges@fee_per_hour_fen");
    c.fee_per_hour_fen = 0;
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "accepted");
}

// RULES R1.8(f): no collective teaching of new lessons.
TEST(CourseRulesTest, NewLessonsAndBadSlotsAreRefused) {
    const FeeStandard s;
    CourseDraft c = Course(0);
    c.category.new_lessons = true;
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.new_lessons@category");
    c = Course(0);
    c.slots = {{2, 16 * 60, 17 * 60}, {2, 16 * 60 + 30, 17 * 60 + 30}};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.slots_overlap@slots");
    c.slots = {{8, 16 * 60, 17 * 60}};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.bad_slot@slots");
    c.slots = {{2, 17 * 60, 16 * 60}};
    EXPECT_EQ(CodeOf([&] { ValidateCourse(c, s, false); }), "afterschool.bad_slot@slots");
}

TEST(TimeSlotTest, OverlapIsSameWeekdayAndIntersectingHalfOpenIntervals) {
    EXPECT_TRUE(Overlaps({1, 960, 1020}, {1, 1000, 1060}));
    EXPECT_FALSE(Overlaps({1, 960, 1020}, {1, 1020, 1080})) << "back-to-back sections do not clash";
    EXPECT_FALSE(Overlaps({1, 960, 1020}, {2, 960, 1020}));
    EXPECT_TRUE(Overlaps({3, 960, 1080}, {3, 990, 1000}));
    EXPECT_EQ(ParseTimeOfDay("17:30"), 1050);
    EXPECT_FALSE(ParseTimeOfDay("24:00"));
    EXPECT_FALSE(ParseTimeOfDay("7:30"));
    EXPECT_EQ(FormatTimeOfDay(1050), "17:30");
}

// RULES R1.7: "5+2" — five days a week, at least two hours a day.
TEST(BasicServiceTest, FiveDaysOfAtLeastTwoHours) {
    EXPECT_EQ(CodeOf([] { ValidateBasicService({0, 120, 120, 150, 120, 120}); }), "accepted");
    EXPECT_EQ(CodeOf([] { ValidateBasicService({0, 120, 119, 120, 120, 120}); }),
              "afterschool.basic_service_too_short@slots");
    EXPECT_EQ(CodeOf([] { ValidateBasicService({0, 120, 120, 120, 120}); }),
              "afterschool.basic_service_too_short@slots") << "Friday missing";
}

// RULES R1.5, R1.6, R1.9: the latest batch ends no earlier than off-work time + 30 min; shorter batches
// may sit beside it (R1.8(b)).
TEST(DismissalTest, LatestBatchReachesOffWorkPlusOffset) {
    FeeStandard s;  // off work 17:00, offset 30
    EXPECT_EQ(EarliestLatestEnd(s), 17 * 60 + 30);
    EXPECT_EQ(CodeOf([&] { ValidateDismissalDay({1, {17 * 60, 17 * 60 + 30}}, s); }), "accepted");
    EXPECT_EQ(CodeOf([&] { ValidateDismissalDay({1, {17 * 60, 17 * 60 + 29}}, s); }),
              "afterschool.latest_batch_too_early@batch_ends");
    EXPECT_EQ(CodeOf([&] { ValidateDismissalDay({1, {18 * 60, 17 * 60 + 30}}, s); }),
              "afterschool.batches_not_ordered@batch_ends");
    EXPECT_EQ(CodeOf([&] { ValidateDismissalDay({6, {18 * 60}}, s); }), "afterschool.bad_weekday@weekday");
    s.end_offset_minutes = 0;  // a county that keeps only R1.5
    EXPECT_EQ(CodeOf([&] { ValidateDismissalDay({1, {17 * 60}}, s); }), "accepted");
}

// RULES R2.1 worked example: 180 class hours cap the semester at 540 yuan rural / 630 yuan other.
TEST(FeeStatementTest, HoursTimesRateWithCapsAndHardshipWaiver) {
    FeeStandard s;
    const std::vector<MonthHours> term = {{9, 40}, {10, 36}, {11, 44}, {12, 40}, {1, 20}};  // 180 hours
    auto st = ComputeStatement(term, 350, false, s, false);
    EXPECT_EQ(st.gross_fen, 63000);
    EXPECT_EQ(st.due_fen, 63000);
    st = ComputeStatement(term, 300, false, s, true);
    EXPECT_EQ(st.due_fen, 54000);
    EXPECT_THROW(ComputeStatement(term, 301, false, s, true), Error) << "rate above the rural cap";
    s.per_month_cap_fen = 12000;  // Wuzhou-style month cap (R2.2)
    st = ComputeStatement(term, 350, false, s, false);
    EXPECT_EQ(st.due_fen, 12000 + 12000 + 12000 + 12000 + 7000);
    EXPECT_EQ(st.notes.size(), 4u);
    s.per_semester_cap_fen = 40000;  // Baoshan-style semester cap (R2.2)
    st = ComputeStatement(term, 350, false, s, false);
    EXPECT_EQ(st.due_fen, 40000);
    st = ComputeStatement(term, 350, true, s, false);
    EXPECT_EQ(st.due_fen, 0) << "家庭经济困难 pays nothing (R1.8(g))";
    EXPECT_TRUE(st.waived);
    EXPECT_EQ(st.gross_fen, 63000) << "the statement still shows what the service was worth";
}

// RULES R1.8(c): leaving mid-term; fees follow the hours actually taken.
TEST(FeeStatementTest, LeavingMidTermRefundsTheUntakenHours) {
    EXPECT_EQ(RefundForLeaving(63000, 180, 100, 350), 28000);
    EXPECT_EQ(RefundForLeaving(63000, 180, 180, 350), 0);
    EXPECT_EQ(RefundForLeaving(20000, 180, 0, 350), 20000) << "never more than was paid";
    EXPECT_EQ(RefundForLeaving(63000, 180, 200, 350), 0) << "never negative";
}

// Several courses at their own rates: the month cap applies to the child's month, not to each course.
TEST(FeeStatementTest, CoursesAtDifferentRatesShareTheMonthAndSemesterCaps) {
    FeeStandard s;
    s.per_month_cap_fen = 12000;  // Wuzhou-style 120 yuan a month (R2.2)
    const auto st = ComputeCoursesStatement({{9, 20, 300}, {9, 20, 350}, {10, 10, 300}}, false, s, false);
    EXPECT_EQ(st.gross_fen, 20 * 300 + 20 * 350 + 10 * 300);
    EXPECT_EQ(st.due_fen, 12000 + 3000) << "September (130 yuan) capped at 120, October 30 yuan as is";
    EXPECT_EQ(CodeOf([&] { ComputeCoursesStatement({{9, 1, 351}}, false, s, false); }), "afterschool.fee_above_cap@rate_fen");
    EXPECT_EQ(CodeOf([&] { ComputeCoursesStatement({{9, 1, 301}}, false, s, true); }), "afterschool.fee_above_cap@rate_fen")
        << "a rural school's children are charged at most the rural cap";
}

// [D] A session's class hours: minutes / 60 to the nearest whole hour, never 0.
TEST(FeeStatementTest, SessionClassHoursRoundToTheNearestHour) {
    EXPECT_EQ(SessionClassHours(20), 1);
    EXPECT_EQ(SessionClassHours(60), 1);
    EXPECT_EQ(SessionClassHours(89), 1);
    EXPECT_EQ(SessionClassHours(90), 2);
    EXPECT_EQ(SessionClassHours(120), 2);
}

}  // namespace
}  // namespace kehou::afterschool
