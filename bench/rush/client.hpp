#pragma once
// The rush's load generator: many keep-alive connections replaying a plan, each family with its own
// session cookie and CSRF token, each selection with its own idempotency key. A timeout, a broken
// connection or a 503 is retried with the same key (the server must answer it as the first time), so
// the generator also replays what a phone does on a bad network — and survives a server restart.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rush/prep.hpp"

namespace kehou::rush {

/// Which route the generator presses.
enum class Target {
    kSelect,  // kehou's real path: POST /api/v1/afterschool/children/{id}/seats
    kNaive,   // the naive baseline of bench/baselines: one transaction per selection
    kPing,    // the raw ceiling: a trivial route through the same server, no database
};

/// How hard and how long to press.
struct RushOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    Target target = Target::kSelect;
    int connections = 1000;
    std::chrono::milliseconds timeout{10000};  // one attempt; then the same key again
    std::chrono::milliseconds give_up{60000};  // a selection still unanswered after this counts as lost
    std::string key_prefix = "rush";
    int threads = 1;                           // client I/O threads
    // Open loop when > 0: families arrive at this many selections a second whatever the server does,
    // and a selection's latency counts from its scheduled arrival (no coordinated omission). 0 is a
    // closed loop: each connection presses again as soon as it has an answer (the saturation figure).
    double rate = 0;
    std::atomic<std::size_t>* answered = nullptr;  // counts final answers as they come (for crash tests)
};

/// A success answer: the server said this seat is durable.
struct Ack {
    std::int64_t student_id = 0, section_id = 0, seat_id = 0;
    bool confirmed = false;  // else waitlisted
};

/// What came back.
struct RushResult {
    double seconds = 0;
    std::size_t selections = 0, attempts = 0;
    std::map<std::string, std::size_t> outcomes;  // "201", "409 afterschool.section_full", "timeout", …
    std::vector<double> latency_ms;               // per selection: first send to final answer
    std::vector<Ack> acks;
};

/// Presses every selection of the plan once (retrying as described) and returns what happened.
RushResult RunRush(const std::vector<PlanChild>& plan, const RushOptions& options);

/// The q-quantile (0..1) of a sample, in place.
double Quantile(std::vector<double>& sample, double q);

}  // namespace kehou::rush
