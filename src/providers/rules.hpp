#pragma once
// 准入审核 The checks on a provider's application to a county bureau, as pure functions (RULES R2.3, R2.4, R3.4–
// R3.5): a valid credit code, a non-subject category, fees clearly lower than the provider's own outside price,
// free providers charging nothing and promoting nothing, instructors with a qualification and a current background
// check. Every failure names its field path, so the form can mark the very box.

#include <cstddef>
#include <vector>

#include "core/error.hpp"
#include "providers/model.hpp"

namespace kehou::providers {

/// The result of checking an application: problems refuse it; warnings are for the reviewer and never refuse.
struct ApplicationCheck {
    std::vector<Problem> problems;
    std::vector<Problem> warnings;
    std::string normalized_credit_code;  // trimmed and upper-cased, set even when the code is invalid
    // R3.5: the override reason to store — trimmed, and set only when it overrode a checksum failure (a reason
    // given with a code that passes, or fails its layout, is dropped).
    std::optional<std::string> credit_override_reason;

    bool ok() const { return problems.empty(); }
};

/// Checks every part of an application and reports every problem, in form order (name, credit code and its
/// override reason, category, marketing, services, instructors). `today` is the Shanghai date the background checks
/// are measured from. A credit code failing only its checksum is accepted with the warning `credit_code_override`
/// when a non-blank override reason of at most kMaxOverrideReasonChars is given (R3.5).
ApplicationCheck CheckApplication(const Application& a, const AdmissionPolicy& policy, Date today);

/// The longest R3.5 override reason, in characters (code points).
inline constexpr std::size_t kMaxOverrideReasonChars = 200;

/// A county's admission settings within their bounds: the fee percent 1–95 (above 95 % nothing is "clearly"
/// lower), background-check validity 1–36 months, the re-application wait 0–60 months.
std::vector<Problem> ValidateAdmissionPolicy(const AdmissionPolicy& policy);

/// R2.4b: fee × 100 ≤ outside price × percent, in integers (exactly at the percent is allowed).
bool FeeClearlyLower(Fen fee_fen, Fen outside_price_fen, int max_percent);

/// The highest fee R2.4b allows under an outside price: ⌊outside × percent / 100⌋ fen.
Fen MaxFeeFen(Fen outside_price_fen, int max_percent);

/// A background check issued on `issued` is current from that day through the same day `months` later (clamped to
/// the month's end), both ends included; a date after `today` is not current.
bool BackgroundCheckCurrent(Date issued, Date today, int months);

/// `d` moved by whole months; the day is clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
Date AddMonths(Date d, int months);

/// Whether `category` is a 学科类 one refused by name (R2.3a, R1.14): the catalogue's subject_extension and
/// new_lessons, or a subject's own name (语文, 数学, 英语 …).
bool IsSubjectCategory(std::string_view category);

/// The 422 that refuses input with these problems: the first problem's code, text and field, and the number of
/// problems as detail `problem_count` (the service returns the whole list beside it).
Error ToError(const std::vector<Problem>& problems);

/// Nothing but ASCII whitespace and the full-width space (U+3000) a Chinese input method types.
bool IsBlank(std::string_view s);

/// "81.00": fen as yuan with two decimals, for messages.
std::string FormatYuan(Fen fen);

}  // namespace kehou::providers
