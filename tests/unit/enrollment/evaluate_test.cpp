// An application judged as it stands (evaluate.hpp): uploads and reviews move its state, an accepted paper stands in
// for the department, and a migrant family's months count to what the departments vouch for while the cut-off is
// ahead (R5.4).
#include <gtest/gtest.h>

#include "enrollment/evaluate.hpp"
#include "unit/enrollment/answers.hpp"

namespace kehou::enrollment {
namespace {

using testing::D;
using testing::kJining;

DepartmentAnswer Verified(Department d, std::vector<Record> records, std::string synced = "2026-11-01") {
    return testing::Verified(d, std::move(records), std::move(synced));
}

// A migrant family of Henan renting in community 370811001005: the father's permit and insurance since 2024.
std::vector<DepartmentAnswer> MigrantFamily() {
    return {Verified(Department::kHousehold, {HouseholdRecord{"411502007001", "河南省信阳市某村", D(2015, 1, 1), true, true, true}}),
            UnavailableAnswer(Department::kProperty, Unavailable::kNotFound),
            Verified(Department::kInsurance, {InsuranceRecord{Parent::kFather, {D(2024, 3, 1), D(2026, 10, 31)}}}),
            Verified(Department::kPermit, {PermitRecord{Parent::kFather, {D(2024, 3, 1), D(2029, 2, 28)}, "370811001005"}}),
            Verified(Department::kBirth, {BirthRecord{D(2021, 3, 1), std::string(64, 'f'), ""}}),
            UnavailableAnswer(Department::kStudent, Unavailable::kNotFound)};
}

struct Fixture {
    std::vector<DepartmentAnswer> answers;
    std::vector<ReviewInfo> reviews;
    std::vector<UploadInfo> uploads;
    Policy policy = LixiaPolicy(2027);

    Evaluation Run() const {
        EvaluationInput in;
        in.answers = &answers;
        in.reviews = &reviews;
        in.uploads = &uploads;
        in.declarations.renting = true;
        in.geography = kJining;
        in.policy = &policy;
        in.catchments = {{11, {"370811001001"}}, {12, {"370811001005"}}};
        in.today = D(2026, 12, 5);
        return Evaluate(in);
    }
};

TEST(EvaluateTest, AMigrantFamilysMonthsCountToTheDepartmentsLastExportWhileTheCutOffIsAhead) {
    Fixture f{MigrantFamily()};
    const auto e = f.Run();
    EXPECT_EQ(e.status, ApplicationStatus::kQualified);
    ASSERT_TRUE(e.category.has_value());
    EXPECT_EQ(f.policy.categories[*e.category].name, "随迁子女");  // 32 months to 31 October 2026 ≥ 12 (R5.4)
    EXPECT_EQ(e.catchment_school, 12);
    // A run that stopped long before the export does not reach the horizon and counts nothing.
    f.answers[2] = Verified(Department::kInsurance, {InsuranceRecord{Parent::kFather, {D(2024, 3, 1), D(2025, 6, 30)}}});
    EXPECT_FALSE(f.Run().category.has_value());
}

TEST(EvaluateTest, AnUploadGoesToReviewAndAnAcceptedPaperStandsForTheDepartment) {
    Fixture f{MigrantFamily()};
    f.answers[0] = UnavailableAnswer(Department::kHousehold, Unavailable::kNotFound);
    auto e = f.Run();
    EXPECT_EQ(e.status, ApplicationStatus::kAwaitingUpload);
    EXPECT_EQ(e.pending, 1) << "only the household booklet is asked while the registration is unknown";
    EXPECT_FALSE(e.catchment_school.has_value());
    f.uploads.push_back({1, Department::kHousehold, "hukou.png", "image/png", 10, "2026-12-05T10:00:00+08:00"});
    EXPECT_EQ(f.Run().status, ApplicationStatus::kInReview);
    f.reviews.push_back({Department::kHousehold, ReviewDecision::kReturned, {}, "看不清", "2026-12-05T11:00:00+08:00"});
    EXPECT_EQ(f.Run().status, ApplicationStatus::kAwaitingUpload) << "a returned paper asks for a new one";
    f.uploads.push_back({2, Department::kHousehold, "hukou2.png", "image/png", 10, "2026-12-05T12:00:00+08:00"});
    f.reviews.push_back({Department::kHousehold, ReviewDecision::kAccepted,
                         {{{"community_code", "411502007001"}, {"address", "河南省信阳市某村"}, {"move_in_date", "2015-01-01"},
                           {"child_member", "true"}, {"father_member", "true"}, {"mother_member", "true"}}},
                         std::nullopt, "2026-12-05T13:00:00+08:00"});
    e = f.Run();
    EXPECT_EQ(e.status, ApplicationStatus::kQualified);
    EXPECT_EQ(e.catchment_school, 12);
    ASSERT_EQ(e.reviewed.size(), 1u);
    EXPECT_EQ(e.progress[0], SourceProgress::kAccepted);
}

}  // namespace
}  // namespace kehou::enrollment
