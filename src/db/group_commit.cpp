#include "db/group_commit.hpp"

#include <future>

#include "db/transaction.hpp"

namespace kehou::db {

GroupCommitter::GroupCommitter(Database& database, std::size_t max_batch)
    : database_(database), max_batch_(max_batch), writer_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::Submit(CommitJob job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void GroupCommitter::SubmitAndWait(std::function<void(Connection&)> write) {
    std::promise<void> durable;
    auto future = durable.get_future();
    Submit({std::move(write), [&durable](std::exception_ptr e) {
                if (e) durable.set_exception(e);
                else durable.set_value();
            }});
    future.get();
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
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        CommitBatch(batch);
        batch.clear();
    }
}

void GroupCommitter::CommitBatch(std::deque<CommitJob>& batch) {
    std::vector<std::exception_ptr> failures(batch.size());
    std::exception_ptr whole;
    std::size_t failed = 0;
    try {
        auto conn = database_.Acquire();
        Transaction tx(*conn, TxMode::kWrite);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            conn->ExecScript("SAVEPOINT job");
            try {
                batch[i].write(*conn);
                conn->ExecScript("RELEASE SAVEPOINT job");
            } catch (...) {
                failures[i] = std::current_exception();
                ++failed;
                conn->ExecScript("ROLLBACK TO SAVEPOINT job");
                conn->ExecScript("RELEASE SAVEPOINT job");
            }
        }
        tx.Commit();
    } catch (...) {
        whole = std::current_exception();  // nothing of this batch is durable
    }
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
