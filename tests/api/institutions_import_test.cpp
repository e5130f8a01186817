// Registry import over HTTP: the preview writes no institution, the confirm writes every good row at once
// (or nothing), only the uploader confirms and only once; the template; the errors a county sees.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <set>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "auth/audit.hpp"
#include "core/ids.hpp"
#include "io/tabular.hpp"
#include "support/text.hpp"
#include "unit/io/workbooks.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

std::string Code(const std::string& first17) { return first17 + CreditCodeCheckCharacter(first17); }

std::string BadCheck(const std::string& first17) {
    const char good = CreditCodeCheckCharacter(first17);
    return first17 + (good == '0' ? '1' : '0');
}

constexpr const char* kUpload = "/api/v1/institutions/imports?unit_code=370811";
constexpr const char* kHeader =
    "机构名称,统一社会信用代码,类别,形式,地址,办学许可证号,民非登记证号,法定代表人,状态,纳入压减基数,信用代码核实说明\n";

// Three good rows (one a pilot code kept with its reason) and one bad (line 5: no legal representative).
std::string Registry(const std::string& tag) {
    return std::string(kHeader) +
           "导入体育培训" + tag + "," + Code("91370811MA3D" + tag + "001") + ",体育,线下,某路 1 号,,,王某,,是,\n" +
           "导入学科培训" + tag + "," + Code("52370811MJD" + tag + "0002") + ",学科类,线下,某路 2 号,教民1,民非1,李某,,是,\n" +
           "导入艺术培训" + tag + "," + BadCheck("91370811MA3D" + tag + "003") + ",文化艺术,线上,某路 3 号,,,赵某,,否," +
           "经国家企业信用信息公示系统核实\n" +
           "导入科技培训" + tag + "," + Code("91370811MA3D" + tag + "004") + ",科技,线下,某路 4 号,,,,,,\n";
}

class InstitutionsImportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"chief", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"deputy", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2027", true, false});
    }
    static void TearDownTestSuite() { delete server_; }

    static ApiClient Chief() { return ApiClient::LogIn(server_->port(), "chief", "Bureau#2026"); }
    static ApiClient Deputy() { return ApiClient::LogIn(server_->port(), "deputy", "Bureau#2027"); }

    static std::int64_t Registered(const ApiClient& c) {
        return Body(c.Call("GET", "/api/v1/institutions?unit_code=370811")).at("total").as_int64();
    }
    static std::string Confirm(const json::value& preview) {
        return "/api/v1/institutions/imports/" + std::to_string(preview.at("import_id").as_int64()) + "/confirm";
    }
    /// The stored import's status and whether it still holds the file.
    static std::pair<std::string, bool> Stored(const json::value& preview) {
        auto c = server_->app().database().Acquire();
        const auto r = c->Query(db::Query{"test.stored_import", "SELECT status, CASE WHEN payload IS NULL THEN 0 ELSE 1"
                                                                " END FROM inst_import WHERE id = $1"},
                                {preview.at("import_id").as_int64()});
        return {r[0].Text(0), r[0].Int(1) == 1};
    }

    static inline LiveServer* server_ = nullptr;
};

