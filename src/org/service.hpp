#pragma once
// The organisation registry's use cases: scope checks, validation, sealing personal numbers, and the
// audited reveal of a full identity number.

#include "core/principal.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "org/model.hpp"
#include "org/roster.hpp"

namespace kehou::org {

/// Reads and writes the registry on behalf of a principal. Thread-safe.
class OrgService {
public:
    OrgService(db::Database& database, const crypto::PiiVault& vault);

    /// Writes the management-unit table (RULES R3.6) into the database; idempotent.
    void EnsureUnits();

    std::vector<Unit> ListUnits(const Principal& p);
    /// Every management unit, whoever asks (units are public facts).
    std::vector<Unit> ListAllUnits();
    /// One management unit by code, whoever asks (units are public facts); nullopt when unknown.
    std::optional<Unit> FindUnit(const std::string& code);
    Page<School> ListSchools(const Principal& p, const SchoolFilter& f);
    School GetSchool(const Principal& p, std::int64_t id);
    /// County bureaus register schools in their own units.
    School CreateSchool(const Principal& p, School s);
    std::vector<Class> ListClasses(const Principal& p, std::int64_t school_id);
    Class CreateClass(const Principal& p, std::int64_t school_id, int grade, int class_no, int school_year);

    Page<Student> ListStudents(const Principal& p, const StudentFilter& f);
    Student GetStudent(const Principal& p, std::int64_t id);
    Student CreateStudent(const Principal& p, const StudentInput& in);
    Student UpdateStudent(const Principal& p, std::int64_t id, const StudentInput& in);
    /// The full identity number, for roles holding org:pii:reveal; the route's audit title logs it.
    std::string RevealIdNumber(const Principal& p, std::int64_t id);
    /// A guardian's own children.
    std::vector<Student> ListChildren(const Principal& p);
    /// One of a guardian's own children; 404 for any other child.
    Student GetChild(const Principal& guardian, std::int64_t student_id);

    // Guardians, teachers and consent (service_people.cpp).
    std::vector<Guardian> ListGuardians(const Principal& p, std::int64_t student_id);
    Guardian AddGuardian(const Principal& p, std::int64_t student_id, const GuardianInput& in);
    /// A guardian's full mobile, for org:pii:reveal; the route's audit title logs every call.
    std::string RevealGuardianMobile(const Principal& p, std::int64_t student_id, std::int64_t guardian_id);
    Page<Teacher> ListTeachers(const Principal& p, std::optional<std::int64_t> school_id,
                               const std::optional<std::string>& name_prefix, int page, int page_size);
    Teacher CreateTeacher(const Principal& p, const TeacherInput& in);
    /// A teacher by id for services that check the scope themselves; nullopt when unknown.
    std::optional<Teacher> FindTeacher(std::int64_t id);
    /// The teacher record of a teacher-role account, if it has one.
    std::optional<std::int64_t> TeacherIdOfUser(std::int64_t user_id);
    /// A guardian's consents for one of their children (404 for anyone else's child).
    std::vector<Consent> ListConsents(const Principal& guardian, std::int64_t student_id);
    /// Records consent for a purpose under a notice version, or its withdrawal (RULES R4.2).
    std::vector<Consent> SetConsent(const Principal& guardian, std::int64_t student_id, const std::string& purpose,
                                    const std::string& notice_version, bool granted);
    /// Gives a guardian record its log-in account (seeding, the enrolment of a family's account).
    void LinkGuardianAccount(std::int64_t guardian_id, std::int64_t user_id);
    // Roster import (import_service.cpp): preview writes nothing but the sealed upload; confirm writes
    // every good row in one transaction.
    ImportPreview PreviewRoster(const Principal& p, std::int64_t school_id, std::string_view file);
    ImportResult ConfirmRoster(const Principal& p, std::int64_t import_id);

    /// Whether optional data of a child may be processed for a purpose: an active consent exists.
    bool HasConsent(std::int64_t student_id, const std::string& purpose);

private:
    /// A school the caller may write under: 403 when it exists outside the scope, 404 when it does not.
    School SchoolForWrite(const Principal& p, std::int64_t school_id);
    /// Parses a roster for a school and drops rows already registered, as problems.
    RosterParse ParseForSchool(db::Connection& c, const School& school, std::string_view file);
    /// The guardian record of a guardian-role caller for that child; 404 when it is not their child.
    std::int64_t OwnChildGuardianId(db::Connection& c, const Principal& guardian, std::int64_t student_id);
    Class ClassInScopeOrForbidden(db::Connection& c, const Principal& p, std::int64_t class_id);

    db::Database& database_;
    const crypto::PiiVault& vault_;
};

}  // namespace kehou::org
