#pragma once
// 准入 → 监管 → 退出 The provider status machine (RULES R2.3b–c, R2.4, R6.5 last invariant):
//
//   applied ─admit→ admitted ─suspend→ suspended ─reinstate→ admitted
//          └reject→ rejected ■          admitted | suspended ─exit(reason)→ exited ■
//
// Every move is the county bureau's (district_admin): schools may not bring providers in (R2.3c) and the city
// bureau only reads. The provider itself may take one move: exit, and only for the reason `voluntary`. rejected
// and exited are final — applying again makes a new record, under CheckNewApplication. Data scope (which county)
// is the service's business, not this table's.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "providers/model.hpp"

namespace kehou::providers {

/// One edge of the status graph with the roles that may take it.
struct StatusTransition {
    ProviderStatus from;
    ProviderEvent event;
    ProviderStatus to;
    std::uint32_t role_mask;  // bit RoleBit(r) for each role allowed (for exit: for any reason)
};

/// The bit of a role in StatusTransition::role_mask.
constexpr std::uint32_t RoleBit(Role r) {
    return 1u << static_cast<unsigned>(r);
}

/// The whole transition table, for the service, the docs and the exhaustive tests.
std::span<const StatusTransition> StatusTransitions();

/// What a county administrator (or the provider) asks for, with what the move needs.
struct Move {
    ProviderEvent event = ProviderEvent::kAdmit;
    std::string reason;                     // required (non-blank) to reject and to suspend; kept for any move
    std::optional<ExitReason> exit_reason;  // required to exit
    bool open_inspection_case = false;      // the institutions module's answer for this credit code (R6.5)
};

/// Whether `role` may take `event` (exit: for `exit_reason`): the county administrator any edge, the provider only
/// a voluntary exit, nobody else anything.
bool MayTake(ProviderEvent event, std::optional<ExitReason> exit_reason, Role role);

/// The status after the move, or throws, checked in this order: 409 `providers.illegal_transition` (field
/// "status", details status and event) when the graph has no such edge; 422 `providers.exit_reason_required`
/// (field "exit_reason"); 403 `providers.role_forbidden` (a school's admission refused as R2.3c says); 422
/// `providers.reason_required` (field "reason") to reject or suspend without a reason; 422
/// `providers.open_inspection_case` (field "open_inspection_case") to admit or reinstate while an inspection case
/// is open — reinstating puts the provider back on the white list, which R6.5 forbids just as it forbids admission.
ProviderStatus NextStatus(ProviderStatus from, const Move& move, Role role);

/// The events `role` may take from `from` (the buttons on the county's page; a provider sees exit when admitted
/// or suspended).
std::vector<ProviderEvent> AllowedEvents(ProviderStatus from, Role role);

/// Only an admitted provider is on the white list: schools may choose it and publish its courses (R2.4a).
bool OnWhiteList(ProviderStatus s);

/// rejected and exited records never move again.
bool IsFinal(ProviderStatus s);

/// R2.4, opinion ¶(8): recruiting pupils in school costs the provider its qualification, and a revoked licence
/// leaves nothing to admit; either exit puts the credit code on the black list.
bool BlackListed(ExitReason r);

/// An earlier record of the same credit code, as CheckNewApplication weighs it.
struct PastRecord {
    ProviderStatus status = ProviderStatus::kApplied;
    std::optional<ExitReason> exit_reason;  // set for exited
    std::optional<Date> exited_on;          // set for exited
};

/// Whether a new application may be recorded, given the code's earlier records; throws 409
/// `providers.application_open` (field credit_code) while one is applied, admitted or suspended, 422
/// `providers.black_listed` after a black-listing exit, 422 `providers.reapply_too_soon` (detail `from`, the first
/// day it may) within `reapply_after_evaluation_exit_months` of an exit for a poor evaluation. A rejection or a
/// voluntary exit does not bar applying again.
void CheckNewApplication(const std::vector<PastRecord>& records, Date today, const AdmissionPolicy& policy);

}  // namespace kehou::providers
