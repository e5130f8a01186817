#include "institutions/escrow_repo.hpp"

#include "core/time.hpp"
#include "institutions/repo_util.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions::repo {
namespace {

// RULES R6.2: the balance is Σ deposits − Σ releases − Σ refunds, straight from the amounts written.
#define KEHOU_LINE_BALANCE                                                                            \
    "CASE e.kind WHEN 'deposit' THEN e.amount_fen WHEN 'released' THEN -e.amount_fen WHEN 'refunded'" \
    " THEN -e.amount_fen ELSE 0 END"
#define KEHOU_ORDER_COLUMNS                                                                                \
    "o.id, o.institution_id, i.name, o.org_path, o.contract_no, o.payer_name, o.payer_mobile_masked,"      \
    " o.course_title, o.class_hours, o.unit_price_fen, o.amount_fen, o.start_date, o.end_date, o.paid_on," \
    " o.escrow_mode, o.status, o.ledger_lines, o.created_at,"                                              \
    " (SELECT COALESCE(SUM(" KEHOU_LINE_BALANCE "), 0) FROM inst_escrow_entry e WHERE e.order_id = o.id)"
#define KEHOU_ORDER_FILTER                                                                                  \
    " FROM inst_order o JOIN inst_institution i ON i.id = o.institution_id WHERE o.org_path LIKE $1 || '%'" \
    " AND (CAST($2 AS BIGINT) IS NULL OR o.institution_id = $2) AND (CAST($3 AS TEXT) IS NULL OR o.status = $3)"
#define KEHOU_ALERT_COLUMNS                                                                             \
    "a.id, a.institution_id, i.name, a.org_path, a.kind, a.detail, a.families, a.orders, a.amount_fen," \
    " a.raised_at, a.resolved_at, a.resolved_by, a.resolution"                                          \
    " FROM inst_alert a JOIN inst_institution i ON i.id = a.institution_id"

constexpr db::Query kInsertOrder{
    "inst.insert_order",
    "INSERT INTO inst_order (institution_id, org_path, contract_no, payer_name, payer_mobile_masked,"
    " payer_mobile_sealed, payer_mobile_hash, course_title, class_hours, unit_price_fen, amount_fen, start_date,"
    " end_date, paid_on, escrow_mode, status, ledger_lines, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'escrowed', 0, $16, $17)"
    " RETURNING id"};
constexpr db::Query kFindOrder{"inst.find_order",
                               "SELECT " KEHOU_ORDER_COLUMNS
                               " FROM inst_order o JOIN inst_institution i ON i.id = o.institution_id"
                               " WHERE o.id = $2 AND o.org_path LIKE $1 || '%'"};
constexpr db::Query kFamilyOrders{
    "inst.family_orders",
    "SELECT o.id, o.org_path FROM inst_order o WHERE o.payer_mobile_hash IN"
    " (SELECT g.mobile_hash FROM org_guardian g WHERE g.user_id = $1) ORDER BY o.id DESC LIMIT 200"};
constexpr db::Query kCountOrders{"inst.count_orders", "SELECT COUNT(*)" KEHOU_ORDER_FILTER};
constexpr db::Query kListOrders{
    "inst.list_orders", "SELECT " KEHOU_ORDER_COLUMNS KEHOU_ORDER_FILTER " ORDER BY o.id DESC LIMIT $4 OFFSET $5"};
constexpr db::Query kLedger{"inst.escrow_ledger",
                            "SELECT e.id, e.seq, e.kind, e.consumption_id, e.hours, e.amount_fen, e.at, e.on_date,"
                            " e.actor_id, u.display_name, e.note FROM inst_escrow_entry e"
                            " LEFT JOIN auth_user u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.seq"};
constexpr db::Query kAdvance{"inst.advance_ledger",
                             "UPDATE inst_order SET ledger_lines = $3, status = $4"
                             " WHERE id = $1 AND ledger_lines = $2"};
constexpr db::Query kInsertLine{"inst.insert_escrow_line",
                                "INSERT INTO inst_escrow_entry (order_id, seq, kind, consumption_id, hours, amount_fen,"
                                " at, on_date, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"};
constexpr db::Query kHoldingMoney{"inst.orders_holding_money",
                                  "SELECT o.id FROM inst_order o JOIN inst_escrow_entry e ON e.order_id = o.id"
                                  " WHERE o.org_path LIKE $1 || '%' AND o.status <> 'completed'"
                                  " GROUP BY o.id HAVING SUM(" KEHOU_LINE_BALANCE ") > 0 ORDER BY o.id"};
constexpr db::Query kHoldOpen{"inst.hold_institution_open_for_orders",
                              "UPDATE inst_institution SET updated_at = updated_at"
                              " WHERE id = $1 AND status IN ('operating', 'rectifying')"};
constexpr db::Query kExposure{"inst.escrow_exposure",
                              "SELECT COUNT(*), COUNT(DISTINCT b.payer_mobile_hash), COALESCE(SUM(b.balance), 0) FROM"
                              " (SELECT o.payer_mobile_hash, SUM(" KEHOU_LINE_BALANCE
                              ") AS balance FROM inst_order o"
                              " JOIN inst_escrow_entry e ON e.order_id = o.id WHERE o.institution_id = $1"
                              " GROUP BY o.id, o.payer_mobile_hash) b WHERE b.balance > 0"};
constexpr db::Query kHasOpenAlert{"inst.has_open_alert",
                                  "SELECT 1 FROM inst_alert WHERE institution_id = $1 AND kind = $2"
                                  " AND resolved_at IS NULL"};
constexpr db::Query kInsertAlert{"inst.insert_alert",
                                 "INSERT INTO inst_alert (institution_id, org_path, kind, detail, families, orders,"
                                 " amount_fen, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr db::Query kListAlerts{"inst.list_alerts",
                                "SELECT " KEHOU_ALERT_COLUMNS
                                " WHERE a.org_path LIKE $1 || '%'"
                                " AND ($2 = 0 OR a.resolved_at IS NULL) ORDER BY a.id DESC LIMIT 500"};
constexpr db::Query kFindAlert{"inst.find_alert",
                               "SELECT " KEHOU_ALERT_COLUMNS " WHERE a.id = $2 AND a.org_path LIKE $1 || '%'"};
constexpr db::Query kResolveAlert{"inst.resolve_alert",
                                  "UPDATE inst_alert SET resolved_at = $3, resolved_by = $2, resolution = $4"
                                  " WHERE id = $1 AND resolved_at IS NULL"};

/// A stored date; a malformed one is a corrupt row.
Date StoredDate(const std::string& text) {
    if (auto d = ParseIsoDate(text)) return *d;
    throw std::runtime_error("malformed stored date " + text);
}

EscrowOrder ReadOrder(const db::Row& r) {
    EscrowOrder o;
    o.id = r.Int(0);
    o.institution_id = r.Int(1);
    o.institution_name = r.Text(2);
    o.org_path = r.Text(3);
    o.contract_no = r.Text(4);
    o.payer_name = r.Text(5);
    o.payer_mobile_masked = r.Text(6);
    o.course_title = r.Text(7);
    o.class_hours = static_cast<int>(r.Int(8));
    o.unit_price_fen = r.Int(9);
    o.amount_fen = r.Int(10);
    o.start_date = StoredDate(r.Text(11));
    o.end_date = StoredDate(r.Text(12));
    o.paid_on = StoredDate(r.Text(13));
    o.escrow_mode = Enum<EscrowMode>(r.Text(14));
    const auto status = ParseOrderStatus(r.Text(15));
    if (!status) throw std::runtime_error("unknown stored order status " + r.Text(15));
    o.status = *status;
    o.ledger_lines = static_cast<int>(r.Int(16));
    o.created_at = r.Text(17);
    o.balance_fen = r.Int(18);
    return o;
}

EscrowAlert ReadAlert(const db::Row& r) {
    return {r.Int(0),
            r.Int(1),
            r.Text(2),
            r.Text(3),
            r.Text(4),
            r.Text(5),
            static_cast<int>(r.Int(6)),
            static_cast<int>(r.Int(7)),
            r.Int(8),
            r.Text(9),
            r.OptText(10),
            r.OptInt(11),
            r.OptText(12)};
}

}  // namespace

