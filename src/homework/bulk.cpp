#include "homework/bulk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "db/insert_id.hpp"
#include "homework/workflow.hpp"

namespace kehou::homework {
namespace {

// The registry as the seed reads it, school by school (org_class by school, org_student by class).
constexpr db::Query kSchools{"homework.bulk_schools",
                             "SELECT id, unit_code, org_path, stage, grade_from, grade_to FROM org_school ORDER BY id"};
constexpr db::Query kClasses{"homework.bulk_classes",
                             "SELECT id, school_id, org_path, name, grade FROM org_class WHERE school_id = $1"
                             " ORDER BY grade, class_no"};
constexpr db::Query kPupils{
    "homework.bulk_pupils",
    "SELECT st.id, st.class_id, (SELECT MIN(sg.guardian_id) FROM org_student_guardian sg WHERE sg.student_id = st.id)"
    " FROM org_class k JOIN org_student st ON st.class_id = k.id WHERE k.school_id = $1 AND st.status = 'enrolled'"
    " ORDER BY st.id"};
constexpr db::Query kTeachers{"homework.bulk_teachers",
                              "SELECT id, subjects, user_id FROM org_teacher WHERE school_id = $1 AND retired = FALSE"
                              " ORDER BY id"};
constexpr db::Query kClassTeachers{
    "homework.bulk_class_teachers",
    "SELECT ct.class_id, ct.teacher_id, ct.subject, t.user_id FROM org_class k"
    " JOIN org_class_teacher ct ON ct.class_id = k.id JOIN org_teacher t ON t.id = ct.teacher_id"
    " WHERE k.school_id = $1 AND ct.duty = 'subject' AND t.retired = FALSE ORDER BY ct.class_id, ct.teacher_id"};
constexpr db::Query kChildrenOfAccount{
    "homework.bulk_children_of_account",
    "SELECT sg.student_id, st.class_id, g.id FROM org_guardian g JOIN org_student_guardian sg ON sg.guardian_id = g.id"
    " JOIN org_student st ON st.id = sg.student_id WHERE g.user_id = $1 AND st.status = 'enrolled'"
    " ORDER BY sg.student_id"};

// The rows as migration 0015 holds them and the homework service writes them.
constexpr db::Query kInsertCounty{
    "homework.bulk_county_setting",
    "INSERT INTO hw_county_setting (org_path, primary_limit, junior_limit, rest_day_primary_limit,"
    " rest_day_junior_limit, parent_task_phrases, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)"};
constexpr db::Query kInsertSchool{
    "homework.bulk_school_setting",
    "INSERT INTO hw_school_setting (school_id, approval_required, updated_by, updated_at) VALUES ($1, $2, $3, $4)"};
constexpr db::Query kInsertGroup{
    "homework.bulk_subject_group",
    "INSERT INTO hw_subject_group (school_id, grade, subject, org_path, leader_teacher_id, daily_budget, updated_by,"
    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
#define KEHOU_HW_ASSIGNMENT                                                                                           \
    "INSERT INTO hw_assignment (class_id, school_id, org_path, grade, due_date, day_kind, subject, hw_type, content," \
    " estimated_minutes, counted_minutes, status, teacher_id, created_by, created_at, decided_by, decided_at,"        \
    " reject_reason, override_reason, override_by, updated_at)"                                                       \
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
constexpr db::Query kInsertAssignment{"homework.bulk_assignment", KEHOU_HW_ASSIGNMENT};
constexpr db::Query kInsertAssignmentReturning{"homework.bulk_assignment_returning",
                                               KEHOU_HW_ASSIGNMENT " RETURNING id"};
#undef KEHOU_HW_ASSIGNMENT
constexpr db::Query kInsertVariant{"homework.bulk_variant",
                                   "INSERT INTO hw_variant (assignment_id, position, label, content, estimated_minutes)"
                                   " VALUES ($1, $2, $3, $4, $5)"};
constexpr db::Query kInsertVariantReturning{
    "homework.bulk_variant_returning",
    "INSERT INTO hw_variant (assignment_id, position, label, content, estimated_minutes)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id"};
constexpr db::Query kInsertVariantStudent{
    "homework.bulk_variant_student",
    "INSERT INTO hw_variant_student (assignment_id, student_id, variant_id) VALUES ($1, $2, $3)"};
constexpr db::Query kInsertReport{
    "homework.bulk_family_report",
    "INSERT INTO hw_family_report (student_id, report_date, class_id, org_path, minutes, finished_by_bedtime, note,"
    " guardian_id, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};

Error Refused(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

/// What the homework adds to the class-day's written total, as the service counts it (workflow.hpp).
int CountedMinutes(const BulkAssignment& a) {
    int heaviest = 0;
    for (const auto& v : a.variants) heaviest = std::max(heaviest, v.estimated_minutes);
    return homework::CountedMinutes(a.type, a.estimated_minutes, heaviest);
}

/// The checks of a publish that do not depend on the day's other homework.
void CheckOne(const BulkClassDay& day, const BulkAssignment& a) {
    if (day.grade <= 2 && a.type == HomeworkType::kWritten)  // RULES R1.1, override or not
        throw Refused("homework.written_grades_1_2", "一、二年级不布置家庭书面作业",
                      "Grades 1–2 get no written homework at home", "type");
    if (a.estimated_minutes <= 0 || a.content.empty() || a.subject.empty() || a.created_at.empty())
        throw Refused("homework.bad_assignment", "作业内容或时长无效", "Bad homework content or minutes",
                      "estimated_minutes");
    for (const auto& v : a.variants)
        if (v.estimated_minutes <= 0 || v.label.empty() || v.content.empty())
            throw Refused("homework.bad_variant", "分层作业无效", "Bad layered variant", "variants");
    if (!FindParentTasks(a.content, DefaultParentTaskPhrases()).empty())  // RULES R1.3
        throw Refused("homework.parent_task", "作业内容含有布置给家长的任务", "The homework hands work to parents",
                      "content");
    if ((a.status == AssignmentStatus::kRejected) != a.reject_reason.has_value())
        throw Refused("homework.bad_decision", "退回须写明原因", "A rejection carries its reason", "reject_reason");
    if (a.override_reason && (a.override_reason->size() < 5 || !a.override_by))
        throw Refused("homework.bad_override", "超限发布须写明原因并由教务处确认",
                      "An override carries its reason and who gave it", "override_reason");
}

}  // namespace

BulkWriter::BulkWriter(db::Database& database, db::BulkOptions options)
    : conn_(database.Acquire()), fresh_(*conn_, options) {
    tx_ = std::make_unique<db::Transaction>(*conn_, db::TxMode::kWrite);
}

BulkWriter::~BulkWriter() = default;

std::vector<RosterSchool> BulkWriter::Schools() {
    std::vector<RosterSchool> out;
    for (const auto& r : conn_->Query(kSchools))
        out.push_back(
            {r.Int(0), r.Text(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5))});
    return out;
}

std::vector<RosterClass> BulkWriter::ClassesOf(std::int64_t school_id) {
    std::vector<RosterClass> out;
    for (const auto& r : conn_->Query(kClasses, {school_id}))
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4))});
    return out;
}

