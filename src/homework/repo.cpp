#include "homework/repo.hpp"

#include <stdexcept>

#include "db/insert_id.hpp"

namespace kehou::homework::repo {
namespace {

db::Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }
db::Value Code(auto v) { return std::string(ToString(v)); }

template <typename E>
E Stored(std::optional<E> v, const std::string& code) {
    if (!v) throw std::runtime_error("unknown stored homework code " + code);
    return *v;
}

// A teacher (bound user id) reads the classes they serve only; NULL for every other role.
#define KEHOU_TAUGHT_BY(class_column, param)                                                        \
    " (CAST(" param " AS BIGINT) IS NULL OR " class_column " IN (SELECT ct.class_id FROM"           \
    " org_class_teacher ct JOIN org_teacher tt ON tt.id = ct.teacher_id WHERE tt.user_id = " param "))"

constexpr db::Query kFindCounty{"hw.find_county_setting",
                                "SELECT primary_limit, junior_limit, rest_day_primary_limit, rest_day_junior_limit,"
                                " parent_task_phrases, updated_at FROM hw_county_setting WHERE org_path = $1"};
constexpr db::Query kPutCounty{
    "hw.put_county_setting",
    "INSERT INTO hw_county_setting (org_path, primary_limit, junior_limit, rest_day_primary_limit,"
    " rest_day_junior_limit, parent_task_phrases, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (org_path) DO UPDATE SET primary_limit = excluded.primary_limit, junior_limit ="
    " excluded.junior_limit, rest_day_primary_limit = excluded.rest_day_primary_limit, rest_day_junior_limit ="
    " excluded.rest_day_junior_limit, parent_task_phrases = excluded.parent_task_phrases, updated_by ="
    " excluded.updated_by, updated_at = excluded.updated_at"};
constexpr db::Query kApproval{"hw.approval_required",
                              "SELECT approval_required FROM hw_school_setting WHERE school_id = $1"};
constexpr db::Query kPutApproval{
    "hw.put_approval_required",
    "INSERT INTO hw_school_setting (school_id, approval_required, updated_by, updated_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (school_id) DO UPDATE SET approval_required = excluded.approval_required, updated_by ="
    " excluded.updated_by, updated_at = excluded.updated_at"};
constexpr db::Query kGroups{"hw.list_groups",
                            "SELECT g.school_id, g.grade, g.subject, g.leader_teacher_id, t.name, g.daily_budget"
                            " FROM hw_subject_group g LEFT JOIN org_teacher t ON t.id = g.leader_teacher_id"
                            " WHERE g.school_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR g.grade = $2)"
                            " AND (CAST($3 AS TEXT) IS NULL OR g.subject = $3) ORDER BY g.grade, g.subject"};
constexpr db::Query kPutGroup{
    "hw.put_group",
    "INSERT INTO hw_subject_group (school_id, grade, subject, org_path, leader_teacher_id, daily_budget, updated_by,"
    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (school_id, grade, subject) DO UPDATE SET"
    " leader_teacher_id = excluded.leader_teacher_id, daily_budget = excluded.daily_budget, updated_by ="
    " excluded.updated_by, updated_at = excluded.updated_at"};
constexpr db::Query kTeacherAtSchool{"hw.teacher_at_school",
                                     "SELECT 1 FROM org_teacher WHERE id = $1 AND school_id = $2"};

#define KEHOU_CLASS_REF "k.id, k.name, k.grade, k.school_id, k.org_path"
constexpr db::Query kFindClass{"hw.find_class", "SELECT " KEHOU_CLASS_REF " FROM org_class k WHERE k.id = $2"
                                                " AND k.org_path LIKE $1 || '%' AND" KEHOU_TAUGHT_BY("k.id", "$3")};
constexpr db::Query kClasses{"hw.publishable_classes",
                             "SELECT " KEHOU_CLASS_REF " FROM org_class k WHERE k.org_path LIKE $1 || '%' AND"
                             KEHOU_TAUGHT_BY("k.id", "$2") " ORDER BY k.grade, k.class_no, k.id"};
constexpr db::Query kTaughtSubjects{"hw.taught_subjects",
                                    "SELECT DISTINCT ct.subject FROM org_class_teacher ct JOIN org_teacher t ON"
                                    " t.id = ct.teacher_id WHERE ct.class_id = $1 AND t.user_id = $2"
                                    " AND ct.subject <> '' ORDER BY ct.subject"};
constexpr db::Query kStudents{"hw.class_students", "SELECT id FROM org_student WHERE class_id = $1"
                                                   " AND status = 'enrolled' ORDER BY id"};
constexpr db::Query kLockClass{"hw.lock_class", "UPDATE org_class SET grade = grade WHERE id = $1"};
constexpr db::Query kHeld{"hw.held_minutes",
                          "SELECT COALESCE(SUM(counted_minutes), 0) FROM hw_assignment WHERE class_id = $1"
                          " AND due_date = $2 AND status IN ('pending_approval', 'published')"
                          " AND (CAST($3 AS TEXT) IS NULL OR subject = $3)"};

constexpr db::Query kInsert{"hw.insert_assignment",
                            "INSERT INTO hw_assignment (class_id, school_id, org_path, grade, due_date, day_kind,"
                            " subject, hw_type, content, estimated_minutes, counted_minutes, status, teacher_id,"
                            " created_by, created_at, override_reason, override_by, updated_at) VALUES ($1, $2, $3,"
                            " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $15)"};
constexpr db::Query kInsertReturning{"hw.insert_assignment_returning",
                                     "INSERT INTO hw_assignment (class_id, school_id, org_path, grade, due_date,"
                                     " day_kind, subject, hw_type, content, estimated_minutes, counted_minutes,"
                                     " status, teacher_id, created_by, created_at, override_reason, override_by,"
                                     " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
                                     " $14, $15, $16, $17, $15) RETURNING id"};
constexpr db::Query kInsertVariant{"hw.insert_variant",
                                   "INSERT INTO hw_variant (assignment_id, position, label, content, estimated_minutes)"
                                   " VALUES ($1, $2, $3, $4, $5)"};
constexpr db::Query kInsertVariantReturning{
    "hw.insert_variant_returning",
    "INSERT INTO hw_variant (assignment_id, position, label, content, estimated_minutes)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id"};
constexpr db::Query kInsertVariantStudent{"hw.insert_variant_student",
                                          "INSERT INTO hw_variant_student (assignment_id, student_id, variant_id)"
                                          " VALUES ($1, $2, $3)"};

#define KEHOU_ASSIGNMENT_COLUMNS                                                                                  \
    "a.id, a.class_id, k.name, a.school_id, a.org_path, a.grade, a.due_date, a.day_kind, a.subject, a.hw_type,"  \
    " a.content, a.estimated_minutes, a.counted_minutes, a.status, a.teacher_id, t.name, a.created_at,"          \
    " a.decided_at, a.reject_reason, a.override_reason"
#define KEHOU_ASSIGNMENT_FROM \
    " FROM hw_assignment a JOIN org_class k ON k.id = a.class_id LEFT JOIN org_teacher t ON t.id = a.teacher_id"
constexpr db::Query kFind{"hw.find_assignment", "SELECT " KEHOU_ASSIGNMENT_COLUMNS KEHOU_ASSIGNMENT_FROM
                                                " WHERE a.id = $2 AND a.org_path LIKE $1 || '%'"};
constexpr db::Query kClassDay{"hw.class_day_assignments",
                              "SELECT " KEHOU_ASSIGNMENT_COLUMNS KEHOU_ASSIGNMENT_FROM
                              " WHERE a.class_id = $1 AND a.due_date = $2 AND a.status <> 'withdrawn'"
                              " AND ($3 = 0 OR a.status = 'published') ORDER BY a.created_at, a.id"};
// A teacher ($6) lists their classes' homework and what waits for them as a group's leader ($7); with
// pending_for_me ($8) only the latter (all pending in scope for an administrator, whose $7 is NULL).
#define KEHOU_LEADS(param)                                                                                   \
    " EXISTS (SELECT 1 FROM hw_subject_group g WHERE g.school_id = a.school_id AND g.grade = a.grade AND" \
    " g.subject = a.subject AND g.leader_teacher_id = " param ")"
#define KEHOU_ASSIGNMENT_FILTER                                                                               \
    KEHOU_ASSIGNMENT_FROM " WHERE a.org_path LIKE $1 || '%' AND (CAST($2 AS BIGINT) IS NULL OR a.class_id = $2)" \
    " AND (CAST($3 AS TEXT) IS NULL OR a.due_date >= $3) AND (CAST($4 AS TEXT) IS NULL OR a.due_date <= $4)"     \
    " AND (CAST($5 AS TEXT) IS NULL OR a.status = $5) AND (" KEHOU_TAUGHT_BY("a.class_id", "$6")                  \
    " OR" KEHOU_LEADS("$7") ") AND ($8 = 0 OR CAST($7 AS BIGINT) IS NULL OR" KEHOU_LEADS("$7") ")"
constexpr db::Query kCount{"hw.count_assignments", "SELECT COUNT(*)" KEHOU_ASSIGNMENT_FILTER};
constexpr db::Query kList{"hw.list_assignments", "SELECT " KEHOU_ASSIGNMENT_COLUMNS KEHOU_ASSIGNMENT_FILTER
                                                 " ORDER BY a.due_date DESC, k.grade, k.class_no, a.id"
                                                 " LIMIT $9 OFFSET $10"};
constexpr db::Query kVariants{"hw.variants", "SELECT id, position, label, content, estimated_minutes FROM hw_variant"
                                             " WHERE assignment_id = $1 ORDER BY position"};
constexpr db::Query kVariantStudents{"hw.variant_students",
                                     "SELECT variant_id, student_id FROM hw_variant_student WHERE assignment_id = $1"
                                     " ORDER BY student_id"};
constexpr db::Query kMove{"hw.move_assignment",
                          "UPDATE hw_assignment SET status = $3, decided_by = $4, decided_at = $5, updated_at = $5,"
                          " reject_reason = COALESCE($6, reject_reason) WHERE id = $1 AND status = $2"};

constexpr db::Query kChildren{
    "hw.children_of_guardian",
    "SELECT st.id, st.name, g.id, " KEHOU_CLASS_REF " FROM org_guardian g JOIN org_student_guardian sg ON"
    " sg.guardian_id = g.id JOIN org_student st ON st.id = sg.student_id JOIN org_class k ON k.id = st.class_id"
    " WHERE g.user_id = $1 AND st.status = 'enrolled' ORDER BY st.id"};
constexpr db::Query kFindReport{"hw.find_report",
                                "SELECT minutes, finished_by_bedtime, note, reported_at FROM hw_family_report"
                                " WHERE student_id = $1 AND report_date = $2"};
constexpr db::Query kPutReport{
    "hw.put_report",
    "INSERT INTO hw_family_report (student_id, report_date, class_id, org_path, minutes, finished_by_bedtime, note,"
    " guardian_id, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (student_id, report_date)"
    " DO UPDATE SET minutes = excluded.minutes, finished_by_bedtime = excluded.finished_by_bedtime, note ="
    " excluded.note, guardian_id = excluded.guardian_id, reported_at = excluded.reported_at"};

ClassRef ReadClass(const db::Row& r, std::size_t at) {
    return {r.Int(at), r.Text(at + 1), static_cast<int>(r.Int(at + 2)), r.Int(at + 3), r.Text(at + 4)};
}

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty()) out.push_back(std::move(line));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

