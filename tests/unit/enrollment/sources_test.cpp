// The department sources of issue 8 point 1: batch snapshots (bad rows by line and field, nothing applied before
// confirm, versions), the HTTP adapter against a fake department (verified, slow → retries → unavailable, 500s →
// breaker → half-open recovery, conflicting data), the breaker on its own clock, and QueryAll's overlap.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "crypto/crypto.hpp"
#include "enrollment/batch_source.hpp"
#include "enrollment/circuit_breaker.hpp"
#include "enrollment/http_source.hpp"
#include "support/error_code.hpp"
#include "support/fake_department.hpp"

namespace kehou::enrollment {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;
using testing::ErrorCode;
using testing::FakeBehaviour;
using testing::FakeDepartment;

crypto::Key TestKey() {
    crypto::Init();
    crypto::Key k{};
    k.fill(7);
    return k;
}

std::string Hash(std::string_view id) {
    return crypto::KeyedHash(TestKey(), id);
}
const IdHasher kHasher = [](std::string_view id) { return Hash(id); };

// A valid identity number from its first 17 digits.
std::string Id(const std::string& first17) {
    return first17 + IdNumberCheckCharacter(first17);
}
const std::string kChild = Id("37010220190315002");
const std::string kChild2 = Id("37010220190401003");
const std::string kFather = Id("37010219880512001");
const std::string kMother = Id("37010219900620002");

Deadline In(std::chrono::milliseconds d) {
    return steady_clock::now() + d;
}

const char* kHouseholdCsv =
    "id_number,name,community_code,address,move_in_date,child_member,father_member,mother_member\n";

std::string HouseholdRow(const std::string& id, const std::string& community, const std::string& move_in) {
    return id + ",张三," + community + ",历下区文化东路1号," + move_in + ",true,true,false\n";
}

TEST(DepartmentSourceBatch, BadRowsByLineAndFieldAndNothingAppliedUntilConfirm) {
    BatchSource source(Department::kHousehold, kHasher);
    const std::string csv = std::string(kHouseholdCsv) + HouseholdRow(kChild, "370102001001", "2020-05-01") +
                            HouseholdRow(kChild2, "370102001001", "2020-13-01") +
                            HouseholdRow(Id("37010220190101004"), "3701", "2020-01-01");
    const SnapshotPreview preview = source.Stage(csv, FileFormat::kCsv, {2026y / 6 / 1});
    EXPECT_EQ(preview.data_rows, 3);
    EXPECT_EQ(preview.good_rows, 1);
    EXPECT_EQ(preview.bad_rows, 2);
    ASSERT_EQ(preview.problems.size(), 2u);
    EXPECT_EQ(preview.problems[0].line, 3);
    EXPECT_EQ(preview.problems[0].field, "move_in_date");
    EXPECT_FALSE(preview.problems[0].message_zh.empty());
    EXPECT_FALSE(preview.problems[0].message_en.empty());
    EXPECT_EQ(preview.problems[1].line, 4);
    EXPECT_EQ(preview.problems[1].field, "community_code");
    EXPECT_EQ(preview.ignored_columns, std::vector<std::string>{"name"});  // R4.3: the name is never stored

    const LookupKey key{Hash(kChild), "", ""};
    EXPECT_EQ(source.Query(key).status, SourceStatus::kUnavailable);  // staged is not loaded
    EXPECT_FALSE(source.CurrentVersion());

    source.Confirm(preview.load_id);
    const DepartmentAnswer a = source.Query(key);
    ASSERT_EQ(a.status, SourceStatus::kVerified);
    ASSERT_EQ(a.records.size(), 1u);
    const auto& h = std::get<HouseholdRecord>(a.records[0]);
    EXPECT_EQ(h.community, "370102001001");
    EXPECT_EQ(h.move_in, 2020y / 5 / 1);
    EXPECT_TRUE(h.child_member && h.father_member && !h.mother_member);
    EXPECT_EQ(a.synced_at, "2026-06-01");
    EXPECT_EQ(a.legal_basis, kLegalBasis);
    EXPECT_EQ(a.fields_read, DepartmentFields(Department::kHousehold));
    const DepartmentAnswer bad = source.Query({Hash(kChild2), "", ""});
    EXPECT_EQ(bad.status, SourceStatus::kUnavailable);
    EXPECT_EQ(bad.reason, Unavailable::kNotFound);
}

TEST(DepartmentSourceBatch, MissingColumnAndRepeatedPersonAreReported) {
    BatchSource source(Department::kHousehold, kHasher);
    try {
        source.Stage("id_number,community_code,address\n", FileFormat::kCsv, {2026y / 6 / 1});
        FAIL() << "a file without move_in_date was staged";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "enrollment.source_column_missing");
        EXPECT_EQ(e.field(), "move_in_date");
    }
    const std::string csv = std::string(kHouseholdCsv) + HouseholdRow(kChild, "370102001001", "2020-05-01") +
                            HouseholdRow(kChild, "370102001002", "2021-05-01");
    const auto preview = source.Stage(csv, FileFormat::kCsv, {2026y / 6 / 1});
    ASSERT_EQ(preview.problems.size(), 1u);
    EXPECT_EQ(preview.problems[0].line, 3);
    EXPECT_EQ(preview.problems[0].field, "id_number");
}

