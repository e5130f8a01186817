#include "db/group_commit.hpp"

#include <future>

#include "core/error.hpp"
#include "db/transaction.hpp"

namespace kehou::db {

GroupCommitter::GroupCommitter(Database& database, GroupCommitOptions options)
    : database_(database), options_(options), writer_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::WaitForRoom() {
    std::unique_lock lock(mutex_);
    if (room_.wait_for(lock, options_.max_wait, [this] { return queue_.size() < options_.max_queue; })) return;
    ++stats_.refused;
    throw Error(ErrorKind::kUnavailable, "server.busy", "当前访问人数过多，请稍后重试",
                "Too many requests right now; please try again shortly")
        .WithDetail("retry_after", std::int64_t{1});
}

void GroupCommitter::Submit(CommitJob job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
        stats_.deepest_queue = std::max(stats_.deepest_queue, queue_.size());
    }
    wake_.notify_one();
}

void GroupCommitter::Post(std::function<void(Connection&)> write) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= options_.max_queue) return;
        queue_.push_back({std::move(write), [](std::exception_ptr) {}});
    }
    wake_.notify_one();
}

void GroupCommitter::SubmitAndWait(std::function<void(Connection&)> write) {
    WaitForRoom();
    std::promise<void> durable;
    auto future = durable.get_future();
    Submit({std::move(write), [&durable](std::exception_ptr e) {
                if (e) durable.set_exception(e);
                else durable.set_value();
            }});
    future.get();
}

void GroupCommitter::Flush() {
    SubmitAndWait([](Connection&) {});
}

void GroupCommitter::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (writer_.joinable()) writer_.join();
}

GroupCommitStats GroupCommitter::Stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void GroupCommitter::Run() {
    std::deque<CommitJob> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to write
            while (!queue_.empty() && batch.size() < options_.max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        room_.notify_all();
        CommitBatch(batch);
        batch.clear();
    }
}

namespace {

/// Runs every job in one transaction with no savepoints; false (and nothing written) if any job threw.
bool RunOptimistic(Connection& conn, std::deque<CommitJob>& batch) {
    Transaction tx(conn, TxMode::kWrite);
    try {
        for (auto& job : batch) job.write(conn);
    } catch (...) {
        return false;  // the transaction rolls back as it goes out of scope
    }
    tx.Commit();
    return true;
}

/// Runs each job in its own savepoint, so a failing one is undone alone; records why each failed.
void RunIsolated(Connection& conn, std::deque<CommitJob>& batch, std::vector<std::exception_ptr>& failures) {
    Transaction tx(conn, TxMode::kWrite);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        conn.ExecScript("SAVEPOINT job");
        try {
            batch[i].write(conn);
            conn.ExecScript("RELEASE SAVEPOINT job");
        } catch (...) {
            failures[i] = std::current_exception();
            conn.ExecScript("ROLLBACK TO SAVEPOINT job");
            conn.ExecScript("RELEASE SAVEPOINT job");
        }
    }
    tx.Commit();
}

}  // namespace

// The ledger has already decided every job, so a job rarely fails: the batch first runs without a
// savepoint per job (two statements saved per write); only if something fails is it run again with them.
// Jobs write only to the database, so running one twice after a rollback is safe.
void GroupCommitter::CommitBatch(std::deque<CommitJob>& batch) {
    std::vector<std::exception_ptr> failures(batch.size());
    std::exception_ptr whole;
    try {
        if (!conn_ || conn_->Broken()) {
            conn_ = database_.OpenOne();
            // The writer's cache is emptied only when someone else writes, which is rare: let it hold the
            // hot indexes of the seat table (64 MiB).
            if (conn_->dialect() == Dialect::kSqlite) conn_->ExecScript("PRAGMA cache_size = -65536");
        }
        if (!RunOptimistic(*conn_, batch)) RunIsolated(*conn_, batch, failures);
    } catch (...) {
        whole = std::current_exception();  // nothing of this batch is durable
    }
    const auto failed = static_cast<std::size_t>(
        std::count_if(failures.begin(), failures.end(), [](const std::exception_ptr& e) { return e != nullptr; }));
    {
        std::lock_guard lock(mutex_);
        ++stats_.batches;
        stats_.jobs += batch.size();
        stats_.failed_jobs += whole ? batch.size() : failed;
        stats_.largest_batch = std::max(stats_.largest_batch, batch.size());
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(whole ? whole : failures[i]);
}

}  // namespace kehou::db
