#pragma once
// Group commit (DESIGN.md, the hot path): one writer thread takes every write queued since its last
// commit and makes them durable in one transaction, so a rush of small writes costs one fsync per batch
// instead of one per request. Each job runs inside its own savepoint, so one failing job (a constraint
// the in-memory ledger missed) is rolled back alone while the rest of its batch commits. A job's `done`
// is called only after the commit is durable — that is when a request may be acknowledged.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "db/database.hpp"

namespace kehou::db {

/// One write: `write` runs inside the batch's transaction; `done` gets nullptr once it is durable, or the
/// exception that undid it.
struct CommitJob {
    std::function<void(Connection&)> write;
    std::function<void(std::exception_ptr)> done;
};

/// Figures since start, for the rush benchmark and /metrics later.
struct GroupCommitStats {
    std::size_t batches = 0, jobs = 0, failed_jobs = 0, largest_batch = 0;
};

/// The single writer. Thread-safe; Stop() (or destruction) finishes every queued job first.
class GroupCommitter {
public:
    explicit GroupCommitter(Database& database, std::size_t max_batch = 1024);
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    void Submit(CommitJob job);
    /// Submits and waits until the job is durable; rethrows its failure.
    void SubmitAndWait(std::function<void(Connection&)> write);
    void Stop();
    GroupCommitStats Stats() const;

private:
    void Run();
    void CommitBatch(std::deque<CommitJob>& batch);

    Database& database_;
    const std::size_t max_batch_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<CommitJob> queue_;
    bool stopping_ = false;
    GroupCommitStats stats_;
    std::thread writer_;
};

}  // namespace kehou::db
