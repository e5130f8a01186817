#include "providers/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "institutions/rules.hpp"

namespace kehou::providers {
namespace {

// Above a million yuan per class hour an amount is a typing error, and the bound keeps fee × 100 inside int64.
constexpr Fen kMaxFen = 100'000'000;

// RULES R1.14's 学科类 subjects, and the two catalogue categories that carry subject content (migration 0009).
constexpr std::array<std::string_view, 14> kSubjectCategories = {
    "subject_extension",
    "new_lessons",
    "道德与法治",
    "语文",
    "历史",
    "地理",
    "数学",
    "外语",
    "英语",
    "日语",
    "俄语",
    "物理",
    "化学",
    "生物",
};

Problem Make(std::string field, std::string code, std::string zh, std::string en) {
    return {std::move(field), "providers." + std::move(code), std::move(zh), std::move(en)};
}

// R3.5: some early pilot codes fail the checksum yet are legitimate (91350100M0001TGQXM). A checksum failure — never a
// layout failure — is accepted when the applicant gives the reason it was checked in 国家企业信用信息公示系统; the
// county's reviewer sees it as a warning. Without a reason it stays a problem that says how to override it.
void CheckCreditCode(const Application& a, ApplicationCheck& out) {
    const CreditCodeCheck c = ValidateCreditCode(a.credit_code);
    out.normalized_credit_code = c.normalized;
    if (c.failure && c.failure->reason == IdReason::kChecksum) {
        if (!a.credit_override_reason || IsBlank(*a.credit_override_reason)) {
            out.problems.push_back(
                Make("credit_code", "credit_code_checksum",
                     c.failure->message_zh + "；如经国家企业信用信息公示系统核实为早期试点代码，请填写核实说明",
                     c.failure->message_en +
                         "; if the national credit publicity system confirms it as an early pilot code, give the "
                         "override reason"));
        } else if (std::string reason(TrimBlanks(*a.credit_override_reason)); Utf8Chars(reason) > kMaxOverrideReasonChars) {
            out.problems.push_back(Make("credit_override_reason", "credit_override_reason_too_long",
                                        fmt::format("核实说明不超过 {} 字", kMaxOverrideReasonChars),
                                        fmt::format("The override reason is at most {} characters",
                                                    kMaxOverrideReasonChars)));
        } else {
            out.warnings.push_back(
                Make("credit_code", "credit_code_override",
                     "统一社会信用代码校验位不符，按核实说明作为早期试点代码受理，请在国家企业信用信息公示系统复核：" + reason,
                     "The credit code fails its checksum; taken as an early pilot code on the override reason (check "
                     "it in the national credit publicity system): " + reason));
            out.credit_override_reason = std::move(reason);
        }
    } else if (c.failure) {
        out.problems.push_back(Make("credit_code", "credit_code_format", c.failure->message_zh, c.failure->message_en));
    }
    if (c.warning)
        out.warnings.push_back(
            Make("credit_code", "credit_code_org_check", c.warning->message_zh, c.warning->message_en));
}

void CheckCategory(const Application& a, ApplicationCheck& out) {
    const auto& allowed = ProviderCategories();
    if (std::find(allowed.begin(), allowed.end(), a.category) != allowed.end()) return;
    if (IsSubjectCategory(a.category)) {
        out.problems.push_back(Make("category", "subject_category", "第三方机构只能提供非学科类服务",
                                    "A provider offers non-subject services only (R2.3a)"));
    } else if (a.category == "homework_help") {
        out.problems.push_back(Make("category", "category_not_for_providers",
                                    "作业辅导由本校教师承担，不引入第三方机构",
                                    "Homework help is given by the school's own teachers, not by providers"));
    } else {
        out.problems.push_back(Make("category", "unknown_category",
                                    "类别应为体育、艺术、科技、劳动实践、传统文化、阅读或心理健康",
                                    "The category is sport, art, stem, labour, traditional_culture, reading or "
                                    "mental_health"));
    }
}

void CheckPaidFee(const ServiceOffer& s, const std::string& at, const AdmissionPolicy& policy, ApplicationCheck& out) {
    if (s.outside_price_fen <= 0) {
        out.problems.push_back(Make(at + ".outside_price_fen", "outside_price_required",
                                    "请填写本机构校外同类服务的收费标准",
                                    "Enter the provider's own price for the same service outside school"));
    } else if (!FeeClearlyLower(s.fee_fen, s.outside_price_fen, policy.max_fee_percent_of_outside)) {
        const int pct = policy.max_fee_percent_of_outside;
        const std::string max = FormatYuan(MaxFeeFen(s.outside_price_fen, pct));
        out.problems.push_back(
            Make(at + ".fee_fen", "fee_not_clearly_lower",
                 fmt::format("进校服务收费 {} 元须明显低于校外收费 {} 元：不得超过其 {}%，即 {} 元",
                             FormatYuan(s.fee_fen), FormatYuan(s.outside_price_fen), pct, max),
                 fmt::format("The fee {} yuan must be clearly lower than the outside price {} yuan: at most {}% of it, "
                             "{} yuan (R2.4b)",
                             FormatYuan(s.fee_fen), FormatYuan(s.outside_price_fen), pct, max)));
    }
}

void CheckService(const ServiceOffer& s, std::size_t i, const Application& a, const AdmissionPolicy& policy,
                  std::set<std::string>& names, ApplicationCheck& out) {
    const std::string at = fmt::format("services[{}]", i);
    if (IsBlank(s.name)) {
        out.problems.push_back(
            Make(at + ".name", "service_name_required", "请填写服务项目名称", "Enter the service's name"));
    } else if (!names.insert(s.name).second) {
        out.problems.push_back(Make(at + ".name", "service_duplicate", "服务项目重复", "This service is listed twice"));
    } else if (institutions::NamesSubjectTypeSubject(s.name)) {
        // A heuristic (R1.14): "英语戏剧" may be drama; the reviewer decides, so it only warns.
        out.warnings.push_back(Make(at + ".name", "service_names_subject",
                                    "服务项目名称含学科类科目，请核实是否为学科类内容",
                                    "The service's name names a school subject; check it is not subject content"));
    }
    if (s.fee_fen < 0 || s.fee_fen > kMaxFen || s.outside_price_fen < 0 || s.outside_price_fen > kMaxFen) {
        out.problems.push_back(
            Make(at + ".fee_fen", "amount_out_of_range", "金额超出范围", "The amount is out of range"));
    } else if (a.free_public_benefit) {
        // R2.3d: a free or public-benefit provider charges pupils nothing at all.
        if (s.fee_fen != 0)
            out.problems.push_back(Make(at + ".fee_fen", "free_provider_charges", "公益性机构不得向学生收取任何费用",
                                        "A free or public-benefit provider may not charge anything (R2.3d)"));
    } else {
        CheckPaidFee(s, at, policy, out);
    }
}

void CheckServices(const Application& a, const AdmissionPolicy& policy, ApplicationCheck& out) {
    if (a.services.empty())
        out.problems.push_back(Make("services", "services_required", "请至少填写一项服务项目及其收费",
                                    "List at least one service with its fee"));
    std::set<std::string> names;
    for (std::size_t i = 0; i < a.services.size(); ++i) CheckService(a.services[i], i, a, policy, names, out);
}

void CheckBackgroundCheck(const Instructor& in, const std::string& at, const AdmissionPolicy& policy, Date today,
                          ApplicationCheck& out) {
    const std::string field = at + ".background_check_date";
    if (!in.background_check_date) {
        out.problems.push_back(Make(field, "background_check_required", "请上传无犯罪记录证明并填写开具日期",
                                    "Give the date of the criminal-record certificate"));
        return;
    }
    const Date issued = *in.background_check_date;
    if (issued > today) {
        out.problems.push_back(Make(field, "background_check_future", "无犯罪记录证明的开具日期晚于今天",
                                    "The certificate's date is after today"));
    } else if (!BackgroundCheckCurrent(issued, today, policy.background_check_validity_months)) {
        const int m = policy.background_check_validity_months;
        out.problems.push_back(Make(
            field, "background_check_expired",
            fmt::format("无犯罪记录证明开具于 {}，已超过 {} 个月，请重新开具", FormatIsoDate(issued), m),
            fmt::format("The certificate of {} is older than {} months; obtain a new one", FormatIsoDate(issued), m)));
    }
}

void CheckInstructor(const Instructor& in, std::size_t i, const AdmissionPolicy& policy, Date today,
                     ApplicationCheck& out) {
    const std::string at = fmt::format("instructors[{}]", i);
    if (IsBlank(in.name))
        out.problems.push_back(Make(at + ".name", "instructor_name_required", "请填写授课人员姓名", "Enter the name"));
    if (in.qualification == QualificationKind::kOther && IsBlank(in.qualification_name))
        out.problems.push_back(Make(at + ".qualification_name", "qualification_name_required", "请填写资格证书名称",
                                    "Name the certificate"));
    if (IsBlank(in.qualification_number))
        out.problems.push_back(Make(at + ".qualification_number", "qualification_number_required", "请填写资格证书编号",
                                    "Enter the certificate's number (R2.4c)"));
    CheckBackgroundCheck(in, at, policy, today, out);
}

void CheckInstructors(const Application& a, const AdmissionPolicy& policy, Date today, ApplicationCheck& out) {
    if (a.instructors.empty())
        out.problems.push_back(
            Make("instructors", "instructors_required", "请至少填写一名授课人员", "List at least one instructor"));
    for (std::size_t i = 0; i < a.instructors.size(); ++i) CheckInstructor(a.instructors[i], i, policy, today, out);
}

}  // namespace

ApplicationCheck CheckApplication(const Application& a, const AdmissionPolicy& policy, Date today) {
    ApplicationCheck out;
    if (IsBlank(a.name)) out.problems.push_back(Make("name", "name_required", "请填写机构名称", "Enter the name"));
    CheckCreditCode(a, out);
    CheckCategory(a, out);
    // R2.3d: the promise of no commercial promotion is the free provider's; a paid one is bound by R1.8(f) anyway.
    if (a.free_public_benefit && !a.declares_no_marketing)
        out.problems.push_back(Make("declares_no_marketing", "marketing_not_declared",
                                    "公益性机构须承诺不含商业推广或隐性商业内容",
                                    "A free provider must declare no commercial promotion, open or hidden (R2.3d)"));
    CheckServices(a, policy, out);
    CheckInstructors(a, policy, today, out);
    return out;
}

std::vector<Problem> ValidateAdmissionPolicy(const AdmissionPolicy& p) {
    std::vector<Problem> out;
    if (p.max_fee_percent_of_outside < 1 || p.max_fee_percent_of_outside > 95)
        out.push_back(Make("max_fee_percent_of_outside", "bad_fee_percent", "收费上限比例应在 1% 至 95% 之间",
                           "The fee limit is 1 to 95 percent of the outside price"));
    if (p.background_check_validity_months < 1 || p.background_check_validity_months > 36)
        out.push_back(Make("background_check_validity_months", "bad_validity", "有效期应在 1 至 36 个月之间",
                           "The validity is 1 to 36 months"));
    if (p.reapply_after_evaluation_exit_months < 0 || p.reapply_after_evaluation_exit_months > 60)
        out.push_back(Make("reapply_after_evaluation_exit_months", "bad_reapply_wait",
                           "重新申请等待期应在 0 至 60 个月之间", "The wait before applying again is 0 to 60 months"));
    return out;
}

bool FeeClearlyLower(Fen fee_fen, Fen outside_price_fen, int max_percent) {
    return fee_fen * 100 <= outside_price_fen * max_percent;
}

Fen MaxFeeFen(Fen outside_price_fen, int max_percent) {
    return outside_price_fen * max_percent / 100;
}

Date AddMonths(Date d, int months) {
    using namespace std::chrono;
    const year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
    const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(d.day(), last)};
}

bool BackgroundCheckCurrent(Date issued, Date today, int months) {
    return issued <= today && today <= AddMonths(issued, months);
}

bool IsSubjectCategory(std::string_view category) {
    return std::find(kSubjectCategories.begin(), kSubjectCategories.end(), category) != kSubjectCategories.end();
}

Error ToError(const std::vector<Problem>& problems) {
    if (problems.empty()) return Error::Internal("providers::ToError without problems");
    const Problem& p = problems.front();
    return Error::Unprocessable(p.code, p.message_zh, p.message_en, p.field)
        .WithDetail("problem_count", static_cast<std::int64_t>(problems.size()));
}

bool IsBlank(std::string_view s) { return TrimBlanks(s).empty(); }

std::string FormatYuan(Fen fen) {
    const Fen a = fen < 0 ? -fen : fen;
    return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", a / 100, a % 100);
}

}  // namespace kehou::providers
