// Roster parsing: encodings Excel writes, Chinese headers, every bad row reported by line.
#include <gtest/gtest.h>

#include <tuple>

#include "core/ids.hpp"
#include "io/tabular.hpp"
#include "org/roster.hpp"
#include "support/text.hpp"
#include "unit/io/workbooks.hpp"

namespace kehou::org {
namespace {

using namespace std::chrono;
constexpr year_month_day kToday{year{2026}, month{11}, day{23}};



std::string Roster() {
    const std::string a = kehou::testing::IdNumber("37081120170312123"), b = kehou::testing::IdNumber("37081120170815224"), c = kehou::testing::IdNumber("37081120170101111");
    return "年级,班级,姓名,性别,身份证号,学籍号,家庭经济困难,监护人姓名,监护人关系,监护人手机,是否接送人\r\n"
           "三年级,2班,王小明,男," + a + ",G" + a + ",否,王大明,父亲,13800138000,是\r\n"
           "3,2,李小红,女," + b + ",G" + b + ",是,,,,\r\n"
           "3,2,张三,女," + c + ",G" + c + ",否,,,,\r\n"           // sex contradicts digit 17
           "3,2,王小明二,男," + a + ",G" + a + ",否,,,,\r\n"        // same identity number as line 2
           "8,1,赵四,男," + kehou::testing::IdNumber("37081120130101131") + ",G" + kehou::testing::IdNumber("37081120130101131") + ",否,,,,\r\n"  // grade 8
           "3,2,\"钱,五\",男,37081120170101111X,G1,否,,,,\r\n"
           ",,,,,,,,,,\r\n"
           "3,1,孙六,男," + kehou::testing::IdNumber("37081120170202151") + ",G" + kehou::testing::IdNumber("37081120170202151") + ",也许,,,,\r\n"
           "3,1,周七,男," + kehou::testing::IdNumber("37081120170303171") + ",G" + kehou::testing::IdNumber("37081120170303171") + ",否,周爸爸,父亲,1234,否\r\n";
}

TEST(RosterTest, ReadsUtf8WithBomAndReportsEveryBadRowByLine) {
    const RosterParse p = ParseRoster("\xEF\xBB\xBF" + Roster(), kToday, 1, 6);
    EXPECT_EQ(p.encoding, "utf-8");
    EXPECT_EQ(p.data_rows, 8) << "the line of empty cells is not a row";
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[0].grade, 3);
    EXPECT_EQ(p.rows[0].class_no, 2);
    ASSERT_TRUE(p.rows[0].guardian);
    EXPECT_EQ(p.rows[0].guardian->relation, "father");
    EXPECT_TRUE(p.rows[0].guardian->pickup_authorised);
    EXPECT_EQ(p.rows[0].birth_date, "2017-03-12");
    EXPECT_TRUE(p.rows[1].student.flags.hardship);
    std::vector<std::pair<int, std::string>> got;
    for (const auto& pr : p.problems) got.emplace_back(pr.line, pr.field);
    const std::vector<std::pair<int, std::string>> want = {{4, "sex"},     {5, "id_number"},   {6, "grade"},
                                                           {7, "id_number"}, {9, "hardship"}, {10, "guardian_mobile"}};
    EXPECT_EQ(got, want);
    for (const auto& pr : p.problems) {
        EXPECT_FALSE(pr.message_zh.empty());
        EXPECT_FALSE(pr.message_en.empty());
    }
}

TEST(RosterTest, ReadsGbkAsExcelInChinaWritesIt) {
    const std::string gbk = kehou::testing::ToGbk(Roster());
    ASSERT_NE(gbk, Roster());
    const RosterParse p = ParseRoster(gbk, kToday, 1, 6);
    EXPECT_EQ(p.encoding, "gbk");
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].student.name, "王小明");
    EXPECT_EQ(p.problems.size(), 6u);
}

// The CSV roster as an official would keep it in Excel: digits that fit a number (grade, class, mobile)
// typed as numbers, identity and student numbers as text.
std::string RosterAsXlsx(const std::string& csv) {
    const io::Table table = io::ReadCsv(csv);
    return kehou::testing::XlsxWith([&](lxw_workbook* book) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, "学生名册");
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                const std::string& v = table.rows[r][c];
                const auto row = static_cast<lxw_row_t>(table.lines[r] - 1);
                const auto col = static_cast<lxw_col_t>(c);
                if (!v.empty() && v.size() <= 15 && v.find_first_not_of("0123456789") == std::string::npos)
                    worksheet_write_number(sheet, row, col, std::stod(v), nullptr);
                else if (!v.empty())
                    worksheet_write_string(sheet, row, col, v.c_str(), nullptr);
            }
    });
}

