#pragma once
// Loading many registry rows at once — the demo city, a roster import — on one connection inside
// write transactions, validating each row as the single-row routes do.

#include <memory>

#include "crypto/pii_vault.hpp"
#include "db/bulk_load.hpp"
#include "db/database.hpp"
#include "db/transaction.hpp"
#include "org/model.hpp"

namespace kehou::org {

/// Writes rows in one open transaction; Checkpoint() commits and opens the next (seeding, so a city of
/// 830,000 students does not sit in one journal), Commit() ends. Destroyed uncommitted, it rolls back.
class BulkWriter {
public:
    BulkWriter(db::Database& database, const crypto::PiiVault& vault, db::BulkOptions options = {});
    ~BulkWriter();

    /// Registers a school under its unit's path; returns it with id and path set.
    School AddSchool(School s);
    Class AddClass(const School& school, int grade, int class_no, int entry_year);
    std::int64_t AddTeacher(const School& school, const TeacherInput& in);
    /// Validates (RULES R3.1–R3.3, R3.8) and stores a student; throws kehou::Error naming the field.
    std::int64_t AddStudent(const Class& k, const StudentInput& in);
    std::int64_t AddGuardian(std::int64_t student_id, const GuardianInput& in);
    void LinkTeacherAccount(std::int64_t teacher_id, std::int64_t user_id);
    /// Head teacher ("head") or subject teacher ("subject" with the subject) of a class.
    void AssignClassTeacher(std::int64_t class_id, std::int64_t teacher_id, const std::string& duty,
                            const std::string& subject = {});
    void LinkGuardianAccount(std::int64_t guardian_id, std::int64_t user_id);

    /// The writer's connection, for statements that must commit with the rows (marking an import done).
    db::Connection& connection() { return *conn_; }
    void Checkpoint();
    void Commit();

private:
    db::Database::Lease conn_;
    const crypto::PiiVault& vault_;
    db::FreshLoad fresh_;  // outlives every transaction of the writer
    std::unique_ptr<db::Transaction> tx_;
    std::string now_;
};

}  // namespace kehou::org
