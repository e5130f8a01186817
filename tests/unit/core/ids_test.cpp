// Identifier validators against RULES R3.1–R3.8. Every valid Jining number here was built by hand with the
// GB 11643-1999 weights, so the tests do not lean on the code's own checksum to make their data.
#include "core/ids.hpp"

#include <gtest/gtest.h>

namespace kehou {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday{year{2025}, September, day{1}};

// The failure reason, or nullopt for a valid value, so that a wrong pass fails the comparison cleanly.
template <typename Check>
std::optional<IdReason> Reason(const Check& check) {
    return check.failure ? std::optional(check.failure->reason) : std::nullopt;
}

std::optional<IdReason> IdReasonOf(std::string_view raw) {
    return Reason(ValidateIdNumber(raw, kToday));
}

TEST(IdNumberTest, AcceptsTheStandardsOwnSample) {
    const auto check = ValidateIdNumber("11010519491231002X", kToday);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.normalized, "11010519491231002X");
    EXPECT_EQ(check.birth_date, (year_month_day{year{1949}, December, day{31}}));
    EXPECT_EQ(check.sex, Sex::kFemale);
    EXPECT_TRUE(SexMatches(check, Sex::kFemale));
    EXPECT_FALSE(SexMatches(check, Sex::kMale));
}

TEST(IdNumberTest, CheckCharacterFollowsTheWorkedExample) {
    EXPECT_EQ(IdNumberCheckCharacter("11010519491231002"), 'X');  // S = 167, 167 mod 11 = 2 → X
    EXPECT_EQ(IdNumberCheckCharacter("37081120150312123"), '2');
    EXPECT_EQ(IdNumberCheckCharacter("3708112015031212"), '\0');
    EXPECT_EQ(IdNumberCheckCharacter("3708112015031212A"), '\0');
}

TEST(IdNumberTest, AcceptsJiningNumbersIncludingRetiredAddressCodes) {
    const auto rencheng = ValidateIdNumber("370811201503121232", kToday);
    ASSERT_TRUE(rencheng.ok());
    EXPECT_EQ(rencheng.sex, Sex::kMale);  // position 17 is 3
    EXPECT_EQ(rencheng.birth_date, (year_month_day{year{2015}, March, day{12}}));
    // R3.2: 370802 (old 市中区) and 370882 (old 兖州市) are no longer GB/T 2260 codes but stay valid here.
    EXPECT_TRUE(ValidateIdNumber("370802198907040016", kToday).ok());
    EXPECT_TRUE(ValidateIdNumber("370881199912310041", kToday).ok());
    // 2012 was a leap year.
    const auto leap = ValidateIdNumber("370812201202290039", kToday);
    ASSERT_TRUE(leap.ok());
    EXPECT_EQ(leap.birth_date, (year_month_day{year{2012}, February, day{29}}));
}

TEST(IdNumberTest, AcceptsHongKongMacauTaiwanResidencePermits) {
    const auto permit = ValidateIdNumber("810000199001010019", kToday);  // R3.3
    ASSERT_TRUE(permit.ok());
    EXPECT_EQ(permit.sex, Sex::kMale);
}

TEST(IdNumberTest, NormalisesWhitespaceAndLowerCaseX) {
    const auto check = ValidateIdNumber("  11010519491231002x\t", kToday);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.normalized, "11010519491231002X");
}

TEST(IdNumberTest, RejectsAWrongCheckCharacter) {
    const auto check = ValidateIdNumber("370811201503121233", kToday);
    ASSERT_FALSE(check.ok());
    EXPECT_EQ(check.failure->reason, IdReason::kChecksum);
    EXPECT_EQ(ToString(check.failure->reason), "checksum");
    EXPECT_FALSE(check.failure->message_zh.empty());
    EXPECT_NE(check.failure->message_en.find("check character"), std::string::npos);
    EXPECT_FALSE(check.sex.has_value());
    EXPECT_FALSE(SexMatches(check, Sex::kMale));
    EXPECT_EQ(IdReasonOf("110105194912310021"), IdReason::kChecksum);  // a digit where X belongs
}

TEST(IdNumberTest, RejectsDatesThatDoNotExistOrLieInTheFuture) {
    // Both carry a correct check character, so only the date can fail them.
    const auto feb30 = ValidateIdNumber("370811201502301231", kToday);
    ASSERT_FALSE(feb30.ok());
    EXPECT_EQ(feb30.failure->reason, IdReason::kBirthDate);
    EXPECT_FALSE(feb30.birth_date.has_value());
    const auto future = ValidateIdNumber("370811203001011235", kToday);
    ASSERT_FALSE(future.ok());
    EXPECT_EQ(future.failure->reason, IdReason::kBirthDate);
    EXPECT_NE(future.failure->message_en, feb30.failure->message_en);  // the two cases say different things
    EXPECT_EQ(ToString(IdReason::kBirthDate), "birth_date");
}

