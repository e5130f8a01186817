#pragma once
// Inspection cases as stored and shown (issue 6 point 3, RULES R6.4–R6.5): the case, its history of
// transitions, and the evidence files (photos, PDF) kept by content hash.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "institutions/model.hpp"

namespace kehou::institutions {

/// One transition in a case's history, never edited.
struct CaseEventRecord {
    std::int64_t id = 0;
    CaseState from = CaseState::kScheduled;
    CaseState to = CaseState::kScheduled;
    std::string event;  // CaseEvent code, or "open" for the case's first line
    std::optional<std::int64_t> actor_id;
    std::string actor_name;
    std::string actor_role;
    std::string at;
    std::string note;
    std::optional<bool> passed;  // a re-inspection's outcome
};

/// 证据 An uploaded file, stored once by its SHA-256.
struct EvidenceFile {
    std::int64_t id = 0;
    std::optional<std::int64_t> event_id;  // the transition it supports; none while waiting to be attached
    std::string sha256;
    std::string file_name;
    std::string mime;
    std::int64_t size_bytes = 0;
    std::string uploaded_at;
};

/// The decision recorded on a case, as stored (dates as ISO text).
struct StoredDecision {
    DecisionKind kind = DecisionKind::kRectifyByDate;
    std::string issuing_authority;
    std::string legal_basis;
    std::string issued_on;
    std::optional<std::string> rectify_by;
    std::optional<PenaltyKind> penalty;
    std::optional<std::int64_t> fine_fen;
};

/// 检查案件 An inspection case.
struct InspectionCase {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string org_path;
    std::string unit_code, unit_name;  // the institution's county
    std::optional<std::int64_t> complaint_id;
    CaseState state = CaseState::kScheduled;
    std::string scheduled_for;
    std::optional<std::int64_t> inspector_id;
    std::optional<StoredDecision> decision;
    std::string opened_at, updated_at;
    std::optional<std::string> closed_at;
    std::vector<CaseEventRecord> events;      // oldest first (detail only)
    std::vector<EvidenceFile> evidence;       // detail only
    std::vector<CaseEvent> allowed_events;    // what the caller may do next (detail only)
};

/// How a case list is narrowed.
struct CaseFilter {
    std::optional<CaseState> state;
    std::optional<std::int64_t> institution_id;
    std::optional<std::int64_t> complaint_id;  // the cases opened from one complaint
    bool open_only = false;
    int page = 1, page_size = 50;
};

/// What a user does to a case: the event, a note, and what the event needs.
struct CaseAction {
    CaseEvent event = CaseEvent::kInspect;
    std::string note;
    std::optional<bool> passed;                 // reinspect: did the institution rectify?
    std::optional<Decision> decision;           // issue_decision
    std::vector<std::int64_t> evidence_ids;     // uploaded files this event rests on
};

/// A new case: which institution, when the inspection is planned, who goes, what prompted it.
struct CaseOpening {
    std::int64_t institution_id = 0;
    std::string scheduled_for;
    std::optional<std::int64_t> inspector_id;
    std::optional<std::int64_t> complaint_id;
    std::string note;
};

}  // namespace kehou::institutions
