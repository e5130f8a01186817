#pragma once
// 批量数据源 A department's file export (CSV with a header, UTF-8; or a JSON array) loaded as a versioned snapshot:
// the snapshot date is the version and the newest date answers queries; earlier versions stay for audit. A load
// is staged first (every bad row reported with its line and field) and applies only when confirmed, as the
// roster import does. In memory for this slice; the dossier service will persist snapshots.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "enrollment/source.hpp"
#include "enrollment/source_records.hpp"

namespace kehou::enrollment {

/// The two export formats a department sends.
enum class FileFormat { kCsv, kJson };

/// What a staged load found, for the operator to confirm or fix.
struct SnapshotPreview {
    std::int64_t load_id = 0;
    Date snapshot_date;
    int data_rows = 0;  // non-blank rows, header excluded
    int good_rows = 0;
    int bad_rows = 0;
    std::vector<RecordProblem> problems;       // by line; the rows they name are not applied
    std::vector<std::string> ignored_columns;  // outside the schema: read by nobody, stored nowhere (R4.3)
};

/// One person's records in a snapshot, by look-up hash; empty when the snapshot holds none for them.
using RecordsOf = std::function<std::vector<Record>(const std::string& person_hash)>;

/// How a snapshot answers a key, wherever its rows are kept (in memory here, in the database for
/// StoredSnapshotSource): child-keyed departments by the child's hash, per-parent ones by each parent's hash with
/// `holder` set; missing_key when the key lacks what the department is keyed by; not_found, verified or mismatch
/// as FoundAnswer decides.
DepartmentAnswer AnswerFromSnapshot(Department d, const LookupKey& key, const RecordsOf& records_of,
                                    std::string synced_at);

/// One confirmed version, as the audit sees it.
struct SnapshotInfo {
    Date snapshot_date;
    std::string confirmed_at;  // RFC 3339, Shanghai
    int records = 0;
    int bad_rows = 0;
};

/// A department's snapshots and the loads waiting for confirmation. Thread-safe: queries run while a load is
/// staged or confirmed.
class BatchSource : public DepartmentSource {
public:
    /// `hasher` turns the export's plain identity numbers into look-up hashes as each row is read.
    BatchSource(
        Department department, IdHasher hasher,
        std::function<TimePoint()> now = [] { return std::chrono::system_clock::now(); });

    Department department() const override { return department_; }
    DepartmentAnswer Query(const LookupKey& key, Deadline deadline) override;
    using DepartmentSource::Query;

    /// Reads and checks an export; applies nothing. Throws kehou::Error (400) when the file as a whole cannot be
    /// read or lacks a column, and (409) when that snapshot date is already loaded.
    SnapshotPreview Stage(std::string_view bytes, FileFormat format, Date snapshot_date);
    /// Applies a staged load's good rows as the snapshot of its date. 409 when the load is not pending.
    SnapshotInfo Confirm(std::int64_t load_id);
    /// Drops a staged load without applying it.
    void Discard(std::int64_t load_id);

    /// The version that answers queries: the newest snapshot date loaded.
    std::optional<Date> CurrentVersion() const;
    /// Every confirmed version, newest first.
    std::vector<SnapshotInfo> Versions() const;

    /// A staged or loaded snapshot's rows: person hash → records.
    struct Snapshot {
        SnapshotInfo info;
        std::map<std::string, std::vector<Record>> by_person;
    };

    /// Reads and checks an export into a snapshot of that date, filling the preview (not its load_id); keeps
    /// nothing. Stage's own reading, public so the stored snapshots (source_service.hpp) stage files alike.
    Snapshot Parse(std::string_view bytes, FileFormat format, Date date, SnapshotPreview& preview) const;

private:

    Department department_;
    IdHasher hasher_;
    std::function<TimePoint()> now_;
    mutable std::mutex mu_;
    std::map<std::int64_t, Snapshot> staged_;
    std::map<int, std::shared_ptr<const Snapshot>> loaded_;  // by sys_days count of the snapshot date
    std::int64_t next_load_id_ = 1;
};

}  // namespace kehou::enrollment
