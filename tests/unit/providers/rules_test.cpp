// A provider's application to a county bureau, RULES R2.3–R2.4 and R3.5: every problem names its field path; the
// fee rule at its exact edge; free providers; instructors' qualifications and background checks; the categories and
// statuses the after-school white list (migration 0009) knows.
#include "providers/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "db/migrate.hpp"

namespace kehou::providers {
namespace {

Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const Date kToday = D(2026, 3, 15);

// The worked credit code of RULES R3.2 (check character 3).
Application Valid() {
    Application a;
    a.name = "济宁市启明体育文化有限公司";
    a.credit_code = "91350100M000100Y43";
    a.category = "sport";
    a.declares_no_marketing = true;
    a.services = {{"篮球", 4000, 6000}, {"足球", 3000, 5000}};
    a.instructors = {{"王强", QualificationKind::kCoachCertificate, "", "TY2019-0031", D(2025, 9, 1)},
                     {"李静", QualificationKind::kTeacherCertificate, "", "20193700000123", D(2026, 1, 5)}};
    return a;
}

ApplicationCheck Check(const Application& a, const AdmissionPolicy& p = {}) {
    return CheckApplication(a, p, kToday);
}

std::vector<std::string> Fields(const std::vector<Problem>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(p.field);
    return out;
}

std::vector<std::string> Codes(const std::vector<Problem>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(p.code);
    return out;
}

using Strings = std::vector<std::string>;

TEST(ProviderRulesTest, AWellFormedApplicationPasses) {
    const auto c = Check(Valid());
    EXPECT_TRUE(c.ok()) << ::testing::PrintToString(Fields(c.problems));
    EXPECT_TRUE(c.warnings.empty());
    EXPECT_EQ(c.normalized_credit_code, "91350100M000100Y43");
    EXPECT_TRUE(Check(Valid(), AdmissionPolicy{}).ok());
}

TEST(ProviderRulesTest, TheFeeMustBeClearlyLowerThanTheOutsidePriceAtNinetyPercentByDefault) {
    // Outside 100.00 yuan: 90 % of it is 90.00 yuan (9000 × 100 = 900000 ≤ 10000 × 90 = 900000), allowed;
    // one fen more (900100 > 900000) is not; the same price as outside is not "clearly lower".
    auto a = Valid();
    a.services = {{"篮球", 9000, 10000}};
    EXPECT_TRUE(Check(a).ok());
    a.services[0].fee_fen = 9001;
    auto c = Check(a);
    EXPECT_EQ(Fields(c.problems), Strings{"services[0].fee_fen"});
    EXPECT_EQ(c.problems[0].code, "providers.fee_not_clearly_lower");
    EXPECT_NE(c.problems[0].message_zh.find("不得超过其 90%，即 90.00 元"), std::string::npos)
        << c.problems[0].message_zh;
    EXPECT_NE(c.problems[0].message_en.find("90.01 yuan"), std::string::npos);
    a.services[0].fee_fen = 10000;
    EXPECT_FALSE(Check(a).ok());
}

TEST(ProviderRulesTest, ACountyMaySetItsOwnPercentAndTheArithmeticStaysInIntegers) {
    auto a = Valid();
    a.services = {{"篮球", 8000, 10000}};
    EXPECT_TRUE(Check(a, {.max_fee_percent_of_outside = 80}).ok());
    a.services[0].fee_fen = 8001;
    EXPECT_FALSE(Check(a, {.max_fee_percent_of_outside = 80}).ok());
    // 99.99 yuan outside: 90 % is 89.991 yuan, so the highest fee is 89.99 (899900 ≤ 899910), not 90.00 (900000).
    EXPECT_EQ(MaxFeeFen(9999, 90), 8999);
    EXPECT_TRUE(FeeClearlyLower(8999, 9999, 90));
    EXPECT_FALSE(FeeClearlyLower(9000, 9999, 90));
    EXPECT_EQ(FormatYuan(8999), "89.99");
    EXPECT_EQ(FormatYuan(5), "0.05");
    EXPECT_EQ(FormatYuan(-150), "-1.50");
}

TEST(ProviderRulesTest, EachServiceProblemNamesItsIndex) {
    auto a = Valid();
    a.services = {{"篮球", 4000, 6000}, {"足球", 5500, 6000}, {" \u3000", 100, 0}, {"篮球", -1, 100}};
    const auto c = Check(a);
    // 5500 × 100 = 550000 > 6000 × 90 = 540000; the third has no name and no outside price; the fourth repeats the
    // first's name and asks a negative fee.
    EXPECT_EQ(Fields(c.problems), (Strings{"services[1].fee_fen", "services[2].name", "services[2].outside_price_fen",
                                           "services[3].name", "services[3].fee_fen"}));
    EXPECT_EQ(Codes(c.problems), (Strings{"providers.fee_not_clearly_lower", "providers.service_name_required",
                                          "providers.outside_price_required", "providers.service_duplicate",
                                          "providers.amount_out_of_range"}));
}

TEST(ProviderRulesTest, ServicesAndInstructorsAreRequired) {
    auto a = Valid();
    a.services.clear();
    a.instructors.clear();
    EXPECT_EQ(Fields(Check(a).problems), (Strings{"services", "instructors"}));
}

TEST(ProviderRulesTest, AFreeProviderChargesNothingAndDeclaresNoMarketing) {
    auto a = Valid();
    a.free_public_benefit = true;
    a.services = {{"篮球", 0, 0}, {"围棋", 0, 8000}};
    EXPECT_TRUE(Check(a).ok()) << "no outside price is needed when nothing is charged";
    a.services[1].fee_fen = 1;
    a.declares_no_marketing = false;
    const auto c = Check(a);
    EXPECT_EQ(Fields(c.problems), (Strings{"declares_no_marketing", "services[1].fee_fen"}));
    EXPECT_EQ(Codes(c.problems), (Strings{"providers.marketing_not_declared", "providers.free_provider_charges"}));
    // A paid provider is not asked for the declaration (R2.3d speaks of free providers).
    auto paid = Valid();
    paid.declares_no_marketing = false;
    EXPECT_TRUE(Check(paid).ok());
}

TEST(ProviderRulesTest, TheCreditCodeIsValidatedAndAChecksumFailureIsTellable) {
    auto a = Valid();
    a.credit_code = " 91350100m000100y43 ";
    EXPECT_TRUE(Check(a).ok());
    EXPECT_EQ(Check(a).normalized_credit_code, "91350100M000100Y43");
    a.credit_code = "91350100M000100Y44";
    auto c = Check(a);
    EXPECT_EQ(Fields(c.problems), Strings{"credit_code"});
    EXPECT_EQ(c.problems[0].code, "providers.credit_code_checksum") << "R3.5: the service may accept an override";
    EXPECT_FALSE(c.problems[0].message_zh.empty());
    a.credit_code = "9135";
    EXPECT_EQ(Codes(Check(a).problems), Strings{"providers.credit_code_format"});
}

// R3.5: early pilot codes fail the checksum yet are legitimate, e.g. 91350100M0001TGQXM (Fuzhou).
constexpr const char* kPilotCode = "91350100M0001TGQXM";

bool Has(const std::vector<std::string>& xs, const std::string& x) {
    return std::find(xs.begin(), xs.end(), x) != xs.end();
}

TEST(ProviderRulesTest, APilotCodeWithoutAnOverrideReasonIsRefusedR35) {
    // R3.5: reject a checksum failure by default; the refusal says how to ask for the override.
    auto a = Valid();
    a.credit_code = kPilotCode;
    for (const auto& reason : {std::optional<std::string>{}, std::optional<std::string>{" \u3000\t"}}) {
        a.credit_override_reason = reason;  // absent, or blank of either width
        const auto c = Check(a);
        EXPECT_EQ(Fields(c.problems), Strings{"credit_code"});
        EXPECT_EQ(Codes(c.problems), Strings{"providers.credit_code_checksum"});
        EXPECT_NE(c.problems[0].message_zh.find("如经国家企业信用信息公示系统核实为早期试点代码，请填写核实说明"),
                  std::string::npos)
            << c.problems[0].message_zh;
        EXPECT_NE(c.problems[0].message_en.find("give the override reason"), std::string::npos);
        EXPECT_FALSE(Has(Codes(c.warnings), "providers.credit_code_override"));
        EXPECT_FALSE(c.credit_override_reason);
    }
}

TEST(ProviderRulesTest, APilotCodeWithAReasonIsAcceptedWithAWarningForTheReviewerR35) {
    // R3.5: the manual override after checking the national enterprise credit publicity system; the county's
    // reviewer sees it as a warning, never a refusal. The reason is kept trimmed.
    for (const char* code : {kPilotCode, "91350211M0000XUF46"}) {
        auto a = Valid();
        a.credit_code = code;
        a.credit_override_reason = " \u3000已在国家企业信用信息公示系统核实，为早期试点代码\u3000 ";
        const auto c = Check(a);
        EXPECT_TRUE(c.ok()) << code << ::testing::PrintToString(Codes(c.problems));
        EXPECT_EQ(c.normalized_credit_code, code);
        const auto w = std::find_if(c.warnings.begin(), c.warnings.end(),
                                    [](const Problem& p) { return p.code == "providers.credit_code_override"; });
        ASSERT_NE(w, c.warnings.end()) << code;
        EXPECT_EQ(w->field, "credit_code");
        EXPECT_NE(w->message_zh.find("校验位不符"), std::string::npos) << w->message_zh;
        EXPECT_NE(w->message_zh.find("：已在国家企业信用信息公示系统核实，为早期试点代码"), std::string::npos);
        EXPECT_NE(w->message_en.find("fails its checksum"), std::string::npos) << w->message_en;
        EXPECT_EQ(c.credit_override_reason, "已在国家企业信用信息公示系统核实，为早期试点代码");
    }
}

TEST(ProviderRulesTest, ALayoutFailureIsNeverOverriddenR35) {
    // R3.5 overrides the checksum only: a code of the wrong length or characters stays refused, reason or not.
    auto a = Valid();
    a.credit_override_reason = "已核实";
    for (const char* code : {"9135", "91350100M0001TGQX", "91350100M0001TGQXMM"}) {
        a.credit_code = code;
        const auto c = Check(a);
        EXPECT_EQ(Codes(c.problems), Strings{"providers.credit_code_format"}) << code;
        EXPECT_FALSE(Has(Codes(c.warnings), "providers.credit_code_override")) << code;
        EXPECT_FALSE(c.credit_override_reason) << code;
    }
}

TEST(ProviderRulesTest, AReasonForACodeThatPassesIsDroppedR35) {
    auto a = Valid();
    a.credit_override_reason = "无需核实";
    const auto c = Check(a);
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE(c.warnings.empty());
    EXPECT_FALSE(c.credit_override_reason) << "nothing was overridden, so nothing is stored";
}

TEST(ProviderRulesTest, AnOverrideReasonOfMoreThan200CharactersIsRefusedOnItsFieldR35) {
    auto a = Valid();
    a.credit_code = kPilotCode;
    std::string reason;
    for (int i = 0; i < 200; ++i) reason += "核";  // 200 characters, 600 bytes: the limit counts characters
    a.credit_override_reason = reason;
    EXPECT_TRUE(Check(a).ok());
    a.credit_override_reason = reason + "实";
    const auto c = Check(a);
    EXPECT_EQ(Fields(c.problems), Strings{"credit_override_reason"});
    EXPECT_EQ(Codes(c.problems), Strings{"providers.credit_override_reason_too_long"});
    EXPECT_FALSE(c.credit_override_reason);
}

TEST(ProviderRulesTest, SubjectCategoriesAreRefusedByName) {
    auto a = Valid();
    for (const char* subject : {"subject_extension", "new_lessons", "数学", "语文", "英语", "道德与法治"}) {
        a.category = subject;
        EXPECT_EQ(Codes(Check(a).problems), Strings{"providers.subject_category"}) << subject;
    }
    a.category = "homework_help";
    EXPECT_EQ(Codes(Check(a).problems), Strings{"providers.category_not_for_providers"});
    a.category = "cooking";
    EXPECT_EQ(Codes(Check(a).problems), Strings{"providers.unknown_category"});
    for (const auto code : ProviderCategories()) {
        a.category = std::string(code);
        EXPECT_TRUE(Check(a).ok()) << code;
        EXPECT_FALSE(IsSubjectCategory(code));
    }
}

TEST(ProviderRulesTest, AServiceNamingASubjectIsOnlyAWarning) {
    auto a = Valid();
    a.category = "art";
    a.services = {{"英语戏剧", 4000, 6000}};
    const auto c = Check(a);
    EXPECT_TRUE(c.ok());
    EXPECT_EQ(Fields(c.warnings), Strings{"services[0].name"});
}

TEST(ProviderRulesTest, InstructorsNeedAQualificationAndACurrentBackgroundCheck) {
    auto a = Valid();
    a.instructors = {
        {"", QualificationKind::kOther, "", "", D(2025, 3, 15)},  // exactly 12 months ago: still current
        {"赵敏", QualificationKind::kOther, "社会体育指导员", "SD-1", D(2025, 3, 14)},  // one day too old
        {"钱伟", QualificationKind::kTeacherCertificate, "", "T-1", D(2026, 3, 16)},    // tomorrow
        {"孙丽", QualificationKind::kCoachCertificate, "", "C-1", std::nullopt},
    };
    const auto c = Check(a);
    EXPECT_EQ(Fields(c.problems),
              (Strings{"instructors[0].name", "instructors[0].qualification_name",
                       "instructors[0].qualification_number", "instructors[1].background_check_date",
                       "instructors[2].background_check_date", "instructors[3].background_check_date"}));
    EXPECT_EQ(c.problems[3].code, "providers.background_check_expired");
    EXPECT_NE(c.problems[3].message_zh.find("2025-03-14"), std::string::npos);
    EXPECT_EQ(c.problems[4].code, "providers.background_check_future");
    EXPECT_EQ(c.problems[5].code, "providers.background_check_required");
    // A county that accepts six-month-old certificates only.
    a = Valid();
    EXPECT_FALSE(Check(a, {.background_check_validity_months = 6}).ok()) << "2025-09-01 + 6 months < 2026-03-15";
}

TEST(ProviderRulesTest, MonthsAreCountedToTheSameDayClampedToTheMonthsEnd) {
    EXPECT_EQ(AddMonths(D(2025, 3, 15), 12), D(2026, 3, 15));
    EXPECT_EQ(AddMonths(D(2024, 1, 31), 1), D(2024, 2, 29));
    EXPECT_EQ(AddMonths(D(2025, 1, 31), 1), D(2025, 2, 28));
    EXPECT_EQ(AddMonths(D(2024, 2, 29), 12), D(2025, 2, 28));
    EXPECT_EQ(AddMonths(D(2026, 3, 31), -1), D(2026, 2, 28));
    EXPECT_EQ(AddMonths(D(2025, 11, 30), 3), D(2026, 2, 28));
    // Issued 29 Feb 2024: current through 28 Feb 2025, not on 1 March.
    EXPECT_TRUE(BackgroundCheckCurrent(D(2024, 2, 29), D(2025, 2, 28), 12));
    EXPECT_FALSE(BackgroundCheckCurrent(D(2024, 2, 29), D(2025, 3, 1), 12));
    EXPECT_TRUE(BackgroundCheckCurrent(kToday, kToday, 12)) << "issued today";
}

TEST(ProviderRulesTest, EveryProblemOfAnApplicationIsReportedInFormOrder) {
    Application a;  // nothing filled in
    const auto c = Check(a);
    EXPECT_EQ(Fields(c.problems), (Strings{"name", "credit_code", "category", "services", "instructors"}));
    for (const auto& p : c.problems) {
        EXPECT_FALSE(p.message_zh.empty()) << p.field;
        EXPECT_FALSE(p.message_en.empty()) << p.field;
        EXPECT_TRUE(p.code.starts_with("providers.")) << p.code;
    }
    const Error e = ToError(c.problems);
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.field(), "name");
    EXPECT_EQ(e.code(), "providers.name_required");
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(e.details()[0].second), 5);
}

