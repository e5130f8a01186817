// The one translation unit of the department sources that sees Boost.JSON: JSON exports and endpoint answers
// become flat FieldMaps here, and everything else reads those.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "enrollment/source_records.hpp"

namespace kehou::enrollment {
namespace json = boost::json;
namespace {

// Flat values only: a department's record is one level of named fields; anything nested is reported.
std::optional<std::string> FlatText(const json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_bool()) return v.get_bool() ? "true" : "false";
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_null()) return std::string();
    return std::nullopt;  // doubles too: no schema field is fractional
}

std::vector<JsonRow> Rows(const json::array& items) {
    std::vector<JsonRow> out;
    out.reserve(items.size());
    for (const auto& item : items) {
        JsonRow row;
        if (!item.is_object()) {
            row.bad_field = "(row)";
        } else {
            for (const auto& [k, v] : item.get_object()) {
                auto text = FlatText(v);
                if (!text) {
                    if (row.bad_field.empty()) row.bad_field = std::string(k);
                    continue;
                }
                row.fields.emplace(std::string(k), std::move(*text));
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<json::value> Parse(std::string_view text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return std::nullopt;
    return v;
}

}  // namespace

std::optional<std::vector<JsonRow>> ParseJsonRows(std::string_view text) {
    auto v = Parse(text);
    if (!v || !v->is_array()) return std::nullopt;
    return Rows(v->get_array());
}

std::optional<std::vector<JsonRow>> ParseJsonAnswer(std::string_view text) {
    auto v = Parse(text);
    if (!v || !v->is_object()) return std::nullopt;
    const auto* records = v->get_object().if_contains("records");
    if (!records || !records->is_array()) return std::nullopt;
    return Rows(records->get_array());
}

}  // namespace kehou::enrollment
