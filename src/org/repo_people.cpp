// SQL for guardians, teachers and consents (the rest of the registry is in repo.cpp).

#include "org/repo.hpp"

#include "db/insert_id.hpp"

namespace kehou::org::repo {
namespace {

#define KEHOU_INSERT_GUARDIAN                                                  \
    "INSERT INTO org_guardian (name, mobile_sealed, mobile_hash, mobile_masked," \
    " user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
constexpr db::Query kInsertGuardian{"org.insert_guardian", KEHOU_INSERT_GUARDIAN};
constexpr db::Query kInsertGuardianReturning{"org.insert_guardian", KEHOU_INSERT_GUARDIAN " RETURNING id"};
#undef KEHOU_INSERT_GUARDIAN
constexpr db::Query kSetUser{"org.set_guardian_user", "UPDATE org_guardian SET user_id = $2 WHERE id = $1"};
constexpr db::Query kLink{"org.link_guardian",
                          "INSERT INTO org_student_guardian (student_id, guardian_id, relation, pickup_authorised)"
                          " VALUES ($1, $2, $3, $4)"};
constexpr db::Query kGuardians{
    "org.guardians_of_student",
    "SELECT g.id, g.name, sg.relation, g.mobile_masked, sg.pickup_authorised, g.user_id FROM org_guardian g"
    " JOIN org_student_guardian sg ON sg.guardian_id = g.id JOIN org_student st ON st.id = sg.student_id"
    " WHERE sg.student_id = $2 AND st.org_path LIKE $1 || '%' ORDER BY g.id"};
constexpr db::Query kSealedMobile{
    "org.sealed_guardian_mobile",
    "SELECT g.mobile_sealed FROM org_guardian g JOIN org_student_guardian sg ON sg.guardian_id = g.id"
    " JOIN org_student st ON st.id = sg.student_id WHERE sg.student_id = $2 AND g.id = $3"
    " AND st.org_path LIKE $1 || '%'"};
constexpr db::Query kGuardianOfUser{
    "org.guardian_of_user_for_student",
    "SELECT g.id FROM org_guardian g JOIN org_student_guardian sg ON sg.guardian_id = g.id"
    " WHERE g.user_id = $1 AND sg.student_id = $2"};
constexpr db::Query kInsertTeacher{
    "org.insert_teacher",
    "INSERT INTO org_teacher (school_id, org_path, name, sex, mobile_sealed, mobile_hash, mobile_masked, subjects,"
    " retired, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
#define KEHOU_TEACHER_FILTER                                                                      \
    " FROM org_teacher t JOIN org_school s ON s.id = t.school_id WHERE t.org_path LIKE $1 || '%'" \
    " AND (CAST($2 AS BIGINT) IS NULL OR t.school_id = $2) AND (CAST($3 AS TEXT) IS NULL OR t.name LIKE $3 || '%')"
constexpr db::Query kCountTeachers{"org.count_teachers", "SELECT COUNT(*)" KEHOU_TEACHER_FILTER};
constexpr db::Query kListTeachers{"org.list_teachers",
                                  "SELECT t.id, t.school_id, s.name, t.name, t.sex, t.mobile_masked, t.subjects,"
                                  " t.retired" KEHOU_TEACHER_FILTER
                                  " ORDER BY t.school_id, t.name, t.id"
                                  " LIMIT $4 OFFSET $5"};
#undef KEHOU_TEACHER_FILTER
constexpr db::Query kFindTeacher{"org.find_teacher",
                                 "SELECT t.id, t.school_id, s.name, t.name, t.sex, t.mobile_masked, t.subjects,"
                                 " t.retired FROM org_teacher t JOIN org_school s ON s.id = t.school_id WHERE t.id = $1"};
constexpr db::Query kTeacherOfUser{"org.teacher_of_user", "SELECT id FROM org_teacher WHERE user_id = $1"};
constexpr db::Query kInsertConsent{"org.insert_consent",
                                   "INSERT INTO org_consent (student_id, guardian_id, purpose, notice_version,"
                                   " granted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"};
constexpr db::Query kWithdraw{"org.withdraw_consents",
                              "UPDATE org_consent SET withdrawn_at = $3 WHERE student_id = $1 AND purpose = $2"
                              " AND withdrawn_at IS NULL"};
constexpr db::Query kConsents{"org.consents_of_student",
                              "SELECT id, student_id, guardian_id, purpose, notice_version, granted_at, withdrawn_at"
                              " FROM org_consent WHERE student_id = $1 ORDER BY id"};

constexpr db::Query kStudentExists{"org.student_exists",
                                   "SELECT COUNT(*) FROM org_student WHERE id_number_hash = $1"
                                   " OR student_number_hash = $2"};
constexpr db::Query kInsertImport{"org.insert_import",
                                  "INSERT INTO org_import (school_id, created_by, created_at, encoding, good_rows,"
                                  " bad_rows, payload_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr db::Query kFindImport{"org.find_import",
                                "SELECT id, school_id, created_by, created_at, encoding, status, good_rows,"
                                " payload_sealed FROM org_import WHERE id = $1 AND created_by = $2"};
constexpr db::Query kConfirmImport{"org.confirm_import",
                                   "UPDATE org_import SET status = 'confirmed', confirmed_at = $2,"
                                   " payload_sealed = NULL WHERE id = $1"};

// Subjects are few and fixed; a separator-joined column keeps them in one row.
std::string JoinSubjects(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
    return out;
}

std::vector<std::string> SplitSubjects(const std::string& s) {
    std::vector<std::string> out;
    const std::string sep = "、";
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto at = s.find(sep, start);
        const auto piece = s.substr(start, at == std::string::npos ? std::string::npos : at - start);
        if (!piece.empty()) out.push_back(piece);
        if (at == std::string::npos) break;
        start = at + sep.size();
    }
    return out;
}

Teacher ReadTeacher(const db::Row& r) {
    return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), SplitSubjects(r.Text(6)), r.Int(7) != 0};
}

}  // namespace

