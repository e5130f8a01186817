// The dossier: facts with their provenance, and uploads asked only for what failed and the child's case needs.
#include <gtest/gtest.h>

#include "enrollment/dossier.hpp"
#include "enrollment/rules.hpp"
#include "unit/enrollment/answers.hpp"

namespace kehou::enrollment {
namespace {

using testing::D;
using testing::kJining;
using testing::Verified;

std::vector<DepartmentAnswer> LocalFamily() {
    return {Verified(Department::kHousehold, {HouseholdRecord{"370811001", "任城区某路 1 号", D(2019, 4, 2), true, true, true}}),
            Verified(Department::kProperty, {PropertyRecord{Owner::kParent, "370811001", 100, D(2018, 9, 1)}}),
            UnavailableAnswer(Department::kInsurance, Unavailable::kNotFound),
            UnavailableAnswer(Department::kPermit, Unavailable::kNotFound),
            Verified(Department::kBirth, {BirthRecord{D(2020, 5, 3), "f", "m"}}, "2026-05-20"),
            UnavailableAnswer(Department::kStudent, Unavailable::kNotFound)};
}

TEST(DossierTest, ALocalFamilyIsCompleteWithEveryFactSourced) {
    const auto d = BuildDossier(LocalFamily(), kJining, {}, 1);
    EXPECT_TRUE(d.complete()) << "a local family needs no permit, no insurance and, for grade 1, no student record";
    EXPECT_EQ(d.facts.hukou_community, "370811001");
    EXPECT_TRUE(d.facts.hukou_in_county);
    EXPECT_TRUE(d.facts.hukou_in_city);
    EXPECT_EQ(d.facts.birth_date, D(2020, 5, 3));
    ASSERT_EQ(d.facts.properties.size(), 1u);
    EXPECT_TRUE(d.facts.properties[0].in_city);
    const auto move_in = std::find_if(d.provenance.begin(), d.provenance.end(),
                                      [](const Provenance& p) { return p.fact == "hukou_move_in"; });
    ASSERT_NE(move_in, d.provenance.end());
    EXPECT_EQ(move_in->department, Department::kHousehold);
    EXPECT_EQ(move_in->synced_at, "2026-06-01");
    EXPECT_EQ(CategoryOf(d.facts, {"370811001"}, LixiaPolicy(2026)), 0u) << "房户住三一致 from shared data alone";
}

TEST(DossierTest, OnlyWhatFailedAndIsNeededAsksForAnUpload) {
    auto answers = LocalFamily();
    answers[1] = UnavailableAnswer(Department::kProperty, Unavailable::kTimeout);  // the property register is down
    const auto d = BuildDossier(answers, kJining, {}, 1);
    EXPECT_FALSE(d.complete());
    for (const auto& s : d.sources)
        EXPECT_EQ(s.needs_upload, s.department == Department::kProperty) << ToString(s.department);

    answers = LocalFamily();
    answers[1] = UnavailableAnswer(Department::kProperty, Unavailable::kNotFound);  // a renting family owns nothing
    EXPECT_TRUE(BuildDossier(answers, kJining, {.renting = true}, 1).complete());
    EXPECT_FALSE(BuildDossier(LocalFamily(), kJining, {}, 7).complete()) << "grade 7 needs the primary school record";

    // No registration record: only the household booklet is asked; permits and insurance wait until it shows
    // whether the child is a migrant.
    answers = LocalFamily();
    answers[0] = UnavailableAnswer(Department::kHousehold, Unavailable::kNotFound);
    answers[2] = UnavailableAnswer(Department::kInsurance, Unavailable::kNotFound);
    answers[3] = UnavailableAnswer(Department::kPermit, Unavailable::kNotFound);
    for (const auto& s : BuildDossier(answers, kJining, {}, 1).sources)
        EXPECT_EQ(s.needs_upload, s.department == Department::kHousehold) << ToString(s.department);
}

TEST(DossierTest, AMigrantFamilyNeedsItsPermitAndInsurance) {
    auto answers = LocalFamily();
    answers[0] = Verified(Department::kHousehold, {HouseholdRecord{"411502007", "河南省信阳市某村", D(2015, 1, 1), true, true, true}});
    answers[1] = UnavailableAnswer(Department::kProperty, Unavailable::kNotFound);
    answers[3] = Verified(Department::kPermit, {PermitRecord{Parent::kFather, {D(2024, 3, 1), D(2026, 9, 1)}, "370811005"}});
    const auto d = BuildDossier(answers, kJining, {.renting = true}, 1);
    EXPECT_FALSE(d.facts.hukou_in_city);
    EXPECT_EQ(d.facts.residence_community, "370811005") << "the permit says where the family lives";
    EXPECT_FALSE(d.complete());
    for (const auto& s : d.sources)
        EXPECT_EQ(s.needs_upload, s.department == Department::kInsurance) << ToString(s.department);
}

}  // namespace
}  // namespace kehou::enrollment
