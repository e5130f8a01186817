#pragma once
// 托管统计 The custody figures a county reports (issue 9 point 9), as pure arithmetic over plain inputs: children
// served against the survey's demand, the coverage of the county's compulsory-education schools (the seed's
// "100% 覆盖全区29所义务教育学校"), and the staff taking part. Rates are basis points (10000 = 100 %), rounded half
// up, and absent when their base is 0 — an undefined rate is neither 0 % nor 100 %.

#include <cstdint>
#include <optional>
#include <vector>

#include "custody/model.hpp"

namespace kehou::custody {

/// part ÷ whole in basis points, rounded half up (part, whole ≥ 0); nullopt when whole is 0.
std::optional<std::int64_t> RateBasisPoints(std::int64_t part, std::int64_t whole);

/// One child holding a place in one period (from an allocation, or from attendance to count who came).
struct ChildPeriod {
    std::int64_t child_id = 0;
    std::int64_t period_id = 0;
};

/// The places an allocation gives (its placed lists, not the waitlists).
std::vector<ChildPeriod> PlacesOf(const std::vector<SiteAllocation>& allocations);

/// One period's demand: children who asked for it in the survey, children placed in it, and the askers placed.
struct PeriodDemand {
    std::int64_t period_id = 0;
    std::int64_t requested = 0;
    std::int64_t served = 0;
    std::int64_t requested_served = 0;
    std::optional<std::int64_t> met_bp;  // requested_served / requested
};

/// 服务人数 / 需求人数 A county's demand and service, counting each child once however many periods.
struct Demand {
    std::int64_t requested_children = 0;  // surveyed children who asked for at least one period
    std::int64_t served_children = 0;     // children with a place in at least one period, surveyed or not
    std::int64_t requested_served = 0;    // surveyed children with a place in at least one period
    std::optional<std::int64_t> met_bp;   // requested_served / requested_children
    std::vector<PeriodDemand> periods;    // by period id
};

/// Served against requested. A child answering twice counts once; the periods are the union of the answers.
Demand ServedVsRequested(const std::vector<SurveyAnswer>& survey, const std::vector<ChildPeriod>& served);

/// 覆盖学校 Which of the county's schools have a site that takes their children.
struct Coverage {
    std::int64_t covered = 0;
    std::int64_t total = 0;               // the county's compulsory-education schools, each once
    std::optional<std::int64_t> rate_bp;  // covered / total
    std::vector<std::int64_t> uncovered;  // ascending
};

/// The county's schools whose children a site of the plan takes, counting sites with places in `period` (or in
/// any period when none is given). A served school outside `county_schools` does not count: the base is the
/// county's own schools.
Coverage SchoolCoverage(const CustodyPlan& plan, const std::vector<std::int64_t>& county_schools,
                        std::optional<std::int64_t> period = std::nullopt);

/// One person on duty at a site in a period: a teacher (voluntary, subsidised, R1.17) or someone else.
struct StaffDuty {
    std::int64_t person_id = 0;
    std::int64_t site_id = 0;
    std::int64_t period_id = 0;
    bool teacher = true;
};

/// How many people staff one site in one period.
struct SitePeriodStaff {
    std::int64_t site_id = 0;
    std::int64_t period_id = 0;
    std::int64_t people = 0;
};

/// 参与教职工 The staff taking part, each person once whatever their duties.
struct Staff {
    std::int64_t people = 0;
    std::int64_t teachers = 0;
    std::int64_t others = 0;
    std::optional<std::int64_t> teacher_rate_bp;   // teachers / the county's teachers
    std::vector<SitePeriodStaff> per_site_period;  // by site then period
};

/// Staff taking part. A person listed once as a teacher counts as a teacher.
Staff StaffTakingPart(const std::vector<StaffDuty>& duties, std::int64_t county_teachers);

}  // namespace kehou::custody
