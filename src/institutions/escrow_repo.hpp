#pragma once
// SQL of prepaid orders, their append-only escrow ledgers and the risk alerts. Reads take the caller's scope
// path; nothing here updates or deletes a ledger line.

#include <optional>
#include <string>
#include <vector>

#include "crypto/pii_vault.hpp"
#include "db/connection.hpp"
#include "institutions/escrow_model.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions::repo {

/// Inserts an order with no ledger line yet (ledger_lines = 0); returns its id.
std::int64_t InsertOrder(db::Connection& c, const EscrowOrder& o, const crypto::SealedValue& mobile, std::int64_t by,
                         const std::string& now);
/// The order (without its ledger), or nullopt when absent or outside the scope.
std::optional<EscrowOrder> FindOrder(db::Connection& c, const std::string& scope, std::int64_t id);
/// The orders a guardian account paid (its guardian records' mobile hashes = the payer's), newest first, as
/// (order id, order's org path).
std::vector<std::pair<std::int64_t, std::string>> FamilyOrders(db::Connection& c, std::int64_t user_id);
Page<EscrowOrder> ListOrders(db::Connection& c, const std::string& scope, const OrderFilter& f);
/// Every line of an order's ledger, in seq order.
std::vector<LedgerLine> Ledger(db::Connection& c, std::int64_t order_id);
/// Claims the next `to - from` lines of an order's ledger: advances ledger_lines from `from` to `to` and writes
/// the status, only if nobody appended since the caller read `from` lines. False when someone did.
bool AdvanceLedger(db::Connection& c, std::int64_t order_id, int from, int to, OrderStatus status);
/// Appends one line with its seq (the caller advanced ledger_lines past it first).
void InsertLine(db::Connection& c, std::int64_t order_id, const LedgerLine& line);
/// Orders under the scope whose ledger still holds money (the only ones a sweep can have work for).
std::vector<std::int64_t> OrdersHoldingMoney(db::Connection& c, const std::string& scope);

/// Locks an institution that may take new orders (operating or rectifying) for the rest of the transaction,
/// so a concurrent closure waits for the order (and then sees it). False when it is in another status.
bool HoldInstitutionOpenForOrders(db::Connection& c, std::int64_t institution_id);

/// Money an institution's families still have in escrow: orders with a balance, distinct payers, the sum.
struct EscrowExposure {
    int orders = 0;
    int families = 0;
    std::int64_t amount_fen = 0;
};
EscrowExposure ExposureOf(db::Connection& c, std::int64_t institution_id);

bool HasOpenAlert(db::Connection& c, std::int64_t institution_id, std::string_view kind);
std::int64_t InsertAlert(db::Connection& c, const EscrowAlert& a);
std::vector<EscrowAlert> ListAlerts(db::Connection& c, const std::string& scope, bool open_only);
std::optional<EscrowAlert> FindAlert(db::Connection& c, const std::string& scope, std::int64_t id);
/// Resolves an open alert; false when it was already resolved.
bool ResolveAlert(db::Connection& c, std::int64_t id, std::int64_t by, const std::string& note, const std::string& now);

}  // namespace kehou::institutions::repo
