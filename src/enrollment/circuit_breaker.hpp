#pragma once
// 熔断器 Keeps a failing department from costing every family a full timeout: after N consecutive failures the
// breaker opens and calls are refused at once for a while; then one trial call decides (half-open). The clock
// is injected so tests can step through the states without sleeping.

#include <chrono>
#include <functional>
#include <mutex>

namespace kehou::enrollment {

/// When the breaker opens and how long it stays open.
struct BreakerOptions {
    int failure_threshold = 5;                  // consecutive failed calls that open it
    std::chrono::milliseconds open_for{30000};  // refusing at once for this long, then one trial call
};

/// Closed → (N failures) → open → (after open_for) → half-open: one trial; success closes, failure reopens.
/// Thread-safe.
class CircuitBreaker {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    enum class State { kClosed, kOpen, kHalfOpen };

    explicit CircuitBreaker(
        BreakerOptions options, Clock now = [] { return std::chrono::steady_clock::now(); });

    /// Whether a call may go out now. In half-open only the first caller is let through (the trial); it must
    /// report its outcome with Success or Failure.
    bool Allow();
    void Success();
    void Failure();
    State state() const;

private:
    BreakerOptions options_;
    Clock now_;
    mutable std::mutex mu_;
    State state_ = State::kClosed;
    int failures_ = 0;
    std::chrono::steady_clock::time_point opened_at_{};
    bool trial_out_ = false;
};

}  // namespace kehou::enrollment
