#include "institutions/escrow_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

/// A rule a line breaks, before the replay adds the line's index.
struct Problem {
    std::string code, zh, en, field;
};
using MaybeProblem = std::optional<Problem>;

std::string Yuan(std::int64_t fen) {
    return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", std::abs(fen) / 100, std::abs(fen) % 100);
}

Problem Wrong(std::string code, std::string zh, std::string en, std::string field = "kind") {
    return {"institutions.escrow_" + std::move(code), std::move(zh), std::move(en), std::move(field)};
}

/// A line that does not fit the consumption's or the refund's current status, named in both languages.
template <typename Status>
Problem NoSuchState(std::string_view what_zh, std::string_view what_en, Status status) {
    return Wrong("wrong_state", fmt::format("当前状态为“{}”，不能{}", LabelZh(status), what_zh),
                 fmt::format("Cannot {} while {}", what_en, ToString(status)), "kind");
}

/// Replays a ledger line by line; `order` null means statuses only (no amount checks).
class Replay {
public:
    explicit Replay(const PrepaidOrder* order) : order_(order) {}

    MaybeProblem Apply(const EscrowEntry& e) {
        if (last_on_ && std::chrono::sys_days{e.on} < std::chrono::sys_days{*last_on_})
            return Wrong("out_of_order", "台账记录日期不能早于上一条", "A ledger line cannot predate the previous one",
                         "on");
        last_on_ = e.on;
        if (e.kind != EscrowEntryKind::kDeposit && !deposited_)
            return Wrong("no_deposit", "资金入托管之前不能有其他记录", "Nothing can happen before the deposit");
        switch (e.kind) {
            case EscrowEntryKind::kDeposit:
                return Deposit(e);
            case EscrowEntryKind::kConsumptionRequested:
                return Request(e);
            case EscrowEntryKind::kConsumptionConfirmed:
            case EscrowEntryKind::kConsumptionDisputed:
            case EscrowEntryKind::kConsumptionAutoConfirmed:
            case EscrowEntryKind::kConsumptionCancelled:
                return Settle(e);
            case EscrowEntryKind::kReleased:
                return Release(e);
            case EscrowEntryKind::kRefundRequested:
            case EscrowEntryKind::kRefundApproved:
            case EscrowEntryKind::kRefundAutoApproved:
            case EscrowEntryKind::kRefundRejected:
                return RefundStep(e);
            case EscrowEntryKind::kRefunded:
                return Refunded(e);
        }
        return Wrong("unknown_kind", "未知的台账记录类型", "Unknown ledger line kind");
    }

    EscrowState state;

private:
    // Amounts are whole fen of whole class hours: the line's amount must be its hours at the unit price.
    MaybeProblem AmountMatches(const EscrowEntry& e) const {
        if (!order_ || e.amount_fen == e.hours * order_->unit_price_fen) return std::nullopt;
        return Wrong("amount_mismatch",
                     fmt::format("金额 {} 元不等于 {} 课时 × 单价 {} 元", Yuan(e.amount_fen), e.hours,
                                 Yuan(order_->unit_price_fen)),
                     fmt::format("Amount {} yuan is not {} hours × {} yuan", Yuan(e.amount_fen), e.hours,
                                 Yuan(order_->unit_price_fen)),
                     "amount_fen");
    }

    MaybeProblem Deposit(const EscrowEntry& e) {
        if (deposited_) return Wrong("second_deposit", "一笔订单只能入托管一次", "An order is deposited once");
        if (e.hours <= 0 || e.amount_fen <= 0)
            return Wrong("bad_deposit", "入托管的课时和金额须为正数", "A deposit has positive hours and amount",
                         "amount_fen");
        if (order_ && (e.hours != order_->class_hours || e.amount_fen != order_->amount_fen))
            return Wrong("deposit_mismatch", "入托管的课时或金额与订单不一致",
                         "The deposit's hours or amount differ from the order", "amount_fen");
        deposited_ = true;
        state.deposited_hours += e.hours;
        state.balance_fen += e.amount_fen;
        return std::nullopt;
    }

    MaybeProblem Request(const EscrowEntry& e) {
        if (state.Find(e.consumption_id))
            return Wrong("duplicate_consumption", "该消课记录已存在", "This consumption id already exists",
                         "consumption_id");
        if (e.hours <= 0 || e.hours > state.FreeHours())
            return Wrong("no_hours_left", fmt::format("消课 {} 课时超过剩余可消课时 {}", e.hours, state.FreeHours()),
                         fmt::format("Consuming {} hours exceeds the {} hours left", e.hours, state.FreeHours()),
                         "hours");
        state.consumptions.push_back({e.consumption_id, e.hours, e.on, ConsumptionStatus::kRequested});
        state.held_hours += e.hours;
        return std::nullopt;
    }

    Consumption* Find(std::int64_t id) {
        auto it = std::find_if(state.consumptions.begin(), state.consumptions.end(),
                               [id](const Consumption& c) { return c.id == id; });
        return it == state.consumptions.end() ? nullptr : &*it;
    }

