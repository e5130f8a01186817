// The departments' snapshots in the database (issue 8 point 1): a stored snapshot answers every key exactly as a
// BatchSource loaded from the same file (verified, not_found, missing_key, mismatch, per-parent holders), the newest
// version answers whatever order versions came in, every version is listed, and only the city's operator loads.
// Runs on SQLite and, with KEHOU_TEST_DB=postgres, on PostgreSQL.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "enrollment/snapshot_repo.hpp"
#include "enrollment/source_service.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"

namespace kehou::enrollment {
namespace {

using testing::ErrorCode;

constexpr db::Query kAddUser{"test.en_add_user",
                             "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                             " created_at) VALUES ($1, $2, $2, $3, $4, 'x', '2026-09-01T08:00:00+08:00')"};

std::string Id(const std::string& first17) {
    return first17 + IdNumberCheckCharacter(first17);
}
const std::string kChild = Id("37081120200315001");   // every department holds something
const std::string kChild2 = Id("37081120200401002");  // household without the child, certificate of other parents
const std::string kStranger = Id("37081120200501003");  // nobody holds anything
const std::string kFather = Id("37081119880512001");
const std::string kMother = Id("37081119900620002");
const std::string kOtherMother = Id("37081119910101002");

Date D(const char* iso) {
    return *ParseIsoDate(iso);
}

// One export per department, CSV and JSON, with a bad row each so the good rows are what both adapters keep.
struct Export {
    Department department;
    FileFormat format;
    std::string text;
};
std::vector<Export> Exports(const std::string& community) {
    return {
        {Department::kHousehold, FileFormat::kCsv,
         "id_number,姓名,community_code,address,move_in_date,child_member,father_member,mother_member\n" + kChild +
             ",王一," + community + ",任城区太白路1号,2020-04-01,true,true,true\n" + kChild2 + ",王二," + community +
             ",任城区太白路2号,2021-05-01,false,true,false\n" + "37081120200101000X,王三," + community +
             ",任城区太白路3号,2020-01-01,true,true,true\n"},
        {Department::kProperty, FileFormat::kCsv,
         "id_number,owner,community_code,share_percent,certificate_date\n" + kChild + ",parent," + community +
             ",100,2018-05-20\n" + kChild + ",paternal_grandparent," + community + ",50,2009-01-02\n" + kChild2 +
             ",landlord," + community + ",100,2018-05-20\n"},
        {Department::kInsurance, FileFormat::kJson,
         R"([{"id_number":")" + kFather + R"(","period_from":"2022-03-15","period_to":"2026-10-31","employer":"某厂"},)" +
             R"({"id_number":")" + kMother + R"(","period_from":"2025-01-01","period_to":"2026-10-31"},)" +
             R"({"id_number":")" + kMother + R"(","period_from":"2025-01-01","period_to":"2026-10-31"}])"},
        {Department::kPermit, FileFormat::kCsv,
         "id_number,issue_date,period_to,community_code\n" + kMother + ",2024-06-01,2027-05-31," + community + "\n" +
             kFather + ",2024-06-01,2023-05-31," + community + "\n"},
        {Department::kBirth, FileFormat::kCsv,
         "id_number,birth_date,father_id_number,mother_id_number\n" + kChild + ",2020-03-15," + kFather + "," +
             kMother + "\n" + kChild2 + ",2020-04-01," + kFather + "," + kOtherMother + "\n" + kStranger +
             ",2020-05-01,,\n"},
    };
}

void ExpectSameAnswer(const DepartmentAnswer& stored, const DepartmentAnswer& batch) {
    EXPECT_EQ(ToString(stored.status), ToString(batch.status));
    EXPECT_EQ(stored.reason.has_value(), batch.reason.has_value());
    if (stored.reason && batch.reason) EXPECT_EQ(ToString(*stored.reason), ToString(*batch.reason));
    EXPECT_EQ(stored.mismatch, batch.mismatch);
    EXPECT_EQ(stored.synced_at, batch.synced_at);
    EXPECT_EQ(stored.fields_read, batch.fields_read);
    ASSERT_EQ(stored.records.size(), batch.records.size());
    for (std::size_t i = 0; i < stored.records.size(); ++i)
        EXPECT_EQ(RecordFields(stored.records[i]), RecordFields(batch.records[i])) << "record " << i;
}

class SnapshotRepoTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        c->Execute(kAddUser, {operator_.user_id, std::string("op"), std::string("city_admin"), operator_.scope_path});
        c->Execute(kAddUser, {other_.user_id, std::string("op2"), std::string("city_admin"), other_.scope_path});
    }

