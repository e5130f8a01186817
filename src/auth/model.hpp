#pragma once
// Plain types of the auth module: users, sessions, audit entries.

#include <cstdint>
#include <optional>
#include <string>

#include "core/principal.hpp"

namespace kehou::auth {

/// A user account as stored (without its password hash).
struct User {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kGuardian;
    std::string scope_path;
    bool must_change_password = true;
    bool is_demo = false;
    bool is_active = true;
    std::optional<std::string> locked_until;
    std::string created_at;
};

/// What creating a user needs.
struct NewUser {
    std::string username;
    std::string display_name;
    Role role = Role::kGuardian;
    std::string scope_path;
    std::string password;
    bool is_demo = false;           // demo accounts skip the first-log-in password change
    bool must_change_password = true;
};

/// A fresh session: the cookie token (never stored) and its CSRF token.
struct NewSession {
    std::string token;
    std::string csrf_token;
    User user;
};

/// 操作日志 One line of the operation log.
struct AuditEntry {
    std::string at;
    std::optional<std::int64_t> actor_user_id;
    std::string actor;        // user name, or the name tried at a failed log-in
    std::string role;         // role name, or "anonymous"
    std::string scope_path;   // the actor's scope ("/" when anonymous)
    std::string action;       // the route's permission, e.g. afterschool:window:open
    std::string title;        // the route's audit title, e.g. 开放选课
    std::string object;       // METHOD template and ids, e.g. "POST /api/v1/schools/{id} id=42"
    int outcome = 0;          // the HTTP status answered
    std::string request_id;
    std::string client_address;
};

/// A stored audit line with its chain hashes.
struct AuditRow {
    std::int64_t id = 0;
    AuditEntry entry;
    std::string prev_hash;
    std::string row_hash;
};

}  // namespace kehou::auth
