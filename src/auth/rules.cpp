#include "auth/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"

namespace kehou::auth {
namespace {

std::vector<std::string_view> Segments(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == ':') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

bool ContainsIgnoringCase(std::string_view hay, std::string_view needle) {
    if (needle.empty() || needle.size() > hay.size()) return false;
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        bool eq = true;
        for (std::size_t j = 0; eq && j < needle.size(); ++j) eq = lower(hay[i + j]) == lower(needle[j]);
        if (eq) return true;
    }
    return false;
}

}  // namespace

std::optional<Error> CheckPassword(std::string_view password, std::string_view username,
                                   const PasswordPolicy& policy) {
    bool lower = false, upper = false, digit = false, other = false;
    for (unsigned char c : password) {
        if (std::islower(c)) lower = true;
        else if (std::isupper(c)) upper = true;
        else if (std::isdigit(c)) digit = true;
        else other = true;
    }
    const int classes = lower + upper + digit + other;
    if (Utf8Chars(password) < policy.min_length || classes < policy.min_classes)
        return Error::Unprocessable(
            "auth.weak_password",
            fmt::format("密码至少 {} 位，且须包含大写字母、小写字母、数字、符号中的至少 {} 类", policy.min_length,
                        policy.min_classes),
            fmt::format("The password needs at least {} characters from at least {} of: upper case, lower "
                        "case, digits, symbols",
                        policy.min_length, policy.min_classes),
            "password");
    if (username.size() >= 3 && ContainsIgnoringCase(password, username))
        return Error::Unprocessable("auth.password_contains_username", "密码不能包含用户名",
                                    "The password must not contain the user name", "password");
    return std::nullopt;
}

std::optional<TimePoint> LockedUntil(const std::vector<TimePoint>& failures, TimePoint now,
                                     const LockoutPolicy& policy) {
    std::vector<TimePoint> recent;
    for (auto t : failures)
        if (t > now - policy.window && t <= now) recent.push_back(t);
    if (static_cast<int>(recent.size()) < policy.max_failures) return std::nullopt;
    // The lock runs from the latest failure, the one that reached the limit.
    return *std::max_element(recent.begin(), recent.end()) + policy.lock_for;
}

SessionState CheckSession(Role role, TimePoint created, TimePoint last_seen, TimePoint now,
                          const SessionPolicy& policy) {
    if (now - created >= policy.absolute) return SessionState::kAbsoluteExpired;
    const auto idle = IsAdministrator(role) ? policy.idle_admin : policy.idle_other;
    if (now - last_seen >= idle) return SessionState::kIdleExpired;
    return SessionState::kValid;
}

bool PermissionMatches(std::string_view grant, std::string_view permission) {
    const auto g = Segments(grant);
    const auto p = Segments(permission);
    if (g.size() != 3 || p.size() != 3) return false;
    for (std::size_t i = 0; i < 3; ++i)
        if (g[i] != "*" && g[i] != p[i]) return false;
    return true;
}

const std::vector<std::string>& GrantsOf(Role role) {
    // The role matrix. Least privilege: a role gets what its users do in the seeds' world, and
    // personal-data reveal (org:pii:reveal, RULES R3.11) only where the work needs full numbers.
    static const std::map<Role, std::vector<std::string>> grants = {
        {Role::kCityAdmin,
         {"auth:*:*", "audit:*:read", "org:*:read", "org:*:create", "org:*:update", "org:*:import", "org:*:export",
          "stats:*:*", "afterschool:*:read", "afterschool:fee-standard:*", "institutions:*:read",
          "institutions:calendar:update", "homework:*:read",
          "enrollment:*:read", "enrollment:source:create", "providers:*:read", "custody:*:read"}},
        {Role::kDistrictAdmin,
         {"auth:user:*", "audit:*:read", "org:*:*", "stats:*:*", "afterschool:*:*", "institutions:*:*",
          "homework:*:read", "homework:settings:update", "enrollment:*:*", "providers:*:*", "custody:*:*"}},
        {Role::kSchoolAdmin,
         {"auth:user:read", "org:*:read", "org:class:*", "org:student:*", "org:guardian:*", "org:teacher:*",
          "org:pii:reveal", "org:*:import", "org:*:export", "stats:*:read", "afterschool:*:*", "homework:*:*", "enrollment:*:read",
          "enrollment:review:create",
          "providers:*:read", "providers:spot-check:create", "providers:school-rating:update",
          "custody:*:read", "custody:safety-plan:update", "custody:attendance:*"}},
        {Role::kTeacher,
         {"org:class:read", "org:student:read", "org:teacher:read", "org:school:read", "org:guardian:read", "afterschool:attendance:*",
          "afterschool:section:read", "afterschool:pickup:read", "afterschool:pickup:update", "homework:assignment:*", "homework:report:read",
          "homework:settings:read", "homework:approval:update", "homework:group:update",
          "custody:plan:read", "custody:attendance:*"}},  // plans: to find the custody sites they staff
        {Role::kGuardian,
         {"org:child:read", "org:consent:*", "org:guardian:read", "afterschool:catalog:read", "afterschool:selection:*",
          "afterschool:dismissal:*", "afterschool:leave:*", "afterschool:pickup:create", "afterschool:rating:update", "afterschool:bill:read", "homework:notice:read", "homework:family-report:*",
          "institutions:family-order:*",
          "enrollment:application:*", "enrollment:season:read", "enrollment:public-list:read", "providers:notice:read",
          "custody:plan:read", "custody:survey:*", "custody:signup:*"}},
        {Role::kProvider, {"providers:own:*"}},  // its own courses and rosters come with the provider link (issue 9)
        {Role::kInspector,
         {"institutions:*:read", "institutions:inspection:*", "institutions:complaint:*", "org:school:read"}},
    };
    return grants.at(role);
}

bool HasPermission(Role role, std::string_view permission) {
    // Every signed-in user may read and change their own account and log out.
    if (PermissionMatches("auth:self:*", permission)) return true;
    const auto& g = GrantsOf(role);
    return std::any_of(g.begin(), g.end(), [&](const std::string& x) { return PermissionMatches(x, permission); });
}

}  // namespace kehou::auth
