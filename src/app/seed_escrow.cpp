#include "app/seed_escrow.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace kehou::app {
namespace {

using namespace institutions;

constexpr const char* kCourses[] = {"少儿美术提高班", "篮球基础训练", "机器人编程入门", "少儿舞蹈中级班",
                                    "钢琴一对一", "游泳初级班", "书法硬笔班", "围棋入门"};
// The demo guardian account's own record: one order is theirs, so the family page has a class to answer.
constexpr db::Query kDemoFamily{"seed.demo_family",
                                "SELECT g.name, g.mobile_sealed FROM org_guardian g JOIN auth_user u ON u.id = g.user_id"
                                " WHERE u.username = 'demo.parent' ORDER BY g.id LIMIT 1"};

constexpr const char* kPayers[] = {"王丽", "李强", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄颖", "周婷", "吴昊"};

std::string DaysFrom(Date today, int days) {
    return FormatDate(Date{std::chrono::sys_days{today} + std::chrono::days(days)});
}

/// One order within R1.15 (≤ 60 hours, ≤ 5,000 yuan, ≤ 3 months), paid a month ago.
EscrowOrder Open(App& app, const Principal& county, const Institution& inst, int n, std::mt19937_64& rng,
                 const std::optional<std::pair<std::string, std::string>>& payer = std::nullopt) {
    const Date today = ShanghaiDateOf(std::chrono::system_clock::now());
    OrderInput in;
    in.institution_id = inst.id;
    in.contract_no = fmt::format("YS{}-{:04}", inst.id, n);
    in.payer_name = kPayers[rng() % std::size(kPayers)];
    in.payer_mobile = fmt::format("139{:08}", rng() % 100000000);
    if (payer) std::tie(in.payer_name, in.payer_mobile) = *payer;
    in.course_title = kCourses[rng() % std::size(kCourses)];
    in.class_hours = 20 + static_cast<int>(rng() % 5) * 6;     // 20 … 44
    in.unit_price_fen = 6000 + static_cast<int>(rng() % 7) * 1000;  // 60 … 120 yuan a class hour
    // R1.15: 5,000 yuan at most.
    if (in.class_hours * in.unit_price_fen > 500000) in.class_hours = static_cast<int>(500000 / in.unit_price_fen);
    in.paid_on = DaysFrom(today, -32);
    in.start_date = DaysFrom(today, -30);
    in.end_date = DaysFrom(today, 55);
    return app.escrow().CreateOrder(county, in);
}

/// Delivered classes of two hours each, the family's answers recorded; `pending` left for the family.
EscrowOrder Deliver(App& app, const Principal& county, EscrowOrder o, int confirmed, int pending, bool dispute) {
    auto& escrow = app.escrow();
    for (int i = 0; i < confirmed + pending + (dispute ? 1 : 0); ++i) {
        o = escrow.RequestConsumption(county, o.id, 2, fmt::format("第 {} 次课", i + 1));
        const auto id = o.state->consumptions.back().id;
        if (i < confirmed) o = escrow.AnswerConsumption(county, o.id, id, true, "家长确认");
        else if (i >= confirmed + pending) o = escrow.AnswerConsumption(county, o.id, id, false, "家长称当天未上课");
    }
    return o;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> DemoFamily(App& app) {
    auto c = app.database().Acquire();
    return db::QueryOne(*c, kDemoFamily, {}, [&](const db::Row& r) {
        return std::make_pair(r.Text(0), app.vault().Open(r.Bytes(1).bytes));
    });
}

int SeedEscrow(App& app, const Principal& county, const std::vector<Institution>& available, std::mt19937_64& rng,
               bool with_demo_family) {
    if (available.size() < 2) return 0;
    auto& escrow = app.escrow();
    const std::size_t n = std::min<std::size_t>(available.size() - 1, 6);
    int orders = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto family = i == 0 && with_demo_family ? DemoFamily(app) : std::nullopt;
        auto o = Open(app, county, available[i], orders++, rng, family);
        o = Deliver(app, county, std::move(o), 3 + static_cast<int>(i), i % 2 == 0 || family ? 1 : 0, i == 1);
        if (i == 2) escrow.RequestRefund(county, o.id, "孩子转学，申请退还未上课时费用");
        if (i == 3) Open(app, county, available[i], orders++, rng);  // a family with two children enrolled
    }
    // An institution that closes while holding families' money raises the risk alert (issue 6 point 5).
    const Institution& closing = available[n];
    Deliver(app, county, Open(app, county, closing, orders++, rng), 2, 0, false);
    Open(app, county, closing, orders++, rng);
    Institution closed = closing;
    closed.status = InstitutionStatus::kClosed;
    app.institutions().Update(county, closed.id, closed);
    return orders;
}

}  // namespace kehou::app
