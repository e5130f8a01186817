// The data-access layer's contract, run unchanged on SQLite and on a real PostgreSQL server.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "db/meta_repo.hpp"
#include "db/migrate.hpp"
#include "db/transaction.hpp"
#include "support/test_db.hpp"

namespace kehou::db {
namespace {

const std::vector<EmbeddedFile> kSchema = {
    {"0001_things.sql",
     "CREATE TABLE thing ("
     " id {{pk}},"
     " name TEXT NOT NULL,"
     " org_path TEXT NOT NULL,"
     " fee_fen BIGINT NOT NULL DEFAULT 0,"
     " ratio DOUBLE PRECISION,"
     " active BOOLEAN NOT NULL DEFAULT TRUE,"
     " secret {{blob}},"
     " note TEXT,"
     " CONSTRAINT uq_thing_name UNIQUE (name),"
     " CONSTRAINT ck_thing_fee_nonnegative CHECK (fee_fen >= 0));"},
};

constexpr Query kInsert{"test.insert_thing",
                        "INSERT INTO thing (name, org_path, fee_fen, ratio, active, secret, note)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Query kByName{"test.thing_by_name",
                        "SELECT id, name, fee_fen, ratio, active, secret, note FROM thing WHERE name = $1"};
constexpr Query kCount{"test.count_things", "SELECT COUNT(*) FROM thing"};
constexpr Query kInScope{"test.things_in_scope",
                         "SELECT name FROM thing WHERE org_path LIKE $1 || '%' ORDER BY name"};
constexpr Query kSumFees{"test.sum_fees", "SELECT SUM(fee_fen) FROM thing"};
constexpr Query kReordered{"test.reordered", "SELECT name FROM thing WHERE fee_fen > $2 AND name <> $1 ORDER BY name"};

class RepositoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        schema_ = LoadMigrations(kSchema);
        auto conn = tdb_.database().Acquire();
        ApplyMigrations(*conn, schema_);
    }
    std::int64_t Insert(Connection& c, std::string name, std::string path, std::int64_t fee = 0) {
        return c.Query(kInsert, {std::move(name), std::move(path), fee, Null(), std::int64_t{1}, Null(), Null()})[0]
            .Int(0);
    }
    kehou::testing::TestDatabase tdb_;
    std::vector<Migration> schema_;
};

TEST_F(RepositoryTest, ValuesRoundTripWithTheirTypes) {
    auto c = tdb_.database().Acquire();
    const Blob secret{{0x00, 0xff, 0x10, 0x00, 0x7f}};
    const auto id = c->Query(kInsert, {std::string("书法"), std::string("/370800/370811/"), std::int64_t{63000},
                                       0.25, std::int64_t{0}, secret, Null()})[0]
                        .Int(0);
    EXPECT_GT(id, 0);
    const auto r = c->Query(kByName, {std::string("书法")});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].Int(0), id);
    EXPECT_EQ(r[0].Text(1), "书法");
    EXPECT_EQ(r[0].Int(2), 63000);
    EXPECT_DOUBLE_EQ(r[0].Real(3), 0.25);
    EXPECT_EQ(r[0].Int(4), 0);  // BOOLEAN reads as 0/1 on both engines
    EXPECT_EQ(r[0].Bytes(5), secret);
    EXPECT_TRUE(r[0].IsNull(6));
    EXPECT_FALSE(r[0].OptText(6));
    EXPECT_EQ(r.columns.at(2), "fee_fen");
}

TEST_F(RepositoryTest, ScopePrefixParameterReuseAndSumsWorkOnBothEngines) {
    auto c = tdb_.database().Acquire();
    Insert(*c, "a", "/370800/370811/3708110001/", 100);
    Insert(*c, "b", "/370800/370811/3708110002/", 200);
    Insert(*c, "c", "/370800/370812/3708120001/", 300);
    const auto in_county = c->Query(kInScope, {std::string("/370800/370811/")});
    ASSERT_EQ(in_county.size(), 2u);
    EXPECT_EQ(in_county[1].Text(0), "b");
    EXPECT_EQ(c->Query(kSumFees)[0].Int(0), 600);  // SUM(bigint) stays an integer (money is fen)
    const auto reordered = c->Query(kReordered, {std::string("c"), std::int64_t{50}});
    ASSERT_EQ(reordered.size(), 2u);
    EXPECT_EQ(reordered[0].Text(0), "a");
}

TEST_F(RepositoryTest, ConstraintViolationsAreTyped) {
    auto c = tdb_.database().Acquire();
    Insert(*c, "dup", "/");
    try {
        Insert(*c, "dup", "/");
        FAIL() << "unique violation not raised";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbErrorKind::kUnique);
        if (tdb_.dialect() == Dialect::kPostgres) EXPECT_EQ(e.constraint(), "uq_thing_name");
        else EXPECT_EQ(e.constraint(), "thing.name");
    }
    try {
        Insert(*c, "negative", "/", -1);
        FAIL() << "check violation not raised";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbErrorKind::kCheck);
        EXPECT_EQ(e.constraint(), "ck_thing_fee_nonnegative");
    }
}

