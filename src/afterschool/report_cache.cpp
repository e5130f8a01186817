#include "afterschool/report_cache.hpp"

#include <algorithm>

namespace kehou::afterschool {

std::shared_ptr<const repo::HeavyCountsBySchool> ReportCache::Get(db::Connection& c, const std::string& scope,
                                                                   const std::string& semester) {
    // The clock is read before the marks: "settled" must hold at the moment the marks were read.
    const TimePoint read_at = std::chrono::system_clock::now();
    const repo::ChangeMarks marks = repo::ReadChangeMarks(c);
    {
        std::lock_guard lock(mu_);
        for (auto& e : entries_)
            if (e.scope == scope && e.semester == semester && e.marks == marks) {
                e.used = ++clock_;
                ++hits_;
                return e.counts;
            }
        ++misses_;
    }
    // Counted after the marks were read: a change in between makes the stored marks differ from the next
    // reading, so these counts are never served for data they have not seen.
    auto counts = std::make_shared<const repo::HeavyCountsBySchool>(repo::CountHeavy(c, scope, semester));
    if (Settled(marks, read_at)) Store({scope, semester, marks, counts, 0});
    return counts;
}

bool ReportCache::Settled(const repo::ChangeMarks& marks, TimePoint read_at) const {
    for (const std::string* stamp : {&marks.student_updated, &marks.seat_updated}) {
        if (stamp->empty()) continue;  // an empty table: its first row will move the largest id
        const auto t = ParseRfc3339(*stamp);
        // A stamp names its whole second; one that cannot be read is never trusted.
        if (!t || *t + std::chrono::seconds(1) + options_.settle > read_at) return false;
    }
    return true;
}

void ReportCache::Store(Entry e) {
    std::lock_guard lock(mu_);
    e.used = ++clock_;
    for (auto& old : entries_)
        if (old.scope == e.scope && old.semester == e.semester) {
            old = std::move(e);
            return;
        }
    if (entries_.size() >= std::max<std::size_t>(options_.capacity, 1))
        entries_.erase(std::min_element(entries_.begin(), entries_.end(),
                                        [](const Entry& a, const Entry& b) { return a.used < b.used; }));
    entries_.push_back(std::move(e));
}

std::int64_t ReportCache::hits() const {
    std::lock_guard lock(mu_);
    return hits_;
}

std::int64_t ReportCache::misses() const {
    std::lock_guard lock(mu_);
    return misses_;
}

}  // namespace kehou::afterschool
