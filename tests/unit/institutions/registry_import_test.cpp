// Registry import parsing: the headers and encodings officials use, every bad row reported by line and
// column with the form's own checks, R3.5 pilot codes, duplicates inside the file, and the template.
#include "institutions/registry_import.hpp"

#include <gtest/gtest.h>

#include <utility>

#include "core/ids.hpp"
#include "institutions/import_service.hpp"
#include "io/tabular.hpp"
#include "support/text.hpp"
#include "unit/io/workbooks.hpp"

namespace kehou::institutions {
namespace {

using namespace std::chrono;
constexpr year_month_day kToday{year{2026}, month{11}, day{23}};

std::string Code(const std::string& first17) { return first17 + CreditCodeCheckCharacter(first17); }

// A valid code with its check character replaced: what an early pilot code looks like to the checker.
std::string BadCheck(const std::string& first17) {
    const char good = CreditCodeCheckCharacter(first17);
    return first17 + (good == '0' ? '1' : '0');
}

std::string Lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

using Found = std::vector<std::pair<int, std::string>>;

Found LinesAndFields(const std::vector<RegistryImportProblem>& problems) {
    Found out;
    for (const auto& p : problems) out.emplace_back(p.line, p.field);
    return out;
}

const std::string kSport = Code("91370811MA3C12345");
const std::string kSubject = Code("52370811MJD123456");
const std::string kForProfitSubject = Code("91370811MA3C54321");
const std::string kPilot = "91350100M0001TGQXM";  // docs/institutions.md: fails only its check character

std::string Registry() {
    return "机构名称,统一社会信用代码,类别,形式,地址,办学许可证号,许可日期,备案号,备案日期,民非登记证号,法定代表人,"
           "状态,纳入压减基数,信用代码核实说明\r\n"
           // 2: good, non-subject
           "任城区启航体育培训中心," + kSport + ",体育,线下,任城区建设路 1 号,,,,,,王某,正常经营,是,\r\n"
           // 3: good, subject: non-profit code and registration, licensed; the date as Excel shows it
           "任城区明德培训学校," + kSubject + ",学科类,线下,\"任城区建设路 2 号\n二楼\",教民137081110000001号,"
           "2021/3/5,,,民非370811001,李某,整改中,是,\r\n"
           // 5 (the quoted address spans line 4): a pilot code without the reason
           "某科技培训," + kPilot + ",科技,线上,某路 3 号,,,,,,赵某,,否,\r\n"
           // 6: a pilot code with the reason: good
           "某艺术培训," + BadCheck("91370811MA3C77777") + ",非学科类（文化艺术）,online,某路 4 号,,,,,,钱某,operating,否,"
           "经国家企业信用信息公示系统核实为早期试点代码\r\n"
           // 7: a 91 code for a 学科类 institution without a non-profit registration: two problems
           "某学科培训公司," + kForProfitSubject + ",学科类,线上,某路 5 号,教民137081110000002号,2022-01-10,,,,孙某,,,\r\n"
           // 8: the code of line 2 again
           "启航体育二部," + kSport + ",体育,线下,某路 6 号,,,,,,王某,,,\r\n"
           // 9: a category that is not one
           "某舞蹈培训," + Code("91370811MA3C22222") + ",舞蹈,线下,某路 7 号,,,,,,周某,,,\r\n"
           ",,,,,,,,,,,,,\r\n"
           // 11: a licence dated in the future
           "某编程培训," + Code("91370811MA3C33333") + ",科技,线下,某路 8 号,教民137081170000003号,2099-01-01,,,,吴某,,,\r\n"
           // 12: a status that is not one, and a flag that is not yes or no
           "某美术培训," + Code("91370811MA3C44444") + ",文化艺术,线下,某路 9 号,,,,,,郑某,营业,也许,\r\n"
           // 13: the template's example left in
           "【示例】任城区某某艺术培训学校有限公司," + Code("91370811MA3C55555") + ",文化艺术,线下,某路,,,,,,张某,,,\r\n"
           // 14: no legal representative
           "某围棋培训," + Code("91370811MA3C66666") + ",文化艺术,线下,某路 10 号,,,,,,,,,\r\n";
}

const Found kRegistryProblems = {{5, "credit_code"},  {7, "credit_code"}, {7, "nonprofit_reg_no"},
                                 {8, "credit_code"},  {9, "category"},    {11, "licence_date"},
                                 {12, "status"},      {12, "in_baseline"}, {13, "name"},
                                 {14, "legal_representative"}};

TEST(RegistryImportTest, ReadsChineseHeadersAndReportsEveryBadRowByLineAndColumn) {
    const auto p = ParseRegistryImport("\xEF\xBB\xBF" + Registry(), "370811", kToday);
    EXPECT_EQ(p.encoding, "utf-8");
    EXPECT_EQ(p.data_rows, 11) << "the line of empty cells is not a row";
    ASSERT_EQ(p.rows.size(), 3u);
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[1].line, 3);
    EXPECT_EQ(p.rows[2].line, 6);
    const Institution& sport = p.rows[0].institution;
    EXPECT_EQ(sport.unit_code, "370811");
    EXPECT_EQ(sport.name, "任城区启航体育培训中心");
    EXPECT_EQ(sport.category, InstitutionCategory::kNonSubjectSport);
    EXPECT_EQ(sport.delivery, Delivery::kOffline);
    EXPECT_TRUE(sport.in_baseline);
    EXPECT_FALSE(sport.licence_no.has_value()) << "an empty cell is no value, not an empty one";
    EXPECT_TRUE(sport.staff.empty()) << "staff are not imported";
    const Institution& subject = p.rows[1].institution;
    EXPECT_EQ(subject.category, InstitutionCategory::kSubject);
    EXPECT_EQ(subject.status, InstitutionStatus::kRectifying);
    EXPECT_EQ(subject.licence_date, "2021-03-05") << "2021/3/5 as Excel shows it";
    EXPECT_EQ(subject.address, "任城区建设路 2 号\n二楼");
    EXPECT_EQ(subject.nonprofit_reg_no, "民非370811001");
    const Institution& pilot = p.rows[2].institution;
    EXPECT_EQ(pilot.category, InstitutionCategory::kNonSubjectArt);
    EXPECT_EQ(pilot.delivery, Delivery::kOnline);
    EXPECT_EQ(pilot.credit_override_reason, "经国家企业信用信息公示系统核实为早期试点代码");

