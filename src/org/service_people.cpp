// Guardians, teachers and consent records (the rest of OrgService is in service.cpp).
#include "core/mask.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "org/repo.hpp"
#include "org/rules.hpp"
#include "org/service.hpp"

namespace kehou::org {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

Error StudentNotFound() { return Error::NotFound("org.not_found", "找不到该学生", "No such student"); }

}  // namespace

std::int64_t OrgService::OwnChildGuardianId(db::Connection& c, const Principal& guardian, std::int64_t student_id) {
    if (auto id = repo::GuardianIdOfUserForStudent(c, guardian.user_id, student_id)) return *id;
    throw StudentNotFound();
}

std::vector<Guardian> OrgService::ListGuardians(const Principal& p, std::int64_t student_id) {
    auto c = database_.Acquire();
    if (p.role == Role::kGuardian) {
        OwnChildGuardianId(*c, p, student_id);
        return repo::GuardiansOfStudent(*c, "/", student_id);
    }
    if (!repo::FindStudent(*c, p.scope_path, student_id, OwnClassesBound(p))) throw StudentNotFound();
    return repo::GuardiansOfStudent(*c, p.scope_path, student_id);
}

Guardian OrgService::AddGuardian(const Principal& p, std::int64_t student_id, const GuardianInput& in) {
    const GuardianInput v = ValidateGuardian(in);
    auto c = database_.Acquire();
    if (!repo::FindStudent(*c, p.scope_path, student_id)) {
        if (repo::StudentPathUnscoped(*c, student_id))
            throw Error::Forbidden("org.out_of_scope", "该记录不在您的管理范围内", "That record is outside your scope");
        throw StudentNotFound();
    }
    const std::string masked = MaskMobile(v.mobile);
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = repo::InsertGuardian(*c, v.name, vault_.Seal(v.mobile), masked, std::nullopt, Now());
    try {
        repo::LinkGuardian(*c, student_id, id, v.relation, v.pickup_authorised);
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbErrorKind::kUnique)
            throw Error::Conflict("org.duplicate_guardian", "该监护人已登记", "That guardian is already registered");
        throw;
    }
    tx.Commit();
    return {id, v.name, v.relation, masked, v.pickup_authorised, std::nullopt};
}

std::string OrgService::RevealGuardianMobile(const Principal& p, std::int64_t student_id, std::int64_t guardian_id) {
    auto c = database_.Acquire();
    const auto box = repo::SealedGuardianMobile(*c, p.scope_path, student_id, guardian_id);
    if (!box) throw Error::NotFound("org.not_found", "找不到该监护人", "No such guardian");
    return vault_.Open(*box);
}

Page<Teacher> OrgService::ListTeachers(const Principal& p, std::optional<std::int64_t> school_id,
                                       const std::optional<std::string>& name_prefix, int page, int page_size) {
    auto c = database_.Acquire();
    return repo::ListTeachers(*c, p.scope_path, school_id, name_prefix, page, page_size);
}

Teacher OrgService::CreateTeacher(const Principal& p, const TeacherInput& in) {
    const TeacherInput v = ValidateTeacher(in);
    const School school = SchoolForWrite(p, v.school_id);
    const std::string masked = MaskMobile(v.mobile);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = repo::InsertTeacher(*c, school, v, vault_.Seal(v.mobile), masked, Now());
    tx.Commit();
    return {id, school.id, school.name, v.name, v.sex, masked, v.subjects, v.retired};
}

std::vector<Consent> OrgService::ListConsents(const Principal& guardian, std::int64_t student_id) {
    auto c = database_.Acquire();
    OwnChildGuardianId(*c, guardian, student_id);
    return repo::ConsentsOfStudent(*c, student_id);
}

std::vector<Consent> OrgService::SetConsent(const Principal& guardian, std::int64_t student_id,
                                            const std::string& purpose, const std::string& notice_version,
                                            bool granted) {
    if (!IsConsentPurpose(purpose))
        throw Error::Unprocessable("org.bad_consent_purpose", "未知的同意事项", "Unknown consent purpose", "purpose");
    if (granted && notice_version.empty())
        throw Error::Unprocessable("org.missing_notice_version", "须注明所同意的告知书版本",
                                   "Name the version of the notice consented to", "notice_version");
    auto c = database_.Acquire();
    const auto guardian_id = OwnChildGuardianId(*c, guardian, student_id);
    db::Transaction tx(*c, db::TxMode::kWrite);
    // A new grant replaces any earlier one, so exactly one consent per purpose is active at a time.
    repo::WithdrawConsents(*c, student_id, purpose, Now());
    if (granted) repo::InsertConsent(*c, student_id, guardian_id, purpose, notice_version, Now());
    tx.Commit();
    return repo::ConsentsOfStudent(*c, student_id);
}

void OrgService::LinkGuardianAccount(std::int64_t guardian_id, std::int64_t user_id) {
    auto c = database_.Acquire();
    repo::SetGuardianUser(*c, guardian_id, user_id);
}

std::optional<Teacher> OrgService::FindTeacher(std::int64_t id) {
    auto c = database_.Acquire();
    return repo::FindTeacher(*c, id);
}

std::optional<std::int64_t> OrgService::TeacherIdOfUser(std::int64_t user_id) {
    auto c = database_.Acquire();
    return repo::TeacherIdOfUser(*c, user_id);
}

bool OrgService::HasConsent(std::int64_t student_id, const std::string& purpose) {
    auto c = database_.Acquire();
    for (const auto& consent : repo::ConsentsOfStudent(*c, student_id))
        if (consent.purpose == purpose && consent.Active()) return true;
    return false;
}

}  // namespace kehou::org
