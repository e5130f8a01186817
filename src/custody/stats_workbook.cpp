// The custody statistics as one .xlsx (issue 9 point 9): one row per county and the city's total, counts as numbers
// and the coverage as a percentage. Aggregates only: no child's name is in it.
#include "custody/stats_service.hpp"
#include "io/xlsx_writer.hpp"

namespace kehou::custody {
namespace {

std::vector<io::XlsxCell> Row(const CountyStats& x) {
    using N = io::XlsxNumber;
    return {x.unit_code, x.unit_name, N{x.requested}, N{x.signed_up}, N{x.served}, N{x.schools_total},
            N{x.schools_covered}, io::XlsxRate{x.coverage_bp}, N{x.sites}, N{x.staff}, N{x.attendance_days},
            N{x.meals}};
}

}  // namespace

std::string StatsWorkbook(const CustodyStats& s) {
    io::XlsxReport book(12);
    io::XlsxRows rows;
    for (const auto& x : s.items) rows.push_back(Row(x));
    auto total = Row(s.total);
    total[0] = std::string();
    rows.push_back(std::move(total));
    book.AddSheet("暑期托管", std::to_string(s.year) + "年暑期托管统计（截至 " + s.as_of + "）",
                  {"区县代码", "区县", "需求人数", "报名人数", "服务人数", "义务教育学校数", "覆盖学校数", "学校覆盖率",
                   "托管点数", "参与教师数", "出勤人次", "用餐人次"},
                  rows);
    return book.Finish();
}

}  // namespace kehou::custody
