#include "enrollment/dossier_json.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace kehou::enrollment {
namespace json = boost::json;
namespace {

json::object FieldsObject(const FieldMap& fields) {
    json::object o;
    for (const auto& [k, v] : fields) o[k] = v;
    return o;
}

FieldMap FieldsOf(const json::value& v) {
    FieldMap out;
    for (const auto& [k, x] : v.as_object()) out[std::string(k)] = std::string(x.as_string());
    return out;
}

std::optional<Unavailable> ParseReason(std::string_view s) {
    for (auto u : {Unavailable::kTimeout, Unavailable::kError, Unavailable::kCircuitOpen, Unavailable::kNotFound,
                   Unavailable::kMissingKey})
        if (ToString(u) == s) return u;
    return std::nullopt;
}

SourceStatus ParseStatus(std::string_view s) {
    if (s == "verified") return SourceStatus::kVerified;
    if (s == "mismatch") return SourceStatus::kMismatch;
    return SourceStatus::kUnavailable;
}

}  // namespace

ParsedRecord ParseFieldRecord(Department d, const FieldMap& fields, const IdHasher& hasher, Date today) {
    auto parsed = ParseRecord(d, fields, hasher, false, today);
    // Per-parent records name their holder, which a query sets and a file row does not carry.
    const auto it = fields.find("holder");
    const Parent holder = it != fields.end() && it->second == "mother" ? Parent::kMother : Parent::kFather;
    if (parsed.record) {
        if (auto* i = std::get_if<InsuranceRecord>(&*parsed.record)) i->holder = holder;
        if (auto* p = std::get_if<PermitRecord>(&*parsed.record)) p->holder = holder;
    }
    return parsed;
}

std::string AnswersText(const std::vector<DepartmentAnswer>& answers) {
    json::array out;
    for (const auto& a : answers) {
        json::array records;
        for (const auto& r : a.records) records.push_back(FieldsObject(RecordFields(r)));
        json::object o{{"department", ToString(a.department)}, {"status", ToString(a.status)},
                       {"synced_at", a.synced_at}, {"mismatch", a.mismatch}, {"records", std::move(records)}};
        if (a.reason) o["reason"] = ToString(*a.reason);
        out.push_back(std::move(o));
    }
    return json::serialize(out);
}

std::vector<DepartmentAnswer> ParseAnswersText(const std::string& text, Date today) {
    std::vector<DepartmentAnswer> out;
    const auto parsed = json::parse(text);  // held: a range-for over a temporary's member would dangle
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        const auto d = ParseDepartment(std::string(o.at("department").as_string()));
        if (!d) throw std::runtime_error("stored answer of an unknown department");
        DepartmentAnswer a;
        a.department = *d;
        a.status = ParseStatus(o.at("status").as_string());
        a.synced_at = std::string(o.at("synced_at").as_string());
        a.mismatch = std::string(o.at("mismatch").as_string());
        if (const auto* r = o.if_contains("reason")) a.reason = ParseReason(r->as_string());
        a.fields_read = DepartmentFields(*d);
        for (const auto& rec : o.at("records").as_array()) {
            auto parsed = ParseFieldRecord(*d, FieldsOf(rec), IdHasher{}, today);
            if (!parsed.record) throw std::runtime_error("stored record no longer reads");
            a.records.push_back(std::move(*parsed.record));
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::string DeclarationsText(const Declarations& d) {
    return json::serialize(json::object{{"renting", d.renting},
                                        {"lives_with_grandparents", d.lives_with_grandparents},
                                        {"father_only_child", d.father_only_child},
                                        {"mother_only_child", d.mother_only_child}});
}

Declarations ParseDeclarationsText(const std::string& text) {
    const auto o = json::parse(text).as_object();
    return {o.at("renting").as_bool(), o.at("lives_with_grandparents").as_bool(), o.at("father_only_child").as_bool(),
            o.at("mother_only_child").as_bool()};
}

std::string RecordsText(const std::vector<FieldMap>& records) {
    json::array out;
    for (const auto& r : records) out.push_back(FieldsObject(r));
    return json::serialize(out);
}

std::vector<FieldMap> ParseRecordsText(const std::string& text) {
    std::vector<FieldMap> out;
    const auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) out.push_back(FieldsOf(v));
    return out;
}

}  // namespace kehou::enrollment