Assignment ReadAssignment(const db::Row& r) {
    Assignment a;
    a.id = r.Int(0);
    a.class_id = r.Int(1);
    a.class_name = r.Text(2);
    a.school_id = r.Int(3);
    a.org_path = r.Text(4);
    a.grade = static_cast<int>(r.Int(5));
    a.due_date = r.Text(6);
    a.day_kind = Stored(ParseDayKind(r.Text(7)), r.Text(7));
    a.subject = r.Text(8);
    a.type = Stored(ParseHomeworkType(r.Text(9)), r.Text(9));
    a.content = r.Text(10);
    a.estimated_minutes = static_cast<int>(r.Int(11));
    a.counted_minutes = static_cast<int>(r.Int(12));
    a.status = Stored(ParseAssignmentStatus(r.Text(13)), r.Text(13));
    a.teacher_id = r.OptInt(14);
    a.teacher_name = r.OptText(15).value_or("");
    a.created_at = r.Text(16);
    a.decided_at = r.OptText(17);
    a.reject_reason = r.OptText(18);
    a.override_reason = r.OptText(19);
    return a;
}

void LoadVariants(db::Connection& c, Assignment& a) {
    for (const auto& r : c.Query(kVariants, {a.id}))
        a.variants.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3),
                              static_cast<int>(r.Int(4)), {}});
    if (a.variants.empty()) return;
    for (const auto& r : c.Query(kVariantStudents, {a.id}))
        for (auto& v : a.variants)
            if (v.id == r.Int(0)) v.student_ids.push_back(r.Int(1));
}

