#pragma once
// A small thread-safe map whose entries expire: what the rush's hot path reads again within seconds (a
// session, a child's school) is looked up once, not on every request. An entry is never served after
// its time; the owner erases entries it knows have changed. Expired entries are swept every so many
// inserts, so the memory held is bounded by the arrival rate times the lifetime.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace kehou {

/// Hash of a pair of integers (user and child, school and section) for unordered keys.
struct IdPairHash {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const {
        return std::hash<std::int64_t>{}(p.first) * 0x9E3779B97F4A7C15ULL ^ std::hash<std::int64_t>{}(p.second);
    }
};

/// Key → value for `ttl` after insertion.
template <typename K, typename V, typename Hash = std::hash<K>>
class TtlCache {
public:
    using Clock = std::chrono::steady_clock;
    explicit TtlCache(Clock::duration ttl, std::size_t sweep_every = 4096) : ttl_(ttl), sweep_every_(sweep_every) {}

    std::optional<V> Get(const K& key) {
        std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        if (Clock::now() >= it->second.expires) {
            entries_.erase(it);
            return std::nullopt;
        }
        return it->second.value;
    }

    void Put(const K& key, V value) {
        std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        if (++inserts_ % sweep_every_ == 0) std::erase_if(entries_, [&](const auto& e) { return now >= e.second.expires; });
        entries_.insert_or_assign(key, Entry{std::move(value), now + ttl_});
    }

    void Erase(const K& key) {
        std::lock_guard lock(mutex_);
        entries_.erase(key);
    }

    /// Erases every entry matching `pred(key, value)`.
    void EraseIf(const std::function<bool(const K&, const V&)>& pred) {
        std::lock_guard lock(mutex_);
        std::erase_if(entries_, [&](const auto& e) { return pred(e.first, e.second.value); });
    }

    void Clear() {
        std::lock_guard lock(mutex_);
        entries_.clear();
    }

private:
    struct Entry {
        V value;
        Clock::time_point expires;
    };
    const Clock::duration ttl_;
    const std::size_t sweep_every_;
    std::mutex mutex_;
    std::unordered_map<K, Entry, Hash> entries_;
    std::size_t inserts_ = 0;
};

}  // namespace kehou