TEST(DepartmentSourceBatch, NewestSnapshotAnswersAndEarlierOnesStayForAudit) {
    BatchSource source(Department::kHousehold, kHasher);
    auto load = [&](Date date, const std::string& community) {
        const auto p = source.Stage(std::string(kHouseholdCsv) + HouseholdRow(kChild, community, "2020-05-01"),
                                    FileFormat::kCsv, date);
        source.Confirm(p.load_id);
    };
    load(2026y / 5 / 1, "370102001001");
    load(2026y / 6 / 1, "370102001002");
    load(2026y / 4 / 1, "370102001003");  // loaded last but older: it does not win
    const DepartmentAnswer a = source.Query({Hash(kChild), "", ""});
    EXPECT_EQ(std::get<HouseholdRecord>(a.records.at(0)).community, "370102001002");
    EXPECT_EQ(a.synced_at, "2026-06-01");
    EXPECT_EQ(source.CurrentVersion(), Date(2026y / 6 / 1));
    const auto versions = source.Versions();
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[0].snapshot_date, 2026y / 6 / 1);
    EXPECT_EQ(versions[2].snapshot_date, 2026y / 4 / 1);
    EXPECT_FALSE(versions[0].confirmed_at.empty());

    EXPECT_EQ(ErrorCode([&] { source.Stage(kHouseholdCsv, FileFormat::kCsv, 2026y / 6 / 1); }),
              "enrollment.snapshot_exists");
    const auto p = source.Stage(kHouseholdCsv, FileFormat::kCsv, 2026y / 7 / 1);
    source.Discard(p.load_id);
    EXPECT_EQ(ErrorCode([&] { source.Confirm(p.load_id); }), "enrollment.load_not_pending");
}

TEST(DepartmentSourceBatch, JsonExportOfPerParentRecords) {
    BatchSource source(Department::kInsurance, kHasher);
    const std::string json = R"([
        {"id_number": ")" + kFather +
                             R"(", "period_from": "2022-03-01", "period_to": "2026-05-31", "employer": "x"},
        {"id_number": ")" + kMother +
                             R"(", "period_from": "2023-01-01", "period_to": "2026-05-31"},
        {"id_number": ")" + Id("37010219700101005") +
                             R"(", "period_from": {"y": 2020}, "period_to": "2026-05-31"},
        {"id_number": "370102", "period_from": "2023-01-01", "period_to": "2022-05-31"}
    ])";
    const auto preview = source.Stage(json, FileFormat::kJson, 2026y / 6 / 1);
    EXPECT_EQ(preview.good_rows, 2);
    ASSERT_GE(preview.problems.size(), 2u);
    EXPECT_EQ(preview.problems[0].line, 3);  // JSON: the element's position
    EXPECT_EQ(preview.problems[0].field, "period_from");
    EXPECT_EQ(preview.problems.back().line, 4);
    EXPECT_EQ(preview.ignored_columns, std::vector<std::string>{"employer"});
    EXPECT_EQ(ErrorCode([&] { source.Stage("{\"a\":1}", FileFormat::kJson, 2026y / 6 / 2); }),
              "enrollment.source_json_invalid");
    source.Confirm(preview.load_id);

    const DepartmentAnswer a = source.Query({Hash(kChild), Hash(kFather), Hash(kMother)});
    ASSERT_EQ(a.status, SourceStatus::kVerified);
    ASSERT_EQ(a.records.size(), 2u);
    EXPECT_EQ(std::get<InsuranceRecord>(a.records[0]).holder, Parent::kFather);
    EXPECT_EQ(std::get<InsuranceRecord>(a.records[1]).holder, Parent::kMother);
    EXPECT_EQ(std::get<InsuranceRecord>(a.records[1]).period.from, 2023y / 1 / 1);
    EXPECT_EQ(source.Query({Hash(kChild), "", ""}).reason, Unavailable::kMissingKey);
}

