#include "org/repo.hpp"

#include "db/insert_id.hpp"

namespace kehou::org::repo {
namespace {

// Optional filters are bound as NULL; the CASTs type them for PostgreSQL (see CONTRIBUTING.md).
// A teacher reads only the classes they serve (head or subject teacher); NULL for every other role.
#define KEHOU_OWN_CLASSES(class_column, param)                 \
    " AND (CAST(" param " AS BIGINT) IS NULL OR " class_column \
    " IN (SELECT ct.class_id FROM org_class_teacher ct"        \
    " JOIN org_teacher t ON t.id = ct.teacher_id WHERE t.user_id = " param "))"
constexpr db::Query kUpsertUnit{
    "org.upsert_unit",
    "INSERT INTO org_unit (code, gbt2260_code, name, name_en, kind, parent_code, org_path)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
    " name_en = excluded.name_en, gbt2260_code = excluded.gbt2260_code"};
// The units inside the scope, and those above it: a school's staff see the county their school is in.
constexpr db::Query kListUnits{"org.list_units",
                               "SELECT code, gbt2260_code, name, name_en, kind, parent_code, org_path FROM org_unit"
                               " WHERE org_path LIKE $1 || '%' OR $1 LIKE org_path || '%' ORDER BY org_path"};
constexpr db::Query kFindUnit{"org.find_unit",
                              "SELECT code, gbt2260_code, name, name_en, kind, parent_code, org_path FROM org_unit"
                              " WHERE code = $1"};

#define KEHOU_SCHOOL_COLUMNS                                                                                \
    "s.id, s.school_code, s.name, s.unit_code, s.org_path, s.stage, s.is_public, s.is_rural, s.grade_from," \
    " s.grade_to, s.address"
#define KEHOU_SCHOOL_FILTER                                                                                 \
    " FROM org_school s WHERE s.org_path LIKE $1 || '%' AND (CAST($2 AS TEXT) IS NULL OR s.unit_code = $2)" \
    " AND (CAST($3 AS TEXT) IS NULL OR s.name LIKE '%' || $3 || '%') AND (CAST($4 AS TEXT) IS NULL OR s.stage = $4)"
constexpr db::Query kCountSchools{"org.count_schools", "SELECT COUNT(*)" KEHOU_SCHOOL_FILTER};
constexpr db::Query kListSchools{
    "org.list_schools", "SELECT " KEHOU_SCHOOL_COLUMNS KEHOU_SCHOOL_FILTER " ORDER BY s.org_path LIMIT $5 OFFSET $6"};
constexpr db::Query kFindSchool{"org.find_school", "SELECT " KEHOU_SCHOOL_COLUMNS
                                                   " FROM org_school s WHERE s.id = $2 AND s.org_path LIKE $1 || '%'"};
constexpr db::Query kInsertSchool{
    "org.insert_school",
    "INSERT INTO org_school (school_code, name, unit_code, org_path, stage, is_public, is_rural, grade_from,"
    " grade_to, address, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};

#define KEHOU_CLASS_COLUMNS                                                     \
    "k.id, k.school_id, k.org_path, k.grade, k.class_no, k.entry_year, k.name," \
    " (SELECT COUNT(*) FROM org_student st WHERE st.class_id = k.id AND st.status = 'enrolled')"
constexpr db::Query kListClasses{
    "org.list_classes", "SELECT " KEHOU_CLASS_COLUMNS
                        " FROM org_class k WHERE k.school_id = $2 AND"
                        " k.org_path LIKE $1 || '%'" KEHOU_OWN_CLASSES("k.id", "$3") " ORDER BY k.grade, k.class_no"};
constexpr db::Query kAssignTeacher{"org.assign_class_teacher",
                                   "INSERT INTO org_class_teacher (class_id, teacher_id, duty, subject)"
                                   " VALUES ($1, $2, $3, $4)"};
constexpr db::Query kFindClass{
    "org.find_class", "SELECT " KEHOU_CLASS_COLUMNS " FROM org_class k WHERE k.id = $2 AND k.org_path LIKE $1 || '%'"};
constexpr db::Query kClassByNumber{"org.class_by_number", "SELECT " KEHOU_CLASS_COLUMNS
                                                          " FROM org_class k WHERE k.school_id = $1"
                                                          " AND k.entry_year = $2 AND k.class_no = $3"};
constexpr db::Query kInsertClass{"org.insert_class",
                                 "INSERT INTO org_class (school_id, org_path, grade, class_no, entry_year, name)"
                                 " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};

#define KEHOU_STUDENT_COLUMNS                                                                                 \
    "st.id, st.school_id, st.class_id, s.name, k.name, st.org_path, k.grade, st.name, st.sex, st.birth_date," \
    " st.id_number_masked, st.student_number_masked, st.disability, st.migrant, st.hardship, st.left_behind," \
    " st.military_family, st.dual_income, st.status"
#define KEHOU_STUDENT_FROM \
    " FROM org_student st JOIN org_class k ON k.id = st.class_id JOIN org_school s ON s.id = st.school_id"
#define KEHOU_STUDENT_FILTER                                                                                         \
    KEHOU_STUDENT_FROM                                                                                               \
        " WHERE st.org_path LIKE $1 || '%' AND (CAST($2 AS BIGINT) IS NULL OR st.school_id = $2)"                    \
        " AND (CAST($3 AS BIGINT) IS NULL OR st.class_id = $3) AND (CAST($4 AS TEXT) IS NULL OR st.name LIKE $4 || " \
        "'%')"                                                                                                       \
        " AND (CAST($5 AS TEXT) IS NULL OR st.id_number_hash = $5)" KEHOU_OWN_CLASSES("st.class_id", "$6")
constexpr db::Query kCountStudents{"org.count_students", "SELECT COUNT(*)" KEHOU_STUDENT_FILTER};
constexpr db::Query kListStudents{"org.list_students", "SELECT " KEHOU_STUDENT_COLUMNS KEHOU_STUDENT_FILTER
                                                       " ORDER BY k.grade, k.class_no, st.name, st.id"
                                                       " LIMIT $7 OFFSET $8"};
constexpr db::Query kFindStudent{
    "org.find_student", "SELECT " KEHOU_STUDENT_COLUMNS KEHOU_STUDENT_FROM
                        " WHERE st.id = $2 AND st.org_path LIKE $1 || '%'" KEHOU_OWN_CLASSES("st.class_id", "$3")};
constexpr db::Query kStudentPath{"org.student_path", "SELECT org_path FROM org_student WHERE id = $1"};
constexpr db::Query kSealedId{"org.sealed_id_number",
                              "SELECT id_number_sealed FROM org_student WHERE id = $2 AND org_path LIKE $1 || '%'"};
#define KEHOU_INSERT_STUDENT                                                                                  \
    "INSERT INTO org_student (school_id, class_id, org_path, name, sex, birth_date, id_number_sealed,"          \
    " id_number_hash, id_number_masked, student_number_sealed, student_number_hash, student_number_masked,"     \
    " disability, migrant, hardship, left_behind, military_family, dual_income, created_at, updated_at)"        \
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)"
constexpr db::Query kInsertStudent{"org.insert_student", KEHOU_INSERT_STUDENT};
constexpr db::Query kInsertStudentReturning{"org.insert_student", KEHOU_INSERT_STUDENT " RETURNING id"};
#undef KEHOU_INSERT_STUDENT
constexpr db::Query kUpdateStudent{
    "org.update_student",
    "UPDATE org_student SET school_id = $2, class_id = $3, org_path = $4, name = $5, sex = $6, birth_date = $7,"
    " id_number_sealed = $8, id_number_hash = $9, id_number_masked = $10, student_number_sealed = $11,"
    " student_number_hash = $12, student_number_masked = $13, disability = $14, migrant = $15, hardship = $16,"
    " left_behind = $17, military_family = $18, dual_income = $19, updated_at = $20 WHERE id = $1"};
constexpr db::Query kChildren{"org.children_of_user",
                              "SELECT " KEHOU_STUDENT_COLUMNS KEHOU_STUDENT_FROM
                              " JOIN org_student_guardian sg ON sg.student_id = st.id"
                              " JOIN org_guardian g ON g.id = sg.guardian_id WHERE g.user_id = $1 ORDER BY st.id"};

Unit ReadUnit(const db::Row& r) {
    return {r.Text(0), r.OptText(1), r.Text(2), r.Text(3), r.Text(4), r.OptText(5).value_or(""), r.Text(6)};
}

School ReadSchool(const db::Row& r) {
    return {r.Int(0),
            r.Text(1),
            r.Text(2),
            r.Text(3),
            r.Text(4),
            r.Text(5),
            r.Int(6) != 0,
            r.Int(7) != 0,
            static_cast<int>(r.Int(8)),
            static_cast<int>(r.Int(9)),
            r.Text(10)};
}

Class ReadClass(const db::Row& r) {
    return {r.Int(0),
            r.Int(1),
            r.Text(2),
            static_cast<int>(r.Int(3)),
            static_cast<int>(r.Int(4)),
            static_cast<int>(r.Int(5)),
            r.Text(6),
            r.Int(7)};
}

Student ReadStudent(const db::Row& r) {
    Student s;
    s.id = r.Int(0);
    s.school_id = r.Int(1);
    s.class_id = r.Int(2);
    s.school_name = r.Text(3);
    s.class_name = r.Text(4);
    s.org_path = r.Text(5);
    s.grade = static_cast<int>(r.Int(6));
    s.name = r.Text(7);
    s.sex = r.Text(8);
    s.birth_date = r.Text(9);
    s.id_number_masked = r.Text(10);
    s.student_number_masked = r.Text(11);
    s.flags = {r.Int(12) != 0, r.Int(13) != 0, r.Int(14) != 0, r.Int(15) != 0, r.Int(16) != 0, r.Int(17) != 0};
    s.status = r.Text(18);
    return s;
}

db::Value Bool(bool b) {
    return std::int64_t{b ? 1 : 0};
}
db::Value Sealed(const crypto::SealedValue& v) {
    return db::Blob{v.box};
}

// The student's columns from $offset on, in the order of the INSERT and UPDATE above.
std::vector<db::Value> StudentValues(const Class& k, const StudentInput& in, const std::string& birth_date,
                                     const SealedNumbers& n) {
    return {k.school_id,
            k.id,
            k.org_path,
            in.name,
            in.sex,
            birth_date,
            Sealed(n.id_number),
            n.id_number.lookup_hash,
            n.id_masked,
            Sealed(n.student_number),
            n.student_number.lookup_hash,
            n.student_number_masked,
            Bool(in.flags.disability),
            Bool(in.flags.migrant),
            Bool(in.flags.hardship),
            Bool(in.flags.left_behind),
            Bool(in.flags.military_family),
            Bool(in.flags.dual_income)};
}

}  // namespace

void UpsertUnit(db::Connection& c, const Unit& u) {
    c.Execute(kUpsertUnit, {u.code, db::Opt(u.gbt2260_code), u.name, u.name_en, u.kind,
                            u.parent_code.empty() ? db::Null() : db::Value{u.parent_code}, u.org_path});
}

std::vector<Unit> ListUnits(db::Connection& c, const std::string& scope) {
    std::vector<Unit> out;
    for (const auto& r : c.Query(kListUnits, {scope})) out.push_back(ReadUnit(r));
    return out;
}

std::optional<Unit> FindUnit(db::Connection& c, const std::string& code) {
    return db::QueryOne(c, kFindUnit, {code}, [](const db::Row& row) { return ReadUnit(row); });
}

Page<School> ListSchools(db::Connection& c, const std::string& scope, const SchoolFilter& f) {
    std::vector<db::Value> p = {scope, db::Opt(f.unit_code), db::Opt(f.name_contains), db::Opt(f.stage)};
    Page<School> page;
    page.total = c.Query(kCountSchools, p)[0].Int(0);
    p.emplace_back(std::int64_t{f.page_size});
    p.emplace_back(std::int64_t{(f.page - 1) * f.page_size});
    for (const auto& r : c.Query(kListSchools, p)) page.items.push_back(ReadSchool(r));
    return page;
}

std::optional<School> FindSchool(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFindSchool, {scope, id}, [](const db::Row& row) { return ReadSchool(row); });
}

std::int64_t InsertSchool(db::Connection& c, const School& s, const std::string& now) {
    return c
        .Query(kInsertSchool,
               {s.school_code, s.name, s.unit_code, s.org_path, s.stage, Bool(s.is_public), Bool(s.is_rural),
                std::int64_t{s.grade_from}, std::int64_t{s.grade_to}, s.address, now})[0]
        .Int(0);
}

std::vector<Class> ListClasses(db::Connection& c, const std::string& scope, std::int64_t school_id,
                               std::optional<std::int64_t> teacher_user) {
    std::vector<Class> out;
    for (const auto& r : c.Query(kListClasses, {scope, school_id, db::Opt(teacher_user)})) out.push_back(ReadClass(r));
    return out;
}

std::optional<Class> FindClass(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFindClass, {scope, id}, [](const db::Row& row) { return ReadClass(row); });
}

