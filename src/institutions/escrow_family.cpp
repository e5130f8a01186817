// The family's side of 一课一消 (issue 6 point 5, R6.2): a guardian sees the prepaid orders they paid and
// answers each delivered class themselves, instead of telling the county bureau to record it.
#include "institutions/escrow_repo.hpp"
#include "institutions/escrow_service.hpp"

namespace kehou::institutions {
namespace {

// The guardian acting on one of their own orders: the order's path is their scope for this act only.
Principal AsPayer(const Principal& guardian, const std::string& order_path) {
    Principal p = guardian;
    p.scope_path = order_path;
    return p;
}

}  // namespace

std::vector<EscrowOrder> EscrowService::FamilyOrders(const Principal& guardian) {
    std::vector<std::pair<std::int64_t, std::string>> own;
    {
        auto c = database_.Acquire();
        own = repo::FamilyOrders(*c, guardian.user_id);
    }
    std::vector<EscrowOrder> out;
    for (const auto& [id, path] : own) out.push_back(GetOrder(AsPayer(guardian, path), id));
    return out;
}

EscrowOrder EscrowService::FamilyAnswer(const Principal& guardian, std::int64_t order_id, std::int64_t consumption_id,
                                        bool confirm, const std::string& note) {
    std::vector<std::pair<std::int64_t, std::string>> own;
    {
        auto c = database_.Acquire();
        own = repo::FamilyOrders(*c, guardian.user_id);
    }
    for (const auto& [id, path] : own)
        if (id == order_id) return AnswerConsumption(AsPayer(guardian, path), order_id, consumption_id, confirm, note);
    throw OrderNotFound();
}

}  // namespace kehou::institutions
