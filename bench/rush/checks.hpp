#pragma once
// What must hold after a rush, read from the database itself: no section over capacity, every section's
// taken count equal to its confirmed seats, no child twice in a section or over the course limit, and
// every seat a client was told about (201/202) present and live.

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "rush/client.hpp"

namespace kehou::rush {

/// Counts of violations (all zero when the rush was correct).
struct Invariants {
    std::int64_t over_capacity = 0;   // sections with more confirmed seats than capacity
    std::int64_t taken_mismatch = 0;  // sections whose taken counter differs from their confirmed seats
    std::int64_t double_seats = 0;    // (section, child) pairs with two live seats
    std::int64_t over_limit = 0;      // children with more confirmed seats than the window's course limit
    std::int64_t acked_missing = 0;   // acknowledged seats absent, or not live, or not that child's
    std::size_t acks_checked = 0, live_seats = 0;
    bool Ok() const;
    std::string Describe() const;
};

Invariants CheckInvariants(db::Connection& c, const std::string& semester, const std::vector<Ack>& acks,
                           int course_limit);

/// Frees every seat of the semester again (between runs of one benchmark) and renews the plan's sessions.
void ResetRush(db::Connection& c, const std::string& semester);

}  // namespace kehou::rush
