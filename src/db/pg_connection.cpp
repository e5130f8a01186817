#include "db/pg_connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <unordered_map>

namespace kehou::db {
namespace {

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

DbErrorKind KindOfSqlState(const char* state) {
    const std::string_view s = state ? state : "";
    if (s == "23505") return DbErrorKind::kUnique;
    if (s == "23503") return DbErrorKind::kForeignKey;
    if (s == "23514") return DbErrorKind::kCheck;
    if (s == "23502") return DbErrorKind::kNotNull;
    if (s == "40001" || s == "40P01" || s == "55P03") return DbErrorKind::kBusy;
    if (s.starts_with("08") || s == "57P01") return DbErrorKind::kConnection;
    return DbErrorKind::kOther;
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Value ReadCell(const PGresult* r, int row, int col) {
    if (PQgetisnull(r, row, col)) return std::monostate{};
    const char* text = PQgetvalue(r, row, col);
    const int len = PQgetlength(r, row, col);
    const Oid type = PQftype(r, col);
    auto as_int = [&]() -> Value {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(text, text + len, v);
        if (ec == std::errc{} && p == text + len) return v;
        return std::strtod(text, nullptr);
    };
    switch (type) {
        case kInt8: case kInt2: case kInt4: case kOid: return as_int();
        // SUM(bigint) is numeric on PostgreSQL; whole numbers stay integers (money is integer fen).
        case kNumeric: return as_int();
        case kFloat4: case kFloat8: return std::strtod(text, nullptr);
        case kBool: return std::int64_t{text[0] == 't' ? 1 : 0};
        case kBytea: {
            size_t n = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
            Blob b{{raw, raw + n}};
            PQfreemem(raw);
            return b;
        }
        default: return std::string(text, len);
    }
}

class PgConnection final : public Connection {
public:
    explicit PgConnection(PGconn* c) : conn_(c) {}
    ~PgConnection() override { PQfinish(conn_); }

    Dialect dialect() const override { return Dialect::kPostgres; }
    bool Broken() const override { return PQstatus(conn_) != CONNECTION_OK; }

    Result Query(const db::Query& q, std::span<const Value> params) override {
        ResultPtr r = Run(q, params);
        Result out;
        const int ncol = PQnfields(r.get());
        const int nrow = PQntuples(r.get());
        for (int c = 0; c < ncol; ++c) out.columns.emplace_back(PQfname(r.get(), c));
        out.rows.reserve(nrow);
        for (int i = 0; i < nrow; ++i) {
            std::vector<Value> cells;
            cells.reserve(ncol);
            for (int c = 0; c < ncol; ++c) cells.push_back(ReadCell(r.get(), i, c));
            out.rows.emplace_back(std::move(cells));
        }
        return out;
    }

    std::int64_t Execute(const db::Query& q, std::span<const Value> params) override {
        ResultPtr r = Run(q, params);
        const char* n = PQcmdTuples(r.get());
        return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    }

    void ExecScript(std::string_view sql) override {
        const std::string text(sql);
        ResultPtr r(PQexec(conn_, text.c_str()));
        Check(r.get(), "script");
    }

private:
    void Check(const PGresult* r, std::string_view name) {
        const auto status = PQresultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const char* constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
        const DbErrorKind kind = Broken() ? DbErrorKind::kConnection : KindOfSqlState(state);
        throw DbError(kind, constraint ? constraint : "",
                      fmt::format("{}: {}", name, r ? PQresultErrorMessage(r) : PQerrorMessage(conn_)));
    }

    // Each distinct SQL text is prepared once per session under a generated name.
    const std::string& Prepared(const db::Query& q) {
        auto it = prepared_.find(q.sql);
        if (it != prepared_.end()) return it->second;
        std::string key(q.sql);
        std::string stmt_name = fmt::format("k{}", prepared_.size() + 1);
        ResultPtr r(PQprepare(conn_, stmt_name.c_str(), key.c_str(), 0, nullptr));
        Check(r.get(), q.name);
        return prepared_.emplace(std::move(key), std::move(stmt_name)).first->second;
    }

    ResultPtr Run(const db::Query& q, std::span<const Value> params) {
        const std::string& stmt = Prepared(q);
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (std::holds_alternative<std::monostate>(v)) continue;  // values[i] stays null: SQL NULL
            if (auto n = std::get_if<std::int64_t>(&v)) text[i] = std::to_string(*n);
            else if (auto d = std::get_if<double>(&v)) text[i] = fmt::format("{}", *d);
            else if (auto s = std::get_if<std::string>(&v)) text[i] = *s;
            else {
                const auto& b = std::get<Blob>(v).bytes;  // bytea goes binary, no escaping
                text[i].assign(b.begin(), b.end());
                formats[i] = 1;
            }
            values[i] = text[i].data();
            lengths[i] = static_cast<int>(text[i].size());
        }
        ResultPtr r(PQexecPrepared(conn_, stmt.c_str(), static_cast<int>(params.size()), values.data(),
                                   lengths.data(), formats.data(), 0));
        Check(r.get(), q.name);
        return r;
    }

    PGconn* conn_;
    std::unordered_map<std::string, std::string, SqlTextHash, std::equal_to<>> prepared_;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& uri) {
    PGconn* c = PQconnectdb(uri.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        const std::string msg = PQerrorMessage(c);
        PQfinish(c);
        throw DbError(DbErrorKind::kConnection, {}, "connect " + RedactUri(uri) + ": " + msg);
    }
    auto conn = std::make_unique<PgConnection>(c);
    // Instants are written by the application with +08:00; the session zone only affects now().
    conn->ExecScript("SET TIME ZONE 'Asia/Shanghai'");
    conn->ExecScript("SET client_min_messages = warning");
    return conn;
}

std::string RedactUri(const std::string& uri) {
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db
    const auto scheme = uri.find("://");
    const auto at = uri.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return uri;
    const auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

}  // namespace kehou::db
