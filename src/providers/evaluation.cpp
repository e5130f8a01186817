#include "providers/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <numeric>

#include "providers/rules.hpp"
#include "providers/workflow.hpp"

namespace kehou::providers {
namespace {

Problem Make(std::string field, std::string code, std::string zh, std::string en) {
    return {std::move(field), "providers." + std::move(code), std::move(zh), std::move(en)};
}

void CheckRange(const std::vector<int>& values, std::string_view name, int lo, int hi, std::vector<Problem>& out) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] < lo || values[i] > hi)
            out.push_back(Make(fmt::format("{}[{}]", name, i), "value_out_of_range",
                               fmt::format("应在 {} 至 {} 之间", lo, hi), fmt::format("Must be {} to {}", lo, hi)));
}

std::int64_t Sum(const std::vector<int>& v) {
    return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

// The parts with data and a weight: Σ weight × part / Σ weight, or nullopt when none is there.
std::optional<int> Weighted(const Evaluation& e, const EvaluationWeights& w) {
    std::int64_t num = 0, den = 0;
    const auto add = [&](const std::optional<int>& part, int weight) {
        if (!part || weight == 0) return;
        num += std::int64_t{weight} * *part;
        den += weight;
    };
    add(e.guardians_tenths, w.guardians);
    add(e.schools_tenths, w.schools);
    add(e.spot_checks_tenths, w.spot_checks);
    add(e.attendance_tenths, w.attendance);
    if (den == 0) return std::nullopt;
    return static_cast<int>(DivideRoundHalfUp(num, den));
}

// A part that weighs nothing is not shown as counted: it is left unset, like a part without data.
std::optional<int> IfWeighted(std::optional<int> part, int weight) {
    return weight > 0 ? part : std::nullopt;
}

Outcome Decide(const Evaluation& e, const EvaluationInput& in, const EvaluationPolicy& p) {
    if (in.recruiting_in_school_found) return Outcome::kExit;  // opinion ¶(8): whatever the score
    if (!e.score_tenths) return Outcome::kNotRated;
    if (*e.score_tenths >= p.threshold * 10) return Outcome::kPass;
    return in.previous_outcome == Outcome::kWarning ? Outcome::kExit : Outcome::kWarning;
}

}  // namespace

std::vector<Problem> ValidateEvaluationPolicy(const EvaluationPolicy& p) {
    std::vector<Problem> out;
    const auto& w = p.weights;
    const int parts[] = {w.guardians, w.schools, w.spot_checks, w.attendance};
    const bool each_ok = std::all_of(std::begin(parts), std::end(parts), [](int x) { return x >= 0 && x <= 100; });
    const int sum = w.guardians + w.schools + w.spot_checks + w.attendance;
    if (!each_ok || sum != 100)
        out.push_back(Make("weights", "weights_not_100",
                           fmt::format("各项权重应为 0 至 100 的整数且合计 100（现为 {}）", sum),
                           fmt::format("Each weight is a whole number 0 to 100 and they sum to 100 (now {})", sum)));
    if (p.threshold < 0 || p.threshold > 100)
        out.push_back(Make("threshold", "bad_threshold", "合格线应在 0 至 100 之间", "The threshold is 0 to 100"));
    if (p.no_show_deduction < 0 || p.no_show_deduction > 100)
        out.push_back(Make("no_show_deduction", "bad_deduction", "缺课扣分应在 0 至 100 之间",
                           "The no-show deduction is 0 to 100 points"));
    if (p.min_guardian_ratings < 1 || p.min_guardian_ratings > 200)
        out.push_back(Make("min_guardian_ratings", "bad_min_guardian_ratings", "家长评价最少份数应在 1 至 200 之间",
                           "The minimum of guardians' ratings is 1 to 200"));
    return out;
}