    // Stages and confirms an export through the service; the preview must have found exactly one bad row.
    void Load(const Export& e, const char* date) {
        const auto preview = service_.Stage(operator_, e.department, e.text, e.format, D(date));
        EXPECT_EQ(preview.bad_rows, 1) << ToString(e.department);
        service_.Confirm(operator_, preview.load_id);
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    SourceService service_{tdb_.database(), vault_, {}};
    const Principal operator_{1, "op", "op", Role::kCityAdmin, "/370800/"};
    const Principal other_{2, "op2", "op2", Role::kCityAdmin, "/370800/"};
};

TEST_F(SnapshotRepoTest, StoredAnswersEqualTheBatchSourcesOnTheSameFiles) {
    const auto hash = service_.Hasher();
    const auto sources = service_.Sources();
    ASSERT_EQ(sources.size(), std::size(kAllDepartments));
    for (const auto& e : Exports("370811001001")) {
        BatchSource batch(e.department, hash);
        batch.Confirm(batch.Stage(e.text, e.format, D("2026-11-01")).load_id);
        Load(e, "2026-11-01");
        auto& stored = *sources[static_cast<std::size_t>(e.department)];
        ASSERT_EQ(stored.department(), e.department);
        const std::vector<LookupKey> keys = {
            {hash(kChild), hash(kFather), hash(kMother)},      // verified; both parents' runs for per-parent ones
            {hash(kChild2), hash(kFather), hash(kMother)},     // household without the child, other mother: mismatch
            {hash(kStranger), hash(kOtherMother), ""},         // not_found
            {hash(kChild), "", hash(kMother)},                 // one parent known
            {"", "", ""},                                      // missing_key everywhere
            {hash(kChild), "", ""},                            // missing_key for the per-parent departments
        };
        for (std::size_t k = 0; k < keys.size(); ++k) {
            SCOPED_TRACE(std::string(ToString(e.department)) + " key " + std::to_string(k));
            ExpectSameAnswer(stored.Query(keys[k]), batch.Query(keys[k]));
        }
    }
    // The figures the comparison rests on, so two identical wrong answers cannot pass.
    const LookupKey family{hash(kChild), hash(kFather), hash(kMother)};
    const auto insurance = sources[2]->Query(family);
    ASSERT_EQ(insurance.records.size(), 2u);
    EXPECT_EQ(std::get<InsuranceRecord>(insurance.records[0]).holder, Parent::kFather);
    EXPECT_EQ(std::get<InsuranceRecord>(insurance.records[1]).holder, Parent::kMother);
    EXPECT_EQ(std::get<PermitRecord>(sources[3]->Query(family).records.at(0)).holder, Parent::kMother);
    EXPECT_EQ(sources[1]->Query(family).records.size(), 2u) << "two homes of one child";
    EXPECT_EQ(ToString(sources[0]->Query({hash(kChild2), "", ""}).status), "mismatch");
    EXPECT_EQ(sources[4]->Query({hash(kChild2), hash(kFather), hash(kMother)}).mismatch, "mother_id_hash");
    EXPECT_EQ(ToString(*sources[0]->Query({hash(kStranger), "", ""}).reason), "not_found");
    EXPECT_EQ(ToString(*sources[2]->Query({hash(kChild), "", ""}).reason), "missing_key");
    EXPECT_EQ(sources[0]->Query(family).synced_at, "2026-11-01");
}

TEST_F(SnapshotRepoTest, NothingAnswersBeforeAConfirmedSnapshot) {
    const auto hash = service_.Hasher();
    const auto exports = Exports("370811001001");
    const auto preview = service_.Stage(operator_, Department::kHousehold, exports[0].text, FileFormat::kCsv,
                                        D("2026-06-01"));
    const auto answer = service_.Sources()[0]->Query({hash(kChild), "", ""});
    EXPECT_EQ(ToString(answer.status), "unavailable");
    EXPECT_EQ(ToString(*answer.reason), "error") << "staged is not loaded";
    EXPECT_EQ(service_.Discard(operator_, preview.load_id), Department::kHousehold);
    EXPECT_EQ(ErrorCode([&] { service_.Confirm(operator_, preview.load_id); }), "enrollment.load_not_found");
    EXPECT_TRUE(service_.List(operator_)[0].versions.empty());
}

TEST_F(SnapshotRepoTest, TheNewestVersionAnswersAndEveryVersionIsListed) {
    const auto hash = service_.Hasher();
    // The newer export is confirmed first: the snapshot date, not the order of loading, is the version.
    Load(Exports("370811001002")[0], "2026-11-01");
    Load(Exports("370811001001")[0], "2026-06-01");
    const auto answer = service_.Sources()[0]->Query({hash(kChild), "", ""});
    EXPECT_EQ(answer.synced_at, "2026-11-01");
    EXPECT_EQ(std::get<HouseholdRecord>(answer.records.at(0)).community, "370811001002");
    auto c = tdb_.database().Acquire();
    const auto versions = ListSnapshotVersions(*c, Department::kHousehold);
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(FormatIsoDate(versions[0].snapshot_date), "2026-11-01");
    EXPECT_EQ(FormatIsoDate(versions[1].snapshot_date), "2026-06-01");
    EXPECT_EQ(versions[0].records, 2);
    EXPECT_EQ(versions[0].bad_rows, 1);
    EXPECT_FALSE(versions[0].confirmed_at.empty());
    const auto listed = service_.List(operator_);
    ASSERT_EQ(listed.size(), std::size(kAllDepartments));
    EXPECT_EQ(FormatIsoDate(*listed[0].current_version), "2026-11-01");
    EXPECT_FALSE(listed[1].current_version.has_value());
    // A version is never overwritten: refused at staging, and at persisting should a load slip through.
    EXPECT_EQ(ErrorCode([&] {
                  service_.Stage(operator_, Department::kHousehold, Exports("x")[0].text, FileFormat::kCsv,
                                 D("2026-06-01"));
              }),
              "enrollment.snapshot_exists");
    BatchSource::Snapshot again;
    again.info.snapshot_date = D("2026-11-01");
    EXPECT_EQ(ErrorCode([&] { PersistSnapshot(tdb_.database(), Department::kHousehold, again, std::nullopt, "t"); }),
              "enrollment.snapshot_exists");
}

TEST_F(SnapshotRepoTest, OnlyTheCitysOperatorLoadsAndAdministratorsRead) {
    const auto csv = Exports("370811001001")[0].text;
    const Principal county{3, "c", "c", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal county_city_role{4, "c2", "c2", Role::kCityAdmin, "/370800/370811/"};
    const Principal school{5, "s", "s", Role::kSchoolAdmin, "/370800/370811/3737000001/"};
    for (const auto* p : {&county, &county_city_role})
        EXPECT_EQ(ErrorCode([&] { service_.Stage(*p, Department::kHousehold, csv, FileFormat::kCsv, D("2026-06-01")); }),
                  "auth.forbidden");
    EXPECT_EQ(service_.List(county).size(), std::size(kAllDepartments));
    EXPECT_EQ(ErrorCode([&] { service_.List(school); }), "auth.forbidden");
    const auto preview = service_.Stage(operator_, Department::kHousehold, csv, FileFormat::kCsv, D("2026-06-01"));
    EXPECT_EQ(ErrorCode([&] { service_.Confirm(other_, preview.load_id); }), "enrollment.load_not_found")
        << "another operator's load is not theirs to confirm";
    EXPECT_EQ(service_.Confirm(operator_, preview.load_id).version.records, 2);
}

TEST_F(SnapshotRepoTest, ALargeExportIsStoredWhole) {
    // More rows than one INSERT statement carries, and a last batch that is not full.
    std::string csv = "id_number,community_code,address,move_in_date,child_member,father_member,mother_member\n";
    std::vector<std::string> ids;
    for (int n = 0; n < 101; ++n) {
        ids.push_back(Id("37081120200401" + std::to_string(100 + n)));
        csv += ids.back() + ",370811001001,任城区太白路" + std::to_string(n) + "号,2020-04-01,true,true,true\n";
    }
    const auto preview = service_.Stage(operator_, Department::kHousehold, csv, FileFormat::kCsv, D("2026-06-01"));
    ASSERT_EQ(preview.bad_rows, 0) << preview.problems.at(0).field << " " << preview.problems.at(0).message_en;
    EXPECT_EQ(service_.Confirm(operator_, preview.load_id).version.records, 101);
    const auto hash = service_.Hasher();
    for (const auto& id : {ids.front(), ids[24], ids.back()}) {
        const auto answer = service_.Sources()[0]->Query({hash(id), "", ""});
        ASSERT_EQ(ToString(answer.status), "verified") << id;
        EXPECT_EQ(answer.records.size(), 1u);
    }
    EXPECT_EQ(std::get<HouseholdRecord>(service_.Sources()[0]->Query({hash(ids.back()), "", ""}).records.at(0)).address,
              "任城区太白路100号");
}

TEST(SourceEndpoints, ParsedPerDepartmentAndBadEntriesNamed) {
    const auto config = ParseSourceEndpoints(" household=http://10.1.2.3:8080/share/v1 , permit=http://10.1.2.4/p");
    ASSERT_EQ(config.endpoints.size(), 2u);
    EXPECT_EQ(config.endpoints.at(Department::kHousehold).base_url, "http://10.1.2.3:8080/share/v1");
    EXPECT_TRUE(ParseSourceEndpoints("").endpoints.empty());
    for (const char* bad : {"household", "police=http://x", "household=ftp://x", "birth=http://a,birth=http://b"})
        EXPECT_EQ(ErrorCode([&] { ParseSourceEndpoints(bad); }), "enrollment.endpoints_invalid") << bad;
}

}  // namespace
}  // namespace kehou::enrollment