std::int64_t InsertOrder(db::Connection& c, const EscrowOrder& o, const crypto::SealedValue& mobile, std::int64_t by,
                         const std::string& now) {
    return c
        .Query(kInsertOrder, {o.institution_id, o.org_path, o.contract_no, o.payer_name, o.payer_mobile_masked,
                              db::Blob{mobile.box}, mobile.lookup_hash, o.course_title, std::int64_t{o.class_hours},
                              o.unit_price_fen, o.amount_fen, FormatDate(o.start_date), FormatDate(o.end_date),
                              FormatDate(o.paid_on), Code(o.escrow_mode), by, now})[0]
        .Int(0);
}

std::vector<std::pair<std::int64_t, std::string>> FamilyOrders(db::Connection& c, std::int64_t user_id) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& r : c.Query(kFamilyOrders, {user_id})) out.emplace_back(r.Int(0), r.Text(1));
    return out;
}

std::optional<EscrowOrder> FindOrder(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFindOrder, {scope, id}, ReadOrder);
}

Page<EscrowOrder> ListOrders(db::Connection& c, const std::string& scope, const OrderFilter& f) {
    const db::Value inst = db::Opt(f.institution_id);
    const db::Value status = f.status ? db::Value{std::string(OrderStatusCode(*f.status))} : db::Null();
    Page<EscrowOrder> page;
    page.total = c.Query(kCountOrders, {scope, inst, status})[0].Int(0);
    const std::int64_t offset = std::int64_t{f.page - 1} * f.page_size;
    for (const auto& r : c.Query(kListOrders, {scope, inst, status, std::int64_t{f.page_size}, offset}))
        page.items.push_back(ReadOrder(r));
    return page;
}

