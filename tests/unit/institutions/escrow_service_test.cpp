// Prepaid-fee escrow on a real database — run on SQLite and on PostgreSQL (issue 6 point 5, RULES R1.15, R6.2).
#include "institutions/escrow_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "db/transaction.hpp"
#include "institutions/case_service.hpp"
#include "institutions/escrow_repo.hpp"
#include "institutions/rules.hpp"
#include "institutions/service.hpp"
#include "org/service.hpp"
#include "support/test_db.hpp"
#include "unit/institutions/institutions_fixture.hpp"

namespace kehou::institutions {
namespace {

using test_support::ErrorCode;

constexpr db::Query kAddUser{"test.add_user",
                             "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                             " created_at) VALUES ($1, $2, $2, $3, $4, 'x', '2026-01-01T00:00:00+08:00')"};
constexpr db::Query kAddGuardian{"test.add_guardian",
                                 "INSERT INTO org_guardian (name, mobile_sealed, mobile_hash, mobile_masked, user_id,"
                                 " created_at) VALUES ('王芳', $1, $2, '138****8000', $3, '2026-01-01T00:00:00+08:00')"};
constexpr db::Query kCountKind{"test.count_escrow_kind",
                               "SELECT COUNT(*) FROM inst_escrow_entry WHERE order_id = $1 AND kind = $2"};
// A line written behind the service's back, as a broken tool or a hand edit would.
constexpr db::Query kTamper{
    "test.tamper_escrow",
    "INSERT INTO inst_escrow_entry (order_id, seq, kind, consumption_id, hours, amount_fen, at,"
    " on_date, actor_id, note) VALUES ($1, $2, 'released', 0, 1, 999, '2026-02-06T10:00:00+08:00',"
    " '2026-02-06', NULL, 'tampered')"};
constexpr db::Query kTamperCount{"test.tamper_count", "UPDATE inst_order SET ledger_lines = $2 WHERE id = $1"};

std::string CreditCode(const std::string& first17) {
    return first17 + CreditCodeCheckCharacter(first17);
}

Date D(const char* iso) {
    return *ParseIsoDate(iso);
}

/// What a refused call threw.
struct Failure {
    std::string code, field;
    int status = 0;
};

Failure Fails(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return {e.code(), e.field(), e.http_status()};
    }
    return {};
}

class EscrowServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        org_.EnsureUnits();
        for (const Principal* p : {&county_, &inspector_, &other_county_})
            c->Execute(kAddUser, {p->user_id, p->username, std::string(RoleName(p->role)), p->scope_path});
        inst_ = registry_.Create(county_, Art("370811", 1)).id;
        other_inst_ = registry_.Create(other_county_, Art("370812", 2)).id;
        SetToday("2026-02-06");  // a Friday, the week before 春节
    }

    static Institution Art(const std::string& unit, int n) {
        Institution in;
        in.unit_code = unit;
        in.name = "美术培训" + std::to_string(n);
        in.credit_code = CreditCode("91" + unit + "MA" + std::to_string(1000000 + n));
        in.category = InstitutionCategory::kNonSubjectArt;
        in.address = "某路 " + std::to_string(n) + " 号";
        in.legal_representative = "某某";
        return in;
    }

    EscrowOptions Options() {
        auto o = EscrowService::DefaultOptions();
        o.clock = [this] { return now_.load(); };
        return o;
    }

    void SetToday(const std::string& iso) { now_ = *ParseRfc3339(iso + "T10:00:00+08:00"); }

    static OrderInput Order(std::int64_t inst, const std::string& contract, int hours, std::int64_t price,
                            const std::string& mobile = "13800138000") {
        return {inst,  contract,     "王芳",       mobile,       "少儿美术",   hours,
                price, std::nullopt, "2026-02-02", "2026-04-30", "2026-02-01", EscrowMode::kBankEscrow};
    }

    // RULES R6.2 after every step: the stored ledger replays and balance = Σ unpaid hours × unit price.
    void ExpectSound(std::int64_t order_id) {
        const auto o = escrow_.GetOrder(county_, order_id);
        ASSERT_FALSE(o.problem) << o.problem->code << " " << o.problem->message_en;
        ASSERT_TRUE(o.state);
        EXPECT_EQ(o.balance_fen, o.unconsumed_value_fen);
        EXPECT_EQ(o.balance_fen, o.state->UnpaidHours() * o.unit_price_fen);
        EXPECT_EQ(o.balance_fen, o.state->balance_fen);
        EXPECT_EQ(static_cast<int>(o.ledger.size()), o.ledger_lines);
        for (std::size_t i = 0; i < o.ledger.size(); ++i) EXPECT_EQ(o.ledger[i].seq, static_cast<int>(i) + 1);
    }

    std::int64_t CountKind(std::int64_t order_id, const char* kind) {
        auto c = tdb_.database().Acquire();
        return c->Query(kCountKind, {order_id, std::string(kind)})[0].Int(0);
    }

    static const Consumption& Last(const EscrowOrder& o) { return o.state->consumptions.back(); }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    InstitutionService registry_{tdb_.database(), org_};
    CaseService cases_{tdb_.database()};
    std::atomic<TimePoint> now_{};
    EscrowService escrow_{tdb_.database(), vault_, Options()};
    const Principal county_{11, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal inspector_{12, "inspector", "inspector", Role::kInspector, "/370800/370811/"};
    const Principal other_county_{13, "other", "other", Role::kDistrictAdmin, "/370800/370812/"};
    std::int64_t inst_ = 0, other_inst_ = 0;
};

