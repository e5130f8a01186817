#pragma once
// 作业管理 The homework use cases: the county's limits and phrase list, a school's approval workflow and subject
// groups, publishing against the limits (with the 教务处's audited override), approval, and the family's side —
// the day's homework (作业公示) and the report of the time it took.

#include "core/principal.hpp"
#include "db/database.hpp"
#include "homework/model.hpp"
#include "homework/repo.hpp"
#include "homework/workflow.hpp"
#include "institutions/complaint_service.hpp"
#include "org/service.hpp"

namespace kehou::homework {

/// A school's workflow switch and its subject groups.
struct SchoolSettings {
    std::int64_t school_id = 0;
    bool approval_required = false;
    std::vector<SubjectGroup> groups;
};

/// A change to one subject group; an unset field keeps what is stored.
struct GroupChange {
    int grade = 0;
    std::string subject;
    std::optional<std::optional<std::int64_t>> leader_teacher_id;  // set to null: no leader
    std::optional<std::optional<int>> daily_budget;                // set to null: no budget
};

/// A class the caller may publish for, with the subjects to offer first.
struct PublishableClass {
    repo::ClassRef klass;
    std::vector<std::string> subjects;
};

/// What publishing would do, without writing (the form's live check).
struct PublishCheck {
    std::vector<std::string> parent_task_phrases;
    BudgetCheck budget;
    std::optional<SubjectBudgetCheck> subject_budget;
    bool needs_approval = false;
};

/// Runs homework on behalf of a principal. Thread-safe.
class HomeworkService {
public:
    HomeworkService(db::Database& database, org::OrgService& org, institutions::CalendarService& calendar);

    CountySettings GetCountySettings(const Principal& p, const std::string& unit_code);
    /// Limits above the national ones are refused (R1.2), naming the field.
    CountySettings PutCountySettings(const Principal& p, const std::string& unit_code, CountySettings in);
    SchoolSettings GetSchoolSettings(const Principal& p, std::int64_t school_id);
    SchoolSettings SetApprovalRequired(const Principal& p, std::int64_t school_id, bool required);
    /// The school sets a group's leader and budget; the group's own leader its budget only.
    SubjectGroup PutGroup(const Principal& p, std::int64_t school_id, const GroupChange& change);

    std::vector<PublishableClass> Classes(const Principal& p);
    ClassDay Day(const Principal& p, std::int64_t class_id, const std::string& date);
    PublishCheck Check(const Principal& p, const AssignmentInput& in);
    /// Publishes (or submits for approval). With `in.override_reason` set it is the 教务处's override of the
    /// class-day limit or the subject budget; R1.1 and the content checker are never overridden.
    Assignment Publish(const Principal& p, const AssignmentInput& in);
    std::pair<std::vector<Assignment>, std::int64_t> List(const Principal& p, repo::AssignmentFilter f);
    Assignment Get(const Principal& p, std::int64_t id);
    Assignment Approve(const Principal& p, std::int64_t id);
    Assignment Reject(const Principal& p, std::int64_t id, const std::string& reason);
    Assignment Withdraw(const Principal& p, std::int64_t id);

    // The family's side (family.cpp).
    /// 作业公示 Each of the guardian's children's published homework of a day, with their report.
    std::vector<ChildDay> FamilyDay(const Principal& guardian, const std::string& date);
    /// The guardian reports a child's day: today or the seven days before.
    FamilyReport Report(const Principal& guardian, FamilyReport in);

private:
    /// Everything a publish is checked against, gathered before the write transaction.
    struct PublishContext {
        repo::ClassRef klass;
        std::string county_path;
        DayKind day = DayKind::kSchoolDay;
        Publisher who = Publisher::kTeacher;
        std::optional<std::int64_t> teacher_id;
    };
    PublishContext Prepare(const Principal& p, const AssignmentInput& in);
    PublishCheck Evaluate(db::Connection& c, const PublishContext& ctx, const AssignmentInput& in);
    DayKind KindOfDay(const std::string& county_path, const std::string& date);
    CountySettings SettingsOf(db::Connection& c, const std::string& county_path);
    org::School SchoolForWrite(const Principal& p, std::int64_t school_id);
    /// A homework the caller may act on: 403 when it exists outside their reach, 404 when it does not.
    Assignment ForWrite(const Principal& p, std::int64_t id);
    /// Whether the caller decides for this homework's subject group (its leader, or the school).
    bool Decides(const Principal& p, const Assignment& a);
    Assignment Move(const Principal& p, std::int64_t id, AssignmentStatus to, const std::optional<std::string>& reason);

    db::Database& database_;
    org::OrgService& org_;
    institutions::CalendarService& calendar_;
};

/// The county of an org path ("/370800/370811/3737000123/" → "/370800/370811/").
std::string CountyPathOf(const std::string& org_path);

}  // namespace kehou::homework