TEST(DepartmentSourceBatch, BirthCertificateNamingOtherParentsIsAMismatch) {
    BatchSource source(Department::kBirth, kHasher);
    const std::string csv = "id_number,birth_date,father_id_number,mother_id_number\n" + kChild + ",2019-03-15," +
                            kFather + "," + kMother + "\n";
    source.Confirm(source.Stage(csv, FileFormat::kCsv, 2026y / 6 / 1).load_id);
    const auto ok = source.Query({Hash(kChild), Hash(kFather), Hash(kMother)});
    EXPECT_EQ(ok.status, SourceStatus::kVerified);
    EXPECT_EQ(std::get<BirthRecord>(ok.records.at(0)).mother_hash, Hash(kMother));  // hashed, never plain
    const auto other = source.Query({Hash(kChild), Hash(Id("37010219850101007")), Hash(kMother)});
    EXPECT_EQ(other.status, SourceStatus::kMismatch);
    EXPECT_EQ(other.mismatch, "father_id_hash");
}

TEST(CircuitBreaker, OpensAfterThresholdThenAllowsOneTrial) {
    steady_clock::time_point now{};
    CircuitBreaker breaker({3, 10s}, [&] { return now; });
    breaker.Failure();
    breaker.Failure();
    breaker.Success();  // a success resets the run of failures
    breaker.Failure();
    breaker.Failure();
    EXPECT_TRUE(breaker.Allow());
    breaker.Failure();
    EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
    EXPECT_FALSE(breaker.Allow());
    now += 9s;
    EXPECT_FALSE(breaker.Allow());
    now += 1s;
    EXPECT_TRUE(breaker.Allow());   // the trial
    EXPECT_FALSE(breaker.Allow());  // only one
    breaker.Failure();              // the trial failed: open again for a whole period
    EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
    now += 5s;
    EXPECT_FALSE(breaker.Allow());
    now += 5s;
    EXPECT_TRUE(breaker.Allow());
    breaker.Success();
    EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
    EXPECT_TRUE(breaker.Allow());
    EXPECT_TRUE(breaker.Allow());
}

const std::string kHouseholdJson =
    R"([{"community_code":"370102001001","address":"历下区文化东路1号","move_in_date":"2020-05-01",)"
    R"("child_member":true,"father_member":true,"mother_member":true}])";

HttpSourceOptions Options(const FakeDepartment& fake) {
    HttpSourceOptions o;
    o.base_url = fake.base_url();
    o.call_timeout = 1000ms;
    o.backoff = 10ms;
    return o;
}

// Polls for the fake's record of requests that finish after the client gave up on them.
std::size_t HitsEventually(const FakeDepartment& fake, std::size_t want) {
    for (int i = 0; i < 200 && fake.Hits().size() < want; ++i) std::this_thread::sleep_for(10ms);
    return fake.Hits().size();
}

TEST(DepartmentSourceHttp, VerifiedAnswerAndNotFoundWithoutRetry) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    HttpSource source(Department::kHousehold, Options(fake), kHasher);
    const DepartmentAnswer a = source.Query({Hash(kChild), "", ""}, In(5s));
    ASSERT_EQ(a.status, SourceStatus::kVerified);
    const auto& h = std::get<HouseholdRecord>(a.records.at(0));
    EXPECT_EQ(h.community, "370102001001");
    EXPECT_EQ(h.address, "历下区文化东路1号");
    EXPECT_EQ(a.synced_at, ShanghaiDate(std::chrono::system_clock::now()));
    EXPECT_EQ(a.legal_basis, kLegalBasis);
    EXPECT_EQ(a.fields_read, DepartmentFields(Department::kHousehold));

    fake.ClearHits();
    const DepartmentAnswer none = source.Query({Hash(kChild2), "", ""}, In(5s));
    EXPECT_EQ(none.status, SourceStatus::kUnavailable);
    EXPECT_EQ(none.reason, Unavailable::kNotFound);
    EXPECT_EQ(fake.Hits().size(), 1u);  // 404 is an answer: not retried
}