TEST_F(EscrowServiceTest, OrdersAreHeldToTheLimitsAtTheirEdges) {
    // RULES R1.15: ≤ 60 class hours, ≤ 5,000 yuan; each refusal a 422 naming the field.
    const auto sixty = escrow_.CreateOrder(county_, Order(inst_, "HT-60", 60, 5000));
    EXPECT_EQ(sixty.amount_fen, 300000);
    auto f = Fails([&] { escrow_.CreateOrder(county_, Order(inst_, "HT-61", 61, 5000)); });
    EXPECT_EQ(f.code, "institutions.order_too_many_hours");
    EXPECT_EQ(f.field, "class_hours");
    EXPECT_EQ(f.status, 422);
    EXPECT_EQ(escrow_.CreateOrder(county_, Order(inst_, "HT-5000", 50, 10000)).amount_fen, 500000);
    f = Fails([&] { escrow_.CreateOrder(county_, Order(inst_, "HT-5000.01", 3, 166667)); });  // 500,001 fen
    EXPECT_EQ(f.code, "institutions.order_amount_over_cap");
    EXPECT_EQ(f.field, "amount_fen");
    EXPECT_EQ(f.status, 422);
    auto stated = Order(inst_, "HT-X", 10, 1000);
    stated.amount_fen = 9999;
    EXPECT_EQ(Fails([&] { escrow_.CreateOrder(county_, stated); }).code, "institutions.order_amount_mismatch");
    auto long_course = Order(inst_, "HT-L", 10, 1000);
    long_course.end_date = "2026-05-02";  // 2026-02-02 + 3 months covers up to 2026-05-01
    f = Fails([&] { escrow_.CreateOrder(county_, long_course); });
    EXPECT_EQ(f.code, "institutions.order_period_too_long");
    EXPECT_EQ(f.field, "end_date");
    auto bad_mobile = Order(inst_, "HT-M", 10, 1000, "1234");
    EXPECT_EQ(Fails([&] { escrow_.CreateOrder(county_, bad_mobile); }).field, "payer_mobile");
    auto future = Order(inst_, "HT-F", 10, 1000);
    future.paid_on = "2026-02-07";
    EXPECT_EQ(Fails([&] { escrow_.CreateOrder(county_, future); }).code, "institutions.order_paid_in_future");
    f = Fails([&] { escrow_.CreateOrder(county_, Order(inst_, "HT-60", 10, 1000)); });
    EXPECT_EQ(f.code, "institutions.duplicate_contract");
    EXPECT_EQ(f.status, 409);
    // Refused orders leave nothing behind; the payer's mobile is only ever shown masked.
    EXPECT_EQ(escrow_.ListOrders(county_, {}).total, 2);
    EXPECT_EQ(sixty.payer_mobile_masked, "138****8000");
    EXPECT_EQ(sixty.ledger.size(), 1u);
    EXPECT_EQ(sixty.ledger[0].entry.kind, EscrowEntryKind::kDeposit);
    ExpectSound(sixty.id);
}

