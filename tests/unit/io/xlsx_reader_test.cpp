// The .xlsx reader against real workbooks (libxlsxwriter), hand-made ones (libzip) and hostile files.
#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include "io/tabular.hpp"
#include "unit/io/workbooks.hpp"

namespace kehou::io {
namespace {

using kehou::testing::XlsxWith;
using kehou::testing::ZipOf;
using Parts = std::vector<std::pair<std::string, std::string>>;

// A roster-like first sheet with every kind of cell, and a second sheet that must not be read.
std::string RichWorkbook() {
    return XlsxWith([](lxw_workbook* book) {
        lxw_worksheet* s = workbook_add_worksheet(book, "名册");
        lxw_format* iso = workbook_add_format(book);
        format_set_num_format(iso, "yyyy-mm-dd");
        lxw_format* builtin = workbook_add_format(book);
        format_set_num_format_index(builtin, 14);
        lxw_format* zh = workbook_add_format(book);
        format_set_num_format(zh, "yyyy\"年\"m\"月\"d\"日\"");
        lxw_format* stamp = workbook_add_format(book);
        format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
        lxw_format* red = workbook_add_format(book);
        format_set_num_format(red, "0.00;[Red]-0.00");
        const char* header[] = {"姓名", "年级", "身份证号", "生日", "备注", "在校"};
        for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(s, 0, c, header[c], nullptr);
        lxw_datetime birthday = {2017, 3, 12, 0, 0, 0};
        worksheet_write_string(s, 1, 0, "王小明", nullptr);
        worksheet_write_number(s, 1, 1, 3, nullptr);
        worksheet_write_string(s, 1, 2, "370811201703121234", nullptr);  // typed as text: exact
        worksheet_write_datetime(s, 1, 3, &birthday, iso);
        worksheet_write_boolean(s, 1, 5, 1, nullptr);  // column E left empty in the middle
        worksheet_write_string(s, 2, 0, "李小红", nullptr);
        worksheet_write_number(s, 2, 1, 2.5, red);
        worksheet_write_number(s, 2, 2, 370811201703121234.0, nullptr);  // typed as a number
        worksheet_write_datetime(s, 2, 3, &birthday, builtin);
        worksheet_write_string(s, 2, 4, "插班", nullptr);
        worksheet_write_boolean(s, 2, 5, 0, nullptr);
        worksheet_write_string(s, 4, 2, "只有C5", nullptr);  // row 4 missing entirely
        worksheet_write_number(s, 5, 0, -42, nullptr);
        worksheet_write_number(s, 5, 1, 13800138000, nullptr);
        worksheet_write_number(s, 5, 2, 1e15, nullptr);
        worksheet_write_number(s, 5, 3, 0.1 + 0.2, nullptr);
        worksheet_write_formula_num(s, 5, 4, "=1+2", nullptr, 3);
        worksheet_write_formula_str(s, 5, 5, "=\"甲\"&\"乙\"", nullptr, "甲乙");
        lxw_datetime start = {2024, 9, 1, 8, 30, 0};
        worksheet_write_datetime(s, 6, 0, &birthday, zh);
        worksheet_write_datetime(s, 6, 1, &start, stamp);
        lxw_format* bold = workbook_add_format(book);
        format_set_bold(bold);
        char wang[] = "王", xiaoming[] = "小明";  // the tuple's field is a non-const char*
        lxw_rich_string_tuple a = {nullptr, wang}, b = {bold, xiaoming};
        lxw_rich_string_tuple* runs[] = {&a, &b, nullptr};
        worksheet_write_rich_string(s, 6, 2, runs, nullptr);
        worksheet_write_blank(s, 7, 3, bold);  // styled but empty: no row
        lxw_worksheet* other = workbook_add_worksheet(book, "其他");
        worksheet_write_string(other, 0, 0, "不应读到", nullptr);
    });
}

Rows ReadOk(std::string_view bytes, const XlsxLimits& limits = {}) {
    ReadError error;
    auto rows = ReadXlsxFirstSheet(bytes, error, limits);
    EXPECT_TRUE(rows) << error.message_en;
    return rows.value_or(Rows{});
}

// Refused with a message in both languages; returns the English one for the caller to check.
std::string Refused(std::string_view bytes, const XlsxLimits& limits = {}) {
    ReadError error;
    const auto rows = ReadXlsxFirstSheet(bytes, error, limits);
    EXPECT_FALSE(rows);
    EXPECT_FALSE(error.message_zh.empty());
    EXPECT_FALSE(error.message_en.empty());
    return error.message_en;
}

TEST(XlsxReaderTest, ReadsTheFirstSheetOfARealWorkbookAsTheOfficialSeesIt) {
    const std::string bytes = RichWorkbook();
    ASSERT_TRUE(LooksLikeXlsx(bytes));
    const Rows rows = ReadOk(bytes);
    ASSERT_EQ(rows.size(), 7u) << "rows 1-7; the blank styled cell in row 8 makes no row";
    EXPECT_EQ(rows[0], (std::vector<std::string>{"姓名", "年级", "身份证号", "生日", "备注", "在校"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"王小明", "3", "370811201703121234", "2017-03-12", "", "TRUE"}));
    ASSERT_EQ(rows[2].size(), 6u);
    EXPECT_EQ(rows[2][0], "李小红");
    EXPECT_EQ(rows[2][1], "2.5");
    // 18 digits do not fit a double: Excel keeps 15-17 significant digits, and we give them without E+17.
    EXPECT_EQ(rows[2][2].size(), 18u) << rows[2][2];
    EXPECT_EQ(rows[2][2].find_first_not_of("0123456789"), std::string::npos) << rows[2][2];
    EXPECT_EQ(rows[2][2].substr(0, 15), "370811201703121");
    EXPECT_EQ(rows[2][3], "2017-03-12") << "built-in format 14";
    EXPECT_EQ(rows[2][4], "插班");
    EXPECT_EQ(rows[2][5], "FALSE");
    EXPECT_TRUE(rows[3].empty()) << "a missing row keeps its place";
    EXPECT_EQ(rows[4], (std::vector<std::string>{"", "", "只有C5"}));
    EXPECT_EQ(rows[5], (std::vector<std::string>{"-42", "13800138000", "1000000000000000", "0.3", "3", "甲乙"}));
    EXPECT_EQ(rows[6], (std::vector<std::string>{"2017-03-12", "2024-09-01 08:30", "王小明"}));
}

// The minimal parts of a workbook; each test replaces what it is about.
Parts HandMadeParts() {
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    return {
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats"
         ".org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" +
             rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel +
             "\"><workbookPr date1904=\"1\"/><sheets><sheet name=\"名单\" sheetId=\"2\" r:id=\"rId2\"/>"
             "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
             rel +
             "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
             "<Relationship Id=\"rId2\" Type=\"" +
             rel +
             "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"" +
             rel +
             "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
             "<Relationship Id=\"rId4\" Type=\"" +
             rel + "/styles\" Target=\"/xl/styles.xml\"/></Relationships>"},
        {"xl/sharedStrings.xml", "<sst xmlns=\"" + main +
                                     "\"><si><r><t>王</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">小明 </t></r>"
                                     "<rPh sb=\"0\" eb=\"1\"><t>wang</t></rPh></si><si><t>x_x000D_y</t></si></sst>"},
        {"xl/styles.xml",
         "<styleSheet xmlns=\"" + main +
             "\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"},
        // The first sheet in tab order lives in sheet2.xml, and this writer spells its elements with a prefix.
        {"xl/worksheets/sheet2.xml",
         "<x:worksheet xmlns:x=\"" + main +
             "\"><x:sheetData>"
             "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>内联</x:t></x:is></x:c>"
             "<x:c r=\"B1\" t=\"s\"><x:v>0</x:v></x:c>"
             "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:r><x:t>A</x:t></x:r><x:r><x:t>B</x:t></x:r></x:is></x:c></x:row>"
             "<x:row><x:c t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>"
             "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"D3\" s=\"1\"><x:v>366</x:v></x:c>"
             "<x:c r=\"E3\" t=\"s\"/></x:row>"
             "</x:sheetData></x:worksheet>"},
        {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + main +
                                         "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>第二个工作表"
                                         "</t></is></c></row></sheetData></worksheet>"},
    };
}

std::string WithPart(Parts parts, const std::string& name, std::string content) {
    for (auto& [n, c] : parts)
        if (n == name) c = std::move(content);
    return ZipOf(parts);
}

std::string Sheet(const std::string& rows) {
    return "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows +
           "</sheetData></worksheet>";
}

TEST(XlsxReaderTest, HandMadeWorkbookFollowsTheRelationshipsToItsFirstSheet) {
    const Rows rows = ReadOk(ZipOf(HandMadeParts()));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"内联", "王小明 ", "AB"})) << "runs joined, phonetic guide left out";
    EXPECT_EQ(rows[1], (std::vector<std::string>{"a", "2"})) << "cells without r follow each other";
    EXPECT_EQ(rows[2], (std::vector<std::string>{"x\ry", "", "", "1905-01-01"})) << "1904 date system";
}