std::vector<RosterPupil> BulkWriter::PupilsOf(std::int64_t school_id) {
    std::vector<RosterPupil> out;
    for (const auto& r : conn_->Query(kPupils, {school_id}))
        if (const auto guardian = r.OptInt(2)) out.push_back({r.Int(0), r.Int(1), *guardian});
    return out;
}

std::vector<RosterTeacher> BulkWriter::TeachersOf(std::int64_t school_id) {
    std::vector<RosterTeacher> out;
    for (const auto& r : conn_->Query(kTeachers, {school_id})) out.push_back({r.Int(0), r.Text(1), r.OptInt(2)});
    return out;
}

std::vector<RosterClassTeacher> BulkWriter::ClassTeachersOf(std::int64_t school_id) {
    std::vector<RosterClassTeacher> out;
    for (const auto& r : conn_->Query(kClassTeachers, {school_id}))
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.OptInt(3)});
    return out;
}

std::vector<RosterPupil> BulkWriter::ChildrenOfAccount(std::int64_t user_id) {
    std::vector<RosterPupil> out;
    for (const auto& r : conn_->Query(kChildrenOfAccount, {user_id})) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
    return out;
}

void BulkWriter::AddCountySetting(const std::string& county_path, const HomeworkLimits& limits, std::int64_t by,
                                  const std::string& at) {
    if (const auto above = LimitAboveNational(limits))  // RULES R1.2: stricter, never looser
        throw Refused("homework.limit_above_national", "区县限额不得高于国家规定",
                      "A county limit is above the national one", *above);
    conn_->Execute(kInsertCounty, {county_path, std::int64_t{limits.primary}, std::int64_t{limits.junior},
                                   db::Opt(limits.rest_day_primary), db::Opt(limits.rest_day_junior), by, at});
}

