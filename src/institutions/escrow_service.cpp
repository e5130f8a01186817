#include "institutions/escrow_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/ids.hpp"
#include "core/mask.hpp"
#include "db/transaction.hpp"
#include "institutions/escrow_repo.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"
#include "org/rules.hpp"

namespace kehou::institutions {
namespace {

// Appends lose a race only to another append of the same order; each retry waits for the winner's commit, so a
// few attempts are plenty.
constexpr int kMaxAppendAttempts = 5;

Error OutOfScope(std::string_view what_zh, std::string_view what_en) {
    return Error::Forbidden("institutions.out_of_scope", fmt::format("该{}不在您的管理范围内", what_zh),
                            fmt::format("That {} is outside your scope", what_en));
}

std::string Yuan(std::int64_t fen) {
    return fmt::format("{}.{:02}", fen / 100, fen % 100);
}

std::vector<EscrowEntry> Entries(const std::vector<LedgerLine>& lines) {
    std::vector<EscrowEntry> out;
    out.reserve(lines.size());
    for (const auto& l : lines) out.push_back(l.entry);
    return out;
}

// The order's filterable summary, from its fold.
OrderStatus StatusOf(const EscrowState& s) {
    switch (s.refund) {
        case RefundStatus::kRequested:
        case RefundStatus::kApproved:
        case RefundStatus::kAutoApproved:
            return OrderStatus::kRefundRequested;
        case RefundStatus::kRefunded:
            return OrderStatus::kRefunded;
        default:
            return s.balance_fen == 0 ? OrderStatus::kCompleted : OrderStatus::kEscrowed;
    }
}

// R6.2 after every write: the ledger as stored replays cleanly and balance = Σ unpaid hours × unit price.
void VerifyStored(db::Connection& c, const EscrowOrder& order, std::size_t expected_lines) {
    const auto stored = repo::Ledger(c, order.id);
    auto problem = CheckEscrowInvariant(order.Prepaid(), Entries(stored));
    if (!problem && stored.size() == expected_lines) return;
    const std::string what =
        problem ? fmt::format("line {}: {}: {}", problem->entry_index, problem->code, problem->message_en)
                : fmt::format("{} lines stored, {} expected", stored.size(), expected_lines);
    spdlog::error("escrow invariant broken, write refused: order_id={} {}", order.id, what);
    throw Error::Internal(fmt::format("escrow invariant broken for order {}: {}", order.id, what));
}

EscrowOrder OrderFromInput(const OrderInput& in) {
    EscrowOrder o;
    o.institution_id = in.institution_id;
    o.contract_no = in.contract_no;
    o.payer_name = in.payer_name;
    o.course_title = in.course_title;
    o.class_hours = in.class_hours;
    o.unit_price_fen = in.unit_price_fen;
    if (in.amount_fen)
        o.amount_fen = *in.amount_fen;
    else if (__builtin_mul_overflow(std::int64_t{in.class_hours}, in.unit_price_fen, &o.amount_fen))
        o.amount_fen = kMaxOrderAmountFen + 1;  // far beyond the cap: CheckPrepaidOrder says so
    o.start_date = RequireIsoDate(in.start_date, "start_date");
    o.end_date = RequireIsoDate(in.end_date, "end_date");
    o.paid_on = RequireIsoDate(in.paid_on, "paid_on");
    o.escrow_mode = in.escrow_mode;
    return o;
}

// The payer is personal data: a plausible name, a real mainland mobile (normalised before sealing).
std::string CheckPayer(const OrderInput& in) {
    if (!org::IsPlausibleName(in.payer_name))
        throw Error::Unprocessable("institutions.bad_payer_name", "缴费人姓名须为 1–30 个字，不含数字",
                                   "The payer's name must be 1–30 characters, no digits", "payer_name");
    const MobileCheck m = ValidateMobile(in.payer_mobile);
    if (!m.ok())
        throw Error::Unprocessable("institutions.bad_payer_mobile", m.failure->message_zh, m.failure->message_en,
                                   "payer_mobile");
    if (in.contract_no.empty() || in.course_title.empty())
        throw Error::Unprocessable("institutions.order_text_missing", "请填写合同编号和课程名称",
                                   "Give the contract number and the course title",
                                   in.contract_no.empty() ? "contract_no" : "course_title");
    return m.normalized;
}

Error InstitutionNotOpen(InstitutionStatus s) {
    return Error::Conflict(
        "institutions.escrow_institution_not_open", fmt::format("机构状态为“{}”，不能收取新的预收费", LabelZh(s)),
        fmt::format("The institution is {}: it may not take new prepaid orders", ToString(s)), "institution_id");
}

}  // namespace

Error OrderNotFound() {
    return Error::NotFound("institutions.order_not_found", "找不到该订单", "No such order");
}

EscrowOptions EscrowService::DefaultOptions() {
    return {};
}

EscrowService::EscrowService(db::Database& database, const crypto::PiiVault& vault, EscrowOptions options)
    : database_(database), vault_(vault), options_(std::move(options)) {}

Date EscrowService::Today() const {
    return ShanghaiDateOf(options_.clock());
}

std::string EscrowService::Now() const {
    return FormatShanghai(options_.clock());
}

Page<EscrowOrder> EscrowService::ListOrders(const Principal& p, OrderFilter f) {
    f.page = std::max(1, f.page);
    f.page_size = std::clamp(f.page_size, 1, 200);
    auto c = database_.Acquire();
    return repo::ListOrders(*c, p.scope_path, f);
}

EscrowOrder EscrowService::GetOrder(const Principal& p, std::int64_t id) {
    const auto calendar = options_.calendar();  // before holding a connection: the calendar reads with its own
    auto c = database_.Acquire();
    auto o = repo::FindOrder(*c, p.scope_path, id);
    if (!o) throw OrderNotFound();
    o->ledger = repo::Ledger(*c, id);
    const auto entries = Entries(o->ledger);
    const PrepaidOrder prepaid = o->Prepaid();
    o->problem = CheckEscrowInvariant(prepaid, entries);
    o->unconsumed_value_fen = UnconsumedValue(prepaid, entries);
    if (o->problem) return *o;  // shown as it is: a read never throws on a broken ledger
    o->state = FoldEscrow(prepaid, entries);
    for (const auto& k : o->state->consumptions)
        if (k.status == ConsumptionStatus::kRequested)
            o->auto_confirm_after.emplace_back(
                k.id, AddWorkingDays(k.requested_on, options_.auto_confirm_working_days, calendar));
    if (o->state->refund == RefundStatus::kRequested && o->state->refund_requested_on)
        o->refund_auto_approve_after = AddWorkingDays(*o->state->refund_requested_on,
                                                      options_.refund_auto_approve_working_days, calendar);
    return *o;
}

EscrowOrder EscrowService::CreateOrder(const Principal& p, const OrderInput& in) {
    const std::string mobile = CheckPayer(in);
    EscrowOrder o = OrderFromInput(in);
    ThrowIfViolations(CheckPrepaidOrder(o.Prepaid(), options_.prepaid));  // RULES R1.15
    if (std::chrono::sys_days{o.paid_on} > std::chrono::sys_days{Today()})
        throw Error::Unprocessable("institutions.order_paid_in_future", "缴费日期不能晚于今天",
                                   "The payment date cannot be in the future", "paid_on");
    o.payer_mobile_masked = MaskMobile(mobile);
    auto c = database_.Acquire();
    const auto institution = repo::FindInstitution(*c, p.scope_path, in.institution_id);
    if (!institution) {
        if (repo::FindInstitution(*c, "/", in.institution_id)) throw OutOfScope("机构", "institution");
        throw Error::NotFound("institutions.not_found", "找不到该机构", "No such institution");
    }
    o.org_path = institution->org_path;
    const auto sealed = vault_.Seal(mobile);
    db::Transaction tx(*c, db::TxMode::kWrite);
    // A concurrent closure waits for this order (and its alert then counts it), or wins and refuses it.
    if (!repo::HoldInstitutionOpenForOrders(*c, in.institution_id))
        throw InstitutionNotOpen(repo::FindInstitution(*c, "/", in.institution_id)->status);
    try {
        o.id = repo::InsertOrder(*c, o, sealed, p.user_id, Now());
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbErrorKind::kUnique && e.constraint().find("contract") != std::string::npos)
            throw Error::Conflict("institutions.duplicate_contract", "该合同编号已登记",
                                  "That contract number is already registered", "contract_no");
        throw;
    }
    const auto stored = repo::FindOrder(*c, "/", o.id);
    if (!AppendInTx(*c, *stored, {}, {{DepositEntry(stored->Prepaid()), "预收费进入监管账户"}}, p.user_id))
        throw Error::Internal("a new order's ledger was claimed before its deposit");
    tx.Commit();
    return GetOrder(p, o.id);
}