std::vector<Assignment> ReadAssignments(db::Connection& c, const db::Result& rows) {
    std::vector<Assignment> out;
    for (const auto& r : rows) {
        out.push_back(ReadAssignment(r));
        LoadVariants(c, out.back());
    }
    return out;
}

}  // namespace

std::optional<CountySettings> FindCountySettings(db::Connection& c, const std::string& county_path) {
    return db::QueryOne(c, kFindCounty, {county_path}, [&](const db::Row& r) {
        CountySettings s;
        s.org_path = county_path;
        s.limits.primary = static_cast<int>(r.Int(0));
        s.limits.junior = static_cast<int>(r.Int(1));
        if (auto v = r.OptInt(2)) s.limits.rest_day_primary = static_cast<int>(*v);
        if (auto v = r.OptInt(3)) s.limits.rest_day_junior = static_cast<int>(*v);
        if (auto phrases = r.OptText(4)) {
            s.parent_task_phrases = SplitLines(*phrases);
            s.phrases_customised = true;
        }
        s.updated_at = r.Text(5);
        return s;
    });
}

void PutCountySettings(db::Connection& c, const CountySettings& s, std::int64_t user, const std::string& now) {
    db::Value phrases = db::Null();
    if (s.phrases_customised) {
        std::string joined;
        for (const auto& p : s.parent_task_phrases) joined += (joined.empty() ? "" : "\n") + p;
        phrases = joined;
    }
    c.Execute(kPutCounty, {s.org_path, std::int64_t{s.limits.primary}, std::int64_t{s.limits.junior},
                           db::Opt(s.limits.rest_day_primary), db::Opt(s.limits.rest_day_junior), phrases, user, now});
}

