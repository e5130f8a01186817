// The providers services on SQLite and on PostgreSQL (KEHOU_TEST_DB): every statement of the module's repositories
// and of the after-school and institutions queries it asks — an application entered and admitted onto the white
// list (R2.3b, R2.4a), the list in each reader's scope, supervision, settings, a closed semester that exits a
// provider twice below the threshold with its consequences (R2.4), the re-application rules, a provider's own view.
#include <gtest/gtest.h>

#include <algorithm>

#include "afterschool/catalog_service.hpp"
#include "afterschool/fee_standard.hpp"
#include "auth/service.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "institutions/case_service.hpp"
#include "institutions/complaint_service.hpp"
#include "providers/service.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::providers {
namespace {

using kehou::testing::ErrorCode;

std::string Code(int n) {
    const std::string first17 = "91370811MA" + std::to_string(2000000 + n);
    return first17 + CreditCodeCheckCharacter(first17);
}

ApplicationInput Input(const std::string& name, const std::string& code) {
    ApplicationInput in;
    in.contact_name = "张经理";
    in.contact_phone = "13905370001";
    auto& a = in.application;
    a.name = name;
    a.credit_code = code;
    a.category = "art";
    a.services = {{"少儿美术", 250, 400}, {"书法", 200, 300}};
    Instructor t;
    t.name = "陈静";
    t.qualification_number = "T2018370811";
    t.background_check_date = ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now()));
    a.instructors = {t};
    return in;
}

class ProviderServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
        }
        org_.EnsureUnits();
        school_ = org_.CreateSchool(city_, {0, "2137000601", "任城区评价一小", "370811", "", "primary", true, false, 1, 6, ""});
        for (const char* semester : {"2026-spring", "2026-autumn", "2027-spring"}) fees_.Publish(city_, "370800", semester, {});
        const auto user = [&](const char* name, Role role, const std::string& scope) {
            return Principal{auth_.CreateUser({name, name, role, scope, "Service#2026", true, false}).id, name, name,
                             role, scope};
        };
        county_ = user("county", Role::kDistrictAdmin, "/370800/370811/");
        school_admin_ = user("school", Role::kSchoolAdmin, school_.org_path);
        provider_ = user("provider", Role::kProvider, "/370800/370811/");
    }

    std::int64_t Admitted(const std::string& name, const std::string& code) {
        const auto id = svc_.Create(county_, Input(name, code)).record.id;
        svc_.Act(county_, id, {"admit", "", std::nullopt});
        return id;
    }

    afterschool::Course Course(std::int64_t provider_id, const std::string& semester) {
        return catalog_.PublishCourse(city_, {school_.id, semester, "少儿美术", "art", "", "美术室", 1, 6, "provider", {},
                                              provider_id, "陈静", 250, 30, 16, {{{3, 16 * 60, 17 * 60}}}});
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    auth::AuthService auth_{tdb_.database()};
    afterschool::FeeStandardService fees_{tdb_.database(), org_};
    afterschool::CatalogService catalog_{tdb_.database(), org_, fees_};
    institutions::CalendarService calendar_{tdb_.database()};
    institutions::CaseService cases_{tdb_.database()};
    institutions::ComplaintService complaints_{tdb_.database(), org_, vault_, calendar_, 5};
    ProviderService svc_{tdb_.database(), {org_, catalog_, cases_, complaints_}};
    const Principal city_{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    org::School school_;
    Principal county_, school_admin_, provider_;
};

TEST_F(ProviderServiceTest, AdmissionMirrorsTheWhiteListAndScopesTheListR23) {
    const auto id = Admitted("任城区墨韵艺术培训有限公司", Code(1));
    const auto applied = svc_.Create(county_, Input("任城区待审艺术有限公司", Code(2))).record.id;
    const auto d = svc_.Get(county_, id);
    EXPECT_EQ(d.record.status, ProviderStatus::kAdmitted);
    ASSERT_TRUE(d.record.provider_id);
    EXPECT_EQ(d.services.size(), 2u);
    EXPECT_EQ(d.record.service_count, 2);
    ASSERT_EQ(d.check_current.size(), 1u);
    EXPECT_TRUE(d.check_current[0]);
    ASSERT_EQ(d.events.size(), 2u);  // apply, admit
    EXPECT_EQ(d.events[1].event, "admit");
    EXPECT_EQ(catalog_.ListProviders(city_).at(0).status, "admitted");
    EXPECT_EQ(svc_.List(county_, {}).second, 2);
    EXPECT_EQ(svc_.List(county_, {ProviderStatus::kApplied, "", 1, 20}).second, 1);
    EXPECT_EQ(svc_.List(county_, {std::nullopt, "待审", 1, 20}).first.at(0).id, applied);
    // A school reads its county's white list only (admitted, suspended).
    const auto school_view = svc_.List(school_admin_, {});
    ASSERT_EQ(school_view.second, 1);
    EXPECT_EQ(school_view.first[0].id, id);
    EXPECT_EQ(ErrorCode([&] { svc_.Get(school_admin_, applied); }), "providers.record_not_found");
    // Re-applying while a record is live is refused (the partial unique index backs CheckNewApplication).
    EXPECT_EQ(ErrorCode([&] { svc_.Create(county_, Input("重复申请", Code(1))); }), "providers.application_open");
    svc_.Act(county_, id, {"suspend", "家长投诉待核查", std::nullopt});
    EXPECT_EQ(catalog_.ListProviders(city_).at(0).status, "suspended");
    svc_.Act(county_, id, {"reinstate", "", std::nullopt});
    EXPECT_EQ(catalog_.ListProviders(city_).at(0).status, "admitted");
}

TEST_F(ProviderServiceTest, SupervisionSettingsAndTheOwnView) {
    const auto id = Admitted("任城区童画艺术有限公司", Code(3));
    const auto pid = *svc_.Get(county_, id).record.provider_id;
    Course(pid, "2026-autumn");
    const auto s = svc_.AddSpotCheck(school_admin_, id, {school_.id, "2026-10-10", 82, false, false, "秩序良好", {}});
    EXPECT_EQ(s.semester, "2026-autumn");
    EXPECT_EQ(s.school_name, school_.name);
    svc_.RateBySchool(school_admin_, id, {"2026-autumn", 4, "满意"});
    const auto g = svc_.RateBySchool(school_admin_, id, {"2026-autumn", 5, "很满意"});  // replaced, not added
    EXPECT_EQ(g.stars, 5);
    const auto sheet = svc_.Evaluations(county_, "2026-autumn", "");
    ASSERT_EQ(sheet.items.size(), 1u);
    EXPECT_FALSE(sheet.closed);
    EXPECT_EQ(sheet.items[0].school_ratings, 1);
    EXPECT_EQ(sheet.items[0].schools, 1000);
    EXPECT_EQ(sheet.items[0].spot_checks, 820);
    Settings settings;
    settings.evaluation.weights = {50, 25, 25, 0};
    settings.evaluation.min_guardian_ratings = 8;
    svc_.PutSettings(county_, settings);
    EXPECT_EQ(svc_.GetSettings(school_admin_, "").evaluation.weights.guardians, 50);
    EXPECT_EQ(svc_.GetSettings(school_admin_, "").evaluation.min_guardian_ratings, 8);
    settings.evaluation.min_guardian_ratings = 0;
    EXPECT_EQ(ErrorCode([&] { svc_.PutSettings(county_, settings); }), "providers.bad_min_guardian_ratings");
    svc_.LinkAccount(county_, provider_.user_id, Code(3));
    const auto own = svc_.Own(provider_);
    ASSERT_TRUE(own.linked);
    EXPECT_EQ(own.records.size(), 1u);
    EXPECT_EQ(own.courses.size(), 1u);
    ASSERT_EQ(own.schools.size(), 1u);
    EXPECT_EQ(own.schools[0].course_count, 1);
    EXPECT_EQ(own.spot_checks.size(), 1u);
}

// R3.5: a pilot code failing only its checksum is stored with its override reason (migration 0019) and read back on
// either engine; the account link follows the county's record of it.
TEST_F(ProviderServiceTest, APilotCodeKeepsItsOverrideReasonR35) {
    auto in = Input("福州早期试点艺术有限公司", "91350100M0001TGQXM");
    EXPECT_EQ(ErrorCode([&] { svc_.Create(county_, in); }), "providers.credit_code_checksum");
    EXPECT_EQ(ErrorCode([&] { svc_.LinkAccount(county_, provider_.user_id, "91350100M0001TGQXM"); }),
              "providers.credit_code_checksum");
    in.application.credit_override_reason = "已在国家企业信用信息公示系统核实";
    const auto id = svc_.Create(county_, in).record.id;
    const auto d = svc_.Get(county_, id);
    EXPECT_EQ(d.record.credit_override_reason, "已在国家企业信用信息公示系统核实");
    EXPECT_TRUE(std::any_of(d.warnings.begin(), d.warnings.end(),
                            [](const Problem& w) { return w.code == "providers.credit_code_override"; }));
    EXPECT_FALSE(svc_.Create(county_, [] {
                         auto clean = Input("任城区清源艺术有限公司", Code(8));
                         clean.application.credit_override_reason = "无需核实";
                         return clean;
                     }())
                     .record.credit_override_reason);
    svc_.LinkAccount(county_, provider_.user_id, "91350100M0001TGQXM");
    EXPECT_EQ(svc_.Own(provider_).records.at(0).credit_override_reason, "已在国家企业信用信息公示系统核实");
}

// R2.4: below the threshold twice in a row exits; next semester's courses close, the school is told, and the
// provider may apply again only after the county's waiting time.
// A roll the school took on one of the section's weekdays while the provider's section had none is a meeting its
// instructor did not hold (缺课, issue 9 point 3): it counts as a no-show beside those the spot checks found.
constexpr db::Query kRollTaken{"test.pv_roll_taken",
                               "INSERT INTO as_session (section_id, on_date, org_path, minutes, recorded_at)"
                               " VALUES ($1, $2, $3, 60, '2026-10-21T17:00:00+08:00')"};

TEST_F(ProviderServiceTest, MeetingsTheRollsShowWereNotHeldCountAsNoShows) {
    const auto id = Admitted("任城区缺课艺术有限公司", Code(7));
    const auto pid = *svc_.Get(county_, id).record.provider_id;
    const auto absent = Course(pid, "2026-autumn").sections.at(0).id;  // meets on Wednesdays
    const auto present = Course(pid, "2026-autumn").sections.at(0).id;
    {
        auto c = tdb_.database().Acquire();
        for (const char* day : {"2026-10-14", "2026-10-21", "2026-10-22"})  // Wed, Wed, Thu
            c->Execute(kRollTaken, {present, day, school_.org_path});
        c->Execute(kRollTaken, {absent, "2026-10-14", school_.org_path});
    }
    svc_.AddSpotCheck(county_, id, {school_.id, "2026-10-20", 90, false, false, "", {}});
    const auto items = svc_.Evaluations(county_, "2026-autumn", "").items;
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].no_shows, 1) << "Wednesday 21 October only: the Thursday is not the section's day";
    EXPECT_EQ(items[0].score.value_or(-1), 900 - 20);
}

