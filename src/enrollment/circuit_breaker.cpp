#include "enrollment/circuit_breaker.hpp"

namespace kehou::enrollment {

CircuitBreaker::CircuitBreaker(BreakerOptions options, Clock now) : options_(options), now_(std::move(now)) {}

bool CircuitBreaker::Allow() {
    std::lock_guard lock(mu_);
    switch (state_) {
        case State::kClosed:
            return true;
        case State::kOpen:
            if (now_() - opened_at_ < options_.open_for) return false;
            state_ = State::kHalfOpen;
            trial_out_ = true;
            return true;
        case State::kHalfOpen:
            if (trial_out_) return false;  // one trial at a time: a recovering department gets one call, not a rush
            trial_out_ = true;
            return true;
    }
    return false;
}

void CircuitBreaker::Success() {
    std::lock_guard lock(mu_);
    state_ = State::kClosed;
    failures_ = 0;
    trial_out_ = false;
}

void CircuitBreaker::Failure() {
    std::lock_guard lock(mu_);
    ++failures_;
    if (state_ == State::kHalfOpen || failures_ >= options_.failure_threshold) {
        state_ = State::kOpen;
        opened_at_ = now_();
        trial_out_ = false;
    }
}

CircuitBreaker::State CircuitBreaker::state() const {
    std::lock_guard lock(mu_);
    // Reads as open until a caller's Allow() moves it on, so the state seen is the one acted upon.
    return state_;
}

}  // namespace kehou::enrollment
