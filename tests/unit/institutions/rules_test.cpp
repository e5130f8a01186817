// Off-campus training rules to the letter of RULES R1.11–R1.16, R6.3 and the working-day calendar.
#include "institutions/rules.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kehou::institutions {
namespace {

Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
constexpr int H(int h, int m = 0) {
    return h * 60 + m;
}

const HolidayCalendar& Cal() {
    static const HolidayCalendar cal = Calendar2026();
    return cal;
}

ScheduledSession Lesson(Date date, int start, int end, Delivery delivery = Delivery::kOffline,
                        InstitutionCategory category = InstitutionCategory::kSubject,
                        std::string subject = "初二数学") {
    return {date, start, end, delivery, category, std::move(subject)};
}

/// "code@field" of each violation, in order; "" when the lesson passes.
std::string Codes(const std::vector<Violation>& vs) {
    std::string out;
    for (const auto& v : vs) out += (out.empty() ? "" : " ") + v.code + "@" + v.field;
    return out;
}

std::string Check(const ScheduledSession& s, const ScheduleConfig& config = {}) {
    return Codes(CheckSession(s, Cal(), config));
}

// ---- R1.11 ------------------------------------------------------------------------------------------

TEST(InstitutionScheduleTest, SubjectTrainingIsRefusedOnWeekendsButNotOnWeekdays) {
    EXPECT_EQ(Check(Lesson(D(2026, 3, 6), H(18), H(19))), "");                                      // Friday
    EXPECT_EQ(Check(Lesson(D(2026, 3, 7), H(9), H(10))), "institutions.subject_on_rest_day@date");  // Saturday
    EXPECT_EQ(Check(Lesson(D(2026, 3, 8), H(9), H(10))), "institutions.subject_on_rest_day@date");  // Sunday
    // Non-subject training may run at weekends.
    EXPECT_EQ(Check(Lesson(D(2026, 3, 7), H(9), H(10), Delivery::kOffline, InstitutionCategory::kNonSubjectSport,
                           "青少年篮球")),
              "");
}

TEST(InstitutionScheduleTest, SubjectTrainingIsRefusedOnStatutoryHolidays) {
    EXPECT_EQ(Check(Lesson(D(2026, 4, 6), H(18), H(19))), "institutions.subject_on_holiday@date");   // 清明, Monday
    EXPECT_EQ(Check(Lesson(D(2026, 10, 1), H(18), H(19))), "institutions.subject_on_holiday@date");  // 国庆, Thursday
    EXPECT_EQ(Check(Lesson(D(2026, 1, 3), H(9), H(10))), "institutions.subject_on_holiday@date");  // a holiday Saturday
    EXPECT_EQ(Check(Lesson(D(2026, 10, 9), H(18), H(19))), "");                                    // Friday after
}

// The decision documented in rules.cpp (CheckRestDay): a 调休上班 day is a working day unless the county says otherwise.
TEST(InstitutionScheduleTest, MakeUpWorkdaysAreWorkingDaysUnlessTheCountySaysOtherwise) {
    EXPECT_EQ(Check(Lesson(D(2026, 1, 4), H(18), H(19))), "");  // Sunday make-up day
    EXPECT_EQ(Check(Lesson(D(2026, 5, 9), H(18), H(19))), "");  // Saturday make-up day
    EXPECT_EQ(Check(Lesson(D(2026, 10, 10), H(18), H(19))), "");
    ScheduleConfig strict;
    strict.make_up_workdays_are_rest_days = true;
    EXPECT_EQ(Check(Lesson(D(2026, 5, 9), H(18), H(19)), strict), "institutions.subject_on_rest_day@date");
    // A make-up Saturday inside the winter vacation is refused either way.
    EXPECT_EQ(Check(Lesson(D(2026, 2, 14), H(18), H(19))), "institutions.subject_in_vacation@date");
}

TEST(InstitutionScheduleTest, VacationWindowsIncludeBothEdges) {
    EXPECT_EQ(Check(Lesson(D(2026, 1, 23), H(18), H(19))), "");  // Friday before the winter vacation
    EXPECT_EQ(Check(Lesson(D(2026, 1, 26), H(18), H(19))), "institutions.subject_in_vacation@date");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 1), H(9), H(10))), "institutions.subject_in_vacation@date");  // last day
    EXPECT_EQ(Check(Lesson(D(2026, 3, 2), H(18), H(19))), "");                                      // first school day
    EXPECT_EQ(Check(Lesson(D(2026, 7, 3), H(18), H(19))), "");
    EXPECT_EQ(Check(Lesson(D(2026, 7, 4), H(9), H(10))), "institutions.subject_in_vacation@date");  // first day
    EXPECT_EQ(Check(Lesson(D(2026, 8, 31), H(18), H(19))), "institutions.subject_in_vacation@date");
    EXPECT_EQ(Check(Lesson(D(2026, 9, 1), H(18), H(19))), "");
    const auto* v = VacationOn(D(2026, 8, 31), Cal());
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->name, "暑假");
}

