#include "http/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include "core/text.hpp"

namespace kehou::http {
namespace {

// Length in code points, so a limit of 50 means 50 汉字, not 16.
}  // namespace

Error WrongType(std::string_view field, std::string_view expected_zh, std::string_view expected_en) {
    return Error::BadRequest("request.wrong_type", fmt::format("字段 {} 应为{}", field, expected_zh),
                             fmt::format("Field {} must be {}", field, expected_en), std::string(field));
}

std::vector<std::string> ReadStringArray(const json::value* v, std::string_view field) {
    std::vector<std::string> out;
    if (!v) return out;
    if (!v->is_array()) throw WrongType(field, "字符串数组", "an array of strings");
    for (const auto& x : v->as_array()) {
        if (!x.is_string()) throw WrongType(field, "字符串数组", "an array of strings");
        out.emplace_back(x.as_string());
    }
    return out;
}

std::vector<std::int64_t> ReadIntArray(const json::value* v, std::string_view field) {
    std::vector<std::int64_t> out;
    if (!v) return out;
    if (!v->is_array()) throw WrongType(field, "整数数组", "an array of integers");
    for (const auto& x : v->as_array()) {
        if (!x.is_int64()) throw WrongType(field, "整数数组", "an array of integers");
        out.push_back(x.as_int64());
    }
    return out;
}

BodyReader::BodyReader(const Request& req) {
    const auto type = req.Header("content-type");
    if (!type || type->find("application/json") == std::string_view::npos)
        throw Error::BadRequest("request.content_type", "请求体须为 JSON（Content-Type: application/json）",
                                "The body must be JSON (Content-Type: application/json)", "Content-Type");
    boost::system::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec)
        throw Error::BadRequest("request.malformed_json", "请求体不是有效的 JSON", "The body is not valid JSON",
                                "body");
    if (!v.is_object())
        throw Error::BadRequest("request.malformed_json", "请求体须为 JSON 对象", "The body must be a JSON object",
                                "body");
    object_ = std::move(v.as_object());
}

const json::value* BodyReader::Take(std::string_view field) {
    read_.emplace(field);
    const auto* v = object_.if_contains(field);
    return (v && !v->is_null()) ? v : nullptr;
}

std::optional<std::string> BodyReader::OptionalString(std::string_view field, std::size_t max_chars) {
    const json::value* v = Take(field);
    if (!v) return std::nullopt;
    if (!v->is_string()) throw WrongType(field, "字符串", "a string");
    std::string s(v->as_string());
    if (Utf8Chars(s) > max_chars)
        throw Error::BadRequest("request.too_long", fmt::format("字段 {} 超过 {} 个字符", field, max_chars),
                                fmt::format("Field {} is longer than {} characters", field, max_chars),
                                std::string(field))
            .WithDetail("max_chars", static_cast<std::int64_t>(max_chars));
    return s;
}

std::string BodyReader::RequiredString(std::string_view field, std::size_t max_chars) {
    auto s = OptionalString(field, max_chars);
    if (!s || s->empty())
        throw Error::BadRequest("request.missing_field", fmt::format("缺少字段 {}", field),
                                fmt::format("Field {} is required", field), std::string(field));
    return *s;
}

std::optional<std::int64_t> BodyReader::OptionalInt(std::string_view field) {
    const json::value* v = Take(field);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->as_uint64());
    throw WrongType(field, "整数", "an integer");
}

std::int64_t BodyReader::RequiredInt(std::string_view field) {
    auto n = OptionalInt(field);
    if (!n)
        throw Error::BadRequest("request.missing_field", fmt::format("缺少字段 {}", field),
                                fmt::format("Field {} is required", field), std::string(field));
    return *n;
}

std::optional<bool> BodyReader::OptionalBool(std::string_view field) {
    const json::value* v = Take(field);
    if (!v) return std::nullopt;
    if (!v->is_bool()) throw WrongType(field, "布尔值", "true or false");
    return v->as_bool();
}

bool BodyReader::RequiredBool(std::string_view field) {
    auto b = OptionalBool(field);
    if (!b)
        throw Error::BadRequest("request.missing_field", fmt::format("缺少字段 {}", field),
                                fmt::format("Field {} is required", field), std::string(field));
    return *b;
}

const json::value* BodyReader::OptionalValue(std::string_view field) { return Take(field); }

bool BodyReader::PresentAsNull(std::string_view field) const {
    const auto* v = object_.if_contains(field);
    return v && v->is_null();
}

void BodyReader::Finish() const {
    for (const auto& [key, value] : object_)
        if (!read_.contains(std::string_view(key)))
            throw Error::BadRequest("request.unknown_field", fmt::format("未知字段 {}", std::string_view(key)),
                                    fmt::format("Unknown field {}", std::string_view(key)), std::string(key));
}

Response JsonResponse(const json::value& v, int status) {
    Response r;
    r.status = status;
    r.body = json::serialize(v);
    return r;
}

Response ErrorResponse(const Error& e, std::string_view request_id) {
    json::object details;
    std::optional<std::int64_t> retry_after;
    for (const auto& [k, v] : e.details()) {
        std::visit([&](const auto& x) { details[k] = x; }, v);
        // A busy or rate-limited answer tells the client when to come back (RFC 9110 §10.2.3).
        if (k == "retry_after" && std::holds_alternative<std::int64_t>(v)) retry_after = std::get<std::int64_t>(v);
    }
    json::object body{
        {"code", e.code()},
        {"message", e.message_zh()},
        {"message_en", e.message_en()},
        {"field", e.field().empty() ? json::value(nullptr) : json::value(e.field())},
        {"details", std::move(details)},
        {"request_id", request_id},
    };
    Response r = JsonResponse(json::object{{"error", std::move(body)}}, e.http_status());
    if (retry_after) r.headers.emplace_back("Retry-After", std::to_string(*retry_after));
    return r;
}

}  // namespace kehou::http
