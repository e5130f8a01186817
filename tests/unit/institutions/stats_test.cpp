// The county and city statistics (issue 6 point 7) on a real database — run on SQLite and on PostgreSQL. Every
// figure of the data set in stats_fixture.hpp is compared with a value computed by hand in the comments.
#include <gtest/gtest.h>

#include "io/xlsx_reader.hpp"
#include "unit/institutions/stats_fixture.hpp"

namespace kehou::institutions::stats_test {
namespace {

TEST(InstitutionStatsRules, AgeBucketsAndRates) {
    EXPECT_EQ(AgeBucket(-1), 0);
    EXPECT_EQ(AgeBucket(0), 0);
    EXPECT_EQ(AgeBucket(7), 0);
    EXPECT_EQ(AgeBucket(8), 1);
    EXPECT_EQ(AgeBucket(30), 1);
    EXPECT_EQ(AgeBucket(31), 2);
    EXPECT_EQ(AgeBucket(90), 2);
    EXPECT_EQ(AgeBucket(91), 3);
    EXPECT_EQ(RateBasisPoints(1, 3), 3333);
    EXPECT_EQ(RateBasisPoints(2, 3), 6667);
    EXPECT_EQ(RateBasisPoints(1, 8), 1250);
    EXPECT_EQ(RateBasisPoints(1, 80000), 0);  // an eighth of a basis point
    EXPECT_EQ(RateBasisPoints(1, 20000), 1);  // exactly half a basis point goes away from zero
    EXPECT_EQ(RateBasisPoints(-1, 20000), -1);
    EXPECT_EQ(RateBasisPoints(5, 5), 10000);
    EXPECT_EQ(RateBasisPoints(0, 0), std::nullopt);
}

TEST_F(InstitutionStatsTest, InstitutionsByCategoryAndStatusPerCounty) {
    BuildRegistryAndCases();
    const auto status = [](const RegistryStatsRow& r, InstitutionStatus s) {
        return r.by_status[static_cast<std::size_t>(s)];
    };
    const auto row = [](const std::vector<RegistryStatsRow>& rows, const std::string& unit,
                        std::optional<InstitutionCategory> cat) -> const RegistryStatsRow& {
        for (const auto& r : rows)
            if (r.unit_code == unit && r.category == cat) return r;
        throw std::runtime_error("no row");
    };
    const auto county = stats_.Registry(county_);
    ASSERT_EQ(county.size(), 10u);  // A's four categories and its total; the scope's four and its total
    const auto& subject = row(county, "370811", InstitutionCategory::kSubject);
    EXPECT_EQ(subject.unit_name, "任城区");
    EXPECT_EQ(status(subject, InstitutionStatus::kRectifying), 1);  // j5, by its case's decision
    EXPECT_EQ(status(subject, InstitutionStatus::kCancelled), 1);
    EXPECT_EQ(subject.total, 2);
    const auto& art = row(county, "370811", InstitutionCategory::kNonSubjectArt);
    EXPECT_EQ(status(art, InstitutionStatus::kOperating), 1);
    EXPECT_EQ(status(art, InstitutionStatus::kRectifying), 1);
    EXPECT_EQ(status(art, InstitutionStatus::kClosed), 1);
    EXPECT_EQ(art.total, 3);
    EXPECT_EQ(row(county, "370811", InstitutionCategory::kNonSubjectStem).total, 0);
    const auto& a_total = row(county, "370811", std::nullopt);
    EXPECT_EQ(a_total.by_status, (std::array<std::int64_t, 5>{1, 3, 0, 1, 1}));
    EXPECT_EQ(a_total.total, 6);
    EXPECT_EQ(county.back().unit_name, "合计");
    EXPECT_EQ(county.back().total, 6);  // the county sees only itself
    EXPECT_EQ(stats_.Registry(inspector_).back().total, 6);

    const auto city = stats_.Registry(city_);
    EXPECT_EQ(row(city, "370812", InstitutionCategory::kSubject).by_status,
              (std::array<std::int64_t, 5>{34, 0, 0, 1, 0}));
    EXPECT_EQ(row(city, "370812", std::nullopt).total, 36);
    EXPECT_EQ(row(city, "", InstitutionCategory::kSubject).total, 37);
    EXPECT_EQ(city.back().by_status, (std::array<std::int64_t, 5>{35, 3, 1, 2, 1}));
    EXPECT_EQ(city.back().total, 42);
    EXPECT_EQ(row(city, "370826", std::nullopt).total, 0) << "a county without institutions is listed with zeros";
    EXPECT_EQ(stats_.Registry(other_county_).back().total, 36);
}

TEST_F(InstitutionStatsTest, ReductionRateReusesTheRegistrysFigureAndAddsCategorySubtotals) {
    BuildRegistryAndCases();
    const auto row = [](const std::vector<ReductionRow>& rows, const std::string& unit,
                        std::optional<InstitutionCategory> cat, std::optional<Delivery> del) -> const ReductionRow& {
        for (const auto& r : rows)
            if (r.unit_code == unit && r.category == cat && r.delivery == del) return r;
        throw std::runtime_error("no row");
    };
    const auto city = stats_.Reduction(city_);
    ASSERT_EQ(city.size(), 20u);  // A 7 rows, B 5, the city 8
    // RULES R6.3, MoE's check: 263 → 34 is 87.07 %.
    const auto& online = row(city, "370812", InstitutionCategory::kSubject, Delivery::kOnline);
    EXPECT_EQ(online.baseline, 263);
    EXPECT_EQ(online.current, 34);
    EXPECT_EQ(online.rate_basis_points, 8707);
    EXPECT_EQ(FormatPercent(*online.rate_basis_points), "87.07%");
    EXPECT_EQ(row(city, "", InstitutionCategory::kSubject, Delivery::kOnline).rate_basis_points, 8707);
    EXPECT_EQ(row(city, "370811", InstitutionCategory::kSubject, Delivery::kOffline).rate_basis_points, 7500);
    EXPECT_EQ(row(city, "370811", InstitutionCategory::kNonSubjectArt, std::nullopt).rate_basis_points, 3333);  // 3 → 2
    EXPECT_EQ(row(city, "370811", InstitutionCategory::kNonSubjectSport, std::nullopt).rate_basis_points, std::nullopt);
    EXPECT_EQ(row(city, "370811", std::nullopt, std::nullopt).rate_basis_points, 4286);  // 7 → 4
    EXPECT_EQ(row(city, "370812", std::nullopt, std::nullopt).rate_basis_points, 8669);  // 263 → 35
    const auto& subject = row(city, "", InstitutionCategory::kSubject, std::nullopt);    // 267 → 35
    EXPECT_EQ(subject.baseline, 267);
    EXPECT_EQ(subject.rate_basis_points, 8689);
    EXPECT_EQ(row(city, "", InstitutionCategory::kNonSubjectArt, Delivery::kOffline).rate_basis_points, 0);  // 3 → 3
    EXPECT_EQ(city.back().unit_name, "合计");
    EXPECT_EQ(city.back().rate_basis_points, 8556);  // 270 → 39
    // The cells and the county totals are InstitutionService::Reduction's own.
    for (const auto& r : registry_.Reduction(city_))
        EXPECT_EQ(row(city, r.unit_code, r.category, r.delivery).rate_basis_points, r.rate_basis_points);

    const auto county = stats_.Reduction(county_);
    EXPECT_EQ(county.size(), 14u);  // A 7 rows; the scope's the same 7
    for (const auto& r : county) EXPECT_TRUE(r.unit_code.empty() || r.unit_code == "370811");
    EXPECT_EQ(county.back().rate_basis_points, 4286);
}

TEST_F(InstitutionStatsTest, ComplaintsHandledOnTimeOverAPeriod) {
    const auto c1 = Letter(county_, "370811", "2026-03-02T10:00:00+08:00");
    const auto c2 = Letter(county_, "370811", "2026-03-02T11:00:00+08:00");
    const auto c3 = Letter(county_, "370811", "2026-11-02T09:00:00+08:00");
    const auto c4 = Letter(county_, "370811", "2026-12-04T09:00:00+08:00");
    Letter(county_, "370811", "2026-02-10T09:00:00+08:00");  // before the period
    const auto c6 = Letter(other_county_, "370812", "2026-06-01T09:00:00+08:00");
    ASSERT_EQ(c1.due_date, "2026-03-09");
    ASSERT_EQ(c3.due_date, "2026-11-09");
    ASSERT_EQ(c4.due_date, "2026-12-11");
    ASSERT_EQ(c6.due_date, "2026-06-08");
    CloseOn(county_, c1, "2026-03-09T17:00:00+08:00");  // on its due date: on time
    CloseOn(county_, c2, "2026-03-10T09:00:00+08:00");  // a day late
    CloseOn(other_county_, c6, "2026-06-05T16:00:00+08:00");

    const auto city = stats_.Complaints(city_, kYear, kToday);
    const auto& a = Find(city, "370811");
    EXPECT_EQ(a.received, 4);
    EXPECT_EQ(a.closed, 2);
    EXPECT_EQ(a.closed_on_time, 1);
    EXPECT_EQ(a.open, 2);
    EXPECT_EQ(a.open_overdue, 1);        // c3; c4 is due tomorrow
    EXPECT_EQ(a.on_time_rate_bp, 3333);  // 1 ÷ (2 closed + 1 overdue)
    const auto& b = Find(city, "370812");
    EXPECT_EQ(b.received, 1);
    EXPECT_EQ(b.on_time_rate_bp, 10000);
    const auto& total = city.back();
    EXPECT_EQ(total.unit_name, "合计");
    EXPECT_EQ(total.received, 5);
    EXPECT_EQ(total.closed_on_time, 2);
    EXPECT_EQ(total.open_overdue, 1);
    EXPECT_EQ(total.on_time_rate_bp, 5000);
    EXPECT_EQ(Find(city, "370826").on_time_rate_bp, std::nullopt) << "nothing due: no rate, not 0 %";

    const auto everything = stats_.Complaints(county_, {}, kToday);
    ASSERT_EQ(everything.size(), 2u);  // the county and the total: nothing of B
    EXPECT_EQ(everything[0].received, 5);
    EXPECT_EQ(everything[0].open_overdue, 2);
    EXPECT_EQ(everything[0].on_time_rate_bp, 2500);
    EXPECT_EQ(everything[1].received, 5);
    EXPECT_EQ(stats_.Complaints(inspector_, {std::nullopt, "2026-11-30"}, kToday)[0].received, 4);
    EXPECT_EQ(stats_.Complaints(county_, {"2026-12-04", "2026-12-04"}, kToday)[0].received, 1);
    EXPECT_EQ(ErrorCode([&] {
                  stats_.Complaints(county_, {"2026-13-01", std::nullopt}, kToday);
              }),
              "institutions.bad_date");
    EXPECT_EQ(ErrorCode([&] {
                  stats_.Complaints(county_, {"2026-12-31", "2026-03-01"}, kToday);
              }),
              "institutions.bad_period");
}

TEST_F(InstitutionStatsTest, CasesByStateAndAge) {
    BuildRegistryAndCases();
    const auto row = [](const std::vector<CaseStatsRow>& rows, const std::string& unit,
                        std::optional<CaseState> state) -> const CaseStatsRow& {
        for (const auto& r : rows)
            if (r.unit_code == unit && r.state == state) return r;
        throw std::runtime_error("no row");
    };
    using Ages = std::array<std::int64_t, 4>;
    const auto city = stats_.Cases(city_, kToday);
    EXPECT_EQ(row(city, "370811", CaseState::kScheduled).by_age, (Ages{1, 0, 0, 0}));      // 7 days
    EXPECT_EQ(row(city, "370811", CaseState::kClosedNoIssue).by_age, (Ages{0, 1, 0, 0}));  // 8 days
    const auto& rectifying = row(city, "370811", CaseState::kRectifying);                  // 31 days
    EXPECT_EQ(rectifying.by_age, (Ages{0, 0, 1, 0}));
    EXPECT_EQ(rectifying.past_deadline, 1);
    const auto& filed = row(city, "370811", CaseState::kFiled);  // 91 days
    EXPECT_EQ(filed.by_age, (Ages{0, 0, 0, 1}));
    EXPECT_EQ(filed.past_deadline, 0) << "the deadline day itself is still in time";
    const auto& a = row(city, "370811", std::nullopt);
    EXPECT_EQ(a.unit_name, "任城区");
    EXPECT_EQ(a.cases, 4);
    EXPECT_EQ(a.by_age, (Ages{1, 1, 1, 1}));
    EXPECT_EQ(a.past_deadline, 1);
    EXPECT_EQ(row(city, "370812", CaseState::kScheduled).by_age, (Ages{1, 0, 0, 0}));  // opened today
    EXPECT_EQ(row(city, "", CaseState::kScheduled).cases, 2);
    EXPECT_EQ(city.back().unit_name, "合计");
    EXPECT_EQ(city.back().cases, 5);
    EXPECT_EQ(city.back().by_age, (Ages{2, 1, 1, 1}));
    EXPECT_EQ(row(city, "370826", std::nullopt).cases, 0);
    // A day later the filed case is past its deadline too, and each case one day older.
    const auto later = stats_.Cases(city_, "2026-12-11");
    EXPECT_EQ(row(later, "370811", CaseState::kFiled).past_deadline, 1);
    EXPECT_EQ(row(later, "370811", CaseState::kScheduled).by_age, (Ages{0, 1, 0, 0}));

    const auto county = stats_.Cases(inspector_, kToday);
    for (const auto& r : county) EXPECT_TRUE(r.unit_code.empty() || r.unit_code == "370811") << r.unit_code;
    EXPECT_EQ(county.back().cases, 4);
    EXPECT_EQ(stats_.Cases(other_county_, kToday).back().cases, 1);
}

TEST_F(InstitutionStatsTest, EscrowTotalsComeFromTheLedgerLines) {
    BuildRegistryAndCases();
    const auto empty = stats_.Escrow(city_);
    EXPECT_EQ(empty.back().orders, 0);
    EXPECT_EQ(empty.back().held_fen, 0);
    EXPECT_EQ(Find(empty, "370811").deposited_fen, 0);

    // A: one family's two orders (one consumed in part, one refunded), a second family's order with no line yet.
    Order(a1_, "HT-1", "fam-1", 20, 10000,
          {{"deposit", 200000}, {"consumption_requested", 0}, {"released", 10000}, {"released", 10000}});
    Order(a1_, "HT-2", "fam-1", 10, 5000,
          {{"deposit", 50000}, {"released", 5000}, {"refund_requested", 45000}, {"refunded", 45000}});
    Order(a1_, "HT-3", "fam-3", 5, 1000, {});
    // B: a second family, and the first family again.
    Order(b_art_, "HT-4", "fam-2", 30, 4000, {{"deposit", 120000}});
    Order(b_art_, "HT-5", "fam-1", 1, 100, {{"deposit", 100}});

    const auto city = stats_.Escrow(city_);
    const auto& a = Find(city, "370811");
    EXPECT_EQ(a.orders, 3);
    EXPECT_EQ(a.families, 2);
    EXPECT_EQ(a.deposited_fen, 250000);
    EXPECT_EQ(a.released_fen, 25000);
    EXPECT_EQ(a.refunded_fen, 45000);  // the refund request's amount is not money moved
    EXPECT_EQ(a.held_fen, 180000);
    const auto& b = Find(city, "370812");
    EXPECT_EQ(b.orders, 2);
    EXPECT_EQ(b.families, 2);
    EXPECT_EQ(b.held_fen, 120100);
    const auto& total = city.back();
    EXPECT_EQ(total.unit_name, "合计");
    EXPECT_EQ(total.orders, 5);
    EXPECT_EQ(total.families, 3) << "fam-1 paid in both counties and counts once";
    EXPECT_EQ(total.deposited_fen, 370100);
    EXPECT_EQ(total.held_fen, 300100);
    EXPECT_EQ(Find(city, "370826").orders, 0);

    const auto county = stats_.Escrow(other_county_);
    ASSERT_EQ(county.size(), 2u);
    EXPECT_EQ(county[0].unit_code, "370812");
    EXPECT_EQ(county[1].deposited_fen, 120100);
}

TEST_F(InstitutionStatsTest, TheWorkbookHasOneSheetPerReportWithNumbersAndPercentages) {
    BuildRegistryAndCases();
    const auto snapshot = stats_.Snapshot(city_, kYear, kToday);
    EXPECT_EQ(snapshot.scope_name, "济宁市");
    const std::string book = StatsWorkbook(snapshot);
    ASSERT_TRUE(book.starts_with("PK"));
    io::ReadError error;
    const auto rows = io::ReadXlsxFirstSheet(book, error);
    ASSERT_TRUE(rows) << error.message_en;
    ASSERT_GE(rows->size(), 3u);
    EXPECT_NE((*rows)[0][0].find("济宁市"), std::string::npos);
    EXPECT_NE((*rows)[0][0].find(kToday), std::string::npos);
    EXPECT_EQ((*rows)[1],
              (std::vector<std::string>{"区县", "类别", "正常经营", "整改中", "停业整顿", "已关停", "已注销", "合计"}));
    bool found = false;
    for (const auto& r : *rows)
        if (r.size() == 8 && r[0] == "任城区" && r[1] == "学科类") {
            EXPECT_EQ(r, (std::vector<std::string>{"任城区", "学科类", "0", "1", "0", "0", "1", "2"}));
            found = true;
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(rows->back(), (std::vector<std::string>{"合计", "全部", "35", "3", "1", "2", "1", "42"}));
    // The other four sheets: the rate is the number 0.8707 (shown as 87.07 %), money in yuan.
    EXPECT_FALSE(ZipEntry(book, "xl/worksheets/sheet5.xml").empty());
    EXPECT_NE(ZipEntry(book, "xl/worksheets/sheet2.xml").find("<v>0.8707</v>"), std::string::npos);
    EXPECT_NE(ZipEntry(book, "xl/styles.xml").find("0.00%"), std::string::npos);
    const std::string workbook_xml = ZipEntry(book, "xl/workbook.xml");
    for (const char* sheet : {"机构分类统计", "压减率", "投诉按期办结", "案件状态与时长", "预收费资金监管"})
        EXPECT_NE(workbook_xml.find(sheet), std::string::npos) << sheet;

    const auto county = StatsWorkbook(stats_.Snapshot(county_, {}, kToday));
    const auto county_rows = io::ReadXlsxFirstSheet(county, error);
    ASSERT_TRUE(county_rows);
    EXPECT_NE((*county_rows)[0][0].find("任城区"), std::string::npos);
    EXPECT_EQ(county_rows->back().back(), "6");
    EXPECT_EQ(ErrorCode([&] {
                  stats_.Snapshot(county_, {"2026-12-31", "2026-03-01"}, kToday);
              }),
              "institutions.bad_period");
}

}  // namespace
}  // namespace kehou::institutions::stats_test
