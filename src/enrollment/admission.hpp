#pragma once
// 招生录取 The county's admission run as a pure function (issue 8 point 5, RULES R5.1–R5.3, R5.7): private schools
// first by the shared lottery (公民同招, own county first), then each public school's catchment applicants by category
// and tie-breakers up to its seat plan, then the surplus offered by the county (统筹安排) to the schools with seats
// left, nearest first. Everything it decides can be re-run from its inputs and the published seed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "enrollment/rules.hpp"

namespace kehou::enrollment {

/// One school's seat plan for the entry grade.
struct SeatPlan {
    std::int64_t school_id = 0;
    int seats = 0;
    bool is_private = false;
    std::vector<std::int64_t> nearby;  // public schools for this school's surplus, nearest (or adjacent) first
};

/// One child's application: the catchment school their facts point to, optionally a private school first.
struct Application {
    Ranked ranked;  // id, category at the catchment school, tie-breaker keys and the lottery draw
    std::optional<std::int64_t> catchment_school;
    std::optional<std::int64_t> private_school;
    bool in_county = true;  // R5.1: a private school takes its own county's children first
};

/// How a child got their place.
enum class PlacedBy { kPrivateLottery, kCatchment, kCountyPlaced, kUnplaced };

/// One child's outcome; `rank` is their place in the list of the school that admitted them (1-based).
struct Placement {
    std::int64_t applicant_id = 0;
    std::optional<std::int64_t> school_id;
    PlacedBy by = PlacedBy::kUnplaced;
    int rank = 0;
};

/// Runs the admission for one county. Applications without a catchment school and without a private place are
/// left for the county (kUnplaced) after the surplus round. Deterministic: the same inputs give the same result.
std::vector<Placement> RunAdmission(const std::vector<SeatPlan>& plans, const std::vector<Application>& applications,
                                    const std::vector<TieBreaker>& tie_breakers);

}  // namespace kehou::enrollment
