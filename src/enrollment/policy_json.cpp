#include "enrollment/policy_json.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kehou::enrollment {
namespace {

namespace json = boost::json;

constexpr std::array<std::pair<Condition, std::string_view>, 10> kConditions{{
    {Condition::kSameAddress, "same_address"},
    {Condition::kHukouInCatchment, "hukou_in_catchment"},
    {Condition::kHomeInCatchment, "home_in_catchment"},
    {Condition::kResidenceInCatchment, "residence_in_catchment"},
    {Condition::kHukouInCounty, "hukou_in_county"},
    {Condition::kHukouOutsideCity, "hukou_outside_city"},
    {Condition::kNoPropertyInCity, "no_property_in_city"},
    {Condition::kRenting, "renting"},
    {Condition::kMigrantMinimum, "migrant_minimum"},
    {Condition::kWholeOwnership, "whole_ownership"},
}};
constexpr std::array<std::pair<TieBreaker, std::string_view>, 4> kTieBreakers{{
    {TieBreaker::kHukouMoveInEarliest, "hukou_move_in_earliest"},
    {TieBreaker::kPropertyCertificateEarliest, "property_certificate_earliest"},
    {TieBreaker::kPointsHighest, "points_highest"},
    {TieBreaker::kLottery, "lottery"},
}};

Error Bad(const std::string& path, std::string_view zh, std::string_view en) {
    return Error::Unprocessable("enrollment.bad_policy", fmt::format("招生规则 {} {}", path, zh),
                                fmt::format("Admission policy {}: {}", path, en), path);
}

template <typename E, std::size_t N>
std::string_view Code(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (const auto& [e, code] : table)
        if (e == v) return code;
    return {};
}

template <typename E, std::size_t N>
E Parse(const std::array<std::pair<E, std::string_view>, N>& table, const json::value& v, const std::string& path) {
    if (v.is_string())
        for (const auto& [e, code] : table)
            if (code == v.get_string()) return e;
    throw Bad(path, "不是可用的取值", "is not one of the known values");
}

const json::value& Field(const json::object& o, std::string_view key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v) throw Bad(path + "." + std::string(key), "缺失", "is missing");
    return *v;
}

int Int(const json::value& v, const std::string& path, int lo, int hi) {
    if (!v.is_int64() || v.get_int64() < lo || v.get_int64() > hi)
        throw Bad(path, fmt::format("应为 {}–{} 的整数", lo, hi), fmt::format("must be an integer {}–{}", lo, hi));
    return static_cast<int>(v.get_int64());
}

Date IsoDate(const json::value& v, const std::string& path) {
    if (v.is_string())
        if (const auto d = ParseIsoDate(v.get_string())) return *d;
    throw Bad(path, "应为 YYYY-MM-DD 日期", "must be a YYYY-MM-DD date");
}

const json::array& Array(const json::value& v, const std::string& path) {
    if (!v.is_array()) throw Bad(path, "应为数组", "must be an array");
    return v.get_array();
}

const json::object& Object(const json::value& v, const std::string& path) {
    if (!v.is_object()) throw Bad(path, "应为对象", "must be an object");
    return v.get_object();
}

std::vector<Category> ParseCategories(const json::value& v) {
    std::vector<Category> out;
    const auto& list = Array(v, "categories");
    if (list.empty()) throw Bad("categories", "至少要有一个类别", "needs at least one category");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto path = fmt::format("categories[{}]", i);
        const auto& o = Object(list[i], path);
        const auto& name = Field(o, "name", path);
        if (!name.is_string() || name.get_string().empty()) throw Bad(path + ".name", "应为类别名称", "must be a name");
        Category c{std::string(name.get_string()), {}};
        const auto& all = Array(Field(o, "all", path), path + ".all");
        for (std::size_t j = 0; j < all.size(); ++j)
            c.all.push_back(Parse(kConditions, all[j], fmt::format("{}.all[{}]", path, j)));
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

json::value PolicyJson(const Policy& p) {
    json::array categories, tie_breakers;
    for (const auto& c : p.categories) {
        json::array all;
        for (const auto k : c.all) all.emplace_back(Code(kConditions, k));
        categories.push_back(json::object{{"name", c.name}, {"all", std::move(all)}});
    }
    for (const auto t : p.tie_breakers) tie_breakers.emplace_back(Code(kTieBreakers, t));
    json::value minimum = nullptr, points = nullptr;
    if (p.migrant_minimum)
        minimum = json::object{{"months", p.migrant_minimum->months},
                               {"as_of", FormatIsoDate(p.migrant_minimum->as_of)},
                               {"permit_required", p.migrant_minimum->permit_required}};
    if (p.points)
        points = json::object{{"permit_tenths_per_month", p.points->permit_tenths_per_month},
                              {"insurance_tenths_per_month", p.points->insurance_tenths_per_month},
                              {"cap_months", p.points->cap_months},
                              {"as_of", FormatIsoDate(p.points->as_of)}};
    return json::object{{"entry_age", p.entry_age},
                        {"cutoff", fmt::format("{:02}-{:02}", p.cutoff_month, p.cutoff_day)},
                        {"categories", std::move(categories)},
                        {"migrant_minimum", std::move(minimum)},
                        {"points", std::move(points)},
                        {"tie_breakers", std::move(tie_breakers)}};
}

Policy ParsePolicy(const json::value& v) {
    const auto& o = Object(v, "policy");
    Policy p;
    p.entry_age = Int(Field(o, "entry_age", "policy"), "entry_age", 5, 13);
    const auto& cutoff = Field(o, "cutoff", "policy");
    const auto md = cutoff.is_string() ? ParseIsoDate("2000-" + std::string(cutoff.get_string())) : std::nullopt;
    if (!md) throw Bad("cutoff", "应为 MM-DD", "must be MM-DD");
    p.cutoff_month = static_cast<int>(static_cast<unsigned>(md->month()));
    p.cutoff_day = static_cast<int>(static_cast<unsigned>(md->day()));
    p.categories = ParseCategories(Field(o, "categories", "policy"));
    if (const auto* m = o.if_contains("migrant_minimum"); m && !m->is_null()) {
        const auto& mo = Object(*m, "migrant_minimum");
        const auto* permit = mo.if_contains("permit_required");
        p.migrant_minimum = MonthsRule{Int(Field(mo, "months", "migrant_minimum"), "migrant_minimum.months", 0, 120),
                                       IsoDate(Field(mo, "as_of", "migrant_minimum"), "migrant_minimum.as_of"),
                                       !permit || !permit->is_bool() || permit->get_bool()};
    }
    if (const auto* m = o.if_contains("points"); m && !m->is_null()) {
        const auto& po = Object(*m, "points");
        p.points = PointsRule{Int(Field(po, "permit_tenths_per_month", "points"), "points.permit_tenths_per_month", 0, 100),
                              Int(Field(po, "insurance_tenths_per_month", "points"), "points.insurance_tenths_per_month",
                                  0, 100),
                              Int(Field(po, "cap_months", "points"), "points.cap_months", 1, 240),
                              IsoDate(Field(po, "as_of", "points"), "points.as_of")};
    }
    const auto& ties = Array(Field(o, "tie_breakers", "policy"), "tie_breakers");
    for (std::size_t i = 0; i < ties.size(); ++i)
        p.tie_breakers.push_back(Parse(kTieBreakers, ties[i], fmt::format("tie_breakers[{}]", i)));
    return p;
}

}  // namespace kehou::enrollment