// ---- R1.12 ------------------------------------------------------------------------------------------

TEST(InstitutionScheduleTest, OnlineLessonsLastAtMostThirtyMinutes) {
    const auto online = [](int start, int end) { return Lesson(D(2026, 3, 4), start, end, Delivery::kOnline); };
    EXPECT_EQ(Check(online(H(19), H(19, 30))), "");
    EXPECT_EQ(Check(online(H(19), H(19, 31))), "institutions.online_lesson_too_long@end");
}

TEST(InstitutionScheduleTest, OnlineTrainingEndsByNine) {
    const auto online = [](int start, int end) { return Lesson(D(2026, 3, 4), start, end, Delivery::kOnline); };
    EXPECT_EQ(Check(online(H(20, 30), H(21))), "");
    EXPECT_EQ(Check(online(H(20, 31), H(21, 1))), "institutions.online_ends_too_late@end");
    // Online may go past the offline limit of 20:30.
    EXPECT_EQ(Check(online(H(20, 20), H(20, 45))), "");
}

TEST(InstitutionScheduleTest, OnlineBreaksAreAtLeastTenMinutes) {
    const auto online = [](int start, int end) { return Lesson(D(2026, 3, 4), start, end, Delivery::kOnline); };
    EXPECT_EQ(Codes(CheckOnlineBreaks({online(H(19), H(19, 30)), online(H(19, 40), H(20, 10))})), "");
    const auto short_break = CheckOnlineBreaks({online(H(19, 39), H(20, 9)), online(H(19), H(19, 30))});
    ASSERT_EQ(short_break.size(), 1u);  // input out of order: the later lesson (index 0) is named
    EXPECT_EQ(short_break[0].code, "institutions.online_break_too_short");
    EXPECT_EQ(short_break[0].session_index, 0u);
    EXPECT_EQ(Codes(CheckOnlineBreaks({online(H(19), H(19, 30)), online(H(19, 20), H(19, 50))})),
              "institutions.online_break_too_short@start");  // overlap
    // Lessons on different dates, or an offline lesson between, need no break.
    auto next_day = online(H(19, 35), H(20, 5));
    next_day.date = D(2026, 3, 5);
    EXPECT_EQ(Codes(CheckOnlineBreaks({online(H(19), H(19, 30)), next_day})), "");
    EXPECT_EQ(Codes(CheckOnlineBreaks({online(H(19), H(19, 30)), Lesson(D(2026, 3, 4), H(19, 30), H(20))})), "");
}

// ---- R1.13 ------------------------------------------------------------------------------------------

TEST(InstitutionScheduleTest, OfflineTrainingEndsByHalfPastEight) {
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(19, 30), H(20, 30))), "");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(19, 31), H(20, 31))), "institutions.offline_ends_too_late@end");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 7), H(19, 31), H(20, 31), Delivery::kOffline, InstitutionCategory::kNonSubjectArt,
                           "少儿舞蹈")),
              "institutions.offline_ends_too_late@end");  // non-subject too
}

