#pragma once
// The in-memory seat ledger of the selection rush (DESIGN.md, the hot path). One book per school and
// semester holds every section's capacity and taken count, each child's seats and waitlist places, and
// the answers already given per idempotency key. A book is built from the database on first use and
// after any failed write, so the database stays the truth; the ledger only decides fast and refuses a
// full section without touching the disk. Decisions are pure functions of a book (unit-tested); the
// ledger adds one lock per book.

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "afterschool/model.hpp"
#include "core/error.hpp"

namespace kehou::afterschool {

/// One section as the ledger holds it.
struct BookSection {
    std::int64_t id = 0, course_id = 0;
    int capacity = 0, taken = 0;
    int grade_from = 1, grade_to = 9;
    bool open = true;  // the course is published (not closed)
    std::vector<TimeSlot> slots;
    std::vector<std::pair<std::int64_t, std::int64_t>> waitlist;  // (queue_no, student id), ascending
    std::int64_t next_queue_no = 1;
};

/// A child's live seats in one school's semester.
struct BookChild {
    int grade = 0;
    std::vector<std::int64_t> confirmed, waitlisted;  // section ids
};

/// What a selection request was answered: a seat, or a place on the waitlist.
struct SeatAnswer {
    std::string status;  // confirmed | waitlisted
    std::int64_t seat_id = 0, section_id = 0, queue_no = 0;
    int waitlist_position = 0;  // for a waitlist place: 1 = next in line when it was given
};

/// 席位簿 One school's semester of seats.
struct SeatBook {
    std::int64_t generation = 0;  // as_book_generation when built, plus the writes applied since
    std::chrono::steady_clock::time_point checked_at;  // when it was last compared with the database
    int course_limit = 2;  // the child's weekly course limit of the school's windows this semester
    std::unordered_map<std::int64_t, BookSection> sections;
    std::unordered_map<std::int64_t, BookChild> children;
    /// Answers by (user, idempotency key): a retry waits for, and gets, the first answer.
    std::map<std::pair<std::int64_t, std::string>, std::shared_future<SeatAnswer>> replies;
};

/// Why a selection is confirmed, waitlisted or refused.
enum class SelectVerdict {
    kConfirm, kWaitlist, kFull, kAlreadyHeld, kIneligible, kConflict, kDuplicateCourse, kLimit, kClosed, kUnknown
};

/// A decision and, for a time conflict, the section it conflicts with.
struct SelectDecision {
    SelectVerdict verdict = SelectVerdict::kUnknown;
    std::optional<std::int64_t> conflict_with;
};

/// The constraints of both modes (issue: grade, weekly limit, no overlap, one seat per section) and the
/// capacity; `join_waitlist` turns "full" into a waitlist place.
SelectDecision DecideSelect(const SeatBook& book, std::int64_t student_id, int grade, std::int64_t section_id,
                            bool join_waitlist);
/// Applies a confirm or waitlist decision to the book; returns the queue number given.
std::int64_t ApplySelect(SeatBook& book, std::int64_t student_id, int grade, std::int64_t section_id,
                         SelectVerdict verdict);
/// Frees a child's seat (or waitlist place) and promotes the first waitlisted child who still fits, in
/// queue order; returns that child.
std::optional<std::int64_t> ApplyDrop(SeatBook& book, std::int64_t student_id, std::int64_t section_id);

/// The error a refused decision answers: 409 for full, conflict, limit and the like; 422 for grade.
Error SelectRefusal(const SelectDecision& d, int limit);

/// The books of every school and semester in use, each behind its own lock. Thread-safe.
class SeatLedger {
public:
    using Loader = std::function<SeatBook(std::int64_t school_id, const std::string& semester)>;
    explicit SeatLedger(Loader loader) : loader_(std::move(loader)) {}

    /// Runs `f(book)` under the book's lock, loading the book first if needed. Keep `f` short: no I/O.
    template <typename F>
    auto With(std::int64_t school_id, const std::string& semester, F&& f) {
        Entry& e = EntryFor(school_id, semester);
        std::lock_guard lock(e.mutex);
        if (!e.book) e.book = loader_(school_id, semester);
        return f(*e.book);
    }
    /// Drops a book so the next use rebuilds it from the database (after a failed write, an allocation).
    void Invalidate(std::int64_t school_id, const std::string& semester);
    /// Drops every book of a semester (a county-wide window changes every school's course limit).
    void InvalidateSemester(const std::string& semester);

private:
    struct Entry {
        std::mutex mutex;
        std::optional<SeatBook> book;
    };
    Entry& EntryFor(std::int64_t school_id, const std::string& semester);

    Loader loader_;
    std::mutex index_mutex_;
    std::map<std::pair<std::int64_t, std::string>, std::unique_ptr<Entry>> entries_;
};

}  // namespace kehou::afterschool
