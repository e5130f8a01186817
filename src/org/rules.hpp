#pragma once
// Registry policy as pure functions: what makes a school or a student record valid.

#include <chrono>
#include <string>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "org/model.hpp"

namespace kehou::org {

/// A student record after validation: numbers normalised, birth date from the identity number.
struct ValidStudent {
    StudentInput input;  // normalised copy
    std::string birth_date;
};

/// Checks a student against RULES R3.1–R3.3 (identity number: format, checksum, real past birth date,
/// sex consistent with position 17) and R3.8 (student number). Throws 422 naming the field.
ValidStudent ValidateStudent(const StudentInput& in, std::chrono::year_month_day today);

/// A school's code (R3.7), stage and grade span agree: primary 1–6, junior middle 7–9, nine-year 1–9.
void ValidateSchool(const School& s);

/// A guardian: plausible name, known relation, valid mainland mobile (normalised in the copy returned).
GuardianInput ValidateGuardian(const GuardianInput& in);
/// A teacher: plausible name, sex, valid mobile, 1–5 known subjects.
TeacherInput ValidateTeacher(const TeacherInput& in);
/// Purposes a guardian can consent to; anything else is refused.
bool IsConsentPurpose(const std::string& purpose);

/// A teacher's reads are bounded by the classes they serve (DESIGN.md roles): the user id to bound by,
/// or nullopt for roles whose scope path alone decides.
std::optional<std::int64_t> OwnClassesBound(const Principal& p);

/// "/370800/370811/" + school code + "/": a school's org path under its unit's path.
std::string SchoolPath(const std::string& unit_path, const std::string& school_code);

/// 三年级2班 / grade and class number as a Chinese class name.
std::string ClassName(int grade, int class_no);

/// Person names: 1–30 characters, no digits or control characters (minority names may hold "·").
bool IsPlausibleName(const std::string& name);

}  // namespace kehou::org