    // The guardian's answer, the sweep's auto-confirmation, or a settled dispute.
    MaybeProblem Settle(const EscrowEntry& e) {
        Consumption* c = Find(e.consumption_id);
        if (!c) return Wrong("unknown_consumption", "没有该消课记录", "No such consumption", "consumption_id");
        using CS = ConsumptionStatus;
        const bool open = c->status == CS::kRequested;
        const bool disputed = c->status == CS::kDisputed;
        switch (e.kind) {
            case EscrowEntryKind::kConsumptionConfirmed:  // a dispute settled for the institution confirms too
                if (!open && !disputed) return NoSuchState("确认消课", "confirm", c->status);
                c->status = CS::kConfirmed;
                return std::nullopt;
            case EscrowEntryKind::kConsumptionDisputed:
            case EscrowEntryKind::kConsumptionAutoConfirmed:  // a disputed class never confirms by silence
                if (!open)
                    return NoSuchState(fmt::format("记录“{}”", LabelZh(e.kind)),
                                       fmt::format("record {}", ToString(e.kind)), c->status);
                c->status = e.kind == EscrowEntryKind::kConsumptionDisputed ? CS::kDisputed : CS::kAutoConfirmed;
                return std::nullopt;
            default:  // cancelled: withdrawn, or a dispute settled for the family; the hours are free again
                if (!open && !disputed) return NoSuchState("撤销消课", "cancel", c->status);
                c->status = CS::kCancelled;
                state.held_hours -= c->hours;
                return std::nullopt;
        }
    }

    MaybeProblem Release(const EscrowEntry& e) {
        Consumption* c = Find(e.consumption_id);
        if (!c) return Wrong("unknown_consumption", "没有该消课记录", "No such consumption", "consumption_id");
        if (c->status != ConsumptionStatus::kConfirmed && c->status != ConsumptionStatus::kAutoConfirmed)
            return NoSuchState("划拨", "release", c->status);
        if (e.hours != c->hours)
            return Wrong("release_hours", "划拨课时与消课课时不一致", "Released hours differ from the consumption",
                         "hours");
        if (auto p = AmountMatches(e)) return p;
        c->status = ConsumptionStatus::kReleased;
        state.held_hours -= c->hours;
        state.released_hours += e.hours;
        state.balance_fen -= e.amount_fen;
        return std::nullopt;
    }

    MaybeProblem RefundStep(const EscrowEntry& e) {
        using RS = RefundStatus;
        if (e.kind == EscrowEntryKind::kRefundRequested) {
            // A new request after a refusal, or after a refund once a later dispute freed hours again.
            if (state.refund == RS::kRequested || state.refund == RS::kApproved || state.refund == RS::kAutoApproved)
                return NoSuchState("申请退费", "request a refund", state.refund);
            if (state.FreeHours() <= 0)
                return Wrong("nothing_to_refund", "没有可退的课时", "No hours are left to refund", "hours");
            state.refund = RS::kRequested;
            state.refund_requested_on = e.on;
            return std::nullopt;
        }
        if (state.refund != RS::kRequested)
            return NoSuchState(fmt::format("记录“{}”", LabelZh(e.kind)), fmt::format("record {}", ToString(e.kind)),
                               state.refund);
        state.refund = e.kind == EscrowEntryKind::kRefundApproved       ? RS::kApproved
                       : e.kind == EscrowEntryKind::kRefundAutoApproved ? RS::kAutoApproved
                                                                        : RS::kRejected;
        return std::nullopt;
    }

    MaybeProblem Refunded(const EscrowEntry& e) {
        if (state.refund != RefundStatus::kApproved && state.refund != RefundStatus::kAutoApproved)
            return NoSuchState("退费", "refund", state.refund);
        if (e.hours <= 0 || e.hours != state.FreeHours())
            return Wrong("refund_hours", fmt::format("退费课时须为剩余可退课时 {}", state.FreeHours()),
                         fmt::format("A refund returns exactly the {} free hours", state.FreeHours()), "hours");
        if (auto p = AmountMatches(e)) return p;
        state.refund = RefundStatus::kRefunded;
        state.refunded_hours += e.hours;
        state.balance_fen -= e.amount_fen;
        return std::nullopt;
    }

    const PrepaidOrder* order_;
    bool deposited_ = false;
    std::optional<Date> last_on_;
};

LedgerProblem At(std::size_t index, Problem p) {
    return {index, std::move(p.code), std::move(p.zh), std::move(p.en), std::move(p.field)};
}

/// Statuses only, for the sweeps: they need no order, and a corrupt ledger is the invariant check's to report.
EscrowState FoldStatuses(const std::vector<EscrowEntry>& ledger) {
    Replay r(nullptr);
    for (const auto& e : ledger)
        if (r.Apply(e)) break;
    return r.state;
}

bool AfterWorkingDays(Date since, int working_days, Date today, const HolidayCalendar& cal) {
    return std::chrono::sys_days{today} > std::chrono::sys_days{AddWorkingDays(since, working_days, cal)};
}

}  // namespace

