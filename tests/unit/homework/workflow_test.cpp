// The publish workflow's pure rules: what a homework counts, the subject budget, where it starts, and every legal
// and illegal status move.
#include <gtest/gtest.h>

#include <set>

#include "homework/workflow.hpp"

namespace kehou::homework {
namespace {

TEST(HomeworkWorkflowTest, OnlyWrittenHomeworkCountsAndTheHeaviestLayerDoes) {
    EXPECT_EQ(CountedMinutes(HomeworkType::kWritten, 20, {}), 20);
    EXPECT_EQ(CountedMinutes(HomeworkType::kWritten, 20, {{0, 1, "基础", "x", 15, {}}, {0, 2, "提高", "y", 30, {}}}), 30);
    EXPECT_EQ(CountedMinutes(HomeworkType::kWritten, 40, {{0, 1, "基础", "x", 15, {}}}), 40);
    for (const auto t : {HomeworkType::kReading, HomeworkType::kOral, HomeworkType::kPractical, HomeworkType::kInquiry})
        EXPECT_EQ(CountedMinutes(t, 30, {{0, 1, "提高", "y", 45, {}}}), 0);
}

TEST(HomeworkWorkflowTest, TheSubjectBudgetAllowsExactlyItsMinutes) {
    EXPECT_FALSE(CheckSubjectBudget(std::nullopt, 10, 20)) << "no budget: only the class-day limit applies";
    EXPECT_FALSE(CheckSubjectBudget(20, 10, 0)) << "a reading task adds nothing";
    const auto at = CheckSubjectBudget(20, 10, 10);
    ASSERT_TRUE(at);
    EXPECT_TRUE(at->allowed);
    EXPECT_EQ(at->remaining, 10);
    const auto over = CheckSubjectBudget(20, 10, 11);
    EXPECT_FALSE(over->allowed);
    EXPECT_EQ(over->current, 10);
    EXPECT_EQ(over->budget, 20);
    EXPECT_EQ(CheckSubjectBudget(20, 25, 1)->remaining, 0) << "never negative after an override";
}

TEST(HomeworkWorkflowTest, OnlyAnOrdinaryTeachersHomeworkWaitsAndOnlyWhereTheSchoolAsks) {
    EXPECT_EQ(InitialStatus(true, Publisher::kTeacher), AssignmentStatus::kPendingApproval);
    EXPECT_EQ(InitialStatus(true, Publisher::kGroupLeader), AssignmentStatus::kPublished);
    EXPECT_EQ(InitialStatus(true, Publisher::kSchoolAdministrator), AssignmentStatus::kPublished);
    for (const auto who : {Publisher::kTeacher, Publisher::kGroupLeader, Publisher::kSchoolAdministrator})
        EXPECT_EQ(InitialStatus(false, who), AssignmentStatus::kPublished);
}

TEST(HomeworkWorkflowTest, EveryStatusMoveIsLegalOrNotAsWritten) {
    using S = AssignmentStatus;
    const S all[] = {S::kPendingApproval, S::kPublished, S::kRejected, S::kWithdrawn};
    const std::set<std::pair<S, S>> legal = {{S::kPendingApproval, S::kPublished},
                                             {S::kPendingApproval, S::kRejected},
                                             {S::kPendingApproval, S::kWithdrawn},
                                             {S::kPublished, S::kWithdrawn}};
    for (const auto from : all)
        for (const auto to : all)
            EXPECT_EQ(CanMove(from, to), legal.contains({from, to})) << ToString(from) << " -> " << ToString(to);
    EXPECT_TRUE(HoldsBudget(S::kPendingApproval));
    EXPECT_TRUE(HoldsBudget(S::kPublished));
    EXPECT_FALSE(HoldsBudget(S::kRejected));
    EXPECT_FALSE(HoldsBudget(S::kWithdrawn));
}

TEST(HomeworkWorkflowTest, StoredCodesRoundTrip) {
    for (const auto t : {HomeworkType::kWritten, HomeworkType::kReading, HomeworkType::kOral, HomeworkType::kPractical,
                         HomeworkType::kInquiry})
        EXPECT_EQ(ParseHomeworkType(ToString(t)), t);
    for (const auto s : {AssignmentStatus::kPendingApproval, AssignmentStatus::kPublished, AssignmentStatus::kRejected,
                         AssignmentStatus::kWithdrawn})
        EXPECT_EQ(ParseAssignmentStatus(ToString(s)), s);
    EXPECT_FALSE(ParseHomeworkType("essay"));
}

}  // namespace
}  // namespace kehou::homework
