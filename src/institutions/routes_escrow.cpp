// Routes of prepaid-fee escrow (预收费资金监管): orders, the 一课一消 ledger, refunds, the sweep and risk alerts.
#include <fmt/format.h>

#include <algorithm>

#include "core/mask.hpp"
#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

json::value DateJson(const std::optional<Date>& d) {
    return d ? json::value(FormatDate(*d)) : json::value(nullptr);
}

json::object LineJson(const LedgerLine& l) {
    return {
        {"seq", l.seq},
        {"kind", ToString(l.entry.kind)},
        {"kind_label", LabelZh(l.entry.kind)},
        {"consumption_id", l.entry.consumption_id == 0 ? json::value(nullptr) : json::value(l.entry.consumption_id)},
        {"hours", l.entry.hours},
        {"amount_fen", l.entry.amount_fen},
        {"on", FormatDate(l.entry.on)},
        {"at", l.at},
        {"actor_name", l.actor_id ? json::value(l.actor_name) : json::value("系统")},
        {"note", l.note}};
}

json::object StateJson(const EscrowOrder& o, const EscrowState& s) {
    json::array consumptions;
    for (const auto& c : s.consumptions) {
        std::optional<Date> due;
        for (const auto& [id, day] : o.auto_confirm_after)
            if (id == c.id) due = day;
        consumptions.push_back(json::object{{"id", c.id},
                                            {"hours", c.hours},
                                            {"requested_on", FormatDate(c.requested_on)},
                                            {"status", ToString(c.status)},
                                            {"status_label", LabelZh(c.status)},
                                            {"auto_confirm_after", DateJson(due)}});
    }
    return {{"balance_fen", s.balance_fen},
            {"deposited_hours", s.deposited_hours},
            {"released_hours", s.released_hours},
            {"refunded_hours", s.refunded_hours},
            {"held_hours", s.held_hours},
            {"unpaid_hours", s.UnpaidHours()},
            {"free_hours", s.FreeHours()},
            {"refundable_fen", std::max(0, s.FreeHours()) * o.unit_price_fen},
            {"refund", ToString(s.refund)},
            {"refund_label", LabelZh(s.refund)},
            {"refund_requested_on", DateJson(s.refund_requested_on)},
            {"refund_auto_approve_after", DateJson(o.refund_auto_approve_after)},
            {"consumptions", std::move(consumptions)}};
}

// The payer is shown masked only: the mobile is sealed in the database and never leaves it here.
json::object OrderJson(const EscrowOrder& o) {
    return {{"id", o.id},
            {"institution_id", o.institution_id},
            {"institution_name", o.institution_name},
            {"contract_no", o.contract_no},
            {"payer_name", MaskName(o.payer_name)},
            {"payer_mobile", o.payer_mobile_masked},
            {"course_title", o.course_title},
            {"class_hours", o.class_hours},
            {"unit_price_fen", o.unit_price_fen},
            {"amount_fen", o.amount_fen},
            {"start_date", FormatDate(o.start_date)},
            {"end_date", FormatDate(o.end_date)},
            {"paid_on", FormatDate(o.paid_on)},
            {"escrow_mode", ToString(o.escrow_mode)},
            {"escrow_mode_label", LabelZh(o.escrow_mode)},
            {"status", OrderStatusCode(o.status)},
            {"balance_fen", o.balance_fen},
            {"ledger_lines", o.ledger_lines},
            {"created_at", o.created_at}};
}

json::object OrderDetailJson(const EscrowOrder& o) {
    json::object out = OrderJson(o);
    json::array ledger;
    for (const auto& l : o.ledger) ledger.push_back(LineJson(l));
    out["ledger"] = std::move(ledger);
    out["state"] = o.state ? json::value(StateJson(o, *o.state)) : json::value(nullptr);
    json::value problem = nullptr;
    if (o.problem)
        problem = json::object{{"line", o.problem->entry_index},
                               {"code", o.problem->code},
                               {"message", o.problem->message_zh},
                               {"message_en", o.problem->message_en},
                               {"field", o.problem->field}};
    // RULES R6.2: balance = Σ unconsumed hours × unit price, as checked after every write.
    out["invariant"] = json::object{{"holds", !o.problem},
                                    {"balance_fen", o.balance_fen},
                                    {"unconsumed_value_fen", o.unconsumed_value_fen},
                                    {"problem", std::move(problem)}};
    return out;
}

