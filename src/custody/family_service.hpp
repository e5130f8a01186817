#pragma once
// 需求调查与报名 The family's side of summer custody (issue 9 point 7): the needs survey, sign-up at a site that takes
// the child's school with the priority groups the school has on record, the sign-up lists in scope, and
// cancellation — a freed place goes to the first on the waitlist; after the draw a new sign-up joins late.

#include <optional>
#include <utility>
#include <vector>

#include "core/principal.hpp"
#include "custody/app_model.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::custody {

/// One child on the family page: the county's open plan (periods, the sites taking the child's school), the
/// survey answer and the child's sign-ups.
struct FamilyChild {
    org::Student child;
    std::optional<StoredPlan> plan;  // sites narrowed to those serving the child's school
    std::map<SitePeriodKey, CapacityCounts> capacity;
    std::optional<StoredSurvey> survey;
    std::vector<SignupRow> signups;
};

/// A sign-up as sent.
struct SignupInput {
    std::int64_t student_id = 0, site_id = 0;
    std::vector<std::int64_t> period_ids;
    std::vector<PriorityGroup> groups;
};

/// Surveys and sign-ups on behalf of a principal. Thread-safe.
class FamilyService {
public:
    FamilyService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

    std::vector<FamilyChild> Family(const Principal& p);
    /// One answer per child (the last counts); the plan in survey or signup.
    StoredSurvey PutSurvey(const Principal& p, std::int64_t plan_id, std::int64_t student_id, const StoredSurvey& s);
    /// One row per period: pending before the draw, placed or waitlisted after it (late join).
    std::vector<SignupRow> SignUp(const Principal& p, std::int64_t plan_id, const SignupInput& in);
    std::pair<std::vector<SignupRow>, std::int64_t> List(const Principal& p, SignupFilter f);
    /// The family's own, or the county's; a placed child's place goes to the first on the waitlist.
    SignupRow Cancel(const Principal& p, std::int64_t signup_id);

private:
    db::Database& database_;
    org::OrgService& org_;
};

/// The groups a child's school has on record (the evidence for a claim): 双职工, 随迁, 困难, 军人, 留守.
std::vector<PriorityGroup> GroupsOnRecord(const org::StudentFlags& f);

}  // namespace kehou::custody
