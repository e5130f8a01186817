#include "org/service.hpp"

#include "core/divisions.hpp"
#include "core/ids.hpp"
#include "core/mask.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "org/repo.hpp"
#include "org/rules.hpp"

namespace kehou::org {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

std::chrono::year_month_day Today() {
    return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now()));
}

Error NotFound(const char* what_zh, const char* what_en) {
    return Error::NotFound("org.not_found", std::string("找不到该") + what_zh, std::string("No such ") + what_en);
}

Error OutOfScope() {
    return Error::Forbidden("org.out_of_scope", "该记录不在您的管理范围内", "That record is outside your scope");
}

// Unique personal numbers are enforced by the database; its constraint names say which field clashed.
[[noreturn]] void RethrowDuplicate(const db::DbError& e) {
    if (e.kind() == db::DbErrorKind::kUnique) {
        if (e.constraint().find("student_number") != std::string::npos ||
            e.constraint().find("uq_org_student_number") != std::string::npos)
            throw Error::Conflict("org.duplicate_student_number", "该学籍号已存在", "That student number already exists",
                                  "student_number");
        if (e.constraint().find("id_number") != std::string::npos)
            throw Error::Conflict("org.duplicate_id_number", "该身份证号已登记", "That identity number is already registered",
                                  "id_number");
        // The path is derived from the code, so either constraint may be the one the engine reports first.
        if (e.constraint().find("school_code") != std::string::npos ||
            e.constraint().find("org_school.org_path") != std::string::npos ||
            e.constraint().find("uq_org_school_path") != std::string::npos)
            throw Error::Conflict("org.duplicate_school_code", "该学校标识码已存在", "That school code already exists",
                                  "school_code");
    }
    throw e;
}

repo::SealedNumbers SealNumbers(const crypto::PiiVault& vault, const StudentInput& in) {
    return {vault.Seal(in.id_number), vault.Seal(in.student_number), MaskIdNumber(in.id_number),
            MaskStudentNumber(in.student_number)};
}

}  // namespace

OrgService::OrgService(db::Database& database, const crypto::PiiVault& vault) : database_(database), vault_(vault) {}

void OrgService::EnsureUnits() {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    for (const auto& u : ManagementUnits()) {
        const bool is_city = u.kind == UnitKind::kCity;
        const std::string path = is_city ? "/" + u.mgmt_code + "/" : "/" + u.parent_code + "/" + u.mgmt_code + "/";
        repo::UpsertUnit(*c, {u.mgmt_code, u.gbt2260_code, u.name, u.name_en, std::string(ToString(u.kind)),
                              is_city ? "" : u.parent_code, path});
    }
    tx.Commit();
}

std::vector<Unit> OrgService::ListUnits(const Principal& p) {
    auto c = database_.Acquire();
    return repo::ListUnits(*c, p.scope_path);
}

std::vector<Unit> OrgService::ListAllUnits() {
    auto c = database_.Acquire();
    return repo::ListUnits(*c, "");
}

std::optional<Unit> OrgService::FindUnit(const std::string& code) {
    auto c = database_.Acquire();
    return repo::FindUnit(*c, code);
}

Page<School> OrgService::ListSchools(const Principal& p, const SchoolFilter& f) {
    auto c = database_.Acquire();
    return repo::ListSchools(*c, p.scope_path, f);
}

School OrgService::GetSchool(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    if (auto s = repo::FindSchool(*c, p.scope_path, id)) return *s;
    throw NotFound("学校", "school");
}

School OrgService::CreateSchool(const Principal& p, School s) {
    ValidateSchool(s);
    auto c = database_.Acquire();
    const auto unit = repo::FindUnit(*c, s.unit_code);
    if (!unit)
        throw Error::Unprocessable("org.unknown_unit", "所属区县不存在", "Unknown county-level unit", "unit_code");
    if (!p.Covers(unit->org_path)) throw OutOfScope();
    s.org_path = SchoolPath(unit->org_path, s.school_code);
    db::Transaction tx(*c, db::TxMode::kWrite);
    try {
        s.id = repo::InsertSchool(*c, s, Now());
    } catch (const db::DbError& e) {
        RethrowDuplicate(e);
    }
    tx.Commit();
    return s;
}

School OrgService::SchoolForWrite(const Principal& p, std::int64_t school_id) {
    auto c = database_.Acquire();
    if (auto s = repo::FindSchool(*c, p.scope_path, school_id)) return *s;
    if (repo::FindSchool(*c, "/", school_id)) throw OutOfScope();
    throw NotFound("学校", "school");
}

