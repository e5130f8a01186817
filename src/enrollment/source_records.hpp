#pragma once
// 部门数据格式 The documented schema of each department's records (docs/enrollment.md, "Department sources"): a
// flat row of named text fields, the same names in a CSV header, a JSON export and an endpoint's answer, parsed
// into the typed records of source.hpp. Shared by the batch and the HTTP adapter so both read one schema.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrollment/source.hpp"

namespace kehou::enrollment {

/// One row as a file or an endpoint gives it: field name → text (JSON numbers and booleans as text).
using FieldMap = std::map<std::string, std::string, std::less<>>;

/// One finding about a row: the field at fault (its schema name) and why, in Chinese and English.
struct RecordProblem {
    int line = 0;  // CSV: the physical line (header = 1); JSON: the element's position (first = 1)
    std::string field;
    std::string message_zh, message_en;
};

/// Turns a plain identity number into its keyed look-up hash (crypto::KeyedHash under the PII key).
using IdHasher = std::function<std::string(std::string_view id_number)>;

/// A row parsed: whose record it is (the hash of the person the row is keyed by; empty in an endpoint's answer,
/// which the query keyed), the record, or the problems that keep it out.
struct ParsedRecord {
    std::string person_hash;
    std::optional<Record> record;
    std::vector<RecordProblem> problems;
};

/// Parses one row of a department. `keyed` rows (batch files) must name their person by `id_number` (hashed
/// here at once, the plain number is dropped) or `id_hash`. Fields outside the schema are ignored, never stored.
ParsedRecord ParseRecord(Department d, const FieldMap& row, const IdHasher& hasher, bool keyed, Date today);

/// A record as schema fields (dates ISO, flags "true"/"false"): for comparing two answers and for display.
FieldMap RecordFields(const Record& r);

/// The schema fields that are required in every row of the department (besides the key).
std::vector<std::string> RequiredFields(Department d);

/// A JSON array of flat objects as rows; `bad_field` names a value that is not flat (or "(row)" for an element
/// that is not an object) so the caller reports it on that element.
struct JsonRow {
    FieldMap fields;
    std::string bad_field;
};
/// A batch export: the whole text must be a JSON array; nullopt when it is not.
std::optional<std::vector<JsonRow>> ParseJsonRows(std::string_view text);
/// An endpoint's answer: an object {"records": [...]}; nullopt when it is not.
std::optional<std::vector<JsonRow>> ParseJsonAnswer(std::string_view text);

}  // namespace kehou::enrollment
