#pragma once
// Ways to make a large SQLite load cheaper when the loader itself stands for what the engine would check,
// index or make durable row by row — the demo seed (`kehou seed`) writes an empty database, with rows that
// refer only to rows it has just written, and is run again if it fails. They do nothing on PostgreSQL,
// which keeps every check, index and fsync.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace kehou::db {

/// What a bulk writer may take on trust.
struct BulkOptions {
    /// The load writes a database nothing else uses yet, its rows refer only to rows it wrote, and a load
    /// that fails is thrown away. Only the demo seed sets it.
    bool fresh_database = false;
};

/// A fresh-database load's settings on one SQLite connection, from construction to End():
/// - foreign-key checks off: no parent look-up per reference as rows go in (~8 M for the demo city); the
///   loader proves the result instead (the seed runs foreign_key_check once at the end);
/// - no fsync per commit and no WAL checkpoint per commit: each commit of the city's registry would copy
///   the look-up hash indexes' pages (random keys, ~100 MB) from the WAL into the file again.
/// End() — after the load's last COMMIT — restores the connection's settings for the pool and checkpoints
/// the WAL into the file once, durably. SQLite ignores foreign_keys inside a transaction: construct this
/// before the load's BEGIN.
class FreshLoad {
public:
    FreshLoad(Connection& c, const BulkOptions& options)
        : conn_(options.fresh_database && c.dialect() == Dialect::kSqlite ? &c : nullptr) {
        if (!conn_) return;
        synchronous_ = c.Query(Query{"db.synchronous", "PRAGMA synchronous"})[0].Int(0);
        autocheckpoint_ = c.Query(Query{"db.wal_autocheckpoint", "PRAGMA wal_autocheckpoint"})[0].Int(0);
        c.ExecScript("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0");
    }
    void End() {
        Connection* c = std::exchange(conn_, nullptr);
        if (!c) return;
        c->ExecScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = " + std::to_string(synchronous_) +
                     "; PRAGMA wal_autocheckpoint = " + std::to_string(autocheckpoint_) +
                     "; PRAGMA wal_checkpoint(TRUNCATE)");
    }
    ~FreshLoad() {
        try {
            End();
        } catch (...) {  // the connection is broken; the pool discards it
        }
    }
    FreshLoad(const FreshLoad&) = delete;
    FreshLoad& operator=(const FreshLoad&) = delete;

private:
    Connection* conn_;
    std::int64_t synchronous_ = 2, autocheckpoint_ = 1000;
};

/// Secondary indexes whose keys arrive in random order (look-up hashes, times) dropped for a load and
/// built again afterwards from their own stored SQL: one sorted build instead of millions of inserts at
/// random places in a b-tree larger than the page cache. The schema after Rebuild() is the migrations'
/// own, text for text. Only for indexes the load neither reads nor relies on for uniqueness.
class DeferredIndexes {
public:
    DeferredIndexes(Database& database, const std::vector<std::string>& names) : database_(database) {
        if (database.dialect() != Dialect::kSqlite) return;
        constexpr Query kIndexSql{"db.index_sql",
                                  "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1 AND sql IS NOT NULL"};
        auto c = database.Acquire();
        for (const auto& name : names) {
            const auto r = c->Query(kIndexSql, {name});
            if (r.empty()) continue;
            c->ExecScript("DROP INDEX " + name);
            dropped_.emplace_back(name, r[0].Text(0));
        }
    }
    /// Builds the dropped indexes again, each in its own statement; call when the load has committed.
    void Rebuild() {
        if (dropped_.empty()) return;
        auto c = database_.Acquire();
        for (const auto& [name, sql] : std::exchange(dropped_, {})) c->ExecScript(sql);
    }
    /// A load that failed still leaves the schema whole (best effort: the database is half-loaded anyway).
    ~DeferredIndexes() {
        try {
            Rebuild();
        } catch (...) {
        }
    }
    DeferredIndexes(const DeferredIndexes&) = delete;
    DeferredIndexes& operator=(const DeferredIndexes&) = delete;

private:
    Database& database_;
    std::vector<std::pair<std::string, std::string>> dropped_;
};

}  // namespace kehou::db