TEST_F(EscrowServiceTest, OnlyAnOperatingOrRectifyingInstitutionTakesOrders) {
    auto record = registry_.Get(county_, inst_);
    for (auto status : {InstitutionStatus::kSuspended, InstitutionStatus::kClosed}) {
        record.status = status;
        registry_.Update(county_, inst_, record);
        const auto f = Fails([&] { escrow_.CreateOrder(county_, Order(inst_, "HT-S", 10, 1000)); });
        EXPECT_EQ(f.code, "institutions.escrow_institution_not_open");
        EXPECT_EQ(f.status, 409);
    }
    record.status = InstitutionStatus::kRectifying;
    registry_.Update(county_, inst_, record);
    EXPECT_GT(escrow_.CreateOrder(county_, Order(inst_, "HT-R", 10, 1000)).id, 0);
}

TEST_F(EscrowServiceTest, OneClassOneReleaseFromDepositToRefund) {
    auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 15000));
    EXPECT_EQ(o.balance_fen, 150000);
    ExpectSound(o.id);
    // Class 1: requested, confirmed by the guardian, released in the same write.
    o = escrow_.RequestConsumption(county_, o.id, 1, "第 1 课");
    const auto first = Last(o).id;
    EXPECT_EQ(Last(o).status, ConsumptionStatus::kRequested);
    EXPECT_EQ(o.auto_confirm_after.at(0).second, D("2026-03-05"));  // 15 working days around 春节
    ExpectSound(o.id);
    o = escrow_.AnswerConsumption(county_, o.id, first, true, "家长确认");
    EXPECT_EQ(o.state->Find(first)->status, ConsumptionStatus::kReleased);
    EXPECT_EQ(o.balance_fen, 135000);
    EXPECT_EQ(o.ledger.back().entry.kind, EscrowEntryKind::kReleased);
    EXPECT_EQ(o.ledger.back().entry.amount_fen, 15000);
    ExpectSound(o.id);
    // A second answer to the same class is refused with the state it is in.
    EXPECT_EQ(Fails([&] { escrow_.AnswerConsumption(county_, o.id, first, true, ""); }).code,
              "institutions.escrow_wrong_state");
    // Class 2: disputed, settled for the family: the hour is free again.
    o = escrow_.RequestConsumption(county_, o.id, 1, "第 2 课");
    const auto second = Last(o).id;
    o = escrow_.AnswerConsumption(county_, o.id, second, false, "孩子当天请假");
    EXPECT_EQ(o.state->FreeHours(), 8);
    ExpectSound(o.id);
    o = escrow_.SettleConsumption(county_, o.id, second, false, "调解：不计课时");
    EXPECT_EQ(o.state->FreeHours(), 9);
    EXPECT_EQ(o.balance_fen, 135000);
    // Class 3: disputed, settled for the institution: released.
    o = escrow_.RequestConsumption(county_, o.id, 1, "第 3 课");
    o = escrow_.AnswerConsumption(county_, o.id, Last(o).id, false, "");
    o = escrow_.SettleConsumption(county_, o.id, Last(o).id, true, "调解：已上课");
    EXPECT_EQ(o.balance_fen, 120000);
    ExpectSound(o.id);
    // Refund: no new consumption while it is pending; approved, the 8 free hours go back.
    o = escrow_.RequestRefund(county_, o.id, "搬家");
    EXPECT_EQ(o.status, OrderStatus::kRefundRequested);
    EXPECT_EQ(Fails([&] { escrow_.RequestConsumption(county_, o.id, 1, ""); }).code,
              "institutions.escrow_refund_pending");
    o = escrow_.AnswerRefund(county_, o.id, true, "同意");
    EXPECT_EQ(o.ledger.back().entry.kind, EscrowEntryKind::kRefunded);
    EXPECT_EQ(o.ledger.back().entry.hours, 8);
    EXPECT_EQ(o.ledger.back().entry.amount_fen, 120000);
    EXPECT_EQ(o.balance_fen, 0);
    EXPECT_EQ(o.status, OrderStatus::kRefunded);
    EXPECT_EQ(Fails([&] { escrow_.RequestConsumption(county_, o.id, 1, ""); }).code,
              "institutions.escrow_no_hours_left");
    ExpectSound(o.id);
    EXPECT_EQ(escrow_.ListOrders(county_, {.status = OrderStatus::kRefunded}).total, 1);
    EXPECT_EQ(escrow_.ListOrders(county_, {.status = OrderStatus::kEscrowed}).total, 0);
    EXPECT_EQ(escrow_.GetOrder(inspector_, o.id).ledger.size(), o.ledger.size());  // the inspector reads it
}

