#include "core/ids.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace kehou {
namespace {

using std::chrono::year_month_day;

/// How an identifier is named in its messages.
struct Noun {
    std::string_view zh;
    std::string_view en;
};

constexpr Noun kIdNoun{"身份证号", "Identity number"};
constexpr Noun kStudentNoun{"学籍号", "Student number"};

IdFailure Fail(IdReason reason, std::string zh, std::string en) {
    return IdFailure{reason, std::move(zh), std::move(en)};
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), IsDigit);
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Copied and pasted numbers arrive with stray whitespace and a lower-case `x`; neither is a real error.
std::string Normalize(std::string_view raw) {
    while (!raw.empty() && IsSpace(raw.front())) raw.remove_prefix(1);
    while (!raw.empty() && IsSpace(raw.back())) raw.remove_suffix(1);
    std::string out(raw);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Province-level codes as listed by RULES R3.2 / R3.7: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81–83.
bool IsProvinceCode(std::string_view two) {
    if (two.size() != 2 || !AllDigits(two)) return false;
    const int p = (two[0] - '0') * 10 + (two[1] - '0');
    constexpr std::array<std::pair<int, int>, 8> kRanges{
        {{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}}};
    return std::any_of(kRanges.begin(), kRanges.end(), [p](auto r) { return p >= r.first && p <= r.second; });
}

std::optional<year_month_day> ParseCompactDate(std::string_view yyyymmdd) {
    if (yyyymmdd.size() != 8 || !AllDigits(yyyymmdd)) return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) {
        unsigned n = 0;
        for (char c : yyyymmdd.substr(pos, len)) n = n * 10 + static_cast<unsigned>(c - '0');
        return n;
    };
    const year_month_day date{std::chrono::year{static_cast<int>(number(0, 4))}, std::chrono::month{number(4, 2)},
                              std::chrono::day{number(6, 2)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

// RULES R3.1: a real Gregorian date, no later than today. No lower bound: the rule sets none.
std::optional<IdFailure> CheckBirthDate(std::string_view yyyymmdd, year_month_day today, const Noun& noun,
                                        std::optional<year_month_day>& birth) {
    const auto date = ParseCompactDate(yyyymmdd);
    if (!date)
        return Fail(IdReason::kBirthDate, fmt::format("{}中的出生日期不是有效日期", noun.zh),
                    fmt::format("{} contains a date of birth that does not exist", noun.en));
    if (*date > today)
        return Fail(IdReason::kBirthDate, fmt::format("{}中的出生日期晚于今天", noun.zh),
                    fmt::format("{} contains a date of birth after today", noun.en));
    birth = date;
    return std::nullopt;
}

// `^\d{17}[\dX]$` (RULES R3.1), after Normalize.
bool IsIdShape(std::string_view s) {
    return s.size() == 18 && AllDigits(s.substr(0, 17)) && (IsDigit(s[17]) || s[17] == 'X');
}

// What an identity number and the G/J student numbers share (RULES R3.1, R3.8): check character, then date.
std::optional<IdFailure> CheckIdChecksumAndDate(std::string_view s18, year_month_day today, const Noun& noun,
                                                std::optional<year_month_day>& birth) {
    if (IdNumberCheckCharacter(s18.substr(0, 17)) != s18[17])
        return Fail(IdReason::kChecksum, fmt::format("{}校验位不正确，请核对是否输错", noun.zh),
                    fmt::format("{} check character is wrong; look for a typing error", noun.en));
    return CheckBirthDate(s18.substr(6, 8), today, noun, birth);
}

// GB 32100-2015 character set: I, O, S, V and Z are left out so that they cannot be misread.
constexpr std::string_view kCreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool IsCreditChar(char c) {
    return kCreditCharset.find(c) != std::string_view::npos;
}

// `^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$` (RULES R3.4 section).
bool IsCreditShape(std::string_view s) {
    return s.size() == 18 && std::all_of(s.begin(), s.end(), IsCreditChar) && AllDigits(s.substr(2, 6));
}

// GB 11714 organisation code check over 8 characters of the full 0-9A-Z set; '\0' for anything else.
char OrgCodeCheckCharacter(std::string_view first8) {
    constexpr std::array<int, 8> kWeights{3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        const char c = first8[i];
        const int value = IsDigit(c) ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : -1;
        if (value < 0) return '\0';
        sum += value * kWeights[i];
    }
    const int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

PrefixIssue Issue(PrefixIssueKind kind, IssueSeverity severity, std::string zh, std::string en) {
    return PrefixIssue{kind, severity, std::move(zh), std::move(en)};
}

/// One row of the school-type table: the code, its enum and the enum's stored text.
struct SchoolTypeRow {
    std::string_view code;
    SchoolType type;
    std::string_view text;
};

// RULES R3.7 regex alternatives `11|21|22|3[1-7]|4[12]|51|9[1-3]`, one row each.
constexpr std::array<SchoolTypeRow, 16> kSchoolTypes{{
    {"11", SchoolType::kKindergarten, "kindergarten"},
    {"21", SchoolType::kPrimary, "primary"},
    {"22", SchoolType::kAdultPrimary, "adult_primary"},
    {"31", SchoolType::kJuniorMiddle, "junior_middle"},
    {"32", SchoolType::kVocationalJuniorMiddle, "vocational_junior_middle"},
    {"33", SchoolType::kAdultJuniorMiddle, "adult_junior_middle"},
    {"34", SchoolType::kSeniorHigh, "senior_high"},
    {"35", SchoolType::kAdultSeniorHigh, "adult_senior_high"},
    {"36", SchoolType::kSecondaryVocational, "secondary_vocational"},
    {"37", SchoolType::kReformSchool, "reform_school"},
    {"41", SchoolType::kHigherEducation, "higher_education"},
    {"42", SchoolType::kAdultHigherEducation, "adult_higher_education"},
    {"51", SchoolType::kSpecialEducation, "special_education"},
    {"91", SchoolType::kGraduateResearchInstitute, "graduate_research_institute"},
    {"92", SchoolType::kOtherPrivateHigher, "other_private_higher"},
    {"93", SchoolType::kVocationalTrainingBody, "vocational_training_body"},
}};

}  // namespace

std::string_view ToString(IdReason reason) {
    switch (reason) {
        case IdReason::kFormat:
            return "format";
        case IdReason::kChecksum:
            return "checksum";
        case IdReason::kBirthDate:
            return "birth_date";
        case IdReason::kProvince:
            return "province";
        case IdReason::kOrgCodeChecksum:
            return "org_code_checksum";
    }
    return "unknown";
}

std::string_view ToString(Sex sex) {
    return sex == Sex::kMale ? "male" : "female";
}

char IdNumberCheckCharacter(std::string_view first17) {
    // Wᵢ = 2^(18−i) mod 11; r = S mod 11 maps through "10X98765432" (GB 11643-1999, RULES R3.1).
    constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    constexpr std::string_view kCheck = "10X98765432";
    if (first17.size() != kWeights.size() || !AllDigits(first17)) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
    return kCheck[static_cast<std::size_t>(sum % 11)];
}

IdNumberCheck ValidateIdNumber(std::string_view raw, year_month_day today) {
    IdNumberCheck result;
    result.normalized = Normalize(raw);
    const std::string_view s = result.normalized;
    if (!IsIdShape(s)) {
        // First-generation 15-digit numbers expired in 2013; say so rather than only "wrong length".
        result.failure = s.size() == 15 && AllDigits(s)
                             ? Fail(IdReason::kFormat, "不接受15位旧身份证号，请填写18位号码",
                                    "15-digit first-generation numbers are not accepted; enter the 18-character number")
                             : Fail(IdReason::kFormat, "身份证号应为18位：前17位为数字，最后一位为数字或X",
                                    "Identity number must be 18 characters: 17 digits, then a digit or X");
        return result;
    }
    std::optional<year_month_day> birth;
    if (auto failure = CheckIdChecksumAndDate(s, today, kIdNoun, birth)) {
        result.failure = std::move(failure);
        return result;
    }
    // Only the province is checked, never the full six-digit address code: retired county codes such as
    // 370802 stay valid inside numbers issued before the change (RULES R3.2). 81/82/83 are the HK, Macau
    // and Taiwan residence permits (R3.3); the 9-prefixed foreign permanent-resident ID fails here on purpose.
    if (!IsProvinceCode(s.substr(0, 2))) {
        result.failure = Fail(IdReason::kProvince, "身份证号前两位不是有效的省级行政区代码",
                              "Identity number does not start with a valid province code");
        return result;
    }
    result.birth_date = birth;
    result.sex = (s[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
    return result;
}

bool SexMatches(const IdNumberCheck& check, Sex stated) {
    return check.ok() && check.sex == stated;
}

char CreditCodeCheckCharacter(std::string_view first17) {
    if (first17.size() != 17 || !std::all_of(first17.begin(), first17.end(), IsCreditChar)) return '\0';
    int sum = 0;
    int weight = 1;  // 3^(i−1) mod 31
    for (char c : first17) {
        sum += static_cast<int>(kCreditCharset.find(c)) * weight;
        weight = weight * 3 % 31;
    }
    return kCreditCharset[static_cast<std::size_t>((31 - sum % 31) % 31)];  // 31 maps to 0
}

CreditCodeCheck ValidateCreditCode(std::string_view raw) {
    CreditCodeCheck result;
    result.normalized = Normalize(raw);
    const std::string_view s = result.normalized;
    if (!IsCreditShape(s)) {
        result.failure =
            Fail(IdReason::kFormat, "统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z），第3–8位为数字",
                 "Credit code must be 18 digits or capital letters (no I, O, S, V, Z), with digits in "
                 "positions 3–8");
        return result;
    }
    result.registration_authority = s[0];
    result.category = s[1];
    result.division_code = std::string(s.substr(2, 6));
    if (CreditCodeCheckCharacter(s.substr(0, 17)) != s[17])
        result.failure =
            Fail(IdReason::kChecksum, "统一社会信用代码校验位不正确", "Credit code check character is wrong");
    if (OrgCodeCheckCharacter(s.substr(8, 8)) != s[16])
        result.warning = Fail(IdReason::kOrgCodeChecksum, "统一社会信用代码第9–17位的组织机构代码校验不符，请人工核对",
                              "The organisation code in positions 9–17 fails its own check; verify it by hand");
    return result;
}

std::string_view ToString(IssueSeverity severity) {
    return severity == IssueSeverity::kError ? "error" : "warning";
}

std::string_view ToString(PrefixIssueKind kind) {
    switch (kind) {
        case PrefixIssueKind::kSubjectTypeForProfit:
            return "subject_type_for_profit";
        case PrefixIssueKind::kSubjectTypeUnexpected:
            return "subject_type_unexpected";
        case PrefixIssueKind::kSoleTrader:
            return "sole_trader";
        case PrefixIssueKind::kCooperative:
            return "cooperative";
        case PrefixIssueKind::kNonSubjectUnexpected:
            return "non_subject_unexpected";
    }
    return "unknown";
}

std::optional<PrefixIssue> CreditCodePrefixIssue(std::string_view credit_code, bool is_subject_type,
                                                 bool is_non_profit) {
    const std::string code = Normalize(credit_code);
    if (code.size() < 2) return std::nullopt;
    const std::string_view prefix = std::string_view(code).substr(0, 2);
    if (is_subject_type) {
        // RULES R1.10: subject-type institutions must be non-profit, and 91 is an enterprise.
        if (prefix == "91")
            return Issue(PrefixIssueKind::kSubjectTypeForProfit, IssueSeverity::kError,
                         "学科类机构须登记为非营利性机构，不得为企业（代码以91开头）",
                         "A subject-type institution must be non-profit, not an enterprise (code starting 91)");
        if (prefix != "52" && prefix != "12")
            return Issue(PrefixIssueKind::kSubjectTypeUnexpected, IssueSeverity::kWarning,
                         "学科类机构一般应为民办非企业单位（52开头）或事业单位（12开头），请核对登记类别",
                         "A subject-type institution is normally registered with civil affairs (52) or as a public "
                         "institution (12); check its registration");
        return std::nullopt;
    }
    if (is_non_profit || prefix == "91") return std::nullopt;
    if (prefix == "92")
        return Issue(PrefixIssueKind::kSoleTrader, IssueSeverity::kWarning, "该机构登记为个体工商户（92开头），请核实",
                     "The institution is registered as a sole trader (92); verify it");
    if (prefix == "93")
        return Issue(PrefixIssueKind::kCooperative, IssueSeverity::kWarning,
                     "该机构登记为农民专业合作社（93开头），请核实",
                     "The institution is registered as a farmers' cooperative (93); verify it");
    return Issue(PrefixIssueKind::kNonSubjectUnexpected, IssueSeverity::kWarning,
                 "营利性非学科类机构一般应为企业（91开头），请核对登记类别",
                 "A for-profit non-subject institution is normally a company (91); check its registration");
}

std::string_view ToString(SchoolType type) {
    for (const auto& row : kSchoolTypes)
        if (row.type == type) return row.text;
    return "unknown";
}

SchoolCodeCheck ValidateSchoolCode(std::string_view raw) {
    SchoolCodeCheck result;
    result.normalized = Normalize(raw);
    const std::string_view s = result.normalized;
    if (s.size() != 10 || !AllDigits(s)) {
        result.failure = Fail(IdReason::kFormat, "学校标识码应为10位数字", "School code must be 10 digits");
        return result;
    }
    const auto row = std::find_if(kSchoolTypes.begin(), kSchoolTypes.end(),
                                  [&](const SchoolTypeRow& r) { return r.code == s.substr(0, 2); });
    if (row == kSchoolTypes.end()) {
        result.failure = Fail(IdReason::kFormat, "学校标识码前两位不是有效的学校类型代码",
                              "School code does not start with a valid school-type code");
        return result;
    }
    result.school_type = row->type;
    result.school_type_code = std::string(s.substr(0, 2));
    result.province_code = std::string(s.substr(2, 2));
    // The R3.7 regex stops at 8[12]: Taiwan (83) has no school codes under the MoE scheme.
    if (!IsProvinceCode(result.province_code) || result.province_code == "83")
        result.failure = Fail(IdReason::kProvince, "学校标识码第3–4位不是有效的省级行政区代码",
                              "School code positions 3–4 are not a valid province code");
    return result;
}

std::string_view ToString(StudentNumberKind kind) {
    switch (kind) {
        case StudentNumberKind::kIdBased:
            return "id_based";
        case StudentNumberKind::kSelfAssigned:
            return "self_assigned";
        case StudentNumberKind::kTemporary:
            return "temporary";
    }
    return "unknown";
}

StudentNumberCheck ValidateStudentNumber(std::string_view raw, year_month_day today) {
    StudentNumberCheck result;
    result.normalized = Normalize(raw);
    const std::string_view s = result.normalized;
    const std::string_view body = s.empty() ? s : s.substr(1);
    const char lead = s.empty() ? '\0' : s[0];
    // RULES R3.8: G/J carry an identity-number layout with its checksum, L carries 18 digits and no checksum.
    // Beijing's old 16-digit local numbers fall out here on length.
    const bool id_layout = (lead == 'G' || lead == 'J') && IsIdShape(body);
    const bool temporary_layout = lead == 'L' && body.size() == 18 && AllDigits(body);
    if (!id_layout && !temporary_layout) {
        result.failure = Fail(IdReason::kFormat, "学籍号应为19位：字母G、J或L后接18位数字（G、J末位可为X）",
                              "Student number must be 19 characters: G, J or L followed by 18 digits (G and J may "
                              "end in X)");
        return result;
    }
    result.kind = lead == 'G'   ? StudentNumberKind::kIdBased
                  : lead == 'J' ? StudentNumberKind::kSelfAssigned
                                : StudentNumberKind::kTemporary;
    result.division_code = std::string(body.substr(0, 6));
    std::optional<year_month_day> birth;
    // For L the date is characters 8–15 of the full string, which is body[6, 14) as for an identity number.
    result.failure = id_layout ? CheckIdChecksumAndDate(body, today, kStudentNoun, birth)
                               : CheckBirthDate(body.substr(6, 8), today, kStudentNoun, birth);
    if (result.ok()) result.birth_date = birth;
    return result;
}

MobileCheck ValidateMobile(std::string_view raw) {
    MobileCheck result;
    std::string compact;
    for (char c : raw)
        if (!IsSpace(c) && c != '-') compact += c;
    std::string_view s = compact;
    if (s.starts_with("+86"))
        s.remove_prefix(3);
    else if (s.size() == 13 && s.starts_with("86"))  // only with 11 digits after it, so "86..." is a prefix
        s.remove_prefix(2);
    result.normalized = std::string(s);
    if (s.size() != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' || !AllDigits(s))
        result.failure = Fail(IdReason::kFormat, "手机号应为11位中国大陆手机号码",
                              "Mobile number must be an 11-digit mainland China mobile number");
    return result;
}

}  // namespace kehou
