#pragma once
// Running the service day to day: the roll (attendance, instructor hours) with guardians told of an
// unexplained absence, leave requests, pickup by batch with a one-day code, course ratings, notices.

#include "afterschool/catalog_service.hpp"
#include "afterschool/model.hpp"
#include "afterschool/running_repo.hpp"

namespace kehou::afterschool {

/// The code a guardian's phone shows at the gate today.
struct PickupCode {
    std::string code, on_date;
    int batch_no = 0;
    std::optional<MinuteOfDay> batch_end;
};

/// One mark the instructor gives.
struct Mark {
    std::int64_t student_id = 0;
    std::string status;  // present | absent | leave
};

/// The day-to-day use cases. Thread-safe.
class RunningService {
public:
    RunningService(db::Database& database, org::OrgService& org, CatalogService& catalog)
        : database_(database), org_(org), catalog_(catalog) {}

    /// The roll of a section on a date: enrolled children, leave requests pre-filling "leave".
    Roll GetRoll(const Principal& p, std::int64_t section_id, const std::string& on_date);
    /// Records the roll and the session (instructor hours); a child newly marked absent without a leave
    /// request makes an in-app notice to its guardians at once.
    Roll MarkRoll(const Principal& p, std::int64_t section_id, const std::string& on_date,
                  const std::vector<Mark>& marks);

    LeaveRequest FileLeave(const Principal& guardian, std::int64_t student_id, const std::string& from,
                           const std::string& to, const std::string& reason);
    std::vector<LeaveRequest> Leaves(const Principal& guardian, std::int64_t student_id);

    /// Issues today's pickup code to an authorised pickup guardian (接送人); a new call replaces the code.
    PickupCode IssuePickupCode(const Principal& guardian, std::int64_t student_id);
    /// A duty teacher's list: the children leaving with a batch today (0: all batches).
    std::vector<PickupEntry> PickupList(const Principal& p, std::int64_t school_id, const std::string& on_date,
                                        int batch_no);
    /// Confirms a pickup at the gate with the code on the guardian's phone, recording the time.
    PickupEntry ConfirmPickup(const Principal& p, std::int64_t school_id, std::int64_t student_id,
                              const std::string& code);

    /// A guardian rates a course the child took, once (1–5 and a comment).
    void Rate(const Principal& guardian, std::int64_t student_id, std::int64_t course_id, int score,
              const std::string& comment);
    /// The ratings a guardian already gave for a child.
    std::vector<repo::ChildRating> ChildRatings(const Principal& guardian, std::int64_t student_id);
    /// A teacher's own courses of a semester with their sections (where the teacher keeps the roll).
    std::vector<Course> MySections(const Principal& teacher, const std::string& semester);
    /// Averages per course of a school's semester, for the school and the provider evaluation.
    std::vector<RatingSummary> Ratings(const Principal& p, std::int64_t school_id, const std::string& semester);

    std::vector<repo::Notice> Notices(const Principal& p);
    void MarkNoticeRead(const Principal& p, std::int64_t id);

private:
    /// A section's course, readable (or writable) by the caller: a teacher only their own courses.
    Course CourseOfSection(const Principal& p, std::int64_t section_id, bool write);

    db::Database& database_;
    org::OrgService& org_;
    CatalogService& catalog_;
};

}  // namespace kehou::afterschool
