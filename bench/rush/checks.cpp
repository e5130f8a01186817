#include "rush/checks.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "core/time.hpp"
#include "db/transaction.hpp"

namespace kehou::rush {
namespace {

constexpr db::Query kConfirmedBySection{
    "rush.confirmed_by_section",
    "SELECT x.id, x.capacity, x.taken, (SELECT COUNT(*) FROM as_seat s WHERE s.section_id = x.id"
    " AND s.status = 'confirmed') FROM as_section x WHERE x.semester = $1"};
constexpr db::Query kDoubleSeats{
    "rush.double_seats",
    "SELECT COUNT(*) FROM (SELECT s.section_id, s.student_id FROM as_seat s JOIN as_section x ON x.id = s.section_id"
    " WHERE x.semester = $1 AND s.status IN ('confirmed', 'waitlisted') GROUP BY s.section_id, s.student_id"
    " HAVING COUNT(*) > 1) d"};
constexpr db::Query kOverLimit{
    "rush.over_limit",
    "SELECT COUNT(*) FROM (SELECT s.student_id FROM as_seat s JOIN as_section x ON x.id = s.section_id"
    " WHERE x.semester = $1 AND s.status = 'confirmed' GROUP BY s.student_id HAVING COUNT(*) > $2) d"};
constexpr db::Query kLiveSeats{"rush.live_seats",
                               "SELECT s.id, s.student_id, s.section_id FROM as_seat s JOIN as_section x"
                               " ON x.id = s.section_id WHERE x.semester = $1 AND s.status IN ('confirmed', 'waitlisted')"};
constexpr db::Query kDeleteSeats{"rush.delete_seats",
                                 "DELETE FROM as_seat WHERE section_id IN (SELECT id FROM as_section WHERE semester = $1)"};
constexpr db::Query kFreeSections{"rush.free_sections", "UPDATE as_section SET taken = 0 WHERE semester = $1"};
constexpr db::Query kRenewSessions{"rush.renew_sessions",
                                   "UPDATE auth_session SET created_at = $1, last_seen_at = $1 WHERE user_id IN"
                                   " (SELECT id FROM auth_user WHERE username LIKE 'rush.%')"};

}  // namespace

bool Invariants::Ok() const {
    return over_capacity == 0 && taken_mismatch == 0 && double_seats == 0 && over_limit == 0 && acked_missing == 0;
}

std::string Invariants::Describe() const {
    return fmt::format("{} live seats; {} acknowledged seats checked; over capacity {}, taken≠confirmed {}, "
                       "two seats in one section {}, over the course limit {}, acknowledged but missing {} → {}",
                       live_seats, acks_checked, over_capacity, taken_mismatch, double_seats, over_limit,
                       acked_missing, Ok() ? "OK" : "VIOLATED");
}

Invariants CheckInvariants(db::Connection& c, const std::string& semester, const std::vector<Ack>& acks,
                           int course_limit) {
    Invariants v;
    for (const auto& r : c.Query(kConfirmedBySection, {semester})) {
        if (r.Int(3) > r.Int(1)) ++v.over_capacity;
        if (r.Int(3) != r.Int(2)) ++v.taken_mismatch;
    }
    v.double_seats = c.Query(kDoubleSeats, {semester})[0].Int(0);
    v.over_limit = c.Query(kOverLimit, {semester, std::int64_t{course_limit}})[0].Int(0);
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> live;  // seat → (child, section)
    for (const auto& r : c.Query(kLiveSeats, {semester})) live[r.Int(0)] = {r.Int(1), r.Int(2)};
    v.live_seats = live.size();
    for (const auto& a : acks) {
        ++v.acks_checked;
        const auto it = live.find(a.seat_id);
        if (it == live.end() || it->second != std::pair{a.student_id, a.section_id}) ++v.acked_missing;
    }
    return v;
}

void ResetRush(db::Connection& c, const std::string& semester) {
    db::Transaction tx(c, db::TxMode::kWrite);
    c.Execute(kDeleteSeats, {semester});
    c.Execute(kFreeSections, {semester});
    c.Execute(kRenewSessions, {FormatShanghai(std::chrono::system_clock::now())});
    tx.Commit();
}

}  // namespace kehou::rush