void AssignClassTeacher(db::Connection& c, std::int64_t class_id, std::int64_t teacher_id, const std::string& duty,
                        const std::string& subject) {
    c.Execute(kAssignTeacher, {class_id, teacher_id, duty, subject});
}

std::optional<Class> FindClassByNumber(db::Connection& c, std::int64_t school_id, int entry_year, int class_no) {
    return db::QueryOne(c, kClassByNumber, {school_id, std::int64_t{entry_year}, std::int64_t{class_no}}, ReadClass);
}

std::int64_t InsertClass(db::Connection& c, const Class& k) {
    return c
        .Query(kInsertClass, {k.school_id, k.org_path, std::int64_t{k.grade}, std::int64_t{k.class_no},
                              std::int64_t{k.entry_year}, k.name})[0]
        .Int(0);
}

Page<Student> ListStudents(db::Connection& c, const std::string& scope, const StudentFilter& f,
                           const std::optional<std::string>& id_number_hash, std::optional<std::int64_t> teacher_user) {
    std::vector<db::Value> p = {scope,
                                db::Opt(f.school_id),
                                db::Opt(f.class_id),
                                db::Opt(f.name_prefix),
                                db::Opt(id_number_hash),
                                db::Opt(teacher_user)};
    Page<Student> page;
    page.total = c.Query(kCountStudents, p)[0].Int(0);
    p.emplace_back(std::int64_t{f.page_size});
    p.emplace_back(std::int64_t{(f.page - 1) * f.page_size});
    for (const auto& r : c.Query(kListStudents, p)) page.items.push_back(ReadStudent(r));
    return page;
}

