#pragma once
// SQL of the organisation registry. Every read takes the caller's scope path and filters by it, so a
// row outside the scope is simply not found (404); the *Unscoped look-ups exist only to tell an
// out-of-scope write (403) from a missing row (404).

#include <optional>
#include <string>

#include "crypto/pii_vault.hpp"
#include "db/connection.hpp"
#include "org/model.hpp"

namespace kehou::org::repo {

void UpsertUnit(db::Connection& c, const Unit& u);
std::vector<Unit> ListUnits(db::Connection& c, const std::string& scope);
std::optional<Unit> FindUnit(db::Connection& c, const std::string& code);

Page<School> ListSchools(db::Connection& c, const std::string& scope, const SchoolFilter& f);
std::optional<School> FindSchool(db::Connection& c, const std::string& scope, std::int64_t id);
std::int64_t InsertSchool(db::Connection& c, const School& s, const std::string& now);

/// teacher_user: for a teacher, the user id whose classes bound the result (their own classes only).
std::vector<Class> ListClasses(db::Connection& c, const std::string& scope, std::int64_t school_id,
                               std::optional<std::int64_t> teacher_user = std::nullopt);
std::optional<Class> FindClass(db::Connection& c, const std::string& scope, std::int64_t id);
std::int64_t InsertClass(db::Connection& c, const Class& k);
/// Makes a teacher the head teacher ("head") or a subject teacher ("subject", with the subject) of a class.
void AssignClassTeacher(db::Connection& c, std::int64_t class_id, std::int64_t teacher_id, const std::string& duty,
                        const std::string& subject);

Page<Student> ListStudents(db::Connection& c, const std::string& scope, const StudentFilter& f,
                           const std::optional<std::string>& id_number_hash,
                           std::optional<std::int64_t> teacher_user = std::nullopt);
std::optional<Student> FindStudent(db::Connection& c, const std::string& scope, std::int64_t id,
                                   std::optional<std::int64_t> teacher_user = std::nullopt);
/// The org path of a student whatever the caller's scope (to answer 403 rather than 404 on writes).
std::optional<std::string> StudentPathUnscoped(db::Connection& c, std::int64_t id);
std::optional<std::vector<std::uint8_t>> SealedIdNumber(db::Connection& c, const std::string& scope, std::int64_t id);

/// A student's personal numbers, sealed, hashed and masked, ready to store.
struct SealedNumbers {
    crypto::SealedValue id_number, student_number;
    std::string id_masked, student_number_masked;
};
std::int64_t InsertStudent(db::Connection& c, const Class& k, const StudentInput& in, const std::string& birth_date,
                           const SealedNumbers& n, const std::string& now);
void UpdateStudent(db::Connection& c, std::int64_t id, const Class& k, const StudentInput& in,
                   const std::string& birth_date, const SealedNumbers& n, const std::string& now);

std::int64_t InsertGuardian(db::Connection& c, const std::string& name, const crypto::SealedValue& mobile,
                            const std::string& mobile_masked, std::optional<std::int64_t> user_id,
                            const std::string& now);
void SetGuardianUser(db::Connection& c, std::int64_t guardian_id, std::int64_t user_id);
void LinkGuardian(db::Connection& c, std::int64_t student_id, std::int64_t guardian_id, const std::string& relation,
                  bool pickup_authorised);
/// A guardian's sealed mobile, when the guardian belongs to a student inside the scope.
std::optional<std::vector<std::uint8_t>> SealedGuardianMobile(db::Connection& c, const std::string& scope,
                                                              std::int64_t student_id, std::int64_t guardian_id);
std::vector<Guardian> GuardiansOfStudent(db::Connection& c, const std::string& scope, std::int64_t student_id);
/// The guardian record linking a user account to a student, if the user is that child's guardian.
std::optional<std::int64_t> GuardianIdOfUserForStudent(db::Connection& c, std::int64_t user_id,
                                                       std::int64_t student_id);

std::int64_t InsertTeacher(db::Connection& c, const School& school, const TeacherInput& in,
                           const crypto::SealedValue& mobile, const std::string& mobile_masked,
                           const std::string& now);
Page<Teacher> ListTeachers(db::Connection& c, const std::string& scope, std::optional<std::int64_t> school_id,
                           const std::optional<std::string>& name_prefix, int page, int page_size);
/// A teacher by id, whatever the scope (callers check it); nullopt when unknown.
std::optional<Teacher> FindTeacher(db::Connection& c, std::int64_t id);
std::optional<std::int64_t> TeacherIdOfUser(db::Connection& c, std::int64_t user_id);

std::int64_t InsertConsent(db::Connection& c, std::int64_t student_id, std::int64_t guardian_id,
                           const std::string& purpose, const std::string& notice_version, const std::string& now);
/// Marks the active consents of a student for a purpose withdrawn; returns how many.
std::int64_t WithdrawConsents(db::Connection& c, std::int64_t student_id, const std::string& purpose,
                              const std::string& now);
std::vector<Consent> ConsentsOfStudent(db::Connection& c, std::int64_t student_id);

/// Whether a student with this identity-number or student-number hash is already registered.
bool StudentExists(db::Connection& c, const std::string& id_hash, const std::string& student_number_hash);
std::optional<Class> FindClassByNumber(db::Connection& c, std::int64_t school_id, int entry_year, int class_no);

/// A staged roster upload.
struct StagedImport {
    std::int64_t id = 0, school_id = 0, created_by = 0;
    std::string created_at, encoding, status;
    int good_rows = 0;
    std::vector<std::uint8_t> payload_sealed;
};
std::int64_t InsertImport(db::Connection& c, std::int64_t school_id, std::int64_t created_by, const std::string& now,
                          const std::string& encoding, int good_rows, int bad_rows,
                          const std::vector<std::uint8_t>& payload_sealed);
std::optional<StagedImport> FindImport(db::Connection& c, std::int64_t id, std::int64_t created_by);
/// Marks it confirmed and drops the sealed file.
void ConfirmImport(db::Connection& c, std::int64_t id, const std::string& now);

/// The children of the guardian linked to a user account.
std::vector<Student> ChildrenOfUser(db::Connection& c, std::int64_t user_id);

}  // namespace kehou::org::repo
