// Prepaid orders (RULES R1.15), guidance prices (R1.16), the 压减率 (R6.3) and turning violations into errors.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using std::chrono::sys_days;

Violation Make(std::string code, std::string zh, std::string en, std::string field) {
    return {"institutions." + std::move(code), std::move(zh), std::move(en), std::move(field), std::nullopt, false};
}

std::string Yuan(std::int64_t fen) {
    return fmt::format("{}.{:02}", fen / 100, fen % 100);
}

void CheckFigures(const PrepaidOrder& o, std::vector<Violation>& out) {
    // RULES R1.15: ≤ 60 class hours.
    if (o.class_hours <= 0)
        out.push_back(Make("order_bad_hours", "课时数须为正数", "Class hours must be positive", "class_hours"));
    else if (o.class_hours > kMaxOrderClassHours)
        out.push_back(
            Make("order_too_many_hours", fmt::format("单次收费不得超过 60 课时（本单 {} 课时）", o.class_hours),
                 fmt::format("One charge covers at most 60 class hours (this one {})", o.class_hours), "class_hours"));
    // RULES R1.15: ≤ 5,000 yuan.
    if (o.amount_fen <= 0)
        out.push_back(Make("order_bad_amount", "收费金额须为正数", "The amount must be positive", "amount_fen"));
    else if (o.amount_fen > kMaxOrderAmountFen)
        out.push_back(
            Make("order_amount_over_cap", fmt::format("单次收费不得超过 5000 元（本单 {} 元）", Yuan(o.amount_fen)),
                 fmt::format("One charge is at most 5,000 yuan (this one {})", Yuan(o.amount_fen)), "amount_fen"));
    if (o.unit_price_fen <= 0) {
        out.push_back(
            Make("order_bad_unit_price", "课时单价须为正数", "The unit price must be positive", "unit_price_fen"));
    } else if (o.class_hours > 0 && o.amount_fen != o.class_hours * o.unit_price_fen) {
        // [D] 一课一消 releases one class's fee at a time (R6.2): the amount must be whole hours × a whole-fen price,
        // or the escrow invariant could never hold. A discount is a lower unit price.
        out.push_back(Make("order_amount_mismatch",
                           fmt::format("收费金额 {} 元须等于 {} 课时 × 单价 {} 元", Yuan(o.amount_fen), o.class_hours,
                                       Yuan(o.unit_price_fen)),
                           fmt::format("The amount {} yuan must equal {} hours × {} yuan", Yuan(o.amount_fen),
                                       o.class_hours, Yuan(o.unit_price_fen)),
                           "amount_fen"));
    }
}

void CheckPeriod(const PrepaidOrder& o, std::vector<Violation>& out) {
    // RULES R1.15: ≤ 3 months. An order without a period could stretch 60 hours over a year, so one is required.
    if (!o.end_date && !o.months)
        out.push_back(Make("order_period_missing", "请填写服务期限（结束日期或月数）",
                           "State the service period (end date or months)", "end_date"));
    if (o.months && *o.months <= 0)
        out.push_back(Make("order_bad_months", "服务月数须为正数", "Months must be positive", "months"));
    else if (o.months && *o.months > kMaxOrderMonths)
        out.push_back(Make("order_period_too_long",
                           fmt::format("单次收费时间跨度不得超过 3 个月（本单 {} 个月）", *o.months),
                           fmt::format("One charge covers at most 3 months (this one {})", *o.months), "months"));
    if (!o.end_date) return;
    if (sys_days{*o.end_date} < sys_days{o.start_date}) {
        out.push_back(Make("order_bad_period", "结束日期不能早于开始日期", "The end date cannot precede the start date",
                           "end_date"));
        return;
    }
    const Date last = LastDayOfMonths(o.start_date, kMaxOrderMonths);
    if (sys_days{*o.end_date} > sys_days{last})
        out.push_back(Make("order_period_too_long",
                           fmt::format("单次收费时间跨度不得超过 3 个月：{} 开始的课程最晚至 {}",
                                       FormatDate(o.start_date), FormatDate(last)),
                           fmt::format("One charge covers at most 3 months: a course starting {} ends by {}",
                                       FormatDate(o.start_date), FormatDate(last)),
                           "end_date"));
}