TEST(InstitutionScheduleTest, LocalOfflineCapAndSchoolHoursApplyOnlyWhenConfigured) {
    ScheduleConfig local;
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(18), H(20)), local), "");  // no national cap on offline length
    local.offline_lesson_max_minutes = 45;
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(18), H(18, 45)), local), "");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(18), H(18, 46)), local), "institutions.offline_lesson_too_long@end");
    local = {};
    local.school_day_start = H(8);
    local.school_day_end = H(16, 30);
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(16), H(17)), local), "institutions.offline_during_school_hours@start");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(16, 30), H(17, 30)), local), "");  // starts as school ends
    const auto art = [](Date d) {
        return Lesson(d, H(10), H(11), Delivery::kOffline, InstitutionCategory::kNonSubjectArt, "书法");
    };
    EXPECT_EQ(Check(art(D(2026, 3, 7)), local), "");  // Saturday: no school
    EXPECT_EQ(Check(art(D(2026, 7, 8)), local), "");  // vacation weekday: no school
    EXPECT_EQ(Check(art(D(2026, 5, 9)), local), "institutions.offline_during_school_hours@start");  // make-up day
}

TEST(InstitutionScheduleTest, BadTimesAndDisguisedSubjectTitles) {
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(19), H(19))), "institutions.bad_session_time@end");
    EXPECT_EQ(Check(Lesson(D(2026, 3, 4), H(23), 24 * 60 + 1)), "institutions.bad_session_time@end");
    const auto v = CheckSession(
        Lesson(D(2026, 3, 7), H(9), H(10), Delivery::kOffline, InstitutionCategory::kNonSubjectStem, "少儿数学思维"),
        Cal());
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].code, "institutions.subject_content_in_non_subject");
    EXPECT_TRUE(v[0].warning);
    EXPECT_NO_THROW(ThrowIfViolations(v));  // a warning alone refuses nothing
    EXPECT_TRUE(NamesSubjectTypeSubject("道德与法治提高班"));
    EXPECT_FALSE(NamesSubjectTypeSubject("围棋启蒙"));
}

TEST(InstitutionScheduleTest, AWholeScheduleReportsEveryViolationWithItsIndex) {
    const std::vector<ScheduledSession> plan = {
        Lesson(D(2026, 3, 4), H(19), H(19, 30), Delivery::kOnline), Lesson(D(2026, 3, 7), H(9), H(10)),  // Saturday
        Lesson(D(2026, 3, 4), H(19, 35), H(20, 10), Delivery::kOnline),  // 5-min break and 35 minutes
    };
    const auto v = CheckSchedule(plan, Cal());
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0].session_index, 1u);
    EXPECT_EQ(v[0].code, "institutions.subject_on_rest_day");
    EXPECT_EQ(v[1].session_index, 2u);
    EXPECT_EQ(v[2].session_index, 2u);
    EXPECT_EQ(Codes({v[1], v[2]}), "institutions.online_lesson_too_long@end institutions.online_break_too_short@start");
    try {
        ThrowIfViolations(v);
        ADD_FAILURE() << "violations must throw";
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 422);
        EXPECT_EQ(e.code(), "institutions.subject_on_rest_day");
        EXPECT_EQ(e.field(), "date");
    }
}

// ---- R1.15 ------------------------------------------------------------------------------------------

PrepaidOrder Order() {
    // 60 hours at 80 yuan = 4,800 yuan, 1 Mar – 31 May 2026: the largest lawful order of that price.
    return {480'000, 60, 8'000, D(2026, 3, 1), D(2026, 5, 31), std::nullopt, D(2026, 2, 20), std::nullopt};
}

std::string CheckOrder(const PrepaidOrder& o, const PrepaidConfig& c = {}) {
    return Codes(CheckPrepaidOrder(o, c));
}

TEST(InstitutionPrepaidTest, SixtyClassHoursPassAndSixtyOneDoNot) {
    EXPECT_EQ(CheckOrder(Order()), "");
    PrepaidOrder o = Order();
    o.class_hours = 61;
    o.unit_price_fen = 8'000;
    o.amount_fen = 488'000;
    EXPECT_EQ(CheckOrder(o), "institutions.order_too_many_hours@class_hours");
}

TEST(InstitutionPrepaidTest, FiveThousandYuanPassesAndOneFenMoreDoesNot) {
    PrepaidOrder o = Order();
    o.class_hours = 50;
    o.unit_price_fen = 10'000;
    o.amount_fen = 500'000;
    EXPECT_EQ(CheckOrder(o), "");
    o.class_hours = 1;
    o.unit_price_fen = 500'001;
    o.amount_fen = 500'001;
    EXPECT_EQ(CheckOrder(o), "institutions.order_amount_over_cap@amount_fen");
}

