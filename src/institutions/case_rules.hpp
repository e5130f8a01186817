#pragma once
// The inspection-case state machine (RULES R6.5, issue 6 point 3) and the decisions it carries (R6.4):
//
//   scheduled ─inspect→ inspected ─find_no_issue→ closed_no_issue ■
//                                 └find_issues→ issues_found ─issue_decision→ decision_issued ─file→ filed
//   filed ─start_rectification→ rectifying ─reinspect→ reinspected ─close→ closed (销号) ■
//                                                       ├resume_rectification→ rectifying
//                                                       └find_unresolved→ overdue
//   decision_issued | filed | rectifying ─mark_overdue→ overdue ─escalate→ escalated
//   overdue ─reinspect→ reinspected            (late but done: it can still be re-inspected and closed)
//   escalated ─issue_decision→ decision_issued (the stronger decision of the penalty procedure, 立案 → 处罚决定;
//                                               it runs the same course: filed → rectifying → re-inspected →
//                                               closed, so even a closure ends on a re-inspection)
//
// Inspectors do the field work; the bureau (district_admin, or city_admin for the city's own cases) issues
// decisions and escalates. Data scope (which county) is the service's business, not this table's.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "institutions/model.hpp"

namespace kehou::institutions {

/// One edge of the case graph with the roles that may take it.
struct CaseTransition {
    CaseState from;
    CaseEvent event;
    CaseState to;
    std::uint32_t role_mask;  // bit RoleBit(r) set for each role allowed
    bool automatic;           // the daily deadline sweep may also take it (no user acting)

    bool Allows(Role r) const;
};

/// The bit of a role in CaseTransition::role_mask.
constexpr std::uint32_t RoleBit(Role r) {
    return 1u << static_cast<unsigned>(r);
}

/// The whole transition table (R6.5), for the service, the docs and the exhaustive tests.
std::span<const CaseTransition> CaseTransitions();

/// The state after `event`, or throws: 409 `institutions.case_illegal_transition` naming the current state
/// (field "state", detail "state") when the graph has no such edge; 403 `institutions.case_role_forbidden`
/// when the role may not take it; 422 `institutions.case_needs_reinspection` (field "reinspection") when
/// closing without a passed re-inspection that has at least one piece of evidence (R6.5 invariant).
CaseState NextCaseState(CaseState from, CaseEvent event, Role role,
                        const std::optional<Reinspection>& reinspection = std::nullopt);

/// The state after an automatic event (the daily sweep marking overdue cases); throws 409 for any edge not
/// marked automatic.
CaseState NextCaseStateAutomatic(CaseState from, CaseEvent event);

/// The events `role` may take from `from` (the buttons an inspector or a section chief sees).
std::vector<CaseEvent> AllowedCaseEvents(CaseState from, Role role);

/// R6.5: a case is open until it is closed (销号) or closed without issue. An institution with an open case,
/// even one merely scheduled, cannot be admitted as an after-school provider (R2.3): the county admits it
/// once the inspection concludes. The literal reading keeps the rule simple to state and to check.
bool CaseIsOpen(CaseState s);

/// Whether the daily sweep should mark a case overdue: it awaits rectification (decision issued, filed or
/// rectifying) and `today` is after the decision's rectify-by date.
bool RectificationOverdue(CaseState s, std::optional<Date> rectify_by, Date today);

/// R6.4, R6.5: a decision names its issuing authority and legal basis; rectify-by-date and suspend decisions
/// carry a deadline after the issue date; a penalty names its type, and a fine its positive amount. After an
/// escalation a mere rectify-by-date is refused: escalating exists to reach a stronger decision. Throws 422.
void ValidateDecision(const Decision& d, CaseState from);

/// The registry status a decision puts an institution in: rectify-by-date, stop-enrolling and the lighter
/// penalties → rectifying, suspend → suspended, close and the stop-operating / revoke penalties → closed. A
/// status never gets milder through a decision (a suspended institution told to rectify stays suspended).
InstitutionStatus StatusAfterDecision(InstitutionStatus current, const Decision& d);
/// The registry status once a case is closed (销号): rectifying and suspended institutions operate again;
/// closed and cancelled ones stay as they are (the re-inspection verified the closure).
InstitutionStatus StatusAfterCaseClosed(InstitutionStatus current);

}  // namespace kehou::institutions