bool ApprovalRequired(db::Connection& c, std::int64_t school_id) {
    const auto r = c.Query(kApproval, {school_id});
    return !r.empty() && r[0].Int(0) != 0;
}

void PutApprovalRequired(db::Connection& c, std::int64_t school_id, bool required, std::int64_t user,
                         const std::string& now) {
    c.Execute(kPutApproval, {school_id, Bool(required), user, now});
}

std::vector<SubjectGroup> ListGroups(db::Connection& c, std::int64_t school_id, std::optional<int> grade) {
    std::vector<SubjectGroup> out;
    const db::Value g = grade ? db::Value{std::int64_t{*grade}} : db::Null();
    for (const auto& r : c.Query(kGroups, {school_id, g, db::Null()}))
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.OptInt(3), r.OptText(4).value_or(""),
                       r.OptInt(5) ? std::optional<int>(static_cast<int>(*r.OptInt(5))) : std::nullopt});
    return out;
}

std::optional<SubjectGroup> FindGroup(db::Connection& c, std::int64_t school_id, int grade,
                                      const std::string& subject) {
    return db::QueryOne(c, kGroups, {school_id, std::int64_t{grade}, subject}, [](const db::Row& r) {
        return SubjectGroup{r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.OptInt(3), r.OptText(4).value_or(""),
                            r.OptInt(5) ? std::optional<int>(static_cast<int>(*r.OptInt(5))) : std::nullopt};
    });
}

void PutGroup(db::Connection& c, const SubjectGroup& g, const std::string& org_path, std::int64_t user,
              const std::string& now) {
    c.Execute(kPutGroup, {g.school_id, std::int64_t{g.grade}, g.subject, org_path, db::Opt(g.leader_teacher_id),
                          db::Opt(g.daily_budget), user, now});
}

bool TeacherAtSchool(db::Connection& c, std::int64_t teacher_id, std::int64_t school_id) {
    return !c.Query(kTeacherAtSchool, {teacher_id, school_id}).empty();
}

std::optional<ClassRef> FindClass(db::Connection& c, const std::string& scope, std::int64_t class_id,
                                  std::optional<std::int64_t> teacher_user) {
    return db::QueryOne(c, kFindClass, {scope, class_id, db::Opt(teacher_user)},
                        [](const db::Row& r) { return ReadClass(r, 0); });
}

std::vector<std::pair<ClassRef, std::vector<std::string>>> PublishableClasses(
    db::Connection& c, const std::string& scope, std::optional<std::int64_t> teacher_user) {
    std::vector<std::pair<ClassRef, std::vector<std::string>>> out;
    for (const auto& r : c.Query(kClasses, {scope, db::Opt(teacher_user)})) out.push_back({ReadClass(r, 0), {}});
    if (!teacher_user) return out;
    for (auto& [k, subjects] : out)
        for (const auto& r : c.Query(kTaughtSubjects, {k.id, *teacher_user})) subjects.push_back(r.Text(0));
    return out;
}

std::vector<std::int64_t> ClassStudentIds(db::Connection& c, std::int64_t class_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : c.Query(kStudents, {class_id})) out.push_back(r.Int(0));
    return out;
}

