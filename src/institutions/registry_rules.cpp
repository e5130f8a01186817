#include "institutions/registry_rules.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

Violation Problem(std::string code, std::string zh, std::string en, std::string field, bool warning = false) {
    return Violation{std::move(code), std::move(zh), std::move(en), std::move(field), std::nullopt, warning};
}

// UTF-8 code points, so a limit of 100 means 100 Chinese characters, not 33.
void RequireText(std::vector<Violation>& out, std::string_view value, std::size_t max, const char* field,
                 const char* label_zh, const char* label_en) {
    if (value.empty())
        out.push_back(Problem("institutions.required", fmt::format("{}不能为空", label_zh),
                              fmt::format("{} is required", label_en), field));
    else if (Utf8Chars(value) > max)
        out.push_back(Problem("institutions.too_long", fmt::format("{}不能超过 {} 个字", label_zh, max),
                              fmt::format("{} is longer than {} characters", label_en, max), field));
}

void CheckDate(std::vector<Violation>& out, const std::optional<std::string>& value, const char* field,
               std::chrono::year_month_day today) {
    if (!value) return;
    const auto d = ParseIsoDate(*value);
    if (!d)
        out.push_back(Problem("institutions.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", field));
    else if (std::chrono::sys_days{*d} > std::chrono::sys_days{today})
        out.push_back(Problem("institutions.future_date", "日期不能晚于今天", "The date is in the future", field));
}

void CheckCreditCode(std::vector<Violation>& out, const Institution& in) {
    const CreditCodeCheck check = ValidateCreditCode(in.credit_code);
    if (check.failure) {
        const bool overridable = check.failure->reason == IdReason::kChecksum;
        const bool overridden = overridable && in.credit_override_reason && !in.credit_override_reason->empty();
        if (!overridden)
            out.push_back(Problem(overridable ? "institutions.credit_code_checksum" : "institutions.bad_credit_code",
                                  overridable ? check.failure->message_zh +
                                                    "；如经国家企业信用信息公示系统核实为早期试点代码，请填写核实说明"
                                              : check.failure->message_zh,
                                  overridable ? check.failure->message_en +
                                                    "; if the national credit publicity system confirms it as an "
                                                    "early pilot code, give the override reason"
                                              : check.failure->message_en,
                                  "credit_code"));
    }
    if (check.warning)
        out.push_back(Problem("institutions.credit_code_inner_check", check.warning->message_zh,
                              check.warning->message_en, "credit_code", true));
    const bool subject = in.category == InstitutionCategory::kSubject;
    if (auto issue = CreditCodePrefixIssue(check.normalized, subject, in.non_profit()))
        out.push_back(Problem(fmt::format("institutions.credit_prefix_{}", ToString(issue->kind)),
                              issue->message_zh, issue->message_en, "credit_code",
                              issue->severity == IssueSeverity::kWarning));
}

// R1.10: 学科类 institutions are non-profit and approved (审批), online ones included.
void CheckSubjectType(std::vector<Violation>& out, const Institution& in) {
    if (in.category != InstitutionCategory::kSubject) return;
    if (!in.non_profit())
        out.push_back(Problem("institutions.subject_not_non_profit", "学科类机构须登记为非营利性机构（民非登记证号）",
                              "A subject-type institution must be registered as non-profit",
                              "nonprofit_reg_no"));
    if (!in.licence_no)
        out.push_back(Problem("institutions.subject_needs_licence", "学科类机构须取得办学许可证（含线上机构审批）",
                              "A subject-type institution needs a school licence (online ones included)",
                              "licence_no"));
}

}  // namespace

