#pragma once
// A fixed-window request counter per key (client address), in memory: enough to slow password
// guessing on the log-in route; the account lock-out is the real defence.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kehou::auth {

/// Allows `limit` hits per key per window.
class RateLimiter {
public:
    RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

    /// Counts a hit; false when the key is over its limit for the current window.
    bool Allow(const std::string& key, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

private:
    struct Window {
        std::chrono::steady_clock::time_point start;
        int hits = 0;
    };
    int limit_;
    std::chrono::seconds window_;
    std::mutex mu_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace kehou::auth
