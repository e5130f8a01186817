#include "institutions/case_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

// Field work (inspect, file, follow the rectification) is the inspectors'; a county section chief or the city
// bureau can record it too. Decisions, closure (销号) and escalation are acts of the bureau (R6.4: the county
// authority decides), so an inspector proposes them and an administrator takes the step.
constexpr std::uint32_t kField = RoleBit(Role::kInspector) | RoleBit(Role::kDistrictAdmin) | RoleBit(Role::kCityAdmin);
constexpr std::uint32_t kBureau = RoleBit(Role::kDistrictAdmin) | RoleBit(Role::kCityAdmin);

using S = CaseState;
using E = CaseEvent;

// RULES R6.5 and issue 6 point 3; the diagram is in case_rules.hpp.
constexpr std::array<CaseTransition, 16> kTransitions{{
    {S::kScheduled, E::kInspect, S::kInspected, kField, false},
    {S::kInspected, E::kFindNoIssue, S::kClosedNoIssue, kField, false},
    {S::kInspected, E::kFindIssues, S::kIssuesFound, kField, false},
    {S::kIssuesFound, E::kIssueDecision, S::kDecisionIssued, kBureau, false},
    {S::kDecisionIssued, E::kFile, S::kFiled, kField, false},
    {S::kFiled, E::kStartRectification, S::kRectifying, kField, false},
    {S::kRectifying, E::kReinspect, S::kReinspected, kField, false},
    {S::kReinspected, E::kClose, S::kClosed, kBureau, false},
    {S::kReinspected, E::kResumeRectification, S::kRectifying, kField, false},
    {S::kReinspected, E::kFindUnresolved, S::kOverdue, kField, false},
    // The deadline can pass at any point before the re-inspection; the sweep marks it.
    {S::kDecisionIssued, E::kMarkOverdue, S::kOverdue, kField, true},
    {S::kFiled, E::kMarkOverdue, S::kOverdue, kField, true},
    {S::kRectifying, E::kMarkOverdue, S::kOverdue, kField, true},
    // Late but done: an overdue institution can still show its rectification (the overdue stays in the history).
    {S::kOverdue, E::kReinspect, S::kReinspected, kField, false},
    {S::kOverdue, E::kEscalate, S::kEscalated, kBureau, false},
    // Escalated = handed to the penalty procedure (立案 → 调查 → 告知 → 处罚决定, R6.5 last line); its outcome is a
    // new, stronger decision that runs the usual course to a re-inspected closure.
    {S::kEscalated, E::kIssueDecision, S::kDecisionIssued, kBureau, false},
}};

const CaseTransition* FindTransition(CaseState from, CaseEvent event) {
    for (const auto& t : kTransitions)
        if (t.from == from && t.event == event) return &t;
    return nullptr;
}

Error Illegal(CaseState from, CaseEvent event) {
    return Error::Conflict(
               "institutions.case_illegal_transition",
               fmt::format("案件当前状态为“{}”，不能执行“{}”", LabelZh(from), LabelZh(event)),
               fmt::format("The case is {}; '{}' is not allowed from this state", ToString(from), ToString(event)),
               "state")
        .WithDetail("state", std::string(ToString(from)))
        .WithDetail("event", std::string(ToString(event)));
}

const CaseTransition& Edge(CaseState from, CaseEvent event) {
    const CaseTransition* t = FindTransition(from, event);
    if (!t) throw Illegal(from, event);
    return *t;
}

// R6.5: "closure requires re-inspection evidence" — a passed re-inspection with at least one photo or PDF.
void RequireReinspection(const std::optional<Reinspection>& r) {
    if (!r || !r->passed || r->evidence_count < 1)
        throw Error::Unprocessable(
            "institutions.case_needs_reinspection", "销号须有复查通过的记录及至少一份复查证据（照片或文件）",
            "Closing a case needs a passed re-inspection with at least one piece of evidence", "reinspection");
}

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

// Severity order of registry statuses: a decision can only move an institution towards the end of this list.
int Severity(InstitutionStatus s) {
    return static_cast<int>(s);
}

InstitutionStatus Harsher(InstitutionStatus a, InstitutionStatus b) {
    return Severity(a) >= Severity(b) ? a : b;
}

