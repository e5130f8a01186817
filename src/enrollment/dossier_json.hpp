#pragma once
// The stored forms of a pull and of the family's declarations: the departments' answers as JSON text holding only
// the schema fields (R4.3), read back into typed answers for a rebuild after review.

#include <string>
#include <vector>

#include "enrollment/dossier.hpp"
#include "enrollment/source_records.hpp"

namespace kehou::enrollment {

/// One record given as schema fields (a stored record, or what a reviewer read off the paper), the per-parent
/// `holder` ("father" / "mother") included.
ParsedRecord ParseFieldRecord(Department d, const FieldMap& fields, const IdHasher& hasher, Date today);

std::string AnswersText(const std::vector<DepartmentAnswer>& answers);
/// The stored answers; the records are re-read through the schema (unkeyed rows: no hashing needed).
std::vector<DepartmentAnswer> ParseAnswersText(const std::string& text, Date today);

std::string DeclarationsText(const Declarations& d);
Declarations ParseDeclarationsText(const std::string& text);

/// Records as the schema's field maps, for the review JSON and the stored review.
std::string RecordsText(const std::vector<FieldMap>& records);
std::vector<FieldMap> ParseRecordsText(const std::string& text);

}  // namespace kehou::enrollment