EscrowOrder EscrowService::ForWrite(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    if (auto o = repo::FindOrder(*c, p.scope_path, id)) return *o;
    if (repo::FindOrder(*c, "/", id)) throw OutOfScope("订单", "order");
    throw OrderNotFound();
}

bool EscrowService::AppendInTx(db::Connection& c, const EscrowOrder& order, const std::vector<EscrowEntry>& ledger,
                               std::vector<Pending> pending, std::optional<std::int64_t> actor) {
    const PrepaidOrder prepaid = order.Prepaid();
    std::vector<EscrowEntry> grown = ledger;
    const int from = static_cast<int>(ledger.size());
    for (std::size_t i = 0; i < pending.size(); ++i) {
        auto& e = pending[i].entry;
        // A consumption is named by the seq of its request line: unique per order, known before the insert.
        if (e.kind == EscrowEntryKind::kConsumptionRequested) e.consumption_id = from + 1 + static_cast<int>(i);
        CheckEscrowEntry(prepaid, grown, e);  // 409 naming the field when the line does not fit
        grown.push_back(e);
    }
    const int to = from + static_cast<int>(pending.size());
    if (!repo::AdvanceLedger(c, order.id, from, to, StatusOf(FoldEscrow(prepaid, grown)))) return false;
    const std::string now = Now();
    for (std::size_t i = 0; i < pending.size(); ++i)
        repo::InsertLine(c, order.id,
                         {0, from + 1 + static_cast<int>(i), pending[i].entry, now, actor, "", pending[i].note});
    VerifyStored(c, order, static_cast<std::size_t>(to));
    return true;
}

