#include "enrollment/batch_source.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.hpp"
#include "io/tabular.hpp"

namespace kehou::enrollment {
namespace {

// One row of either format, before the schema reads it.
struct SourceRow {
    int line = 0;
    FieldMap fields;
    std::string bad_field;  // a JSON value that is not flat
};

int DayNumber(Date d) {
    return std::chrono::sys_days(d).time_since_epoch().count();
}

bool KnownColumn(Department d, std::string_view name) {
    if (name == "id_number" || name == "id_hash") return true;
    if (d == Department::kBirth && (name == "father_id_number" || name == "mother_id_number")) return true;
    const auto& fields = DepartmentFields(d);
    return std::find(fields.begin(), fields.end(), name) != fields.end();
}

std::string HeaderName(std::string_view raw) {
    std::string s;
    for (unsigned char c : raw)
        if (!std::isspace(c)) s.push_back(static_cast<char>(std::tolower(c)));
    return s;
}

Error MissingColumn(const std::string& column) {
    return Error::BadRequest("enrollment.source_column_missing", "文件缺少列：" + column,
                             "The file lacks the column " + column, column)
        .WithDetail("line", std::int64_t{1});
}

std::vector<SourceRow> CsvRows(Department d, std::string_view bytes, std::vector<std::string>& ignored) {
    io::Table table = io::ReadCsv(bytes);
    if (table.error)
        throw Error::BadRequest("enrollment.source_file_unreadable", "无法读取文件：" + table.error->message_zh,
                                "Cannot read the file: " + table.error->message_en, "file");
    if (table.rows.empty())
        throw Error::BadRequest("enrollment.source_file_empty", "文件为空", "The file is empty", "file");
    std::vector<std::string> header;
    for (const auto& cell : table.rows[0]) header.push_back(HeaderName(cell));
    auto has = [&](std::string_view c) { return std::find(header.begin(), header.end(), c) != header.end(); };
    if (!has("id_number") && !has("id_hash")) throw MissingColumn("id_number");
    for (const auto& f : RequiredFields(d))
        if (!has(f)) throw MissingColumn(f);
    for (const auto& h : header)
        if (!h.empty() && !KnownColumn(d, h)) ignored.push_back(h);
    std::vector<SourceRow> out;
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        SourceRow row{table.lines[i], {}, {}};
        for (std::size_t c = 0; c < header.size() && c < table.rows[i].size(); ++c)
            if (KnownColumn(d, header[c])) row.fields[header[c]] = table.rows[i][c];
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<SourceRow> JsonFileRows(Department d, std::string_view bytes, std::vector<std::string>& ignored) {
    auto rows = ParseJsonRows(bytes);
    if (!rows)
        throw Error::BadRequest("enrollment.source_json_invalid", "文件不是对象组成的 JSON 数组",
                                "The file is not a JSON array of objects", "file");
    std::set<std::string> unknown;
    std::vector<SourceRow> out;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        SourceRow row{static_cast<int>(i + 1), {}, (*rows)[i].bad_field};
        for (auto& [k, v] : (*rows)[i].fields) {
            if (KnownColumn(d, k))
                row.fields[k] = std::move(v);
            else
                unknown.insert(k);
        }
        out.push_back(std::move(row));
    }
    ignored.assign(unknown.begin(), unknown.end());
    return out;
}

bool Blank(const SourceRow& row) {
    return row.bad_field.empty() && std::all_of(row.fields.begin(), row.fields.end(), [](const auto& kv) {
               return std::all_of(kv.second.begin(), kv.second.end(), [](unsigned char c) { return std::isspace(c); });
           });
}

Error NotPending() {
    return Error::Conflict("enrollment.load_not_pending", "该批数据已确认、已放弃或不存在，请重新上传",
                           "This load was already confirmed or discarded, or never staged; upload it again");
}

Error SnapshotExists() {
    return Error::Conflict("enrollment.snapshot_exists", "该快照日期的数据已导入，版本不可覆盖",
                           "A snapshot of this date is already loaded; a version is never overwritten",
                           "snapshot_date");
}

}  // namespace

BatchSource::BatchSource(Department department, IdHasher hasher, std::function<TimePoint()> now)
    : department_(department), hasher_(std::move(hasher)), now_(std::move(now)) {}

BatchSource::Snapshot BatchSource::Parse(std::string_view bytes, FileFormat format, Date date,
                                         SnapshotPreview& preview) const {
    std::vector<SourceRow> rows = format == FileFormat::kCsv
                                      ? CsvRows(department_, bytes, preview.ignored_columns)
                                      : JsonFileRows(department_, bytes, preview.ignored_columns);
    const Date today{std::chrono::floor<std::chrono::days>(now_() + kShanghaiOffset)};
    Snapshot snap;
    snap.info.snapshot_date = date;
    std::map<std::string, int> first_line;  // person → the line that named them first
    std::set<int> bad_lines;
    for (const auto& row : rows) {
        if (Blank(row)) continue;
        ++preview.data_rows;
        ParsedRecord parsed = ParseRecord(department_, row.fields, hasher_, true, today);
        if (!row.bad_field.empty())
            parsed.problems.push_back({0, row.bad_field, "应为单个值", "Must be a single value"});
        // One household, birth certificate, student record, insurance run or permit per person; homes may be many.
        if (parsed.problems.empty() && department_ != Department::kProperty) {
            auto [it, fresh] = first_line.emplace(parsed.person_hash, row.line);
            if (!fresh)
                parsed.problems.push_back({0, "id_number", "与第 " + std::to_string(it->second) + " 行为同一人",
                                           "Same person as line " + std::to_string(it->second)});
        }
        for (auto& p : parsed.problems) {
            p.line = row.line;
            bad_lines.insert(row.line);
            preview.problems.push_back(std::move(p));
        }
        if (parsed.problems.empty() && parsed.record) snap.by_person[parsed.person_hash].push_back(*parsed.record);
    }
    preview.bad_rows = static_cast<int>(bad_lines.size());
    preview.good_rows = preview.data_rows - preview.bad_rows;
    snap.info.records = preview.good_rows;
    snap.info.bad_rows = preview.bad_rows;
    return snap;
}

SnapshotPreview BatchSource::Stage(std::string_view bytes, FileFormat format, Date snapshot_date) {
    if (!snapshot_date.ok())
        throw Error::BadRequest("enrollment.snapshot_date_invalid", "快照日期无效", "Invalid snapshot date",
                                "snapshot_date");
    {
        std::lock_guard lock(mu_);
        if (loaded_.contains(DayNumber(snapshot_date))) throw SnapshotExists();
    }
    SnapshotPreview preview;
    preview.snapshot_date = snapshot_date;
    Snapshot snap = Parse(bytes, format, snapshot_date, preview);  // outside the lock: queries go on meanwhile
    std::lock_guard lock(mu_);
    preview.load_id = next_load_id_++;
    staged_.emplace(preview.load_id, std::move(snap));
    return preview;
}

SnapshotInfo BatchSource::Confirm(std::int64_t load_id) {
    std::lock_guard lock(mu_);
    auto it = staged_.find(load_id);
    if (it == staged_.end()) throw NotPending();
    const int day = DayNumber(it->second.info.snapshot_date);
    if (loaded_.contains(day)) throw SnapshotExists();  // another load of that date was confirmed meanwhile
    it->second.info.confirmed_at = FormatShanghai(now_());
    auto snap = std::make_shared<const Snapshot>(std::move(it->second));
    staged_.erase(it);
    loaded_.emplace(day, snap);
    return snap->info;
}

void BatchSource::Discard(std::int64_t load_id) {
    std::lock_guard lock(mu_);
    if (staged_.erase(load_id) == 0) throw NotPending();
}

std::optional<Date> BatchSource::CurrentVersion() const {
    std::lock_guard lock(mu_);
    if (loaded_.empty()) return std::nullopt;
    return loaded_.rbegin()->second->info.snapshot_date;
}

std::vector<SnapshotInfo> BatchSource::Versions() const {
    std::lock_guard lock(mu_);
    std::vector<SnapshotInfo> out;
    for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) out.push_back(it->second->info);
    return out;
}