std::vector<Class> OrgService::ListClasses(const Principal& p, std::int64_t school_id) {
    GetSchool(p, school_id);  // 404 when out of scope
    auto c = database_.Acquire();
    return repo::ListClasses(*c, p.scope_path, school_id, OwnClassesBound(p));
}

Class OrgService::CreateClass(const Principal& p, std::int64_t school_id, int grade, int class_no, int school_year) {
    const School s = SchoolForWrite(p, school_id);
    if (grade < s.grade_from || grade > s.grade_to)
        throw Error::Unprocessable("org.grade_outside_school", "该年级不在本校学段范围内",
                                   "That grade is outside the school's grade span", "grade");
    Class k{0, s.id, s.org_path, grade, class_no, school_year - grade + 1, ClassName(grade, class_no), 0};
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    try {
        k.id = repo::InsertClass(*c, k);
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbErrorKind::kUnique)
            throw Error::Conflict("org.duplicate_class", "该班级已存在", "That class already exists", "class_no");
        throw;
    }
    tx.Commit();
    return k;
}

Page<Student> OrgService::ListStudents(const Principal& p, const StudentFilter& f) {
    std::optional<std::string> id_hash;
    if (f.id_number) {
        const auto check = ValidateIdNumber(*f.id_number, Today());
        // A malformed number cannot match anything; searching for it is not an error.
        id_hash = vault_.LookupHash(check.ok() ? check.normalized : *f.id_number);
    }
    auto c = database_.Acquire();
    return repo::ListStudents(*c, p.scope_path, f, id_hash, OwnClassesBound(p));
}

Student OrgService::GetStudent(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    if (auto s = repo::FindStudent(*c, p.scope_path, id, OwnClassesBound(p))) return *s;
    throw NotFound("学生", "student");
}

Class OrgService::ClassInScopeOrForbidden(db::Connection& c, const Principal& p, std::int64_t class_id) {
    if (auto k = repo::FindClass(c, p.scope_path, class_id)) return *k;
    if (repo::FindClass(c, "/", class_id)) throw OutOfScope();
    throw Error::Unprocessable("org.unknown_class", "班级不存在", "No such class", "class_id");
}

Student OrgService::CreateStudent(const Principal& p, const StudentInput& in) {
    const ValidStudent v = ValidateStudent(in, Today());
    auto c = database_.Acquire();
    const Class k = ClassInScopeOrForbidden(*c, p, in.class_id);
    const auto sealed = SealNumbers(vault_, v.input);
    db::Transaction tx(*c, db::TxMode::kWrite);
    std::int64_t id = 0;
    try {
        id = repo::InsertStudent(*c, k, v.input, v.birth_date, sealed, Now());
    } catch (const db::DbError& e) {
        RethrowDuplicate(e);
    }
    tx.Commit();
    return *repo::FindStudent(*c, p.scope_path, id);
}

Student OrgService::UpdateStudent(const Principal& p, std::int64_t id, const StudentInput& in) {
    auto c = database_.Acquire();
    if (!repo::FindStudent(*c, p.scope_path, id)) {
        if (repo::StudentPathUnscoped(*c, id)) throw OutOfScope();
        throw NotFound("学生", "student");
    }
    const ValidStudent v = ValidateStudent(in, Today());
    const Class k = ClassInScopeOrForbidden(*c, p, in.class_id);
    const auto sealed = SealNumbers(vault_, v.input);
    db::Transaction tx(*c, db::TxMode::kWrite);
    try {
        repo::UpdateStudent(*c, id, k, v.input, v.birth_date, sealed, Now());
    } catch (const db::DbError& e) {
        RethrowDuplicate(e);
    }
    tx.Commit();
    return *repo::FindStudent(*c, p.scope_path, id);
}

std::string OrgService::RevealIdNumber(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    const auto box = repo::SealedIdNumber(*c, p.scope_path, id);
    if (!box) throw NotFound("学生", "student");
    return vault_.Open(*box);
}

std::vector<Student> OrgService::ListChildren(const Principal& p) {
    auto c = database_.Acquire();
    return repo::ChildrenOfUser(*c, p.user_id);
}

Student OrgService::GetChild(const Principal& guardian, std::int64_t student_id) {
    for (auto& s : ListChildren(guardian))
        if (s.id == student_id) return s;
    throw NotFound("学生", "student");
}

}  // namespace kehou::org
