#pragma once
// Prepaid-fee escrow (预收费资金监管) as stored and shown (issue 6 point 5, RULES R1.15, R6.1, R6.2): a family's
// order, the lines of its append-only ledger, and the risk alerts the escrow rules raise. The ledger rules
// themselves are pure and live in escrow_rules.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "institutions/escrow_rules.hpp"
#include "institutions/model.hpp"

namespace kehou::institutions {

/// 订单状态 A filterable summary of an order's folded ledger, stored with the order.
enum class OrderStatus {
    kEscrowed,         // money in escrow, no refund pending
    kRefundRequested,  // the family asked for the unused fee back
    kRefunded,         // the unused fee went back (held classes may still be settled afterwards)
    kCompleted,        // every class released: nothing left in escrow
};

inline std::string_view OrderStatusCode(OrderStatus s) {
    switch (s) {
        case OrderStatus::kEscrowed:
            return "escrowed";
        case OrderStatus::kRefundRequested:
            return "refund_requested";
        case OrderStatus::kRefunded:
            return "refunded";
        case OrderStatus::kCompleted:
            return "completed";
    }
    return "escrowed";
}

inline std::optional<OrderStatus> ParseOrderStatus(std::string_view code) {
    for (auto s :
         {OrderStatus::kEscrowed, OrderStatus::kRefundRequested, OrderStatus::kRefunded, OrderStatus::kCompleted})
        if (OrderStatusCode(s) == code) return s;
    return std::nullopt;
}

/// One line of an order's ledger as stored: the rules' EscrowEntry plus who, when and why.
struct LedgerLine {
    std::int64_t id = 0;
    int seq = 0;  // 1, 2, 3, … per order; a consumption's id is the seq of its request line
    EscrowEntry entry;
    std::string at;                        // the instant it was written
    std::optional<std::int64_t> actor_id;  // none for the sweep
    std::string actor_name;
    std::string note;
};

/// 预收费订单 A family's prepaid order with its escrow (the ledger and the fold only in GetOrder).
struct EscrowOrder {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string org_path;
    std::string contract_no;
    std::string payer_name;           // stored in full; shown masked
    std::string payer_mobile_masked;  // 138****8000; the full number is sealed
    std::string course_title;
    int class_hours = 0;
    std::int64_t unit_price_fen = 0;
    std::int64_t amount_fen = 0;
    Date start_date, end_date, paid_on;
    EscrowMode escrow_mode = EscrowMode::kBankEscrow;
    OrderStatus status = OrderStatus::kEscrowed;
    int ledger_lines = 0;
    std::int64_t balance_fen = 0;  // Σ of the ledger's amounts
    std::string created_at;

    // GetOrder only:
    std::vector<LedgerLine> ledger;
    std::optional<EscrowState> state;                               // nullopt when the ledger breaks a rule
    std::optional<LedgerProblem> problem;                           // CheckEscrowInvariant's answer; nullopt when sound
    std::int64_t unconsumed_value_fen = 0;                          // Σ unpaid hours × unit price
    std::vector<std::pair<std::int64_t, Date>> auto_confirm_after;  // open request's id → last day to answer
    std::optional<Date> refund_auto_approve_after;  // a pending refund: the institution's last day to answer

    /// The order as the pure rules see it.
    PrepaidOrder Prepaid() const {
        PrepaidOrder o;
        o.amount_fen = amount_fen;
        o.class_hours = class_hours;
        o.unit_price_fen = unit_price_fen;
        o.start_date = start_date;
        o.end_date = end_date;
        o.paid_on = paid_on;
        return o;
    }
};

/// What a county enters for a new order (dates as YYYY-MM-DD).
struct OrderInput {
    std::int64_t institution_id = 0;
    std::string contract_no;
    std::string payer_name;
    std::string payer_mobile;
    std::string course_title;
    int class_hours = 0;
    std::int64_t unit_price_fen = 0;
    std::optional<std::int64_t> amount_fen;  // when stated, must equal class_hours × unit_price_fen
    std::string start_date, end_date, paid_on;
    EscrowMode escrow_mode = EscrowMode::kBankEscrow;
};

/// How an order list is narrowed.
struct OrderFilter {
    std::optional<std::int64_t> institution_id;
    std::optional<OrderStatus> status;
    int page = 1, page_size = 50;
};

/// 风险预警 An alert raised by the escrow rules.
struct EscrowAlert {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string org_path;
    std::string kind;  // "closed_with_escrow"
    std::string detail;
    int families = 0;  // distinct payers with money still held
    int orders = 0;
    std::int64_t amount_fen = 0;
    std::string raised_at;
    std::optional<std::string> resolved_at;
    std::optional<std::int64_t> resolved_by;
    std::optional<std::string> resolution;
};

/// The alert kind for an institution closed or cancelled while its families' money is in escrow.
inline constexpr std::string_view kClosedWithEscrow = "closed_with_escrow";

/// What one sweep appended.
struct SweepResult {
    int auto_confirmed = 0;         // consumption_auto_confirmed lines (each with its release)
    int refunds_auto_approved = 0;  // refund_auto_approved lines (each with its refund)
    int orders_touched = 0;
    int orders_failed = 0;  // refused by the rules or the invariant; logged, the rest of the sweep goes on
};

}  // namespace kehou::institutions
