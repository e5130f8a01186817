#pragma once
// 第三方机构进校园 The plain records of a provider's life cycle (RULES R2.3–R2.5, issue 9): the application to a
// county bureau, the county's settings, the status machine's words, and one semester's evaluation. Category and
// status codes are those of the after-school white list (migration 0009, table as_provider), so the two meet.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::providers {

using Date = std::chrono::year_month_day;
/// Money is integer fen (1 yuan = 100 fen), never floating point.
using Fen = std::int64_t;

/// Where a provider's record stands. rejected and exited are final: applying again makes a new record.
enum class ProviderStatus { kApplied, kAdmitted, kRejected, kSuspended, kExited };

/// What a status move does: 准入 admit, 不予准入 reject, 暂停 suspend, 恢复 reinstate, 退出 exit.
enum class ProviderEvent { kAdmit, kReject, kSuspend, kReinstate, kExit };

/// 退出原因 Why a provider leaves the white list (R2.4, opinion ¶(8)).
enum class ExitReason { kEvaluation, kRecruitingInSchool, kVoluntary, kLicenceRevoked };

/// 资质 An instructor's qualification: 教师资格证, 教练员证 (sport), or another named certificate.
enum class QualificationKind { kTeacherCertificate, kCoachCertificate, kOther };

/// 效果评价结论 One semester's outcome; not_rated when nothing weighted was there to score.
enum class Outcome { kPass, kWarning, kExit, kNotRated };

std::string_view ToString(ProviderStatus s);
std::optional<ProviderStatus> ParseProviderStatus(std::string_view s);
std::string_view ToString(ProviderEvent e);
std::optional<ProviderEvent> ParseProviderEvent(std::string_view s);
std::string_view ToString(ExitReason r);
std::optional<ExitReason> ParseExitReason(std::string_view s);
std::string_view ToString(QualificationKind k);
std::optional<QualificationKind> ParseQualificationKind(std::string_view s);
std::string_view ToString(Outcome o);
std::optional<Outcome> ParseOutcome(std::string_view s);

/// The categories a provider may offer (as_provider's CHECK): sport, art, stem, labour, traditional_culture,
/// reading, mental_health — all 非学科类 (R1.14, R2.3a).
const std::vector<std::string_view>& ProviderCategories();

/// One finding about an application or an evaluation's input: the field path at fault (`services[1].fee_fen`), a
/// stable code, and the text in Chinese and English.
struct Problem {
    std::string field;
    std::string code;
    std::string message_zh, message_en;
};

/// 服务项目 One service a provider offers, with the admission fee it asks (R2.4a) and its own outside price
/// (R2.4b), both per pupil per class hour (课时), so the two compare like for like.
struct ServiceOffer {
    std::string name;
    Fen fee_fen = 0;
    Fen outside_price_fen = 0;  // what the provider charges outside school; may be 0 for a free provider
};

/// 授课人员 One instructor the provider sends into schools, with the qualification review of R2.4c.
struct Instructor {
    std::string name;
    QualificationKind qualification = QualificationKind::kTeacherCertificate;
    std::string qualification_name;    // required for kOther (e.g. 社会体育指导员证); ignored otherwise
    std::string qualification_number;  // the certificate's number
    std::optional<Date> background_check_date;  // 无犯罪记录证明 issue date
};

/// 准入申请 A provider's application to a county bureau (R2.3b).
struct Application {
    std::string name;
    std::string credit_code;             // 统一社会信用代码
    // R3.5: why a checksum failure is accepted — the code was checked in 国家企业信用信息公示系统 (an early pilot
    // code such as 91350100M0001TGQXM). Never overrides a layout failure; ignored when the code passes.
    std::optional<std::string> credit_override_reason;
    std::string category;                // one of ProviderCategories()
    bool free_public_benefit = false;    // 公益性 (R2.3d)
    bool declares_no_marketing = false;  // 承诺无商业推广或隐性商业内容 (R2.3d)
    std::vector<ServiceOffer> services;
    std::vector<Instructor> instructors;
};

/// A county's settings for admission; defaults where the county has set none (docs/providers.md).
struct AdmissionPolicy {
    // R2.4b "clearly lower": fee × 100 ≤ outside price × this percent. 90 = at least 10 % below.
    int max_fee_percent_of_outside = 90;
    int background_check_validity_months = 12;
    // After an exit for a poor evaluation the provider may apply again once this many months have passed.
    int reapply_after_evaluation_exit_months = 12;
};

/// 评价权重 Weights of the evaluation's parts, whole numbers summing to 100; attendance weighs nothing by default.
struct EvaluationWeights {
    int guardians = 40;
    int schools = 30;
    int spot_checks = 30;
    int attendance = 0;
};

/// A county's settings for the semester evaluation.
struct EvaluationPolicy {
    EvaluationWeights weights;
    int threshold = 60;         // points out of 100; a score exactly at it passes
    int no_show_deduction = 2;  // points off the score per instructor no-show (缺课)
    // The guardians' part counts only from this many ratings (1–200): two parents' one star should not warn a
    // provider. With fewer it is left out like a part without data. Schools' ratings and spot checks count from one
    // (a school's rating and a 巡课 are official acts).
    int min_guardian_ratings = 5;
};

/// One semester's evidence about one provider, as the county and the after-school module collect it.
struct EvaluationInput {
    std::string semester;                    // "2026-autumn" or "2027-spring", as the after-school module writes it
    std::vector<int> guardian_ratings;       // 1–5 stars each (as_rating)
    std::vector<int> school_ratings;         // 1–5 stars each
    std::vector<int> spot_check_scores;      // 巡课 0–100 each
    std::optional<int> attendance_permille;  // pupils' attendance at its sessions, 0–1000; unset when unknown
    int instructor_no_shows = 0;
    bool recruiting_in_school_found = false;  // 校内招生 found by a spot check or a complaint
    std::optional<Outcome> previous_outcome;  // last semester's, if it was evaluated
};

/// 退出后果 What an exit sets in motion, for the service to carry out.
struct ExitConsequences {
    ExitReason reason = ExitReason::kEvaluation;
    std::string courses_close_from;  // the semester from which its courses are closed (the next one)
    bool remove_from_white_list = true;
    bool notify_schools = true;
    bool notify_families = true;
    bool black_list = false;  // may never apply again (R2.4: loses its qualification)
};

/// One semester's evaluation: each part's score, the total, the outcome and, on exit, what follows.
struct Evaluation {
    // Parts in tenths of a point (725 = 72.5); unset when the part had no data or weighs nothing, and the guardians'
    // when they gave fewer ratings than the county's minimum.
    std::optional<int> guardians_tenths, schools_tenths, spot_checks_tenths, attendance_tenths;
    int guardian_ratings = 0;        // how many ratings the guardians gave
    bool guardians_too_few = false;  // 0 < guardian_ratings < min_guardian_ratings (and guardians weigh > 0): left out
    std::optional<int> weighted_tenths;  // before the no-show deduction
    std::optional<int> score_tenths;     // after it, never below 0; unset when not rated
    int no_show_deduction_tenths = 0;
    Outcome outcome = Outcome::kNotRated;
    std::optional<ExitConsequences> exit;
};

}  // namespace kehou::providers
