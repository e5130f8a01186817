#pragma once
// The management units of the cities in scope: GB/T 2260 county-level divisions plus the functional zones
// that manage schools but have no GB/T 2260 code (RULES R3.3, R3.6). Static data; no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou {

/// What a management unit is in the administrative hierarchy.
enum class UnitKind { kCity, kDistrict, kCounty, kCountyLevelCity, kFunctionalZone };
std::string_view ToString(UnitKind kind);

/// 县级行政区 / 功能区 county-level unit or functional zone, or the city above them (RULES R3.6).
struct ManagementUnit {
    std::string mgmt_code;                    // our key; equals the GB/T 2260 code where one exists
    std::optional<std::string> gbt2260_code;  // nullopt for functional zones
    std::string name;                         // 任城区
    std::string name_en;                      // Rencheng District
    UnitKind kind;
    std::string parent_code;  // a city's parent is its province (370000), which is not in the table
};

/// Every unit, cities first, each followed by its county-level units and zones.
const std::vector<ManagementUnit>& ManagementUnits();
/// The unit with this management code, or nullptr (retired codes such as 370802 are not units).
const ManagementUnit* FindUnit(std::string_view mgmt_code);
/// The units whose parent is `parent_code`, in table order.
std::vector<const ManagementUnit*> ChildrenOf(std::string_view parent_code);
/// The current code that replaced a retired one (RULES R3.2), e.g. 370802 → 370811; nullopt otherwise.
std::optional<std::string> RetiredDivisionSuccessor(std::string_view code);

}  // namespace kehou
