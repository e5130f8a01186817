#pragma once
// Access policy as pure functions: password rules, lock-out, session lifetime, which role holds which
// permission. RULES R4.7 (GB/T 22239 level 3 identity authentication, with the common test values).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "core/time.hpp"

namespace kehou::auth {

/// 口令复杂度 Password policy: ≥ 8 characters from ≥ 3 of 4 classes, not containing the user name.
struct PasswordPolicy {
    std::size_t min_length = 8;
    int min_classes = 3;
};

/// nullopt when acceptable, else a 422 naming the field "password".
std::optional<Error> CheckPassword(std::string_view password, std::string_view username,
                                   const PasswordPolicy& policy = {});

/// 登录失败处理 Lock-out: max_failures failed log-ins within window lock the account for lock_for.
struct LockoutPolicy {
    int max_failures = 5;
    std::chrono::minutes window{15};
    std::chrono::minutes lock_for{15};
};

/// Given the failure times of one account (any order, including the one just made), when it is
/// locked until — or nullopt if it stays open.
std::optional<TimePoint> LockedUntil(const std::vector<TimePoint>& failures, TimePoint now,
                                     const LockoutPolicy& policy = {});

/// Session lifetime: idle 15 min for administrators, 30 for everyone else; 12 h absolute.
struct SessionPolicy {
    std::chrono::minutes idle_admin{15};
    std::chrono::minutes idle_other{30};
    std::chrono::hours absolute{12};
    /// last_seen is written at most this often, so reads do not become writes.
    std::chrono::seconds touch_interval{60};
    // How long a process trusts a session it has read: a log-out in this process takes effect at once,
    // one in another process (or a row changed by hand) within this time.
    std::chrono::seconds cache_for{10};
};

enum class SessionState { kValid, kIdleExpired, kAbsoluteExpired };

SessionState CheckSession(Role role, TimePoint created, TimePoint last_seen, TimePoint now,
                          const SessionPolicy& policy = {});

/// Permissions are module:resource:action; a role's grants may use * for a whole segment.
bool PermissionMatches(std::string_view grant, std::string_view permission);
/// The grants of a role (the role matrix of docs/security.md).
const std::vector<std::string>& GrantsOf(Role role);
bool HasPermission(Role role, std::string_view permission);

}  // namespace kehou::auth
