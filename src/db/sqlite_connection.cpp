#include "db/sqlite_connection.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace kehou::db {
namespace {

DbErrorKind KindOf(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY: return DbErrorKind::kUnique;
        case SQLITE_CONSTRAINT_FOREIGNKEY: return DbErrorKind::kForeignKey;
        case SQLITE_CONSTRAINT_CHECK: return DbErrorKind::kCheck;
        case SQLITE_CONSTRAINT_NOTNULL: return DbErrorKind::kNotNull;
        default: break;
    }
    const int primary = extended_code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return DbErrorKind::kBusy;
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_NOTADB) return DbErrorKind::kConnection;
    return DbErrorKind::kOther;
}

// SQLite names the constraint after "failed: " ("CHECK constraint failed: ck_fee_nonnegative",
// "UNIQUE constraint failed: as_selection.student_id, as_selection.section_id").
std::string ConstraintOf(const std::string& msg) {
    const auto at = msg.find("failed: ");
    return at == std::string::npos ? std::string{} : msg.substr(at + 8);
}

class Statement {
public:
    // Where each `$n` sits is looked up once here, not by name (a scan comparing the statement's names) for
    // each value of each execution: that look-up was 2 % of the demo seed's CPU (perf, county scale).
    explicit Statement(sqlite3_stmt* s) : stmt_(s) {
        for (int idx = 1; idx <= sqlite3_bind_parameter_count(s); ++idx) {
            const char* name = sqlite3_bind_parameter_name(s, idx);
            if (!name || name[0] != '$') continue;
            const auto n = static_cast<std::size_t>(std::atoi(name + 1));
            if (n >= index_of_.size()) index_of_.resize(n + 1, 0);
            index_of_[n] = idx;
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return stmt_; }
    /// The position of `$n`, or 0 when the text has no such placeholder.
    int IndexOf(std::size_t n) const { return n < index_of_.size() ? index_of_[n] : 0; }

private:
    sqlite3_stmt* stmt_;
    std::vector<int> index_of_;
};

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override {
        cache_.clear();
        sqlite3_close_v2(db_);
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    Result Query(const db::Query& q, std::span<const Value> params) override {
        sqlite3_stmt* st = Prepare(q, params);
        Result out;
        const int ncol = sqlite3_column_count(st);
        for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(st, c));
        while (Step(q, st)) out.rows.emplace_back(ReadRow(st, ncol));
        sqlite3_reset(st);  // release the statement's read snapshot at once
        return out;
    }

    std::int64_t Execute(const db::Query& q, std::span<const Value> params) override {
        sqlite3_stmt* st = Prepare(q, params);
        while (Step(q, st)) {
        }
        sqlite3_reset(st);
        return sqlite3_changes64(db_);
    }

    void ExecScript(std::string_view sql) override {
        char* err = nullptr;
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            Fail("script", msg);
        }
    }

private:
    [[noreturn]] void Fail(std::string_view name, const std::string& msg) {
        throw DbError(KindOf(sqlite3_extended_errcode(db_)), ConstraintOf(msg),
                      std::string(name) + ": " + msg);
    }

    sqlite3_stmt* Prepare(const db::Query& q, std::span<const Value> params) {
        auto it = cache_.find(q.sql);
        if (it == cache_.end()) {
            sqlite3_stmt* raw = nullptr;
            if (sqlite3_prepare_v3(db_, q.sql.data(), static_cast<int>(q.sql.size()), SQLITE_PREPARE_PERSISTENT,
                                   &raw, nullptr) != SQLITE_OK)
                Fail(q.name, sqlite3_errmsg(db_));
            it = cache_.emplace(std::string(q.sql), std::make_unique<Statement>(raw)).first;
        }
        sqlite3_stmt* st = it->second->get();
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        Bind(q, *it->second, params);
        return st;
    }

    // Placeholders are written `$1`, `$2` for PostgreSQL's sake; SQLite reads them as named
    // parameters, so bind by name and the order in the text does not matter.
    void Bind(const db::Query& q, const Statement& stmt, std::span<const Value> params) {
        sqlite3_stmt* st = stmt.get();
        if (sqlite3_bind_parameter_count(st) > static_cast<int>(params.size()))
            throw DbError(DbErrorKind::kOther, {}, std::string(q.name) + ": too few parameters");
        if (params.size() > 99) throw DbError(DbErrorKind::kOther, {}, "more than 99 parameters");
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int idx = stmt.IndexOf(i + 1);
            if (idx == 0) throw DbError(DbErrorKind::kOther, {}, std::string(q.name) + ": no $" + std::to_string(i + 1));
            BindOne(st, idx, params[i]);
        }
    }

    static void BindOne(sqlite3_stmt* st, int idx, const Value& v) {
        if (std::holds_alternative<std::monostate>(v)) sqlite3_bind_null(st, idx);
        else if (auto i = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(st, idx, *i);
        else if (auto d = std::get_if<double>(&v)) sqlite3_bind_double(st, idx, *d);
        else if (auto s = std::get_if<std::string>(&v))
            sqlite3_bind_text64(st, idx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        else {
            const auto& b = std::get<Blob>(v).bytes;
            sqlite3_bind_blob64(st, idx, b.data(), b.size(), SQLITE_TRANSIENT);
        }
    }

    bool Step(const db::Query& q, sqlite3_stmt* st) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        const std::string msg = sqlite3_errmsg(db_);
        sqlite3_reset(st);
        Fail(q.name, msg);
    }

    static Row ReadRow(sqlite3_stmt* st, int ncol) {
        std::vector<Value> cells;
        cells.reserve(ncol);
        for (int c = 0; c < ncol; ++c) {
            switch (sqlite3_column_type(st, c)) {
                case SQLITE_NULL: cells.emplace_back(std::monostate{}); break;
                case SQLITE_INTEGER: cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c))); break;
                case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(st, c)); break;
                case SQLITE_BLOB: {
                    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(st, c));
                    cells.emplace_back(Blob{{p, p + sqlite3_column_bytes(st, c)}});
                    break;
                }
                default: {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
                    cells.emplace_back(std::string(p, sqlite3_column_bytes(st, c)));
                }
            }
        }
        return Row(std::move(cells));
    }

    sqlite3* db_;
    std::unordered_map<std::string, std::unique_ptr<Statement>, SqlTextHash, std::equal_to<>> cache_;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path, SqliteSync sync, int busy_timeout_ms) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        throw DbError(DbErrorKind::kConnection, {}, "open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db, busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
    auto conn = std::make_unique<SqliteConnection>(db);
    conn->ExecScript("PRAGMA journal_mode = WAL");
    conn->ExecScript("PRAGMA foreign_keys = ON");
    // SQLite's default 2 MiB of page cache. In WAL mode a connection empties its cache whenever another
    // connection has committed — in a rush, every few milliseconds — and emptying costs time in
    // proportion to the cache's size: measured in the rush benchmark, 32 MiB made each read ~2x
    // dearer than 2 MiB (and 0.5 MiB re-read too much). Connections that write much raise their own
    // (the group-commit writer, the bulk loader).
    conn->ExecScript("PRAGMA cache_size = -2000");
    // Statement journals (INSERT ... RETURNING, constraint checks inside a transaction) and temporary
    // b-trees stay in memory; on disk they cost two writes per page touched (measured: 1.9 M pwrite
    // calls seeding one county).
    conn->ExecScript("PRAGMA temp_store = MEMORY");
    conn->ExecScript(sync == SqliteSync::kFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    return conn;
}

}  // namespace kehou::db