// Fewer guardians' ratings than the county's minimum: the part is left out, and the closed semester's stored row
// keeps why and the minimum then, even after the county changes it (migration 0020).
constexpr db::Query kGuardianRated{"test.pv_guardian_rated",
                                   "INSERT INTO as_rating (course_id, student_id, score, comment, rated_at)"
                                   " VALUES ($1, $2, 1, '', '2026-12-20T18:00:00+08:00')"};

TEST_F(ProviderServiceTest, TooFewGuardiansRatingsAreLeftOutAndTheClosedRowSaysSo) {
    const auto id = Admitted("任城区少评艺术有限公司", Code(9));
    const auto course = Course(*svc_.Get(county_, id).record.provider_id, "2026-autumn").id;
    const auto klass = org_.CreateClass(city_, school_.id, 3, 1, 2024).id;
    std::vector<std::int64_t> students;
    for (const char* first17 : {"37081120160301111", "37081120160302113", "37081120160303115"}) {
        const auto number = kehou::testing::IdNumber(first17);
        students.push_back(org_.CreateStudent(city_, {klass, "王小评", "male", number, "G" + number, {}}).id);
    }
    {
        auto c = tdb_.database().Acquire();
        for (const auto student : students) c->Execute(kGuardianRated, {course, student});
    }
    svc_.RateBySchool(school_admin_, id, {"2026-autumn", 4, ""});
    const auto preview = svc_.Evaluations(county_, "2026-autumn", "").items.at(0);
    EXPECT_EQ(preview.guardian_ratings, 3);
    EXPECT_TRUE(preview.guardians_too_few);
    EXPECT_EQ(preview.min_guardian_ratings, 5);
    EXPECT_FALSE(preview.guardians);
    EXPECT_EQ(preview.score, 800) << "the schools' 4★ alone, not three parents' one star";
    svc_.CloseSemester(county_, "2026-autumn");
    Settings lower;
    lower.evaluation.min_guardian_ratings = 1;
    svc_.PutSettings(county_, lower);
    const auto stored = svc_.Evaluations(county_, "2026-autumn", "").items.at(0);
    EXPECT_TRUE(stored.guardians_too_few);
    EXPECT_EQ(stored.min_guardian_ratings, 5);
    EXPECT_FALSE(stored.guardians);
    EXPECT_EQ(stored.score, 800);
    EXPECT_EQ(stored.outcome, Outcome::kPass);
}

