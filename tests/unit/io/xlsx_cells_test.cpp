// The pure rules of reading .xlsx cells: references, numbers as typed, date serials, number formats.
#include "io/xlsx_cells.hpp"

#include <gtest/gtest.h>

namespace kehou::io::xlsx {
namespace {

TEST(XlsxCellsTest, CellReferencesGiveZeroBasedColumnsAndSheetRows) {
    ASSERT_TRUE(ParseCellRef("A1"));
    EXPECT_EQ(ParseCellRef("A1")->column, 0);
    EXPECT_EQ(ParseCellRef("C5")->column, 2);
    EXPECT_EQ(ParseCellRef("C5")->row, 5);
    EXPECT_EQ(ParseCellRef("Z9")->column, 25);
    EXPECT_EQ(ParseCellRef("AA10")->column, 26);
    EXPECT_EQ(ParseCellRef("XFD1048576")->column, 16383);
    EXPECT_EQ(ParseCellRef("XFD1048576")->row, 1048576);
    for (const char* bad : {"", "A", "1", "A0", "A01", "XFE1", "AAAA1", "A1048577", "A1B", "$A$1", "A-1"})
        EXPECT_FALSE(ParseCellRef(bad)) << bad;
}

TEST(XlsxCellsTest, NumbersComeBackAsTypedWithoutPointZeroOrExponent) {
    EXPECT_EQ(NumberText("3"), "3");
    EXPECT_EQ(NumberText("3.0"), "3");
    EXPECT_EQ(NumberText("-42"), "-42");
    EXPECT_EQ(NumberText("0"), "0");
    EXPECT_EQ(NumberText("-0"), "0");
    EXPECT_EQ(NumberText("2.5"), "2.5");
    EXPECT_EQ(NumberText("13800138000"), "13800138000");
    EXPECT_EQ(NumberText("1E+15"), "1000000000000000");
    // An identity number Excel stored as a number: the digits in the file, never 3.70811201703121E+17.
    EXPECT_EQ(NumberText("3.7081120170312123E+17"), "370811201703121230");
    EXPECT_EQ(NumberText("370811201703121234"), "370811201703121234") << "past 2^53, still exact";
    EXPECT_EQ(NumberText("1.5E-3"), "0.0015");
    EXPECT_EQ(NumberText("0.30000000000000004"), "0.3") << "Excel shows 15 significant digits";
    EXPECT_EQ(NumberText("12.50"), "12.5");
    EXPECT_EQ(NumberText(" 7 "), "7");
    EXPECT_EQ(NumberText("abc"), "abc") << "not a number: shown as stored";
    EXPECT_EQ(NumberText("1E+300"), "1e+300") << "no 300-digit string";
}

TEST(XlsxCellsTest, DateSerialsBecomeIsoDatesInBothDateSystems) {
    EXPECT_EQ(SerialText("1", NumberKind::kDate, false), "1900-01-01");
    EXPECT_EQ(SerialText("59", NumberKind::kDate, false), "1900-02-28");
    EXPECT_EQ(SerialText("60", NumberKind::kDate, false), "1900-02-29") << "Excel's phantom leap day";
    EXPECT_EQ(SerialText("61", NumberKind::kDate, false), "1900-03-01");
    EXPECT_EQ(SerialText("42806", NumberKind::kDate, false), "2017-03-12");
    EXPECT_EQ(SerialText("42806.75", NumberKind::kDate, false), "2017-03-12") << "a date format drops the time";
    EXPECT_EQ(SerialText("45536.354166666664", NumberKind::kDateTime, false), "2024-09-01 08:30");
    EXPECT_EQ(SerialText("45536", NumberKind::kDateTime, false), "2024-09-01");
    EXPECT_EQ(SerialText("0.5", NumberKind::kTime, false), "12:00");
    EXPECT_EQ(SerialText("0.50001157407", NumberKind::kTime, false), "12:00:01");
    EXPECT_EQ(SerialText("0.99999999", NumberKind::kDateTime, false), "1900-01-01") << "rounds to midnight";
    EXPECT_EQ(SerialText("0", NumberKind::kDate, true), "1904-01-01");
    EXPECT_EQ(SerialText("366", NumberKind::kDate, true), "1905-01-01");
    EXPECT_EQ(SerialText("2958465", NumberKind::kDate, false), "9999-12-31");
    EXPECT_FALSE(SerialText("2958466", NumberKind::kDate, false));
    EXPECT_FALSE(SerialText("-1", NumberKind::kDate, false));
    EXPECT_FALSE(SerialText("x", NumberKind::kDate, false));
}

TEST(XlsxCellsTest, BuiltInFormatsIncludeTheChineseDateIds) {
    EXPECT_EQ(BuiltinFormatKind(0), NumberKind::kPlain);
    EXPECT_EQ(BuiltinFormatKind(1), NumberKind::kPlain);
    EXPECT_EQ(BuiltinFormatKind(49), NumberKind::kPlain) << "@, text";
    for (int id : {14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58})
        EXPECT_EQ(BuiltinFormatKind(id), NumberKind::kDate) << id;
    EXPECT_EQ(BuiltinFormatKind(22), NumberKind::kDateTime);
    for (int id : {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56})
        EXPECT_EQ(BuiltinFormatKind(id), NumberKind::kTime) << id;
}

TEST(XlsxCellsTest, CustomFormatCodesAreReadForDatesNotForColoursOrText) {
    EXPECT_EQ(FormatCodeKind("yyyy-mm-dd"), NumberKind::kDate);
    EXPECT_EQ(FormatCodeKind("yyyy\"年\"m\"月\"d\"日\""), NumberKind::kDate);
    EXPECT_EQ(FormatCodeKind("[$-804]yyyy/m/d;@"), NumberKind::kDate);
    EXPECT_EQ(FormatCodeKind("mmm-yy"), NumberKind::kDate);
    EXPECT_EQ(FormatCodeKind("yyyy-mm-dd hh:mm"), NumberKind::kDateTime);
    EXPECT_EQ(FormatCodeKind("h:mm AM/PM"), NumberKind::kTime);
    EXPECT_EQ(FormatCodeKind("mm:ss"), NumberKind::kTime) << "m beside s is minutes";
    EXPECT_EQ(FormatCodeKind("[h]:mm"), NumberKind::kTime);
    EXPECT_EQ(FormatCodeKind("General"), NumberKind::kPlain);
    EXPECT_EQ(FormatCodeKind("0.00_);[Red](0.00)"), NumberKind::kPlain) << "[Red] holds a d";
    EXPECT_EQ(FormatCodeKind("#,##0\" days\""), NumberKind::kPlain) << "quoted text holds a d and a y";
    EXPECT_EQ(FormatCodeKind("0.00E+00"), NumberKind::kPlain);
    EXPECT_EQ(FormatCodeKind("@"), NumberKind::kPlain);
    EXPECT_EQ(FormatCodeKind("\\d0"), NumberKind::kPlain) << "an escaped d is a literal";
}

TEST(XlsxCellsTest, OoxmlEscapesAreUndone) {
    EXPECT_EQ(Unescape("a_x000D_b"), "a\rb");
    EXPECT_EQ(Unescape("_x005F_x000D_"), "_x000D_") << "_x005F_ is an escaped underscore";
    EXPECT_EQ(Unescape("_x4E2D_"), "中");
    EXPECT_EQ(Unescape("_xZZZZ_"), "_xZZZZ_");
    EXPECT_EQ(Unescape("_xD800_"), "_xD800_");
    EXPECT_EQ(Unescape("snake_case_x"), "snake_case_x");
}

}  // namespace
}  // namespace kehou::io::xlsx
