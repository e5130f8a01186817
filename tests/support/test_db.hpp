#pragma once
// The database a repository test runs on, chosen by KEHOU_TEST_DB: "sqlite" (a fresh file per test)
// or "postgres" (the server scripts/pg-test-server.sh started; its URL in KEHOU_TEST_PG_URL or the
// file KEHOU_TEST_PG_URL_FILE). Asking for postgres without a server fails the test: never a skip.

#include <memory>
#include <string>

#include "db/database.hpp"

namespace kehou::testing {

/// A clean, empty database for one test; removed (SQLite) or emptied (PostgreSQL) afterwards.
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    db::Database& database() { return *database_; }
    db::Dialect dialect() const { return database_->dialect(); }
    const db::DatabaseOptions& options() const { return options_; }

private:
    db::DatabaseOptions options_;
    std::string sqlite_dir_;
    std::unique_ptr<db::Database> database_;
};

/// "sqlite" or "postgres", from KEHOU_TEST_DB (default sqlite).
std::string TestEngine();

}  // namespace kehou::testing
