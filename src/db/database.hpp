#pragma once
// The database of one kehou process: a fixed pool of connections to SQLite or PostgreSQL, chosen by
// the URL (a file path, or postgresql://...). Handlers borrow a connection for one unit of work.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/sqlite_connection.hpp"

namespace kehou::db {

/// How to reach the database and how many sessions to keep.
struct DatabaseOptions {
    std::string url = "data/kehou.db";  // a file path for SQLite, or postgresql://user@host:port/db
    int pool_size = 4;
    SqliteSync sqlite_sync = SqliteSync::kFull;
    int busy_timeout_ms = 5000;
    std::chrono::milliseconds acquire_timeout{10000};
};

bool IsPostgresUrl(const std::string& url);

/// A pool of connections. Thread-safe.
class Database {
public:
    explicit Database(DatabaseOptions options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// A borrowed connection, returned to the pool when it goes out of scope.
    class Lease {
    public:
        Lease(Database* owner, std::unique_ptr<Connection> conn) : owner_(owner), conn_(std::move(conn)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() const { return *conn_; }
        Connection* operator->() const { return conn_.get(); }

    private:
        Database* owner_;
        std::unique_ptr<Connection> conn_;
    };

    /// Waits for a free connection; throws Error(kUnavailable) after acquire_timeout.
    Lease Acquire();
    Dialect dialect() const { return dialect_; }
    /// "sqlite:data/kehou.db" or the PostgreSQL URL with its password hidden.
    std::string Describe() const;
    /// Opens one fresh connection outside the pool (migrations at start, tools).
    std::unique_ptr<Connection> OpenOne() const;

private:
    void Release(std::unique_ptr<Connection> conn);

    DatabaseOptions options_;
    Dialect dialect_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_count_ = 0;  // idle + leased
};

}  // namespace kehou::db
