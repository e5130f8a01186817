// The enrollment services on SQLite and on PostgreSQL (KEHOU_TEST_DB): a one-key application answered from stored
// snapshots, an upload and its review, the run with its placements and digests, the masked public list and an appeal
// answered — every statement of the module's repositories on both engines.
#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "enrollment/application_service.hpp"
#include "enrollment/repo.hpp"
#include "enrollment/source_service.hpp"
#include "lottery/lottery.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::enrollment {
namespace {

using kehou::testing::ErrorCode;
using kehou::testing::IdNumber;

const std::string kFather = IdNumber("37081119880101123");
const std::string kChildA = IdNumber("37081120210315111");  // every record: catchment of school A
const std::string kChildB = IdNumber("37081120200910112");  // no household record

class EnrollmentServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
        }
        org_.EnsureUnits();
        school_a_ = org_.CreateSchool(city_, {0, "2137000501", "任城区服务一小", "370811", "", "primary", true, false, 1, 6, ""});
        school_b_ = org_.CreateSchool(city_, {0, "2137000502", "任城区服务二小", "370811", "", "primary", true, false, 1, 6, ""});
        const auto user = [&](const char* name, Role role, const std::string& scope) {
            return Principal{auth_.CreateUser({name, name, role, scope, "Service#2026", true, false}).id, name, name,
                             role, scope};
        };
        city_user_ = user("city", Role::kCityAdmin, "/370800/");
        county_ = user("county", Role::kDistrictAdmin, "/370800/370811/");
        school_ = user("school", Role::kSchoolAdmin, school_b_.org_path);
        const auto klass = org_.CreateClass(city_, school_a_.id, 3, 1, 2024).id;
        const auto id = IdNumber("37081120160501211");
        const auto sibling = org_.CreateStudent(city_, {klass, "周大雨", "male", id, "G" + id, {}}).id;
        guardian_ = org_.AddGuardian(city_, sibling, {"周爸爸", "father", "13811113301", true}).id;
        Load(Department::kHousehold, "id_number,community_code,address,move_in_date,child_member,father_member,mother_member\n" +
                                         kChildA + ",370811001001,一街1号,2021-04-01,true,true,true\n");
        Load(Department::kBirth, "id_number,birth_date,father_id_number\n" + kChildA + ",2021-03-15," + kFather + "\n" +
                                     kChildB + ",2020-09-10," + kFather + "\n");
        Load(Department::kProperty, "id_number,owner,community_code,share_percent,certificate_date\n" + kChildA +
                                        ",parent,370811001001,100,2020-01-10\n");
        const auto today = ShanghaiDate(std::chrono::system_clock::now());
        season_ = seasons_.Create(county_, {"370811", "2027年一年级招生", today, "2099-12-31", 2027, 1}).id;
        std::vector<SchoolPlan> plans(2);
        plans[0].school_id = school_a_.id;
        plans[0].seats = 0;  // full: A's applicant goes to B (统筹)
        plans[0].nearby = {school_b_.id};
        plans[0].communities = {"370811001001"};
        plans[1].school_id = school_b_.id;
        plans[1].seats = 3;
        plans[1].communities = {"370811002001"};
        seasons_.PutPlans(county_, season_, plans);
    }

    void Load(Department d, const std::string& csv) {
        const auto preview = sources_.Stage(city_user_, d, csv, FileFormat::kCsv, *ParseIsoDate("2026-11-01"));
        ASSERT_EQ(preview.bad_rows, 0);
        sources_.Confirm(city_user_, preview.load_id);
    }

    std::int64_t Apply(const std::string& child) {
        ApplyInput in;
        in.season_id = season_;
        in.child_name = "周小雨";
        in.child_id_number = child;
        in.applicant_id_number = kFather;
        in.declarations.renting = true;
        in.notice_acknowledged = true;
        return apps_.Submit(in, guardian_, county_.user_id);
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    auth::AuthService auth_{tdb_.database()};
    SourceService sources_{tdb_.database(), vault_, {}};
    SeasonService seasons_{tdb_.database(), org_};
    ApplicationService apps_{tdb_.database(), vault_, [this] { return sources_.Sources(); }};
    const Principal city_{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
    Principal city_user_, county_, school_;
    org::School school_a_, school_b_;
    std::int64_t guardian_ = 0, season_ = 0;
};

TEST_F(EnrollmentServiceTest, OneKeyFromStoredSnapshotsThenRunAndPublish) {
    const auto a = Apply(kChildA);
    auto d = apps_.Get(county_, a);
    EXPECT_EQ(d.record.status, ApplicationStatus::kQualified);
    EXPECT_TRUE(d.record.one_click);
    EXPECT_EQ(d.record.catchment_school_id, school_a_.id);
    EXPECT_EQ(d.record.category_name, "房户住三一致");
    EXPECT_EQ(d.pulls.size(), 6u);
    EXPECT_EQ(ErrorCode([&] { Apply(kChildA); }), "enrollment.already_applied");

    seasons_.Close(county_, season_);
    const auto [season, summary] = seasons_.Run(county_, season_);
    EXPECT_EQ(summary.county_placed, 1);
    ASSERT_TRUE(season.seed.has_value());
    EXPECT_TRUE(lottery::SeedMatches(*season.seed, season.seed_commitment));
    EXPECT_EQ(seasons_.Run(county_, season_).first.result_digest, season.result_digest);
    const auto rows = seasons_.Placements(county_, season_, std::nullopt);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].school_id, school_b_.id);
    EXPECT_EQ(seasons_.Placements(school_, season_, std::nullopt).size(), 1u);  // B's own list
    seasons_.Publish(county_, season_);
    const auto list = seasons_.PublicList(county_, season_, std::nullopt);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].child_name, "周**");

    Appeal appeal;
    appeal.application_id = a;
    appeal.season_id = season_;
    appeal.org_path = "/370800/370811/";
    appeal.reason = "希望安排离家更近的学校";
    appeal.created_at = "2026-12-05T10:00:00+08:00";
    {
        auto c = tdb_.database().Acquire();
        appeal.id = repo::InsertAppeal(*c, appeal, county_.user_id);
    }
    EXPECT_EQ(apps_.Appeals(county_, season_, std::string("open")).size(), 1u);
    EXPECT_EQ(apps_.DecideAppeal(county_, appeal.id, false, "一小学位已满").status, "dismissed");
}

