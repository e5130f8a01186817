#pragma once
// Prepaid-fee escrow (预收费资金监管) over the database (issue 6 point 5, RULES R1.15, R6.1, R6.2): orders checked
// against the limits, the append-only 一课一消 ledger, the auto-confirm / auto-refund sweep, and the risk alert
// for an institution that closes while its families' money is held.
//
// Every line appended is checked by CheckEscrowEntry against the ledger folded inside the write transaction,
// and the order's ledger_lines counter advances with a conditional UPDATE in the same transaction, so two
// concurrent appends (two processes, two requests) can never both pass the check. After every write the stored
// ledger is read back and CheckEscrowInvariant must hold, or the transaction rolls back with a logged 500.

#include <functional>

#include "core/principal.hpp"
#include "core/time.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "institutions/escrow_model.hpp"
#include "institutions/registry_model.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {

/// A county's escrow settings; the national rule where a knob is unset.
struct EscrowOptions {
    /// R6.2: a guardian's silence confirms a class after this many working days (one locality says 7).
    int auto_confirm_working_days = kDefaultAutoConfirmWorkingDays;
    /// R6.2: an institution's silence agrees to a refund after this many working days.
    int refund_auto_approve_working_days = kRefundAutoApproveWorkingDays;
    /// R1.15's local rules, off by default.
    PrepaidConfig prepaid;
    /// The working-day calendar the sweeps and the shown deadlines count on: the app passes the editable one
    /// in the database (CalendarService); the default is the State Council's 2026 arrangement.
    std::function<HolidayCalendar()> calendar = [] { return Calendar2026(); };
    /// Where "now" comes from (tests move it); Asia/Shanghai dates are taken from it.
    std::function<TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
};

/// 404 for an order that does not exist or that the caller may not know of.
Error OrderNotFound();

/// Runs prepaid orders and their escrow on behalf of a principal. Thread-safe, and safe with several processes
/// on one database.
class EscrowService {
public:
    EscrowService(db::Database& database, const crypto::PiiVault& vault, EscrowOptions options = DefaultOptions());
    static EscrowOptions DefaultOptions();

    Page<EscrowOrder> ListOrders(const Principal& p, OrderFilter f);
    /// The order with its ledger, the folded state and the invariant's result; 404 outside the scope.
    EscrowOrder GetOrder(const Principal& p, std::int64_t id);
    /// R1.15 checks (422 naming the field), the institution operating or rectifying (409), the contract number
    /// unique (409); the order and its deposit line are written together.
    EscrowOrder CreateOrder(const Principal& p, const OrderInput& in);

    /// 一课一消: the institution asks the family to confirm one delivered class (`hours` class hours).
    EscrowOrder RequestConsumption(const Principal& p, std::int64_t order_id, int hours, const std::string& note);
    /// The guardian's answer, recorded by the county: confirm (the class's fee is released in the same
    /// transaction) or dispute.
    EscrowOrder AnswerConsumption(const Principal& p, std::int64_t order_id, std::int64_t consumption_id, bool confirm,
                                  const std::string& note);
    /// A dispute settled after mediation: for the institution (confirmed and released) or for the family
    /// (cancelled: the hours are free again). A request not yet answered may be withdrawn the same way.
    EscrowOrder SettleConsumption(const Principal& p, std::int64_t order_id, std::int64_t consumption_id,
                                  bool for_institution, const std::string& note);
    /// The orders the signed-in guardian paid (matched by the mobile on their guardian record), with ledgers.
    std::vector<EscrowOrder> FamilyOrders(const Principal& guardian);
    /// R6.2 from the family's phone: the guardian confirms or disputes a class of one of their own orders
    /// (404 for anyone else's); the line records the guardian as its actor.
    EscrowOrder FamilyAnswer(const Principal& guardian, std::int64_t order_id, std::int64_t consumption_id,
                             bool confirm, const std::string& note);
    /// The family asks for the unused fee back.
    EscrowOrder RequestRefund(const Principal& p, std::int64_t order_id, const std::string& note);
    /// The institution's answer: approve (the free hours are refunded in the same transaction) or reject.
    EscrowOrder AnswerRefund(const Principal& p, std::int64_t order_id, bool approve, const std::string& note);

    /// R6.2: appends every auto-confirmation (with its release) and auto-approved refund (with its refund) due on
    /// `today` for orders under `scope`. Idempotent, and safe from several processes at once: what another
    /// sweep appended first is seen and not appended again. An order the rules refuse is logged and skipped.
    SweepResult Sweep(Date today, const HolidayCalendar& calendar, const std::string& scope = "/");
    /// Sweep for the caller's scope, today, on the configured calendar.
    SweepResult SweepNow(const Principal& p);

    std::vector<EscrowAlert> ListAlerts(const Principal& p, bool open_only);
    /// Closes an alert with what was done; 403 outside the scope, 409 when already resolved.
    EscrowAlert ResolveAlert(const Principal& p, std::int64_t alert_id, const std::string& note);

    /// Issue 6 point 5: raises one closed_with_escrow alert when the institution is closed or cancelled while
    /// any of its orders holds money (families = distinct payers), unless one is open already. In its own
    /// transaction; nullopt when nothing was raised.
    std::optional<EscrowAlert> RaiseClosureAlerts(std::int64_t institution_id);
    /// The same inside the caller's write transaction (the registry and the case service call it on the
    /// connection that changed the status, so the alert commits with the change). Returns the new alert's id.
    static std::optional<std::int64_t> RaiseClosureAlerts(db::Connection& c, std::int64_t institution_id,
                                                          const std::string& now);

    const EscrowOptions& options() const { return options_; }

    /// A line to append and why (the note is stored with it).
    struct Pending {
        EscrowEntry entry;
        std::string note;
    };
    /// Builds the lines an operation appends from the order and its ledger as read inside the transaction.
    using Build = std::function<std::vector<Pending>(const EscrowOrder&, const std::vector<EscrowEntry>&, Date)>;

private:
    enum class Outcome { kAppended, kNothing, kRaced };

    /// Retries TryAppend while other writers win the race; 409 when they keep winning.
    EscrowOrder Append(const Principal& p, std::int64_t order_id, const Build& build);
    Outcome TryAppend(db::Connection& c, const std::string& scope, std::int64_t order_id,
                      std::optional<std::int64_t> actor, Date today, const Build& build);
    /// Checks, claims, writes and re-verifies `pending` inside the open transaction; false when raced.
    bool AppendInTx(db::Connection& c, const EscrowOrder& order, const std::vector<EscrowEntry>& ledger,
                    std::vector<Pending> pending, std::optional<std::int64_t> actor);
    /// The order for a write: 403 when it exists outside the scope, 404 when it does not.
    EscrowOrder ForWrite(const Principal& p, std::int64_t id);
    int SweepOrder(std::int64_t order_id, Date today, const HolidayCalendar& calendar, SweepResult& result);
    Date Today() const;
    std::string Now() const;

    db::Database& database_;
    const crypto::PiiVault& vault_;
    EscrowOptions options_;
};

}  // namespace kehou::institutions
