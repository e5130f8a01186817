#pragma once
// Plain types of off-campus training supervision (校外培训监管): categories and status of institutions, filed
// schedules, the holiday calendar, prepaid orders and their escrow ledger, inspection cases and their
// decisions, complaints. Money is integer fen; dates are Asia/Shanghai calendar dates; times of day are
// minutes after midnight. Every enum that travels over JSON has a stable lower-case snake_case code
// (ToString / ParseEnum) and a Chinese label (LabelZh) for messages and the UI.

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::institutions {

/// A calendar date in Asia/Shanghai.
using Date = std::chrono::year_month_day;
/// Minutes after midnight, e.g. 20:30 = 1230; 24:00 = 1440 is the latest end.
using MinuteOfDay = int;

// ---- Registry ----------------------------------------------------------------------------------------

/// 机构类别 An institution's (or a session's) category (RULES R1.14): 学科类, or 非学科类 体育 / 文化艺术 / 科技.
enum class InstitutionCategory { kSubject, kNonSubjectSport, kNonSubjectArt, kNonSubjectStem };

/// 线上 / 线下 How training is delivered (RULES R1.12, R1.13).
enum class Delivery { kOnline, kOffline };

/// 机构状态 An institution's status in the registry.
enum class InstitutionStatus {
    kOperating,   // 正常经营
    kRectifying,  // 整改中 (still open to pupils)
    kSuspended,   // 停业整顿
    kClosed,      // 关停 (ordered to stop, or stopped)
    kCancelled,   // 注销 (registration cancelled)
};

// ---- Schedules (RULES R1.11–R1.13) -------------------------------------------------------------------

/// 课表中的一节课 One lesson of a schedule an institution files.
struct ScheduledSession {
    Date date;
    MinuteOfDay start = 0;  // inclusive
    MinuteOfDay end = 0;    // exclusive: a lesson 19:00–19:30 has end = 1170
    Delivery delivery = Delivery::kOffline;
    InstitutionCategory category = InstitutionCategory::kNonSubjectArt;
    std::string subject;  // what is taught, as the institution writes it ("少儿舞蹈", "初二数学")
};

/// One day of the editable holiday calendar: a statutory holiday or a make-up working day (调休), named.
struct CalendarDay {
    std::string date;  // ISO
    std::string kind;  // "holiday" | "workday"
    std::string name;  // 国庆节, 春节调休上班…
};

/// An inclusive range of dates, e.g. a school vacation.
struct DateRange {
    Date from;
    Date to;
    std::string name;  // "寒假"
};

/// 节假日安排 The State Council's holiday arrangement plus the local school vacations, editable per county.
struct HolidayCalendar {
    std::set<Date> holidays;  // every day off of the arrangement (法定节假日 and the 调休 days around it)
    std::set<Date> make_up_workdays;   // 调休上班: a Saturday or Sunday that is a working day
    std::vector<DateRange> vacations;  // 寒暑假 of the local school calendar
};

/// A county's knobs for the schedule checks; the national rule applies where a knob is unset.
struct ScheduleConfig {
    /// R1.13: some localities cap an offline lesson (e.g. 45 min). Unset: no cap.
    std::optional<int> offline_lesson_max_minutes;
    /// R1.13 "must not clash with local school hours": [start, end) of the school day on school days
    /// (working days outside vacations). Unset: not checked.
    std::optional<MinuteOfDay> school_day_start;
    std::optional<MinuteOfDay> school_day_end;
    /// R1.11: whether a 调休上班 Saturday/Sunday still counts as a rest day for 学科类 training.
    /// Default false: it is a working day (see CheckSession in rules.hpp for why).
    bool make_up_workdays_are_rest_days = false;
};

/// A broken rule, with the field at fault and, in a whole schedule, the index of the session.
struct Violation {
    std::string code;  // "institutions.online_lesson_too_long"
    std::string message_zh;
    std::string message_en;
    std::string field;  // "end", "date", "amount_fen", …
    std::optional<std::size_t> session_index;
    /// A heuristic finding an inspector should look at; it does not refuse a filing on its own.
    bool warning = false;
};

// ---- Prepaid orders (RULES R1.15, R1.16) -------------------------------------------------------------

/// 预收费订单 One charge a family pays an institution: one course, one unit price, held in escrow.
struct PrepaidOrder {
    std::int64_t amount_fen = 0;
    int class_hours = 0;
    std::int64_t unit_price_fen = 0;  // per class hour; amount_fen = class_hours × unit_price_fen
    Date start_date;                  // first day of service
    std::optional<Date> end_date;     // last day of service, inclusive (period-priced courses)
    std::optional<int> months;        // the period in months, when the contract states one
    Date paid_on;                     // the day the money was collected
    /// For a renewal (续费): the class hours still unused on the family's previous order of the course.
    std::optional<int> renewal_remaining_hours;
};

/// Local rules of R1.15 that a county may switch on; both are off by default.
struct PrepaidConfig {
    /// "not collected more than 1 month before the course starts" (Jiangsu, Qingdao, Beijing): 1.
    std::optional<int> max_months_collected_ahead;
    /// "a renewal only when ≤ 20 class hours remain": 20.
    std::optional<int> renewal_max_remaining_hours;
};

// ---- Inspection cases (RULES R6.5, R6.4) -------------------------------------------------------------

/// 案件状态 Where an inspection case stands. See CaseTransitions() in case_rules.hpp for the graph.
enum class CaseState {
    kScheduled,       // 待核查
    kInspected,       // 已实地核查
    kClosedNoIssue,   // 无问题结案 (terminal)
    kIssuesFound,     // 发现问题
    kDecisionIssued,  // 已下达处理决定
    kFiled,           // 已建档立卡
    kRectifying,      // 整改中
    kReinspected,     // 已复查
    kClosed,          // 已销号 (terminal)
    kOverdue,         // 逾期未整改 / 复查未通过
    kEscalated,       // 已升级处理: handed to the penalty procedure (立案) for a stronger decision
};

/// What someone does to a case.
enum class CaseEvent {
    kInspect,              // record the on-site inspection
    kFindNoIssue,          // conclude: nothing wrong
    kFindIssues,           // conclude: problems found
    kIssueDecision,        // the bureau issues a decision (R6.4)
    kFile,                 // 建档立卡: open the dossier
    kStartRectification,   // the institution starts rectifying
    kReinspect,            // record the re-inspection
    kClose,                // 销号: needs a passing re-inspection with evidence
    kResumeRectification,  // re-inspection not passed, deadline not yet reached
    kFindUnresolved,       // re-inspection not passed and the deadline has passed
    kMarkOverdue,          // the rectification deadline passed (also the daily sweep)
    kEscalate,             // hand the case to the penalty procedure
};

/// 复查记录 The re-inspection a closure rests on (R6.5: closure requires re-inspection evidence).
struct Reinspection {
    Date date;
    bool passed = false;
    int evidence_count = 0;  // photos / PDFs stored with the record
    std::string note;
};

/// 处理决定类别 The kind of decision a bureau issues (issue 6 point 3, RULES R6.4).
enum class DecisionKind { kRectifyByDate, kSuspend, kStopEnrolling, kClose, kPenalty };

/// 行政处罚种类 The penalty types of MoE Order No. 53 (RULES R6.4).
enum class PenaltyKind {
    kWarning,           // 警告、通报批评
    kFine,              // 罚款
    kConfiscation,      // 没收违法所得、非法财物
    kStopEnrolling,     // 责令停止招生
    kStopOperating,     // 责令停止举办 / 停业
    kRevokeLicence,     // 吊销许可证件
    kRestrictPractice,  // 限制从业
    kOther,             // 法律、行政法规规定的其他行政处罚
};

/// 处理决定 A decision with its issuing authority and legal basis (R6.5 invariant: every notice has both).
struct Decision {
    DecisionKind kind = DecisionKind::kRectifyByDate;
    std::string issuing_authority;  // "任城区教育和体育局"
    std::string legal_basis;        // "《校外培训行政处罚暂行办法》第十七条"
    Date issued_on;
    std::optional<Date> rectify_by;        // required for kRectifyByDate and kSuspend
    std::optional<PenaltyKind> penalty;    // required for kPenalty
    std::optional<std::int64_t> fine_fen;  // required for a kFine penalty
};

// ---- Complaints --------------------------------------------------------------------------------------

/// 举报渠道 How a complaint came in.
enum class ComplaintChannel { kPhone, kWeb, kLetter };

/// 举报状态 Where a complaint stands.
enum class ComplaintStatus { kReceived, kAssigned, kClosed };

// ---- Escrow (RULES R6.1, R6.2) -----------------------------------------------------------------------

/// 资金监管方式 R6.1: a dedicated escrow account, or a risk deposit.
enum class EscrowMode { kBankEscrow, kRiskDeposit };

/// One kind of line in an order's append-only escrow ledger (一课一消, R6.2).
enum class EscrowEntryKind {
    kDeposit,                   // the order's money enters escrow (amount, hours = the order's)
    kConsumptionRequested,      // the institution asks to consume one class (id, hours)
    kConsumptionConfirmed,      // the guardian confirms (or a dispute is settled in the institution's favour)
    kConsumptionDisputed,       // the guardian disputes
    kConsumptionAutoConfirmed,  // the guardian stayed silent for N working days (default 15)
    kConsumptionCancelled,      // withdrawn, or a dispute settled in the family's favour: hours back
    kReleased,                  // that class's fee moves to the institution (amount = hours × unit price)
    kRefundRequested,           // the guardian asks for the unused fee back
    kRefundApproved,            // the institution agrees
    kRefundAutoApproved,        // the institution stayed silent for 5 working days
    kRefundRejected,            // the institution refuses within 5 working days (mediation follows)
    kRefunded,                  // the unused fee goes back by the original route (hours, amount)
};

/// One line of an escrow ledger. Only the fields its kind names are meaningful; the rest stay 0.
struct EscrowEntry {
    EscrowEntryKind kind = EscrowEntryKind::kDeposit;
    Date on;
    std::int64_t consumption_id = 0;  // consumption entries and kReleased
    int hours = 0;                    // kDeposit, kConsumptionRequested, kReleased, kRefunded
    std::int64_t amount_fen = 0;      // kDeposit, kReleased, kRefunded
};

/// Where one consumption request stands, folded from the ledger.
enum class ConsumptionStatus { kRequested, kConfirmed, kDisputed, kAutoConfirmed, kCancelled, kReleased };

/// Where an order's refund stands, folded from the ledger.
enum class RefundStatus { kNone, kRequested, kApproved, kAutoApproved, kRejected, kRefunded };

// ---- Enum codes --------------------------------------------------------------------------------------

/// The stable JSON / database code of a value, e.g. "non_subject_sport", "decision_issued".
std::string_view ToString(InstitutionCategory v);
std::string_view ToString(Delivery v);
std::string_view ToString(InstitutionStatus v);
std::string_view ToString(CaseState v);
std::string_view ToString(CaseEvent v);
std::string_view ToString(DecisionKind v);
std::string_view ToString(PenaltyKind v);
std::string_view ToString(ComplaintChannel v);
std::string_view ToString(ComplaintStatus v);
std::string_view ToString(EscrowMode v);
std::string_view ToString(EscrowEntryKind v);
std::string_view ToString(ConsumptionStatus v);
std::string_view ToString(RefundStatus v);

/// The Chinese label of a value, for messages and the UI ("已建档立卡").
std::string_view LabelZh(InstitutionCategory v);
std::string_view LabelZh(Delivery v);
std::string_view LabelZh(InstitutionStatus v);
std::string_view LabelZh(CaseState v);
std::string_view LabelZh(CaseEvent v);
std::string_view LabelZh(DecisionKind v);
std::string_view LabelZh(PenaltyKind v);
std::string_view LabelZh(ComplaintChannel v);
std::string_view LabelZh(ComplaintStatus v);
std::string_view LabelZh(EscrowMode v);
std::string_view LabelZh(EscrowEntryKind v);
std::string_view LabelZh(ConsumptionStatus v);
std::string_view LabelZh(RefundStatus v);

/// Parses a code ToString writes; nullopt for anything else (case-sensitive). Defined for every enum above:
/// `ParseEnum<CaseState>("filed")`.
template <typename E>
std::optional<E> ParseEnum(std::string_view code);

/// Every value of an enum above, in declaration order (for option lists and exhaustive tests).
template <typename E>
std::vector<E> AllValues();

}  // namespace kehou::institutions
