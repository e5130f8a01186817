#pragma once
// Plain types of the organisation registry: units, schools, classes, students, guardians, teachers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kehou::org {

/// 管理单元 A city, county-level unit or functional zone (RULES R3.6).
struct Unit {
    std::string code;
    std::optional<std::string> gbt2260_code;
    std::string name, name_en, kind, parent_code, org_path;
};

/// 学校 A school as stored.
struct School {
    std::int64_t id = 0;
    std::string school_code;  // 学校标识码, RULES R3.7
    std::string name;
    std::string unit_code;
    std::string org_path;
    std::string stage;  // primary | junior_middle | nine_year
    bool is_public = true;
    bool is_rural = false;
    int grade_from = 1, grade_to = 6;
    std::string address;
};

/// 班级 A class of one school and one entry year.
struct Class {
    std::int64_t id = 0;
    std::int64_t school_id = 0;
    std::string org_path;
    int grade = 1, class_no = 1, entry_year = 0;
    std::string name;  // 三年级2班
    std::int64_t student_count = 0;
};

/// The policy flags a student carries (each used by a later module's priority or fee rule).
struct StudentFlags {
    bool disability = false;       // 残疾
    bool migrant = false;          // 随迁子女
    bool hardship = false;         // 家庭经济困难 (fee waiver, RULES R1.8(g), R2.1)
    bool left_behind = false;      // 留守儿童
    bool military_family = false;  // 军人子女
    bool dual_income = false;      // 双职工
};

/// A student as shown: personal numbers masked (RULES R3.11).
struct Student {
    std::int64_t id = 0;
    std::int64_t school_id = 0, class_id = 0;
    std::string school_name, class_name, org_path;
    int grade = 0;
    std::string name, sex, birth_date;
    std::string id_number_masked, student_number_masked;
    StudentFlags flags;
    std::string status;
};

/// What creating or editing a student needs; numbers as typed (validated and normalised by rules).
struct StudentInput {
    std::int64_t class_id = 0;
    std::string name, sex, id_number, student_number;
    StudentFlags flags;
};

/// Search and paging for student lists.
struct StudentFilter {
    std::optional<std::int64_t> school_id, class_id;
    std::optional<std::string> name_prefix;
    std::optional<std::string> id_number;  // exact, found through the look-up hash
    int page = 1, page_size = 20;
};

/// Search and paging for school lists.
struct SchoolFilter {
    std::optional<std::string> unit_code;
    std::optional<std::string> name_contains;
    std::optional<std::string> stage;
    int page = 1, page_size = 20;
};

/// 监护人 A guardian of one student as shown: mobile masked.
struct Guardian {
    std::int64_t id = 0;
    std::string name;
    std::string relation;  // father | mother | grandfather | grandmother | other
    std::string mobile_masked;
    bool pickup_authorised = false;  // 接送人
    std::optional<std::int64_t> user_id;
};

/// What adding a guardian to a student needs.
struct GuardianInput {
    std::string name, relation, mobile;
    bool pickup_authorised = false;
};

/// 教师 A teacher as shown.
struct Teacher {
    std::int64_t id = 0;
    std::int64_t school_id = 0;
    std::string school_name, name, sex, mobile_masked;
    std::vector<std::string> subjects;
    bool retired = false;  // 退休返聘: may teach after-school courses (issue: after-school services)
};

/// What registering a teacher needs.
struct TeacherInput {
    std::int64_t school_id = 0;
    std::string name, sex, mobile;
    std::vector<std::string> subjects;
    bool retired = false;
};

/// 同意记录 A guardian's consent for one purpose (RULES R4.2).
struct Consent {
    std::int64_t id = 0;
    std::int64_t student_id = 0, guardian_id = 0;
    std::string purpose, notice_version, granted_at;
    std::optional<std::string> withdrawn_at;
    bool Active() const { return !withdrawn_at; }
};

/// 导入预览 What an uploaded roster would do, before anything is written.
struct ImportPreview {
    std::int64_t import_id = 0;
    std::string encoding;
    int data_rows = 0, good_rows = 0, bad_rows = 0;
    struct Problem {
        int line = 0;
        std::string field, message_zh, message_en;
    };
    std::vector<Problem> problems;  // every bad row, by line
    std::vector<Student> sample;    // the first good rows as they will appear, masked
};

/// What a confirmed import wrote.
struct ImportResult {
    int students = 0, guardians = 0, classes_created = 0;
};

/// One page of a list and how many matched in all.
template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
};

}  // namespace kehou::org
