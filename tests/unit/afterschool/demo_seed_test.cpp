// `kehou seed --scale tiny` on a real database (SQLite and PostgreSQL): the after-school rows it writes look
// exactly like the services' — taken counts equal to the confirmed seats, every course publishable under the
// fee standard in force (RULES R2.1, R2.3, R1.8f), every service week valid (R1.5–R1.7, R1.9) — and the demo
// accounts find what they need: a lottery window open now, consent given, a section to teach.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "afterschool/catalog_repo.hpp"
#include "afterschool/fee_standard.hpp"
#include "afterschool/rules.hpp"
#include "afterschool/selection_repo.hpp"
#include "app/seed.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/bulk_load.hpp"
#include "lottery/lottery.hpp"
#include "org/service.hpp"
#include "support/test_db.hpp"

namespace kehou::afterschool {
namespace {

constexpr db::Query kSchools{"test.seed_schools", "SELECT id, unit_code, is_rural FROM org_school ORDER BY id"};
constexpr db::Query kTakenMismatch{
    "test.seed_taken_mismatch",
    "SELECT COUNT(*), (SELECT COUNT(*) FROM as_seat WHERE status = 'confirmed') FROM as_section x"
    " WHERE x.taken <> (SELECT COUNT(*) FROM as_seat s WHERE s.section_id = x.id AND s.status = 'confirmed')"};
constexpr db::Query kSeatsPerChild{"test.seed_seats_per_child",
                                   "SELECT MAX(n), MIN(n) FROM (SELECT student_id, COUNT(*) AS n FROM as_seat"
                                   " GROUP BY student_id) t"};
constexpr db::Query kOverlaps{
    "test.seed_overlaps",
    "SELECT COUNT(*) FROM as_seat a JOIN as_seat b ON a.student_id = b.student_id AND a.id < b.id"
    " JOIN as_section_slot p ON p.section_id = a.section_id JOIN as_section_slot q ON q.section_id = b.section_id"
    " WHERE p.weekday = q.weekday AND p.start_minute < q.end_minute AND q.start_minute < p.end_minute"};
constexpr db::Query kQueues{
    "test.seed_queues",
    "SELECT COUNT(*) FROM as_seat a JOIN as_seat b ON a.section_id = b.section_id AND a.queue_no < b.queue_no"
    " WHERE a.created_at > b.created_at"};
constexpr db::Query kDemoFacts{
    "test.seed_demo_facts",
    "SELECT (SELECT COUNT(*) FROM as_course c JOIN org_teacher t ON t.id = c.teacher_id"
    "  WHERE t.user_id IS NOT NULL AND c.semester = '2026-autumn'"
    "  AND EXISTS (SELECT 1 FROM as_section x WHERE x.course_id = c.id)),"
    " (SELECT COUNT(*) FROM org_consent n JOIN org_student_guardian sg ON sg.student_id = n.student_id"
    "  JOIN org_guardian g ON g.id = sg.guardian_id WHERE g.user_id IS NOT NULL AND n.purpose = 'afterschool'"
    "  AND n.notice_version = 'v1' AND n.withdrawn_at IS NULL),"
    " (SELECT COUNT(*) FROM as_seat s JOIN as_section x ON x.id = s.section_id JOIN as_course c ON c.id = x.course_id"
    "  JOIN org_student_guardian sg ON sg.student_id = s.student_id JOIN org_guardian g ON g.id = sg.guardian_id"
    "  WHERE g.user_id IS NOT NULL AND s.status = 'confirmed' AND c.category = 'homework_help')"};

// Ratings of the autumn: every one of a course the child holds a confirmed seat in; none by a family with an account.
constexpr db::Query kRatingFacts{
    "test.seed_rating_facts",
    "SELECT (SELECT COUNT(*) FROM as_rating r JOIN as_course c ON c.id = r.course_id WHERE c.semester = '2026-autumn'),"
    " (SELECT COUNT(*) FROM as_rating r WHERE r.score < 1 OR r.score > 5 OR NOT EXISTS (SELECT 1 FROM as_seat s"
    "  JOIN as_section x ON x.id = s.section_id WHERE x.course_id = r.course_id AND s.student_id = r.student_id"
    "  AND s.status = 'confirmed')),"
    " (SELECT COUNT(*) FROM as_rating r JOIN org_student_guardian sg ON sg.student_id = r.student_id"
    "  JOIN org_guardian g ON g.id = sg.guardian_id WHERE g.user_id IS NOT NULL)"};

class DemoSeedTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        key_ = (std::filesystem::temp_directory_path() / ("kehou-seed-test-" + std::to_string(::getpid()) + ".key"))
                   .string();
        app::Config config;
        config.db = tdb_.options().url;
        config.pii_key_file = key_;
        std::ostringstream out, err;
        ASSERT_EQ(app::RunSeed(config, {"tiny", 7, 2026, false}, out, err), 0) << err.str();
        output_ = out.str();
        org_.EnsureUnits();
    }
    void TearDown() override { std::filesystem::remove(key_); }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    FeeStandardService fees_{tdb_.database(), org_};
    const Principal city_{0, "city", "city", Role::kCityAdmin, "/370800/"};
    std::string key_, output_;
};