TEST(ProviderRulesTest, ACountysAdmissionSettingsStayWithinTheirBounds) {
    EXPECT_TRUE(ValidateAdmissionPolicy({}).empty());
    EXPECT_TRUE(ValidateAdmissionPolicy({.max_fee_percent_of_outside = 95}).empty());
    EXPECT_EQ(Fields(ValidateAdmissionPolicy({.max_fee_percent_of_outside = 96})),
              Strings{"max_fee_percent_of_outside"});
    EXPECT_EQ(Fields(ValidateAdmissionPolicy({.max_fee_percent_of_outside = 0,
                                              .background_check_validity_months = 0,
                                              .reapply_after_evaluation_exit_months = -1})),
              (Strings{"max_fee_percent_of_outside", "background_check_validity_months",
                       "reapply_after_evaluation_exit_months"}));
}

TEST(ProviderRulesTest, BlankMeansWhitespaceOfEitherWidth) {
    EXPECT_TRUE(IsBlank(""));
    EXPECT_TRUE(IsBlank(" \t\u3000 "));
    EXPECT_FALSE(IsBlank(" 篮球 "));
}

// The white list of the after-school module (as_provider in migration 0009) must accept what this module writes.
std::set<std::string> QuotedIn(const std::string& sql, const std::string& constraint) {
    const auto at = sql.find(constraint);
    EXPECT_NE(at, std::string::npos) << constraint;
    const auto end = sql.find(')', at);
    const std::string list = sql.substr(at, end - at);
    std::set<std::string> out;
    const std::regex quoted("'([a-z_]+)'");
    for (std::sregex_iterator it(list.begin(), list.end(), quoted), stop; it != stop; ++it) out.insert((*it)[1]);
    return out;
}

TEST(ProviderRulesTest, CategoriesAndStatusesAreTheAfterSchoolWhiteListsWords) {
    const auto& ms = db::BuiltinMigrations();
    const auto m = std::find_if(ms.begin(), ms.end(), [](const db::Migration& x) { return x.version == 9; });
    ASSERT_NE(m, ms.end());
    std::set<std::string> ours;
    for (const auto c : ProviderCategories()) ours.emplace(c);
    EXPECT_EQ(QuotedIn(m->sql_sqlite, "ck_as_provider_category"), ours);
    // Every status the table knows is one of ours; `rejected` is ours alone until the table learns it.
    std::set<std::string> missing;
    for (const auto s : {ProviderStatus::kApplied, ProviderStatus::kAdmitted, ProviderStatus::kRejected,
                         ProviderStatus::kSuspended, ProviderStatus::kExited})
        missing.emplace(ToString(s));
    for (const auto& s : QuotedIn(m->sql_sqlite, "ck_as_provider_status")) {
        EXPECT_TRUE(ParseProviderStatus(s)) << s;
        missing.erase(s);
    }
    EXPECT_EQ(missing, std::set<std::string>{"rejected"});
}

}  // namespace
}  // namespace kehou::providers