TEST(RosterTest, AnXlsxRosterReadsExactlyLikeItsCsv) {
    const RosterParse csv = ParseRoster(Roster(), kToday, 1, 6);
    const RosterParse xlsx = ParseRoster(RosterAsXlsx(Roster()), kToday, 1, 6);
    EXPECT_EQ(xlsx.encoding, "xlsx");
    EXPECT_EQ(xlsx.data_rows, csv.data_rows);
    ASSERT_EQ(xlsx.rows.size(), csv.rows.size());
    ASSERT_EQ(csv.rows.size(), 2u);
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        const RosterRow &a = csv.rows[i], &b = xlsx.rows[i];
        EXPECT_EQ(b.line, a.line);
        EXPECT_EQ(std::tie(b.grade, b.class_no, b.birth_date), std::tie(a.grade, a.class_no, a.birth_date));
        EXPECT_EQ(std::tie(b.student.name, b.student.sex, b.student.id_number, b.student.student_number),
                  std::tie(a.student.name, a.student.sex, a.student.id_number, a.student.student_number));
        EXPECT_EQ(b.student.flags.hardship, a.student.flags.hardship);
        ASSERT_EQ(b.guardian.has_value(), a.guardian.has_value());
        if (a.guardian) {
            const GuardianInput &ga = *a.guardian, &gb = *b.guardian;
            EXPECT_EQ(std::tie(gb.name, gb.relation, gb.mobile, gb.pickup_authorised),
                      std::tie(ga.name, ga.relation, ga.mobile, ga.pickup_authorised));
        }
    }
    ASSERT_EQ(xlsx.problems.size(), csv.problems.size());
    for (std::size_t i = 0; i < csv.problems.size(); ++i) {
        const RosterProblem &a = csv.problems[i], &b = xlsx.problems[i];
        EXPECT_EQ(std::tie(b.line, b.field, b.message_zh, b.message_en),
                  std::tie(a.line, a.field, a.message_zh, a.message_en));
    }
    EXPECT_EQ(xlsx.rows[0].guardian->mobile, "13800138000") << "a mobile typed as a number";
}

TEST(RosterTest, AnUnreadableWorkbookIsOneProblemAtLineOne) {
    const std::string broken = RosterAsXlsx(Roster()).substr(0, 300);
    const RosterParse p = ParseRoster(broken, kToday, 1, 6);
    EXPECT_EQ(p.encoding, "xlsx");
    EXPECT_TRUE(p.rows.empty());
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_EQ(p.problems[0].line, 1);
    EXPECT_EQ(p.problems[0].field, "file");
    EXPECT_NE(p.problems[0].message_zh.find("Excel"), std::string::npos);
}

TEST(RosterTest, LineNumbersSurviveBlankLinesAndLineEndings) {
    const std::string good = kehou::testing::IdNumber("37081120170312123");
    for (const std::string nl : {"\n", "\r\n"}) {
        const std::string file = "年级,班级,姓名,性别,身份证号,学籍号" + nl + nl + nl + "3,1,王小明,男," + good +
                                 ",G" + good + nl + "3,1,\"李\n红\",女,123,G1" + nl + nl + "3,1,张三,男,1,G1" + nl;
        const RosterParse p = ParseRoster(file, kToday, 1, 6);
        ASSERT_EQ(p.rows.size(), 1u);
        EXPECT_EQ(p.rows[0].line, 4) << "after two blank lines";
        ASSERT_EQ(p.problems.size(), 2u);
        EXPECT_EQ(p.problems[0].line, 5);
        EXPECT_EQ(p.problems[1].line, 8) << "the quoted field spans lines 5 and 6, then a blank line 7";
    }
}

TEST(RosterTest, MissingRequiredColumnsStopAtTheHeader) {
    const RosterParse p = ParseRoster("姓名,性别\n王小明,男\n", kToday, 1, 6);
    EXPECT_TRUE(p.rows.empty());
    ASSERT_EQ(p.problems.size(), 4u);
    EXPECT_EQ(p.problems[0].line, 1);
}

TEST(RosterTest, EnglishHeadersAndJuniorGradesWork) {
    const std::string id = kehou::testing::IdNumber("37081120130101131");
    const RosterParse p = ParseRoster("grade,class_no,name,sex,id_number,student_number\n初二,3,赵四,male," + id +
                                          ",G" + id + "\n",
                                      kToday, 7, 9);
    ASSERT_EQ(p.rows.size(), 1u) << (p.problems.empty() ? "" : p.problems[0].message_en);
    EXPECT_EQ(p.rows[0].grade, 8);
}

TEST(RosterTest, BytesThatAreNeitherUtf8NorGbkAreRefused) {
    const RosterParse p = ParseRoster(std::string("\xFF\xFE\x00\x41\x00", 5), kToday, 1, 6);
    EXPECT_TRUE(p.rows.empty());
    ASSERT_FALSE(p.problems.empty());
    EXPECT_EQ(p.problems[0].field, "file");
}

}  // namespace
}  // namespace kehou::org
