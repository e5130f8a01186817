#pragma once
// SQL of selection: windows, seats, wishes, the published allocation, the seat ledger's load, and the
// in-app notices.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/allocation.hpp"
#include "afterschool/model.hpp"
#include "afterschool/seat_ledger.hpp"
#include "db/connection.hpp"

namespace kehou::afterschool::repo {

std::int64_t InsertWindow(db::Connection& c, const WindowInput& in, const std::string& org_path,
                          const std::string& seed, const std::string& commitment, std::int64_t user_id,
                          const std::string& now);
std::optional<Window> FindWindow(db::Connection& c, std::int64_t id);
/// Windows whose place lies inside `scope` or contains it (a school sees its county's), of a semester
/// or of all semesters when empty.
std::vector<Window> ListWindows(db::Connection& c, const std::string& scope, const std::string& semester);
/// Windows of a semester that cover a school: its own and its county's.
std::vector<Window> WindowsForSchool(db::Connection& c, std::int64_t school_id, const std::string& school_path,
                                     const std::string& semester);
void SetWindowTimes(db::Connection& c, std::int64_t window_id, const std::string& opens_at,
                    const std::string& closes_at);
/// Records a window's allocation: the inputs as run and the result's digest.
void MarkAllocated(db::Connection& c, std::int64_t window_id, const std::string& inputs, const std::string& digest,
                   const std::string& now);
std::optional<std::string> AllocationInputsOf(db::Connection& c, std::int64_t window_id);
/// What an allocation needs of a window's wished-for sections and of the children who wished.
AllocInput AllocationInputFromWishes(db::Connection& c, const Window& w);
/// (course title, section label) of every section a window's allocation names.
std::map<std::int64_t, std::pair<std::string, std::string>> SectionNamesOfWindow(db::Connection& c,
                                                                                 std::int64_t window_id);
/// Names of the children in a window's allocation inside `scope`.
std::map<std::int64_t, std::string> ChildNamesOfWindow(db::Connection& c, std::int64_t window_id,
                                                       const std::string& scope);

/// A section's school and semester.
std::optional<std::pair<std::int64_t, std::string>> SectionPlace(db::Connection& c, std::int64_t section_id);

/// What the rush needs of a guardian's child: school, grade, paths and the after-school consent.
struct ChildPlace {
    std::int64_t student_id = 0, school_id = 0;
    int grade = 0;
    std::string child_path, school_path;
    bool consent = false;
};
/// The child's place when `user_id` is one of its guardians' accounts; one narrow query, no personal data.
std::optional<ChildPlace> PlaceOfChild(db::Connection& c, std::int64_t user_id, std::int64_t student_id);

/// The book generation of a school's semester (0 before its first write).
std::int64_t GenerationOf(db::Connection& c, std::int64_t school_id, const std::string& semester);
/// Raises it from `expected`; false when it has moved on (another process wrote: the book is stale).
bool AdvanceGeneration(db::Connection& c, std::int64_t school_id, const std::string& semester, std::int64_t expected);
/// Raises it whatever it is, for writes decided outside the ledger (an allocation).
void BumpGeneration(db::Connection& c, std::int64_t school_id, const std::string& semester);

/// Builds a school's semester book from the database (sections, slots, live seats, keys, limit).
SeatBook LoadBook(db::Connection& c, std::int64_t school_id, const std::string& semester);

/// Inserts a seat row and returns its id.
std::int64_t InsertSeat(db::Connection& c, const std::optional<std::int64_t>& window_id, std::int64_t section_id,
                        std::int64_t student_id, const std::string& org_path, const std::string& status,
                        const std::string& source, std::int64_t queue_no, const std::optional<std::string>& key,
                        std::int64_t user_id, const std::string& now, const std::optional<std::string>& joined_on);
/// Takes one seat of a section if one is left; false when full (the database's own guard).
bool TakeSeat(db::Connection& c, std::int64_t section_id);
void ReleaseSeat(db::Connection& c, std::int64_t section_id);
void SetSeatStatus(db::Connection& c, std::int64_t seat_id, const std::string& status, const std::string& now,
                   const std::optional<std::string>& left_on);
/// The live seat (confirmed or waitlisted) of a child in a section.
std::optional<Seat> LiveSeat(db::Connection& c, std::int64_t student_id, std::int64_t section_id);
std::optional<Seat> FindSeat(db::Connection& c, std::int64_t seat_id);
/// A child's seats of a semester, newest first, dropped ones included (the family's history).
std::vector<Seat> SeatsOfChild(db::Connection& c, std::int64_t student_id, const std::string& semester);
/// Live seats of a section in queue order: confirmed first, then the waitlist.
std::vector<Seat> SeatsOfSection(db::Connection& c, std::int64_t section_id);

void ReplaceWishes(db::Connection& c, std::int64_t window_id, std::int64_t student_id,
                   const std::vector<std::int64_t>& section_ids, std::int64_t user_id, const std::string& now);
std::vector<std::int64_t> WishesOf(db::Connection& c, std::int64_t window_id, std::int64_t student_id);
/// Every wish of a window: (student, rank, section), ordered.
struct WishRow {
    std::int64_t student_id = 0;
    int rank = 0;
    std::int64_t section_id = 0;
};
std::vector<WishRow> WishesOfWindow(db::Connection& c, std::int64_t window_id);

void InsertAllocationLine(db::Connection& c, std::int64_t window_id, const AllocationLine& line);
/// Published lines of a window for children inside `scope` (and one child when given).
std::vector<AllocationLine> AllocationOf(db::Connection& c, std::int64_t window_id,
                                         const std::optional<std::int64_t>& student_id, const std::string& scope);

/// The org path of a student (seat rows carry it for scoped reads).
std::string StudentPath(db::Connection& c, std::int64_t student_id);
/// The log-in accounts of a child's guardians, for in-app notices (guardians without one get none).
std::vector<std::int64_t> GuardianUserIds(db::Connection& c, std::int64_t student_id);

void InsertNotification(db::Connection& c, std::int64_t user_id, const std::string& kind, const std::string& title,
                        const std::string& body, const std::string& now);

}  // namespace kehou::afterschool::repo