std::vector<LedgerLine> Ledger(db::Connection& c, std::int64_t order_id) {
    std::vector<LedgerLine> out;
    for (const auto& r : c.Query(kLedger, {order_id})) {
        LedgerLine l;
        l.id = r.Int(0);
        l.seq = static_cast<int>(r.Int(1));
        l.entry = {Enum<EscrowEntryKind>(r.Text(2)), StoredDate(r.Text(7)), r.Int(3), static_cast<int>(r.Int(4)),
                   r.Int(5)};
        l.at = r.Text(6);
        l.actor_id = r.OptInt(8);
        l.actor_name = r.OptText(9).value_or("");
        l.note = r.Text(10);
        out.push_back(std::move(l));
    }
    return out;
}

bool AdvanceLedger(db::Connection& c, std::int64_t order_id, int from, int to, OrderStatus status) {
    return c.Execute(kAdvance,
                     {order_id, std::int64_t{from}, std::int64_t{to}, std::string(OrderStatusCode(status))}) == 1;
}

void InsertLine(db::Connection& c, std::int64_t order_id, const LedgerLine& l) {
    c.Execute(kInsertLine,
              {order_id, std::int64_t{l.seq}, Code(l.entry.kind), l.entry.consumption_id, std::int64_t{l.entry.hours},
               l.entry.amount_fen, l.at, FormatDate(l.entry.on), db::Opt(l.actor_id), l.note});
}

std::vector<std::int64_t> OrdersHoldingMoney(db::Connection& c, const std::string& scope) {
    std::vector<std::int64_t> out;
    for (const auto& r : c.Query(kHoldingMoney, {scope})) out.push_back(r.Int(0));
    return out;
}

bool HoldInstitutionOpenForOrders(db::Connection& c, std::int64_t institution_id) {
    return c.Execute(kHoldOpen, {institution_id}) == 1;
}

EscrowExposure ExposureOf(db::Connection& c, std::int64_t institution_id) {
    const auto r = c.Query(kExposure, {institution_id});
    return {static_cast<int>(r[0].Int(0)), static_cast<int>(r[0].Int(1)), r[0].Int(2)};
}

bool HasOpenAlert(db::Connection& c, std::int64_t institution_id, std::string_view kind) {
    return !c.Query(kHasOpenAlert, {institution_id, std::string(kind)}).empty();
}

std::int64_t InsertAlert(db::Connection& c, const EscrowAlert& a) {
    return c
        .Query(kInsertAlert, {a.institution_id, a.org_path, a.kind, a.detail, std::int64_t{a.families},
                              std::int64_t{a.orders}, a.amount_fen, a.raised_at})[0]
        .Int(0);
}

std::vector<EscrowAlert> ListAlerts(db::Connection& c, const std::string& scope, bool open_only) {
    std::vector<EscrowAlert> out;
    for (const auto& r : c.Query(kListAlerts, {scope, Bool(open_only)})) out.push_back(ReadAlert(r));
    return out;
}

std::optional<EscrowAlert> FindAlert(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFindAlert, {scope, id}, ReadAlert);
}

bool ResolveAlert(db::Connection& c, std::int64_t id, std::int64_t by, const std::string& note,
                  const std::string& now) {
    return c.Execute(kResolveAlert, {id, by, now, note}) == 1;
}

}  // namespace kehou::institutions::repo