// RULES R1.15, local rules ([V2] Jiangsu, Qingdao, Beijing), on only where the county switches them on.
void CheckLocalRules(const PrepaidOrder& o, const PrepaidConfig& config, std::vector<Violation>& out) {
    if (config.max_months_collected_ahead) {
        const Date earliest = AddMonths(o.start_date, -*config.max_months_collected_ahead);
        if (sys_days{o.paid_on} < sys_days{earliest})
            out.push_back(
                Make("order_collected_too_early",
                     fmt::format("不得在开课前 {} 个月以上收费：最早 {}", *config.max_months_collected_ahead,
                                 FormatDate(earliest)),
                     fmt::format("Fees may not be collected more than {} month(s) before the start: {} at the "
                                 "earliest",
                                 *config.max_months_collected_ahead, FormatDate(earliest)),
                     "paid_on"));
    }
    if (config.renewal_max_remaining_hours && o.renewal_remaining_hours &&
        *o.renewal_remaining_hours > *config.renewal_max_remaining_hours)
        out.push_back(Make("order_renewal_too_early",
                           fmt::format("剩余课时不超过 {} 课时方可续费（尚余 {} 课时）",
                                       *config.renewal_max_remaining_hours, *o.renewal_remaining_hours),
                           fmt::format("A renewal waits until at most {} class hours remain ({} remain)",
                                       *config.renewal_max_remaining_hours, *o.renewal_remaining_hours),
                           "renewal_remaining_hours"));
}

// Half away from zero: 4,760,000 / 751 = 6338.2 → 6338; 1/8 = 1250 exactly; 0.5 bp rounds outward.
std::int64_t DivideRounded(std::int64_t num, std::int64_t den) {
    const std::int64_t q = num / den, r = num % den;
    if (2 * std::llabs(r) >= den) return q + (num < 0 ? -1 : 1);
    return q;
}

}  // namespace

Date AddMonths(Date d, int months) {
    const std::chrono::year_month ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
    const std::chrono::day last =
        std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(d.day(), last)};
}

Date LastDayOfMonths(Date start, int months) {
    return Date{sys_days{AddMonths(start, months)} - std::chrono::days{1}};
}

std::vector<Violation> CheckPrepaidOrder(const PrepaidOrder& order, const PrepaidConfig& config) {
    std::vector<Violation> out;
    CheckFigures(order, out);
    CheckPeriod(order, out);
    CheckLocalRules(order, config, out);
    return out;
}

std::int64_t MaxGuidedPriceFen(std::int64_t guidance_fen, int float_bp) {
    return guidance_fen * (10'000 + float_bp) / 10'000;
}

std::optional<Violation> CheckGuidancePrice(std::int64_t unit_price_fen, std::int64_t guidance_fen, int float_bp) {
    if (guidance_fen <= 0 || float_bp < 0)
        throw Error::Unprocessable("institutions.bad_guidance_price", "政府指导价须为正数，上浮比例不能为负",
                                   "The guidance price is positive and its band is not negative", "guidance_fen");
    // RULES R1.16: price ≤ guidance × (1 + float), compared exactly: price × 10000 ≤ guidance × (10000 + bp).
    if (unit_price_fen * 10'000 <= guidance_fen * (10'000 + float_bp)) return std::nullopt;
    const std::int64_t max = MaxGuidedPriceFen(guidance_fen, float_bp);
    return Make("price_above_guidance",
                fmt::format("课时单价 {} 元超过政府指导价上限 {} 元（基准 {} 元，上浮 {}）", Yuan(unit_price_fen),
                            Yuan(max), Yuan(guidance_fen), FormatPercent(float_bp)),
                fmt::format("The price of {} yuan per class hour exceeds the guidance ceiling of {} yuan (base {} yuan "
                            "+ {})",
                            Yuan(unit_price_fen), Yuan(max), Yuan(guidance_fen), FormatPercent(float_bp)),
                "unit_price_fen");
}

Error ToError(const std::vector<Violation>& violations) {
    auto first = std::find_if(violations.begin(), violations.end(), [](const Violation& v) { return !v.warning; });
    if (first == violations.end()) first = violations.begin();
    if (first == violations.end()) return Error::Internal("ToError called without violations");
    Error e = Error::Unprocessable(first->code, first->message_zh, first->message_en, first->field);
    e.WithDetail("violations", static_cast<std::int64_t>(violations.size()));
    if (first->session_index) e.WithDetail("session_index", static_cast<std::int64_t>(*first->session_index));
    return e;
}

void ThrowIfViolations(const std::vector<Violation>& violations) {
    for (const auto& v : violations)
        if (!v.warning) throw ToError(violations);
}

std::optional<ReductionRate> ComputeReductionRate(std::int64_t baseline, std::int64_t current) {
    // RULES R6.3: a baseline of 0 has nothing to reduce; negative counts are not counts.
    if (baseline <= 0 || current < 0) return std::nullopt;
    const std::int64_t cut = baseline - current;
    return ReductionRate{baseline, current, cut, DivideRounded(cut * 10'000, baseline)};
}

std::string FormatPercent(std::int64_t bp) {
    const std::int64_t a = std::llabs(bp);
    return fmt::format("{}{}.{:02}%", bp < 0 ? "-" : "", a / 100, a % 100);
}

bool CountsAsCurrent(InstitutionStatus status) {
    return status == InstitutionStatus::kOperating || status == InstitutionStatus::kRectifying ||
           status == InstitutionStatus::kSuspended;
}

}  // namespace kehou::institutions
