#pragma once
// The synthetic demo city: plain records a generator hands to a Sink, parents before children. Modelled on
// 济宁市 (RULES R3.3, R3.6); every name, number and person in it is invented.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::demo {

/// How much of the city to generate.
enum class Scale {
    kTiny,    // 1 county-level unit, 3 schools, ~600 students: for tests
    kCounty,  // 370811 任城区, ~80 schools, ~60,000 students: what `make run` seeds
    kCity,    // all 14 units of 济宁, its 2022 compulsory-education figures
};
/// "tiny" | "county" | "city"; nullopt for anything else.
std::optional<Scale> ParseScale(std::string_view text);
std::string_view ToString(Scale scale);

/// 学校 a school; `unit_code` is the management code of its county-level unit or functional zone.
struct School {
    std::string school_code;  // 学校标识码, RULES R3.7
    std::string name;
    std::string unit_code;
    std::string stage;  // "primary" | "junior_middle" | "nine_year" (九年一贯制)
    bool is_public = true;
    bool is_rural = false;  // decides the fee cap of RULES R2.1
    int grade_from = 1;
    int grade_to = 6;
    std::string address;
};

/// 班级 one class of one grade; indexes are positions in emission order.
struct Class {
    std::size_t school_index = 0;
    int grade = 1;  // 1..9
    int class_no = 1;
    int entry_year = 0;  // school_year - grade + 1 (autumn term)
};

/// 监护人 guardian, also the authorised pickup person (接送人) when pickup_authorised.
struct Guardian {
    std::string name;
    std::string relation;  // "father" | "mother" | "grandfather" | "grandmother" | "other"
    std::string mobile;
    bool pickup_authorised = false;
};

/// 学生 a student with the priority flags of the GLOSSARY.
struct Student {
    std::size_t class_index = 0;
    std::string name;
    std::string sex;               // "male" | "female"
    std::string birth_date;        // YYYY-MM-DD
    std::string id_number;         // 身份证号, GB 11643 (RULES R3.1)
    std::string student_number;    // 学籍号, RULES R3.8
    bool disability = false;       // 残疾 / 特殊需要
    bool migrant = false;          // 随迁子女
    bool hardship = false;         // 家庭经济困难
    bool left_behind = false;      // 留守儿童
    bool military_family = false;  // 军人子女
    bool dual_income = false;      // 双职工
    std::vector<Guardian> guardians;
};

/// 教师 a teacher; retired ones (返聘) are re-employed and useful for after-school service.
struct Teacher {
    std::size_t school_index = 0;
    std::string name;
    std::string sex;
    std::string mobile;
    std::vector<std::string> subjects;
    bool retired = false;
};

/// Receives the city as it is generated, parents before children, so a city of 830,000 students
/// never has to be held in memory at once. The references are valid only during the call.
class Sink {
public:
    virtual ~Sink() = default;
    virtual void OnSchool(std::size_t index, const School& school) = 0;
    virtual void OnClass(std::size_t index, const Class& klass) = 0;
    virtual void OnTeacher(const Teacher& teacher) = 0;
    virtual void OnStudent(const Student& student) = 0;
};

/// How many records a generation emitted.
struct Totals {
    std::size_t schools = 0;
    std::size_t classes = 0;
    std::size_t students = 0;
    std::size_t teachers = 0;
    std::size_t guardians = 0;
};

}  // namespace kehou::demo
