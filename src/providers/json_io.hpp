#pragma once
// Request bodies and JSON answers of the providers routes (the contract in docs/providers.md "HTTP API").

#include "http/json.hpp"
#include "providers/app_model.hpp"
#include "providers/rules.hpp"

namespace kehou::providers {

namespace json = boost::json;

/// An application body; absent fields stay empty so CheckApplication can name every one of them at once. A value
/// of the wrong JSON type is a 400 naming its field.
ApplicationInput ReadApplication(const http::Request& r);
MoveInput ReadMove(const http::Request& r);
SpotCheckInput ReadSpotCheck(const http::Request& r);
RatingInput ReadRating(const http::Request& r);
Settings ReadSettings(const http::Request& r);

json::object RecordJson(const Record& r);
json::object RecordDetailJson(const RecordDetail& d);
json::object CheckJson(const ApplicationCheck& c);
json::object SpotCheckJson(const SpotCheck& s);
json::object RatingJson(const SchoolRating& g);
json::object EvaluationJson(const EvaluationItem& e);
json::object SheetJson(const EvaluationSheet& s, bool with_exited);
json::object NoticeJson(const Notice& n);
json::object SettingsJson(const Settings& s);
json::object OwnJson(const OwnView& v);

}  // namespace kehou::providers