json::object AlertJson(const EscrowAlert& a) {
    return {{"id", a.id},
            {"institution_id", a.institution_id},
            {"institution_name", a.institution_name},
            {"kind", a.kind},
            {"detail", a.detail},
            {"families", a.families},
            {"orders", a.orders},
            {"amount_fen", a.amount_fen},
            {"raised_at", a.raised_at},
            {"resolved_at", http::OptJson(a.resolved_at)},
            {"resolution", http::OptJson(a.resolution)}};
}

OrderInput ReadOrder(http::Request& r) {
    http::BodyReader body(r);
    OrderInput in;
    in.institution_id = r.PathId("id");
    in.contract_no = body.RequiredString("contract_no", 50);
    in.payer_name = body.RequiredString("payer_name", 30);
    in.payer_mobile = body.RequiredString("payer_mobile", 20);
    in.course_title = body.RequiredString("course_title", 100);
    // Beyond any sane order either way; R1.15's check then names the field.
    in.class_hours = static_cast<int>(std::clamp<std::int64_t>(body.RequiredInt("class_hours"), -1, 1'000'000));
    in.unit_price_fen = body.RequiredInt("unit_price_fen");
    in.amount_fen = body.OptionalInt("amount_fen");
    in.start_date = body.RequiredString("start_date", 10);
    in.end_date = body.RequiredString("end_date", 10);
    in.paid_on = body.RequiredString("paid_on", 10);
    in.escrow_mode = OptionalEnum<EscrowMode>(body, "escrow_mode").value_or(EscrowMode::kBankEscrow);
    body.Finish();
    return in;
}

/// One of two answers, e.g. confirm | dispute; 400 naming the field otherwise.
bool ReadChoice(http::BodyReader& body, std::string_view field, std::string_view yes, std::string_view no) {
    const auto v = body.RequiredString(field, 20);
    if (v == yes) return true;
    if (v == no) return false;
    throw BadCode(field, {std::string(yes), std::string(no)});
}

struct Answer {
    std::int64_t consumption_id = 0;
    bool yes = false;
    std::string note;
};

/// {consumption_id (when the answer is about one class), <field>: yes|no, note}.
Answer ReadAnswer(http::Request& r, bool names_consumption, std::string_view field, std::string_view yes,
                  std::string_view no) {
    http::BodyReader body(r);
    Answer a;
    if (names_consumption) a.consumption_id = body.RequiredInt("consumption_id");
    a.yes = ReadChoice(body, field, yes, no);
    a.note = body.OptionalString("note", 500).value_or("");
    body.Finish();
    return a;
}

std::string ReadNote(http::Request& r, bool required) {
    http::BodyReader body(r);
    auto note = required ? body.RequiredString("note", 500) : body.OptionalString("note", 500).value_or("");
    body.Finish();
    return note;
}

OrderFilter ReadOrderFilter(const http::Request& r) {
    OrderFilter f;
    f.institution_id = r.QueryId("institution_id");
    if (const auto s = r.QueryParam("status"); s && !s->empty()) {
        f.status = ParseOrderStatus(*s);
        if (!f.status) throw BadCode("status", {"escrowed", "refund_requested", "refunded", "completed"});
    }
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

http::Response Done(http::Request& r, const EscrowOrder& o, std::string_view what) {
    r.audit_object = fmt::format("order_id={} {} ledger_lines={}", o.id, what, o.ledger_lines);
    return http::JsonResponse(OrderDetailJson(o));
}

void RegisterOrderReads(http::Router& router, EscrowService& svc) {
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/orders",
                .permission = "institutions:escrow:read",
                .handler =
                    [&svc](http::Request& r) {
                        const auto page = svc.ListOrders(r.Caller(), ReadOrderFilter(r));
                        json::array items;
                        for (const auto& o : page.items) items.push_back(OrderJson(o));
                        return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
                    },
                .summary = "Prepaid orders in scope with their escrow balance, by institution and status, paged"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/orders/{id}",
                .permission = "institutions:escrow:read",
                .handler =
                    [&svc](http::Request& r) {
                        return http::JsonResponse(OrderDetailJson(svc.GetOrder(r.Caller(), r.PathId("id"))));
                    },
                .summary = "One order with its ledger, folded escrow state and the R6.2 invariant's result"});
    router.Add({.method = Method::kPost,
                .path = "/api/v1/institutions/{id}/orders",
                .permission = "institutions:escrow:create",
                .audit_title = "登记预收费订单",
                .handler =
                    [&svc](http::Request& r) {
                        const auto o = svc.CreateOrder(r.Caller(), ReadOrder(r));
                        r.audit_object = fmt::format("order_id={} institution_id={} contract_no={} amount_fen={}", o.id,
                                                     o.institution_id, o.contract_no, o.amount_fen);
                        return http::JsonResponse(OrderDetailJson(o), 201);
                    },
                .summary = "Register a prepaid order (R1.15: ≤ 3 months, ≤ 60 hours, ≤ 5,000 yuan) and its deposit"});
}