TEST_F(EscrowServiceTest, SilenceConfirmsAfterFifteenWorkingDaysNotFourteenAcrossSpringFestival) {
    auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    o = escrow_.RequestConsumption(county_, o.id, 1, "");  // Friday 2026-02-06
    const auto cal = Calendar2026();
    // Working days after the request: 9–13 Feb (5), Sat 14 Feb 调休 (6), 15–23 Feb 春节 off, 24–27 Feb (10),
    // Sat 28 Feb 调休 (11), 2–5 Mar (15). The guardian has all of the 15th working day, Thu 5 Mar.
    EXPECT_EQ(escrow_.Sweep(D("2026-02-27"), cal).auto_confirmed, 0);  // 15 weekdays, but holidays in between
    EXPECT_EQ(escrow_.Sweep(D("2026-03-05"), cal).auto_confirmed, 0);  // 14 full working days passed
    EXPECT_EQ(Last(escrow_.GetOrder(county_, o.id)).status, ConsumptionStatus::kRequested);
    ExpectSound(o.id);
    const auto swept = escrow_.Sweep(D("2026-03-06"), cal);  // 15 full working days passed
    EXPECT_EQ(swept.auto_confirmed, 1);
    EXPECT_EQ(swept.orders_touched, 1);
    o = escrow_.GetOrder(county_, o.id);
    EXPECT_EQ(Last(o).status, ConsumptionStatus::kReleased);
    EXPECT_EQ(o.ledger[o.ledger.size() - 2].entry.kind, EscrowEntryKind::kConsumptionAutoConfirmed);
    EXPECT_FALSE(o.ledger.back().actor_id);  // the sweep, not a person
    EXPECT_EQ(o.balance_fen, 90000);
    ExpectSound(o.id);
    EXPECT_EQ(escrow_.Sweep(D("2026-03-06"), cal).auto_confirmed, 0);
    EXPECT_EQ(CountKind(o.id, "consumption_auto_confirmed"), 1);
}

TEST_F(EscrowServiceTest, ADisputedClassNeverConfirmsBySilence) {
    auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    o = escrow_.RequestConsumption(county_, o.id, 1, "");
    o = escrow_.AnswerConsumption(county_, o.id, Last(o).id, false, "");
    EXPECT_EQ(escrow_.Sweep(D("2026-06-30"), Calendar2026()).auto_confirmed, 0);
    EXPECT_EQ(Last(escrow_.GetOrder(county_, o.id)).status, ConsumptionStatus::kDisputed);
}

