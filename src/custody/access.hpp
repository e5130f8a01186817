#pragma once
// What the custody services share: who may read a plan (staff by scope, a family by its children's counties), the
// errors they answer with, and the field names the pure rules' problems take on at the HTTP edge.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "custody/app_model.hpp"
#include "db/connection.hpp"
#include "org/service.hpp"

namespace kehou::custody {

/// Now in Asia/Shanghai, as stored.
std::string Now();
/// Today's Asia/Shanghai date, YYYY-MM-DD.
std::string Today();
/// "/370800/370811/3737000123/" → "/370800/370811/": the county of an org path.
std::string CountyPathOf(const std::string& path);

Error PlanNotFound();
Error SiteNotFound();
Error SignupNotFound();
/// 409 custody.plan_state: the plan's status does not allow the action.
Error WrongState(const PlanRecord& p, std::string_view action_zh, std::string_view action_en);
/// 403 auth.forbidden: the role holds the permission by wildcard, but the use case is another role's.
Error RoleForbidden(std::string_view zh, std::string_view en);
/// Refuses anyone but a guardian (the family's routes).
void RequireGuardian(const Principal& p);
/// Refuses anyone but the county bureau covering the plan; 403 custody.county_only otherwise.
void RequireCountyOf(const Principal& p, const PlanRecord& plan);

/// The counties a guardian's children go to school in.
std::set<std::string> FamilyCounties(org::OrgService& org, const Principal& p);
/// The plan as the caller may read it: staff in scope, a family in one of its children's counties while the plan is
/// in survey, signup or allocated; 404 otherwise.
PlanRecord ReadablePlan(db::Connection& c, org::OrgService& org, const Principal& p, std::int64_t id);

/// Rewrites the leading `from` of each problem's field to `to` (the rules' "periods" → the API's "period_ids").
void RenameField(std::vector<Problem>& problems, std::string_view from, std::string_view to);

}  // namespace kehou::custody
