// Display masking, RULES R3.10–R3.11. Names are UTF-8: every expectation counts characters, not bytes.
#include "core/mask.hpp"

#include <gtest/gtest.h>

namespace kehou {
namespace {

TEST(MaskTest, IdNumberKeepsFirstSixAndLastFour) {
    EXPECT_EQ(MaskIdNumber("370811201503121234"), "370811********1234");
    EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
    EXPECT_EQ(MaskIdNumber("37081120150"), "370811*0150");  // 11 characters: one hidden
}

TEST(MaskTest, IdNumberTooShortToHideAnythingIsAllStars) {
    // With 10 or fewer characters "first 6 + last 4" would show everything.
    EXPECT_EQ(MaskIdNumber("3708112015"), "**********");
    EXPECT_EQ(MaskIdNumber("370811"), "******");
    EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(MaskTest, MobileKeepsFirstThreeAndLastFour) {
    EXPECT_EQ(MaskMobile("13800138000"), "138****8000");
    EXPECT_EQ(MaskMobile("1380013"), "*******");
}

TEST(MaskTest, StudentNumberKeepsLetterDivisionAndLastFour) {
    EXPECT_EQ(MaskStudentNumber("G370811201503121232"), "G370811********1232");
    EXPECT_EQ(MaskStudentNumber("L370811201503129876"), "L370811********9876");
}

TEST(MaskTest, NameKeepsTheSurname) {
    EXPECT_EQ(MaskName("张三"), "张*");
    EXPECT_EQ(MaskName("王小明"), "王**");
    EXPECT_EQ(MaskName("李"), "*");
    EXPECT_EQ(MaskName(""), "");
}

TEST(MaskTest, NameKeepsCompoundSurnames) {
    EXPECT_EQ(MaskName("欧阳娜娜"), "欧阳**");
    EXPECT_EQ(MaskName("诸葛亮"), "诸葛*");
    EXPECT_EQ(MaskName("司马相如"), "司马**");
    EXPECT_EQ(MaskName("百里守约"), "百里**");
    // Two characters only: read as a single surname plus a given name, else nothing would be hidden.
    EXPECT_EQ(MaskName("欧阳"), "欧*");
    // A given name that happens to start like a compound surname does not count: 欧 alone is a surname.
    EXPECT_EQ(MaskName("欧小阳"), "欧**");
}

TEST(MaskTest, CountsCodePointsNotBytes) {
    // 𠮷 is four bytes in UTF-8 (outside the BMP); é is two.
    EXPECT_EQ(MaskName("𠮷野家"), "𠮷**");
    EXPECT_EQ(MaskName("Élise"), "É****");
    EXPECT_EQ(MaskName("买买提·艾力"), "买*****");
    // Each masked result is still valid UTF-8 of the right length in characters.
    const std::string masked = MaskName("王小明");
    EXPECT_EQ(masked.size(), std::string("王").size() + 2);
}

TEST(MaskTest, BrokenUtf8MasksByteByByteWithoutOverrunning) {
    // A lone lead byte of a 3-byte sequence at the end, and a stray continuation byte.
    EXPECT_EQ(MaskName("张\xE4"), "张*");
    EXPECT_EQ(MaskName("\x80\x80\x80"), "\x80**");
}

}  // namespace
}  // namespace kehou
