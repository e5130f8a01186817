#pragma once
// The homework tables (migration 0015). Every read of a class, a homework or a child takes the caller's scope
// path; a teacher's reads are narrowed further to the classes they teach by `teacher_user`.

#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "homework/model.hpp"

namespace kehou::homework::repo {

/// A class as the homework module needs it: where it is and which county's settings apply.
struct ClassRef {
    std::int64_t id = 0;
    std::string name;
    int grade = 0;
    std::int64_t school_id = 0;
    std::string org_path;  // the school's
};

/// A county's stored settings row; nullopt when the county has not set any.
std::optional<CountySettings> FindCountySettings(db::Connection& c, const std::string& county_path);
void PutCountySettings(db::Connection& c, const CountySettings& s, std::int64_t user, const std::string& now);

bool ApprovalRequired(db::Connection& c, std::int64_t school_id);
void PutApprovalRequired(db::Connection& c, std::int64_t school_id, bool required, std::int64_t user,
                         const std::string& now);

/// The school's subject groups, one grade's when `grade` is set.
std::vector<SubjectGroup> ListGroups(db::Connection& c, std::int64_t school_id, std::optional<int> grade);
std::optional<SubjectGroup> FindGroup(db::Connection& c, std::int64_t school_id, int grade, const std::string& subject);
void PutGroup(db::Connection& c, const SubjectGroup& g, const std::string& org_path, std::int64_t user,
              const std::string& now);
/// The teacher of the school with that id, if any (leaders must teach at the school).
bool TeacherAtSchool(db::Connection& c, std::int64_t teacher_id, std::int64_t school_id);

/// A class in scope (and, for a teacher, one they teach); nullopt otherwise.
std::optional<ClassRef> FindClass(db::Connection& c, const std::string& scope, std::int64_t class_id,
                                  std::optional<std::int64_t> teacher_user);
/// The classes a caller may publish for, with the subjects the teacher teaches in each (all of the school's
/// subjects listed by its teachers for an administrator).
std::vector<std::pair<ClassRef, std::vector<std::string>>> PublishableClasses(db::Connection& c,
                                                                              const std::string& scope,
                                                                              std::optional<std::int64_t> teacher_user);
/// The ids of the class's enrolled students (variants may name only them).
std::vector<std::int64_t> ClassStudentIds(db::Connection& c, std::int64_t class_id);

/// Takes the class's row lock for the rest of the transaction (PostgreSQL; SQLite's write transaction already
/// serialises), so concurrent publishes for one class are checked one after the other.
void LockClass(db::Connection& c, std::int64_t class_id);
/// Written minutes held by a class's day (pending and published), over all subjects or one.
int HeldMinutes(db::Connection& c, std::int64_t class_id, const std::string& date,
                const std::optional<std::string>& subject);

/// A new homework row with its variants; returns its id.
std::int64_t InsertAssignment(db::Connection& c, const Assignment& a, std::int64_t created_by,
                              std::optional<std::int64_t> override_by, const std::string& now);
/// One homework in scope, variants included.
std::optional<Assignment> FindAssignment(db::Connection& c, const std::string& scope, std::int64_t id);
/// A class's homework of a day, every status but withdrawn, with variants.
std::vector<Assignment> ClassDayAssignments(db::Connection& c, std::int64_t class_id, const std::string& date,
                                            bool published_only);

/// What to list.
struct AssignmentFilter {
    std::optional<std::int64_t> class_id;
    std::optional<std::string> from, to;
    std::optional<AssignmentStatus> status;
    std::optional<std::int64_t> teacher_user;  // a teacher: their classes…
    std::optional<std::int64_t> leader_teacher;  // …or, with pending_for_me, the groups they lead
    bool pending_for_me = false;
    int page = 1, page_size = 50;
};
std::pair<std::vector<Assignment>, std::int64_t> ListAssignments(db::Connection& c, const std::string& scope,
                                                                 const AssignmentFilter& f);
/// Moves a homework from `from` to `to`; false when it was no longer in `from` (a concurrent decision).
bool MoveAssignment(db::Connection& c, std::int64_t id, AssignmentStatus from, AssignmentStatus to,
                    std::int64_t by, const std::string& now, const std::optional<std::string>& reason);

/// A guardian's children, as the family pages need them.
struct Child {
    std::int64_t student_id = 0;
    std::string name;
    std::int64_t guardian_id = 0;
    ClassRef klass;
};
std::vector<Child> ChildrenOfGuardianUser(db::Connection& c, std::int64_t user_id);
std::optional<FamilyReport> FindReport(db::Connection& c, std::int64_t student_id, const std::string& date);
void PutReport(db::Connection& c, const Child& child, const FamilyReport& r);

}  // namespace kehou::homework::repo
