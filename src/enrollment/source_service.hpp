#pragma once
// 部门数据服务 The six departments as the application service asks them — each one an endpoint on the government
// network when configured, else its confirmed snapshots in the database — and the data-exchange operator's loads:
// stage a department's export (every bad row by line, nothing applied), confirm it as a new version, or discard it.
// Only a city administrator (scope: the city) loads; city and county administrators read the versions.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "core/time.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "enrollment/batch_source.hpp"
#include "enrollment/http_source.hpp"

namespace kehou::enrollment {

/// Which departments answer over HTTP; every other one answers from its stored snapshots.
struct SourceConfig {
    std::map<Department, HttpSourceOptions> endpoints;
};

/// Reads the `enrollment_endpoints` setting: "household=http://10.1.2.3:8080/share/v1,property=http://…"; empty
/// text is no endpoint. Throws kehou::Error 400 `enrollment.endpoints_invalid` naming the bad entry.
SourceConfig ParseSourceEndpoints(std::string_view text);

/// The one way identity numbers become look-up hashes: the vault's keyed hash of the number normalised (trimmed,
/// `x` upper-cased), so a load, an application and the seed hash a number alike.
IdHasher MakeIdHasher(const crypto::PiiVault& vault);

/// One department as the operator's page lists it.
struct SourceSummary {
    Department department = Department::kHousehold;
    bool http = false;                     // answered by an endpoint; its stored versions are kept for audit
    std::optional<Date> current_version;   // the snapshot that answers (stored snapshots only)
    std::vector<SnapshotInfo> versions;    // newest first
};

/// A confirmed load: the department and the version it became.
struct ConfirmedLoad {
    Department department = Department::kHousehold;
    SnapshotInfo version;
};

/// The departments' data of one process. Staged loads are held in this process's memory until confirmed,
/// discarded or 24 hours old (at most kMaxStaged at once): a restart drops them and the operator uploads again.
/// Thread-safe.
class SourceService {
public:
    static constexpr std::size_t kMaxStaged = 16;

    SourceService(
        db::Database& database, const crypto::PiiVault& vault, SourceConfig config,
        std::function<TimePoint()> now = [] { return std::chrono::system_clock::now(); });

    /// One source per department, in kAllDepartments order, for QueryAll.
    std::vector<std::shared_ptr<DepartmentSource>> Sources() const { return sources_; }
    IdHasher Hasher() const { return MakeIdHasher(vault_); }

    /// 403 `auth.forbidden` unless the caller is the city's data-exchange operator (a city administrator whose scope
    /// is the city): the routes ask before reading anything else of the request.
    static void RequireOperator(const Principal& p);

    /// Reads and checks an export (BatchSource's reading); applies nothing. 403 unless the city's administrator;
    /// 400 when the file cannot be read or lacks a column; 409 `enrollment.snapshot_exists` for a date loaded.
    SnapshotPreview Stage(const Principal& p, Department department, std::string_view bytes, FileFormat format,
                          Date snapshot_date);
    /// Writes the staged load's good rows as the department's snapshot of its date (one transaction). 404 for an
    /// unknown load or another operator's; 409 when that date was confirmed meanwhile.
    ConfirmedLoad Confirm(const Principal& p, std::int64_t load_id);
    /// Drops a staged load and names its department. 404 as for Confirm.
    Department Discard(const Principal& p, std::int64_t load_id);
    /// Every department with its versions. 403 unless a city or county administrator.
    std::vector<SourceSummary> List(const Principal& p);

private:
    struct Staged {
        Department department;
        std::int64_t user_id;
        TimePoint staged_at;
        BatchSource::Snapshot snapshot;
    };
    /// Removes and returns the caller's staged load; 404 otherwise.
    Staged Take(const Principal& p, std::int64_t load_id);
    void DropExpired();

    db::Database& database_;
    const crypto::PiiVault& vault_;
    SourceConfig config_;
    std::function<TimePoint()> now_;
    std::vector<std::shared_ptr<DepartmentSource>> sources_;
    std::mutex mu_;
    std::map<std::int64_t, Staged> staged_;
    std::int64_t next_load_id_;  // from the clock: a restarted process does not hand out an old id again
};

}  // namespace kehou::enrollment