TEST(InstitutionPrepaidTest, ThreeMonthsExactlyPassAndOneDayMoreDoesNot) {
    PrepaidOrder o = Order();
    o.end_date = D(2026, 6, 1);  // 1 Mar – 1 Jun: three months and a day
    EXPECT_EQ(CheckOrder(o), "institutions.order_period_too_long@end_date");
    o.end_date = D(2026, 2, 28);
    EXPECT_EQ(CheckOrder(o), "institutions.order_bad_period@end_date");
    o.end_date.reset();
    o.months = 3;
    EXPECT_EQ(CheckOrder(o), "");
    o.months = 4;
    EXPECT_EQ(CheckOrder(o), "institutions.order_period_too_long@months");
    o.months.reset();
    EXPECT_EQ(CheckOrder(o), "institutions.order_period_missing@end_date");
    // Month ends clamp: three months from 30 Nov end on 27 Feb (the corresponding day is the 28th).
    EXPECT_EQ(AddMonths(D(2026, 1, 31), 1), D(2026, 2, 28));
    EXPECT_EQ(LastDayOfMonths(D(2025, 11, 30), 3), D(2026, 2, 27));
    EXPECT_EQ(AddMonths(D(2026, 3, 31), -1), D(2026, 2, 28));
}

TEST(InstitutionPrepaidTest, AmountMustBeHoursTimesUnitPriceAndEveryFailureIsNamed) {
    PrepaidOrder o = Order();
    o.amount_fen = 479'999;
    EXPECT_EQ(CheckOrder(o), "institutions.order_amount_mismatch@amount_fen");
    o = {600'001, 61, 0, D(2026, 3, 1), D(2026, 6, 2), std::nullopt, D(2026, 2, 1), std::nullopt};
    EXPECT_EQ(CheckOrder(o),
              "institutions.order_too_many_hours@class_hours institutions.order_amount_over_cap@amount_fen "
              "institutions.order_bad_unit_price@unit_price_fen institutions.order_period_too_long@end_date");
}

TEST(InstitutionPrepaidTest, LocalRulesAreOffByDefaultAndHoldAtTheirEdgesWhenOn) {
    PrepaidOrder o = Order();  // course starts 1 Mar
    o.paid_on = D(2026, 1, 31);
    o.renewal_remaining_hours = 21;
    EXPECT_EQ(CheckOrder(o), "");
    const PrepaidConfig local{1, 20};
    EXPECT_EQ(
        CheckOrder(o, local),
        "institutions.order_collected_too_early@paid_on institutions.order_renewal_too_early@renewal_remaining_hours");
    o.paid_on = D(2026, 2, 1);  // exactly one month before
    o.renewal_remaining_hours = 20;
    EXPECT_EQ(CheckOrder(o, local), "");
}

// ---- R1.16 ------------------------------------------------------------------------------------------

TEST(InstitutionGuidancePriceTest, PriceWithinGuidancePlusBandInExactIntegers) {
    EXPECT_EQ(MaxGuidedPriceFen(10'000, 1'000), 11'000);
    EXPECT_FALSE(CheckGuidancePrice(11'000, 10'000, 1'000));
    const auto over = CheckGuidancePrice(11'001, 10'000, 1'000);
    ASSERT_TRUE(over);
    EXPECT_EQ(over->code, "institutions.price_above_guidance");
    EXPECT_EQ(over->field, "unit_price_fen");
    EXPECT_FALSE(CheckGuidancePrice(10'000, 10'000, 0));
    EXPECT_TRUE(CheckGuidancePrice(10'001, 10'000, 0));
    // 3.33 yuan + 10 % = 3.663 yuan: 3.66 passes, 3.67 does not; no floating point decides it.
    EXPECT_EQ(MaxGuidedPriceFen(333, 1'000), 366);
    EXPECT_FALSE(CheckGuidancePrice(366, 333, 1'000));
    EXPECT_TRUE(CheckGuidancePrice(367, 333, 1'000));
    EXPECT_THROW(CheckGuidancePrice(100, 100, -1), Error);
}

// ---- R6.3 -------------------------------------------------------------------------------------------

TEST(InstitutionReductionTest, SeedAndMinistryFiguresAndRounding) {
    const auto liaocheng = ComputeReductionRate(751, 275);  // 476 cut of 751
    ASSERT_TRUE(liaocheng);
    EXPECT_EQ(liaocheng->cut, 476);
    EXPECT_EQ(liaocheng->basis_points, 6338);
    EXPECT_EQ(FormatPercent(liaocheng->basis_points), "63.38%");
    EXPECT_EQ(ComputeReductionRate(263, 34)->basis_points, 8707);  // MoE online figure, R6.3
    // MoE's offline 92.14 % was computed from the unrounded base; "12.4万" gives 92.15 %: keep the exact base.
    EXPECT_EQ(ComputeReductionRate(124'000, 9'728)->basis_points, 9215);
    EXPECT_EQ(ComputeReductionRate(20'000, 19'999)->basis_points, 1);  // 0.5 bp rounds away from zero
    EXPECT_EQ(ComputeReductionRate(20'000, 20'001)->basis_points, -1);
    EXPECT_EQ(FormatPercent(ComputeReductionRate(100, 101)->basis_points), "-1.00%");
    EXPECT_FALSE(ComputeReductionRate(0, 0));
    EXPECT_FALSE(ComputeReductionRate(0, 3));
}

TEST(InstitutionReductionTest, ClosedAndCancelledInstitutionsAreTheReduction) {
    EXPECT_TRUE(CountsAsCurrent(InstitutionStatus::kOperating));
    EXPECT_TRUE(CountsAsCurrent(InstitutionStatus::kRectifying));
    EXPECT_TRUE(CountsAsCurrent(InstitutionStatus::kSuspended));
    EXPECT_FALSE(CountsAsCurrent(InstitutionStatus::kClosed));
    EXPECT_FALSE(CountsAsCurrent(InstitutionStatus::kCancelled));
}

// ---- Working days and complaints ---------------------------------------------------------------------

TEST(InstitutionCalendarTest, TheSeededArrangementHasTheStateCouncilDays) {
    const auto& cal = Cal();
    EXPECT_EQ(cal.holidays.size(), 3u + 9u + 3u + 5u + 3u + 3u + 7u);
    EXPECT_EQ(cal.make_up_workdays.size(), 6u);
    for (const Date d : cal.make_up_workdays) EXPECT_TRUE(IsWeekend(d)) << FormatDate(d);
    EXPECT_TRUE(IsWorkingDay(D(2026, 1, 4), cal));    // make-up Sunday
    EXPECT_FALSE(IsWorkingDay(D(2026, 2, 16), cal));  // 春节 Monday
    EXPECT_FALSE(IsWorkingDay(D(2026, 3, 7), cal));   // ordinary Saturday
    EXPECT_TRUE(IsWorkingDay(D(2026, 2, 24), cal));
    EXPECT_EQ(FormatDate(D(2026, 2, 4)), "2026-02-04");
    // The named rows the editable calendar is seeded with hold exactly the same days.
    const auto rows = CalendarDays2026();
    EXPECT_EQ(rows.size(), cal.holidays.size() + cal.make_up_workdays.size());
    for (const auto& r : rows) {
        const Date d = *ParseIsoDate(r.date);
        EXPECT_TRUE(r.kind == "holiday" ? cal.holidays.contains(d) : cal.make_up_workdays.contains(d)) << r.date;
        if (r.date == "2026-10-01") { EXPECT_EQ(r.name, "国庆节"); }
        if (r.date == "2026-02-14") { EXPECT_EQ(r.name, "春节调休上班"); }
    }
}

TEST(InstitutionCalendarTest, WorkingDayArithmeticAcrossTheSpringFestivalAndMakeUpDays) {
    const auto& cal = Cal();
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 13), 1, cal), D(2026, 2, 14));  // Friday → make-up Saturday
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 14), 1, cal), D(2026, 2, 24));  // across 15–23 Feb
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 12), 3, cal), D(2026, 2, 24));
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 24), 4, cal), D(2026, 2, 28));  // make-up Saturday counts
    EXPECT_EQ(AddWorkingDays(D(2025, 12, 31), 1, cal), D(2026, 1, 4));  // across 元旦 to the make-up Sunday
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 24), 0, cal), D(2026, 2, 24));
    EXPECT_EQ(AddWorkingDays(D(2026, 2, 24), -1, cal), D(2026, 2, 14));
    EXPECT_EQ(WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 24), cal), 2);
    EXPECT_EQ(WorkingDaysBetween(D(2026, 2, 24), D(2026, 2, 13), cal), -2);
    EXPECT_EQ(AddWorkingDays(D(2026, 3, 6), 1, HolidayCalendar{}), D(2026, 3, 9));  // no calendar: Fri → Mon
}

