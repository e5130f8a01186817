#pragma once
// Selection (选课): windows, the first-come rush through the seat ledger and group commit, ranked wishes,
// the published lottery allocation with its reasons, drops with waitlist promotion, and the school's
// mid-term joins and leaves (RULES R1.8(c), R1.8(d)).

#include <functional>
#include <memory>

#include "afterschool/catalog_service.hpp"
#include "afterschool/model.hpp"
#include "afterschool/seat_ledger.hpp"
#include "afterschool/selection_internal.hpp"
#include "afterschool/selection_repo.hpp"
#include "core/ttl_cache.hpp"
#include "db/group_commit.hpp"

namespace kehou::afterschool {

/// Where a window stands at a moment: scheduled → open → closed → allocated (lottery only).
std::string WindowPhase(const Window& w, const std::string& now);

/// Everything a guardian's phone page needs for one child and semester.
struct ChildOffer {
    org::Student child;
    bool consented = false;  // the after-school consent (RULES R4.2, R1.8(d): participation is voluntary)
    std::vector<Window> windows;
    std::vector<Course> courses;  // open to the child's grade, with live seats
    std::vector<Seat> seats;      // the child's seats and waitlist places, history included
    std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> wishes;  // per lottery window
};

/// A selection request from a guardian's phone.
struct SelectRequest {
    std::int64_t student_id = 0, section_id = 0;
    std::string idempotency_key;
    bool join_waitlist = false;
    /// Appends the request's audit line (with its HTTP outcome) in the seat's own write, when given.
    std::function<void(db::Connection&, int)> record;
};

/// One published allocation line with the reason a family reads.
struct ExplainedLine {
    AllocationLine line;
    std::string student_name, course_title, section_label, reason_zh, reason_en;
};

/// The selection use cases. Thread-safe; owns the seat ledger and the single writer.
class SelectionService {
public:
    /// `writer` is the process's single writer; without one the service starts its own.
    SelectionService(db::Database& database, org::OrgService& org, CatalogService& catalog,
                     db::GroupCommitter* writer = nullptr);
    ~SelectionService();

    Window CreateWindow(const Principal& p, const WindowInput& in);
    std::vector<Window> ListWindows(const Principal& p, const std::string& semester);
    Window GetWindow(const Principal& p, std::int64_t id);

    ChildOffer Offer(const Principal& guardian, std::int64_t student_id, const std::string& semester);
    /// 实时选课 Takes a seat (or a waitlist place) in an open first-come window; answered once durable.
    SeatAnswer Select(const Principal& guardian, const SelectRequest& r);
    /// Gives up a seat while a window is open; the first waitlisted child who fits moves up and is told.
    Seat Drop(const Principal& guardian, std::int64_t student_id, std::int64_t seat_id);
    /// 志愿 Replaces a child's ranked wishes in an open lottery window.
    std::vector<std::int64_t> SubmitWishes(const Principal& guardian, std::int64_t student_id,
                                           std::int64_t window_id, const std::vector<std::int64_t>& section_ids);
    std::vector<ExplainedLine> ChildResult(const Principal& guardian, std::int64_t student_id, std::int64_t window_id);

    /// Ends a window now: an open one stops taking choices, a scheduled one is called off (it opens and
    /// closes at once). 409 once closed.
    Window CloseWindow(const Principal& p, std::int64_t id);
    /// 摇号 Runs a closed lottery window's allocation once and publishes it with the seed.
    Window Allocate(const Principal& p, std::int64_t window_id);
    /// The published lines of a window inside the caller's scope, with reasons.
    std::vector<ExplainedLine> Allocation(const Principal& p, std::int64_t window_id);
    /// The inputs as run (text, see allocation_io.hpp) for re-running; 409 before allocation.
    std::string AllocationInputs(const Principal& p, std::int64_t window_id);
    /// Re-runs an allocated window from its stored inputs and revealed seed; empty when the published
    /// lines match, else the first difference. For `kehou allocate --verify`.
    std::optional<std::string> Verify(std::int64_t window_id);

    /// Live seats of a section for its school's staff: confirmed first, then the waitlist.
    std::vector<Seat> SectionRoster(const Principal& p, std::int64_t section_id);
    /// Mid-term joining by the school (R1.8(c)): a seat from `joined_on` if one is free.
    Seat JoinMidTerm(const Principal& p, std::int64_t section_id, std::int64_t student_id, const std::string& joined_on);
    /// Mid-term leaving (R1.8(c)): the seat ends on `left_on`; fees follow the hours taken.
    Seat LeaveMidTerm(const Principal& p, std::int64_t seat_id, const std::string& left_on);

    db::GroupCommitStats CommitStats() const { return committer_->Stats(); }

private:
    detail::Placed PlaceChild(const Principal& guardian, std::int64_t student_id);
    void RequireConsent(const org::Student& child);
    Window OpenWindowFor(const detail::Placed& who, const std::string& semester, const std::string& mode);
    /// One decision on the current book; throws the stale-book error when another process overtook it.
    SeatAnswer SelectOnce(const Principal& guardian, const SelectRequest& r, const repo::ChildPlace& child,
                          const std::string& semester, const Window& window, bool may_recheck);
    /// Whether another process has written to the school's semester since the book's `generation`.
    bool BookOvertaken(std::int64_t school_id, const std::string& semester, std::int64_t generation);
    /// The rush's reads, each from a short-lived cache (DESIGN.md, the hot path: reads dwarf writes).
    repo::ChildPlace RushPlace(const Principal& guardian, std::int64_t student_id);
    Window OpenWindowAt(std::int64_t school_id, const std::string& school_path, const std::string& semester,
                        const std::string& mode);
    /// The school and semester of a section; 404 when unknown.
    std::int64_t SectionSchool(std::int64_t section_id, std::string* semester);
    /// Frees a seat in the ledger and makes it durable, promoting from the waitlist; returns who moved up.
    std::optional<std::int64_t> DropInLedger(const Seat& seat, std::int64_t school_id, const std::string& semester,
                                             const std::string& status, const std::optional<std::string>& left_on);
    std::vector<ExplainedLine> Explain(db::Connection& c, const Window& w, std::vector<AllocationLine> lines);
    /// A window the caller administers: 403 outside the scope, 404 when unknown.
    Window WindowForWrite(const Principal& p, std::int64_t id);

    db::Database& database_;
    org::OrgService& org_;
    CatalogService& catalog_;
    std::unique_ptr<SeatLedger> ledger_;
    // A child's school and consent for 10 s; a school's windows for 5 s (dropped at once when this process
    // changes a window); a section's school and semester for good (they never change).
    TtlCache<std::pair<std::int64_t, std::int64_t>, repo::ChildPlace, IdPairHash> places_{std::chrono::seconds(10)};
    TtlCache<std::string, std::vector<Window>> windows_{std::chrono::seconds(5)};
    TtlCache<std::int64_t, std::pair<std::int64_t, std::string>> section_places_{std::chrono::hours(24)};
    std::unique_ptr<db::GroupCommitter> own_committer_;
    db::GroupCommitter* committer_ = nullptr;
};

}  // namespace kehou::afterschool