    EXPECT_EQ(LinesAndFields(p.problems), kRegistryProblems);
    for (const auto& pr : p.problems) {
        EXPECT_FALSE(pr.message_zh.empty());
        EXPECT_FALSE(pr.message_en.empty());
    }
    EXPECT_NE(p.problems[0].message_zh.find("核实说明"), std::string::npos)
        << "a checksum failure says how to keep a pilot code: " << p.problems[0].message_zh;
    EXPECT_NE(p.problems[3].message_zh.find("第 2 行"), std::string::npos) << p.problems[3].message_zh;
    EXPECT_NE(p.problems[3].message_en.find("line 2"), std::string::npos);
}

TEST(RegistryImportTest, ReadsGbkAsExcelInChinaWritesIt) {
    const std::string gbk = kehou::testing::ToGbk(Registry());
    ASSERT_NE(gbk, Registry());
    const auto p = ParseRegistryImport(gbk, "370811", kToday);
    EXPECT_EQ(p.encoding, "gbk");
    ASSERT_EQ(p.rows.size(), 3u);
    EXPECT_EQ(p.rows[0].institution.name, "任城区启航体育培训中心");
    EXPECT_EQ(LinesAndFields(p.problems), kRegistryProblems);
}

TEST(RegistryImportTest, ReadsEnglishHeadersInAnyOrderAndTheCodes) {
    const std::string csv =
        "Legal_Representative,Name*,credit_code,category,delivery,address,status,in_baseline,licence_no,"
        "nonprofit_reg_no\n"
        "王某,某体育培训," + Code("91370811MA3C12345") + ",non_subject_sport,offline,某路 1 号,suspended,TRUE,,\n"
        "李某,某学科培训," + Code("52370811MJD123456") + ",subject,online,某路 2 号,,FALSE,教民1,民非1\n"
        "赵某,某艺术培训," + BadCheck("91370811MA3C77777") + ",non_subject_art,offline,某路 3 号,,,,\n";
    const auto p = ParseRegistryImport(csv, "370811", kToday);
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].institution.legal_representative, "王某");
    EXPECT_EQ(p.rows[0].institution.status, InstitutionStatus::kSuspended);
    EXPECT_TRUE(p.rows[0].institution.in_baseline);
    EXPECT_EQ(p.rows[1].institution.delivery, Delivery::kOnline);
    EXPECT_FALSE(p.rows[1].institution.in_baseline);
    EXPECT_EQ(LinesAndFields(p.problems), (Found{{4, "credit_code"}})) << "a pilot code without a reason";
}

TEST(RegistryImportTest, AMissingRequiredColumnIsOneProblemOnTheHeaderLine) {
    const auto p = ParseRegistryImport("机构名称,统一社会信用代码,类别,形式,地址\n某机构," + kSport + ",体育,线下,某路\n",
                                       "370811", kToday);
    EXPECT_EQ(LinesAndFields(p.problems), (Found{{1, "legal_representative"}}));
    EXPECT_NE(p.problems[0].message_zh.find("法定代表人"), std::string::npos);
    EXPECT_TRUE(p.rows.empty());
    EXPECT_EQ(LinesAndFields(ParseRegistryImport("", "370811", kToday).problems), (Found{{1, "file"}}));
    EXPECT_EQ(LinesAndFields(ParseRegistryImport("PK\x03\x04 not a workbook", "370811", kToday).problems),
              (Found{{1, "file"}}));
}

