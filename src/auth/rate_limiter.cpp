#include "auth/rate_limiter.hpp"

namespace kehou::auth {

bool RateLimiter::Allow(const std::string& key, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mu_);
    // Forget finished windows now and then so the map does not grow with every address ever seen.
    if (windows_.size() > 100000)
        std::erase_if(windows_, [&](const auto& kv) { return now - kv.second.start >= window_; });
    Window& w = windows_[key];
    if (w.hits == 0 || now - w.start >= window_) w = {now, 0};
    return ++w.hits <= limit_;
}

}  // namespace kehou::auth
