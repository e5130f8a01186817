#pragma once
// kehou's data-access layer: a thin shared surface over SQLite and PostgreSQL. SQL is named and
// written once for both (`$1`, `$2` placeholders work in each), values are bound, never spliced.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kehou::db {

/// Which SQL engine a connection speaks to.
enum class Dialect { kSqlite, kPostgres };

std::string_view DialectName(Dialect d);

/// Raw bytes (encrypted identity numbers, hashes).
struct Blob {
    std::vector<std::uint8_t> bytes;
    bool operator==(const Blob&) const = default;
};

/// A bound parameter or a result cell; monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline Value Null() {
    return std::monostate{};
}
template <typename T>
Value Opt(const std::optional<T>& v) {
    return v ? Value{*v} : Null();
}

/// A named statement: `constexpr Query kFindSchool{"org.find_school", "SELECT ... WHERE id = $1"};`
/// The name shows in logs and errors; the text is the same on SQLite and PostgreSQL.
struct Query {
    std::string_view name;
    std::string_view sql;
};

/// One result row; typed getters throw on a type the column does not hold.
class Row {
public:
    explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
    std::size_t size() const { return cells_.size(); }
    const Value& operator[](std::size_t i) const { return cells_.at(i); }
    bool IsNull(std::size_t i) const;
    std::int64_t Int(std::size_t i) const;
    double Real(std::size_t i) const;
    const std::string& Text(std::size_t i) const;
    const Blob& Bytes(std::size_t i) const;
    std::optional<std::int64_t> OptInt(std::size_t i) const;
    std::optional<std::string> OptText(std::size_t i) const;

private:
    std::vector<Value> cells_;
};

/// A whole, materialised result.
struct Result {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    std::size_t size() const { return rows.size(); }
    bool empty() const { return rows.empty(); }
    const Row& operator[](std::size_t i) const { return rows.at(i); }
    auto begin() const { return rows.begin(); }
    auto end() const { return rows.end(); }
};

/// What a database failure means for the caller; constraint names let services map a violation
/// to a typed domain error (uq_selection_student_section -> 409 afterschool.already_selected).
enum class DbErrorKind { kUnique, kForeignKey, kCheck, kNotNull, kBusy, kConnection, kOther };

/// A database failure. Its text is for logs only.
class DbError : public std::runtime_error {
public:
    DbError(DbErrorKind kind, std::string constraint, const std::string& message)
        : std::runtime_error(message), kind_(kind), constraint_(std::move(constraint)) {}
    DbErrorKind kind() const { return kind_; }
    /// The violated constraint's name where the engine reports it (PostgreSQL always; SQLite for
    /// CHECK), else the "table.column" list SQLite gives for UNIQUE.
    const std::string& constraint() const { return constraint_; }

private:
    DbErrorKind kind_;
    std::string constraint_;
};

/// Hashes std::string and std::string_view alike, so a cache keyed by SQL text is searched without
/// building a string for every statement executed.
struct SqlTextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// One session with the database. Not thread-safe: one thread uses it at a time (see Pool).
class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    /// Runs a statement and returns its rows (also for INSERT ... RETURNING).
    virtual Result Query(const db::Query& q, std::span<const Value> params) = 0;
    /// Runs a statement and returns the number of rows it changed.
    virtual std::int64_t Execute(const db::Query& q, std::span<const Value> params) = 0;
    /// Runs a parameterless script of several statements (migrations, BEGIN/COMMIT).
    virtual void ExecScript(std::string_view sql) = 0;
    /// True once the session is unusable (server gone); the pool then opens a new one.
    virtual bool Broken() const { return false; }

    Result Query(const db::Query& q, std::initializer_list<Value> params = {}) {
        return Query(q, std::span<const Value>(params.begin(), params.size()));
    }
    std::int64_t Execute(const db::Query& q, std::initializer_list<Value> params = {}) {
        return Execute(q, std::span<const Value>(params.begin(), params.size()));
    }
};

/// The first row of a query, read by `read`; nullopt when the query finds nothing. For look-ups by key.
template <typename Read>
auto QueryOne(Connection& c, const Query& q, std::initializer_list<Value> params, Read read)
    -> std::optional<decltype(read(std::declval<const Row&>()))> {
    const Result r = c.Query(q, params);
    if (r.empty()) return std::nullopt;
    return read(r[0]);
}

}  // namespace kehou::db
