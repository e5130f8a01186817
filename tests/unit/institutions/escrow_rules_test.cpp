// The escrow ledger, RULES R6.1–R6.2 (一课一消) and issue 6 point 5: deposits, consumption confirmed or
// confirmed by silence, releases, refunds, and the invariant balance = unpaid hours × unit price under
// hand-written scenarios, corrupted ledgers and random operation sequences.
#include <gtest/gtest.h>

#include <random>

#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using K = EscrowEntryKind;

Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const HolidayCalendar& Cal() {
    static const HolidayCalendar cal = Calendar2026();
    return cal;
}

// 20 class hours at 150 yuan: 3,000 yuan, 2 Mar – 31 May 2026.
const PrepaidOrder kOrder{300'000,        20,           15'000,         D(2026, 3, 2),
                          D(2026, 5, 31), std::nullopt, D(2026, 2, 27), std::nullopt};

/// A ledger grown only through CheckEscrowEntry, as the service grows it.
struct Ledger {
    std::vector<EscrowEntry> entries{DepositEntry(kOrder)};

    void Add(K kind, Date on, std::int64_t id = 0, int hours = 0, std::int64_t amount = 0) {
        const EscrowEntry e{kind, on, id, hours, amount};
        CheckEscrowEntry(kOrder, entries, e);
        entries.push_back(e);
        ASSERT_EQ(CheckEscrowInvariant(kOrder, entries), std::nullopt);
    }
    void Release(std::int64_t id, Date on) {
        const EscrowState s = FoldEscrow(kOrder, entries);
        const Consumption* c = s.Find(id);
        ASSERT_NE(c, nullptr);
        const EscrowEntry e = ReleaseEntry(kOrder, *c, on);
        CheckEscrowEntry(kOrder, entries, e);
        entries.push_back(e);
    }
};

std::string Conflict(const std::vector<EscrowEntry>& ledger, const EscrowEntry& next) {
    try {
        CheckEscrowEntry(kOrder, ledger, next);
    } catch (const Error& e) {
        return std::to_string(e.http_status()) + " " + e.code() + "@" + e.field();
    }
    return "accepted";
}

