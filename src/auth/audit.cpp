#include "auth/audit.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"

namespace kehou::auth {
namespace {

constexpr db::Query kTail{"audit.tail", "SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1"};
constexpr db::Query kInsert{
    "audit.insert",
    "INSERT INTO audit_log (at, actor_user_id, actor, role, scope_path, action, title, object, outcome, request_id,"
    " client_address, prev_hash, row_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"};
#define KEHOU_AUDIT_COLUMNS \
    "id, at, actor_user_id, actor, role, scope_path, action, title, object, outcome, request_id, client_address," \
    " prev_hash, row_hash"
constexpr db::Query kChainPage{"audit.chain_page",
                               "SELECT " KEHOU_AUDIT_COLUMNS " FROM audit_log WHERE id > $1 ORDER BY id LIMIT 5000"};
// Optional filters are bound as NULL and switched off in SQL, so the statement text stays fixed.
// The CASTs give PostgreSQL the parameter's type where NULL alone would leave it unknown.
#define KEHOU_AUDIT_FILTER                                                                                       \
    " FROM audit_log WHERE (scope_path LIKE $1 || '%' OR (CAST($7 AS INTEGER) = 1 AND scope_path = '/'))"      \
    " AND (CAST($2 AS TEXT) IS NULL OR at >= $2) AND (CAST($3 AS TEXT) IS NULL OR at < $3)"                    \
    " AND (CAST($4 AS TEXT) IS NULL OR actor = $4) AND (CAST($5 AS TEXT) IS NULL OR action = $5)"              \
    " AND (CAST($6 AS INTEGER) IS NULL OR (outcome >= $6 AND outcome < $6 + 100))"
constexpr db::Query kCount{"audit.count", "SELECT COUNT(*)" KEHOU_AUDIT_FILTER};
constexpr db::Query kPage{"audit.page",
                          "SELECT " KEHOU_AUDIT_COLUMNS KEHOU_AUDIT_FILTER " ORDER BY id DESC LIMIT $8 OFFSET $9"};
#undef KEHOU_AUDIT_FILTER
#undef KEHOU_AUDIT_COLUMNS
constexpr db::Query kPrune{"audit.prune", "DELETE FROM audit_log WHERE at < $1"};

AuditRow ReadRow(const db::Row& r) {
    AuditRow a;
    a.id = r.Int(0);
    a.entry = {r.Text(1), r.OptInt(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8),
               static_cast<int>(r.Int(9)), r.Text(10), r.Text(11)};
    a.prev_hash = r.Text(12);
    a.row_hash = r.Text(13);
    return a;
}

std::vector<db::Value> FilterParams(const AuditQuery& q) {
    auto day_start = [](const std::optional<std::string>& d, int add_days) -> db::Value {
        if (!d) return db::Null();
        const auto ymd = ParseIsoDate(*d);
        if (!ymd) throw Error::BadRequest("audit.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", "from");
        const auto day = std::chrono::sys_days{*ymd} + std::chrono::days{add_days};
        return FormatShanghai(TimePoint{day} - kShanghaiOffset);
    };
    return {q.scope_path, day_start(q.from_date, 0), day_start(q.to_date, 1), db::Opt(q.actor), db::Opt(q.action),
            q.outcome_class ? db::Value{std::int64_t{*q.outcome_class * 100}} : db::Null(),
            std::int64_t{q.include_unattributed ? 1 : 0}};
}

}  // namespace

std::string AuditRowHash(const std::string& prev_hash, const AuditEntry& e) {
    // Unit separators keep field boundaries unambiguous ("ab","c" differs from "a","bc").
    const std::string canonical = fmt::format(
        "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", prev_hash, e.at,
        e.actor_user_id ? std::to_string(*e.actor_user_id) : "", e.actor, e.role, e.scope_path, e.action, e.title,
        e.object, e.outcome, e.request_id, e.client_address);
    return crypto::Hash(canonical);
}

namespace {

/// Appends inside the caller's transaction.
void Append(db::Connection& c, const AuditEntry& e) {
    if (c.dialect() == db::Dialect::kPostgres) c.ExecScript("LOCK TABLE audit_log IN EXCLUSIVE MODE");
    const auto tail = c.Query(kTail);
    const std::string prev = tail.empty() ? kGenesisHash : tail[0].Text(0);
    c.Execute(kInsert, {e.at, db::Opt(e.actor_user_id), e.actor, e.role, e.scope_path, e.action, e.title, e.object,
                        std::int64_t{e.outcome}, e.request_id, e.client_address, prev, AuditRowHash(prev, e)});
}

}  // namespace

void AuditLog::AppendIn(db::Connection& c, const AuditEntry& e) { Append(c, e); }

void AuditLog::Record(const AuditEntry& e) {
    if (writer_) {
        auto write = [e](db::Connection& c) { Append(c, e); };
        if (e.outcome >= 400) writer_->Post(write);
        else writer_->SubmitAndWait(write);
        return;
    }
    auto conn = database_.Acquire();
    db::Transaction tx(*conn, db::TxMode::kWrite);
    Append(*conn, e);
    tx.Commit();
}

AuditPage AuditLog::List(const AuditQuery& q) {
    if (writer_) writer_->Flush();  // every request answered before this read is in the page
    auto params = FilterParams(q);
    auto conn = database_.Acquire();
    AuditPage page;
    page.total = conn->Query(kCount, params)[0].Int(0);
    params.emplace_back(std::int64_t{q.page_size});
    params.emplace_back(std::int64_t{(q.page - 1) * q.page_size});
    for (const auto& r : conn->Query(kPage, params)) page.rows.push_back(ReadRow(r));
    return page;
}

AuditVerification AuditLog::Verify() {
    if (writer_) writer_->Flush();
    AuditVerification v;
    auto conn = database_.Acquire();
    std::int64_t after = 0;
    std::optional<std::string> prev;
    for (;;) {
        const auto batch = conn->Query(kChainPage, {after});
        if (batch.empty()) break;
        for (const auto& r : batch) {
            const AuditRow row = ReadRow(r);
            ++v.rows;
            after = row.id;
            if (prev && row.prev_hash != *prev) {
                v.first_bad_id = row.id;
                v.problem = "link broken: a row before it was changed or removed";
                return v;
            }
            if (AuditRowHash(row.prev_hash, row.entry) != row.row_hash) {
                v.first_bad_id = row.id;
                v.problem = "hash mismatch: this row was changed";
                return v;
            }
            prev = row.row_hash;
        }
    }
    return v;
}

std::int64_t AuditLog::Prune(int retention_days) {
    if (retention_days < 184)
        throw Error::Unprocessable("audit.retention_too_short", "日志保存期不得少于六个月（184 天）",
                                   "Logs must be kept at least six months (184 days)", "retention_days");
    const auto cutoff = std::chrono::system_clock::now() - std::chrono::days{retention_days};
    auto conn = database_.Acquire();
    db::Transaction tx(*conn, db::TxMode::kWrite);
    const auto n = conn->Execute(kPrune, {FormatShanghai(cutoff)});
    tx.Commit();
    return n;
}

}  // namespace kehou::auth