TEST(InstitutionCalendarTest, AddAndBetweenAgreeEverywhereIn2026) {
    const auto& cal = Cal();
    for (std::chrono::sys_days d{D(2026, 1, 1)}; d < std::chrono::sys_days{D(2026, 12, 1)}; d += std::chrono::days{3})
        for (int n : {1, 5, 15}) {
            const Date to = AddWorkingDays(Date{d}, n, cal);
            ASSERT_TRUE(IsWorkingDay(to, cal)) << FormatDate(Date{d});
            ASSERT_EQ(WorkingDaysBetween(Date{d}, to, cal), n) << FormatDate(Date{d});
            ASSERT_EQ(AddWorkingDays(to, -n, cal) <= Date{d}, true) << FormatDate(Date{d});
        }
}

TEST(InstitutionComplaintTest, DueDateCountsWorkingDaysFromTheShanghaiDate) {
    // 2026-02-12T16:30Z is already 13 Feb, 00:30 in Shanghai.
    const TimePoint received = *ParseRfc3339("2026-02-12T16:30:00Z");
    EXPECT_EQ(ShanghaiDateOf(received), D(2026, 2, 13));
    const Date due = ComplaintDueDate(received, kDefaultComplaintWorkingDays, Cal());
    EXPECT_EQ(due, D(2026, 2, 27));  // 14 (make-up), 24, 25, 26, 27
    EXPECT_EQ(ComplaintDueDate(*ParseRfc3339("2026-02-12T15:59:59Z"), 1, Cal()), D(2026, 2, 13));
    EXPECT_FALSE(ComplaintOverdue(due, D(2026, 2, 27), std::nullopt));
    EXPECT_TRUE(ComplaintOverdue(due, D(2026, 2, 28), std::nullopt));
    EXPECT_FALSE(ComplaintOverdue(due, D(2026, 3, 9), D(2026, 2, 27)));  // closed in time
    EXPECT_TRUE(ComplaintOverdue(due, D(2026, 3, 9), D(2026, 3, 2)));    // closed late
}

