#pragma once
// Custody records to and from JSON, for the routes: one place for the API's field names (docs/custody.md, the
// contract of issue 9 points 6–9).

#include "custody/attendance_service.hpp"
#include "custody/family_service.hpp"
#include "custody/plan_service.hpp"
#include "custody/stats_service.hpp"
#include "http/json.hpp"

namespace kehou::custody {

namespace json = boost::json;

json::object PlanSummaryJson(const PlanSummary& s);
json::object PlanDetailJson(const PlanDetail& d);
json::array ProblemsJson(const std::vector<Problem>& problems);
json::object SignupJson(const SignupRow& s);
json::object FamilyChildJson(const FamilyChild& f);
json::object AllocationJson(const AllocationView& a);
json::object RollJson(const SiteRoll& r);
json::object StatsJson(const CustodyStats& s);

// json_read.cpp
PlanInput ReadPlanInput(http::Request& r);
SafetyInput ReadSafetyInput(http::Request& r);
SignupInput ReadSignupInput(http::Request& r);
/// {student_id, wants, period_ids}
std::pair<std::int64_t, StoredSurvey> ReadSurveyInput(http::Request& r);
/// {date, marks: [{student_id, present, meal}]}
std::pair<std::string, std::vector<AttendanceMark>> ReadMarks(http::Request& r);
std::optional<PlanStatus> QueryPlanStatus(const http::Request& r);
std::optional<SignupStatus> QuerySignupStatus(const http::Request& r);
/// ?year= as a number in range; nullopt when absent.
std::optional<int> QueryYear(const http::Request& r);

}  // namespace kehou::custody
