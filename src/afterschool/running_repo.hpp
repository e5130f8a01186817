#pragma once
// SQL of running the service: sessions and attendance, leave requests, pickup codes, ratings, notices.

#include <optional>
#include <string>
#include <vector>

#include "afterschool/model.hpp"
#include "db/connection.hpp"

namespace kehou::afterschool::repo {

std::optional<std::int64_t> CourseIdOfSection(db::Connection& c, std::int64_t section_id);

/// The children holding a seat in a section on a date (joined by then, not yet left), with any leave
/// request covering the date and the mark already given.
std::vector<RollEntry> RollOf(db::Connection& c, std::int64_t section_id, const std::string& on_date);
bool SessionRecorded(db::Connection& c, std::int64_t section_id, const std::string& on_date);
void PutSession(db::Connection& c, std::int64_t section_id, const std::string& on_date, const std::string& org_path,
                const std::optional<std::int64_t>& teacher_id, int minutes, std::int64_t user_id,
                const std::string& now);
void PutAttendance(db::Connection& c, std::int64_t section_id, const std::string& on_date, std::int64_t student_id,
                   const std::string& status, std::int64_t user_id, const std::string& now);
/// The previous mark of a child in a session, if any.
std::optional<std::string> MarkOf(db::Connection& c, std::int64_t section_id, const std::string& on_date,
                                  std::int64_t student_id);

std::int64_t InsertLeave(db::Connection& c, std::int64_t student_id, const std::string& org_path,
                         const std::string& from, const std::string& to, const std::string& reason,
                         std::int64_t user_id, const std::string& now);
std::vector<LeaveRequest> LeavesOf(db::Connection& c, std::int64_t student_id);

/// Children of a school leaving with batch `batch_no` (0: every batch) on a date, with their pickups: those who
/// chose it, and — for the last batch — those holding a seat that day who chose none.
std::vector<PickupEntry> PickupList(db::Connection& c, std::int64_t school_id, const std::string& semester,
                                    int weekday, int batch_no, const std::string& on_date, int last_batch);
void PutPickupCode(db::Connection& c, std::int64_t student_id, const std::string& on_date, const std::string& org_path,
                   const std::string& code_hash, std::int64_t guardian_id, const std::string& now);
/// (code hash, picked_at) of a child's pickup on a date.
std::optional<std::pair<std::string, std::optional<std::string>>> PickupOf(db::Connection& c, std::int64_t student_id,
                                                                          const std::string& on_date);
void MarkPickedUp(db::Connection& c, std::int64_t student_id, const std::string& on_date, std::int64_t user_id,
                  const std::string& now);

/// Whether a child ever held a seat of a course (confirmed or since left) — who may rate it.
bool TookCourse(db::Connection& c, std::int64_t student_id, std::int64_t course_id);
void PutRating(db::Connection& c, std::int64_t course_id, std::int64_t student_id, int score,
               const std::string& comment, std::int64_t user_id, const std::string& now);
/// A family's own ratings of a child's courses.
struct ChildRating {
    std::int64_t course_id = 0;
    int score = 0;
    std::string comment, rated_at;
};
std::vector<ChildRating> RatingsOfChild(db::Connection& c, std::int64_t student_id);
std::vector<RatingSummary> RatingsOfSchool(db::Connection& c, std::int64_t school_id, const std::string& semester);

/// A user's in-app notices, newest first.
struct Notice {
    std::int64_t id = 0;
    std::string kind, title, body, created_at;
    std::optional<std::string> read_at;
};
std::vector<Notice> NoticesOf(db::Connection& c, std::int64_t user_id, int limit);
bool MarkNoticeRead(db::Connection& c, std::int64_t user_id, std::int64_t id, const std::string& now);

}  // namespace kehou::afterschool::repo