std::vector<Problem> ValidateEvaluationInput(const EvaluationInput& in) {
    std::vector<Problem> out;
    if (!NextSemester(in.semester))
        out.push_back(Make("semester", "bad_semester", "学期格式应为 2026-autumn 或 2027-spring",
                           "A semester is written 2026-autumn or 2027-spring"));
    CheckRange(in.guardian_ratings, "guardian_ratings", 1, 5, out);
    CheckRange(in.school_ratings, "school_ratings", 1, 5, out);
    CheckRange(in.spot_check_scores, "spot_check_scores", 0, 100, out);
    if (in.attendance_permille && (*in.attendance_permille < 0 || *in.attendance_permille > 1000))
        out.push_back(Make("attendance_permille", "value_out_of_range", "出勤率应在 0 至 1000‰ 之间",
                           "The attendance rate is 0 to 1000 per mille"));
    // The upper bound only keeps no-shows × deduction × 10 inside int; a real semester has a handful.
    if (in.instructor_no_shows < 0 || in.instructor_no_shows > 10'000)
        out.push_back(Make("instructor_no_shows", "value_out_of_range", "缺课次数应在 0 至 10000 之间",
                           "No-shows are 0 to 10000"));
    return out;
}

Evaluation Evaluate(const EvaluationInput& in, const EvaluationPolicy& p) {
    if (auto problems = ValidateEvaluationPolicy(p); !problems.empty()) throw ToError(problems);
    if (auto problems = ValidateEvaluationInput(in); !problems.empty()) throw ToError(problems);
    Evaluation e;
    // Too few guardians' ratings are left out like no ratings at all; a part that weighs nothing is not "too few".
    e.guardian_ratings = static_cast<int>(in.guardian_ratings.size());
    e.guardians_too_few =
        e.guardian_ratings > 0 && e.guardian_ratings < p.min_guardian_ratings && p.weights.guardians > 0;
    if (!e.guardians_too_few) e.guardians_tenths = IfWeighted(RatingTenths(in.guardian_ratings), p.weights.guardians);
    e.schools_tenths = IfWeighted(RatingTenths(in.school_ratings), p.weights.schools);
    e.spot_checks_tenths = IfWeighted(SpotCheckTenths(in.spot_check_scores), p.weights.spot_checks);
    e.attendance_tenths = IfWeighted(in.attendance_permille, p.weights.attendance);
    e.weighted_tenths = Weighted(e, p.weights);
    if (e.weighted_tenths) {
        e.no_show_deduction_tenths = in.instructor_no_shows * p.no_show_deduction * 10;
        e.score_tenths = std::max(0, *e.weighted_tenths - e.no_show_deduction_tenths);
    }
    e.outcome = Decide(e, in, p);
    if (e.outcome == Outcome::kExit)
        e.exit = ConsequencesOf(
            in.recruiting_in_school_found ? ExitReason::kRecruitingInSchool : ExitReason::kEvaluation, in.semester);
    return e;
}

std::int64_t DivideRoundHalfUp(std::int64_t num, std::int64_t den) {
    return (2 * num + den) / (2 * den);
}

std::optional<int> RatingTenths(const std::vector<int>& stars) {
    if (stars.empty()) return std::nullopt;
    // Stars × 20 on the bureau's 百分制: 3★ (一般) is 60, the customary pass mark.
    return static_cast<int>(DivideRoundHalfUp(Sum(stars) * 200, static_cast<std::int64_t>(stars.size())));
}

std::optional<int> SpotCheckTenths(const std::vector<int>& scores) {
    if (scores.empty()) return std::nullopt;
    return static_cast<int>(DivideRoundHalfUp(Sum(scores) * 10, static_cast<std::int64_t>(scores.size())));
}

ExitConsequences ConsequencesOf(ExitReason reason, std::string_view semester) {
    ExitConsequences c;
    c.reason = reason;
    // Children placed in this semester's courses keep them to its end, except where the provider may no longer
    // operate at all.
    c.courses_close_from =
        reason == ExitReason::kLicenceRevoked ? std::string(semester) : NextSemester(semester).value_or(std::string());
    c.black_list = BlackListed(reason);
    return c;
}

std::optional<std::string> NextSemester(std::string_view s) {
    int year = 0;
    if (s.size() < 5 || s[4] != '-') return std::nullopt;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + 4, year);
    if (ec != std::errc{} || end != s.data() + 4 || year < 2000 || year > 2999) return std::nullopt;
    const std::string_view term = s.substr(5);
    if (term == "autumn") return fmt::format("{}-spring", year + 1);
    if (term == "spring") return fmt::format("{}-autumn", year);
    return std::nullopt;
}

}  // namespace kehou::providers
