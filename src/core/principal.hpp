#pragma once
// Who is calling: the authenticated user with a role and a data scope (数据权限). Every service call
// and every repository query takes it; nothing reads another scope's rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kehou {

/// The seven roles of DESIGN.md; stored as their lower-case names.
enum class Role { kCityAdmin, kDistrictAdmin, kSchoolAdmin, kTeacher, kGuardian, kProvider, kInspector };

std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);
/// Administrators get the shorter idle timeout (RULES R4.7).
bool IsAdministrator(Role r);

/// The caller of one request.
struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kGuardian;
    /// Materialised org path the caller may see: "/370800/" (city), "/370800/370811/" (county),
    /// "/370800/370811/3737000123/" (school). Guardians and providers are scoped further by their own
    /// ids in the modules that know them.
    std::string scope_path;
    bool must_change_password = false;
    std::string session_csrf;  // the session's CSRF token, compared with the request header

    /// True when org_path lies inside this principal's scope.
    bool Covers(std::string_view org_path) const { return org_path.starts_with(scope_path); }
};

}  // namespace kehou
