#pragma once
// Prepaid-fee escrow (预收费资金监管) as an append-only ledger per order (RULES R6.1, R6.2, issue 6 point 5).
// Nothing stores a balance on its own: every figure is folded from the ledger, and a proposed line is checked
// against the fold before it is appended.
//
// One order, one ledger:  deposit → (per class) consumption_requested → confirmed | disputed | auto_confirmed
// (silence for N working days) → released (that class's fee to the institution; 一课一消). A disputed class is
// settled by a later confirmed or cancelled line. Refund: refund_requested → approved | auto_approved (5
// working days of silence) | rejected → refunded (every hour not released and not held by a live consumption
// request, at the order's unit price, by the original route).
//
// Invariant (R6.2): balance = deposits − releases − refunds = (deposited − released − refunded hours) × unit
// price. Hours of a class requested but not yet released are still in escrow; they are neither refundable nor
// paid out until the request is settled.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "institutions/model.hpp"

namespace kehou::institutions {

/// R6.2: a guardian's silence for 15 working days confirms a consumption (configurable: one locality says 7).
inline constexpr int kDefaultAutoConfirmWorkingDays = 15;
/// R6.2: an institution's silence for 5 working days agrees to a refund.
inline constexpr int kRefundAutoApproveWorkingDays = 5;

/// One consumption request as the ledger leaves it.
struct Consumption {
    std::int64_t id = 0;
    int hours = 0;
    Date requested_on;
    ConsumptionStatus status = ConsumptionStatus::kRequested;
};

/// An order's escrow, folded from its ledger.
struct EscrowState {
    std::int64_t balance_fen = 0;  // Σ deposits − Σ releases − Σ refunds
    int deposited_hours = 0;
    int released_hours = 0;
    int refunded_hours = 0;
    int held_hours = 0;  // hours of live requests: requested, confirmed, disputed or auto-confirmed, not released
    std::vector<Consumption> consumptions;  // in request order
    RefundStatus refund = RefundStatus::kNone;
    std::optional<Date> refund_requested_on;

    /// Hours whose fee is still in escrow (deposited − released − refunded).
    int UnpaidHours() const { return deposited_hours - released_hours - refunded_hours; }
    /// Hours free for a new consumption request or a refund (unpaid hours not held by a live request).
    int FreeHours() const { return UnpaidHours() - held_hours; }
    /// The request with this id, or nullptr. Not on a temporary: the pointer would dangle.
    const Consumption* Find(std::int64_t consumption_id) const&;
    const Consumption* Find(std::int64_t consumption_id) const&& = delete;
};

/// What is wrong with a ledger, at which line (entries.size() for the final balance equation).
struct LedgerProblem {
    std::size_t entry_index = 0;
    std::string code;  // "institutions.escrow_release_amount"
    std::string message_zh;
    std::string message_en;
    std::string field;
};

/// Folds a ledger. A ledger that breaks a rule is corrupt (it was checked line by line when written), so this
/// throws Error::Internal with the LedgerProblem in the log text.
EscrowState FoldEscrow(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger);

/// Whether `next` may be appended to `ledger`: the right state for its kind, whole-fen amounts equal to hours ×
/// unit price, dates never going backwards, no consumption beyond the free hours. Throws 409 with the problem's
/// code and field otherwise.
void CheckEscrowEntry(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger, const EscrowEntry& next);

/// R6.2: Σ deposits − Σ releases − Σ refunds, straight from the amounts written.
std::int64_t EscrowBalance(const std::vector<EscrowEntry>& ledger);
/// R6.2: (deposited − released − refunded hours) × the order's unit price, straight from the hours written.
std::int64_t UnconsumedValue(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger);
/// R6.2: replays every line (first problem wins), then checks EscrowBalance == UnconsumedValue. nullopt when
/// the ledger is sound. Run after every operation.
std::optional<LedgerProblem> CheckEscrowInvariant(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger);

/// R6.2: the consumption requests the guardian left unanswered for `working_days` full working days: due when
/// `today` is after the N-th working day following the request (the guardian has all of that day). Disputed
/// requests never auto-confirm.
std::vector<std::int64_t> DueAutoConfirmations(const std::vector<EscrowEntry>& ledger, Date today,
                                               const HolidayCalendar& cal,
                                               int working_days = kDefaultAutoConfirmWorkingDays);
/// R6.2: whether a pending refund request counts as agreed: `today` is after the 5th working day following it.
bool RefundDueAutoApproval(const std::vector<EscrowEntry>& ledger, Date today, const HolidayCalendar& cal,
                           int working_days = kRefundAutoApproveWorkingDays);

/// R6.2: the hours a refund returns now (unpaid and not held by a live consumption request).
int RefundableHours(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger);
/// R6.2: RefundableHours × unit price.
std::int64_t RefundAmountFen(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger);

/// The deposit line of an order (paid on its paid_on date).
EscrowEntry DepositEntry(const PrepaidOrder& order);
/// The release line of a confirmed or auto-confirmed consumption (一课一消: that class's fee).
EscrowEntry ReleaseEntry(const PrepaidOrder& order, const Consumption& c, Date on);
/// The refunded line for what RefundableHours returns now.
EscrowEntry RefundEntry(const PrepaidOrder& order, const std::vector<EscrowEntry>& ledger, Date on);

/// Issue 6 point 5: an institution that is closed or cancelled while money is still in escrow raises a risk
/// alert for the families of those orders.
bool EscrowAtRisk(InstitutionStatus status, std::int64_t balance_fen);

}  // namespace kehou::institutions
