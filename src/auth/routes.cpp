#include "auth/routes.hpp"

#include <fmt/format.h>

#include "http/json.hpp"

namespace kehou::auth {
namespace {

namespace json = boost::json;
using http::Method;

json::object UserJson(const User& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"display_name", u.display_name},
            {"role", RoleName(u.role)},
            {"scope_path", u.scope_path},
            {"must_change_password", u.must_change_password},
            {"is_demo", u.is_demo}};
}

json::array GrantsJson(Role role) {
    json::array out{"auth:self:*"};
    for (const auto& g : GrantsOf(role)) out.emplace_back(g);
    return out;
}

// Secure when the client reached us over TLS (through the bureau's reverse proxy).
std::string CookieAttributes(const http::Request& req, bool http_only) {
    std::string a = "; Path=/; SameSite=Strict";
    if (http_only) a += "; HttpOnly";
    if (req.Header("x-forwarded-proto") == std::optional<std::string_view>("https")) a += "; Secure";
    return a;
}

http::Response Login(http::Request& req, AuthService& auth, RateLimiter& limiter) {
    if (!limiter.Allow(req.client_address))
        throw Error(ErrorKind::kTooManyRequests, "auth.rate_limited", "尝试过于频繁，请稍后再试",
                    "Too many attempts; try again shortly");
    http::BodyReader body(req);
    const auto username = body.RequiredString("username", 64);
    const auto password = body.RequiredString("password", 128);
    body.Finish();
    req.audit_object = "username=" + username;
    NewSession s;
    try {
        s = auth.Login(username, password, req.client_address);
    } catch (const Error&) {
        req.audit_scope = auth.ScopeOfUsername(username).value_or("/");
        throw;
    }
    req.principal = Principal{s.user.id, s.user.username, s.user.display_name, s.user.role, s.user.scope_path,
                              s.user.must_change_password, s.csrf_token};
    auto resp = http::JsonResponse(json::object{{"user", UserJson(s.user)}, {"grants", GrantsJson(s.user.role)},
                                                {"csrf_token", s.csrf_token}});
    resp.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=" + s.token + CookieAttributes(req, true));
    resp.AddHeader("Set-Cookie", std::string(kCsrfCookie) + "=" + s.csrf_token + CookieAttributes(req, false));
    return resp;
}

http::Response Logout(http::Request& req, AuthService& auth) {
    if (auto token = req.Cookie(kSessionCookie)) auth.Logout(*token);
    http::Response resp = http::JsonResponse(json::object{{"logged_out", true}});
    resp.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=; Max-Age=0" + CookieAttributes(req, true));
    resp.AddHeader("Set-Cookie", std::string(kCsrfCookie) + "=; Max-Age=0" + CookieAttributes(req, false));
    return resp;
}

http::Response Me(http::Request& req) {
    const Principal& p = req.Caller();
    return http::JsonResponse(json::object{
        {"user",
         {{"id", p.user_id}, {"username", p.username}, {"display_name", p.display_name}, {"role", RoleName(p.role)},
          {"scope_path", p.scope_path}, {"must_change_password", p.must_change_password}}},
        {"grants", GrantsJson(p.role)}});
}

http::Response ChangePassword(http::Request& req, AuthService& auth) {
    http::BodyReader body(req);
    const auto old_password = body.RequiredString("old_password", 128);
    const auto new_password = body.RequiredString("new_password", 128);
    body.Finish();
    auth.ChangePassword(req.Caller(), req.Cookie(kSessionCookie).value_or(""), old_password, new_password);
    return http::JsonResponse(json::object{{"changed", true}});
}

http::Response ListUsers(http::Request& req, AuthService& auth) {
    json::array items;
    for (const auto& u : auth.ListUsers(req.Caller(), static_cast<int>(req.QueryInt("page", 1, 100000)),
                                        static_cast<int>(req.QueryInt("page_size", 50, 200))))
        items.push_back(UserJson(u));
    return http::JsonResponse(json::object{{"items", std::move(items)}});
}