TEST_F(InstitutionsImportTest, PreviewWritesNothingAndConfirmWritesEveryGoodRowOnce) {
    const auto chief = Chief();
    const auto before = Registered(chief);
    const auto preview = chief.Call("POST", kUpload, Registry("10"), "text/csv");
    ASSERT_EQ(preview.status, 201) << preview.body;
    const auto p = Body(preview);
    EXPECT_EQ(p.at("encoding").as_string(), "utf-8");
    EXPECT_EQ(p.at("unit_code").as_string(), "370811");
    EXPECT_EQ(p.at("data_rows").as_int64(), 4);
    EXPECT_EQ(p.at("good_rows").as_int64(), 3);
    EXPECT_EQ(p.at("bad_rows").as_int64(), 1);
    const auto& problems = p.at("problems").as_array();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].at("line").as_int64(), 5);
    EXPECT_EQ(problems[0].at("field").as_string(), "legal_representative");
    EXPECT_FALSE(problems[0].at("message").as_string().empty());
    EXPECT_FALSE(problems[0].at("message_en").as_string().empty());
    const auto& sample = p.at("sample").as_array();
    ASSERT_EQ(sample.size(), 3u);
    EXPECT_EQ(sample[1].at("category").as_string(), "subject");
    EXPECT_TRUE(sample[2].at("credit_override").as_bool());
    EXPECT_EQ(Registered(chief), before) << "the preview writes no institution";
    EXPECT_EQ(Stored(p), std::pair(std::string("pending"), true)) << "it stores the upload";

    EXPECT_EQ(Deputy().Call("POST", Confirm(p), "{}").status, 404) << "only the uploader confirms";
    const auto done = chief.Call("POST", Confirm(p), "{}");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(Body(done).at("institutions").as_int64(), 3);
    EXPECT_EQ(Body(done).at("credit_overrides").as_int64(), 1);
    EXPECT_EQ(Registered(chief), before + 3);
    EXPECT_EQ(Stored(p), std::pair(std::string("confirmed"), false)) << "the confirmed file is dropped";
    const auto again = chief.Call("POST", Confirm(p), "{}");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(ErrorCodeOf(again), "institutions.import_not_pending");
    EXPECT_EQ(Registered(chief), before + 3);

    // q=导入艺术培训10
    const auto found =
        Body(chief.Call("GET", "/api/v1/institutions?q=%E5%AF%BC%E5%85%A5%E8%89%BA%E6%9C%AF%E5%9F%B9%E8%AE%AD10"));
    ASSERT_EQ(found.at("total").as_int64(), 1);
    EXPECT_EQ(found.at("items").at(0).at("credit_override_reason").as_string(), "经国家企业信用信息公示系统核实");

    const auto re = Body(chief.Call("POST", kUpload, Registry("10"), "text/csv"));
    EXPECT_EQ(re.at("good_rows").as_int64(), 0) << "every code of the file is registered now";
    EXPECT_EQ(re.at("problems").as_array().size(), 4u);
    EXPECT_EQ(re.at("problems").at(0).at("field").as_string(), "credit_code");
    EXPECT_EQ(chief.Call("POST", Confirm(re), "{}").status, 422) << "nothing to import";

    auth::AuditQuery q;
    q.scope_path = "/";
    q.action = "institutions:registry:import";
    q.outcome_class = 2;
    std::set<std::string> titles;
    for (const auto& row : server_->app().audit().List(q).rows) titles.insert(row.entry.title);
    EXPECT_EQ(titles, (std::set<std::string>{"预览导入培训机构", "确认导入培训机构"}));
}

// Decision (docs/institutions.md): a row that has gone bad since the preview fails the whole confirm, as the
// roster's does; the county previews again and sees exactly what will be written.
TEST_F(InstitutionsImportTest, ACodeRegisteredSinceThePreviewMakesTheConfirmWriteNothing) {
    const auto chief = Chief();
    const auto p = Body(chief.Call("POST", kUpload, Registry("20"), "text/csv"));
    ASSERT_EQ(p.at("good_rows").as_int64(), 3);
    const auto before = Registered(chief);
    const auto meanwhile =
        chief.Call("POST", "/api/v1/institutions",
                   json::serialize(json::object{{"unit_code", "370811"}, {"name", "抢先登记的体育培训"},
                                                {"credit_code", Code("91370811MA3D20001")},
                                                {"category", "non_subject_sport"},
                                                {"delivery", "offline"}, {"address", "某路"},
                                                {"legal_representative", "某某"}}));
    ASSERT_EQ(meanwhile.status, 201) << meanwhile.body;
    const auto refused = chief.Call("POST", Confirm(p), "{}");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(ErrorCodeOf(refused), "institutions.import_changed");
    EXPECT_EQ(Body(refused).at("error").at("details").at("good_rows_now").as_int64(), 2);
    EXPECT_EQ(Registered(chief), before + 1) << "only the registration made meanwhile; the import wrote nothing";

    const auto again = Body(chief.Call("POST", kUpload, Registry("20"), "text/csv"));
    EXPECT_EQ(again.at("good_rows").as_int64(), 2);
    EXPECT_EQ(again.at("problems").at(0).at("line").as_int64(), 2);
    const auto done = chief.Call("POST", Confirm(again), "{}");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(Body(done).at("institutions").as_int64(), 2);
    EXPECT_EQ(Registered(chief), before + 3);
}

