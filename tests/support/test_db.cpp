#include "support/test_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace kehou::testing {
namespace {

std::string PostgresUrl() {
    if (const char* url = std::getenv("KEHOU_TEST_PG_URL"); url && *url) return url;
    if (const char* file = std::getenv("KEHOU_TEST_PG_URL_FILE"); file && *file) {
        std::ifstream in(file);
        std::string url;
        if (in && std::getline(in, url) && !url.empty()) return url;
        throw std::runtime_error(std::string("KEHOU_TEST_PG_URL_FILE names ") + file +
                                 ", which has no URL: did scripts/pg-test-server.sh start fail?");
    }
    throw std::runtime_error("KEHOU_TEST_DB=postgres but neither KEHOU_TEST_PG_URL nor KEHOU_TEST_PG_URL_FILE is set");
}

// Test-only: empties the public schema so each test starts from nothing.
void ResetPostgres(const std::string& url) {
    db::DatabaseOptions o;
    o.url = url;
    o.pool_size = 1;
    db::Database d(o);
    d.Acquire()->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
}

}  // namespace

std::string TestEngine() {
    const char* e = std::getenv("KEHOU_TEST_DB");
    return (e && *e) ? e : "sqlite";
}

TestDatabase::TestDatabase() {
    options_.pool_size = 4;
    options_.acquire_timeout = std::chrono::milliseconds(2000);
    if (TestEngine() == "postgres") {
        options_.url = PostgresUrl();
        ResetPostgres(options_.url);
    } else if (TestEngine() == "sqlite") {
        static std::atomic<int> counter{0};
        sqlite_dir_ = (std::filesystem::temp_directory_path() /
                       ("kehou-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                          .string();
        std::filesystem::remove_all(sqlite_dir_);
        options_.url = sqlite_dir_ + "/test.db";
    } else {
        throw std::runtime_error("KEHOU_TEST_DB must be sqlite or postgres, not " + TestEngine());
    }
    database_ = std::make_unique<db::Database>(options_);
}

TestDatabase::~TestDatabase() {
    database_.reset();
    if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
}

}  // namespace kehou::testing
