#pragma once
// 部门数据快照（库） The departments' confirmed batch exports in the database (en_source_snapshot, en_source_record):
// each record kept as JSON of its schema fields only, keyed by the person's look-up hash, and a source that answers
// from the newest snapshot of its department exactly as an in-memory BatchSource answers (AnswerFromSnapshot).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "enrollment/batch_source.hpp"

namespace kehou::enrollment {

/// Writes a confirmed load — the snapshot row and every record — in one transaction of its own and returns the
/// version as listed. Throws kehou::Error 409 `enrollment.snapshot_exists` when the department already has a
/// snapshot of that date (a version is never overwritten). `confirmed_by` is the operator's user id (none for
/// the demo seed's system loads).
SnapshotInfo PersistSnapshot(db::Database& database, Department department, const BatchSource::Snapshot& snapshot,
                             std::optional<std::int64_t> confirmed_by, const std::string& confirmed_at);

/// The same inside the caller's write transaction, for a load of several departments that commits once (the seed).
SnapshotInfo PersistSnapshotIn(db::Connection& c, Department department, const BatchSource::Snapshot& snapshot,
                               std::optional<std::int64_t> confirmed_by, const std::string& confirmed_at);

/// Every confirmed version of a department, newest snapshot date first.
std::vector<SnapshotInfo> ListSnapshotVersions(db::Connection& c, Department department);

/// Whether the department has a snapshot of that date.
bool SnapshotExists(db::Connection& c, Department department, Date snapshot_date);

/// 库存数据源 One department answered from its newest confirmed snapshot in the database: unavailable/error before any
/// snapshot is confirmed, like a batch source with nothing loaded. Thread-safe: each query borrows a connection.
class StoredSnapshotSource : public DepartmentSource {
public:
    StoredSnapshotSource(db::Database& database, Department department);

    Department department() const override { return department_; }
    /// Never throws: a database failure is an unavailable/error answer (logged by department and kind only).
    DepartmentAnswer Query(const LookupKey& key, Deadline deadline) override;
    using DepartmentSource::Query;

private:
    db::Database& database_;
    Department department_;
};

}  // namespace kehou::enrollment