std::int64_t InsertGuardian(db::Connection& c, const std::string& name, const crypto::SealedValue& mobile,
                            const std::string& mobile_masked, std::optional<std::int64_t> user_id,
                            const std::string& now) {
    const db::Value values[] = {name, db::Blob{mobile.box}, mobile.lookup_hash, mobile_masked, db::Opt(user_id), now};
    return db::InsertForId(c, kInsertGuardian, kInsertGuardianReturning, values);
}

void SetGuardianUser(db::Connection& c, std::int64_t guardian_id, std::int64_t user_id) {
    c.Execute(kSetUser, {guardian_id, user_id});
}

void LinkGuardian(db::Connection& c, std::int64_t student_id, std::int64_t guardian_id, const std::string& relation,
                  bool pickup_authorised) {
    c.Execute(kLink, {student_id, guardian_id, relation, std::int64_t{pickup_authorised ? 1 : 0}});
}

std::optional<std::vector<std::uint8_t>> SealedGuardianMobile(db::Connection& c, const std::string& scope,
                                                              std::int64_t student_id, std::int64_t guardian_id) {
    return db::QueryOne(c, kSealedMobile, {scope, student_id, guardian_id},
                        [](const db::Row& row) { return row.Bytes(0).bytes; });
}

std::vector<Guardian> GuardiansOfStudent(db::Connection& c, const std::string& scope, std::int64_t student_id) {
    std::vector<Guardian> out;
    for (const auto& r : c.Query(kGuardians, {scope, student_id}))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.OptInt(5)});
    return out;
}

std::optional<std::int64_t> GuardianIdOfUserForStudent(db::Connection& c, std::int64_t user_id,
                                                       std::int64_t student_id) {
    return db::QueryOne(c, kGuardianOfUser, {user_id, student_id}, [](const db::Row& row) { return row.Int(0); });
}

std::int64_t InsertTeacher(db::Connection& c, const School& school, const TeacherInput& in,
                           const crypto::SealedValue& mobile, const std::string& mobile_masked,
                           const std::string& now) {
    return c
        .Query(kInsertTeacher, {school.id, school.org_path, in.name, in.sex, db::Blob{mobile.box}, mobile.lookup_hash,
                                mobile_masked, JoinSubjects(in.subjects), std::int64_t{in.retired ? 1 : 0}, now})[0]
        .Int(0);
}

Page<Teacher> ListTeachers(db::Connection& c, const std::string& scope, std::optional<std::int64_t> school_id,
                           const std::optional<std::string>& name_prefix, int page, int page_size) {
    std::vector<db::Value> p = {scope, db::Opt(school_id), db::Opt(name_prefix)};
    Page<Teacher> out;
    out.total = c.Query(kCountTeachers, p)[0].Int(0);
    p.emplace_back(std::int64_t{page_size});
    p.emplace_back(std::int64_t{(page - 1) * page_size});
    for (const auto& r : c.Query(kListTeachers, p))
        out.items.push_back(ReadTeacher(r));
    return out;
}

std::optional<Teacher> FindTeacher(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kFindTeacher, {id}, ReadTeacher);
}

std::optional<std::int64_t> TeacherIdOfUser(db::Connection& c, std::int64_t user_id) {
    return db::QueryOne(c, kTeacherOfUser, {user_id}, [](const db::Row& r) { return r.Int(0); });
}

std::int64_t InsertConsent(db::Connection& c, std::int64_t student_id, std::int64_t guardian_id,
                           const std::string& purpose, const std::string& notice_version, const std::string& now) {
    return c.Query(kInsertConsent, {student_id, guardian_id, purpose, notice_version, now})[0].Int(0);
}

std::int64_t WithdrawConsents(db::Connection& c, std::int64_t student_id, const std::string& purpose,
                              const std::string& now) {
    return c.Execute(kWithdraw, {student_id, purpose, now});
}

std::vector<Consent> ConsentsOfStudent(db::Connection& c, std::int64_t student_id) {
    std::vector<Consent> out;
    for (const auto& r : c.Query(kConsents, {student_id}))
        out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.OptText(6)});
    return out;
}

bool StudentExists(db::Connection& c, const std::string& id_hash, const std::string& student_number_hash) {
    return c.Query(kStudentExists, {id_hash, student_number_hash})[0].Int(0) > 0;
}

std::int64_t InsertImport(db::Connection& c, std::int64_t school_id, std::int64_t created_by, const std::string& now,
                          const std::string& encoding, int good_rows, int bad_rows,
                          const std::vector<std::uint8_t>& payload_sealed) {
    return c
        .Query(kInsertImport, {school_id, created_by, now, encoding, std::int64_t{good_rows}, std::int64_t{bad_rows},
                               db::Blob{payload_sealed}})[0]
        .Int(0);
}

std::optional<StagedImport> FindImport(db::Connection& c, std::int64_t id, std::int64_t created_by) {
    return db::QueryOne(c, kFindImport, {id, created_by}, [](const db::Row& row) {
        StagedImport s{
            row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5), static_cast<int>(row.Int(6)),
            {}};
        if (!row.IsNull(7)) s.payload_sealed = row.Bytes(7).bytes;
        return s;
    });
}

void ConfirmImport(db::Connection& c, std::int64_t id, const std::string& now) {
    c.Execute(kConfirmImport, {id, now});
}

}  // namespace kehou::org::repo