// RULES R6.2 from the family's side: the guardian whose mobile paid the order sees it and answers its classes
// themselves; another family's order is not theirs to see or answer.
TEST_F(EscrowServiceTest, TheGuardianWhoPaidAnswersTheClassFromTheirOwnAccount) {
    const Principal guardian{21, "parent", "parent", Role::kGuardian, "/370800/370811/2137000101/"};
    const Principal stranger{22, "stranger", "stranger", Role::kGuardian, "/370800/370811/2137000101/"};
    {
        auto c = tdb_.database().Acquire();
        for (const Principal* p : {&guardian, &stranger})
            c->Execute(kAddUser, {p->user_id, p->username, std::string(RoleName(p->role)), p->scope_path});
        const auto sealed = vault_.Seal("13800138000");
        c->Execute(kAddGuardian, {db::Blob{sealed.box}, sealed.lookup_hash, guardian.user_id});
    }
    auto mine = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    const auto theirs = escrow_.CreateOrder(county_, Order(inst_, "HT-2", 10, 10000, "13900139000"));
    mine = escrow_.RequestConsumption(county_, mine.id, 1, "");

    const auto seen = escrow_.FamilyOrders(guardian);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].id, mine.id);
    EXPECT_TRUE(escrow_.FamilyOrders(stranger).empty());

    const auto answered = escrow_.FamilyAnswer(guardian, mine.id, Last(mine).id, true, "孩子上了这节课");
    EXPECT_EQ(Last(answered).status, ConsumptionStatus::kReleased);
    EXPECT_EQ(answered.balance_fen, 90000);
    EXPECT_EQ(answered.ledger.back().actor_id, guardian.user_id) << "the family answered, not the bureau";
    ExpectSound(mine.id);
    EXPECT_EQ(ErrorCode([&] { escrow_.FamilyAnswer(stranger, mine.id, Last(mine).id, false, ""); }),
              "institutions.order_not_found");
    EXPECT_EQ(ErrorCode([&] { escrow_.FamilyAnswer(guardian, theirs.id, 1, true, ""); }),
              "institutions.order_not_found");
}

TEST_F(EscrowServiceTest, ARefundIsAutoApprovedAfterFiveWorkingDaysOfSilence) {
    SetToday("2026-03-09");  // Monday
    auto in = Order(inst_, "HT-1", 20, 10000);
    in.start_date = "2026-03-09", in.end_date = "2026-05-31", in.paid_on = "2026-03-09";
    auto o = escrow_.CreateOrder(county_, in);
    o = escrow_.RequestConsumption(county_, o.id, 1, "");  // one class held while the refund runs
    o = escrow_.RequestRefund(county_, o.id, "");
    EXPECT_EQ(o.refund_auto_approve_after, D("2026-03-16"));
    const auto cal = Calendar2026();
    EXPECT_EQ(escrow_.Sweep(D("2026-03-16"), cal).refunds_auto_approved, 0);  // 10–16 Mar: 4 full working days
    EXPECT_EQ(escrow_.GetOrder(county_, o.id).status, OrderStatus::kRefundRequested);
    EXPECT_EQ(escrow_.Sweep(D("2026-03-17"), cal).refunds_auto_approved, 1);
    o = escrow_.GetOrder(county_, o.id);
    EXPECT_EQ(o.state->refund, RefundStatus::kRefunded);
    EXPECT_EQ(o.ledger.back().entry.kind, EscrowEntryKind::kRefunded);
    EXPECT_EQ(o.ledger.back().entry.amount_fen, 190000);  // the 19 free hours; the held class stays
    EXPECT_EQ(o.balance_fen, 10000);
    ExpectSound(o.id);
    SetToday("2026-03-18");
    o = escrow_.AnswerConsumption(county_, o.id, Last(o).id, true, "");
    EXPECT_EQ(o.balance_fen, 0);
    EXPECT_EQ(o.status, OrderStatus::kRefunded);
    ExpectSound(o.id);
    EXPECT_EQ(escrow_.Sweep(D("2026-03-20"), cal).orders_touched, 0);
}

