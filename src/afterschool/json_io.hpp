#pragma once
// After-school types as the API's JSON, and the readers for their request bodies. Used by the routes only.

#include "afterschool/catalog_service.hpp"
#include "afterschool/selection_service.hpp"
#include "http/json.hpp"

namespace kehou::afterschool {

namespace json = boost::json;

json::object ProviderJson(const Provider& p);
json::object CategoryJson(const CategoryInfo& c);
json::object SectionJson(const Section& s);
json::object CourseJson(const Course& k);
json::object ServiceWeekJson(const ServiceWeek& w);
json::object WindowJson(const Window& w);
json::object SeatJson(const Seat& s);
json::object SeatAnswerJson(const SeatAnswer& a);
json::object ExplainedLineJson(const ExplainedLine& l);
json::object OfferJson(const ChildOffer& o);
json::object DismissalPlanJson(const DismissalPlan& p);

/// [{"weekday":2,"start":"16:00","end":"17:30"}, ...]
std::vector<TimeSlot> ReadSlots(const json::value& v, std::string_view field);
/// "16:00" as minutes; 400 naming the field when malformed.
MinuteOfDay ReadTime(const std::string& text, std::string_view field);
CourseInput ReadCourse(http::Request& r);
std::vector<ServiceDay> ReadServiceWeek(http::Request& r);
WindowInput ReadWindow(http::Request& r);

}  // namespace kehou::afterschool
