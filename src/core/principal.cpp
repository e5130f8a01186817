#include "core/principal.hpp"

#include <array>

namespace kehou {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles = {{
    {Role::kCityAdmin, "city_admin"},
    {Role::kDistrictAdmin, "district_admin"},
    {Role::kSchoolAdmin, "school_admin"},
    {Role::kTeacher, "teacher"},
    {Role::kGuardian, "guardian"},
    {Role::kProvider, "provider"},
    {Role::kInspector, "inspector"},
}};
}  // namespace

std::string_view RoleName(Role r) {
    for (const auto& [role, name] : kRoles)
        if (role == r) return name;
    return "unknown";
}

std::optional<Role> ParseRole(std::string_view s) {
    for (const auto& [role, name] : kRoles)
        if (name == s) return role;
    return std::nullopt;
}

bool IsAdministrator(Role r) {
    return r == Role::kCityAdmin || r == Role::kDistrictAdmin || r == Role::kSchoolAdmin;
}

}  // namespace kehou