const Consumption* EscrowState::Find(std::int64_t consumption_id) const& {
    for (const auto& c : consumptions)
        if (c.id == consumption_id) return &c;
    return nullptr;
}

EscrowState FoldEscrow(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger) {
    Replay r(&order);
    for (std::size_t i = 0; i < ledger.size(); ++i)
        if (auto p = r.Apply(ledger[i]))
            throw Error::Internal(fmt::format("escrow ledger corrupt at line {}: {}: {}", i, p->code, p->en));
    return r.state;
}

void CheckEscrowEntry(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger, const EscrowEntry& next) {
    Replay r(&order);
    for (std::size_t i = 0; i < ledger.size(); ++i)
        if (auto p = r.Apply(ledger[i]))
            throw Error::Internal(fmt::format("escrow ledger corrupt at line {}: {}: {}", i, p->code, p->en));
    if (auto p = r.Apply(next))
        throw Error::Conflict(p->code, p->zh, p->en, p->field).WithDetail("kind", std::string(ToString(next.kind)));
}

std::int64_t EscrowBalance(const std::vector<EscrowEntry>& ledger) {
    std::int64_t balance = 0;
    for (const auto& e : ledger) {
        if (e.kind == EscrowEntryKind::kDeposit) balance += e.amount_fen;
        if (e.kind == EscrowEntryKind::kReleased || e.kind == EscrowEntryKind::kRefunded) balance -= e.amount_fen;
    }
    return balance;
}

std::int64_t UnconsumedValue(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger) {
    std::int64_t hours = 0;
    for (const auto& e : ledger) {
        if (e.kind == EscrowEntryKind::kDeposit) hours += e.hours;
        if (e.kind == EscrowEntryKind::kReleased || e.kind == EscrowEntryKind::kRefunded) hours -= e.hours;
    }
    return hours * order.unit_price_fen;
}

std::optional<LedgerProblem> CheckEscrowInvariant(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger) {
    Replay r(&order);
    for (std::size_t i = 0; i < ledger.size(); ++i)
        if (auto p = r.Apply(ledger[i])) return At(i, std::move(*p));
    // RULES R6.2: escrow_balance = Σ unpaid lessons × unit price.
    const std::int64_t balance = EscrowBalance(ledger);
    const std::int64_t unpaid = UnconsumedValue(order, ledger);
    if (balance == unpaid) return std::nullopt;
    return At(ledger.size(),
              Wrong("balance_mismatch",
                    fmt::format("托管余额 {} 元不等于未消课时 {} × 单价 {} 元 = {} 元", Yuan(balance),
                                r.state.UnpaidHours(), Yuan(order.unit_price_fen), Yuan(unpaid)),
                    fmt::format("Escrow balance {} yuan is not the {} unpaid hours × {} yuan = {} yuan", Yuan(balance),
                                r.state.UnpaidHours(), Yuan(order.unit_price_fen), Yuan(unpaid)),
                    "balance_fen"));
}

std::vector<std::int64_t> DueAutoConfirmations(const std::vector<EscrowEntry>& ledger, Date today,
                                               const HolidayCalendar& cal, int working_days) {
    std::vector<std::int64_t> due;
    for (const auto& c : FoldStatuses(ledger).consumptions)
        if (c.status == ConsumptionStatus::kRequested && AfterWorkingDays(c.requested_on, working_days, today, cal))
            due.push_back(c.id);
    return due;
}

bool RefundDueAutoApproval(const std::vector<EscrowEntry>& ledger, Date today, const HolidayCalendar& cal,
                           int working_days) {
    const EscrowState s = FoldStatuses(ledger);
    return s.refund == RefundStatus::kRequested && s.refund_requested_on &&
           AfterWorkingDays(*s.refund_requested_on, working_days, today, cal);
}

int RefundableHours(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger) {
    return std::max(0, FoldEscrow(order, ledger).FreeHours());
}

std::int64_t RefundAmountFen(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger) {
    return RefundableHours(order, ledger) * order.unit_price_fen;
}

EscrowEntry DepositEntry(const PrepaidOrder& order) {
    return {EscrowEntryKind::kDeposit, order.paid_on, 0, order.class_hours, order.amount_fen};
}

EscrowEntry ReleaseEntry(const PrepaidOrder& order, const Consumption& c, Date on) {
    return {EscrowEntryKind::kReleased, on, c.id, c.hours, c.hours * order.unit_price_fen};
}

EscrowEntry RefundEntry(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger, Date on) {
    const int hours = RefundableHours(order, ledger);
    return {EscrowEntryKind::kRefunded, on, 0, hours, hours * order.unit_price_fen};
}

bool EscrowAtRisk(InstitutionStatus status, std::int64_t balance_fen) {
    return balance_fen > 0 && (status == InstitutionStatus::kClosed || status == InstitutionStatus::kCancelled);
}

}  // namespace kehou::institutions
