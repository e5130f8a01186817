// The semester evaluation (效果评价, RULES R2.4, issue 9 point 4): worked examples with the arithmetic written out,
// rounding at its halves, re-weighting over the parts present, the guardians' minimum of ratings, the threshold's
// edge, the two-warnings and the recruiting exits, refused settings and input, and what an exit sets in motion.
// The guardians' part counts from five ratings by default, so the examples give it at least five.
#include "providers/evaluation.hpp"

#include <gtest/gtest.h>

namespace kehou::providers {
namespace {

EvaluationInput In(std::vector<int> guardians, std::vector<int> schools, std::vector<int> spot_checks) {
    EvaluationInput in;
    in.semester = "2026-autumn";
    in.guardian_ratings = std::move(guardians);
    in.school_ratings = std::move(schools);
    in.spot_check_scores = std::move(spot_checks);
    return in;
}

// n ratings of the same stars: the guardians' part at stars × 20 once n reaches the minimum.
std::vector<int> Times(int n, int stars) {
    return std::vector<int>(static_cast<std::size_t>(n), stars);
}

Error Refusal(const EvaluationInput& in, const EvaluationPolicy& p) {
    try {
        Evaluate(in, p);
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("accepted");
}

TEST(ProviderEvaluationTest, WorkedExampleWithTheDefaultWeights) {
    auto in = In({5, 4, 4, 3, 5, 4}, {4, 3}, {78, 85, 90});
    in.instructor_no_shows = 1;
    const Evaluation e = Evaluate(in, {});
    // guardians: 25 stars / 6 × 20 = 83.33… → 5000 / 6 = 833.3 tenths → 833 (83.3)
    EXPECT_EQ(e.guardians_tenths, 833);
    // schools: 7 stars / 2 × 20 = 70.0 → 700
    EXPECT_EQ(e.schools_tenths, 700);
    // spot checks: 253 / 3 = 84.33… → 2530 / 3 = 843.3 → 843
    EXPECT_EQ(e.spot_checks_tenths, 843);
    EXPECT_FALSE(e.attendance_tenths) << "attendance weighs 0 by default";
    // (40 × 833 + 30 × 700 + 30 × 843) / 100 = (33320 + 21000 + 25290) / 100 = 796.1 → 796 (79.6)
    EXPECT_EQ(e.weighted_tenths, 796);
    // one no-show × 2 points = 20 tenths: 796 − 20 = 776 (77.6) ≥ 600
    EXPECT_EQ(e.no_show_deduction_tenths, 20);
    EXPECT_EQ(e.score_tenths, 776);
    EXPECT_EQ(e.outcome, Outcome::kPass);
    EXPECT_FALSE(e.exit);
}

TEST(ProviderEvaluationTest, AMissingPartIsLeftOutAndTheOthersReweighted) {
    // No school rated it. guardians: 16 / 6 × 20 = 53.33… → 3200 / 6 → 533; spot checks: 115 / 2 = 57.5 → 575.
    // (40 × 533 + 30 × 575) / (40 + 30) = (21320 + 17250) / 70 = 38570 / 70 = 551 exactly (55.1) < 60.
    const auto in = In({3, 3, 2, 3, 3, 2}, {}, {60, 55});
    const Evaluation e = Evaluate(in, {});
    EXPECT_EQ(e.guardians_tenths, 533);
    EXPECT_FALSE(e.schools_tenths);
    EXPECT_EQ(e.spot_checks_tenths, 575);
    EXPECT_EQ(e.score_tenths, 551);
    EXPECT_EQ(e.outcome, Outcome::kWarning);
    EXPECT_FALSE(e.exit);
}

TEST(ProviderEvaluationTest, TheSecondWarningInARowIsAnExitFromTheNextSemester) {
    auto in = In({3, 3, 2, 3, 3, 2}, {}, {60, 55});  // 55.1, as above
    in.previous_outcome = Outcome::kWarning;
    const Evaluation e = Evaluate(in, {});
    EXPECT_EQ(e.outcome, Outcome::kExit);
    ASSERT_TRUE(e.exit);
    EXPECT_EQ(e.exit->reason, ExitReason::kEvaluation);
    EXPECT_EQ(e.exit->courses_close_from, "2027-spring");
    EXPECT_TRUE(e.exit->remove_from_white_list);
    EXPECT_TRUE(e.exit->notify_schools);
    EXPECT_TRUE(e.exit->notify_families);
    EXPECT_FALSE(e.exit->black_list);
    // Only a warning last semester counts: a pass, an unrated semester or none leave this one a warning.
    for (const auto prev :
         {std::optional{Outcome::kPass}, std::optional{Outcome::kNotRated}, std::optional<Outcome>{}}) {
        in.previous_outcome = prev;
        EXPECT_EQ(Evaluate(in, {}).outcome, Outcome::kWarning);
    }
}

TEST(ProviderEvaluationTest, ExactlyAtTheThresholdPassesAndOneNoShowBelowItWarns) {
    // 3★ × 5, 3★, 60 → 600, 600, 600 → 600 (60.0): not below 60.
    auto in = In(Times(5, 3), {3}, {60});
    in.previous_outcome = Outcome::kWarning;
    EXPECT_EQ(Evaluate(in, {}).score_tenths, 600);
    EXPECT_EQ(Evaluate(in, {}).outcome, Outcome::kPass);
    in.instructor_no_shows = 1;  // 600 − 20 = 580
    EXPECT_EQ(Evaluate(in, {}).score_tenths, 580);
    EXPECT_EQ(Evaluate(in, {}).outcome, Outcome::kExit);
    // A county threshold of 58: 580 is exactly at it.
    EXPECT_EQ(Evaluate(in, {.threshold = 58}).outcome, Outcome::kPass);
}

TEST(ProviderEvaluationTest, RoundingIsHalfUpAtEveryStep) {
    EXPECT_EQ(DivideRoundHalfUp(5, 2), 3);
    EXPECT_EQ(DivideRoundHalfUp(1, 2), 1);
    EXPECT_EQ(DivideRoundHalfUp(1, 3), 0);
    EXPECT_EQ(DivideRoundHalfUp(2, 3), 1);
    // 13 × 4★ + 3 × 3★ = 61 stars over 16: 61 × 200 / 16 = 762.5 → 763
    std::vector<int> sixteen(13, 4);
    sixteen.insert(sixteen.end(), {3, 3, 3});
    EXPECT_EQ(RatingTenths(sixteen), 763);
    // 281 / 4 = 70.25 → 2810 / 4 = 702.5 → 703
    EXPECT_EQ(SpotCheckTenths({70, 71, 70, 70}), 703);
    // The weighted mean: 600, 600, (60 + 61) / 2 = 60.5 → 605; (24000 + 18000 + 18150) / 100 = 601.5 → 602.
    EXPECT_EQ(Evaluate(In(Times(5, 3), {3}, {60, 61}), {}).score_tenths, 602);
    EXPECT_FALSE(RatingTenths({}));
    EXPECT_FALSE(SpotCheckTenths({}));
}

TEST(ProviderEvaluationTest, StarsMapToTwentyPointsEach) {
    for (int stars = 1; stars <= 5; ++stars) EXPECT_EQ(RatingTenths({stars}), stars * 200) << stars;
}

TEST(ProviderEvaluationTest, ACountyMayWeighAttendance) {
    // Weights 30/30/20/20: 800, 700, 900 and attendance 92.5 % = 925 tenths.
    // (30 × 800 + 30 × 700 + 20 × 900 + 20 × 925) / 100 = (24000 + 21000 + 18000 + 18500) / 100 = 815
    auto in = In(Times(5, 4), {3, 4}, {90});
    in.attendance_permille = 925;
    const EvaluationPolicy p{.weights = {.guardians = 30, .schools = 30, .spot_checks = 20, .attendance = 20}};
    const Evaluation e = Evaluate(in, p);
    EXPECT_EQ(e.attendance_tenths, 925);
    EXPECT_EQ(e.score_tenths, 815);
    // Unknown attendance: re-weighted over 80. (24000 + 21000 + 18000) / 80 = 787.5 → 788
    in.attendance_permille.reset();
    EXPECT_EQ(Evaluate(in, p).score_tenths, 788);
}

TEST(ProviderEvaluationTest, APartThatWeighsNothingIsNotCounted) {
    // Spot checks weigh 0: their 20 points must not pull 100 down. Guardians and schools: 1000, 1000 → 1000.
    const EvaluationPolicy p{.weights = {.guardians = 50, .schools = 50, .spot_checks = 0, .attendance = 0}};
    const Evaluation e = Evaluate(In(Times(5, 5), {5}, {20}), p);
    EXPECT_FALSE(e.spot_checks_tenths);
    EXPECT_EQ(e.score_tenths, 1000);
}

TEST(ProviderEvaluationTest, NoRatingsAtAllIsNotRatedNotAWarning) {
    auto in = In({}, {}, {});
    in.previous_outcome = Outcome::kWarning;
    in.instructor_no_shows = 3;
    in.attendance_permille = 500;  // weighs 0 by default
    const Evaluation e = Evaluate(in, {});
    EXPECT_EQ(e.outcome, Outcome::kNotRated);
    EXPECT_FALSE(e.score_tenths);
    EXPECT_FALSE(e.weighted_tenths);
    EXPECT_FALSE(e.exit);
}

TEST(ProviderEvaluationTest, RecruitingInSchoolIsAnExitWhateverTheScore) {
    for (auto in : {In({5, 5}, {5}, {98}), In({}, {}, {})}) {
        in.recruiting_in_school_found = true;
        const Evaluation e = Evaluate(in, {});
        EXPECT_EQ(e.outcome, Outcome::kExit);
        ASSERT_TRUE(e.exit);
        EXPECT_EQ(e.exit->reason, ExitReason::kRecruitingInSchool);
        EXPECT_TRUE(e.exit->black_list);
        EXPECT_EQ(e.exit->courses_close_from, "2027-spring");
    }
}

TEST(ProviderEvaluationTest, TheScoreNeverGoesBelowZero) {
    auto in = In(Times(5, 1), {}, {});  // 200
    in.instructor_no_shows = 15;        // 15 × 2 × 10 = 300
    EXPECT_EQ(Evaluate(in, {}).score_tenths, 0);
}

TEST(ProviderEvaluationTest, WeightsNotSummingToOneHundredAreRefused) {
    const auto in = In({4}, {4}, {80});
    for (const EvaluationWeights w : {EvaluationWeights{40, 30, 20, 0}, EvaluationWeights{40, 30, 30, 1},
                                      EvaluationWeights{110, -10, 0, 0}, EvaluationWeights{0, 0, 0, 0}}) {
        const Error e = Refusal(in, {.weights = w});
        EXPECT_EQ(e.http_status(), 422);
        EXPECT_EQ(e.code(), "providers.weights_not_100");
        EXPECT_EQ(e.field(), "weights");
    }
    EXPECT_NO_THROW(Evaluate(in, {.weights = {100, 0, 0, 0}}));
    EXPECT_EQ(Refusal(in, {.threshold = 101}).field(), "threshold");
    EXPECT_EQ(Refusal(in, {.no_show_deduction = -1}).field(), "no_show_deduction");
}

TEST(ProviderEvaluationTest, FewerGuardiansRatingsThanTheMinimumAreLeftOut) {
    // Four guardians gave one star each; the default minimum is five. The guardians' part is left out like a part
    // without data and its weight goes to the others: schools 4★ = 800, spot checks 85 = 850,
    // (30 × 800 + 30 × 850) / 60 = 49500 / 60 = 825 (82.5) — a pass, where counting the stars would have given
    // (40 × 200 + 24000 + 25500) / 100 = 575 (57.5), a warning.
    const auto in = In(Times(4, 1), {4}, {85});
    const Evaluation e = Evaluate(in, {});
    EXPECT_FALSE(e.guardians_tenths);
    EXPECT_TRUE(e.guardians_too_few);
    EXPECT_EQ(e.guardian_ratings, 4);
    EXPECT_EQ(e.schools_tenths, 800);
    EXPECT_EQ(e.spot_checks_tenths, 850);
    EXPECT_EQ(e.weighted_tenths, 825);
    EXPECT_EQ(e.score_tenths, 825);
    EXPECT_EQ(e.outcome, Outcome::kPass);
    // A county that lowers its minimum to four counts them.
    const Evaluation four = Evaluate(in, {.min_guardian_ratings = 4});
    EXPECT_FALSE(four.guardians_too_few);
    EXPECT_EQ(four.guardians_tenths, 200);
    EXPECT_EQ(four.score_tenths, 575);
    EXPECT_EQ(four.outcome, Outcome::kWarning);
}

TEST(ProviderEvaluationTest, ExactlyTheMinimumOfGuardiansRatingsCounts) {
    const Evaluation e = Evaluate(In(Times(5, 1), {4}, {85}), {});
    EXPECT_FALSE(e.guardians_too_few);
    EXPECT_EQ(e.guardian_ratings, 5);
    EXPECT_EQ(e.guardians_tenths, 200);
    EXPECT_EQ(e.score_tenths, 575);
    EXPECT_EQ(e.outcome, Outcome::kWarning);
}

TEST(ProviderEvaluationTest, TooFewGuardiansRatingsAloneAreNotRatedAndSchoolsCountFromOne) {
    // Nothing else counts: no part had data that counts, so not rated — no warning from two parents' one star.
    auto alone = In({1, 1}, {}, {});
    alone.previous_outcome = Outcome::kWarning;
    const Evaluation e = Evaluate(alone, {});
    EXPECT_TRUE(e.guardians_too_few);
    EXPECT_EQ(e.outcome, Outcome::kNotRated);
    EXPECT_FALSE(e.exit);
    // One school's rating and one spot check count on their own (official acts): 2★ = 400, 50 → 450 < 60.
    EXPECT_EQ(Evaluate(In({}, {2}, {50}), {}).outcome, Outcome::kWarning);
    // No ratings at all is no data, not "too few"; a part that weighs nothing is not "too few" either.
    EXPECT_FALSE(Evaluate(In({}, {4}, {}), {}).guardians_too_few);
    EXPECT_FALSE(Evaluate(In({1, 1}, {4}, {}), {.weights = {0, 50, 50, 0}}).guardians_too_few);
}

TEST(ProviderEvaluationTest, TheMinimumOfGuardiansRatingsIsOneTo200) {
    const auto in = In({4}, {4}, {80});
    for (const int bad : {0, -1, 201}) {
        const Error e = Refusal(in, {.min_guardian_ratings = bad});
        EXPECT_EQ(e.http_status(), 422) << bad;
        EXPECT_EQ(e.code(), "providers.bad_min_guardian_ratings") << bad;
        EXPECT_EQ(e.field(), "min_guardian_ratings") << bad;
    }
    EXPECT_NO_THROW(Evaluate(in, {.min_guardian_ratings = 1}));
    EXPECT_EQ(Evaluate(in, {.min_guardian_ratings = 1}).guardians_tenths, 800);
    EXPECT_NO_THROW(Evaluate(in, {.min_guardian_ratings = 200}));
}

TEST(ProviderEvaluationTest, InputOutOfItsScaleIsRefusedWithItsIndex) {
    auto in = In({4, 0}, {6}, {-1, 100, 101});
    in.attendance_permille = 1001;
    in.instructor_no_shows = -1;
    in.semester = "2026-fall";
    std::vector<std::string> fields;
    for (const auto& p : ValidateEvaluationInput(in)) fields.push_back(p.field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"semester", "guardian_ratings[1]", "school_ratings[0]", "spot_check_scores[0]",
                                        "spot_check_scores[2]", "attendance_permille", "instructor_no_shows"}));
    EXPECT_EQ(Refusal(in, {}).field(), "semester");
}

TEST(ProviderEvaluationTest, EachExitReasonSetsItsConsequences) {
    const auto voluntary = ConsequencesOf(ExitReason::kVoluntary, "2027-spring");
    EXPECT_EQ(voluntary.courses_close_from, "2027-autumn");
    EXPECT_TRUE(voluntary.remove_from_white_list && voluntary.notify_schools && voluntary.notify_families);
    EXPECT_FALSE(voluntary.black_list);
    // A revoked licence: the provider may not operate at all, so this semester's courses close now.
    const auto revoked = ConsequencesOf(ExitReason::kLicenceRevoked, "2027-spring");
    EXPECT_EQ(revoked.courses_close_from, "2027-spring");
    EXPECT_TRUE(revoked.black_list);
    EXPECT_EQ(ConsequencesOf(ExitReason::kEvaluation, "2026-autumn").courses_close_from, "2027-spring");
}

TEST(ProviderEvaluationTest, SemestersFollowEachOther) {
    EXPECT_EQ(NextSemester("2026-autumn"), "2027-spring");
    EXPECT_EQ(NextSemester("2027-spring"), "2027-autumn");
    for (const char* bad : {"", "2026", "26-autumn", "2026-Autumn", "2026-autumnx", "2026/autumn", "20x6-spring"})
        EXPECT_FALSE(NextSemester(bad)) << bad;
}

}  // namespace
}  // namespace kehou::providers
