// Confirmed department snapshots in the database. A record is stored as a flat JSON object of its schema fields
// (RecordFields, without the per-query `holder`) and read back through the same schema parser a file's rows go
// through (ParseJsonRows, ParseRecord), so what the database answers is what a batch file of it would answer.
#include "enrollment/snapshot_repo.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "db/insert_id.hpp"
#include "db/transaction.hpp"

namespace kehou::enrollment {
namespace {

namespace json = boost::json;

constexpr db::Query kInsertSnapshot{
    "en.insert_snapshot",
    "INSERT INTO en_source_snapshot (department, snapshot_date, records, bad_rows, confirmed_by, confirmed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr db::Query kInsertSnapshotReturning{
    "en.insert_snapshot",
    "INSERT INTO en_source_snapshot (department, snapshot_date, records, bad_rows, confirmed_by, confirmed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Query kVersions{"en.snapshot_versions",
                              "SELECT snapshot_date, confirmed_at, records, bad_rows FROM en_source_snapshot"
                              " WHERE department = $1 ORDER BY snapshot_date DESC"};
constexpr db::Query kExists{"en.snapshot_exists",
                            "SELECT 1 FROM en_source_snapshot WHERE department = $1 AND snapshot_date = $2"};
// ISO dates order as text, so the newest version is the greatest date on both engines.
constexpr db::Query kNewest{"en.snapshot_newest",
                            "SELECT id, snapshot_date FROM en_source_snapshot WHERE department = $1"
                            " ORDER BY snapshot_date DESC LIMIT 1"};
constexpr db::Query kRecordsOf{"en.snapshot_records_of",
                               "SELECT record_json FROM en_source_record WHERE snapshot_id = $1 AND person_hash = $2"
                               " ORDER BY position"};

// Rows per INSERT: 4 parameters each, within the 99 a statement of the data-access layer binds (sqlite_connection.cpp);
// one cached statement per 24 rows instead of one per row.
constexpr std::size_t kBatchRows = 24;

// Stored records are read back whatever today is: they were checked against the day they were loaded.
constexpr Date kFarFuture{std::chrono::year{9999} / 12 / 31};

std::string RecordJson(const Record& r) {
    json::object o;
    for (auto& [name, value] : RecordFields(r))
        if (name != "holder") o.emplace(name, value);  // the holder is the query's, not the department's
    return json::serialize(o);
}

std::string InsertSql(std::size_t rows) {
    std::string sql = "INSERT INTO en_source_record (snapshot_id, person_hash, position, record_json) VALUES ";
    for (std::size_t i = 0; i < rows; ++i) {
        const auto p = i * 4;
        sql += (i ? ",(" : "(") + ("$" + std::to_string(p + 1)) + ",$" + std::to_string(p + 2) + ",$" +
               std::to_string(p + 3) + ",$" + std::to_string(p + 4) + ")";
    }
    return sql;
}

// Writes the records in statements of kBatchRows rows.
void InsertRecords(db::Connection& c, std::int64_t snapshot_id, const BatchSource::Snapshot& snapshot) {
    const std::string full_sql = InsertSql(kBatchRows);
    std::vector<db::Value> params;
    params.reserve(kBatchRows * 4);
    auto flush = [&] {
        if (params.empty()) return;
        const std::size_t rows = params.size() / 4;
        const std::string partial = rows == kBatchRows ? std::string() : InsertSql(rows);
        c.Execute(db::Query{"en.insert_source_records", rows == kBatchRows ? full_sql : partial}, params);
        params.clear();
    };
    for (const auto& [hash, records] : snapshot.by_person)
        for (std::size_t i = 0; i < records.size(); ++i) {
            params.insert(params.end(), {db::Value{snapshot_id}, db::Value{hash},
                                         db::Value{static_cast<std::int64_t>(i)}, db::Value{RecordJson(records[i])}});
            if (params.size() == kBatchRows * 4) flush();
        }
    flush();
}

Error Exists() {
    return Error::Conflict("enrollment.snapshot_exists", "该快照日期的数据已导入，版本不可覆盖",
                           "A snapshot of this date is already loaded; a version is never overwritten",
                           "snapshot_date");
}

// A person's stored records, read through the schema parser as an endpoint's answer is.
std::vector<Record> ReadRecords(Department d, const db::Result& rows) {
    std::string array = "[";
    for (const auto& row : rows) array += (array.size() > 1 ? "," : "") + row.Text(0);
    array += "]";
    auto parsed = ParseJsonRows(array);
    if (!parsed) throw Error::Internal("enrollment: a stored record is not a JSON object");
    const IdHasher no_plain_numbers = [](std::string_view) { return std::string(); };
    std::vector<Record> out;
    for (const auto& row : *parsed) {
        ParsedRecord r = ParseRecord(d, row.fields, no_plain_numbers, false, kFarFuture);
        if (!r.record) throw Error::Internal("enrollment: a stored record breaks its schema");
        out.push_back(std::move(*r.record));
    }
    return out;
}

}  // namespace

SnapshotInfo PersistSnapshotIn(db::Connection& c, Department department, const BatchSource::Snapshot& snapshot,
                               std::optional<std::int64_t> confirmed_by, const std::string& confirmed_at) {
    const std::string date = FormatIsoDate(snapshot.info.snapshot_date);
    if (SnapshotExists(c, department, snapshot.info.snapshot_date)) throw Exists();
    SnapshotInfo info = snapshot.info;
    info.confirmed_at = confirmed_at;
    const db::Value params[] = {std::string(ToString(department)), date, std::int64_t{info.records},
                                std::int64_t{info.bad_rows},        db::Opt(confirmed_by), confirmed_at};
    std::int64_t id = 0;
    try {
        id = db::InsertForId(c, kInsertSnapshot, kInsertSnapshotReturning, params);
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbErrorKind::kUnique) throw Exists();  // confirmed by another process meanwhile
        throw;
    }
    InsertRecords(c, id, snapshot);
    return info;
}