TEST_F(RepositoryTest, UncommittedTransactionLeavesNoPartialWrite) {
    {
        auto c = tdb_.database().Acquire();
        Transaction tx(*c, TxMode::kWrite);
        Insert(*c, "first", "/");
        EXPECT_THROW(Insert(*c, "first", "/"), DbError);  // the request fails half-way
    }
    auto c = tdb_.database().Acquire();
    EXPECT_EQ(c->Query(kCount)[0].Int(0), 0);
}

TEST_F(RepositoryTest, CommittedWriteIsSeenByAnotherConnection) {
    auto writer = tdb_.database().Acquire();
    auto reader = tdb_.database().Acquire();
    Transaction tx(*writer, TxMode::kWrite);
    Insert(*writer, "x", "/");
    tx.Commit();
    EXPECT_EQ(reader->Query(kCount)[0].Int(0), 1);
}

TEST_F(RepositoryTest, PoolWaitsThenRefusesWithUnavailable) {
    std::vector<Database::Lease> held;
    for (int i = 0; i < tdb_.options().pool_size; ++i) held.push_back(tdb_.database().Acquire());
    try {
        tdb_.database().Acquire();
        FAIL() << "pool handed out more connections than its size";
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 503);
    }
    held.pop_back();
    EXPECT_NO_THROW(tdb_.database().Acquire());
}

TEST_F(RepositoryTest, MigrationsApplyOnceAndReportStatus) {
    auto c = tdb_.database().Acquire();
    EXPECT_EQ(ApplyMigrations(*c, schema_), 0);
    auto status = GetMigrationStatus(*c, schema_);
    EXPECT_TRUE(status.Current());
    EXPECT_EQ(status.applied, 1);

    auto more = kSchema;
    more.push_back({"0002_more.sql", "CREATE TABLE more_thing (id {{pk}}, thing_id BIGINT REFERENCES thing (id));"});
    const auto next = LoadMigrations(more);
    status = GetMigrationStatus(*c, next);
    EXPECT_EQ(status.pending, std::vector<int>{2});
    EXPECT_EQ(ApplyMigrations(*c, next), 1);
    EXPECT_TRUE(GetMigrationStatus(*c, next).Current());
    // An older binary sees a version it does not know.
    EXPECT_EQ(GetMigrationStatus(*c, schema_).unknown, 1);
    EXPECT_THROW(ApplyMigrations(*c, schema_), std::runtime_error);
}

TEST_F(RepositoryTest, EditedAppliedMigrationIsRefused) {
    auto edited = kSchema;
    edited[0].content = "CREATE TABLE thing (id {{pk}});";
    const auto ms = LoadMigrations(edited);
    auto c = tdb_.database().Acquire();
    EXPECT_EQ(GetMigrationStatus(*c, ms).changed, std::vector<int>{1});
    EXPECT_THROW(ApplyMigrations(*c, ms), std::runtime_error);
}

TEST_F(RepositoryTest, FailedMigrationIsRolledBackAndNotRecorded) {
    auto broken = kSchema;
    broken.push_back({"0002_broken.sql", "CREATE TABLE half_done (id INTEGER); CREATE TABLE oops (;"});
    const auto ms = LoadMigrations(broken);
    auto c = tdb_.database().Acquire();
    EXPECT_THROW(ApplyMigrations(*c, ms), DbError);
    EXPECT_EQ(GetMigrationStatus(*c, ms).pending, std::vector<int>{2});
    constexpr Query kHalf{"test.half_done", "SELECT COUNT(*) FROM half_done"};
    EXPECT_THROW(c->Query(kHalf), DbError);  // the first statement was rolled back too
}

class BuiltinSchemaTest : public ::testing::Test {
protected:
    kehou::testing::TestDatabase tdb_;
};

TEST_F(BuiltinSchemaTest, AppliesAndStoresMetaFacts) {
    auto c = tdb_.database().Acquire();
    EXPECT_EQ(ApplyMigrations(*c, BuiltinMigrations()), static_cast<int>(BuiltinMigrations().size()));
    EXPECT_FALSE(GetMeta(*c, "created_at"));
    PutMeta(*c, "created_at", "2026-11-23T20:00:00+08:00");
    PutMeta(*c, "created_at", "2026-11-23T21:00:00+08:00");
    EXPECT_EQ(GetMeta(*c, "created_at"), "2026-11-23T21:00:00+08:00");
}

}  // namespace
}  // namespace kehou::db
