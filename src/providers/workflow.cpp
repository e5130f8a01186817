#include "providers/workflow.hpp"

#include <fmt/format.h>

#include <array>

#include "core/time.hpp"
#include "providers/rules.hpp"

namespace kehou::providers {
namespace {

using S = ProviderStatus;
using E = ProviderEvent;

// R2.3b: the county-level authority runs entry review, supervision and exit. The city bureau reads (its grants are
// providers:*:read), schools may not admit (R2.3c). The provider's own voluntary exit is checked in MayTake.
constexpr std::uint32_t kCounty = RoleBit(Role::kDistrictAdmin);
constexpr std::uint32_t kCountyOrProvider = kCounty | RoleBit(Role::kProvider);

// The graph drawn in workflow.hpp.
constexpr std::array<StatusTransition, 6> kTransitions{{
    {S::kApplied, E::kAdmit, S::kAdmitted, kCounty},
    {S::kApplied, E::kReject, S::kRejected, kCounty},
    {S::kAdmitted, E::kSuspend, S::kSuspended, kCounty},
    {S::kSuspended, E::kReinstate, S::kAdmitted, kCounty},
    {S::kAdmitted, E::kExit, S::kExited, kCountyOrProvider},
    {S::kSuspended, E::kExit, S::kExited, kCountyOrProvider},
}};

const StatusTransition* Find(S from, E event) {
    for (const auto& t : kTransitions)
        if (t.from == from && t.event == event) return &t;
    return nullptr;
}

std::string_view LabelZh(S s) {
    switch (s) {
        case S::kApplied:
            return "已申请";
        case S::kAdmitted:
            return "已准入";
        case S::kRejected:
            return "不予准入";
        case S::kSuspended:
            return "已暂停";
        case S::kExited:
            return "已退出";
    }
    return "";
}

std::string_view LabelZh(E e) {
    switch (e) {
        case E::kAdmit:
            return "准入";
        case E::kReject:
            return "不予准入";
        case E::kSuspend:
            return "暂停";
        case E::kReinstate:
            return "恢复";
        case E::kExit:
            return "退出";
    }
    return "";
}

Error Illegal(S from, E event) {
    return Error::Conflict(
               "providers.illegal_transition",
               fmt::format("机构当前状态为“{}”，不能执行“{}”", LabelZh(from), LabelZh(event)),
               fmt::format("The provider is {}; '{}' is not allowed from this status", ToString(from), ToString(event)),
               "status")
        .WithDetail("status", std::string(ToString(from)))
        .WithDetail("event", std::string(ToString(event)));
}

Error Forbidden(E event, Role role) {
    if (role == Role::kSchoolAdmin && event == E::kAdmit)
        return Error::Forbidden("providers.role_forbidden", "学校不得自行引入第三方机构，准入由县级教育部门组织",
                                "Schools may not bring providers in; the county bureau admits them (R2.3c)");
    return Error::Forbidden("providers.role_forbidden", fmt::format("无权执行“{}”", LabelZh(event)),
                            fmt::format("This role may not '{}' a provider", ToString(event)));
}

void RequireInputs(E event, const Move& m) {
    if ((event == E::kReject || event == E::kSuspend) && IsBlank(m.reason))
        throw Error::Unprocessable("providers.reason_required", fmt::format("请填写{}的理由", LabelZh(event)),
                                   fmt::format("Give the reason to {}", ToString(event)), "reason");
    // R6.5: an institution with an open inspection case cannot be put on the after-school white list.
    if ((event == E::kAdmit || event == E::kReinstate) && m.open_inspection_case)
        throw Error::Unprocessable("providers.open_inspection_case", "该机构有未结的检查案件，结案前不得准入或恢复",
                                   "The institution has an open inspection case; it cannot be admitted or "
                                   "reinstated until the case is closed",
                                   "open_inspection_case");
}

}  // namespace

std::span<const StatusTransition> StatusTransitions() {
    return kTransitions;
}

bool MayTake(ProviderEvent event, std::optional<ExitReason> exit_reason, Role role) {
    if (role == Role::kDistrictAdmin) return true;
    return role == Role::kProvider && event == E::kExit && exit_reason == ExitReason::kVoluntary;
}

ProviderStatus NextStatus(ProviderStatus from, const Move& m, Role role) {
    const StatusTransition* t = Find(from, m.event);
    if (!t) throw Illegal(from, m.event);
    if (m.event == E::kExit && !m.exit_reason)
        throw Error::Unprocessable("providers.exit_reason_required", "请选择退出原因", "Choose the reason for the exit",
                                   "exit_reason");
    if ((t->role_mask & RoleBit(role)) == 0 || !MayTake(m.event, m.exit_reason, role)) throw Forbidden(m.event, role);
    RequireInputs(m.event, m);
    return t->to;
}

std::vector<ProviderEvent> AllowedEvents(ProviderStatus from, Role role) {
    std::vector<ProviderEvent> out;
    for (const auto& t : kTransitions) {
        // A provider's only button is its voluntary exit; ask MayTake with the reason it would give.
        const auto reason = t.event == E::kExit ? std::optional{ExitReason::kVoluntary} : std::nullopt;
        if (t.from == from && (t.role_mask & RoleBit(role)) != 0 && MayTake(t.event, reason, role))
            out.push_back(t.event);
    }
    return out;
}

bool OnWhiteList(ProviderStatus s) {
    return s == S::kAdmitted;
}

bool IsFinal(ProviderStatus s) {
    return s == S::kRejected || s == S::kExited;
}

bool BlackListed(ExitReason r) {
    return r == ExitReason::kRecruitingInSchool || r == ExitReason::kLicenceRevoked;
}

void CheckNewApplication(const std::vector<PastRecord>& records, Date today, const AdmissionPolicy& policy) {
    for (const auto& r : records)
        if (!IsFinal(r.status))
            throw Error::Conflict("providers.application_open", "该机构已有申请或准入记录",
                                  "This provider already has an application or admission on record", "credit_code");
    for (const auto& r : records) {
        if (r.status != S::kExited || !r.exit_reason) continue;
        if (BlackListed(*r.exit_reason))
            throw Error::Unprocessable("providers.black_listed", "该机构因校内招生或被吊销许可退出，已列入黑名单",
                                       "This provider left for recruiting in school or a revoked licence and is on "
                                       "the black list",
                                       "credit_code");
        if (*r.exit_reason != ExitReason::kEvaluation || !r.exited_on) continue;
        const Date from = AddMonths(*r.exited_on, policy.reapply_after_evaluation_exit_months);
        if (today < from)
            throw Error::Unprocessable("providers.reapply_too_soon",
                                       fmt::format("该机构因评价不合格退出，{} 起方可重新申请", FormatIsoDate(from)),
                                       fmt::format("This provider left after a failed evaluation; it may apply "
                                                   "again from {}",
                                                   FormatIsoDate(from)),
                                       "credit_code")
                .WithDetail("from", FormatIsoDate(from));
    }
}

}  // namespace kehou::providers
