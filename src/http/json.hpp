#pragma once
// JSON at the HTTP edge (Boost.JSON). Only routes.cpp files and the http library include this.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"

namespace kehou::http {

namespace json = boost::json;

/// Reads a request's JSON object field by field. Each getter names the field in its 400; Finish()
/// refuses fields nobody asked for, so a typo in a client is an error, not silently ignored data.
class BodyReader {
public:
    explicit BodyReader(const Request& req);

    std::string RequiredString(std::string_view field, std::size_t max_chars = 200);
    std::optional<std::string> OptionalString(std::string_view field, std::size_t max_chars = 200);
    std::int64_t RequiredInt(std::string_view field);
    std::optional<std::int64_t> OptionalInt(std::string_view field);
    bool RequiredBool(std::string_view field);
    std::optional<bool> OptionalBool(std::string_view field);
    /// Any JSON value (arrays, nested objects) for the caller to read; nullptr when absent.
    const json::value* OptionalValue(std::string_view field);

    /// True when the field is present as null: a PUT's "clear this", which the getters above treat as absent.
    bool PresentAsNull(std::string_view field) const;

    /// Throws 400 request.unknown_field naming the first field not read.
    void Finish() const;

private:
    const json::value* Take(std::string_view field);

    json::object object_;
    std::set<std::string, std::less<>> read_;
};

/// A 400 for a value of the wrong JSON type.
Error WrongType(std::string_view field, std::string_view expected_zh, std::string_view expected_en);

/// 200 (or status) with the value serialised.
Response JsonResponse(const json::value& v, int status = 200);

/// {"items": [...]} with each element turned into JSON by `to_json`.
template <typename T, typename F>
Response ItemsResponse(const std::vector<T>& items, F to_json) {
    json::array out;
    for (const auto& x : items) out.push_back(to_json(x));
    return JsonResponse(json::object{{"items", std::move(out)}});
}

/// An optional array field of strings (empty when absent); 400 naming the field otherwise.
std::vector<std::string> ReadStringArray(const json::value* v, std::string_view field);
/// An optional array field of integers (ids); 400 naming the field otherwise.
std::vector<std::int64_t> ReadIntArray(const json::value* v, std::string_view field);
/// null for an empty optional, else the value.
template <typename T>
json::value OptJson(const std::optional<T>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

/// The error body every failure answers with:
/// {"error":{"code","message","message_en","field","details","request_id"}}.
Response ErrorResponse(const Error& e, std::string_view request_id);

}  // namespace kehou::http