TEST_F(EscrowServiceTest, TwoProcessesSweepingAtOnceAppendNothingTwice) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 4; ++i) {
        auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-" + std::to_string(i), 10, 10000));
        escrow_.RequestConsumption(county_, o.id, 1, "");
        o = escrow_.RequestConsumption(county_, o.id, 2, "");
        if (i % 2) escrow_.RequestRefund(county_, o.id, "");
        ids.push_back(o.id);
    }
    // A second kehou process: its own pool on the same database.
    db::Database second_db(tdb_.options());
    EscrowService second{second_db, vault_, Options()};
    SweepResult a, b;
    std::latch go(2);
    std::thread t1([&] {
        go.arrive_and_wait();
        a = escrow_.Sweep(D("2026-03-06"), Calendar2026());
    });
    std::thread t2([&] {
        go.arrive_and_wait();
        b = second.Sweep(D("2026-03-06"), Calendar2026());
    });
    t1.join();
    t2.join();
    EXPECT_EQ(a.auto_confirmed + b.auto_confirmed, 8);
    EXPECT_EQ(a.refunds_auto_approved + b.refunds_auto_approved, 2);
    EXPECT_EQ(a.orders_failed + b.orders_failed, 0);
    EXPECT_EQ(second.Sweep(D("2026-03-06"), Calendar2026()).orders_touched, 0);
    EXPECT_EQ(escrow_.Sweep(D("2026-03-09"), Calendar2026()).orders_touched, 0);
    for (auto id : ids) {
        EXPECT_EQ(CountKind(id, "consumption_auto_confirmed"), 2);
        EXPECT_EQ(CountKind(id, "released"), 2);
        EXPECT_LE(CountKind(id, "refunded"), 1);
        ExpectSound(id);
    }
}

TEST_F(EscrowServiceTest, ConcurrentRequestsForTheLastFreeHourOneWins) {
    constexpr int kThreads = 3;
    for (int round = 0; round < 6; ++round) {
        auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-" + std::to_string(round), 2, 10000));
        escrow_.RequestConsumption(county_, o.id, 1, "");
        std::atomic<int> won = 0;
        std::vector<std::string> lost(kThreads);
        std::latch go(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                go.arrive_and_wait();
                try {
                    lost[t] = Fails([&] { escrow_.RequestConsumption(county_, o.id, 1, ""); }).code;
                } catch (const std::exception& e) {
                    lost[t] = std::string("not an Error: ") + e.what();
                }
                if (lost[t].empty()) ++won;
            });
        for (auto& t : threads) t.join();
        EXPECT_EQ(won.load(), 1);
        for (const auto& code : lost)
            if (!code.empty()) { EXPECT_EQ(code, "institutions.escrow_no_hours_left"); }
        EXPECT_EQ(CountKind(o.id, "consumption_requested"), 2);
        ExpectSound(o.id);
    }
}

