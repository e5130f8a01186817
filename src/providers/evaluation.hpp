#pragma once
// 效果评价 A provider's semester evaluation and what an exit sets in motion (RULES R2.4, opinion ¶(8), issue 9
// point 4). All arithmetic is in integers, in tenths of a point; docs/providers.md works an example through.
//
//   part scores (0–100, in tenths, each rounded half up):
//     guardians, schools   mean stars × 20          (1★ = 20, 3★ = 60, 5★ = 100)
//     spot checks          mean score
//     attendance           attendance permille / 10 (so the permille is the tenths)
//   a part counts when it has data and a weight > 0; the guardians' only from min_guardian_ratings ratings (5 by
//   default; with 0 < n < min it is left out and guardians_too_few set), schools' ratings and spot checks from one
//   weighted = Σ weight × part / Σ weight, over the parts that count, rounded half up (a part left out gives its
//              weight to the others in proportion)
//   score    = max(0, weighted − no-shows × deduction)
//   outcome  = exit if recruiting in school was found (whatever the score)
//              not_rated if no weighted part had data
//              exit if score < threshold and last semester was a warning; warning if score < threshold; else pass

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "providers/model.hpp"

namespace kehou::providers {

/// A county's evaluation settings within their bounds: each weight 0–100 and their sum exactly 100 (field
/// `weights`), the threshold 0–100, the no-show deduction 0–100 points, the minimum of guardians' ratings 1–200
/// (`min_guardian_ratings`).
std::vector<Problem> ValidateEvaluationPolicy(const EvaluationPolicy& policy);

/// The input within its bounds: stars 1–5 (`guardian_ratings[i]`, `school_ratings[i]`), spot checks 0–100
/// (`spot_check_scores[i]`), attendance 0–1000 permille, no-shows ≥ 0, a semester written as the after-school
/// module writes it (`semester`).
std::vector<Problem> ValidateEvaluationInput(const EvaluationInput& input);

/// Scores one semester and decides its outcome; throws 422 (ToError) for an invalid policy or input.
Evaluation Evaluate(const EvaluationInput& input, const EvaluationPolicy& policy);

/// ⌊(2·num + den) / (2·den)⌋: num / den rounded half up, for num ≥ 0 and den > 0.
std::int64_t DivideRoundHalfUp(std::int64_t num, std::int64_t den);

/// Mean of 1–5 star ratings on the 0–100 scale in tenths (mean × 20 × 10, rounded half up); nullopt when empty.
std::optional<int> RatingTenths(const std::vector<int>& stars);

/// Mean of 0–100 spot-check scores in tenths (rounded half up); nullopt when empty.
std::optional<int> SpotCheckTenths(const std::vector<int>& scores);

/// What an exit sets in motion in `semester` (the current one): off the white list, schools and families told, its
/// courses closed from the next semester — or from this one at once when the licence is revoked, since it may no
/// longer operate at all — and the black list for recruiting in school or a revoked licence.
ExitConsequences ConsequencesOf(ExitReason reason, std::string_view semester);

/// "2026-autumn" → "2027-spring", "2027-spring" → "2027-autumn"; nullopt for anything else.
std::optional<std::string> NextSemester(std::string_view semester);

}  // namespace kehou::providers
