#pragma once
// Pieces shared by the selection service's source files; not part of the module's interface.

#include <future>
#include <memory>
#include <optional>
#include <string>

#include "afterschool/model.hpp"
#include "afterschool/selection_repo.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "db/group_commit.hpp"
#include "org/model.hpp"

namespace kehou::afterschool::detail {

inline std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

/// A guardian's child with its school.
struct Placed {
    org::Student child;
    org::School school;
};

/// Commit–reveal: nobody sees the seed before the window closes.
inline void HideSeed(Window& w, const std::string& now) {
    if (now < w.closes_at) w.seed.reset();
}

/// Whether `later` lies less than `days` days after `instant` (both RFC 3339).
inline bool WithinDays(const std::string& instant, const std::string& later, int days) {
    const auto a = ParseRfc3339(instant), b = ParseRfc3339(later);
    return a && b && *b - *a < std::chrono::hours(24 * days);
}

inline constexpr const char* kStaleBook = "afterschool.book_stale";

/// The error a ledger write raises when its book was overtaken by another process's write.
inline Error StaleBook() {
    return Error::Conflict(kStaleBook, "选课人数变化较快，请重试", "Seats changed meanwhile; please try again");
}

/// First statement of every write the ledger decided: the book's generation must still be the one the
/// decision was made on (docs/scaling.md).
inline void RequireGeneration(db::Connection& c, std::int64_t school_id, const std::string& semester,
                              std::int64_t generation) {
    if (!repo::AdvanceGeneration(c, school_id, semester, generation)) throw StaleBook();
}

/// Queues `write` on the single writer and returns its answer once durable; `on_failure` runs first when
/// the write is undone (the caller then rebuilds its in-memory state from the database).
template <typename T, typename Write, typename OnFailure>
std::shared_future<T> SubmitDurable(db::GroupCommitter& committer, Write write, OnFailure on_failure) {
    auto promise = std::make_shared<std::promise<T>>();
    auto result = std::make_shared<std::optional<T>>();
    committer.Submit({[write, result](db::Connection& c) { result->emplace(write(c)); },
                      [promise, result, on_failure](std::exception_ptr e) {
                          if (e) {
                              on_failure();
                              promise->set_exception(e);
                          } else {
                              promise->set_value(std::move(**result));
                          }
                      }});
    return promise->get_future().share();
}

}  // namespace kehou::afterschool::detail