TEST(DepartmentSourceHttp, SlowAnswerTimesOutIsRetriedAndUnavailableByTheDeadline) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    fake.SetBehaviour(FakeBehaviour{.delay = 400ms});
    auto o = Options(fake);
    o.call_timeout = 100ms;
    HttpSource source(Department::kHousehold, o, kHasher);
    const auto deadline = In(2s);
    const DepartmentAnswer a = source.Query({Hash(kChild), "", ""}, deadline);
    EXPECT_LE(steady_clock::now(), deadline);
    EXPECT_EQ(a.status, SourceStatus::kUnavailable);
    EXPECT_EQ(a.reason, Unavailable::kTimeout);
    EXPECT_EQ(HitsEventually(fake, 3), 3u);  // the first call and two retries

    // A caller's deadline shorter than the retries cuts them short.
    fake.ClearHits();
    const auto short_deadline = In(150ms);
    EXPECT_EQ(source.Query({Hash(kChild), "", ""}, short_deadline).reason, Unavailable::kTimeout);
    EXPECT_LT(steady_clock::now(), short_deadline + 500ms);
    EXPECT_LE(HitsEventually(fake, 2), 2u);
}

TEST(DepartmentSourceHttp, FailuresOpenTheBreakerAndAHalfOpenTrialRecovers) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    fake.SetBehaviour(FakeBehaviour{.fail = true});
    std::atomic<steady_clock::rep> ticks{0};
    auto o = Options(fake);
    o.max_attempts = 1;
    o.breaker = {3, 30s};
    HttpSource source(Department::kHousehold, o, kHasher,
                      [&] { return steady_clock::time_point(steady_clock::duration(ticks.load())); });
    const LookupKey key{Hash(kChild), "", ""};
    for (int i = 0; i < 3; ++i) EXPECT_EQ(source.Query(key, In(5s)).reason, Unavailable::kError);
    EXPECT_EQ(fake.Hits().size(), 3u);
    EXPECT_EQ(source.breaker().state(), CircuitBreaker::State::kOpen);

    EXPECT_EQ(source.Query(key, In(5s)).reason, Unavailable::kCircuitOpen);
    EXPECT_EQ(fake.Hits().size(), 3u);  // refused at once: the department was not called

    fake.SetBehaviour(FakeBehaviour{});
    ticks += std::chrono::duration_cast<steady_clock::duration>(30s).count();
    EXPECT_EQ(source.Query(key, In(5s)).status, SourceStatus::kVerified);  // the half-open trial
    EXPECT_EQ(source.breaker().state(), CircuitBreaker::State::kClosed);
    EXPECT_EQ(fake.Hits().size(), 4u);
}

TEST(DepartmentSourceHttp, FiveHundredsAndDroppedConnectionsAreRetried) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    auto o = Options(fake);
    o.breaker.failure_threshold = 10;  // this test counts retries, not the breaker
    HttpSource source(Department::kHousehold, o, kHasher);
    fake.SetBehaviour(FakeBehaviour{.fail = true});
    EXPECT_EQ(source.Query({Hash(kChild), "", ""}, In(5s)).reason, Unavailable::kError);
    EXPECT_EQ(fake.Hits().size(), 3u);
    fake.ClearHits();
    fake.SetBehaviour(FakeBehaviour{.drop = true});
    EXPECT_EQ(source.Query({Hash(kChild), "", ""}, In(5s)).reason, Unavailable::kError);
    EXPECT_EQ(HitsEventually(fake, 3), 3u);
}