http::Response CreateUser(http::Request& req, AuthService& auth) {
    http::BodyReader body(req);
    NewUser u;
    u.username = body.RequiredString("username", 64);
    u.display_name = body.RequiredString("display_name", 50);
    const auto role_name = body.RequiredString("role", 32);
    u.scope_path = body.RequiredString("scope_path", 200);
    u.password = body.RequiredString("initial_password", 128);
    body.Finish();
    const auto role = ParseRole(role_name);
    if (!role) throw Error::BadRequest("auth.bad_role", "角色无效", "Unknown role", "role");
    u.role = *role;
    const User created = auth.CreateUserAs(req.Caller(), u);
    req.audit_object = fmt::format("user_id={} username={}", created.id, created.username);
    return http::JsonResponse(UserJson(created), 201);
}

http::Response ListAudit(http::Request& req, AuditLog& audit) {
    AuditQuery q;
    q.scope_path = req.Caller().scope_path;
    // Events tied to no account (log-ins with unknown names) belong to the city bureau.
    q.include_unattributed = req.Caller().role == Role::kCityAdmin;
    q.from_date = req.QueryParam("from");
    q.to_date = req.QueryParam("to");
    q.actor = req.QueryParam("actor");
    q.action = req.QueryParam("action");
    if (auto o = req.QueryParam("outcome")) {
        if (*o != "2xx" && *o != "4xx" && *o != "5xx")
            throw Error::BadRequest("audit.bad_outcome", "结果须为 2xx、4xx 或 5xx", "outcome is 2xx, 4xx or 5xx",
                                    "outcome");
        q.outcome_class = (*o)[0] - '0';
    }
    q.page = static_cast<int>(req.QueryInt("page", 1, 100000));
    q.page_size = static_cast<int>(req.QueryInt("page_size", 50, 200));
    const AuditPage page = audit.List(q);
    json::array items;
    for (const auto& r : page.rows)
        items.push_back({{"id", r.id}, {"at", r.entry.at}, {"actor", r.entry.actor}, {"role", r.entry.role},
                         {"scope_path", r.entry.scope_path}, {"action", r.entry.action}, {"title", r.entry.title},
                         {"object", r.entry.object}, {"outcome", r.entry.outcome},
                         {"request_id", r.entry.request_id}, {"client_address", r.entry.client_address}});
    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
}

}  // namespace

void RegisterRoutes(http::Router& router, AuthService& auth, AuditLog& audit, RateLimiter& login_limiter) {
    router.Add({.method = Method::kPost, .path = "/api/v1/auth/login", .permission = std::string(http::kPublic),
                .audit_title = "登录", .handler = [&](http::Request& r) { return Login(r, auth, login_limiter); },
                .summary = "Log in with user name and password; sets the session and CSRF cookies"});
    router.Add({.method = Method::kPost, .path = "/api/v1/auth/logout", .permission = "auth:self:update",
                .audit_title = "退出登录", .handler = [&](http::Request& r) { return Logout(r, auth); },
                .summary = "End this session"});
    router.Add({.method = Method::kGet, .path = "/api/v1/auth/me", .permission = "auth:self:read",
                .handler = Me, .summary = "The signed-in user and the grants of their role"});
    router.Add({.method = Method::kPost, .path = "/api/v1/auth/password", .permission = "auth:self:update",
                .audit_title = "修改密码", .handler = [&](http::Request& r) { return ChangePassword(r, auth); },
                .summary = "Change one's own password (required at first log-in)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/auth/users", .permission = "auth:user:read",
                .handler = [&](http::Request& r) { return ListUsers(r, auth); },
                .summary = "Accounts inside the caller's scope"});
    router.Add({.method = Method::kPost, .path = "/api/v1/auth/users", .permission = "auth:user:create",
                .audit_title = "新建用户", .handler = [&](http::Request& r) { return CreateUser(r, auth); },
                .summary = "Create an account below one's own role, inside one's scope"});
    router.Add({.method = Method::kGet, .path = "/api/v1/audit/logs", .permission = "audit:log:read",
                .handler = [&](http::Request& r) { return ListAudit(r, audit); },
                .summary = "The operation log of actors inside the caller's scope, filtered and paged"});
}

}  // namespace kehou::auth