SnapshotInfo PersistSnapshot(db::Database& database, Department department, const BatchSource::Snapshot& snapshot,
                             std::optional<std::int64_t> confirmed_by, const std::string& confirmed_at) {
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    SnapshotInfo info = PersistSnapshotIn(*c, department, snapshot, confirmed_by, confirmed_at);
    tx.Commit();
    return info;
}

std::vector<SnapshotInfo> ListSnapshotVersions(db::Connection& c, Department department) {
    std::vector<SnapshotInfo> out;
    for (const auto& row : c.Query(kVersions, {std::string(ToString(department))}))
        out.push_back({ParseIsoDate(row.Text(0)).value_or(Date{}), row.Text(1), static_cast<int>(row.Int(2)),
                       static_cast<int>(row.Int(3))});
    return out;
}

bool SnapshotExists(db::Connection& c, Department department, Date snapshot_date) {
    return !c.Query(kExists, {std::string(ToString(department)), FormatIsoDate(snapshot_date)}).empty();
}

StoredSnapshotSource::StoredSnapshotSource(db::Database& database, Department department)
    : database_(database), department_(department) {}

DepartmentAnswer StoredSnapshotSource::Query(const LookupKey& key, Deadline) {
    try {
        auto c = database_.Acquire();
        db::Transaction tx(*c, db::TxMode::kRead);  // the version and its records from one state of the database
        const auto newest = c->Query(kNewest, {std::string(ToString(department_))});
        if (newest.empty()) return UnavailableAnswer(department_, Unavailable::kError);  // nothing confirmed yet
        const std::int64_t snapshot_id = newest[0].Int(0);
        auto records_of = [&](const std::string& hash) {
            return ReadRecords(department_, c->Query(kRecordsOf, {snapshot_id, hash}));
        };
        DepartmentAnswer answer = AnswerFromSnapshot(department_, key, records_of, newest[0].Text(1));
        tx.Commit();
        return answer;
    } catch (const std::exception& e) {
        // The department's name and the failure only: the key's hashes stay out of the log.
        spdlog::warn("enrollment source {} (stored snapshot): {}", ToString(department_), e.what());
        return UnavailableAnswer(department_, Unavailable::kError);
    }
}

}  // namespace kehou::enrollment
