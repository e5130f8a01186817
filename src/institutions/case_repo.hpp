#pragma once
// SQL of inspection cases, their history and evidence. Reads take the caller's scope path.

#include <optional>
#include <string>

#include "db/connection.hpp"
#include "institutions/case_model.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions::repo {

std::int64_t InsertCase(db::Connection& c, const CaseOpening& in, const std::string& org_path, std::int64_t by,
                        const std::string& now);
/// One line of history; returns its id.
std::int64_t InsertCaseEvent(db::Connection& c, std::int64_t case_id, const CaseEventRecord& e);
/// The case (without history), or nullopt when absent or outside the scope.
std::optional<InspectionCase> FindCase(db::Connection& c, const std::string& scope, std::int64_t id);
Page<InspectionCase> ListCases(db::Connection& c, const std::string& scope, const CaseFilter& f);
std::vector<CaseEventRecord> CaseEvents(db::Connection& c, std::int64_t case_id);
std::vector<EvidenceFile> CaseEvidence(db::Connection& c, std::int64_t case_id);
/// Moves a case from `from` to `to`; false when another request moved it first.
bool MoveCase(db::Connection& c, std::int64_t id, CaseState from, CaseState to, bool closes, const std::string& now);
void SetDecision(db::Connection& c, std::int64_t id, const StoredDecision& d);

/// Stores a file's bytes once under its hash (a second upload of the same bytes stores nothing).
void PutBlob(db::Connection& c, const std::string& sha256, const std::string& mime, std::string_view bytes);
std::int64_t InsertEvidence(db::Connection& c, std::int64_t case_id, const EvidenceFile& f, std::int64_t by);
/// Links unattached evidence of the case to an event; returns how many were linked.
int AttachEvidence(db::Connection& c, std::int64_t case_id, std::int64_t event_id, const std::vector<std::int64_t>& ids);
/// An evidence file's metadata and bytes when its case is inside the scope.
std::optional<std::pair<EvidenceFile, std::string>> EvidenceContent(db::Connection& c, const std::string& scope,
                                                                     std::int64_t evidence_id);

/// Whether the institution registered under `credit_code` has a case not yet closed (R6.5).
bool HasOpenCaseFor(db::Connection& c, const std::string& credit_code);

/// Cases awaiting rectification whose deadline is before `today` (ISO date), for the overdue sweep.
std::vector<InspectionCase> CasesPastDeadline(db::Connection& c, const std::string& today);

}  // namespace kehou::institutions::repo