// ---- Enum codes --------------------------------------------------------------------------------------

template <typename E>
void ExpectStableCodes() {
    std::set<std::string_view> seen;
    for (E v : AllValues<E>()) {
        const std::string_view code = ToString(v);
        EXPECT_TRUE(seen.insert(code).second) << code;
        EXPECT_EQ(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos) << code;
        EXPECT_EQ(ParseEnum<E>(code), v) << code;
        EXPECT_NE(LabelZh(v), "未知") << code;
    }
    EXPECT_FALSE(ParseEnum<E>("")) << "empty code";
}

TEST(InstitutionEnumTest, EveryEnumHasUniqueSnakeCaseCodesThatRoundTrip) {
    ExpectStableCodes<InstitutionCategory>();
    ExpectStableCodes<Delivery>();
    ExpectStableCodes<InstitutionStatus>();
    ExpectStableCodes<CaseState>();
    ExpectStableCodes<CaseEvent>();
    ExpectStableCodes<DecisionKind>();
    ExpectStableCodes<PenaltyKind>();
    ExpectStableCodes<ComplaintChannel>();
    ExpectStableCodes<ComplaintStatus>();
    ExpectStableCodes<EscrowMode>();
    ExpectStableCodes<EscrowEntryKind>();
    ExpectStableCodes<ConsumptionStatus>();
    ExpectStableCodes<RefundStatus>();
    EXPECT_EQ(AllValues<CaseState>().size(), 11u);
    EXPECT_EQ(ToString(InstitutionCategory::kNonSubjectStem), "non_subject_stem");
    EXPECT_EQ(ParseEnum<CaseState>("Filed"), std::nullopt);
    EXPECT_EQ(ParseEnum<ComplaintChannel>("letter"), ComplaintChannel::kLetter);
}

}  // namespace
}  // namespace kehou::institutions