TEST(IdNumberTest, BirthOnTodayIsAcceptedAndTheDayAfterIsNot) {
    // 2025-09-01 and 2025-09-02, each with its correct check character.
    EXPECT_TRUE(ValidateIdNumber("37081120250901001X", kToday).ok());
    EXPECT_EQ(IdReasonOf("370811202509020015"), IdReason::kBirthDate);
}

TEST(IdNumberTest, RejectsAnInvalidProvince) {
    EXPECT_EQ(IdReasonOf("990101200001010014"), IdReason::kProvince);  // checksum right, province 99
    EXPECT_EQ(ToString(IdReason::kProvince), "province");
}

TEST(IdNumberTest, RejectsMalformedNumbers) {
    EXPECT_EQ(IdReasonOf(""), IdReason::kFormat);
    EXPECT_EQ(IdReasonOf("370811150312123"), IdReason::kFormat);  // 15-digit first generation
    EXPECT_EQ(IdReasonOf("37081120150312123"), IdReason::kFormat);
    EXPECT_EQ(IdReasonOf("3708112015031212322"), IdReason::kFormat);
    EXPECT_EQ(IdReasonOf("37081120150312A232"), IdReason::kFormat);
    EXPECT_EQ(IdReasonOf("37081120150312123Y"), IdReason::kFormat);
    EXPECT_EQ(IdReasonOf("3708112015 0312123"), IdReason::kFormat);  // inner space is not trimmed
    const auto old = ValidateIdNumber("370811150312123", kToday);
    ASSERT_FALSE(old.ok());
    EXPECT_NE(old.failure->message_en.find("15-digit"), std::string::npos);
    EXPECT_EQ(ToString(IdReason::kFormat), "format");
}

TEST(IdNumberTest, SexNamesAreStable) {
    EXPECT_EQ(ToString(Sex::kMale), "male");
    EXPECT_EQ(ToString(Sex::kFemale), "female");
}

TEST(CreditCodeTest, AcceptsTheWorkedExampleWithItsInnerCheck) {
    EXPECT_EQ(CreditCodeCheckCharacter("91350100M000100Y4"), '3');
    const auto check = ValidateCreditCode("91350100M000100Y43");
    ASSERT_TRUE(check.ok());
    EXPECT_FALSE(check.warning.has_value());
    EXPECT_EQ(check.registration_authority, '9');
    EXPECT_EQ(check.category, '1');
    EXPECT_EQ(check.division_code, "350100");
}

TEST(CreditCodeTest, ACheckValueOf31BecomesZero) {
    // S ≡ 0 (mod 31) here, so 31 − 0 = 31, which the standard maps to '0'.
    EXPECT_EQ(CreditCodeCheckCharacter("52370811MJ0000034"), '0');
    EXPECT_TRUE(ValidateCreditCode("52370811MJ00000340").ok());
}

TEST(CreditCodeTest, AcceptsLowerCaseAndSurroundingSpace) {
    const auto check = ValidateCreditCode(" 52370811mj00123422 ");
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.normalized, "52370811MJ00123422");
    EXPECT_EQ(check.registration_authority, '5');
    EXPECT_EQ(check.category, '2');
    EXPECT_EQ(check.division_code, "370811");
}

TEST(CreditCodeTest, ReportsThePilotCodesAsChecksumFailures) {
    // R3.5: legitimate but failing; the override belongs to the caller, the validator just says so.
    for (const auto* code : {"91350100M0001TGQXM", "91350211M0000XUF46"}) {
        const auto check = ValidateCreditCode(code);
        ASSERT_FALSE(check.ok()) << code;
        EXPECT_EQ(check.failure->reason, IdReason::kChecksum) << code;
        EXPECT_EQ(check.division_code, std::string_view(code).substr(2, 6)) << code;  // parts still read
    }
}

TEST(CreditCodeTest, AWrongCheckCharacterFails) {
    const auto check = ValidateCreditCode("91350100M000100Y44");
    ASSERT_FALSE(check.ok());
    EXPECT_EQ(check.failure->reason, IdReason::kChecksum);
    EXPECT_FALSE(check.failure->message_zh.empty());
    EXPECT_FALSE(check.failure->message_en.empty());
}

TEST(CreditCodeTest, AnInnerOrganisationCodeMismatchIsOnlyAWarning) {
    // Position 17 is 0 where GB 11714 wants X; position 18 is right for these 17 characters.
    const auto check = ValidateCreditCode("91370811MA0012340A");
    EXPECT_TRUE(check.ok());
    ASSERT_TRUE(check.warning.has_value());
    EXPECT_EQ(check.warning->reason, IdReason::kOrgCodeChecksum);
    EXPECT_EQ(ToString(check.warning->reason), "org_code_checksum");
}