TEST_F(ProviderServiceTest, TwiceBelowTheThresholdExitsWithItsConsequencesR24) {
    const auto id = Admitted("任城区散漫艺术有限公司", Code(4));
    const auto pid = *svc_.Get(county_, id).record.provider_id;
    Course(pid, "2026-autumn");
    const auto next = Course(pid, "2027-spring");
    svc_.AddSpotCheck(county_, id, {school_.id, "2026-04-20", 40, false, false, "", {}});
    EXPECT_EQ(svc_.CloseSemester(county_, "2026-spring").items.at(0).outcome, Outcome::kWarning);
    svc_.AddSpotCheck(county_, id, {school_.id, "2026-10-20", 50, true, false, "", {}});
    const auto closed = svc_.CloseSemester(county_, "2026-autumn");
    ASSERT_EQ(closed.exited, std::vector<std::int64_t>{id});
    EXPECT_EQ(closed.items.at(0).no_shows, 1);
    EXPECT_EQ(closed.items.at(0).previous_outcome, Outcome::kWarning);
    EXPECT_EQ(ErrorCode([&] { svc_.CloseSemester(county_, "2026-autumn"); }), "providers.semester_closed");
    EXPECT_TRUE(svc_.Evaluations(county_, "2026-autumn", "").closed);
    const auto d = svc_.Get(county_, id);
    EXPECT_EQ(d.record.status, ProviderStatus::kExited);
    EXPECT_EQ(d.record.exit_reason, ExitReason::kEvaluation);
    EXPECT_EQ(d.record.last_outcome, Outcome::kExit);
    EXPECT_EQ(d.notices_sent, 1);
    EXPECT_EQ(catalog_.GetCourse(city_, next.id).status, "closed");
    EXPECT_EQ(catalog_.ListProviders(city_).at(0).status, "exited");
    const auto notices = svc_.Notices(school_admin_);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0].effective_semester, "2027-spring");
    EXPECT_EQ(ErrorCode([&] { svc_.Create(county_, Input("任城区散漫艺术有限公司", Code(4))); }),
              "providers.reapply_too_soon");
}

}  // namespace
}  // namespace kehou::providers
