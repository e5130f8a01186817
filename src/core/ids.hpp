#pragma once
// Identifier validation: identity numbers, credit codes, school codes, student numbers, mobile numbers.
// Pure functions over text. Invalid input is an ordinary result, never an exception: the caller decides
// whether a failure is a 400, a warning or (RULES R3.5) a manually overridden check.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kehou {

/// Why an identifier was rejected (or, for kOrgCodeChecksum, only warned about).
enum class IdReason {
    kFormat,           // wrong length or characters
    kChecksum,         // check character does not match
    kBirthDate,        // embedded date of birth is not a real date, or is after today
    kProvince,         // first two digits are not a province-level code
    kOrgCodeChecksum,  // credit code's inner GB 11714 check (warning only, RULES R3.5)
};
std::string_view ToString(IdReason reason);

/// A rejection or warning with the text the API shows next to the field name.
struct IdFailure {
    IdReason reason;
    std::string message_zh;
    std::string message_en;
};

/// Sex as encoded in position 17 of an identity number.
enum class Sex { kMale, kFemale };
std::string_view ToString(Sex sex);

/// 公民身份号码 identity number (GB 11643-1999), RULES R3.1–R3.3.
struct IdNumberCheck {
    std::string normalized;                                 // trimmed, `x` upper-cased; set even on failure
    std::optional<std::chrono::year_month_day> birth_date;  // set only when ok()
    std::optional<Sex> sex;                                 // set only when ok()
    std::optional<IdFailure> failure;

    bool ok() const { return !failure.has_value(); }
};

/// Validates an 18-character identity number (also HK/Macau/Taiwan residence permits, 81/82/83).
/// `today` is the Shanghai calendar date, a parameter so that results do not depend on the clock.
IdNumberCheck ValidateIdNumber(std::string_view raw, std::chrono::year_month_day today);
/// True when the number is valid and its sex equals the stated one (RULES R3.1, "sex consistent").
bool SexMatches(const IdNumberCheck& check, Sex stated);
/// The MOD 11-2 check character for 17 digits, or '\0' when `first17` is not 17 digits.
char IdNumberCheckCharacter(std::string_view first17);

/// 统一社会信用代码 credit code (GB 32100-2015), RULES R3.4–R3.5.
struct CreditCodeCheck {
    std::string normalized;  // trimmed, upper-cased
    // The parts below are set whenever the layout is right, even if the check character is not.
    char registration_authority = '\0';  // position 1, e.g. '5' civil affairs, '9' market regulation
    char category = '\0';                // position 2, meaning depends on position 1
    std::string division_code;           // positions 3–8, GB/T 2260 of the registering authority
    std::optional<IdFailure> failure;
    std::optional<IdFailure> warning;  // the inner organisation-code check; never a rejection

    bool ok() const { return !failure.has_value(); }
};

/// Validates charset, layout and the MOD 31 check character. A checksum failure is reported as such even
/// for the known legitimate pilot codes: overriding it is the caller's audited decision (RULES R3.5).
CreditCodeCheck ValidateCreditCode(std::string_view raw);
/// The check character for 17 credit-code characters, or '\0' when `first17` is not 17 of the 31.
char CreditCodeCheckCharacter(std::string_view first17);

/// How seriously a credit-code prefix contradicts what an institution says it is.
enum class IssueSeverity { kError, kWarning };
std::string_view ToString(IssueSeverity severity);

/// The particular prefix mismatch of RULES R3.4.
enum class PrefixIssueKind {
    kSubjectTypeForProfit,   // 学科类 with 91 (enterprise): R1.10 requires non-profit
    kSubjectTypeUnexpected,  // 学科类 with neither 52 nor 12
    kSoleTrader,             // for-profit non-subject with 92 (个体工商户)
    kCooperative,            // for-profit non-subject with 93 (农民专业合作社)
    kNonSubjectUnexpected,   // for-profit non-subject with anything but 91/92/93
};
std::string_view ToString(PrefixIssueKind kind);

/// A finding about a credit-code prefix, with text for the reviewer.
struct PrefixIssue {
    PrefixIssueKind kind;
    IssueSeverity severity;
    std::string message_zh;
    std::string message_en;
};

/// Checks a credit code's first two characters against the institution's type (RULES R3.4); nullopt when
/// consistent, when the code is too short to have a prefix, or for non-profit non-subject institutions,
/// about which R3.4 says nothing.
std::optional<PrefixIssue> CreditCodePrefixIssue(std::string_view credit_code, bool is_subject_type,
                                                 bool is_non_profit);

/// The `AA` school-type part of a school code (RULES R3.7); deliberately says nothing about grade span.
enum class SchoolType {
    kKindergarten,               // 11
    kPrimary,                    // 21
    kAdultPrimary,               // 22
    kJuniorMiddle,               // 31
    kVocationalJuniorMiddle,     // 32
    kAdultJuniorMiddle,          // 33
    kSeniorHigh,                 // 34, including complete middle schools
    kAdultSeniorHigh,            // 35
    kSecondaryVocational,        // 36
    kReformSchool,               // 37 工读学校
    kHigherEducation,            // 41
    kAdultHigherEducation,       // 42
    kSpecialEducation,           // 51
    kGraduateResearchInstitute,  // 91
    kOtherPrivateHigher,         // 92
    kVocationalTrainingBody,     // 93
};
std::string_view ToString(SchoolType type);

/// 学校标识码 school code, 10 digits `AABBCCCCCC`, RULES R3.7 (no checksum exists).
struct SchoolCodeCheck {
    std::string normalized;
    std::optional<SchoolType> school_type;
    std::string school_type_code;  // "21"
    std::string province_code;     // "37"
    std::optional<IdFailure> failure;

    bool ok() const { return !failure.has_value(); }
};

SchoolCodeCheck ValidateSchoolCode(std::string_view raw);

/// Which of the three forms of RULES R3.8 a student number takes.
enum class StudentNumberKind {
    kIdBased,       // G + identity number
    kSelfAssigned,  // J + 18 characters laid out like an identity number
    kTemporary,     // L + division + date of birth + 4 random digits, no checksum
};
std::string_view ToString(StudentNumberKind kind);

/// 全国学籍号 student number, 19 characters, RULES R3.8. Stored exactly as issued (R3.9).
struct StudentNumberCheck {
    std::string normalized;
    std::optional<StudentNumberKind> kind;                  // set whenever the layout is right
    std::string division_code;                              // characters 2–7, likewise
    std::optional<std::chrono::year_month_day> birth_date;  // set only when ok()
    std::optional<IdFailure> failure;

    bool ok() const { return !failure.has_value(); }
};

StudentNumberCheck ValidateStudentNumber(std::string_view raw, std::chrono::year_month_day today);

/// A mainland mobile number, normalised to 11 digits.
struct MobileCheck {
    std::string normalized;
    std::optional<IdFailure> failure;

    bool ok() const { return !failure.has_value(); }
};

/// Accepts spaces and dashes anywhere and a leading `+86` or `86`; the result must match `^1[3-9]\d{9}$`.
MobileCheck ValidateMobile(std::string_view raw);

}  // namespace kehou