TEST(DepartmentSourceHttp, ConflictingDataIsReturnedAsIsAndComparedWithTheSnapshot) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    std::string other = kHouseholdJson;
    other.replace(other.find("370102001001"), 12, "370102002007");
    fake.PutConflicting("household", Hash(kChild), other);
    fake.SetBehaviour(FakeBehaviour{.conflicting = true});
    HttpSource http(Department::kHousehold, Options(fake), kHasher);
    BatchSource batch(Department::kHousehold, kHasher);
    batch.Confirm(batch
                      .Stage(std::string(kHouseholdCsv) + HouseholdRow(kChild, "370102001001", "2020-05-01"),
                             FileFormat::kCsv, 2026y / 6 / 1)
                      .load_id);
    const LookupKey key{Hash(kChild), "", ""};
    const DepartmentAnswer live = http.Query(key, In(5s));
    EXPECT_EQ(live.status, SourceStatus::kVerified);  // as the department said it
    EXPECT_EQ(std::get<HouseholdRecord>(live.records.at(0)).community, "370102002007");
    const auto differing = DifferingFields(live, batch.Query(key));
    EXPECT_NE(std::find(differing.begin(), differing.end(), "community_code"), differing.end());
    EXPECT_NE(std::find(differing.begin(), differing.end(), "mother_member"), differing.end());
    EXPECT_EQ(std::find(differing.begin(), differing.end(), "address"), differing.end());
}

// A source that fails the way a bug does, or never answers.
class BrokenSource : public DepartmentSource {
public:
    BrokenSource(Department d, bool hang) : d_(d), hang_(hang) {}
    Department department() const override { return d_; }
    DepartmentAnswer Query(const LookupKey&, Deadline) override {
        if (!hang_) throw std::runtime_error("bug");
        std::this_thread::sleep_for(600ms);  // ignores the deadline
        return UnavailableAnswer(d_, Unavailable::kError);
    }
    using DepartmentSource::Query;

private:
    Department d_;
    bool hang_;
};

TEST(DepartmentSourceQueryAll, SlowSourcesAreQueriedAtOnce) {
    FakeDepartment fake;
    const std::string property = R"([{"owner":"parent","community_code":"370102001001","share_percent":100,)"
                                 R"("certificate_date":"2018-09-01"}])";
    const std::string birth = R"([{"birth_date":"2019-03-15","father_id_hash":")" + Hash(kFather) +
                              R"(","mother_id_hash":")" + Hash(kMother) + R"("}])";
    fake.Put("household", Hash(kChild), kHouseholdJson);
    fake.Put("property", Hash(kChild), property);
    fake.Put("birth", Hash(kChild), birth);
    fake.SetBehaviour(FakeBehaviour{.delay = 300ms});
    std::vector<std::shared_ptr<DepartmentSource>> sources;
    for (auto d : {Department::kHousehold, Department::kProperty, Department::kBirth})
        sources.push_back(std::make_shared<HttpSource>(d, Options(fake), kHasher));
    const auto answers = QueryAll(sources, {Hash(kChild), Hash(kFather), Hash(kMother)}, In(5s));
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0].department, Department::kHousehold);
    EXPECT_EQ(answers[1].department, Department::kProperty);
    EXPECT_EQ(answers[2].department, Department::kBirth);
    for (const auto& a : answers) EXPECT_EQ(a.status, SourceStatus::kVerified) << ToString(a.department);
    const auto hits = fake.Hits();
    ASSERT_EQ(hits.size(), 3u);
    // Overlap: every call had arrived before any was answered, which sequential calls cannot do.
    auto latest_start = std::max_element(hits.begin(), hits.end(), [](auto& a, auto& b) { return a.start < b.start; });
    auto first_end = std::min_element(hits.begin(), hits.end(), [](auto& a, auto& b) { return a.end < b.end; });
    EXPECT_LT(latest_start->start, first_end->end);
}

TEST(DepartmentSourceQueryAll, OneBrokenOrHungSourceCostsOnlyItsOwnAnswer) {
    FakeDepartment fake;
    fake.Put("household", Hash(kChild), kHouseholdJson);
    std::vector<std::shared_ptr<DepartmentSource>> sources{
        std::make_shared<HttpSource>(Department::kHousehold, Options(fake), kHasher),
        std::make_shared<BrokenSource>(Department::kProperty, false),
        std::make_shared<BrokenSource>(Department::kBirth, true)};
    const auto deadline = In(300ms);
    const auto answers = QueryAll(sources, {Hash(kChild), "", ""}, deadline);
    EXPECT_LT(steady_clock::now(), deadline + 250ms);  // did not wait out the hung source's 600 ms
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0].status, SourceStatus::kVerified);
    EXPECT_EQ(answers[1].reason, Unavailable::kError);
    EXPECT_EQ(answers[2].reason, Unavailable::kTimeout);
}

}  // namespace
}  // namespace kehou::enrollment
