#include "institutions/model.hpp"

#include <array>
#include <span>
#include <utility>

namespace kehou::institutions {
namespace {

/// One row of an enum's table: the value, its stable code and its Chinese label.
template <typename E>
struct Name {
    E value;
    std::string_view code;
    std::string_view zh;
};

// One table per enum, in declaration order. Codes are stored in the database and sent over JSON: never
// rename one; add new values at the end.
constexpr std::array<Name<InstitutionCategory>, 4> kCategories{{
    {InstitutionCategory::kSubject, "subject", "学科类"},
    {InstitutionCategory::kNonSubjectSport, "non_subject_sport", "非学科类（体育）"},
    {InstitutionCategory::kNonSubjectArt, "non_subject_art", "非学科类（文化艺术）"},
    {InstitutionCategory::kNonSubjectStem, "non_subject_stem", "非学科类（科技）"},
}};
constexpr std::array<Name<Delivery>, 2> kDeliveries{{
    {Delivery::kOnline, "online", "线上"},
    {Delivery::kOffline, "offline", "线下"},
}};
constexpr std::array<Name<InstitutionStatus>, 5> kStatuses{{
    {InstitutionStatus::kOperating, "operating", "正常经营"},
    {InstitutionStatus::kRectifying, "rectifying", "整改中"},
    {InstitutionStatus::kSuspended, "suspended", "停业整顿"},
    {InstitutionStatus::kClosed, "closed", "已关停"},
    {InstitutionStatus::kCancelled, "cancelled", "已注销"},
}};
constexpr std::array<Name<CaseState>, 11> kCaseStates{{
    {CaseState::kScheduled, "scheduled", "待核查"},
    {CaseState::kInspected, "inspected", "已实地核查"},
    {CaseState::kClosedNoIssue, "closed_no_issue", "无问题结案"},
    {CaseState::kIssuesFound, "issues_found", "发现问题"},
    {CaseState::kDecisionIssued, "decision_issued", "已下达处理决定"},
    {CaseState::kFiled, "filed", "已建档立卡"},
    {CaseState::kRectifying, "rectifying", "整改中"},
    {CaseState::kReinspected, "reinspected", "已复查"},
    {CaseState::kClosed, "closed", "已销号"},
    {CaseState::kOverdue, "overdue", "逾期未整改"},
    {CaseState::kEscalated, "escalated", "已升级处理"},
}};
constexpr std::array<Name<CaseEvent>, 12> kCaseEvents{{
    {CaseEvent::kInspect, "inspect", "实地核查"},
    {CaseEvent::kFindNoIssue, "find_no_issue", "未发现问题"},
    {CaseEvent::kFindIssues, "find_issues", "发现问题"},
    {CaseEvent::kIssueDecision, "issue_decision", "下达处理决定"},
    {CaseEvent::kFile, "file", "建档立卡"},
    {CaseEvent::kStartRectification, "start_rectification", "开始整改"},
    {CaseEvent::kReinspect, "reinspect", "复查"},
    {CaseEvent::kClose, "close", "销号"},
    {CaseEvent::kResumeRectification, "resume_rectification", "继续整改"},
    {CaseEvent::kFindUnresolved, "find_unresolved", "复查未通过"},
    {CaseEvent::kMarkOverdue, "mark_overdue", "逾期未整改"},
    {CaseEvent::kEscalate, "escalate", "升级处理"},
}};
constexpr std::array<Name<DecisionKind>, 5> kDecisionKinds{{
    {DecisionKind::kRectifyByDate, "rectify_by_date", "限期整改"},
    {DecisionKind::kSuspend, "suspend", "停业整顿"},
    {DecisionKind::kStopEnrolling, "stop_enrolling", "停止招生"},
    {DecisionKind::kClose, "close", "关停"},
    {DecisionKind::kPenalty, "penalty", "行政处罚"},
}};
constexpr std::array<Name<PenaltyKind>, 8> kPenaltyKinds{{
    {PenaltyKind::kWarning, "warning", "警告、通报批评"},
    {PenaltyKind::kFine, "fine", "罚款"},
    {PenaltyKind::kConfiscation, "confiscation", "没收违法所得、非法财物"},
    {PenaltyKind::kStopEnrolling, "stop_enrolling", "责令停止招生"},
    {PenaltyKind::kStopOperating, "stop_operating", "责令停止举办"},
    {PenaltyKind::kRevokeLicence, "revoke_licence", "吊销许可证件"},
    {PenaltyKind::kRestrictPractice, "restrict_practice", "限制从业"},
    {PenaltyKind::kOther, "other", "其他行政处罚"},
}};
constexpr std::array<Name<ComplaintChannel>, 3> kChannels{{
    {ComplaintChannel::kPhone, "phone", "电话"},
    {ComplaintChannel::kWeb, "web", "网上"},
    {ComplaintChannel::kLetter, "letter", "信件"},
}};
constexpr std::array<Name<ComplaintStatus>, 3> kComplaintStatuses{{
    {ComplaintStatus::kReceived, "received", "已受理"},
    {ComplaintStatus::kAssigned, "assigned", "已分派"},
    {ComplaintStatus::kClosed, "closed", "已办结"},
}};
constexpr std::array<Name<EscrowMode>, 2> kEscrowModes{{
    {EscrowMode::kBankEscrow, "bank_escrow", "银行托管"},
    {EscrowMode::kRiskDeposit, "risk_deposit", "风险保证金"},
}};
constexpr std::array<Name<EscrowEntryKind>, 12> kEntryKinds{{
    {EscrowEntryKind::kDeposit, "deposit", "资金入托管"},
    {EscrowEntryKind::kConsumptionRequested, "consumption_requested", "发起消课确认"},
    {EscrowEntryKind::kConsumptionConfirmed, "consumption_confirmed", "家长确认消课"},
    {EscrowEntryKind::kConsumptionDisputed, "consumption_disputed", "家长提出异议"},
    {EscrowEntryKind::kConsumptionAutoConfirmed, "consumption_auto_confirmed", "逾期默认确认"},
    {EscrowEntryKind::kConsumptionCancelled, "consumption_cancelled", "撤销消课"},
    {EscrowEntryKind::kReleased, "released", "划拨至机构"},
    {EscrowEntryKind::kRefundRequested, "refund_requested", "申请退费"},
    {EscrowEntryKind::kRefundApproved, "refund_approved", "机构同意退费"},
    {EscrowEntryKind::kRefundAutoApproved, "refund_auto_approved", "逾期默认同意退费"},
    {EscrowEntryKind::kRefundRejected, "refund_rejected", "机构拒绝退费"},
    {EscrowEntryKind::kRefunded, "refunded", "已原路退费"},
}};
constexpr std::array<Name<ConsumptionStatus>, 6> kConsumptionStatuses{{
    {ConsumptionStatus::kRequested, "requested", "待确认"},
    {ConsumptionStatus::kConfirmed, "confirmed", "已确认"},
    {ConsumptionStatus::kDisputed, "disputed", "有异议"},
    {ConsumptionStatus::kAutoConfirmed, "auto_confirmed", "默认确认"},
    {ConsumptionStatus::kCancelled, "cancelled", "已撤销"},
    {ConsumptionStatus::kReleased, "released", "已划拨"},
}};
constexpr std::array<Name<RefundStatus>, 6> kRefundStatuses{{
    {RefundStatus::kNone, "none", "无退费"},
    {RefundStatus::kRequested, "requested", "退费申请中"},
    {RefundStatus::kApproved, "approved", "机构已同意"},
    {RefundStatus::kAutoApproved, "auto_approved", "默认同意"},
    {RefundStatus::kRejected, "rejected", "机构已拒绝"},
    {RefundStatus::kRefunded, "refunded", "已退费"},
}};

template <typename E>
std::span<const Name<E>> Table();
template <>
std::span<const Name<InstitutionCategory>> Table() {
    return kCategories;
}
template <>
std::span<const Name<Delivery>> Table() {
    return kDeliveries;
}
template <>
std::span<const Name<InstitutionStatus>> Table() {
    return kStatuses;
}
template <>
std::span<const Name<CaseState>> Table() {
    return kCaseStates;
}
template <>
std::span<const Name<CaseEvent>> Table() {
    return kCaseEvents;
}
template <>
std::span<const Name<DecisionKind>> Table() {
    return kDecisionKinds;
}
template <>
std::span<const Name<PenaltyKind>> Table() {
    return kPenaltyKinds;
}
template <>
std::span<const Name<ComplaintChannel>> Table() {
    return kChannels;
}
template <>
std::span<const Name<ComplaintStatus>> Table() {
    return kComplaintStatuses;
}
template <>
std::span<const Name<EscrowMode>> Table() {
    return kEscrowModes;
}
template <>
std::span<const Name<EscrowEntryKind>> Table() {
    return kEntryKinds;
}
template <>
std::span<const Name<ConsumptionStatus>> Table() {
    return kConsumptionStatuses;
}
template <>
std::span<const Name<RefundStatus>> Table() {
    return kRefundStatuses;
}

template <typename E>
const Name<E>& Lookup(E v) {
    for (const auto& n : Table<E>())
        if (n.value == v) return n;
    // Every enumerator has a row (the enum-table test walks them all); an out-of-range cast lands here.
    static const Name<E> kUnknown{v, "unknown", "未知"};
    return kUnknown;
}

}  // namespace

template <typename E>
std::optional<E> ParseEnum(std::string_view code) {
    for (const auto& n : Table<E>())
        if (n.code == code) return n.value;
    return std::nullopt;
}

template <typename E>
std::vector<E> AllValues() {
    std::vector<E> out;
    for (const auto& n : Table<E>()) out.push_back(n.value);
    return out;
}

#define KEHOU_INSTITUTIONS_ENUM(E)                                 \
    std::string_view ToString(E v) {                               \
        return Lookup(v).code;                                     \
    }                                                              \
    std::string_view LabelZh(E v) {                                \
        return Lookup(v).zh;                                       \
    }                                                              \
    template std::optional<E> ParseEnum<E>(std::string_view code); \
    template std::vector<E> AllValues<E>();

KEHOU_INSTITUTIONS_ENUM(InstitutionCategory)
KEHOU_INSTITUTIONS_ENUM(Delivery)
KEHOU_INSTITUTIONS_ENUM(InstitutionStatus)
KEHOU_INSTITUTIONS_ENUM(CaseState)
KEHOU_INSTITUTIONS_ENUM(CaseEvent)
KEHOU_INSTITUTIONS_ENUM(DecisionKind)
KEHOU_INSTITUTIONS_ENUM(PenaltyKind)
KEHOU_INSTITUTIONS_ENUM(ComplaintChannel)
KEHOU_INSTITUTIONS_ENUM(ComplaintStatus)
KEHOU_INSTITUTIONS_ENUM(EscrowMode)
KEHOU_INSTITUTIONS_ENUM(EscrowEntryKind)
KEHOU_INSTITUTIONS_ENUM(ConsumptionStatus)
KEHOU_INSTITUTIONS_ENUM(RefundStatus)

#undef KEHOU_INSTITUTIONS_ENUM

}  // namespace kehou::institutions