TEST(InstitutionEscrowTest, DepositThenOneClassConsumedAndReleased) {
    Ledger l;
    EXPECT_EQ(EscrowBalance(l.entries), 300'000);
    EXPECT_EQ(UnconsumedValue(kOrder, l.entries), 300'000);
    l.Add(K::kConsumptionRequested, D(2026, 3, 2), 1, 2);
    EXPECT_EQ(EscrowBalance(l.entries), 300'000);  // requested is not yet paid out
    l.Add(K::kConsumptionConfirmed, D(2026, 3, 3), 1);
    l.Release(1, D(2026, 3, 3));
    EXPECT_EQ(EscrowBalance(l.entries), 270'000);  // 一课一消: that class's 2 hours × 150 yuan
    EXPECT_EQ(UnconsumedValue(kOrder, l.entries), 18 * 15'000);
    EXPECT_EQ(CheckEscrowInvariant(kOrder, l.entries), std::nullopt);
    const EscrowState s = FoldEscrow(kOrder, l.entries);
    EXPECT_EQ(s.released_hours, 2);
    EXPECT_EQ(s.FreeHours(), 18);
    EXPECT_EQ(s.Find(1)->status, ConsumptionStatus::kReleased);
}

TEST(InstitutionEscrowTest, SilenceConfirmsAfterFifteenWorkingDaysNotFourteen) {
    Ledger l;
    l.Add(K::kConsumptionRequested, D(2026, 3, 9), 7, 1);  // Monday
    EXPECT_EQ(AddWorkingDays(D(2026, 3, 9), 14, Cal()), D(2026, 3, 27));
    EXPECT_EQ(AddWorkingDays(D(2026, 3, 9), 15, Cal()), D(2026, 3, 30));
    EXPECT_TRUE(DueAutoConfirmations(l.entries, D(2026, 3, 28), Cal()).empty());  // 14 working days have passed
    EXPECT_TRUE(DueAutoConfirmations(l.entries, D(2026, 3, 30), Cal()).empty());  // the 15th is still the parent's
    EXPECT_EQ(DueAutoConfirmations(l.entries, D(2026, 3, 31), Cal()), std::vector<std::int64_t>{7});
    EXPECT_EQ(DueAutoConfirmations(l.entries, D(2026, 3, 19), Cal(), 7), std::vector<std::int64_t>{7});  // local 7
    l.Add(K::kConsumptionAutoConfirmed, D(2026, 3, 31), 7);
    l.Release(7, D(2026, 3, 31));
    EXPECT_EQ(EscrowBalance(l.entries), 285'000);
    EXPECT_TRUE(DueAutoConfirmations(l.entries, D(2026, 6, 1), Cal()).empty());
}

TEST(InstitutionEscrowTest, DisputedClassesNeverConfirmBySilenceAndSettleEitherWay) {
    Ledger l;
    l.Add(K::kConsumptionRequested, D(2026, 3, 9), 1, 2);
    l.Add(K::kConsumptionDisputed, D(2026, 3, 10), 1);
    EXPECT_TRUE(DueAutoConfirmations(l.entries, D(2026, 6, 1), Cal()).empty());
    EXPECT_EQ(Conflict(l.entries, {K::kReleased, D(2026, 3, 11), 1, 2, 30'000}),
              "409 institutions.escrow_wrong_state@kind");
    EXPECT_EQ(RefundableHours(kOrder, l.entries), 18);   // the disputed hours are held
    l.Add(K::kConsumptionCancelled, D(2026, 3, 20), 1);  // mediation found for the family
    EXPECT_EQ(RefundableHours(kOrder, l.entries), 20);
    l.Add(K::kConsumptionRequested, D(2026, 3, 23), 2, 2);
    l.Add(K::kConsumptionDisputed, D(2026, 3, 24), 2);
    l.Add(K::kConsumptionConfirmed, D(2026, 3, 30), 2);  // mediation found for the institution
    l.Release(2, D(2026, 3, 30));
    EXPECT_EQ(EscrowBalance(l.entries), 270'000);
}

TEST(InstitutionEscrowTest, RefundAutoApprovesAfterFiveWorkingDaysAcrossQingming) {
    Ledger l;
    l.Add(K::kConsumptionRequested, D(2026, 3, 2), 1, 2);
    l.Add(K::kConsumptionConfirmed, D(2026, 3, 3), 1);
    l.Release(1, D(2026, 3, 3));
    l.Add(K::kConsumptionRequested, D(2026, 3, 31), 2, 2);  // delivered, not yet confirmed
    l.Add(K::kRefundRequested, D(2026, 4, 1), 0);           // Wednesday
    // 2 Apr, 3 Apr, (4–6 清明), 7, 8, 9: the fifth working day is 9 Apr.
    EXPECT_FALSE(RefundDueAutoApproval(l.entries, D(2026, 4, 9), Cal()));
    EXPECT_TRUE(RefundDueAutoApproval(l.entries, D(2026, 4, 10), Cal()));
    l.Add(K::kRefundAutoApproved, D(2026, 4, 10));
    EXPECT_EQ(RefundableHours(kOrder, l.entries), 16);  // 20 − 2 released − 2 held by request 2
    EXPECT_EQ(RefundAmountFen(kOrder, l.entries), 240'000);
    const EscrowEntry refund = RefundEntry(kOrder, l.entries, D(2026, 4, 10));
    EXPECT_EQ(refund.amount_fen, 240'000);
    l.Add(refund.kind, refund.on, 0, refund.hours, refund.amount_fen);
    EXPECT_EQ(EscrowBalance(l.entries), 30'000);  // request 2 still in escrow
    EXPECT_EQ(Conflict(l.entries, {K::kConsumptionRequested, D(2026, 4, 11), 3, 1}),
              "409 institutions.escrow_no_hours_left@hours");
    l.Add(K::kConsumptionAutoConfirmed, D(2026, 4, 30), 2);
    l.Release(2, D(2026, 4, 30));
    EXPECT_EQ(EscrowBalance(l.entries), 0);
    EXPECT_FALSE(RefundDueAutoApproval(l.entries, D(2026, 6, 1), Cal()));
}

TEST(InstitutionEscrowTest, RefusedLinesAre409sNamingTheirField) {
    Ledger l;
    l.Add(K::kConsumptionRequested, D(2026, 3, 2), 1, 2);
    EscrowEntry again = DepositEntry(kOrder);
    again.on = D(2026, 3, 3);
    EXPECT_EQ(Conflict(l.entries, again), "409 institutions.escrow_second_deposit@kind");
    EXPECT_EQ(Conflict(l.entries, {K::kConsumptionConfirmed, D(2026, 3, 3), 9}),
              "409 institutions.escrow_unknown_consumption@consumption_id");
    EXPECT_EQ(Conflict(l.entries, {K::kConsumptionRequested, D(2026, 3, 3), 1, 1}),
              "409 institutions.escrow_duplicate_consumption@consumption_id");
    EXPECT_EQ(Conflict(l.entries, {K::kConsumptionRequested, D(2026, 3, 3), 2, 19}),
              "409 institutions.escrow_no_hours_left@hours");
    EXPECT_EQ(Conflict(l.entries, {K::kReleased, D(2026, 3, 3), 1, 2, 30'000}),
              "409 institutions.escrow_wrong_state@kind");
    EXPECT_EQ(Conflict(l.entries, {K::kRefunded, D(2026, 3, 3), 0, 18, 270'000}),
              "409 institutions.escrow_wrong_state@kind");
    EXPECT_EQ(Conflict(l.entries, {K::kConsumptionConfirmed, D(2026, 3, 1), 1}),
              "409 institutions.escrow_out_of_order@on");
    EXPECT_EQ(Conflict({}, {K::kConsumptionRequested, D(2026, 3, 2), 1, 1}), "409 institutions.escrow_no_deposit@kind");
}

TEST(InstitutionEscrowTest, CorruptedLedgersAreDetectedAtTheirLine) {
    Ledger l;
    l.Add(K::kConsumptionRequested, D(2026, 3, 2), 1, 2);
    l.Add(K::kConsumptionConfirmed, D(2026, 3, 3), 1);
    l.Release(1, D(2026, 3, 3));
    ASSERT_EQ(CheckEscrowInvariant(kOrder, l.entries), std::nullopt);

    auto tampered = l.entries;
    tampered[3].amount_fen = 20'000;  // someone released 200 yuan for a 300-yuan class
    auto p = CheckEscrowInvariant(kOrder, tampered);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->entry_index, 3u);
    EXPECT_EQ(p->code, "institutions.escrow_amount_mismatch");
    EXPECT_NE(EscrowBalance(tampered), UnconsumedValue(kOrder, tampered));
    EXPECT_THROW(FoldEscrow(kOrder, tampered), Error);

    tampered = l.entries;
    tampered.erase(tampered.begin() + 2);  // the confirmation vanished: money left without one
    p = CheckEscrowInvariant(kOrder, tampered);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->entry_index, 2u);
    EXPECT_EQ(p->code, "institutions.escrow_wrong_state");

    tampered = l.entries;
    tampered[0].amount_fen = 310'000;  // more deposited than the order
    EXPECT_EQ(CheckEscrowInvariant(kOrder, tampered)->code, "institutions.escrow_deposit_mismatch");

    // An order whose amount is not hours × unit price: every line is consistent with it, the equation is not.
    PrepaidOrder odd = kOrder;
    odd.amount_fen = 300'100;
    const std::vector<EscrowEntry> odd_ledger{DepositEntry(odd)};
    p = CheckEscrowInvariant(odd, odd_ledger);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->entry_index, 1u);
    EXPECT_EQ(p->code, "institutions.escrow_balance_mismatch");
    EXPECT_EQ(p->message_en, "Escrow balance 3001.00 yuan is not the 20 unpaid hours × 150.00 yuan = 3000.00 yuan");
}

TEST(InstitutionEscrowTest, MoneyLeftInAClosedInstitutionIsARisk) {
    EXPECT_TRUE(EscrowAtRisk(InstitutionStatus::kClosed, 1));
    EXPECT_TRUE(EscrowAtRisk(InstitutionStatus::kCancelled, 270'000));
    EXPECT_FALSE(EscrowAtRisk(InstitutionStatus::kClosed, 0));
    EXPECT_FALSE(EscrowAtRisk(InstitutionStatus::kOperating, 270'000));
}

/// A random next line: mostly plausible, sometimes nonsense, so both the accepting and refusing paths run.
EscrowEntry RandomEntry(std::mt19937_64& gen, const EscrowState& s, Date on, std::int64_t next_id) {
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(gen); };
    const auto some_id = [&]() -> std::int64_t {
        return s.consumptions.empty() || pick(10) == 0 ? next_id + 5
                                                       : s.consumptions[pick(int(s.consumptions.size()))].id;
    };
    const K kind = static_cast<K>(1 + pick(11));  // anything but a deposit
    EscrowEntry e{kind, on, 0, 0, 0};
    switch (kind) {
        case K::kConsumptionRequested:
            e.consumption_id = next_id, e.hours = 1 + pick(3);
            break;
        case K::kReleased: {
            e.consumption_id = some_id();
            const Consumption* c = s.Find(e.consumption_id);
            e.hours = c ? c->hours : 1;
            e.amount_fen = e.hours * kOrder.unit_price_fen + (pick(8) == 0 ? 1 : 0);
            break;
        }
        case K::kRefunded:
            e.hours = std::max(0, s.FreeHours()) + (pick(8) == 0 ? 1 : 0);
            e.amount_fen = e.hours * kOrder.unit_price_fen;
            break;
        default:
            if (kind <= K::kConsumptionCancelled) e.consumption_id = some_id();
    }
    return e;
}

TEST(InstitutionEscrowTest, TheInvariantHoldsAfterEveryAcceptedLineOfRandomSequences) {
    int accepted = 0, refused = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        std::mt19937_64 gen(seed);
        std::vector<EscrowEntry> ledger{DepositEntry(kOrder)};
        std::chrono::sys_days day{D(2026, 3, 2)};
        std::int64_t next_id = 1;
        for (int step = 0; step < 60; ++step) {
            day += std::chrono::days{std::uniform_int_distribution<int>(0, 2)(gen)};
            const EscrowState before = FoldEscrow(kOrder, ledger);
            const EscrowEntry e = RandomEntry(gen, before, Date{day}, next_id);
            try {
                CheckEscrowEntry(kOrder, ledger, e);
            } catch (const Error& err) {
                ASSERT_EQ(err.http_status(), 409) << err.what();
                ++refused;
                continue;
            }
            ledger.push_back(e);
            ++accepted;
            if (e.kind == K::kConsumptionRequested) ++next_id;
            const auto problem = CheckEscrowInvariant(kOrder, ledger);
            ASSERT_EQ(problem, std::nullopt) << "seed " << seed << ": " << problem->message_en;
            const EscrowState after = FoldEscrow(kOrder, ledger);
            ASSERT_EQ(after.balance_fen, after.UnpaidHours() * kOrder.unit_price_fen) << "seed " << seed;
            ASSERT_GE(after.FreeHours(), 0) << "seed " << seed;
            ASSERT_GE(after.balance_fen, 0) << "seed " << seed;
        }
    }
    EXPECT_GT(accepted, 1000);  // the generator exercises real ledgers, not only refusals
    EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace kehou::institutions