TEST(CreditCodeTest, RejectsExcludedLettersAndBadLayout) {
    for (const auto* code :
         {"91350100I000100Y43", "91350100O000100Y43", "91350100S000100Y43", "91350100V000100Y43", "91350100Z000100Y43",
          "9135A100M000100Y43", "91350100M000100Y4", "", "91350100M000100Y433"}) {
        const auto check = ValidateCreditCode(code);
        ASSERT_FALSE(check.ok()) << code;
        EXPECT_EQ(check.failure->reason, IdReason::kFormat) << code;
        EXPECT_EQ(check.registration_authority, '\0') << code;
    }
    EXPECT_EQ(CreditCodeCheckCharacter("91350100I000100Y4"), '\0');
}

// RULES R3.4 and R1.10: a 学科类 institution must be non-profit, so a 91 (enterprise) prefix is an error.
TEST(CreditCodePrefixTest, SubjectTypeWithAnEnterprisePrefixIsAnError) {
    const auto issue = CreditCodePrefixIssue("91370811MA001234X4", true, true);
    ASSERT_TRUE(issue.has_value());
    EXPECT_EQ(issue->kind, PrefixIssueKind::kSubjectTypeForProfit);
    EXPECT_EQ(issue->severity, IssueSeverity::kError);
    EXPECT_EQ(ToString(issue->severity), "error");
    EXPECT_FALSE(issue->message_zh.empty());
    // The error stands however the institution describes itself.
    EXPECT_EQ(CreditCodePrefixIssue("91370811MA001234X4", true, false)->kind, PrefixIssueKind::kSubjectTypeForProfit);
}

TEST(CreditCodePrefixTest, SubjectTypeExpects52Or12) {
    EXPECT_FALSE(CreditCodePrefixIssue("52370811MJ00123422", true, true).has_value());
    EXPECT_FALSE(CreditCodePrefixIssue("12370800MB0012343W", true, true).has_value());
    const auto other = CreditCodePrefixIssue("51370811MJ00123425", true, true);
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->kind, PrefixIssueKind::kSubjectTypeUnexpected);
    EXPECT_EQ(other->severity, IssueSeverity::kWarning);
    EXPECT_EQ(ToString(other->kind), "subject_type_unexpected");
}

TEST(CreditCodePrefixTest, ForProfitNonSubjectExpects91AndFlags92And93) {
    EXPECT_FALSE(CreditCodePrefixIssue("91370811MA001234X4", false, false).has_value());
    const auto sole = CreditCodePrefixIssue("92370811MA001234X1", false, false);
    ASSERT_TRUE(sole.has_value());
    EXPECT_EQ(sole->kind, PrefixIssueKind::kSoleTrader);
    EXPECT_EQ(sole->severity, IssueSeverity::kWarning);
    const auto coop = CreditCodePrefixIssue("93370811MA001234XX", false, false);
    ASSERT_TRUE(coop.has_value());
    EXPECT_EQ(coop->kind, PrefixIssueKind::kCooperative);
    const auto civil = CreditCodePrefixIssue("52370811MJ00123422", false, false);
    ASSERT_TRUE(civil.has_value());
    EXPECT_EQ(civil->kind, PrefixIssueKind::kNonSubjectUnexpected);
    EXPECT_EQ(ToString(PrefixIssueKind::kSubjectTypeForProfit), "subject_type_for_profit");
}

TEST(CreditCodePrefixTest, NonProfitNonSubjectAndShortInputRaiseNothing) {
    EXPECT_FALSE(CreditCodePrefixIssue("52370811MJ00123422", false, true).has_value());
    EXPECT_FALSE(CreditCodePrefixIssue("9", true, true).has_value());
}

TEST(SchoolCodeTest, AcceptsAShandongPrimarySchool) {
    const auto check = ValidateSchoolCode("2137001234");
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.school_type, SchoolType::kPrimary);
    EXPECT_EQ(check.school_type_code, "21");
    EXPECT_EQ(check.province_code, "37");
    EXPECT_EQ(ToString(*check.school_type), "primary");
}

TEST(SchoolCodeTest, ReadsEachTypeWithoutInferringGrades) {
    EXPECT_EQ(ValidateSchoolCode("3137000001").school_type, SchoolType::kJuniorMiddle);
    EXPECT_EQ(ValidateSchoolCode("3421000001").school_type, SchoolType::kSeniorHigh);
    EXPECT_EQ(ValidateSchoolCode("5137000001").school_type, SchoolType::kSpecialEducation);
    EXPECT_EQ(ValidateSchoolCode("9337000001").school_type, SchoolType::kVocationalTrainingBody);
    EXPECT_EQ(ToString(SchoolType::kReformSchool), "reform_school");
}