TEST_F(EscrowServiceTest, AStaleLedgerCountCannotClaimTheNextLine) {
    const auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 2, 10000));
    auto a = tdb_.database().Acquire();
    db::Transaction tx(*a, db::TxMode::kWrite);
    ASSERT_TRUE(repo::AdvanceLedger(*a, o.id, 1, 2, OrderStatus::kEscrowed));
    repo::InsertLine(*a, o.id,
                     {0,
                      2,
                      {EscrowEntryKind::kConsumptionRequested, D("2026-02-06"), 2, 1, 0},
                      "2026-02-06T10:00:00+08:00",
                      county_.user_id,
                      "",
                      ""});
    // Another writer that read the ledger at 1 line waits for this transaction, then finds its count stale.
    std::atomic<int> other = -1;
    std::thread t([&] {
        auto b = tdb_.database().Acquire();
        db::Transaction tx2(*b, db::TxMode::kWrite);
        other = repo::AdvanceLedger(*b, o.id, 1, 2, OrderStatus::kEscrowed) ? 1 : 0;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(other.load(), -1);  // still waiting
    tx.Commit();
    t.join();
    EXPECT_EQ(other.load(), 0);
    ExpectSound(o.id);
}

TEST_F(EscrowServiceTest, ATamperedLedgerRefusesEveryWriteAndShowsItsProblem) {
    auto o = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kTamper, {o.id, std::int64_t{2}});
        c->Execute(kTamperCount, {o.id, std::int64_t{2}});
    }
    o = escrow_.GetOrder(county_, o.id);
    ASSERT_TRUE(o.problem);
    EXPECT_EQ(o.problem->entry_index, 1u);
    EXPECT_FALSE(o.state);
    EXPECT_EQ(Fails([&] { escrow_.RequestConsumption(county_, o.id, 1, ""); }).status, 500);
    EXPECT_EQ(Fails([&] { escrow_.RequestRefund(county_, o.id, ""); }).status, 500);
    EXPECT_EQ(escrow_.GetOrder(county_, o.id).ledger_lines, 2);  // nothing appended
    EXPECT_EQ(escrow_.Sweep(D("2026-03-06"), Calendar2026()).orders_touched, 0);
}

TEST_F(EscrowServiceTest, ClosingWithMoneyHeldRaisesOneAlertCountingFamilies) {
    // Two orders of one family (one mobile), one of another, and a third family fully refunded.
    escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000, "13800138000"));
    auto second = escrow_.CreateOrder(county_, Order(inst_, "HT-2", 5, 10000, "138 0013 8000"));
    escrow_.CreateOrder(county_, Order(inst_, "HT-3", 10, 5000, "13900139000"));
    auto gone = escrow_.CreateOrder(county_, Order(inst_, "HT-4", 10, 5000, "13700137000"));
    escrow_.RequestRefund(county_, gone.id, "");
    escrow_.AnswerRefund(county_, gone.id, true, "");
    second = escrow_.RequestConsumption(county_, second.id, 1, "");
    escrow_.AnswerConsumption(county_, second.id, Last(second).id, true, "");
    auto record = registry_.Get(county_, inst_);
    record.status = InstitutionStatus::kClosed;
    registry_.Update(county_, inst_, record);
    auto alerts = escrow_.ListAlerts(county_, true);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].kind, "closed_with_escrow");
    EXPECT_EQ(alerts[0].families, 2);
    EXPECT_EQ(alerts[0].orders, 3);
    EXPECT_EQ(alerts[0].amount_fen, 100000 + 40000 + 50000);
    EXPECT_NE(alerts[0].detail.find("2 户家庭"), std::string::npos) << alerts[0].detail;
    // Cancelled next: the open alert already tells the county; classes cannot be consumed any more.
    record.status = InstitutionStatus::kCancelled;
    registry_.Update(county_, inst_, record);
    EXPECT_FALSE(escrow_.RaiseClosureAlerts(inst_));
    EXPECT_EQ(escrow_.ListAlerts(county_, false).size(), 1u);
    EXPECT_EQ(Fails([&] { escrow_.RequestConsumption(county_, second.id, 1, ""); }).code,
              "institutions.escrow_institution_not_open");
    // Scope and resolution.
    EXPECT_TRUE(escrow_.ListAlerts(other_county_, false).empty());
    EXPECT_EQ(escrow_.ListAlerts(inspector_, true).size(), 1u);
    EXPECT_EQ(Fails([&] { escrow_.ResolveAlert(other_county_, alerts[0].id, "x"); }).status, 403);
    EXPECT_EQ(Fails([&] { escrow_.ResolveAlert(county_, alerts[0].id, ""); }).field, "note");
    const auto resolved = escrow_.ResolveAlert(county_, alerts[0].id, "已督促机构全额退费");
    EXPECT_TRUE(resolved.resolved_at);
    EXPECT_EQ(resolved.resolution, "已督促机构全额退费");
    EXPECT_EQ(Fails([&] { escrow_.ResolveAlert(county_, alerts[0].id, "again"); }).code, "institutions.alert_resolved");
    EXPECT_TRUE(escrow_.ListAlerts(county_, true).empty());
}

