// The 一课一消 operations on an order's ledger and the sweep that applies R6.2's silences (the rest of
// EscrowService is in escrow_service.cpp).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "db/transaction.hpp"
#include "institutions/escrow_repo.hpp"
#include "institutions/escrow_service.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using Pending = EscrowService::Pending;
using Kind = EscrowEntryKind;

constexpr int kMaxSweepAttempts = 5;

EscrowEntry Line(Kind kind, Date on, std::int64_t consumption_id = 0) {
    return {kind, on, consumption_id, 0, 0};
}

// A consumption's release, once its confirmation is in `grown` (一课一消: that class's fee to the institution).
void AddRelease(const PrepaidOrder& order, std::int64_t consumption_id, Date today, std::vector<EscrowEntry>& grown,
                std::vector<Pending>& out) {
    const auto state = FoldEscrow(order, grown);
    const Consumption* c = state.Find(consumption_id);
    if (!c) return;  // the confirmation line itself is refused with the rules' 409 before this matters
    EscrowEntry release = ReleaseEntry(order, *c, today);
    grown.push_back(release);
    out.push_back({release, fmt::format("一课一消：{} 课时费用划拨至机构", c->hours)});
}

// A settled consumption: confirmed lines are followed by the release in the same transaction.
std::vector<Pending> Settle(const PrepaidOrder& order, std::vector<EscrowEntry> grown, Kind kind,
                            std::int64_t consumption_id, Date today, const std::string& note) {
    std::vector<Pending> out{{Line(kind, today, consumption_id), note}};
    if (kind != Kind::kConsumptionConfirmed) return out;
    // The confirmation must fit before its release is built: the rules' 409 names the consumption's state.
    CheckEscrowEntry(order, grown, out.front().entry);
    grown.push_back(out.front().entry);
    AddRelease(order, consumption_id, today, grown, out);
    return out;
}

void RequireOpenForClasses(db::Database& database, const EscrowOrder& o, Date today) {
    if (std::chrono::sys_days{today} < std::chrono::sys_days{o.start_date})
        throw Error::Conflict("institutions.escrow_course_not_started", "课程尚未开始，不能发起消课",
                              "The course has not started: no class to consume yet", "start_date");
    auto c = database.Acquire();
    const auto institution = repo::FindInstitution(*c, "/", o.institution_id);
    const InstitutionStatus s = institution->status;
    if (s == InstitutionStatus::kSuspended || s == InstitutionStatus::kClosed || s == InstitutionStatus::kCancelled)
        throw Error::Conflict(
            "institutions.escrow_institution_not_open", fmt::format("机构状态为“{}”，不能发起消课", LabelZh(s)),
            fmt::format("The institution is {}: it may not hold classes", ToString(s)), "institution_id");
}

}  // namespace

EscrowOrder EscrowService::RequestConsumption(const Principal& p, std::int64_t order_id, int hours,
                                              const std::string& note) {
    const EscrowOrder o = ForWrite(p, order_id);
    RequireOpenForClasses(database_, o, Today());
    return Append(p, order_id, [&](const EscrowOrder& order, const std::vector<EscrowEntry>& ledger, Date today) {
        // [D] Once a family asks for its money back, the institution raises no new consumption: the refund returns
        // the hours free at the institution's answer, and they must not shrink while it is pending.
        const RefundStatus refund = FoldEscrow(order.Prepaid(), ledger).refund;
        if (refund == RefundStatus::kRequested || refund == RefundStatus::kApproved ||
            refund == RefundStatus::kAutoApproved)
            throw Error::Conflict("institutions.escrow_refund_pending", "退费申请处理中，不能发起消课",
                                  "A refund is pending: no new consumption may be requested", "refund");
        return std::vector<Pending>{{{Kind::kConsumptionRequested, today, 0, hours, 0}, note}};
    });
}

EscrowOrder EscrowService::AnswerConsumption(const Principal& p, std::int64_t order_id, std::int64_t consumption_id,
                                             bool confirm, const std::string& note) {
    const Kind kind = confirm ? Kind::kConsumptionConfirmed : Kind::kConsumptionDisputed;
    return Append(p, order_id, [&](const EscrowOrder& order, const std::vector<EscrowEntry>& ledger, Date today) {
        return Settle(order.Prepaid(), ledger, kind, consumption_id, today, note);
    });
}