void RegisterLedgerWrites(http::Router& router, EscrowService& svc) {
    router.Add({.method = Method::kPost,
                .path = "/api/v1/institutions/orders/{id}/consumptions",
                .permission = "institutions:escrow:update",
                .audit_title = "发起消课确认",
                .handler =
                    [&svc](http::Request& r) {
                        http::BodyReader body(r);
                        const auto hours = body.OptionalInt("hours").value_or(1);
                        if (hours < 1 || hours > kMaxOrderClassHours)
                            throw Error::BadRequest("institutions.bad_hours", "消课课时须为 1–60 的整数",
                                                    "Hours are a whole number from 1 to 60", "hours");
                        const auto note = body.OptionalString("note", 500).value_or("");
                        body.Finish();
                        const auto o =
                            svc.RequestConsumption(r.Caller(), r.PathId("id"), static_cast<int>(hours), note);
                        return Done(r, o, fmt::format("consumption_requested hours={}", hours));
                    },
                .summary = "一课一消: ask the family to confirm one delivered class (hours, default 1)"});
    router.Add(
        {.method = Method::kPost,
         .path = "/api/v1/institutions/orders/{id}/consumption-answers",
         .permission = "institutions:escrow:update",
         .audit_title = "登记家长消课确认",
         .handler =
             [&svc](http::Request& r) {
                 const auto a = ReadAnswer(r, true, "answer", "confirm", "dispute");
                 const auto o = svc.AnswerConsumption(r.Caller(), r.PathId("id"), a.consumption_id, a.yes, a.note);
                 return Done(
                     r, o, fmt::format("consumption_id={} answer={}", a.consumption_id, a.yes ? "confirm" : "dispute"));
             },
         .summary = "Record the guardian's answer: confirm (the class's fee is released) or dispute"});
    router.Add(
        {.method = Method::kPost,
         .path = "/api/v1/institutions/orders/{id}/consumption-settlements",
         .permission = "institutions:escrow:update",
         .audit_title = "消课异议处理",
         .handler =
             [&svc](http::Request& r) {
                 const auto a = ReadAnswer(r, true, "outcome", "institution", "family");
                 const auto o = svc.SettleConsumption(r.Caller(), r.PathId("id"), a.consumption_id, a.yes, a.note);
                 return Done(r, o,
                             fmt::format("consumption_id={} settled_for={}", a.consumption_id,
                                         a.yes ? "institution" : "family"));
             },
         .summary = "Settle a disputed (or withdraw an unanswered) consumption for the institution or the family"});
    router.Add({.method = Method::kPost,
                .path = "/api/v1/institutions/orders/{id}/refund-requests",
                .permission = "institutions:escrow:update",
                .audit_title = "登记退费申请",
                .handler =
                    [&svc](http::Request& r) {
                        const auto note = ReadNote(r, false);
                        return Done(r, svc.RequestRefund(r.Caller(), r.PathId("id"), note), "refund_requested");
                    },
                .summary = "Record the family's refund request (auto-approved after 5 working days of silence)"});
    router.Add({.method = Method::kPost,
                .path = "/api/v1/institutions/orders/{id}/refund-answers",
                .permission = "institutions:escrow:update",
                .audit_title = "登记机构退费答复",
                .handler =
                    [&svc](http::Request& r) {
                        const auto a = ReadAnswer(r, false, "answer", "approve", "reject");
                        const auto o = svc.AnswerRefund(r.Caller(), r.PathId("id"), a.yes, a.note);
                        return Done(r, o, a.yes ? "refund_approved" : "refund_rejected");
                    },
                .summary = "Record the institution's answer: approve (the free hours are refunded) or reject"});
}