EscrowService::Outcome EscrowService::TryAppend(db::Connection& c, const std::string& scope, std::int64_t order_id,
                                                std::optional<std::int64_t> actor, Date today, const Build& build) {
    db::Transaction tx(c, db::TxMode::kWrite);
    const auto order = repo::FindOrder(c, scope, order_id);
    if (!order) throw OrderNotFound();
    const auto lines = repo::Ledger(c, order_id);
    // PostgreSQL reads each statement at its own snapshot: a line committed between the two reads shows here.
    if (static_cast<int>(lines.size()) != order->ledger_lines) return Outcome::kRaced;
    const auto ledger = Entries(lines);
    auto pending = build(*order, ledger, today);
    if (pending.empty()) return Outcome::kNothing;
    if (!AppendInTx(c, *order, ledger, std::move(pending), actor)) return Outcome::kRaced;
    tx.Commit();
    return Outcome::kAppended;
}

EscrowOrder EscrowService::Append(const Principal& p, std::int64_t order_id, const Build& build) {
    ForWrite(p, order_id);
    for (int attempt = 0; attempt < kMaxAppendAttempts; ++attempt) {
        auto c = database_.Acquire();
        if (TryAppend(*c, p.scope_path, order_id, p.user_id, Today(), build) != Outcome::kRaced)
            return GetOrder(p, order_id);
    }
    throw Error::Conflict("institutions.escrow_busy", "该订单正在被同时操作，请稍后重试",
                          "Someone else is writing this order's ledger; try again", "ledger_lines");
}

std::vector<EscrowAlert> EscrowService::ListAlerts(const Principal& p, bool open_only) {
    auto c = database_.Acquire();
    return repo::ListAlerts(*c, p.scope_path, open_only);
}

EscrowAlert EscrowService::ResolveAlert(const Principal& p, std::int64_t alert_id, const std::string& note) {
    auto c = database_.Acquire();
    if (!repo::FindAlert(*c, p.scope_path, alert_id)) {
        if (repo::FindAlert(*c, "/", alert_id)) throw OutOfScope("预警", "alert");
        throw Error::NotFound("institutions.alert_not_found", "找不到该预警", "No such alert");
    }
    if (note.empty())
        throw Error::Unprocessable("institutions.alert_note_required", "处置预警须填写处置情况",
                                   "Resolving an alert needs a note on what was done", "note");
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::ResolveAlert(*c, alert_id, p.user_id, note, Now()))
        throw Error::Conflict("institutions.alert_resolved", "该预警已处置", "That alert is already resolved",
                              "resolved_at");
    tx.Commit();
    return *repo::FindAlert(*c, p.scope_path, alert_id);
}

std::optional<std::int64_t> EscrowService::RaiseClosureAlerts(db::Connection& c, std::int64_t institution_id,
                                                              const std::string& now) {
    const auto institution = repo::FindInstitution(c, "/", institution_id);
    if (!institution) return std::nullopt;
    const auto exposure = repo::ExposureOf(c, institution_id);
    if (!EscrowAtRisk(institution->status, exposure.amount_fen)) return std::nullopt;
    if (repo::HasOpenAlert(c, institution_id, kClosedWithEscrow)) return std::nullopt;  // one open alert is enough
    EscrowAlert a;
    a.institution_id = institution_id;
    a.org_path = institution->org_path;
    a.kind = std::string(kClosedWithEscrow);
    a.detail = fmt::format("机构“{}”状态变为“{}”，仍有 {} 户家庭 {} 笔订单的预收费 {} 元在监管账户中，须督促退费",
                           institution->name, LabelZh(institution->status), exposure.families, exposure.orders,
                           Yuan(exposure.amount_fen));
    a.families = exposure.families;
    a.orders = exposure.orders;
    a.amount_fen = exposure.amount_fen;
    a.raised_at = now;
    const auto id = repo::InsertAlert(c, a);
    spdlog::warn("escrow risk alert: institution_id={} families={} orders={} amount_fen={}", institution_id,
                 exposure.families, exposure.orders, exposure.amount_fen);
    return id;
}

std::optional<EscrowAlert> EscrowService::RaiseClosureAlerts(std::int64_t institution_id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = RaiseClosureAlerts(*c, institution_id, Now());
    tx.Commit();
    if (!id) return std::nullopt;
    return repo::FindAlert(*c, "/", *id);
}

}  // namespace kehou::institutions
