#include "enrollment/admission.hpp"

#include <algorithm>
#include <map>

namespace kehou::enrollment {
namespace {

struct AdmissionState {
    std::map<std::int64_t, const SeatPlan*> plans;
    std::map<std::int64_t, int> left;  // seats left per school
    std::map<std::int64_t, Placement> placed;
    std::map<std::int64_t, int> admitted;  // places given per school so far (for ranks)

    void Place(std::int64_t applicant, std::int64_t school, PlacedBy by) {
        --left[school];
        placed[applicant] = {applicant, school, by, ++admitted[school]};
    }
};

// 公民同招 (R5.1): a private school draws among its applicants, its own county's first; the others keep their
// catchment application.
void PrivateRound(AdmissionState& run, const std::vector<Application>& applications) {
    std::map<std::int64_t, std::vector<Ranked>> by_school;
    for (const auto& a : applications)
        if (a.private_school && run.plans.contains(*a.private_school) && run.plans.at(*a.private_school)->is_private) {
            Ranked r = a.ranked;
            r.category = a.in_county ? 0 : 1;
            by_school[*a.private_school].push_back(r);
        }
    for (auto& [school, list] : by_school) {
        Rank(list, {TieBreaker::kLottery});
        for (const auto& r : list)
            if (run.left[school] > 0) run.Place(r.id, school, PlacedBy::kPrivateLottery);
    }
}

// Each public school takes its catchment's applicants in rank order up to its plan; returns the surplus per school,
// in rank order.
std::map<std::int64_t, std::vector<Ranked>> CatchmentRound(AdmissionState& run, const std::vector<Application>& applications,
                                                           const std::vector<TieBreaker>& tie_breakers) {
    std::map<std::int64_t, std::vector<Ranked>> by_school;
    for (const auto& a : applications)
        if (!run.placed.contains(a.ranked.id) && a.catchment_school && run.plans.contains(*a.catchment_school))
            by_school[*a.catchment_school].push_back(a.ranked);
    std::map<std::int64_t, std::vector<Ranked>> surplus;
    for (auto& [school, list] : by_school) {
        Rank(list, tie_breakers);
        for (const auto& r : list) {
            if (run.left[school] > 0)
                run.Place(r.id, school, PlacedBy::kCatchment);
            else
                surplus[school].push_back(r);
        }
    }
    return surplus;
}

// 统筹安排 (R5.3): the county offers each school's surplus, best-ranked first, the nearest school with a seat.
void CountyRound(AdmissionState& run, const std::map<std::int64_t, std::vector<Ranked>>& surplus) {
    for (const auto& [school, list] : surplus)
        for (const auto& r : list)
            for (const auto other : run.plans.at(school)->nearby)
                if (run.plans.contains(other) && !run.plans.at(other)->is_private && run.left[other] > 0) {
                    run.Place(r.id, other, PlacedBy::kCountyPlaced);
                    break;
                }
}

}  // namespace

std::vector<Placement> RunAdmission(const std::vector<SeatPlan>& plans, const std::vector<Application>& applications,
                                    const std::vector<TieBreaker>& tie_breakers) {
    AdmissionState run;
    for (const auto& p : plans) {
        run.plans[p.school_id] = &p;
        run.left[p.school_id] = p.seats;
    }
    PrivateRound(run, applications);
    CountyRound(run, CatchmentRound(run, applications, tie_breakers));
    std::vector<Placement> out;
    for (const auto& a : applications) {
        const auto it = run.placed.find(a.ranked.id);
        out.push_back(it != run.placed.end() ? it->second : Placement{a.ranked.id, std::nullopt, PlacedBy::kUnplaced, 0});
    }
    return out;
}

}  // namespace kehou::enrollment
