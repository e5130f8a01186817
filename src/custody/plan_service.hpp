#pragma once
// 托管方案 The county's side of summer custody (RULES R1.17, R2.1–R2.2, issue 9 points 6–8): a plan of periods and
// host sites checked by the pure rules against the county's schools and its after-school fee cap, its status moves
// (sign-up needs every site's safety plan and commits the lottery's seed), the safety plans and staff, and the
// allocation by tier then the shared lottery.

#include <optional>
#include <string>
#include <vector>

#include "afterschool/fee_standard.hpp"
#include "core/principal.hpp"
#include "custody/app_model.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::custody {

/// [D] Class hours per custody day the after-school fee cap is applied to (R2.1: the cap is per class hour; the
/// after-school service day is 2 hours, R1.7): the day cap is per_hour × 2.
inline constexpr int kFeeHoursPerDay = 2;

/// A plan as the county sends it; capacity's period_id is the 1-based position of the period in `plan.periods`.
struct PlanInput {
    std::string unit_code, title;
    int year = 0;
    CustodyPlan plan;
    std::optional<PriorityTiers> tiers;  // the default when absent
};

/// A plan in a list.
struct PlanSummary {
    PlanRecord record;
    std::int64_t period_count = 0, site_count = 0;
    PlanFigures figures;
};

/// A plan with everything its page shows; phones already masked for whoever may not see them.
struct PlanDetail {
    StoredPlan stored;
    PlanFigures figures;
    std::map<SitePeriodKey, CapacityCounts> capacity;
    SurveySummary survey;
    std::vector<std::string> allowed_moves;  // target statuses this caller may move the plan to
};

/// A site's safety plan and staff as sent.
struct SafetyInput {
    SafetyPlan plan;
    std::vector<std::int64_t> staff_teacher_ids;
};

/// One site-period of the draw.
struct AllocationItem {
    std::int64_t site_id = 0, period_id = 0;
    std::string site_name, period_name, lottery_context;
    std::int64_t capacity = 0, placed = 0, waitlisted = 0;
    bool oversubscribed = false;  // more children drew than there were places
};

/// The draw's public record.
struct AllocationView {
    std::optional<std::string> seed, commitment;
    std::vector<AllocationItem> items;
};

/// Plans on behalf of a principal. Thread-safe.
class PlanService {
public:
    PlanService(db::Database& database, org::OrgService& org, afterschool::FeeStandardService& fees)
        : database_(database), org_(org), fees_(fees) {}

    std::vector<PlanSummary> List(const Principal& p, std::optional<int> year, std::optional<PlanStatus> status);
    PlanDetail Get(const Principal& p, std::int64_t id);
    /// Every problem of a plan as it would be saved; nothing is written.
    std::vector<Problem> Check(const Principal& p, const PlanInput& in);
    PlanDetail Create(const Principal& p, PlanInput in);
    /// A draft only (409 otherwise).
    PlanDetail Update(const Principal& p, std::int64_t id, PlanInput in);
    /// draft → survey → signup (safety plans required; the seed committed) ; allocated → closed.
    PlanDetail Move(const Principal& p, std::int64_t id, PlanStatus to);
    /// The host school's admin or the county; teachers of a school the site serves.
    PlanDetail PutSafety(const Principal& p, std::int64_t site_id, const SafetyInput& in);

    // allocation_service.cpp
    /// signup → allocated: per site-period, tier then the lottery's draw; reveals the seed.
    AllocationView Allocate(const Principal& p, std::int64_t id);
    AllocationView Allocation(const Principal& p, std::int64_t id);

private:
    /// The plan's problems against the county's schools and fee cap; the site paths for storing.
    std::vector<Problem> Problems(const Principal& p, const PlanInput& in, std::vector<std::string>* site_paths);
    PlanRecord ForCountyWrite(db::Connection& c, const Principal& p, std::int64_t id);
    PlanDetail Detail(db::Connection& c, const Principal& p, const PlanRecord& record);
    /// The county's day cap per child (R2.1/R2.2), nullopt without a fee standard: free custody only.
    std::optional<std::int64_t> DayCapFen(const Principal& p, const std::string& unit_code, int year, bool rural);
    void Store(db::Connection& c, std::int64_t id, PlanInput& in, const std::vector<std::string>& site_paths);

    db::Database& database_;
    org::OrgService& org_;
    afterschool::FeeStandardService& fees_;
};

}  // namespace kehou::custody