EscrowOrder EscrowService::SettleConsumption(const Principal& p, std::int64_t order_id, std::int64_t consumption_id,
                                             bool for_institution, const std::string& note) {
    const Kind kind = for_institution ? Kind::kConsumptionConfirmed : Kind::kConsumptionCancelled;
    return Append(p, order_id, [&](const EscrowOrder& order, const std::vector<EscrowEntry>& ledger, Date today) {
        return Settle(order.Prepaid(), ledger, kind, consumption_id, today, note);
    });
}

EscrowOrder EscrowService::RequestRefund(const Principal& p, std::int64_t order_id, const std::string& note) {
    return Append(p, order_id, [&](const EscrowOrder&, const std::vector<EscrowEntry>&, Date today) {
        return std::vector<Pending>{{Line(Kind::kRefundRequested, today), note}};
    });
}

EscrowOrder EscrowService::AnswerRefund(const Principal& p, std::int64_t order_id, bool approve,
                                        const std::string& note) {
    return Append(p, order_id, [&](const EscrowOrder& order, std::vector<EscrowEntry> grown, Date today) {
        std::vector<Pending> out{{Line(approve ? Kind::kRefundApproved : Kind::kRefundRejected, today), note}};
        if (!approve) return out;
        const PrepaidOrder prepaid = order.Prepaid();
        CheckEscrowEntry(prepaid, grown, out.front().entry);
        grown.push_back(out.front().entry);
        if (RefundableHours(prepaid, grown) > 0)
            out.push_back({RefundEntry(prepaid, grown, today), "剩余课时费用原路退回"});
        return out;
    });
}

// ---- The sweep (R6.2: silence confirms a class after N working days, agrees to a refund after 5) -------------

int EscrowService::SweepOrder(std::int64_t order_id, Date today, const HolidayCalendar& calendar, SweepResult& result) {
    int confirmed = 0, approved = 0;
    const Build build = [&](const EscrowOrder& order, std::vector<EscrowEntry> grown, Date on) {
        confirmed = approved = 0;
        const PrepaidOrder prepaid = order.Prepaid();
        std::vector<Pending> out;
        for (auto id : DueAutoConfirmations(grown, on, calendar, options_.auto_confirm_working_days)) {
            out.push_back({Line(Kind::kConsumptionAutoConfirmed, on, id),
                           fmt::format("家长 {} 个工作日内未确认，视为确认", options_.auto_confirm_working_days)});
            grown.push_back(out.back().entry);
            AddRelease(prepaid, id, on, grown, out);
            ++confirmed;
        }
        if (RefundDueAutoApproval(grown, on, calendar, options_.refund_auto_approve_working_days)) {
            out.push_back(
                {Line(Kind::kRefundAutoApproved, on),
                 fmt::format("机构 {} 个工作日内未答复，视为同意退费", options_.refund_auto_approve_working_days)});
            grown.push_back(out.back().entry);
            if (RefundableHours(prepaid, grown) > 0)
                out.push_back({RefundEntry(prepaid, grown, on), "剩余课时费用原路退回"});
            ++approved;
        }
        return out;
    };
    for (int attempt = 0; attempt < kMaxSweepAttempts; ++attempt) {
        auto c = database_.Acquire();
        switch (TryAppend(*c, "/", order_id, std::nullopt, today, build)) {
            case Outcome::kAppended:
                result.auto_confirmed += confirmed;
                result.refunds_auto_approved += approved;
                return 1;
            case Outcome::kNothing:
                return 0;  // nothing due, or another sweep appended it first
            case Outcome::kRaced:
                continue;
        }
    }
    throw Error::Conflict("institutions.escrow_busy", "该订单正在被同时操作", "The order's ledger kept moving");
}

SweepResult EscrowService::Sweep(Date today, const HolidayCalendar& calendar, const std::string& scope) {
    std::vector<std::int64_t> ids;
    {
        auto c = database_.Acquire();
        ids = repo::OrdersHoldingMoney(*c, scope);
    }
    SweepResult result;
    for (const auto id : ids) {
        try {
            result.orders_touched += SweepOrder(id, today, calendar, result);
        } catch (const std::exception& e) {
            // One order the rules refuse (a ledger dated after `today`, a corrupt ledger) must not stop the rest.
            ++result.orders_failed;
            spdlog::error("escrow sweep skipped order_id={}: {}", id, e.what());
        }
    }
    return result;
}

SweepResult EscrowService::SweepNow(const Principal& p) {
    return Sweep(Today(), options_.calendar(), p.scope_path);
}

}  // namespace kehou::institutions
