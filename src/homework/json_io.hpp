#pragma once
// Homework records to and from JSON, for routes.cpp: one place for the API's field names.

#include "homework/service.hpp"
#include "http/json.hpp"

namespace kehou::homework {

namespace json = boost::json;

json::object AssignmentJson(const Assignment& a);
json::object GroupJson(const SubjectGroup& g);
json::object CountySettingsJson(const std::string& unit_code, const CountySettings& s);
json::object SchoolSettingsJson(const SchoolSettings& s);
json::object ClassDayJson(const ClassDay& d);
json::object CheckJson(const PublishCheck& c);
json::object ChildDayJson(const ChildDay& d);
json::value ReportJson(const std::optional<FamilyReport>& r);

/// The publish body (also the check's and the override's; `with_override` reads override_reason).
AssignmentInput ReadAssignmentInput(http::Request& r, bool with_override);

}  // namespace kehou::homework
