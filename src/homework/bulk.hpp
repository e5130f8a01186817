#pragma once
// Loading a term of homework at once — the demo city's, `kehou seed` — on one connection inside one large write
// transaction. Each class-day passes the checks a publish passes (R1.1 grades 1–2, the R1.3 phrase list, the
// R1.2 class-day limit and the subject budgets, an over-limit homework only with the 教务处's override) and is
// stored as the homework service stores it, counted minutes included, so reports cannot tell seeded rows
// from published ones.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "db/bulk_load.hpp"
#include "db/database.hpp"
#include "db/transaction.hpp"
#include "homework/model.hpp"

namespace kehou::homework {

/// A school of the registry as the seed picks them.
struct RosterSchool {
    std::int64_t id = 0;
    std::string unit_code, org_path, stage;
    int grade_from = 1, grade_to = 6;
};

/// A class of a school.
struct RosterClass {
    std::int64_t id = 0, school_id = 0;
    std::string org_path, name;
    int grade = 0;
};

/// An enrolled pupil and the guardian a report is written in the name of (their first).
struct RosterPupil {
    std::int64_t id = 0, class_id = 0, guardian_id = 0;
};

/// A teacher of a school: their subjects as stored (语文、道德与法治) and their account, if any.
struct RosterTeacher {
    std::int64_t id = 0;
    std::string subjects;
    std::optional<std::int64_t> user_id;
};

/// A subject teacher of a class (org_class_teacher, duty 'subject').
struct RosterClassTeacher {
    std::int64_t class_id = 0, teacher_id = 0;
    std::string subject;
    std::optional<std::int64_t> user_id;
};

/// One layered variant to write and the pupils who do it.
struct BulkVariant {
    std::string label, content;
    int estimated_minutes = 0;
    std::vector<std::int64_t> student_ids;
};

/// One homework to write. Its counted minutes are the writer's to work out, as the service does.
struct BulkAssignment {
    std::string subject;
    HomeworkType type = HomeworkType::kWritten;
    std::string content;
    int estimated_minutes = 0;
    AssignmentStatus status = AssignmentStatus::kPublished;
    std::optional<std::int64_t> teacher_id;
    std::int64_t created_by = 0;
    std::string created_at;
    std::optional<std::int64_t> decided_by;
    std::optional<std::string> decided_at, reject_reason, override_reason;
    std::optional<std::int64_t> override_by;
    std::vector<BulkVariant> variants;
};

/// A subject's daily budget of written minutes set by its group leader.
struct SubjectBudget {
    std::string subject;
    int minutes = 0;
};

/// A class and a day, with the limit that applies to it (DailyLimit under the county's settings).
struct BulkClassDay {
    std::int64_t class_id = 0, school_id = 0;
    std::string org_path;
    int grade = 0;
    std::string date;
    DayKind day_kind = DayKind::kSchoolDay;
    int limit = 0;
    std::span<const SubjectBudget> budgets;  // the grade's groups that set one
};

/// A family's report of one child's day.
struct BulkReport {
    std::int64_t student_id = 0, class_id = 0, guardian_id = 0;
    std::string_view org_path;  // the caller keeps it alive until AddReports returns
    std::string date;
    int minutes = 0;
    bool finished_by_bedtime = true;
    std::optional<std::string> note;
    std::string reported_at;
};

/// Writes homework rows in one open transaction; Commit() ends it. Destroyed uncommitted, it rolls back.
class BulkWriter {
public:
    explicit BulkWriter(db::Database& database, db::BulkOptions options = {});
    ~BulkWriter();

    // What the seed reads of the registry, on the writer's connection.
    std::vector<RosterSchool> Schools();
    std::vector<RosterClass> ClassesOf(std::int64_t school_id);
    std::vector<RosterPupil> PupilsOf(std::int64_t school_id);
    std::vector<RosterTeacher> TeachersOf(std::int64_t school_id);
    std::vector<RosterClassTeacher> ClassTeachersOf(std::int64_t school_id);
    /// The children of the guardian linked to an account: {guardian, child, child's class}.
    std::vector<RosterPupil> ChildrenOfAccount(std::int64_t user_id);

    /// A county's limits (never above the national ones, R1.2) with the default phrase list.
    void AddCountySetting(const std::string& county_path, const HomeworkLimits& limits, std::int64_t by,
                          const std::string& at);
    void AddSchoolSetting(std::int64_t school_id, bool approval_required, std::int64_t by, const std::string& at);
    /// 备课组 A grade's subject group with its leader and budget.
    void AddSubjectGroup(const SubjectGroup& group, const std::string& school_path, std::int64_t by,
                         const std::string& at);
    /// One class-day's homework in publish order, each checked as a publish is checked against what the day
    /// already holds (published and pending count; rejected does not). Throws kehou::Error on a refusal.
    void AddClassDay(const BulkClassDay& day, std::span<const BulkAssignment> items);
    /// Families' reports, written in the order given (by child, then day, keeps the key's index appended to).
    void AddReports(std::span<const BulkReport> reports);

    void Commit();

    std::int64_t assignments() const { return assignments_; }
    std::int64_t variants() const { return variants_; }
    std::int64_t reports() const { return reports_; }

private:
    std::int64_t InsertAssignment(const BulkClassDay& day, const BulkAssignment& a, int counted);

    db::Database::Lease conn_;
    db::FreshLoad fresh_;  // outlives the transaction
    std::unique_ptr<db::Transaction> tx_;
    std::vector<db::Value> params_;  // reused for every row
    std::int64_t assignments_ = 0, variants_ = 0, reports_ = 0;
};

}  // namespace kehou::homework