TEST_F(DemoSeedTest, SeatsAreCountedLikeTheServicesCountThem) {
    EXPECT_NE(output_.find("after-school: "), std::string::npos) << output_;
    auto c = tdb_.database().Acquire();
    const auto taken = c->Query(kTakenMismatch);
    EXPECT_EQ(taken[0].Int(0), 0) << "as_section.taken equals the confirmed seats of every section";
    EXPECT_GT(taken[0].Int(1), 500) << "about nine in ten of the 600 pupils hold a seat";
    const auto per_child = c->Query(kSeatsPerChild);
    EXPECT_EQ(per_child[0].Int(1), 1);
    EXPECT_EQ(per_child[0].Int(0), 2) << "a child holds one or two seats";
    EXPECT_EQ(c->Query(kOverlaps)[0].Int(0), 0) << "no child is in two places at once";
    EXPECT_EQ(c->Query(kQueues)[0].Int(0), 0) << "queue numbers follow the time of selection";
    const auto ratings = c->Query(kRatingFacts);
    EXPECT_GT(ratings[0].Int(0), 100) << "about one family in four rated each autumn course its child takes";
    EXPECT_EQ(ratings[0].Int(1), 0) << "only courses the child takes, 1–5 stars";
    EXPECT_EQ(ratings[0].Int(2), 0) << "families with an account rate for themselves";
}

TEST_F(DemoSeedTest, EveryCourseAndServiceWeekPassesThePublicationRules) {
    auto c = tdb_.database().Acquire();
    int courses = 0;
    for (const auto& school : c->Query(kSchools)) {
        const std::int64_t id = school.Int(0);
        const bool rural = school.Int(2) != 0;
        for (const std::string semester : {"2026-autumn", "2027-spring"}) {
            const FeeStandard st = fees_.InForce(city_, school.Text(1), semester).standard;
            std::vector<int> minutes(6, 0);
            for (const auto& d : repo::ListServiceDays(*c, id, semester)) {
                EXPECT_NO_THROW(ValidateDismissalDay({d.weekday, d.batch_ends}, st)) << semester;
                EXPECT_LT(d.lessons_end, d.batch_ends.front());
                minutes[static_cast<std::size_t>(d.weekday)] = d.batch_ends.back() - d.lessons_end;
            }
            EXPECT_NO_THROW(ValidateBasicService(minutes)) << "school " << id << " " << semester;
            for (const auto& k : repo::ListCourses(*c, "/", id, semester)) {
                ++courses;
                const auto category = repo::FindCategory(*c, k.category);
                ASSERT_TRUE(category) << k.category;
                auto kind = InstructorKind::kVolunteer;
                std::optional<ProviderFacts> provider;
                if (k.instructor_kind == "own_teacher") kind = InstructorKind::kOwnTeacher;
                if (k.instructor_kind == "retired_teacher") kind = InstructorKind::kRetiredTeacher;
                if (k.instructor_kind == "provider") {
                    kind = InstructorKind::kProvider;
                    const auto p = repo::FindProvider(*c, k.provider_id.value());
                    ASSERT_TRUE(p);
                    EXPECT_TRUE(k.org_path.starts_with(p->org_path)) << "a provider of the school's own county";
                    EXPECT_TRUE(k.instructor_name.starts_with(p->name + "·")) << k.instructor_name;
                    provider = ProviderFacts{p->status == "admitted", true, p->free_public_benefit};
                }
                ASSERT_FALSE(k.sections.empty()) << k.title;
                for (const auto& x : k.sections) {
                    CourseDraft draft;
                    draft.title = k.title;
                    draft.category = category->category;
                    draft.instructor = kind;
                    draft.provider = provider;
                    draft.fee_per_hour_fen = k.fee_per_hour_fen;
                    draft.capacity = x.capacity;
                    draft.slots = x.slots;
                    EXPECT_NO_THROW(ValidateCourse(draft, st, rural)) << k.title << " " << semester;
                    EXPECT_EQ(x.label, repo::SlotsLabel(x.slots));
                }
            }
        }
    }
    EXPECT_GT(courses, 30);
}

