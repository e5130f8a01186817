#pragma once
// SQL of the custody tables (migration 0018). Lists take the caller's scope path; a plan or site found by id is
// returned with its org_path, and the services apply the same scope to it (out of scope: 404 to read, 403 to write).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "custody/app_model.hpp"
#include "db/connection.hpp"

namespace kehou::custody::repo {

// Plans (repo_plan.cpp).
std::int64_t InsertPlan(db::Connection& c, const PlanRecord& p, std::int64_t user_id, const std::string& now);
/// The plan whose county lies in the scope, or whose county holds the scope (a school reads its county's plan).
std::optional<PlanRecord> FindPlan(db::Connection& c, const std::string& scope, std::int64_t id);
/// Plans in the same sense, newest year first; `family` keeps only those in survey, signup or allocated.
std::vector<PlanRecord> ListPlans(db::Connection& c, const std::string& scope, std::optional<int> year,
                                  std::optional<PlanStatus> status, bool family);
void UpdatePlanHead(db::Connection& c, std::int64_t id, const std::string& title, const PriorityTiers& tiers,
                    const std::string& now);
/// false when the plan was not in `from`.
bool MovePlan(db::Connection& c, std::int64_t id, PlanStatus from, PlanStatus to, const std::string& now);
/// survey → signup with the lottery's seed and its commitment.
bool OpenSignup(db::Connection& c, std::int64_t id, const std::string& seed, const std::string& commitment,
                const std::string& now);
/// signup → allocated; reveals the seed.
void RecordAllocation(db::Connection& c, std::int64_t id, std::int64_t user_id, const std::string& now);
/// Holds the plan's row to the end of the transaction (PostgreSQL; SQLite's write transaction holds the database):
/// a sign-up and the draw, or two late joins, do not interleave.
void LockPlan(db::Connection& c, std::int64_t id);
void LockSitePeriod(db::Connection& c, std::int64_t site_id, std::int64_t period_id);
/// The seed, revealed or not: for the draw only.
std::string PlanSeed(db::Connection& c, std::int64_t id);

// Periods, sites, safety plans (repo_site.cpp).
/// The plan's periods and sites with capacity, content, safety plans and the names shown.
StoredPlan LoadPlan(db::Connection& c, const PlanRecord& record);
/// Writes a draft's periods (by position) and sites (by host school: a site keeps its id, safety plan and staff).
/// `site_paths[i]` is the host school's path of plan.sites[i].
void ReplaceStructure(db::Connection& c, std::int64_t plan_id, CustodyPlan& plan,
                      const std::vector<std::string>& site_paths);
std::optional<SiteRef> FindSite(db::Connection& c, std::int64_t site_id);
void PutSafety(db::Connection& c, std::int64_t site_id, const SafetyPlan& s, const std::vector<std::int64_t>& staff,
               std::int64_t user_id, const std::string& now);
/// Whether the teacher is on the staff of the site.
bool OnStaff(db::Connection& c, std::int64_t site_id, std::int64_t teacher_id);

// Survey, sign-ups and figures (repo_signup.cpp).
void UpsertSurvey(db::Connection& c, std::int64_t plan_id, std::int64_t student_id, const std::string& org_path,
                  const StoredSurvey& s, std::int64_t user_id, const std::string& now);
std::optional<StoredSurvey> FindSurvey(db::Connection& c, std::int64_t plan_id, std::int64_t student_id);
/// Every answer that wants custody, as the pure layer reads them.
std::vector<SurveyAnswer> WantingAnswers(db::Connection& c, std::int64_t plan_id);
SurveySummary Survey(db::Connection& c, std::int64_t plan_id);
PlanFigures Figures(db::Connection& c, std::int64_t plan_id);
std::map<SitePeriodKey, CapacityCounts> Capacities(db::Connection& c, std::int64_t plan_id);

std::int64_t InsertSignup(db::Connection& c, const SignupRow& s, std::int64_t user_id);
std::optional<SignupRow> FindSignup(db::Connection& c, std::int64_t id);
/// A child's sign-ups in a plan, cancelled ones too, by period.
std::vector<SignupRow> ChildSignups(db::Connection& c, std::int64_t plan_id, std::int64_t student_id);
/// Sign-ups whose child's school or whose site lies in the scope; one page, and how many matched.
std::pair<std::vector<SignupRow>, std::int64_t> ListSignups(db::Connection& c, const std::string& scope,
                                                           const SignupFilter& f);
/// The live (not cancelled) sign-ups of a plan, or of one site-period, in (status, position, id) order.
std::vector<SignupRow> LiveSignups(db::Connection& c, std::int64_t plan_id);
std::vector<SignupRow> LiveAt(db::Connection& c, std::int64_t site_id, std::int64_t period_id);
void UpdateSignup(db::Connection& c, const SignupRow& s, const std::string& now);

// Attendance (repo_signup.cpp).
std::vector<AttendanceRow> Roll(db::Connection& c, std::int64_t site_id, std::int64_t period_id,
                                const std::string& date);
void PutMark(db::Connection& c, const SiteRef& site, std::int64_t period_id, const std::string& date,
             const AttendanceMark& m, std::int64_t user_id, const std::string& now);

/// Ids as stored in a TEXT column: "3 7 12".
std::string JoinIds(const std::vector<std::int64_t>& ids);
std::vector<std::int64_t> SplitIds(const std::string& text);

}  // namespace kehou::custody::repo
