// The single writer of the hot path (DESIGN.md): many writes, one transaction per batch; an answer only
// once its write is durable; one failing write undone alone; and when the writer falls behind, a
// bounded queue and a bounded wait that ends in 503 with Retry-After. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "core/error.hpp"
#include "db/group_commit.hpp"
#include "support/test_db.hpp"

namespace kehou::db {
namespace {

constexpr Query kInsert{"gctest.insert", "INSERT INTO gc_test (k, v) VALUES ($1, $2)"};
constexpr Query kCount{"gctest.count", "SELECT COUNT(*) FROM gc_test"};
constexpr Query kHas{"gctest.has", "SELECT COUNT(*) FROM gc_test WHERE k = $1"};

class GroupCommitTest : public ::testing::Test {
protected:
    void SetUp() override { tdb_.database().Acquire()->ExecScript("CREATE TABLE gc_test (k TEXT PRIMARY KEY, v BIGINT NOT NULL)"); }
    std::int64_t Count() { return tdb_.database().Acquire()->Query(kCount)[0].Int(0); }
    testing::TestDatabase tdb_;
};

TEST_F(GroupCommitTest, ManyWritesShareBatchesAndEachIsAnsweredOnlyOnceVisibleToOthers) {
    GroupCommitter writer(tdb_.database());
    std::atomic<int> seen_durable{0}, answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const std::string key = std::to_string(t) + "-" + std::to_string(i);
                std::promise<void> done;
                writer.Submit({[key](Connection& c) { c.Execute(kInsert, {key, std::int64_t{1}}); },
                               [&, key](std::exception_ptr e) {
                                   EXPECT_EQ(e, nullptr);
                                   // Another connection already sees it: the answer follows the commit.
                                   if (tdb_.database().Acquire()->Query(kHas, {key})[0].Int(0) == 1) ++seen_durable;
                                   ++answered;
                                   done.set_value();
                               }});
                done.get_future().wait();
            }
        });
    for (auto& t : threads) t.join();
    writer.Stop();
    EXPECT_EQ(answered, 400);
    EXPECT_EQ(seen_durable, 400);
    EXPECT_EQ(Count(), 400);
    const auto stats = writer.Stats();
    EXPECT_EQ(stats.jobs, 400u);
    EXPECT_LT(stats.batches, 400u) << "concurrent writes were grouped";
}

TEST_F(GroupCommitTest, AFailingWriteIsUndoneAloneAndTheRestOfItsBatchCommits) {
    GroupCommitter writer(tdb_.database());
    std::promise<void> hold;
    auto held = hold.get_future().share();
    writer.Submit({[held](Connection&) { held.wait(); }, [](std::exception_ptr) {}});  // keeps the next ones together
    std::vector<std::future<std::exception_ptr>> outcomes;
    for (const auto* key : {"a", "b", "a", "c"}) {
        auto p = std::make_shared<std::promise<std::exception_ptr>>();
        outcomes.push_back(p->get_future());
        writer.Submit({[key = std::string(key)](Connection& c) { c.Execute(kInsert, {key, std::int64_t{1}}); },
                       [p](std::exception_ptr e) { p->set_value(e); }});
    }
    hold.set_value();
    std::vector<bool> failed;
    for (auto& f : outcomes) failed.push_back(f.get() != nullptr);
    EXPECT_EQ(failed, (std::vector<bool>{false, false, true, false})) << "only the duplicate key fails";
    EXPECT_EQ(Count(), 3);
}

TEST_F(GroupCommitTest, AWriterThatFallsBehindRefusesWith503AfterABoundedWaitAndLosesNothingQueued) {
    GroupCommitter writer(tdb_.database(), GroupCommitOptions{.max_batch = 64, .max_queue = 4,
                                                               .max_wait = std::chrono::milliseconds(200)});
    std::promise<void> disk;  // the writer is stuck on a slow disk until this is set
    auto slow = disk.get_future().share();
    std::promise<void> started;
    writer.Submit({[slow, &started](Connection&) {
                       started.set_value();
                       slow.wait();
                   },
                   [](std::exception_ptr) {}});
    started.get_future().wait();
    std::atomic<int> durable{0};
    for (int i = 0; i < 4; ++i) {
        writer.WaitForRoom();
        writer.Submit({[i](Connection& c) { c.Execute(kInsert, {std::to_string(i), std::int64_t{i}}); },
                       [&](std::exception_ptr e) {
                           if (!e) ++durable;
                       }});
    }
    const auto begin = std::chrono::steady_clock::now();
    try {
        writer.WaitForRoom();
        FAIL() << "a full queue must refuse";
    } catch (const Error& e) {
        const auto waited = std::chrono::steady_clock::now() - begin;
        EXPECT_EQ(e.http_status(), 503);
        EXPECT_EQ(e.code(), "server.busy");
        ASSERT_FALSE(e.details().empty());
        EXPECT_EQ(e.details()[0].first, "retry_after");
        EXPECT_GE(waited, std::chrono::milliseconds(190));
        EXPECT_LT(waited, std::chrono::seconds(2));
    }
    EXPECT_EQ(durable, 0) << "nothing is answered while the disk is stuck";
    EXPECT_EQ(Count(), 0);
    disk.set_value();
    writer.Flush();
    EXPECT_EQ(durable, 4);
    EXPECT_EQ(Count(), 4);
    const auto stats = writer.Stats();
    EXPECT_EQ(stats.refused, 1u);
    EXPECT_LE(stats.deepest_queue, 4u) << "memory is bounded by the queue";
}

}  // namespace
}  // namespace kehou::db