void LockClass(db::Connection& c, std::int64_t class_id) { c.Execute(kLockClass, {class_id}); }

int HeldMinutes(db::Connection& c, std::int64_t class_id, const std::string& date,
                const std::optional<std::string>& subject) {
    return static_cast<int>(c.Query(kHeld, {class_id, date, db::Opt(subject)})[0].Int(0));
}

std::int64_t InsertAssignment(db::Connection& c, const Assignment& a, std::int64_t created_by,
                              std::optional<std::int64_t> override_by, const std::string& now) {
    const std::vector<db::Value> params{a.class_id,
                                        a.school_id,
                                        a.org_path,
                                        std::int64_t{a.grade},
                                        a.due_date,
                                        Code(a.day_kind),
                                        a.subject,
                                        Code(a.type),
                                        a.content,
                                        std::int64_t{a.estimated_minutes},
                                        std::int64_t{a.counted_minutes},
                                        Code(a.status),
                                        db::Opt(a.teacher_id),
                                        created_by,
                                        now,
                                        db::Opt(a.override_reason),
                                        db::Opt(override_by)};
    const auto id = db::InsertForId(c, kInsert, kInsertReturning, params);
    for (const auto& v : a.variants) {
        const std::vector<db::Value> vp{id, std::int64_t{v.position}, v.label, v.content,
                                        std::int64_t{v.estimated_minutes}};
        const auto vid = db::InsertForId(c, kInsertVariant, kInsertVariantReturning, vp);
        for (const auto student : v.student_ids) c.Execute(kInsertVariantStudent, {id, student, vid});
    }
    return id;
}

std::optional<Assignment> FindAssignment(db::Connection& c, const std::string& scope, std::int64_t id) {
    auto a = db::QueryOne(c, kFind, {scope, id}, ReadAssignment);
    if (a) LoadVariants(c, *a);
    return a;
}

std::vector<Assignment> ClassDayAssignments(db::Connection& c, std::int64_t class_id, const std::string& date,
                                            bool published_only) {
    return ReadAssignments(c, c.Query(kClassDay, {class_id, date, Bool(published_only)}));
}

std::pair<std::vector<Assignment>, std::int64_t> ListAssignments(db::Connection& c, const std::string& scope,
                                                                 const AssignmentFilter& f) {
    const db::Value status = f.status ? Code(*f.status) : db::Null();
    const auto total = c.Query(kCount, {scope, db::Opt(f.class_id), db::Opt(f.from), db::Opt(f.to), status,
                                        db::Opt(f.teacher_user), db::Opt(f.leader_teacher), Bool(f.pending_for_me)})[0]
                           .Int(0);
    const auto rows = c.Query(kList, {scope, db::Opt(f.class_id), db::Opt(f.from), db::Opt(f.to), status,
                                      db::Opt(f.teacher_user), db::Opt(f.leader_teacher), Bool(f.pending_for_me),
                                      std::int64_t{f.page_size}, std::int64_t{(f.page - 1) * f.page_size}});
    return {ReadAssignments(c, rows), total};
}

bool MoveAssignment(db::Connection& c, std::int64_t id, AssignmentStatus from, AssignmentStatus to,
                    std::int64_t by, const std::string& now, const std::optional<std::string>& reason) {
    return c.Execute(kMove, {id, Code(from), Code(to), by, now, db::Opt(reason)}) == 1;
}

std::vector<Child> ChildrenOfGuardianUser(db::Connection& c, std::int64_t user_id) {
    std::vector<Child> out;
    for (const auto& r : c.Query(kChildren, {user_id}))
        out.push_back({r.Int(0), r.Text(1), r.Int(2), ReadClass(r, 3)});
    return out;
}

std::optional<FamilyReport> FindReport(db::Connection& c, std::int64_t student_id, const std::string& date) {
    return db::QueryOne(c, kFindReport, {student_id, date}, [&](const db::Row& r) {
        return FamilyReport{student_id, date, static_cast<int>(r.Int(0)), r.Int(1) != 0, r.OptText(2), r.Text(3)};
    });
}

void PutReport(db::Connection& c, const Child& child, const FamilyReport& r) {
    c.Execute(kPutReport, {child.student_id, r.date, child.klass.id, child.klass.org_path, std::int64_t{r.minutes},
                           Bool(r.finished_by_bedtime), db::Opt(r.note), child.guardian_id, r.reported_at});
}

}  // namespace kehou::homework::repo
