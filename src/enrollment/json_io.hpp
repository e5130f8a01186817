#pragma once
// Enrollment records to and from JSON, for routes.cpp: one place for the API's field names (docs/enrollment.md).

#include "enrollment/application_service.hpp"
#include "enrollment/season_service.hpp"
#include "http/json.hpp"

namespace kehou::enrollment {

namespace json = boost::json;

json::object SeasonJson(const Season& s, bool staff);
json::object SeasonDetailJson(const Season& s, const std::vector<SchoolPlan>& plans, bool staff);
json::object ApplicationRowJson(const ApplicationRecord& a);
json::object ApplicationJson(const ApplicationDetail& d);
json::object AppealJson(const Appeal& a);
json::object PlacementJson(const PlacementRow& p, bool masked);
json::object NoticeJson(const Notice& n);
json::object RunJson(const Season& s, const RunSummary& r);
json::object LotteryJson(const LotteryRecord& l);

SeasonInput ReadSeasonInput(http::Request& r);
std::vector<SchoolPlan> ReadPlans(http::Request& r);
ApplyInput ReadApplyInput(http::Request& r);
ReviewInput ReadReviewInput(http::Request& r);

}  // namespace kehou::enrollment
