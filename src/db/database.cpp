#include "db/database.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "db/pg_connection.hpp"

namespace kehou::db {

bool IsPostgresUrl(const std::string& url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Database::Database(DatabaseOptions options)
    : options_(std::move(options)), dialect_(IsPostgresUrl(options_.url) ? Dialect::kPostgres : Dialect::kSqlite) {
    if (dialect_ == Dialect::kSqlite) {
        const auto parent = std::filesystem::path(options_.url).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    // Open one at once so a wrong URL fails at start, not on the first request.
    idle_.push_back(OpenOne());
    open_count_ = 1;
}

Database::~Database() = default;

std::unique_ptr<Connection> Database::OpenOne() const {
    if (dialect_ == Dialect::kPostgres) return OpenPostgres(options_.url);
    return OpenSqlite(options_.url, options_.sqlite_sync, options_.busy_timeout_ms);
}

Database::Lease Database::Acquire() {
    std::unique_lock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    while (idle_.empty() && open_count_ >= options_.pool_size) {
        if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_count_ >= options_.pool_size)
            throw Error::Unavailable("db.busy", "数据库繁忙，请稍后再试", "The database is busy; try again shortly");
    }
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(conn));
    }
    ++open_count_;  // open outside the lock: connecting to PostgreSQL takes milliseconds
    lock.unlock();
    try {
        return Lease(this, OpenOne());
    } catch (...) {
        Release(nullptr);
        throw;
    }
}

void Database::Release(std::unique_ptr<Connection> conn) {
    {
        std::lock_guard lock(mu_);
        if (conn && !conn->Broken()) idle_.push_back(std::move(conn));
        else --open_count_;
    }
    cv_.notify_one();
}

Database::Lease::~Lease() {
    if (owner_ && conn_) owner_->Release(std::move(conn_));
}

std::string Database::Describe() const {
    return dialect_ == Dialect::kPostgres ? RedactUri(options_.url) : "sqlite:" + options_.url;
}

}  // namespace kehou::db
