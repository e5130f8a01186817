#include "org/bulk.hpp"

#include "core/mask.hpp"
#include "core/time.hpp"
#include "org/repo.hpp"
#include "org/rules.hpp"

namespace kehou::org {
namespace {
constexpr db::Query kLinkTeacher{"org.set_teacher_user", "UPDATE org_teacher SET user_id = $2 WHERE id = $1"};
}  // namespace

BulkWriter::BulkWriter(db::Database& database, const crypto::PiiVault& vault, db::BulkOptions options)
    : conn_(database.Acquire()),
      vault_(vault),
      fresh_(*conn_, options),
      now_(FormatShanghai(std::chrono::system_clock::now())) {
    // Loading a city inserts millions of rows with random keys (the look-up hashes): a large cache keeps
    // the index pages in memory for the length of the load. Set before the transaction opens.
    if (conn_->dialect() == db::Dialect::kSqlite) conn_->ExecScript("PRAGMA cache_size = -262144");
    tx_ = std::make_unique<db::Transaction>(*conn_, db::TxMode::kWrite);
}

BulkWriter::~BulkWriter() = default;

School BulkWriter::AddSchool(School s) {
    ValidateSchool(s);
    const auto unit = repo::FindUnit(*conn_, s.unit_code);
    if (!unit) throw Error::Unprocessable("org.unknown_unit", "所属区县不存在", "Unknown county-level unit", "unit_code");
    s.org_path = SchoolPath(unit->org_path, s.school_code);
    s.id = repo::InsertSchool(*conn_, s, now_);
    return s;
}

Class BulkWriter::AddClass(const School& school, int grade, int class_no, int entry_year) {
    Class k{0, school.id, school.org_path, grade, class_no, entry_year, ClassName(grade, class_no), 0};
    k.id = repo::InsertClass(*conn_, k);
    return k;
}

std::int64_t BulkWriter::AddTeacher(const School& school, const TeacherInput& in) {
    const TeacherInput v = ValidateTeacher(in);
    return repo::InsertTeacher(*conn_, school, v, vault_.Seal(v.mobile), MaskMobile(v.mobile), now_);
}

std::int64_t BulkWriter::AddStudent(const Class& k, const StudentInput& in) {
    const ValidStudent v = ValidateStudent(in, *ParseIsoDate(now_.substr(0, 10)));
    const repo::SealedNumbers sealed{vault_.Seal(v.input.id_number), vault_.Seal(v.input.student_number),
                                     MaskIdNumber(v.input.id_number), MaskStudentNumber(v.input.student_number)};
    return repo::InsertStudent(*conn_, k, v.input, v.birth_date, sealed, now_);
}

std::int64_t BulkWriter::AddGuardian(std::int64_t student_id, const GuardianInput& in) {
    const GuardianInput v = ValidateGuardian(in);
    const auto id = repo::InsertGuardian(*conn_, v.name, vault_.Seal(v.mobile), MaskMobile(v.mobile), std::nullopt,
                                         now_);
    repo::LinkGuardian(*conn_, student_id, id, v.relation, v.pickup_authorised);
    return id;
}

void BulkWriter::LinkTeacherAccount(std::int64_t teacher_id, std::int64_t user_id) {
    conn_->Execute(kLinkTeacher, {teacher_id, user_id});
}

void BulkWriter::AssignClassTeacher(std::int64_t class_id, std::int64_t teacher_id, const std::string& duty,
                                    const std::string& subject) {
    repo::AssignClassTeacher(*conn_, class_id, teacher_id, duty, subject);
}

void BulkWriter::LinkGuardianAccount(std::int64_t guardian_id, std::int64_t user_id) {
    repo::SetGuardianUser(*conn_, guardian_id, user_id);
}

void BulkWriter::Checkpoint() {
    tx_->Commit();
    tx_ = std::make_unique<db::Transaction>(*conn_, db::TxMode::kWrite);
}

void BulkWriter::Commit() {
    tx_->Commit();
    tx_.reset();
    fresh_.End();
    if (conn_->dialect() == db::Dialect::kSqlite) conn_->ExecScript("PRAGMA cache_size = -2000");
}

}  // namespace kehou::org