void RegisterSweepAndAlerts(http::Router& router, EscrowService& svc) {
    router.Add(
        {.method = Method::kPost,
         .path = "/api/v1/institutions/escrow-sweeps",
         .permission = "institutions:escrow:update",
         .audit_title = "执行预收费到期处理",
         .handler =
             [&svc](http::Request& r) {
                 http::BodyReader(r).Finish();
                 const auto s = svc.SweepNow(r.Caller());
                 r.audit_object = fmt::format("auto_confirmed={} refunds_auto_approved={} orders={}", s.auto_confirmed,
                                              s.refunds_auto_approved, s.orders_touched);
                 return http::JsonResponse(json::object{{"auto_confirmed", s.auto_confirmed},
                                                        {"refunds_auto_approved", s.refunds_auto_approved},
                                                        {"orders_touched", s.orders_touched},
                                                        {"orders_failed", s.orders_failed}});
             },
         .summary = "Apply R6.2's silences due today in the caller's scope (auto-confirm, auto-approve refunds)"});
    router.Add({.method = Method::kGet,
                .path = "/api/v1/institutions/alerts",
                .permission = "institutions:escrow:read",
                .handler =
                    [&svc](http::Request& r) {
                        const bool open_only = r.QueryParam("open").value_or("") == "true";
                        return http::ItemsResponse(svc.ListAlerts(r.Caller(), open_only), AlertJson);
                    },
                .summary = "Escrow risk alerts in scope (open=true: unresolved only)"});
    router.Add({.method = Method::kPost,
                .path = "/api/v1/institutions/alerts/{id}/resolve",
                .permission = "institutions:escrow:update",
                .audit_title = "处置预收费风险预警",
                .handler =
                    [&svc](http::Request& r) {
                        const auto note = ReadNote(r, true);
                        const auto a = svc.ResolveAlert(r.Caller(), r.PathId("id"), note);
                        r.audit_object = fmt::format("alert_id={} institution_id={}", a.id, a.institution_id);
                        return http::JsonResponse(AlertJson(a));
                    },
                .summary = "Resolve a risk alert with a note on what was done"});
}

// The family's own orders (R6.2 answered from the phone, not through the bureau).
void RegisterFamilyRoutes(http::Router& router, EscrowService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/family/prepaid-orders",
                .permission = "institutions:family-order:read",
                .handler = [&svc](http::Request& r) {
                    json::array items;
                    for (const auto& o : svc.FamilyOrders(r.Caller())) items.push_back(OrderDetailJson(o));
                    return http::JsonResponse(json::object{{"items", std::move(items)}});
                },
                .summary = "The prepaid orders the signed-in guardian paid, with their ledgers and classes to answer"});
    router.Add(
        {.method = Method::kPost,
         .path = "/api/v1/family/prepaid-orders/{id}/consumption-answers",
         .permission = "institutions:family-order:update",
         .audit_title = "家长确认消课",
         .handler =
             [&svc](http::Request& r) {
                 const auto a = ReadAnswer(r, true, "answer", "confirm", "dispute");
                 const auto o = svc.FamilyAnswer(r.Caller(), r.PathId("id"), a.consumption_id, a.yes, a.note);
                 return Done(
                     r, o, fmt::format("consumption_id={} answer={}", a.consumption_id, a.yes ? "confirm" : "dispute"));
             },
         .summary = "The guardian confirms a delivered class (its fee is released) or disputes it"});
}

}  // namespace

void RegisterEscrowRoutes(http::Router& router, EscrowService& svc) {
    RegisterFamilyRoutes(router, svc);
    RegisterOrderReads(router, svc);
    RegisterLedgerWrites(router, svc);
    RegisterSweepAndAlerts(router, svc);
}

}  // namespace kehou::institutions
