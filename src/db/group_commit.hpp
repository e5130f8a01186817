#pragma once
// Group commit (DESIGN.md, the hot path): one writer thread takes every write queued since its last
// commit and makes them durable in one transaction, so a rush of small writes costs one fsync per batch
// instead of one per request. Each job runs inside its own savepoint, so one failing job (a constraint
// the in-memory ledger missed) is rolled back alone while the rest of its batch commits. A job's `done`
// is called only after the commit is durable — that is when a request may be acknowledged.
//
// Back-pressure: the queue is bounded. When the disk falls behind and the queue is full, Submit waits a
// bounded time for room and then refuses with 503 and Retry-After — nothing is acknowledged that is not
// durable, and memory stays bounded however many requests arrive.

#include <chrono>
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
    std::size_t batches = 0, jobs = 0, failed_jobs = 0, largest_batch = 0, refused = 0, deepest_queue = 0;
};

/// How big a batch may grow, how many jobs may wait, and how long a caller waits for room.
struct GroupCommitOptions {
    std::size_t max_batch = 1024;
    std::size_t max_queue = 16384;
    std::chrono::milliseconds max_wait{2000};
};

/// The single writer. Thread-safe; Stop() (or destruction) finishes every queued job first.
class GroupCommitter {
public:
    explicit GroupCommitter(Database& database, GroupCommitOptions options = {});
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    /// Waits until the queue has room; throws kehou::Error 503 (Retry-After) when it stayed full for
    /// max_wait. Call it before taking a lock that Submit will be called under.
    void WaitForRoom();
    /// Queues a job without waiting (the queue may run over by the callers that waited for room at once).
    void Submit(CommitJob job);
    /// Queues a write nobody waits for (a session's last-seen time); dropped when the queue is full.
    void Post(std::function<void(Connection&)> write);
    /// Waits for room, submits and waits until the job is durable; rethrows its failure.
    void SubmitAndWait(std::function<void(Connection&)> write);
    /// Returns once everything queued before the call is durable (jobs commit in order).
    void Flush();
    void Stop();
    GroupCommitStats Stats() const;

private:
    void Run();
    void CommitBatch(std::deque<CommitJob>& batch);

    Database& database_;
    std::unique_ptr<Connection> conn_;  // its own, outside the pool: never waits for a reader's turn
    const GroupCommitOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, room_;
    std::deque<CommitJob> queue_;
    bool stopping_ = false;
    GroupCommitStats stats_;
    std::thread writer_;
};

}  // namespace kehou::db
