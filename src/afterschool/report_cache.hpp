#pragma once
// The participation report's memory of its expensive part: per school, the pupils enrolled and the children
// served and waitlisted, counted from 830,000 pupil and 1.1 M seat rows at city scale (~0.4 s). A warm
// report reads them from here and counts only the small tables afresh.
//
// Kept correct without any hook in the writers, and across several kehou processes on one PostgreSQL:
// every write of a pupil or seat row sets its updated_at (and an insert brings a larger id), so the
// "change marks" (largest id, newest updated_at of each table; four index look-ups) move with every
// change. Counts are served only while the marks read now equal those read before counting.
//
// updated_at has second precision and is written by the writer's clock before its transaction commits, so
// a change can become visible without moving the marks when it was stamped no later than the newest
// stamp already visible: in the same second, or by a transaction still open when the marks were read.
// Counts are therefore kept only when the newest stamp was already `settle` old when the marks were read:
// a change that is missed would need a writing transaction open, plus the clock difference between kehou
// hosts, longer than `settle`. Until the data has been quiet that long (a selection rush), every report
// counts afresh.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "afterschool/report_repo.hpp"
#include "core/time.hpp"

namespace kehou::afterschool {

struct ReportCacheOptions {
    std::chrono::seconds settle{10};
    std::size_t capacity = 256;  // (scope, semester) entries; the least recently used goes first
};

/// Thread-safe. Counting runs outside the lock, so two cold callers may both count.
class ReportCache {
public:
    explicit ReportCache(ReportCacheOptions options = {}) : options_(options) {}

    /// The heavy counts of `scope` and `semester`, from memory while the marks are unchanged, else counted on `c`.
    std::shared_ptr<const repo::HeavyCountsBySchool> Get(db::Connection& c, const std::string& scope,
                                                         const std::string& semester);

    /// Calls answered from memory and calls that counted, since start (for tests and the benchmark).
    std::int64_t hits() const;
    std::int64_t misses() const;

private:
    struct Entry {
        std::string scope, semester;
        repo::ChangeMarks marks;
        std::shared_ptr<const repo::HeavyCountsBySchool> counts;
        std::uint64_t used = 0;
    };
    /// True when nothing stamped at or before the marks' newest time can still appear (see above).
    bool Settled(const repo::ChangeMarks& marks, TimePoint read_at) const;
    void Store(Entry e);

    const ReportCacheOptions options_;
    mutable std::mutex mu_;
    std::vector<Entry> entries_;
    std::uint64_t clock_ = 0;
    std::int64_t hits_ = 0, misses_ = 0;
};

}  // namespace kehou::afterschool
