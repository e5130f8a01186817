// The enrollment statistics (issue 8 point 7) on SQLite and PostgreSQL: a season of 任城区 with three schools' seat
// plans, eleven applications in every state, the run's placements and three appeals, written straight into the
// tables (the application and run services are not what is under test), and a season of 兖州区 beside it that must
// never leak in. Every figure is worked out by hand below, for the county, a school and the private school.
#include <gtest/gtest.h>
#include <zip.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "enrollment/report_routes.hpp"
#include "enrollment/report_service.hpp"
#include "io/xlsx_reader.hpp"
#include "org/service.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"

namespace kehou::enrollment {
namespace {

using kehou::testing::ErrorCode;

constexpr const char* kAt = "2026-05-01T08:00:00+08:00";

constexpr db::Query kAddUser{"test.en_add_user",
                             "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                             " created_at) VALUES ($1, $2, $2, $3, $4, 'x', '2026-05-01T08:00:00+08:00')"};
constexpr db::Query kAddGuardian{"test.en_add_guardian",
                                 "INSERT INTO org_guardian (name, mobile_sealed, mobile_hash, mobile_masked, created_at)"
                                 " VALUES ('家长', $1, 'hash', '139****0000', '2026-05-01T08:00:00+08:00') RETURNING id"};
constexpr db::Query kAddSeason{
    "test.en_add_season",
    "INSERT INTO en_season (unit_code, org_path, year, entry_grade, title, policy_json, status, opens_on, closes_on,"
    " seed_commitment, seed, created_at, updated_at) VALUES ($1, $2, 2026, 1, $3, '{}', 'admitted', '2026-06-01',"
    " '2026-06-10', 'c', 's', '2026-05-01T08:00:00+08:00', '2026-05-01T08:00:00+08:00') RETURNING id"};
constexpr db::Query kAddPlan{"test.en_add_plan",
                             "INSERT INTO en_seat_plan (season_id, school_id, org_path, seats, is_private)"
                             " VALUES ($1, $2, $3, $4, $5)"};
constexpr db::Query kAddApplication{
    "test.en_add_application",
    "INSERT INTO en_application (season_id, org_path, child_name, child_id_sealed, child_id_hash, child_id_masked,"
    " birth_date, guardian_id, relation, applicant_id_hash, declarations_json, category_index, category_name,"
    " in_county, dossier_json, status, one_click, submitted_at, decided_at, updated_at) VALUES ($1, $2, '孩子', $3,"
    " $4, '370811********0000', '2020-03-01', $5, 'mother', 'a', '{}', $6, $7, TRUE, '{}', $8, $9, $10, $11, $10)"
    " RETURNING id"};
constexpr db::Query kAddPlacement{
    "test.en_add_placement",
    "INSERT INTO en_placement (application_id, season_id, school_id, org_path, placed_by, rank_in_school, draw,"
    " placed_at) VALUES ($1, $2, $3, $4, $5, $6, '0.5000', '2026-06-20T10:00:00+08:00')"};
constexpr db::Query kAddAppeal{
    "test.en_add_appeal",
    "INSERT INTO en_appeal (application_id, season_id, org_path, reason, status, created_by, created_at)"
    " VALUES ($1, $2, $3, '对审核结果有异议，请求复核', $4, 1, '2026-06-21T10:00:00+08:00')"};

struct App {
    const char* where;  // "A", "B", "P" or "county"
    const char* status;
    bool one_click;
    const char* submitted;
    const char* decided;  // nullptr: not decided
    int category;         // -1: none
};

const char* const kCategories[] = {"房户住三一致", "仅有户籍", "随迁子女"};

class EnrollmentStatsTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
            c->Execute(kAddUser, {std::int64_t{1}, std::string("admin"), std::string("city_admin"), city_.scope_path});
            guardian_ = c->Query(kAddGuardian, {db::Blob{{1, 2, 3}}})[0].Int(0);
        }
        org_.EnsureUnits();
        a_ = School("2137000201", "任城区实验小学", "370811", true);
        b_ = School("2137000202", "任城区第二实验小学", "370811", true);
        p_ = School("2137000203", "任城区育才学校", "370811", false);
        y_ = School("2137000301", "兖州区实验小学", "370812", true);
        school_a_ = {3, "a", "a", Role::kSchoolAdmin, a_.org_path};
        school_p_ = {4, "p", "p", Role::kSchoolAdmin, p_.org_path};
        school_y_ = {5, "y", "y", Role::kSchoolAdmin, y_.org_path};
    }

    org::School School(const char* code, const char* name, const char* county, bool is_public) {
        return org_.CreateSchool(city_, {0, code, name, county, "", "primary", is_public, false, 1, 6, ""});
    }

    std::int64_t Season(const char* unit, const std::string& path, const char* title) {
        auto c = tdb_.database().Acquire();
        return c->Query(kAddSeason, {std::string(unit), path, std::string(title)})[0].Int(0);
    }

    void Plan(std::int64_t season, const org::School& s, int seats) {
        auto c = tdb_.database().Acquire();
        ASSERT_EQ(c->Execute(kAddPlan, {season, s.id, s.org_path, std::int64_t{seats},
                                        std::int64_t{s.is_public ? 0 : 1}}),
                  1);
    }

    std::string PathOf(const std::string& where) const {
        if (where == "A") return a_.org_path;
        if (where == "B") return b_.org_path;
        if (where == "P") return p_.org_path;
        if (where == "Y") return y_.org_path;
        return where == "county" ? county_.scope_path : other_county_.scope_path;
    }

    std::int64_t Apply(std::int64_t season, const App& a) {
        auto c = tdb_.database().Acquire();
        const auto category = a.category < 0 ? db::Null() : db::Value{std::string(kCategories[a.category])};
        const auto index = a.category < 0 ? db::Null() : db::Value{std::int64_t{a.category}};
        return c->Query(kAddApplication,
                        {season, PathOf(a.where), db::Blob{{9}}, "child-" + std::to_string(++children_), guardian_,
                         index, category, std::string(a.status), std::int64_t{a.one_click ? 1 : 0},
                         std::string(a.submitted), a.decided ? db::Value{std::string(a.decided)} : db::Null()})[0]
            .Int(0);
    }

    void Place(std::int64_t season, std::int64_t app, const org::School* s, const char* how, int rank) {
        auto c = tdb_.database().Acquire();
        ASSERT_EQ(c->Execute(kAddPlacement, {app, season, s ? db::Value{s->id} : db::Null(),
                                             s ? s->org_path : county_.scope_path, std::string(how),
                                             std::int64_t{rank}}),
                  1);
    }

    void Appeal(std::int64_t season, std::int64_t app, const char* where, const char* status) {
        auto c = tdb_.database().Acquire();
        ASSERT_EQ(c->Execute(kAddAppeal, {app, season, PathOf(where), std::string(status)}), 1);
    }

    /// The season of 任城区 (see the table in the file's comment) and one of 兖州区.
    void Build() {
        season_ = Season("370811", county_.scope_path, "任城区2026年小学一年级招生");
        Plan(season_, a_, 3);
        Plan(season_, b_, 2);
        Plan(season_, p_, 3);
        // Decision times: 2 → 24 h, 4 → 36 h, 7 → 12.1 h, 9 → 6 h, 11 → 24 h; one-click ones decide at once.
        // Application 3 is stored in UTC: 16:30Z is 00:30 on 3 June in Shanghai.
        const App apps[] = {
            {"A", "qualified", true, "2026-06-01T09:00:00+08:00", "2026-06-01T09:00:00+08:00", 0},        // 1
            {"A", "qualified", false, "2026-06-01T10:00:00+08:00", "2026-06-02T10:00:00+08:00", 0},       // 2
            {"A", "qualified", true, "2026-06-02T16:30:00Z", "2026-06-02T16:30:00Z", 1},                  // 3
            {"A", "rejected", false, "2026-06-02T09:00:00+08:00", "2026-06-03T21:00:00+08:00", 1},        // 4
            {"A", "in_review", false, "2026-06-02T11:00:00+08:00", nullptr, -1},                          // 5
            {"B", "awaiting_upload", false, "2026-06-05T08:00:00+08:00", nullptr, -1},                    // 6
            {"B", "qualified", false, "2026-06-01T08:00:00+08:00", "2026-06-01T20:06:00+08:00", 2},       // 7
            {"B", "withdrawn", true, "2026-06-02T12:00:00+08:00", "2026-06-02T12:00:00+08:00", 0},        // 8
            {"county", "qualified", false, "2026-06-03T09:00:00+08:00", "2026-06-03T15:00:00+08:00", -1}, // 9
            {"A", "qualified", true, "2026-06-05T09:00:00+08:00", "2026-06-05T09:00:00+08:00", 0},        // 10
            {"county", "qualified", false, "2026-06-05T10:00:00+08:00", "2026-06-06T10:00:00+08:00", -1}, // 11
        };
        std::vector<std::int64_t> id{0};
        for (const auto& a : apps) id.push_back(Apply(season_, a));
        Place(season_, id[1], &a_, "catchment", 1);
        Place(season_, id[3], &a_, "catchment", 2);
        Place(season_, id[2], &p_, "private_lottery", 1);  // applied at A's catchment, drawn by the private school
        Place(season_, id[7], &b_, "catchment", 1);
        Place(season_, id[10], &b_, "county_placed", 2);  // A's applicant sent on to B
        Place(season_, id[9], nullptr, "unplaced", 0);
        Place(season_, id[11], &a_, "county_manual", 3);
        Appeal(season_, id[4], "A", "open");
        Appeal(season_, id[2], "A", "upheld");
        Appeal(season_, id[9], "county", "dismissed");

        other_ = Season("370812", other_county_.scope_path, "兖州区2026年小学一年级招生");
        Plan(other_, y_, 5);
        const auto y1 = Apply(other_, {"Y", "qualified", true, "2026-06-01T09:00:00+08:00",
                                       "2026-06-01T09:00:00+08:00", 0});
        Place(other_, y1, &y_, "catchment", 1);
        Appeal(other_, y1, "Y", "open");
    }

    SeasonStats Stats(const Principal& p, std::int64_t season) { return reports_.Stats(p, season, kAt); }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    ReportService reports_{tdb_.database()};
    const Principal city_{1, "city", "city", Role::kCityAdmin, "/370800/"};
    const Principal county_{11, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal other_county_{12, "other", "other", Role::kDistrictAdmin, "/370800/370812/"};
    Principal school_a_, school_p_, school_y_;
    org::School a_, b_, p_, y_;
    std::int64_t guardian_ = 0, season_ = 0, other_ = 0;
    int children_ = 0;
};