std::optional<Student> FindStudent(db::Connection& c, const std::string& scope, std::int64_t id,
                                   std::optional<std::int64_t> teacher_user) {
    return db::QueryOne(c, kFindStudent, {scope, id, db::Opt(teacher_user)},
                        [](const db::Row& row) { return ReadStudent(row); });
}

std::optional<std::string> StudentPathUnscoped(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kStudentPath, {id}, [](const db::Row& row) { return row.Text(0); });
}

std::optional<std::vector<std::uint8_t>> SealedIdNumber(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kSealedId, {scope, id}, [](const db::Row& row) { return row.Bytes(0).bytes; });
}

std::int64_t InsertStudent(db::Connection& c, const Class& k, const StudentInput& in, const std::string& birth_date,
                           const SealedNumbers& n, const std::string& now) {
    auto values = StudentValues(k, in, birth_date, n);
    values.emplace_back(now);
    return db::InsertForId(c, kInsertStudent, kInsertStudentReturning, values);
}

void UpdateStudent(db::Connection& c, std::int64_t id, const Class& k, const StudentInput& in,
                   const std::string& birth_date, const SealedNumbers& n, const std::string& now) {
    std::vector<db::Value> values = {id};
    for (auto& v : StudentValues(k, in, birth_date, n)) values.push_back(std::move(v));
    values.emplace_back(now);
    c.Execute(kUpdateStudent, values);
}

std::vector<Student> ChildrenOfUser(db::Connection& c, std::int64_t user_id) {
    std::vector<Student> out;
    for (const auto& r : c.Query(kChildren, {user_id})) out.push_back(ReadStudent(r));
    return out;
}

}  // namespace kehou::org::repo
