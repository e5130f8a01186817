#pragma once
// The registry's checks as pure functions: what a county may record about an institution (RULES R1.10,
// R1.11, R1.14, R3.4, R3.5). The form, the API and the import all run the same checks, so a row the
// import accepts is a row the form would accept.

#include <chrono>
#include <string_view>
#include <vector>

#include "institutions/registry_model.hpp"

namespace kehou::institutions {

/// Every problem with an institution record; warnings (R3.4 prefix findings, the credit code's inner
/// check) are returned with `warning = true` and do not block. `today` bounds licence and filing dates.
/// - name, address, legal representative present and of sane length;
/// - the credit code valid (R3.4 layout and MOD 31 check); a checksum failure only with an override
///   reason (R3.5 pilot codes), a layout failure never;
/// - a 学科类 institution non-profit (R1.10: a nonprofit registration number, and never a `91` code),
///   holding a licence (审批, R1.10: online 学科类 moved from filing to approval);
/// - dates real ISO dates, not in the future;
/// - 学科类 teaching staff with a teacher-qualification number (R1.11).
std::vector<Violation> CheckInstitution(const Institution& in, std::chrono::year_month_day today);

/// Problems with one staff member (R1.11), fields prefixed "staff[i]." by the caller's index.
std::vector<Violation> CheckStaffMember(const StaffMember& s, std::size_t index);

/// The baseline of one county as it may be frozen: each count ≥ 0, one row per category × delivery,
/// dated on or before `today`.
std::vector<Violation> CheckBaseline(const std::vector<BaselineCount>& rows, std::chrono::year_month_day today);

/// The reduction report's cells from baseline counts and current counts (R6.3), one row per county ×
/// category × delivery present in either, then a row per county over everything, then the total.
std::vector<ReductionRow> BuildReductionRows(const std::vector<BaselineCount>& baseline,
                                             const std::vector<BaselineCount>& current);

}  // namespace kehou::institutions