std::vector<std::pair<std::string, std::int64_t>> Pairs(const std::vector<StatCount>& counts) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& c : counts) out.emplace_back(c.key, c.count);
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> Days(const std::vector<DayStat>& days) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& d : days) out.emplace_back(d.date, d.applications);
    return out;
}

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

/// One part of the .xlsx (a zip archive), to see every sheet's text and the sheet names.
std::string ZipEntry(const std::string& archive, const char* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
    if (!z) {
        if (src) zip_source_free(src);
        return {};
    }
    std::string out;
    if (zip_file_t* f = zip_fopen(z, name, 0)) {
        char buf[4096];
        for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    zip_close(z);
    return out;
}

TEST(EnrollmentStatsFigures, RatesAndMediansRoundHalfUp) {
    EXPECT_EQ(Rate(1, 3), 0.3333);
    EXPECT_EQ(Rate(2, 3), 0.6667);
    EXPECT_EQ(Rate(0, 5), 0.0);
    EXPECT_EQ(Rate(3, 0), std::nullopt);
    EXPECT_EQ(MedianHours({}), std::nullopt);
    EXPECT_EQ(MedianHours({3600 * 36, 0, 3600 * 24}), 24.0);     // odd: the middle one, whatever the order
    EXPECT_EQ(MedianHours({21600, 43560}), 9.1);                  // (6 h + 12.1 h) / 2 = 9.05 → 9.1
    EXPECT_EQ(MedianHours({179}), 0.0);                           // 0.0497 h
    EXPECT_EQ(MedianHours({180}), 0.1);                           // 0.05 h: half up
}

TEST(EnrollmentStatsRoutes, BothRoutesNeedTheStatsPermissionAndTheWorkbookIsAudited) {
    kehou::testing::TestDatabase tdb;
    ReportService reports(tdb.database());
    http::Router router;
    RegisterEnrollmentReportRoutes(router, reports);
    const auto json = router.Find(http::Method::kGet, "/api/v1/enrollment/seasons/7/stats");
    ASSERT_EQ(json.kind, http::RouteMatch::Kind::kFound);
    EXPECT_EQ(json.route->permission, "enrollment:stats:read");
    EXPECT_EQ(json.params.at("id"), "7");
    const auto book = router.Find(http::Method::kGet, "/api/v1/enrollment/seasons/7/stats.xlsx");
    ASSERT_EQ(book.kind, http::RouteMatch::Kind::kFound);
    EXPECT_EQ(book.route->permission, "enrollment:stats:read");
    EXPECT_EQ(book.route->audit_title, "导出招生统计");
}

TEST_F(EnrollmentStatsTest, TheCountySeesEveryFigureOfItsSeason) {
    Build();
    const auto s = Stats(county_, season_);
    EXPECT_EQ(s.season.title, "任城区2026年小学一年级招生");
    EXPECT_EQ(s.season.status, "admitted");
    EXPECT_EQ(s.applications, 10);  // eleven, less the withdrawn one
    EXPECT_EQ(Pairs(s.by_status), (Counts{{"awaiting_upload", 1}, {"in_review", 1}, {"qualified", 7},
                                          {"rejected", 1}, {"withdrawn", 1}}));
    EXPECT_EQ(s.one_click, 3);  // 1, 3, 10; the withdrawn 8 does not count
    EXPECT_EQ(s.one_click_rate, 0.3);
    // Decided: 0, 0, 0, 6, 12.1, 24, 24, 36 h → (6 + 12.1) / 2 = 9.05 → 9.1; reviewed: 6, 12.1, 24, 24, 36 → 24.
    EXPECT_EQ(s.decided, 8);
    EXPECT_EQ(s.median_hours_to_decision, 9.1);
    EXPECT_EQ(s.decided_reviewed, 5);
    EXPECT_EQ(s.median_hours_reviewed, 24.0);
    EXPECT_EQ(Days(s.by_day), (Counts{{"2026-06-01", 3}, {"2026-06-02", 2}, {"2026-06-03", 2}, {"2026-06-04", 0},
                                      {"2026-06-05", 3}}));
    ASSERT_EQ(s.schools.size(), 3u);  // public schools first, then the private one
    EXPECT_EQ(s.schools[0].fill.school_name, "任城区实验小学");
    EXPECT_EQ(s.schools[0].fill.seats, 3);
    EXPECT_EQ(s.schools[0].fill.placed, 3);  // 1, 3 and the county's manual placement of 11
    EXPECT_EQ(s.schools[0].fill_rate, 1.0);
    EXPECT_EQ(s.schools[1].fill.school_name, "任城区第二实验小学");
    EXPECT_EQ(s.schools[1].fill.placed, 2);
    EXPECT_FALSE(s.schools[1].fill.is_private);
    EXPECT_EQ(s.schools[2].fill.school_name, "任城区育才学校");
    EXPECT_TRUE(s.schools[2].fill.is_private);
    EXPECT_EQ(s.schools[2].fill.placed, 1);
    EXPECT_EQ(s.schools[2].fill_rate, 0.3333);
    EXPECT_EQ(s.seats, 8);
    EXPECT_EQ(s.placed, 6);
    EXPECT_EQ(s.fill_rate, 0.75);
    ASSERT_EQ(s.by_category.size(), 4u);  // the policy's order, the child without a category last; 9 is unplaced
    EXPECT_EQ(s.by_category[0].category_name, "房户住三一致");
    EXPECT_EQ(s.by_category[0].count, 3);  // 1, 2, 10
    EXPECT_EQ(s.by_category[1].category_name, "仅有户籍");
    EXPECT_EQ(s.by_category[1].count, 1);
    EXPECT_EQ(s.by_category[2].category_name, "随迁子女");
    EXPECT_EQ(s.by_category[2].count, 1);
    EXPECT_EQ(s.by_category[3].category_name, std::nullopt);
    EXPECT_EQ(s.by_category[3].count, 1);  // 11, placed by hand
    EXPECT_EQ(Pairs(s.by_placed_by), (Counts{{"private_lottery", 1}, {"catchment", 3}, {"county_placed", 1},
                                             {"county_manual", 1}, {"unplaced", 1}}));
    EXPECT_EQ(Pairs(s.appeals), (Counts{{"open", 1}, {"upheld", 1}, {"dismissed", 1}}));

    // The city sees the county's season exactly as the county does.
    EXPECT_EQ(boost::json::serialize(StatsJson(Stats(city_, season_))), boost::json::serialize(StatsJson(s)));
}

TEST_F(EnrollmentStatsTest, ASchoolSeesItsOwnApplicantsAndPlaces) {
    Build();
    const auto s = Stats(school_a_, season_);
    EXPECT_EQ(s.applications, 6);  // 1, 2, 3, 4, 5, 10
    EXPECT_EQ(Pairs(s.by_status), (Counts{{"awaiting_upload", 0}, {"in_review", 1}, {"qualified", 4},
                                          {"rejected", 1}, {"withdrawn", 0}}));
    EXPECT_EQ(s.one_click, 3);
    EXPECT_EQ(s.one_click_rate, 0.5);
    EXPECT_EQ(s.decided, 5);  // 0, 0, 0, 24, 36 h
    EXPECT_EQ(s.median_hours_to_decision, 0.0);
    EXPECT_EQ(s.decided_reviewed, 2);
    EXPECT_EQ(s.median_hours_reviewed, 30.0);
    EXPECT_EQ(Days(s.by_day), (Counts{{"2026-06-01", 2}, {"2026-06-02", 2}, {"2026-06-03", 1}, {"2026-06-04", 0},
                                      {"2026-06-05", 1}}));
    ASSERT_EQ(s.schools.size(), 1u);
    EXPECT_EQ(s.schools[0].fill.school_id, a_.id);
    EXPECT_EQ(s.placed, 3);
    EXPECT_EQ(s.fill_rate, 1.0);
    // Its places, not its applicants': 2 went to the private school, 10 to B; 11 came from the county.
    ASSERT_EQ(s.by_category.size(), 3u);
    EXPECT_EQ(s.by_category[0].count, 1);
    EXPECT_EQ(s.by_category[1].category_name, "仅有户籍");
    EXPECT_EQ(s.by_category[2].category_name, std::nullopt);
    EXPECT_EQ(Pairs(s.by_placed_by), (Counts{{"private_lottery", 0}, {"catchment", 2}, {"county_placed", 0},
                                             {"county_manual", 1}, {"unplaced", 0}}));
    EXPECT_EQ(Pairs(s.appeals), (Counts{{"open", 1}, {"upheld", 1}, {"dismissed", 0}}));
}

TEST_F(EnrollmentStatsTest, APrivateSchoolWithNoApplicantsHasNoRatesButItsPlaces) {
    Build();
    const auto s = Stats(school_p_, season_);
    EXPECT_EQ(s.applications, 0);
    EXPECT_EQ(s.one_click_rate, std::nullopt);
    EXPECT_EQ(s.median_hours_to_decision, std::nullopt);
    EXPECT_EQ(s.median_hours_reviewed, std::nullopt);
    EXPECT_TRUE(s.by_day.empty());
    ASSERT_EQ(s.schools.size(), 1u);
    EXPECT_EQ(s.schools[0].fill_rate, 0.3333);
    EXPECT_EQ(Pairs(s.by_placed_by)[0], (std::pair<std::string, std::int64_t>{"private_lottery", 1}));
    const auto json = StatsJson(s);
    EXPECT_TRUE(json.at("one_click_rate").is_null());
    EXPECT_TRUE(json.at("median_hours_reviewed").is_null());
}

TEST_F(EnrollmentStatsTest, AnotherCountysSeasonIsNotFoundAndNeverLeaksIn) {
    Build();
    EXPECT_EQ(ErrorCode([&] { Stats(other_county_, season_); }), "enrollment.season_not_found");
    EXPECT_EQ(ErrorCode([&] { Stats(school_y_, season_); }), "enrollment.season_not_found");
    EXPECT_EQ(ErrorCode([&] { Stats(county_, other_); }), "enrollment.season_not_found");
    EXPECT_EQ(ErrorCode([&] { Stats(city_, other_ + 100); }), "enrollment.season_not_found");
    const auto y = Stats(other_county_, other_);
    EXPECT_EQ(y.applications, 1);
    EXPECT_EQ(y.placed, 1);
    EXPECT_EQ(Pairs(y.appeals)[0].second, 1);
}

TEST_F(EnrollmentStatsTest, TheJsonAndTheWorkbookCarryTheFigures) {
    Build();
    const auto s = Stats(county_, season_);
    const auto json = StatsJson(s);
    EXPECT_EQ(json.at("season").at("entry_grade").as_int64(), 1);
    EXPECT_EQ(json.at("one_click_rate").as_double(), 0.3);
    EXPECT_EQ(json.at("median_hours_to_decision").as_double(), 9.1);
    EXPECT_EQ(json.at("schools").as_array()[2].at("fill_rate").as_double(), 0.3333);
    EXPECT_TRUE(json.at("by_category").as_array()[3].at("category_name").is_null());
    EXPECT_EQ(json.at("by_day").as_array()[3].at("applications").as_int64(), 0);

    const std::string book = StatsWorkbook(s);
    ASSERT_TRUE(book.starts_with("PK"));
    io::ReadError error;
    const auto rows = io::ReadXlsxFirstSheet(book, error);
    ASSERT_TRUE(rows) << error.message_en;
    ASSERT_EQ(rows->size(), 12u);  // title, header, ten figures
    EXPECT_NE((*rows)[0][0].find("任城区2026年小学一年级招生"), std::string::npos);
    EXPECT_NE((*rows)[0][0].find(kAt), std::string::npos);
    EXPECT_EQ((*rows)[2], (std::vector<std::string>{"申请数（不含已撤回）", "10"}));
    EXPECT_EQ((*rows)[4], (std::vector<std::string>{"一键办理率", "0.3"}));
    EXPECT_EQ((*rows)[6], (std::vector<std::string>{"提交至决定用时中位数（小时）", "9.1"}));
    EXPECT_EQ((*rows)[11], (std::vector<std::string>{"学位填充率", "0.75"}));
    // Every text of the book: the schools and categories are there, no child's name (孩子) nor masked number.
    const std::string strings = ZipEntry(book, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("任城区育才学校"), std::string::npos);
    EXPECT_NE(strings.find("随迁子女"), std::string::npos);
    EXPECT_NE(strings.find("区县人工安置"), std::string::npos);
    EXPECT_EQ(strings.find("孩子"), std::string::npos);
    EXPECT_EQ(strings.find("****"), std::string::npos);
    EXPECT_EQ(strings.find(">9.1<"), std::string::npos) << "the median hours are a number cell (0.0), not text";
    const std::string workbook_xml = ZipEntry(book, "xl/workbook.xml");
    for (const char* sheet : {"概况", "申请状态", "学校录取", "录取类别", "录取方式", "每日申请", "申诉"})
        EXPECT_NE(workbook_xml.find(sheet), std::string::npos) << sheet;
}

}  // namespace
}  // namespace kehou::enrollment
