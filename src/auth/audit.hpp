#pragma once
// The operation log (操作日志, RULES R4.6, R4.7): appended from route metadata after each audited
// request, hash-chained so tampering shows, verified by `kehou admin verify-audit`.

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "db/database.hpp"
#include "db/group_commit.hpp"

namespace kehou::auth {

/// The hash of the first row's predecessor.
inline const std::string kGenesisHash(64, '0');

/// The chain hash of one row: BLAKE2b over the previous hash and the row's fields.
std::string AuditRowHash(const std::string& prev_hash, const AuditEntry& e);

/// The outcome of checking the chain.
struct AuditVerification {
    std::int64_t rows = 0;
    std::optional<std::int64_t> first_bad_id;  // the first row whose hash or link does not hold
    std::string problem;
    bool Ok() const { return !first_bad_id; }
};

/// Filters for the audit page; all optional.
struct AuditQuery {
    std::string scope_path;  // the caller's scope: only actors inside it
    bool include_unattributed = false;  // also rows with scope "/" (anonymous, unknown account)
    std::optional<std::string> from_date, to_date;  // YYYY-MM-DD, inclusive, Asia/Shanghai
    std::optional<std::string> actor, action;
    std::optional<int> outcome_class;  // 2, 4 or 5: 2xx, 4xx, 5xx
    int page = 1, page_size = 50;
};

/// One page of audit rows and the total that matched.
struct AuditPage {
    std::vector<AuditRow> rows;
    std::int64_t total = 0;
};

/// Appends to and reads the operation log.
class AuditLog {
public:
    /// With a writer, entries join its batches (one fsync for many requests) instead of each taking a
    /// write transaction of its own.
    explicit AuditLog(db::Database& database, db::GroupCommitter* writer = nullptr)
        : database_(database), writer_(writer) {}

    /// Appends one entry durably before returning; the chain's tail is read inside the write, so several
    /// processes on one PostgreSQL keep one chain. With a writer, the entry of a refused request (4xx/5xx:
    /// nothing changed) is queued without waiting — durable with the next batch, milliseconds later — so a
    /// rush's "full" answers and an overload's 503s do not each wait for a disk flush.
    void Record(const AuditEntry& entry);
    /// Appends inside the caller's own write transaction (a batch job), so the change and its record
    /// commit or roll back together.
    static void AppendIn(db::Connection& c, const AuditEntry& entry);
    AuditPage List(const AuditQuery& q);
    AuditVerification Verify();
    /// Deletes rows older than retention_days (never fewer than 184, RULES R4.6); returns how many.
    std::int64_t Prune(int retention_days);

private:
    db::Database& database_;
    db::GroupCommitter* writer_;
};

}  // namespace kehou::auth