DepartmentAnswer BatchSource::Query(const LookupKey& key, Deadline) {
    std::shared_ptr<const Snapshot> snap;
    {
        std::lock_guard lock(mu_);
        if (!loaded_.empty()) snap = loaded_.rbegin()->second;
    }
    if (!snap) return UnavailableAnswer(department_, Unavailable::kError);  // nothing loaded yet: an outage
    auto records_of = [&snap](const std::string& hash) {
        auto it = snap->by_person.find(hash);
        return it == snap->by_person.end() ? std::vector<Record>{} : it->second;
    };
    return AnswerFromSnapshot(department_, key, records_of, FormatIsoDate(snap->info.snapshot_date));
}

DepartmentAnswer AnswerFromSnapshot(Department d, const LookupKey& key, const RecordsOf& records_of,
                                    std::string synced_at) {
    std::vector<Record> records;
    auto take = [&](const std::string& hash, std::optional<Parent> holder) {
        if (hash.empty()) return;
        for (Record r : records_of(hash)) {
            if (holder)
                std::visit(
                    [&](auto& rec) {
                        if constexpr (requires { rec.holder; }) rec.holder = *holder;
                    },
                    r);
            records.push_back(std::move(r));
        }
    };
    if (PerParent(d)) {
        if (key.father_hash.empty() && key.mother_hash.empty()) return UnavailableAnswer(d, Unavailable::kMissingKey);
        take(key.father_hash, Parent::kFather);
        take(key.mother_hash, Parent::kMother);
    } else {
        if (key.child_hash.empty()) return UnavailableAnswer(d, Unavailable::kMissingKey);
        take(key.child_hash, std::nullopt);
    }
    return FoundAnswer(d, std::move(records), std::move(synced_at), key);
}

}  // namespace kehou::enrollment