TEST_F(InstitutionsImportTest, AnUploadOlderThanADayHasExpired) {
    const auto chief = Chief();
    const auto p = Body(chief.Call("POST", kUpload, Registry("30"), "text/csv"));
    {
        auto c = server_->app().database().Acquire();
        c->Execute(db::Query{"test.age_import", "UPDATE inst_import SET created_at = $2 WHERE id = $1"},
                   {p.at("import_id").as_int64(), std::string("2020-01-01T08:00:00+08:00")});
    }
    const auto before = Registered(chief);
    const auto r = chief.Call("POST", Confirm(p), "{}");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(ErrorCodeOf(r), "institutions.import_not_pending");
    EXPECT_EQ(Registered(chief), before);
    EXPECT_EQ(Stored(p), std::pair(std::string("expired"), false)) << "the stale file is dropped";
}

TEST_F(InstitutionsImportTest, WorkbooksAndGbkAreReadAndWrongUploadsRefused) {
    const auto chief = Chief();
    const std::string csv = Registry("40");
    const std::string book = XlsxWith([&](lxw_workbook* wb) {
        lxw_worksheet* sheet = workbook_add_worksheet(wb, "培训机构");
        const io::Table table = io::ReadCsv(csv);
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            for (std::size_t c = 0; c < table.rows[r].size(); ++c)
                if (!table.rows[r][c].empty())
                    worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                           table.rows[r][c].c_str(), nullptr);
    });
    auto r = chief.Call("POST", kUpload, book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("encoding").as_string(), "xlsx");
    EXPECT_EQ(Body(r).at("good_rows").as_int64(), 3);
    EXPECT_EQ(Body(r).at("problems").at(0).at("line").as_int64(), 5) << "the sheet's row number";

    r = chief.Call("POST", kUpload, ToGbk(Registry("41")), "text/csv");
    ASSERT_EQ(r.status, 201);
    EXPECT_EQ(Body(r).at("encoding").as_string(), "gbk");
    EXPECT_EQ(Body(r).at("good_rows").as_int64(), 3);

    EXPECT_EQ(chief.Call("POST", kUpload, csv, "application/json").status, 400);
    r = chief.Call("POST", "/api/v1/institutions/imports", csv, "text/csv");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Body(r).at("error").at("field").as_string(), "unit_code");
    EXPECT_EQ(chief.Call("POST", "/api/v1/institutions/imports?unit_code=370812", csv, "text/csv").status, 403)
        << "another county is an out-of-scope write";
    EXPECT_EQ(chief.Call("POST", "/api/v1/institutions/imports?unit_code=379999", csv, "text/csv").status, 422);
}

TEST_F(InstitutionsImportTest, TheTemplateIsAWorkbookWithTheImportsColumns) {
    const auto r = Chief().Call("GET", "/api/v1/institutions/imports/template");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const io::Table table = io::ReadTable(r.body);
    ASSERT_FALSE(table.error);
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].at(0), "机构名称");
    EXPECT_EQ(table.rows[0].at(1), "统一社会信用代码");
}

}  // namespace
}  // namespace kehou::testing
