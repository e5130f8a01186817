// Roster import over HTTP: preview writes nothing, confirm writes every good row at once; export.
#include <gtest/gtest.h>

#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/live_server.hpp"
#include "core/ids.hpp"
#include "support/text.hpp"
#include "support/http_client.hpp"
#include "unit/io/workbooks.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;



struct Session {
    std::uint16_t port;
    std::string cookie, csrf;
    HttpReply Call(const std::string& method, const std::string& target, const std::string& body = {},
                   const std::string& type = "application/json") {
        return Fetch(port, method, target, body,
                     {{"Content-Type", type}, {"Cookie", "kehou_session=" + cookie}, {"X-CSRF-Token", csrf}});
    }
};

class OrgImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<LiveServer>();
        auto& org = server_->app().org();
        const Principal county{0, "setup", "setup", Role::kDistrictAdmin, "/370800/370811/"};
        school_ = org.CreateSchool(county, {0, "2137000101", "济宁市任城区实验小学", "370811", "", "primary", true,
                                            false, 1, 6, ""});
        other_ = org.CreateSchool(county, {0, "2137000102", "任城区李营街道中心小学", "370811", "", "primary", true,
                                           true, 1, 6, ""});
        server_->app().auth().CreateUser({"admin.a", "管理员", Role::kSchoolAdmin, school_.org_path, "School#A2026",
                                          true, false});
        server_->app().auth().CreateUser({"admin.b", "管理员", Role::kSchoolAdmin, school_.org_path, "School#B2026",
                                          true, false});
        a_ = LogIn("admin.a", "School#A2026");
    }
    Session LogIn(const std::string& user, const std::string& password) {
        const auto r = Fetch(server_->port(), "POST", "/api/v1/auth/login",
                             json::serialize(json::object{{"username", user}, {"password", password}}),
                             {{"Content-Type", "application/json"}});
        Session s{server_->port(), {}, std::string(json::parse(r.body).at("csrf_token").as_string())};
        for (const auto& c : r.set_cookies)
            if (c.rfind("kehou_session=", 0) == 0) s.cookie = c.substr(14, c.find(';') - 14);
        return s;
    }
    std::int64_t StudentCount() {
        return json::parse(a_.Call("GET", "/api/v1/org/students").body).at("total").as_int64();
    }
    std::string Upload() { return "/api/v1/org/schools/" + std::to_string(school_.id) + "/roster-imports"; }

    static std::string Roster() {
        const std::string a = kehou::testing::IdNumber("37081120170312123"), b = kehou::testing::IdNumber("37081120170815224"), c = kehou::testing::IdNumber("37081120160101111");
        return "年级,班级,姓名,性别,身份证号,学籍号,监护人姓名,监护人关系,监护人手机,是否接送人\n"
               "三年级,2班,王小明,男," + a + ",G" + a + ",王大明,父亲,13800138000,是\n"
               "三年级,2班,李小红,女," + b + ",G" + b + ",,,,\n"
               "四年级,1班,陈一,男," + c + ",G" + c + ",陈妈妈,母亲,13912345678,是\n"
               "四年级,1班,坏行,男,370811201601011110,G1,,,,\n"
               "九年级,1班,超龄,男," + a + ",G" + a + ",,,,\n";
    }

    std::unique_ptr<LiveServer> server_;
    org::School school_, other_;
    Session a_;
};

TEST_F(OrgImportTest, PreviewListsBadLinesAndWritesNothingUntilConfirmed) {
    const auto preview = a_.Call("POST", Upload(), Roster(), "text/csv");
    ASSERT_EQ(preview.status, 201) << preview.body;
    const auto p = json::parse(preview.body);
    EXPECT_EQ(p.at("encoding").as_string(), "utf-8");
    EXPECT_EQ(p.at("data_rows").as_int64(), 5);
    EXPECT_EQ(p.at("good_rows").as_int64(), 3);
    EXPECT_EQ(p.at("bad_rows").as_int64(), 2);
    const auto& problems = p.at("problems").as_array();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems.at(0).at("line").as_int64(), 5);
    EXPECT_EQ(problems.at(1).at("line").as_int64(), 6);
    EXPECT_EQ(problems.at(1).at("field").as_string(), "grade");
    EXPECT_EQ(p.at("sample").as_array().size(), 3u);
    EXPECT_EQ(preview.body.find(kehou::testing::IdNumber("37081120170312123")), std::string::npos) << "the preview shows masked numbers";
    EXPECT_EQ(StudentCount(), 0) << "nothing is written before the user confirms";

    const std::string confirm = "/api/v1/org/roster-imports/" + std::to_string(p.at("import_id").as_int64()) + "/confirm";
    Session b = LogIn("admin.b", "School#B2026");
    EXPECT_EQ(b.Call("POST", confirm, "{}").status, 404) << "only the uploader confirms";
    const auto done = a_.Call("POST", confirm, "{}");
    ASSERT_EQ(done.status, 200) << done.body;
    const auto d = json::parse(done.body);
    EXPECT_EQ(d.at("students").as_int64(), 3);
    EXPECT_EQ(d.at("guardians").as_int64(), 2);
    EXPECT_EQ(d.at("classes_created").as_int64(), 2);
    EXPECT_EQ(StudentCount(), 3);
    EXPECT_EQ(a_.Call("POST", confirm, "{}").status, 409) << "an import is confirmed once";
    const auto again = json::parse(a_.Call("POST", Upload(), Roster(), "text/csv").body);
    EXPECT_EQ(again.at("good_rows").as_int64(), 0) << "re-uploading finds every student already registered";
}

