#include "org/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/ids.hpp"
#include "core/text.hpp"

namespace kehou::org {
namespace {

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

std::string IsoDate(const std::chrono::year_month_day& d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

}  // namespace

bool IsPlausibleName(const std::string& name) {
    std::size_t chars = 0;
    for (unsigned char c : name) {
        if ((c & 0xC0) != 0x80) ++chars;
        if (c < 0x20 || (c >= '0' && c <= '9')) return false;
    }
    return chars >= 1 && chars <= 30;
}

ValidStudent ValidateStudent(const StudentInput& in, std::chrono::year_month_day today) {
    ValidStudent out{in, {}};
    if (!IsPlausibleName(in.name))
        throw Invalid("org.bad_name", "姓名须为 1–30 个字，不含数字", "The name must be 1–30 characters, no digits",
                      "name");
    if (in.sex != "male" && in.sex != "female")
        throw Invalid("org.bad_sex", "性别须为男或女", "Sex must be male or female", "sex");
    // RULES R3.1–R3.3
    const IdNumberCheck id = ValidateIdNumber(in.id_number, today);
    if (!id.ok()) throw Invalid("org.bad_id_number", id.failure->message_zh, id.failure->message_en, "id_number");
    if (!SexMatches(id, in.sex == "male" ? Sex::kMale : Sex::kFemale))
        throw Invalid("org.sex_mismatch", "性别与身份证号第 17 位不一致",
                      "Sex does not match digit 17 of the identity number", "sex");
    // RULES R3.8; a G-number is kept exactly as issued even if it differs from today's ID (R3.9)
    const StudentNumberCheck sn = ValidateStudentNumber(in.student_number, today);
    if (!sn.ok())
        throw Invalid("org.bad_student_number", sn.failure->message_zh, sn.failure->message_en, "student_number");
    out.input.id_number = id.normalized;
    out.input.student_number = sn.normalized;
    out.birth_date = IsoDate(*id.birth_date);
    return out;
}

void ValidateSchool(const School& s) {
    const SchoolCodeCheck code = ValidateSchoolCode(s.school_code);
    if (!code.ok())
        throw Invalid("org.bad_school_code", code.failure->message_zh, code.failure->message_en, "school_code");
    const std::size_t chars = Utf8Chars(s.name);
    if (chars < 2 || chars > 60)
        throw Invalid("org.bad_school_name", "学校名称须为 2–60 个字", "A school name has 2–60 characters", "name");
    struct Span {
        const char* stage;
        int from, to;
    };
    constexpr std::array<Span, 3> kSpans = {{{"primary", 1, 6}, {"junior_middle", 7, 9}, {"nine_year", 1, 9}}};
    for (const auto& span : kSpans)
        if (s.stage == span.stage) {
            if (s.grade_from < span.from || s.grade_to > span.to || s.grade_from > s.grade_to)
                throw Invalid("org.bad_grade_span", fmt::format("该学段的年级范围应在 {}–{} 之间", span.from, span.to),
                              fmt::format("Grades for this stage lie within {}–{}", span.from, span.to),
                              "grade_from");
            return;
        }
    throw Invalid("org.bad_stage", "学段须为小学、初中或九年一贯制", "Stage is primary, junior_middle or nine_year",
                  "stage");
}

GuardianInput ValidateGuardian(const GuardianInput& in) {
    GuardianInput out = in;
    if (!IsPlausibleName(in.name))
        throw Invalid("org.bad_name", "姓名须为 1–30 个字，不含数字", "The name must be 1–30 characters, no digits",
                      "name");
    constexpr std::array<const char*, 5> kRelations = {"father", "mother", "grandfather", "grandmother", "other"};
    if (std::find(kRelations.begin(), kRelations.end(), in.relation) == kRelations.end())
        throw Invalid("org.bad_relation", "关系须为父亲、母亲、祖父、祖母或其他",
                      "Relation is father, mother, grandfather, grandmother or other", "relation");
    const MobileCheck m = ValidateMobile(in.mobile);
    if (!m.ok()) throw Invalid("org.bad_mobile", m.failure->message_zh, m.failure->message_en, "mobile");
    out.mobile = m.normalized;
    return out;
}

TeacherInput ValidateTeacher(const TeacherInput& in) {
    TeacherInput out = in;
    if (!IsPlausibleName(in.name))
        throw Invalid("org.bad_name", "姓名须为 1–30 个字，不含数字", "The name must be 1–30 characters, no digits",
                      "name");
    if (in.sex != "male" && in.sex != "female")
        throw Invalid("org.bad_sex", "性别须为男或女", "Sex must be male or female", "sex");
    const MobileCheck m = ValidateMobile(in.mobile);
    if (!m.ok()) throw Invalid("org.bad_mobile", m.failure->message_zh, m.failure->message_en, "mobile");
    out.mobile = m.normalized;
    static const std::array<std::string_view, 16> kSubjects = {
        "语文", "数学", "英语", "道德与法治", "科学", "体育", "音乐", "美术",
        "信息技术", "历史", "地理", "物理", "化学", "生物", "劳动", "心理健康"};
    if (in.subjects.empty() || in.subjects.size() > 5)
        throw Invalid("org.bad_subjects", "须填写 1–5 个任教学科", "Give 1–5 subjects", "subjects");
    for (const auto& s : in.subjects)
        if (std::find(kSubjects.begin(), kSubjects.end(), s) == kSubjects.end())
            throw Invalid("org.bad_subject", "未知学科：" + s, "Unknown subject: " + s, "subjects");
    return out;
}

bool IsConsentPurpose(const std::string& purpose) {
    constexpr std::array<std::string_view, 5> kPurposes = {"afterschool", "custody", "homework_report",
                                                           "enrollment_extra", "photo"};
    return std::find(kPurposes.begin(), kPurposes.end(), purpose) != kPurposes.end();
}

std::optional<std::int64_t> OwnClassesBound(const Principal& p) {
    if (p.role == Role::kTeacher) return p.user_id;
    return std::nullopt;
}

std::string SchoolPath(const std::string& unit_path, const std::string& school_code) {
    return unit_path + school_code + "/";
}

std::string ClassName(int grade, int class_no) {
    static const std::array<const char*, 10> kGrade = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (grade < 1 || grade > 9) return fmt::format("{}年级{}班", grade, class_no);
    return fmt::format("{}年级{}班", kGrade[static_cast<std::size_t>(grade)], class_no);
}

}  // namespace kehou::org
