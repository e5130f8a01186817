// Registry rules: RULES R3.1–R3.3 (identity number), R3.7 (school code), R3.8 (student number).
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "support/text.hpp"
#include "org/rules.hpp"

namespace kehou::org {
namespace {

using namespace std::chrono;
constexpr year_month_day kToday{year{2026}, month{11}, day{23}};


StudentInput Valid() {
    // Born 2017-03-12 in 任城区; sequence 123, digit 17 odd: male.
    const std::string id = kehou::testing::IdNumber("37081120170312123");
    return {1, "王小明", "male", id, "G" + id, {}};
}

Error Rejection(const StudentInput& in) {
    try {
        ValidateStudent(in, kToday);
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("accepted");
}

TEST(StudentRulesTest, AcceptsAValidRecordAndDerivesTheBirthDate) {
    StudentInput in = Valid();
    in.id_number[17] = static_cast<char>(std::tolower(in.id_number[17]));  // an x typed in lower case is fine
    const ValidStudent v = ValidateStudent(in, kToday);
    EXPECT_EQ(v.birth_date, "2017-03-12");
}

TEST(StudentRulesTest, RejectsABadChecksumNamingTheField) {
    StudentInput in = Valid();
    in.id_number[17] = in.id_number[17] == '0' ? '1' : '0';
    const Error e = Rejection(in);
    EXPECT_EQ(e.code(), "org.bad_id_number");
    EXPECT_EQ(e.field(), "id_number");
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_FALSE(e.message_zh().empty());
}

TEST(StudentRulesTest, SexMustAgreeWithDigitSeventeen) {
    StudentInput in = Valid();
    in.sex = "female";
    EXPECT_EQ(Rejection(in).field(), "sex");
}

TEST(StudentRulesTest, RetiredDivisionCodesStayValid) {
    StudentInput in = Valid();
    in.id_number = kehou::testing::IdNumber("37080220120101002");  // 370802 was merged into 任城区 in 2013 (RULES R3.2)
    in.sex = "female";
    in.student_number = "G" + in.id_number;
    EXPECT_NO_THROW(ValidateStudent(in, kToday));
}

// RULES R3.1 (birth date not in the future), R3.8 (student-number forms), R3.9 (stored as issued).
TEST(StudentRulesTest, FutureBirthDatesAndBadStudentNumbersAreRefused) {
    StudentInput in = Valid();
    in.id_number = kehou::testing::IdNumber("37081120270101123");
    EXPECT_EQ(Rejection(in).field(), "id_number");
    in = Valid();
    in.student_number = "1234567890123456";  // Beijing's old 16-digit local numbers are not student numbers
    EXPECT_EQ(Rejection(in).field(), "student_number");
}

TEST(StudentRulesTest, NamesAreOneToThirtyCharactersWithoutDigits) {
    EXPECT_TRUE(IsPlausibleName("欧阳娜娜"));
    EXPECT_TRUE(IsPlausibleName("阿依古丽·买买提"));
    EXPECT_FALSE(IsPlausibleName(""));
    EXPECT_FALSE(IsPlausibleName("王2"));
    EXPECT_FALSE(IsPlausibleName(std::string(31 * 3, 'a')));
    StudentInput in = Valid();
    in.name = "";
    EXPECT_EQ(Rejection(in).field(), "name");
}

TEST(SchoolRulesTest, StageAndGradeSpanMustAgree) {
    School s{0, "2137000101", "济宁市任城区实验小学", "370811", "", "primary", true, false, 1, 6, ""};
    EXPECT_NO_THROW(ValidateSchool(s));
    s.grade_to = 9;
    EXPECT_THROW(ValidateSchool(s), Error);
    s.stage = "nine_year";
    EXPECT_NO_THROW(ValidateSchool(s));
    s.stage = "junior_middle";
    s.grade_from = 7;
    s.school_code = "3137000102";
    EXPECT_NO_THROW(ValidateSchool(s));
    s.school_code = "2137";
    try {
        ValidateSchool(s);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "school_code");
    }
}

TEST(SchoolRulesTest, PathsAndClassNames) {
    EXPECT_EQ(SchoolPath("/370800/370811/", "2137000101"), "/370800/370811/2137000101/");
    EXPECT_EQ(ClassName(3, 2), "三年级2班");
    EXPECT_EQ(ClassName(9, 12), "九年级12班");
}

}  // namespace
}  // namespace kehou::org