InstitutionStatus ImpliedStatus(const Decision& d) {
    switch (d.kind) {
        case DecisionKind::kSuspend:
            return InstitutionStatus::kSuspended;
        case DecisionKind::kClose:
            return InstitutionStatus::kClosed;
        case DecisionKind::kPenalty:
            if (d.penalty == PenaltyKind::kStopOperating || d.penalty == PenaltyKind::kRevokeLicence)
                return InstitutionStatus::kClosed;
            return InstitutionStatus::kRectifying;
        case DecisionKind::kRectifyByDate:
        case DecisionKind::kStopEnrolling:
            return InstitutionStatus::kRectifying;
    }
    return InstitutionStatus::kRectifying;
}

}  // namespace

bool CaseTransition::Allows(Role r) const {
    return (role_mask & RoleBit(r)) != 0;
}

std::span<const CaseTransition> CaseTransitions() {
    return kTransitions;
}

CaseState NextCaseState(CaseState from, CaseEvent event, Role role, const std::optional<Reinspection>& reinspection) {
    const CaseTransition& t = Edge(from, event);
    if (!t.Allows(role))
        throw Error::Forbidden(
            "institutions.case_role_forbidden",
            fmt::format("案件当前状态为“{}”，您的角色不能执行“{}”", LabelZh(from), LabelZh(event)),
            fmt::format("The case is {}; the role {} may not '{}'", ToString(from), RoleName(role), ToString(event)))
            .WithDetail("state", std::string(ToString(from)));
    if (event == CaseEvent::kClose) RequireReinspection(reinspection);
    return t.to;
}

CaseState NextCaseStateAutomatic(CaseState from, CaseEvent event) {
    const CaseTransition& t = Edge(from, event);
    if (!t.automatic) throw Illegal(from, event);
    return t.to;
}

std::vector<CaseEvent> AllowedCaseEvents(CaseState from, Role role) {
    std::vector<CaseEvent> out;
    for (const auto& t : kTransitions)
        if (t.from == from && t.Allows(role)) out.push_back(t.event);
    return out;
}

bool CaseIsOpen(CaseState s) {
    return s != CaseState::kClosed && s != CaseState::kClosedNoIssue;
}

bool RectificationOverdue(CaseState s, std::optional<Date> rectify_by, Date today) {
    const bool awaiting = s == CaseState::kDecisionIssued || s == CaseState::kFiled || s == CaseState::kRectifying;
    // The deadline day itself is still in time: overdue from the next day on.
    return awaiting && rectify_by && std::chrono::sys_days{today} > std::chrono::sys_days{*rectify_by};
}

void ValidateDecision(const Decision& d, CaseState from) {
    // R6.5 invariant: each notice has an issuing authority and a legal basis.
    if (d.issuing_authority.empty())
        throw Invalid("institutions.decision_missing_authority", "处理决定须写明作出决定的机关",
                      "A decision names its issuing authority", "issuing_authority");
    if (d.legal_basis.empty())
        throw Invalid("institutions.decision_missing_legal_basis", "处理决定须写明法律依据",
                      "A decision states its legal basis", "legal_basis");
    const bool needs_deadline = d.kind == DecisionKind::kRectifyByDate || d.kind == DecisionKind::kSuspend;
    if (needs_deadline && (!d.rectify_by || std::chrono::sys_days{*d.rectify_by} <= std::chrono::sys_days{d.issued_on}))
        throw Invalid("institutions.decision_bad_deadline", "限期整改或停业整顿须写明晚于决定日期的整改期限",
                      "Rectification and suspension decisions need a deadline after the issue date", "rectify_by");
    if (d.kind == DecisionKind::kPenalty && !d.penalty)
        throw Invalid("institutions.decision_missing_penalty", "行政处罚须写明处罚种类",
                      "A penalty decision names the penalty type", "penalty");
    if (d.penalty == PenaltyKind::kFine && (!d.fine_fen || *d.fine_fen <= 0))
        throw Invalid("institutions.decision_bad_fine", "罚款须写明金额", "A fine needs a positive amount", "fine_fen");
    if (from == CaseState::kEscalated && d.kind == DecisionKind::kRectifyByDate)
        throw Invalid("institutions.decision_too_weak", "升级处理后须作出停业整顿、停止招生、关停或行政处罚决定",
                      "After escalation the decision is a suspension, stop-enrolling order, closure or penalty",
                      "kind");
}

InstitutionStatus StatusAfterDecision(InstitutionStatus current, const Decision& d) {
    return Harsher(current, ImpliedStatus(d));
}

InstitutionStatus StatusAfterCaseClosed(InstitutionStatus current) {
    if (current == InstitutionStatus::kRectifying || current == InstitutionStatus::kSuspended)
        return InstitutionStatus::kOperating;
    return current;
}

}  // namespace kehou::institutions