TEST(XlsxReaderTest, AHiddenFirstSheetGivesWayToTheFirstVisibleOne) {
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string book =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"" + rel +
        "\"><sheets><sheet name=\"字典\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
        "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const Rows rows = ReadOk(WithPart(HandMadeParts(), "xl/workbook.xml", book));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "第二个工作表");
}

TEST(XlsxReaderTest, BytesThatAreNoWorkbookAreRefusedWithAMessage) {
    EXPECT_FALSE(LooksLikeXlsx("年级,班级\n3,2\n"));
    EXPECT_FALSE(LooksLikeXlsx(""));
    Refused("年级,班级\n3,2\n");
    Refused("");
    Refused(std::string("PK\x03\x04", 4) + std::string(2000, '\x5A'));
    const std::string real = RichWorkbook();
    for (const std::size_t keep : {std::size_t{10}, real.size() / 2, real.size() - 30}) Refused(real.substr(0, keep));
    EXPECT_NE(Refused(ZipOf({{"hello.txt", "not a workbook"}})).find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxReaderTest, DamagedCompressedDataIsRefused) {
    std::string bytes = RichWorkbook();
    // Overwrite compressed bytes of the sheet itself, leaving the zip directory intact.
    const auto at = bytes.find("xl/worksheets/sheet1.xml");
    ASSERT_NE(at, std::string::npos);
    for (std::size_t i = at + 40; i < at + 120; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    Refused(bytes);
}

TEST(XlsxReaderTest, MalformedOrHostileXmlIsRefused) {
    const Parts parts = HandMadeParts();
    EXPECT_NE(Refused(WithPart(parts, "xl/worksheets/sheet2.xml", "<worksheet><sheetData><row>")).find("sheet2.xml"),
              std::string::npos);
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
    EXPECT_NE(Refused(WithPart(parts, "xl/worksheets/sheet2.xml", laughs)).find("DTD"), std::string::npos);
    EXPECT_NE(Refused(WithPart(parts, "xl/worksheets/sheet2.xml", Sheet("<row><c t=\"s\"><v>99</v></c></row>")))
                  .find("shared string"),
              std::string::npos);
    Refused(WithPart(parts, "xl/_rels/workbook.xml.rels", "<Relationships/>"));  // no sheet to read
}

TEST(XlsxReaderTest, ZipBombsAndHugeSheetsStopAtTheLimits) {
    const Parts parts = HandMadeParts();
    // 2 MiB of XML whitespace compresses to a few kilobytes.
    const std::string bomb = Sheet(std::string(2u << 20, ' ') + "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
    const std::string small_bomb = WithPart(parts, "xl/worksheets/sheet2.xml", bomb);
    ASSERT_LT(small_bomb.size(), 100000u);
    XlsxLimits one_mib;
    one_mib.max_part_bytes = 1u << 20;
    EXPECT_NE(Refused(small_bomb, one_mib).find("too large"), std::string::npos);
    EXPECT_EQ(ReadOk(small_bomb).size(), 1u) << "within the default 20 MiB";

    // A value at the sheet's far corner must not make a million rows or columns.
    const auto far = [&](const char* ref) {
        return WithPart(parts, "xl/worksheets/sheet2.xml",
                        Sheet(std::string("<row><c r=\"") + ref + "\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));
    };
    EXPECT_NE(Refused(far("A1048576")).find("rows"), std::string::npos);
    EXPECT_NE(Refused(far("XFD1")).find("columns"), std::string::npos);
    XlsxLimits two_rows;
    two_rows.max_rows = 2;
    EXPECT_EQ(ReadOk(far("B2"), two_rows).size(), 2u);
    Refused(far("B3"), two_rows);

    // One long shared string repeated in many cells would multiply in memory.
    std::string many;
    for (int r = 1; r <= 50; ++r) many += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
    XlsxLimits little_text;
    little_text.max_text_bytes = 200;
    const std::string repeated = WithPart(parts, "xl/worksheets/sheet2.xml", Sheet(many));
    EXPECT_EQ(ReadOk(repeated).size(), 50u);
    EXPECT_NE(Refused(repeated, little_text).find("too much"), std::string::npos);
}

TEST(XlsxTabularTest, UploadsAreToldApartByContent) {
    const Table sheet = ReadTable(ZipOf(HandMadeParts()));
    EXPECT_EQ(sheet.encoding, "xlsx");
    ASSERT_FALSE(sheet.error);
    EXPECT_EQ(sheet.lines, (std::vector<int>{1, 2, 3}));

    const Table csv = ReadTable("a,b\n\n\"x\ny\",z\n");
    EXPECT_EQ(csv.encoding, "utf-8");
    EXPECT_EQ(csv.rows, (Rows{{"a", "b"}, {"x\ny", "z"}}));
    EXPECT_EQ(csv.lines, (std::vector<int>{1, 3}));

    const Table xls = ReadTable(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
    ASSERT_TRUE(xls.error);
    EXPECT_NE(xls.error->message_en.find(".xls"), std::string::npos);

    const Table broken = ReadTable(std::string("PK\x03\x04", 4) + "junk");
    EXPECT_EQ(broken.encoding, "xlsx");
    ASSERT_TRUE(broken.error);
}

TEST(XlsxTabularTest, BlankSheetRowsAreDroppedButKeepTheRowNumbersOfTheRest) {
    const std::string rows =
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>头</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t></t></is></c></row>"
        "<row r=\"5\"><c r=\"B5\"><v>7</v></c></row>";
    const Table t = ReadTable(WithPart(HandMadeParts(), "xl/worksheets/sheet2.xml", Sheet(rows)));
    ASSERT_FALSE(t.error) << t.error->message_en;
    EXPECT_EQ(t.rows, (Rows{{"头"}, {"", "7"}}));
    EXPECT_EQ(t.lines, (std::vector<int>{2, 5}));
}

}  // namespace
}  // namespace kehou::io