void BulkWriter::AddSchoolSetting(std::int64_t school_id, bool approval_required, std::int64_t by,
                                  const std::string& at) {
    conn_->Execute(kInsertSchool, {school_id, std::int64_t{approval_required}, by, at});
}

void BulkWriter::AddSubjectGroup(const SubjectGroup& g, const std::string& school_path, std::int64_t by,
                                 const std::string& at) {
    if (g.grade < 1 || g.grade > 9 || (g.daily_budget && *g.daily_budget < 0))
        throw Refused("homework.bad_group", "备课组设置无效", "Bad subject group", "daily_budget");
    conn_->Execute(kInsertGroup, {g.school_id, std::int64_t{g.grade}, g.subject, school_path,
                                  db::Opt(g.leader_teacher_id), db::Opt(g.daily_budget), by, at});
}

void BulkWriter::AddClassDay(const BulkClassDay& day, std::span<const BulkAssignment> items) {
    int total = 0;  // published and pending written minutes, as the service's budget sees them
    std::map<std::string, int> by_subject;
    for (const auto& a : items) {
        CheckOne(day, a);
        const int counted = CountedMinutes(a);
        if (HoldsBudget(a.status) && counted > 0) {
            // RULES R1.2: beyond the class-day limit or the group leader's budget only with the 教务处's reason.
            const auto budget = std::find_if(day.budgets.begin(), day.budgets.end(),
                                             [&](const SubjectBudget& b) { return b.subject == a.subject; });
            const bool over_budget = budget != day.budgets.end() && by_subject[a.subject] + counted > budget->minutes;
            if ((total + counted > day.limit || over_budget) && !a.override_reason)
                throw Refused("homework.over_limit", "超出当日书面作业总量",
                              fmt::format("Over the class-day written limit (class {} on {}: {} + {} {} > {}{})",
                                          day.class_id, day.date, total, counted, a.subject, day.limit,
                                          over_budget ? ", over the subject budget" : ""),
                              "estimated_minutes");
            total += counted;
            by_subject[a.subject] += counted;
        }
        const std::int64_t id = InsertAssignment(day, a, counted);
        for (std::size_t i = 0; i < a.variants.size(); ++i) {
            const BulkVariant& v = a.variants[i];
            params_.assign(
                {id, static_cast<std::int64_t>(i + 1), v.label, v.content, std::int64_t{v.estimated_minutes}});
            const std::int64_t variant_id = db::InsertForId(*conn_, kInsertVariant, kInsertVariantReturning, params_);
            for (const auto student : v.student_ids) conn_->Execute(kInsertVariantStudent, {id, student, variant_id});
            ++variants_;
        }
        ++assignments_;
    }
}

std::int64_t BulkWriter::InsertAssignment(const BulkClassDay& day, const BulkAssignment& a, int counted) {
    const std::string& updated_at = a.decided_at ? *a.decided_at : a.created_at;
    params_.assign({day.class_id,
                    day.school_id,
                    day.org_path,
                    std::int64_t{day.grade},
                    day.date,
                    std::string(ToString(day.day_kind)),
                    a.subject,
                    std::string(ToString(a.type)),
                    a.content,
                    std::int64_t{a.estimated_minutes},
                    std::int64_t{counted},
                    std::string(ToString(a.status)),
                    db::Opt(a.teacher_id),
                    a.created_by,
                    a.created_at,
                    db::Opt(a.decided_by),
                    db::Opt(a.decided_at),
                    db::Opt(a.reject_reason),
                    db::Opt(a.override_reason),
                    db::Opt(a.override_by),
                    updated_at});
    // Only a layered homework needs its id back (its variants refer to it); the rest skip the look-up.
    if (a.variants.empty()) {
        conn_->Execute(kInsertAssignment, params_);
        return 0;
    }
    return db::InsertForId(*conn_, kInsertAssignment, kInsertAssignmentReturning, params_);
}

void BulkWriter::AddReports(std::span<const BulkReport> reports) {
    for (const auto& r : reports) {
        if (r.minutes < 0 || r.minutes > 600)
            throw Refused("homework.bad_report_minutes", "用时应在0至600分钟之间", "Minutes must be 0–600", "minutes");
        params_.assign({r.student_id, r.date, r.class_id, std::string(r.org_path), std::int64_t{r.minutes},
                        std::int64_t{r.finished_by_bedtime}, db::Opt(r.note), r.guardian_id, r.reported_at});
        conn_->Execute(kInsertReport, params_);
        ++reports_;
    }
}

void BulkWriter::Commit() {
    tx_->Commit();
    tx_.reset();
    fresh_.End();
}

}  // namespace kehou::homework
