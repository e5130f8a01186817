#pragma once
// Institution types as the API's JSON, and readers for enum codes in bodies and queries. Routes only.

#include <fmt/format.h>

#include "http/json.hpp"
#include "institutions/case_model.hpp"
#include "institutions/complaint_model.hpp"
#include "institutions/registry_model.hpp"
#include "institutions/schedule_service.hpp"

namespace kehou::institutions {

namespace json = boost::json;

json::object InstitutionJson(const Institution& i);
json::object BaselineJson(const BaselineCount& b);
json::object ReductionJson(const ReductionRow& r);
json::object CaseJson(const InspectionCase& k);
json::object EvidenceJson(const EvidenceFile& f);
json::object ComplaintJson(const Complaint& k);
json::object PublicInstitutionJson(const PublicInstitution& i);
json::object ScheduleJson(const FiledSchedule& s);
json::object CalendarJson(const CalendarView& v);

/// A 400 naming the field for a code that is not one of the enum's.
Error BadCode(std::string_view field, const std::vector<std::string>& allowed);

/// Every code of an enum, for the error message.
template <typename E>
std::vector<std::string> Codes() {
    std::vector<std::string> out;
    for (E v : AllValues<E>()) out.emplace_back(ToString(v));
    return out;
}

template <typename E>
E ParseCode(std::string_view code, std::string_view field) {
    if (auto v = ParseEnum<E>(code)) return *v;
    throw BadCode(field, Codes<E>());
}

template <typename E>
E RequiredEnum(http::BodyReader& body, std::string_view field) {
    return ParseCode<E>(body.RequiredString(field, 40), field);
}

template <typename E>
std::optional<E> OptionalEnum(http::BodyReader& body, std::string_view field) {
    const auto code = body.OptionalString(field, 40);
    return code ? std::optional<E>(ParseCode<E>(*code, field)) : std::nullopt;
}

template <typename E>
std::optional<E> QueryEnum(const http::Request& r, std::string_view name) {
    const auto code = r.QueryParam(name);
    return code && !code->empty() ? std::optional<E>(ParseCode<E>(*code, name)) : std::nullopt;
}

/// A required string member of a nested object; 400 naming "parent.name".
std::string StringField(const json::object& o, std::string_view name, std::string_view parent);

template <typename E>
E EnumField(const json::object& o, std::string_view name, std::string_view parent) {
    const auto field = fmt::format("{}.{}", parent, name);
    return ParseCode<E>(StringField(o, name, parent), field);
}

}  // namespace kehou::institutions