TEST_F(DemoSeedTest, TheDemoAccountsFindAnOpenLotteryConsentAndASectionToTeach) {
    auto c = tdb_.database().Acquire();
    const std::string now = FormatShanghai(std::chrono::system_clock::now());
    int first_come = 0, lottery = 0;
    for (const auto& w : repo::ListWindows(*c, "/370800/", "")) {
        if (w.mode == "first_come") {
            ++first_come;
            EXPECT_EQ(w.semester, "2026-autumn");
            EXPECT_FALSE(w.school_id) << "the county's window covers its schools";
            EXPECT_LT(w.closes_at, "2026-09-10") << "closed in early September";
        } else {
            ++lottery;
            EXPECT_EQ(w.semester, "2027-spring");
            EXPECT_TRUE(w.school_id);
            EXPECT_LT(w.opens_at, now);
            EXPECT_GT(w.closes_at, now) << "open right after seeding";
            EXPECT_EQ(w.max_wishes, 3);
            EXPECT_EQ(w.course_limit, 2);
            ASSERT_TRUE(w.seed && w.seed_commitment);
            EXPECT_TRUE(lottery::SeedMatches(*w.seed, *w.seed_commitment));
            EXPECT_EQ(w.priority_order.front(), "disability");
            EXPECT_FALSE(repo::ListCourses(*c, "/", *w.school_id, "2027-spring").empty());
        }
    }
    EXPECT_EQ(first_come, 1);
    EXPECT_EQ(lottery, 1);
    const auto demo = c->Query(kDemoFacts);
    EXPECT_GE(demo[0].Int(0), 1) << "demo.teacher instructs an autumn section";
    EXPECT_EQ(demo[0].Int(1), 1) << "demo.parent consented to the after-school notice v1";
    EXPECT_EQ(demo[0].Int(2), 1) << "demo.parent's child stays for homework help every weekday";
}

// The seed loads with foreign-key checks off and two indexes built at the end (db/bulk_load.hpp, SQLite
// only): the database it leaves must still satisfy every reference and hold the migrations' indexes.
constexpr db::Query kCaseStates{"test.seed_case_states", "SELECT COUNT(DISTINCT state) FROM inst_case"};
constexpr db::Query kBaselineMatches{
    "test.seed_baseline",
    "SELECT COUNT(*) FROM inst_baseline b WHERE b.institutions <> (SELECT COUNT(*) FROM inst_institution i"
    " WHERE i.unit_code = b.unit_code AND i.category = b.category AND i.delivery = b.delivery AND i.in_baseline = TRUE)"};
constexpr db::Query kComplaintStatuses{"test.seed_complaints", "SELECT COUNT(DISTINCT status) FROM inst_complaint"};
// Escrow: released, awaiting, disputed and refund-requested lines, and a closure alert with families.
constexpr db::Query kEscrowKinds{"test.seed_escrow_kinds",
                                 "SELECT COUNT(DISTINCT kind) FROM inst_escrow_entry WHERE kind IN ('released',"
                                 " 'consumption_requested', 'consumption_disputed', 'refund_requested')"};