TEST_F(OrgImportTest, AnXlsxRosterPreviewsAndConfirmsLikeItsCsv) {
    // The same roster as an official keeps it in Excel: one cell per comma-separated field.
    const std::string book = XlsxWith([](lxw_workbook* wb) {
        lxw_worksheet* sheet = workbook_add_worksheet(wb, "学生名册");
        std::istringstream lines(Roster());
        std::string line, field;
        for (lxw_row_t r = 0; std::getline(lines, line); ++r) {
            std::istringstream fields(line);
            for (lxw_col_t c = 0; std::getline(fields, field, ','); ++c)
                if (!field.empty()) worksheet_write_string(sheet, r, c, field.c_str(), nullptr);
        }
    });
    const auto preview =
        a_.Call("POST", Upload(), book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_EQ(preview.status, 201) << preview.body;
    const auto p = json::parse(preview.body);
    EXPECT_EQ(p.at("encoding").as_string(), "xlsx");
    EXPECT_EQ(p.at("good_rows").as_int64(), 3);
    const auto& problems = p.at("problems").as_array();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems.at(0).at("line").as_int64(), 5) << "sheet row numbers, as with the CSV's lines";
    EXPECT_EQ(problems.at(1).at("line").as_int64(), 6);
    const std::string confirm = "/api/v1/org/roster-imports/" + std::to_string(p.at("import_id").as_int64()) + "/confirm";
    const auto done = a_.Call("POST", confirm, "{}");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(json::parse(done.body).at("students").as_int64(), 3) << "confirm re-reads the sealed workbook";

    const auto broken = a_.Call("POST", Upload(), book.substr(0, book.size() / 2), "text/csv");
    ASSERT_EQ(broken.status, 201);
    EXPECT_EQ(json::parse(broken.body).at("problems").as_array().at(0).at("field").as_string(), "file");
}

TEST_F(OrgImportTest, GbkFilesFromExcelAreReadAndWrongUploadsRefused) {
    const auto gbk = a_.Call("POST", Upload(), kehou::testing::ToGbk(Roster()), "text/csv");
    ASSERT_EQ(gbk.status, 201);
    EXPECT_EQ(json::parse(gbk.body).at("encoding").as_string(), "gbk");
    EXPECT_EQ(json::parse(gbk.body).at("good_rows").as_int64(), 3);
    EXPECT_EQ(a_.Call("POST", Upload(), Roster(), "application/json").status, 400);
    const auto other = a_.Call("POST", "/api/v1/org/schools/" + std::to_string(other_.id) + "/roster-imports",
                               Roster(), "text/csv");
    EXPECT_EQ(other.status, 403) << "an import into another school is an out-of-scope write";
}

TEST_F(OrgImportTest, ExportIsAnXlsxWorkbook) {
    const auto preview = json::parse(a_.Call("POST", Upload(), Roster(), "text/csv").body);
    a_.Call("POST", "/api/v1/org/roster-imports/" + std::to_string(preview.at("import_id").as_int64()) + "/confirm", "{}");
    const auto x = a_.Call("GET", "/api/v1/org/students/export");
    ASSERT_EQ(x.status, 200);
    EXPECT_EQ(x.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(x.headers.at("content-disposition").find("students.xlsx"), std::string::npos);
    ASSERT_GT(x.body.size(), 1000u);
    EXPECT_EQ(x.body.substr(0, 2), "PK") << "an .xlsx is a zip archive";
    EXPECT_NE(x.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace kehou::testing
