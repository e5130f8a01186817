#pragma once
// Inspection cases for inspectors and the county's section chief (issue 6 point 3, RULES R6.4–R6.5):
// open a case, move it through the state machine of case_rules.hpp with evidence, and the deadline sweep.

#include "core/principal.hpp"
#include "db/database.hpp"
#include "institutions/case_model.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions {

/// 证据文件限制 What an evidence upload may be: a photo or a PDF, at most 8 MiB.
inline constexpr std::size_t kMaxEvidenceBytes = 8u << 20;

/// Runs inspection cases on behalf of a principal. Thread-safe.
class CaseService {
public:
    explicit CaseService(db::Database& database);

    Page<InspectionCase> List(const Principal& p, CaseFilter f);
    /// The case with its history, evidence and the events the caller may take next; 404 outside the scope.
    InspectionCase Get(const Principal& p, std::int64_t id);
    /// Schedules an inspection of an institution in the caller's scope.
    InspectionCase Open(const Principal& p, const CaseOpening& in);
    /// Takes one event: 409 naming the current state for an illegal one, 403 for a role that may not, 422
    /// for a decision without authority/basis or a closure without a passed re-inspection with evidence.
    /// The case, its history, the decision, the evidence links and the institution's status change together.
    InspectionCase Act(const Principal& p, std::int64_t case_id, const CaseAction& action);
    /// Stores an uploaded photo or PDF (checked by its bytes, not its name) for a case in the caller's scope.
    EvidenceFile Upload(const Principal& p, std::int64_t case_id, std::string_view file_name, std::string_view bytes);
    /// An evidence file's metadata and bytes; 404 outside the scope.
    std::pair<EvidenceFile, std::string> Download(const Principal& p, std::int64_t evidence_id);

    /// R6.5 for the providers module: whether the institution registered under this credit code has a case not
    /// yet closed. An open case is a fact about the institution, the same whoever asks.
    bool HasOpenCase(const std::string& credit_code);

    /// Marks every case whose rectification deadline passed before `today` as overdue (the daily sweep);
    /// returns how many were marked. Safe to run from several processes at once.
    int SweepOverdue(const std::string& today);

private:
    /// The case for a write: 403 when it exists outside the scope, 404 when it does not.
    InspectionCase ForWrite(const Principal& p, std::int64_t id);

    db::Database& database_;
};

}  // namespace kehou::institutions