TEST(RegistryImportTest, DuplicatesInsideTheFileNameTheFirstLineWhateverTheCase) {
    const std::string csv = "机构名称,统一社会信用代码,类别,形式,地址,法定代表人\n"
                            "甲," + kSport + ",体育,线下,某路,王某\n"
                            "乙," + Code("91370811MA3C22222") + ",体育,线下,某路,王某\n"
                            "丙, " + Lower(kSport) + " ,体育,线下,某路,王某\n";
    const auto p = ParseRegistryImport(csv, "370811", kToday);
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(LinesAndFields(p.problems), (Found{{4, "credit_code"}}));
    EXPECT_NE(p.problems[0].message_en.find("line 2"), std::string::npos);
}

// The registry as an official keeps it in Excel: text cells, a real date cell, a boolean cell, and a gap
// of one empty sheet row, so the line numbers are the sheet's row numbers.
TEST(RegistryImportTest, ReadsAWorkbookWithDateAndBooleanCells) {
    const std::string book = kehou::testing::XlsxWith([](lxw_workbook* wb) {
        lxw_worksheet* s = workbook_add_worksheet(wb, "培训机构");
        lxw_format* date = workbook_add_format(wb);
        format_set_num_format(date, "yyyy-mm-dd");
        const char* header[] = {"机构名称", "统一社会信用代码", "类别", "形式", "地址", "办学许可证号", "许可日期",
                                "民非登记证号", "法定代表人", "纳入压减基数"};
        for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(s, 0, c, header[c], nullptr);
        const std::string subject = kSubject;
        worksheet_write_string(s, 1, 0, "任城区明德培训学校", nullptr);
        worksheet_write_string(s, 1, 1, subject.c_str(), nullptr);
        worksheet_write_string(s, 1, 2, "学科类", nullptr);
        worksheet_write_string(s, 1, 3, "线下", nullptr);
        worksheet_write_string(s, 1, 4, "某路 2 号", nullptr);
        worksheet_write_string(s, 1, 5, "教民137081110000001号", nullptr);
        lxw_datetime issued = {2021, 3, 5, 0, 0, 0};
        worksheet_write_datetime(s, 1, 6, &issued, date);
        worksheet_write_string(s, 1, 7, "民非370811001", nullptr);
        worksheet_write_string(s, 1, 8, "李某", nullptr);
        worksheet_write_boolean(s, 1, 9, 1, nullptr);
        // Row 3 of the sheet left empty; row 4 lacks the licence a 学科类 institution needs.
        worksheet_write_string(s, 3, 0, "某学科培训", nullptr);
        worksheet_write_string(s, 3, 1, Code("52370811MJD654321").c_str(), nullptr);
        worksheet_write_string(s, 3, 2, "学科类", nullptr);
        worksheet_write_string(s, 3, 3, "线上", nullptr);
        worksheet_write_string(s, 3, 4, "某路 3 号", nullptr);
        worksheet_write_string(s, 3, 7, "民非370811002", nullptr);
        worksheet_write_string(s, 3, 8, "周某", nullptr);
    });
    const auto p = ParseRegistryImport(book, "370811", kToday);
    EXPECT_EQ(p.encoding, "xlsx");
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[0].institution.licence_date, "2021-03-05") << "a date cell reads as the date";
    EXPECT_TRUE(p.rows[0].institution.in_baseline) << "a TRUE cell is yes";
    EXPECT_EQ(LinesAndFields(p.problems), (Found{{4, "licence_no"}}));
}

TEST(RegistryImportTest, DatesAsOfficialsTypeThem) {
    EXPECT_EQ(NormaliseImportDate("2021-03-05"), "2021-03-05");
    EXPECT_EQ(NormaliseImportDate("2021/3/5"), "2021-03-05");
    EXPECT_EQ(NormaliseImportDate("2021.3.15"), "2021-03-15");
    EXPECT_EQ(NormaliseImportDate("2021年3月15日"), "2021-03-15");
    EXPECT_EQ(NormaliseImportDate("20210315"), "2021-03-15");
    EXPECT_EQ(NormaliseImportDate("2021-03-15 00:00"), "2021-03-15");
    EXPECT_EQ(NormaliseImportDate("2021-03-15 08:30"), "2021-03-15 08:30") << "left for the date check to refuse";
    EXPECT_EQ(NormaliseImportDate("去年三月"), "去年三月");
    EXPECT_EQ(NormaliseImportDate("21/3/5"), "21/3/5");
}

TEST(RegistryImportTest, TheTemplateHasEveryColumnAndAnExampleThatIsNeverImported) {
    const std::string book = RegistryImportTemplate();
    const io::Table table = io::ReadTable(book);
    ASSERT_FALSE(table.error);
    ASSERT_EQ(table.rows.size(), 2u) << "the header and the example; the notes sheet is not read";
    ASSERT_EQ(table.rows[0].size(), RegistryImportColumns().size());
    for (std::size_t i = 0; i < table.rows[0].size(); ++i)
        EXPECT_EQ(table.rows[0][i], RegistryImportColumns()[i].header_zh);
    const auto p = ParseRegistryImport(book, "370811", kToday);
    EXPECT_TRUE(p.rows.empty());
    EXPECT_EQ(LinesAndFields(p.problems), (Found{{2, "name"}})) << "the example is otherwise a valid row";
}

}  // namespace
}  // namespace kehou::institutions