// The demo parent paid one order and has a class to answer on the family page (R6.2 from the phone).
constexpr db::Query kDemoFamilyOrders{
    "test.seed_family_orders",
    "SELECT COUNT(*) FROM inst_order o WHERE o.payer_mobile_hash IN (SELECT g.mobile_hash FROM org_guardian g"
    " JOIN auth_user u ON u.id = g.user_id WHERE u.username = 'demo.parent')"};
constexpr db::Query kClosureAlerts{"test.seed_alerts",
                                   "SELECT COUNT(*) FROM inst_alert WHERE kind = 'closed_with_escrow' AND families > 0"};

// Issue 6 point 8: every page of the supervision module has content — cases in all eleven states, a frozen
// baseline that counts exactly the registered pre-双减 institutions, complaints open, assigned and closed,
// prepaid orders in every answer state and an institution closed with money held.
TEST_F(DemoSeedTest, TheSupervisionModuleHasCasesInEveryStateABaselineAndComplaints) {
    EXPECT_NE(output_.find("institutions: "), std::string::npos) << output_;
    auto c = tdb_.database().Acquire();
    EXPECT_EQ(c->Query(kCaseStates)[0].Int(0), 11);
    EXPECT_EQ(c->Query(kBaselineMatches)[0].Int(0), 0);
    EXPECT_EQ(c->Query(kComplaintStatuses)[0].Int(0), 3);
    EXPECT_EQ(c->Query(kEscrowKinds)[0].Int(0), 4);
    EXPECT_GE(c->Query(kClosureAlerts)[0].Int(0), 1);
    EXPECT_EQ(c->Query(kDemoFamilyOrders)[0].Int(0), 1);
}

TEST_F(DemoSeedTest, EveryReferenceHoldsAndTheDeferredIndexesAreBack) {
    auto c = tdb_.database().Acquire();
    if (c->dialect() != db::Dialect::kSqlite) return;  // PostgreSQL checked each reference as it was written
    EXPECT_TRUE(c->Query(db::Query{"test.fk_check", "PRAGMA foreign_key_check"}).empty());
    constexpr db::Query kIndex{"test.index_sql", "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1"};
    const auto mobile = c->Query(kIndex, {std::string("ix_org_guardian_mobile")});
    ASSERT_EQ(mobile.size(), 1u);
    EXPECT_EQ(mobile[0].Text(0), "CREATE INDEX ix_org_guardian_mobile ON org_guardian (mobile_hash)");
    const auto seat = c->Query(kIndex, {std::string("ix_as_seat_updated")});
    ASSERT_EQ(seat.size(), 1u);
    EXPECT_EQ(seat[0].Text(0), "CREATE INDEX ix_as_seat_updated ON as_seat (updated_at)");
}

TEST(BulkLoadTest, AFreshLoadGivesItsConnectionBackAsItFoundIt) {
    kehou::testing::TestDatabase tdb;
    auto c = tdb.database().Acquire();
    if (c->dialect() != db::Dialect::kSqlite) return;  // nothing is turned off on PostgreSQL
    const auto settings = [&c] {
        std::vector<std::int64_t> out;
        for (const std::string_view sql : {"PRAGMA foreign_keys", "PRAGMA synchronous", "PRAGMA wal_autocheckpoint"})
            out.push_back(c->Query(db::Query{"test.pragma", sql})[0].Int(0));
        return out;
    };
    const auto before = settings();
    EXPECT_EQ(before[0], 1);
    {
        db::FreshLoad load(*c, {.fresh_database = true});
        EXPECT_EQ(settings(), (std::vector<std::int64_t>{0, 0, 0}));
        load.End();
        EXPECT_EQ(settings(), before) << "the connection goes back to the pool checking and syncing again";
    }
    EXPECT_EQ(settings(), before);
    db::FreshLoad ordinary(*c, {});
    EXPECT_EQ(settings(), before);
}

}  // namespace
}  // namespace kehou::afterschool