TEST_F(EscrowServiceTest, AClosureDecisionOnACaseRaisesTheAlertToo) {
    escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    auto k = cases_.Open(inspector_, {inst_, "2026-02-06", {}, {}, ""});
    cases_.Act(inspector_, k.id, {CaseEvent::kInspect, "", {}, {}, {}});
    cases_.Act(inspector_, k.id, {CaseEvent::kFindIssues, "", {}, {}, {}});
    const Decision d{
        DecisionKind::kClose, "任城区教育和体育局", "《校外培训行政处罚暂行办法》", D("2026-02-06"), {}, {}, {}};
    cases_.Act(county_, k.id, {CaseEvent::kIssueDecision, "", {}, d, {}});
    EXPECT_EQ(registry_.Get(county_, inst_).status, InstitutionStatus::kClosed);
    const auto alerts = escrow_.ListAlerts(county_, true);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].families, 1);
    EXPECT_EQ(alerts[0].amount_fen, 100000);
    // An institution closed with nothing held raises nothing.
    auto record = registry_.Get(other_county_, other_inst_);
    record.status = InstitutionStatus::kClosed;
    registry_.Update(other_county_, other_inst_, record);
    EXPECT_TRUE(escrow_.ListAlerts(other_county_, false).empty());
}

TEST_F(EscrowServiceTest, OutOfScopeReadsAre404AndWritesAre403) {
    const auto mine = escrow_.CreateOrder(county_, Order(inst_, "HT-1", 10, 10000));
    const auto theirs = escrow_.CreateOrder(other_county_, Order(other_inst_, "HT-2", 10, 10000));
    EXPECT_EQ(escrow_.ListOrders(county_, {}).total, 1);
    EXPECT_EQ(escrow_.ListOrders(county_, {.institution_id = other_inst_}).total, 0);
    auto f = Fails([&] { escrow_.GetOrder(county_, theirs.id); });
    EXPECT_EQ(f.status, 404);
    EXPECT_EQ(f.code, "institutions.order_not_found");
    for (const auto& write : std::vector<std::function<void()>>{
             [&] { escrow_.RequestConsumption(county_, theirs.id, 1, ""); },
             [&] { escrow_.AnswerConsumption(county_, theirs.id, 2, true, ""); },
             [&] { escrow_.RequestRefund(county_, theirs.id, ""); },
             [&] { escrow_.AnswerRefund(county_, theirs.id, true, ""); },
             [&] { escrow_.CreateOrder(county_, Order(other_inst_, "HT-3", 10, 10000)); }}) {
        f = Fails(write);
        EXPECT_EQ(f.status, 403);
        EXPECT_EQ(f.code, "institutions.out_of_scope");
    }
    EXPECT_EQ(Fails([&] { escrow_.GetOrder(county_, 999999); }).status, 404);
    EXPECT_EQ(Fails([&] { escrow_.RequestRefund(county_, 999999, ""); }).status, 404);
    // The other county's sweep never touches this county's orders.
    escrow_.RequestConsumption(county_, mine.id, 1, "");
    EXPECT_EQ(escrow_.Sweep(D("2026-03-06"), Calendar2026(), other_county_.scope_path).auto_confirmed, 0);
    EXPECT_EQ(escrow_.GetOrder(other_county_, theirs.id).ledger_lines, 1);
    EXPECT_EQ(escrow_.ListOrders(county_, {}).items.at(0).ledger_lines, 2);
}

}  // namespace
}  // namespace kehou::institutions