TEST_F(EnrollmentServiceTest, AMissingHouseholdIsUploadedAndAcceptedByTheCounty) {
    const auto b = Apply(kChildB);
    auto d = apps_.Get(county_, b);
    EXPECT_EQ(d.record.status, ApplicationStatus::kAwaitingUpload);
    EXPECT_EQ(d.record.org_path, "/370800/370811/");  // no catchment known: the county reviews it
    d = apps_.UploadFor(guardian_, county_.user_id, b, "household", "hukou.png", "\x89PNG\r\n\x1A\n....");
    EXPECT_EQ(d.record.status, ApplicationStatus::kInReview);
    EXPECT_EQ(ErrorCode([&] { apps_.Review(school_, b, {Department::kHousehold, ReviewDecision::kReturned, {}, "看不清"}); }),
              "enrollment.not_your_applicant");
    d = apps_.Review(county_, b,
                     {Department::kHousehold, ReviewDecision::kAccepted,
                      {{{"community_code", "370811002001"}, {"address", "二街5号"}, {"move_in_date", "2020-10-01"},
                        {"child_member", "true"}, {"father_member", "true"}, {"mother_member", "false"}}},
                      std::nullopt});
    EXPECT_EQ(d.record.status, ApplicationStatus::kQualified);
    EXPECT_EQ(d.record.catchment_school_id, school_b_.id);
    EXPECT_EQ(d.record.org_path, school_b_.org_path);
    EXPECT_TRUE(d.record.decided_at.has_value());
    EXPECT_EQ(apps_.Get(school_, b).record.id, b);  // now the catchment school's
}

}  // namespace
}  // namespace kehou::enrollment