std::vector<Violation> CheckStaffMember(const StaffMember& s, std::size_t index) {
    std::vector<Violation> out;
    const auto field = [&](const char* f) { return fmt::format("staff[{}].{}", index, f); };
    if (s.name.empty() || Utf8Chars(s.name) > 30)
        out.push_back(Problem("institutions.bad_staff_name", "教学人员姓名应为 1–30 个字",
                              "A staff member's name is 1–30 characters", field("name")));
    if (s.teaches_subject && (!s.qualification_no || s.qualification_no->empty()))
        out.push_back(Problem("institutions.staff_needs_qualification", "学科类教学人员须具有教师资格（填写资格证编号）",
                              "Staff teaching subject-type content need a teacher qualification number",
                              field("qualification_no")));
    return out;
}

std::vector<Violation> CheckInstitution(const Institution& in, std::chrono::year_month_day today) {
    std::vector<Violation> out;
    RequireText(out, in.name, 100, "name", "机构名称", "The name");
    RequireText(out, in.address, 200, "address", "地址", "The address");
    RequireText(out, in.legal_representative, 30, "legal_representative", "法定代表人", "The legal representative");
    CheckCreditCode(out, in);
    CheckSubjectType(out, in);
    CheckDate(out, in.licence_date, "licence_date", today);
    CheckDate(out, in.filing_date, "filing_date", today);
    if (in.licence_date && !in.licence_no)
        out.push_back(Problem("institutions.date_without_number", "填写了许可日期但没有许可证号",
                              "A licence date without a licence number", "licence_no"));
    for (std::size_t i = 0; i < in.staff.size(); ++i)
        for (auto& v : CheckStaffMember(in.staff[i], i)) out.push_back(std::move(v));
    return out;
}

std::vector<Violation> CheckBaseline(const std::vector<BaselineCount>& rows, std::chrono::year_month_day today) {
    std::vector<Violation> out;
    std::map<std::pair<InstitutionCategory, Delivery>, int> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const auto field = [&](const char* f) { return fmt::format("rows[{}].{}", i, f); };
        if (r.institutions < 0)
            out.push_back(Problem("institutions.negative_count", "机构数不能为负", "A count cannot be negative",
                                  field("institutions")));
        if (++seen[{r.category, r.delivery}] > 1)
            out.push_back(Problem("institutions.duplicate_baseline_row", "同一类别和形式只能填写一行",
                                  "One row per category and delivery", field("category")));
        std::vector<Violation> dates;
        CheckDate(dates, r.as_of, "as_of", today);
        for (auto& v : dates) out.push_back({v.code, v.message_zh, v.message_en, field("as_of"), std::nullopt, false});
    }
    return out;
}

std::vector<ReductionRow> BuildReductionRows(const std::vector<BaselineCount>& baseline,
                                             const std::vector<BaselineCount>& current) {
    using Key = std::tuple<std::string, InstitutionCategory, Delivery>;
    std::map<Key, std::pair<int, int>> cells;
    for (const auto& b : baseline) cells[{b.unit_code, b.category, b.delivery}].first += b.institutions;
    for (const auto& c : current) cells[{c.unit_code, c.category, c.delivery}].second += c.institutions;
    std::vector<ReductionRow> rows;
    std::map<std::string, std::pair<int, int>> per_unit;
    std::pair<int, int> total;
    const auto row = [](std::string unit, std::optional<InstitutionCategory> cat, std::optional<Delivery> del,
                        std::pair<int, int> n) {
        ReductionRow r{std::move(unit), {}, cat, del, n.first, n.second, std::nullopt};
        if (auto rate = ComputeReductionRate(n.first, n.second)) r.rate_basis_points = rate->basis_points;
        return r;
    };
    for (const auto& [key, n] : cells) {
        const auto& [unit, cat, del] = key;
        rows.push_back(row(unit, cat, del, n));
        per_unit[unit].first += n.first;
        per_unit[unit].second += n.second;
        total.first += n.first;
        total.second += n.second;
    }
    for (const auto& [unit, n] : per_unit) rows.push_back(row(unit, std::nullopt, std::nullopt, n));
    rows.push_back(row("", std::nullopt, std::nullopt, total));
    return rows;
}

}  // namespace kehou::institutions
