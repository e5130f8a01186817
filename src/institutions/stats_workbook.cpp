// The statistics as one .xlsx workbook, one sheet per report (issue 6 point 7): the file a county forwards to
// the city and the city to the province. Each sheet has a title line saying whose figures and as of when,
// a bold header row, numbers as numbers, rates as percentages (0.8707 shown as 87.07%) and money in yuan.
#include <string>
#include <vector>

#include "institutions/stats_service.hpp"
#include "io/xlsx_writer.hpp"

namespace kehou::institutions {
namespace {

using Count = io::XlsxNumber;
using Rate = io::XlsxRate;  // blank when there is no rate
using Yuan = io::XlsxYuan;
using Cell = io::XlsxCell;
using Rows = io::XlsxRows;

std::string CategoryName(const std::optional<InstitutionCategory>& c) {
    return c ? std::string(LabelZh(*c)) : "全部";
}

Rows RegistryRows(const std::vector<RegistryStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows) {
        std::vector<Cell> line{r.unit_name, CategoryName(r.category)};
        for (const auto n : r.by_status) line.emplace_back(Count{n});
        line.emplace_back(Count{r.total});
        out.push_back(std::move(line));
    }
    return out;
}

Rows ReductionRows(const std::vector<ReductionRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, CategoryName(r.category),
                       r.delivery ? std::string(LabelZh(*r.delivery)) : std::string("全部"), Count{r.baseline},
                       Count{r.current}, Count{r.baseline - r.current}, Rate{r.rate_basis_points}});
    return out;
}

Rows ComplaintRows(const std::vector<ComplaintStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, Count{r.received}, Count{r.closed}, Count{r.closed_on_time}, Count{r.open},
                       Count{r.open_overdue}, Rate{r.on_time_rate_bp}});
    return out;
}

Rows CaseRows(const std::vector<CaseStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows) {
        std::vector<Cell> line{r.unit_name, r.state ? std::string(LabelZh(*r.state)) : std::string("全部"),
                               Count{r.cases}};
        for (const auto n : r.by_age) line.emplace_back(Count{n});
        line.emplace_back(Count{r.past_deadline});
        out.push_back(std::move(line));
    }
    return out;
}

Rows EscrowRows(const std::vector<EscrowStatsRow>& rows) {
    Rows out;
    for (const auto& r : rows)
        out.push_back({r.unit_name, Count{r.orders}, Count{r.families}, Yuan{r.deposited_fen}, Yuan{r.released_fen},
                       Yuan{r.refunded_fen}, Yuan{r.held_fen}});
    return out;
}

std::string PeriodText(const StatsPeriod& p) {
    if (!p.from && !p.to) return "全部受理日期";
    return "受理日期 " + p.from.value_or("…") + " 至 " + p.to.value_or("…");
}

}  // namespace

std::string StatsWorkbook(const StatsSnapshot& s) {
    io::XlsxReport book(14);
    const std::string who = s.scope_name + " ", when = "（截至 " + s.as_of + "）";
    std::vector<std::string> registry_headers{"区县", "类别"};
    for (const auto st : AllValues<InstitutionStatus>()) registry_headers.emplace_back(LabelZh(st));
    registry_headers.emplace_back("合计");
    book.AddSheet("机构分类统计", who + "校外培训机构分类统计" + when, registry_headers, RegistryRows(s.registry));
    book.AddSheet("压减率", who + "校外培训机构压减率" + when,
                  {"区县", "类别", "形式", "压减基数", "现有机构", "压减数", "压减率"}, ReductionRows(s.reduction));
    book.AddSheet("投诉按期办结", who + "投诉举报按期办结情况（" + PeriodText(s.period) + "，截至 " + s.as_of + "）",
                  {"区县", "受理", "办结", "按期办结", "未办结", "逾期未办结", "按期办结率"},
                  ComplaintRows(s.complaints));
    std::vector<std::string> case_headers{"区县", "状态", "案件数"};
    for (const auto* label : kAgeBucketLabels) case_headers.emplace_back(label);
    case_headers.emplace_back("超过整改期限");
    book.AddSheet("案件状态与时长", who + "检查案件状态与立案时长" + when, case_headers, CaseRows(s.cases));
    book.AddSheet("预收费资金监管", who + "预收费资金监管" + when,
                  {"区县", "订单数", "涉及家庭", "存入(元)", "已划拨(元)", "已退费(元)", "监管余额(元)"},
                  EscrowRows(s.escrow));
    return book.Finish();
}

}  // namespace kehou::institutions
