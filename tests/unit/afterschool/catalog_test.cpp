// The catalogue on a real database: publication rules (RULES R2.1, R2.3, R1.8(f), R1.14), providers and
// county admission (R2.3c), service weeks (R1.5–R1.7, R1.9) and a guardian's dismissal batch.
#include "afterschool/catalog_repo.hpp"
#include "core/ids.hpp"
#include "unit/afterschool/afterschool_fixture.hpp"

namespace kehou::afterschool::testing {
namespace {

class CatalogTest : public AfterSchoolTest {
protected:
    CourseInput Draft(const org::School& s, std::int64_t fee) {
        return {s.id, "2026-autumn", "围棋", "traditional_culture", "", "三楼活动室", 3, 6, "volunteer", {}, {}, "志愿者",
                fee, 30, 16, {{{3, 16 * 60, 17 * 60}}}};
    }
    Provider AdmittedProvider(const std::string& category, bool free) {
        const std::string first17 = "52370811MJ" + std::to_string(1000000 + ++providers_);
        const auto p = catalog_.CreateProvider(county_, {"机构" + std::to_string(providers_),
                                                         first17 + CreditCodeCheckCharacter(first17), "370811",
                                                         category, free});
        return catalog_.AdmitProvider(county_, p.id);
    }
    int providers_ = 0;
};

TEST_F(CatalogTest, FeeMayReachButNotExceedTheCapForTheSchoolsType) {
    EXPECT_EQ(catalog_.PublishCourse(school_admin_, Draft(urban_, 350)).fee_per_hour_fen, 350);
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, Draft(urban_, 351)); }).code(), "afterschool.fee_above_cap");
    EXPECT_EQ(catalog_.PublishCourse(county_, Draft(rural_, 300)).fee_per_hour_fen, 300);
    const Error rural = Thrown([&] { catalog_.PublishCourse(county_, Draft(rural_, 301)); });
    EXPECT_EQ(rural.code(), "afterschool.fee_above_cap");
    EXPECT_EQ(rural.field(), "fee_per_hour_fen");
}

TEST_F(CatalogTest, ProviderCoursesFollowTheWhiteListAndTheNonSubjectRule) {
    auto in = Draft(urban_, 200);
    in.instructor_kind = "provider";
    in.instructor_name = "李教练";
    // Applied but not admitted: a school may not bring it in itself (R2.3c).
    const std::string first17 = "52370811MJ0000001";
    const auto applied = catalog_.CreateProvider(county_, {"未准入机构", first17 + CreditCodeCheckCharacter(first17),
                                                           "370811", "sport", false});
    in.provider_id = applied.id;
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.provider_not_admitted");
    // RULES R2.3(c), R2.4: the county's selection produces the white list; a school may not admit.
    EXPECT_EQ(Thrown([&] { catalog_.AdmitProvider(school_admin_, applied.id); }).http_status(), 403)
        << "admission is the county's, never the school's";
    in.provider_id = AdmittedProvider("sport", false).id;
    EXPECT_EQ(catalog_.PublishCourse(school_admin_, in).instructor_kind, "provider");
    in.category = "subject_extension";  // 学科类 content from a provider (R2.3a, R1.14)
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.provider_subject_type");
    in.category = "sport";
    in.provider_id = AdmittedProvider("art", true).id;  // free, public-benefit (R2.3d)
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.free_provider_charges");
    in.fee_per_hour_fen = 0;
    EXPECT_EQ(catalog_.PublishCourse(school_admin_, in).fee_per_hour_fen, 0);
    EXPECT_EQ(Thrown([&] { catalog_.CreateProvider(county_, {"学科机构", "91370811MA0000000X", "370811", "subject", false}); })
                  .field(),
              "credit_code");
}

TEST_F(CatalogTest, NewLessonsWrongTeachersOtherSchoolsAndMissingStandardsAreRefused) {
    auto in = Draft(urban_, 100);
    in.category = "new_lessons";
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.new_lessons");
    in = Draft(urban_, 100);
    in.instructor_kind = "retired_teacher";
    in.teacher_id = org_.CreateTeacher(city_, {urban_.id, "赵老师", "female", "18612345678", {"语文"}, false}).id;
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.teacher_kind");
    in.instructor_kind = "own_teacher";
    EXPECT_EQ(catalog_.PublishCourse(school_admin_, in).instructor_name, "赵老师");
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, Draft(rural_, 100)); }).http_status(), 403);
    in = Draft(urban_, 100);
    in.semester = "2027-spring";
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.no_fee_standard");
    in = Draft(urban_, 100);
    in.grade_from = 1;
    in.grade_to = 9;
    EXPECT_EQ(Thrown([&] { catalog_.PublishCourse(school_admin_, in); }).code(), "afterschool.bad_grades");
}

TEST_F(CatalogTest, ServiceWeekNeedsFiveDaysOfTwoHoursAndALateEnoughBatch) {
    std::vector<ServiceDay> week;
    for (int d = 1; d <= 5; ++d) week.push_back({d, 15 * 60 + 40, {17 * 60, 17 * 60 + 30, 18 * 60}});
    const auto saved = catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", week);
    EXPECT_EQ(saved.days.size(), 5u);
    EXPECT_EQ(saved.earliest_latest_end, 17 * 60 + 30) << "off-work 17:00 + 30 min (R1.5, R1.6)";
    auto four = week;
    four.pop_back();
    EXPECT_EQ(Thrown([&] { catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", four); }).code(),
              "afterschool.basic_service_too_short");
    auto early = week;
    early[2].batch_ends = {17 * 60, 17 * 60 + 20};  // latest 17:20 < 17:30
    EXPECT_EQ(Thrown([&] { catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", early); }).field(),
              "batch_ends");
    auto short_day = week;
    short_day[0].lessons_end = 16 * 60;  // 16:00 → 18:00 is 120 min: allowed; 16:01 is not
    EXPECT_NO_THROW(catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", short_day));
    short_day[0].lessons_end = 16 * 60 + 1;
    EXPECT_EQ(Thrown([&] { catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", short_day); }).code(),
              "afterschool.basic_service_too_short");

    const auto child = AddChild(1, grade3_);
    const auto plan = catalog_.ChooseDismissal(Parent(1), child, "2026-autumn", 3, 2);
    EXPECT_EQ(plan.chosen[3], 2);
    EXPECT_EQ(plan.chosen[1], 0);
    EXPECT_EQ(Thrown([&] { catalog_.ChooseDismissal(Parent(1), child, "2026-autumn", 3, 4); }).code(),
              "afterschool.bad_batch");
    EXPECT_EQ(Thrown([&] { catalog_.ChooseDismissal(Parent(2), child, "2026-autumn", 3, 1); }).http_status(), 404)
        << "another family's child does not exist for this guardian";
}

}  // namespace
}  // namespace kehou::afterschool::testing