TEST(SchoolCodeTest, RejectsUnknownTypesProvincesAndLayouts) {
    EXPECT_EQ(Reason(ValidateSchoolCode("1237001234")), IdReason::kFormat);  // 12 is no school type
    EXPECT_EQ(Reason(ValidateSchoolCode("3837001234")), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateSchoolCode("2199001234")), IdReason::kProvince);
    EXPECT_EQ(Reason(ValidateSchoolCode("2183001234")), IdReason::kProvince);  // R3.7 stops at 82
    EXPECT_TRUE(ValidateSchoolCode("2181001234").ok());
    EXPECT_EQ(Reason(ValidateSchoolCode("213700123")), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateSchoolCode("21370012345")), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateSchoolCode("21370A1234")), IdReason::kFormat);
}

TEST(StudentNumberTest, AcceptsTheThreeForms) {
    const auto g = ValidateStudentNumber("G370811201503121232", kToday);
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g.kind, StudentNumberKind::kIdBased);
    EXPECT_EQ(g.division_code, "370811");
    EXPECT_EQ(g.birth_date, (year_month_day{year{2015}, March, day{12}}));
    const auto j = ValidateStudentNumber("J370812201202290039", kToday);
    ASSERT_TRUE(j.ok());
    EXPECT_EQ(j.kind, StudentNumberKind::kSelfAssigned);
    EXPECT_EQ(j.division_code, "370812");
    // L: no checksum, so any 4 trailing digits pass; the date is characters 8–15.
    const auto l = ValidateStudentNumber("L370811201503129876", kToday);
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l.kind, StudentNumberKind::kTemporary);
    EXPECT_EQ(l.birth_date, (year_month_day{year{2015}, March, day{12}}));
    EXPECT_EQ(ToString(StudentNumberKind::kTemporary), "temporary");
}

TEST(StudentNumberTest, AcceptsLowerCaseLetters) {
    const auto g = ValidateStudentNumber("g11010519491231002x", kToday);
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g.normalized, "G11010519491231002X");
}

TEST(StudentNumberTest, RejectsBadChecksumsDatesAndLayouts) {
    EXPECT_EQ(Reason(ValidateStudentNumber("G370811201503121233", kToday)), IdReason::kChecksum);
    EXPECT_EQ(Reason(ValidateStudentNumber("J370811201503121233", kToday)), IdReason::kChecksum);
    EXPECT_EQ(Reason(ValidateStudentNumber("G370811201502301231", kToday)), IdReason::kBirthDate);
    const auto l_bad_date = ValidateStudentNumber("L370811201502309876", kToday);
    EXPECT_EQ(Reason(l_bad_date), IdReason::kBirthDate);
    EXPECT_FALSE(l_bad_date.birth_date.has_value());
    EXPECT_EQ(l_bad_date.kind, StudentNumberKind::kTemporary);
    EXPECT_EQ(Reason(ValidateStudentNumber("L370811203001019876", kToday)), IdReason::kBirthDate);
    EXPECT_EQ(Reason(ValidateStudentNumber("L37081120150312987X", kToday)), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateStudentNumber("1101052015031200", kToday)), IdReason::kFormat);  // Beijing
    EXPECT_EQ(Reason(ValidateStudentNumber("370811201503121232", kToday)), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateStudentNumber("X370811201503121232", kToday)), IdReason::kFormat);
    EXPECT_EQ(Reason(ValidateStudentNumber("", kToday)), IdReason::kFormat);
}

TEST(MobileTest, NormalisesSeparatorsAndCountryCode) {
    for (const auto* raw : {"13800138000", "138-0013-8000", "138 0013 8000", "+8613800138000", "+86 138 0013 8000",
                            "8613800138000", " 13800138000 "}) {
        const auto check = ValidateMobile(raw);
        ASSERT_TRUE(check.ok()) << raw;
        EXPECT_EQ(check.normalized, "13800138000") << raw;
    }
    EXPECT_EQ(ValidateMobile("19912345678").normalized, "19912345678");
}

TEST(MobileTest, RejectsNonMobileNumbers) {
    for (const auto* raw : {"12800138000", "1380013800", "138001380001", "0537-1234567", "1380013800A", "",
                            "86138001380", "+861380013800"}) {
        const auto check = ValidateMobile(raw);
        ASSERT_FALSE(check.ok()) << raw;
        EXPECT_EQ(check.failure->reason, IdReason::kFormat) << raw;
        EXPECT_FALSE(check.failure->message_zh.empty()) << raw;
    }
}

}  // namespace
}  // namespace kehou
