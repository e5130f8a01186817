#pragma once
// Routes of the auth module (log-in, sessions, users) and the audit page, and the hooks that put
// authentication, CSRF, permission checks and the operation log around every other route.

#include "auth/audit.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/service.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"

namespace kehou::auth {

/// Cookie names: the session token (HttpOnly) and the CSRF token the web app echoes in X-CSRF-Token.
inline constexpr std::string_view kSessionCookie = "kehou_session";
inline constexpr std::string_view kCsrfCookie = "kehou_csrf";

void RegisterRoutes(http::Router& router, AuthService& auth, AuditLog& audit, RateLimiter& login_limiter);

/// Before every route: session → Principal, CSRF on writes, forced password change, permission.
/// After every route with an audit title: one operation-log line.
void InstallHooks(http::Dispatcher& dispatcher, AuthService& auth, AuditLog& audit);

}  // namespace kehou::auth
