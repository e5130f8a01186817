#pragma once
// The demo city's profile: the 14 county-level units of 济宁 (RULES R3.6) with the shares, rates and place
// names the generator draws from, and what each Scale asks for. Static data, no I/O.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "demo/model.hpp"

namespace kehou::demo {

/// A 街道 (sub-district) or 镇/乡 (town, township) of a unit; rural ones host the rural schools.
struct Town {
    std::string_view name;  // 李营街道, 纸坊镇
    bool rural;
};

/// A surname that is far more common in one unit than in Shandong at large (孔 in 曲阜, 孟 in 邹城).
struct SurnameBoost {
    std::string_view surname;
    std::uint32_t weight;  // added to the provincial weight, in the same units (per 100,000 people)
};

/// Priority-flag rates in per mille (GLOSSARY: 残疾, 随迁子女, 家庭经济困难, 留守儿童, 军人子女, 双职工).
struct FlagRates {
    int disability;
    int migrant;
    int hardship;
    int left_behind;
    int military_family;
    int dual_income;  // among children who are not left behind: their parents work away, not locally
};

/// One county-level unit or functional zone as the generator sees it.
struct UnitProfile {
    std::string_view mgmt_code;      // key into kehou::ManagementUnits()
    std::string_view short_name;     // prefix of most school names: 任城区, 济宁高新区
    std::string_view formal_prefix;  // prefix of flagship schools: 济宁市任城区 (districts carry the city)
    std::string_view address_name;   // inside 山东省济宁市…: 任城区, 高新区
    int student_permille;            // share of the city's students (≈ share of population)
    int school_density_pct;          // schools per student against the city mean; rural units have smaller ones
    int rural_school_pct;            // share of public schools in 镇/乡
    int migrant_urban_permille;      // 随迁子女 concentrate in the city proper
    int migrant_rural_permille;
    int id_code_370812_permille;  // zones only: share of children registered in 兖州 rather than 任城
    bool zone;                    // functional zone: no GB/T 2260 code of its own (RULES R3.6)
    std::span<const Town> towns;
    std::span<const SurnameBoost> surnames;
};

/// The 14 units in the order of kehou::ChildrenOf("370800").
std::span<const UnitProfile> Units();
const UnitProfile& Rencheng();

/// What a Scale generates. Teachers follow the city's own ratio (829,774 / 34,215 ≈ 24.3 students each).
struct ScaleSpec {
    std::vector<const UnitProfile*> units;
    int schools;
    int students;
    int teachers;
    int min_classes_per_grade;
    int max_classes_per_grade;
    bool tiny_layout;  // exactly 2 primary schools and 1 junior middle school
};
ScaleSpec SpecFor(Scale scale);

/// The rates a child at a school of this unit and setting is drawn with.
FlagRates RatesFor(const UnitProfile& unit, bool rural);

/// The city-wide figures the city scale reproduces (济宁, 2022, compulsory education).
inline constexpr int kCitySchools = 1078;
inline constexpr int kCityStudents = 829774;
inline constexpr int kCityTeachers = 34215;

/// Shared place-name material for addresses and school names (invented but typical of the region).
std::vector<std::string_view> RoadsOf(const UnitProfile& unit);
std::span<const std::string_view> Villages();
std::span<const std::string_view> PrivateBrands();

/// GB/T 2260 codes from which migrant children come: other Jining units, nearby 菏泽/枣庄, and the
/// neighbouring counties of Jiangsu, Anhui and Henan, with cumulative weights in the same order.
std::span<const std::string_view> MigrantOrigins();
std::span<const std::uint32_t> MigrantOriginCumulative();

}  // namespace kehou::demo
