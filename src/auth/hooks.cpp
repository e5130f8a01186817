#include <spdlog/spdlog.h>

#include "auth/routes.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"

namespace kehou::auth {
namespace {

void Authorise(http::Request& req, const http::RouteSpec& route, AuthService& auth) {
    const auto token = req.Cookie(kSessionCookie);
    if (route.IsPublic()) return;
    if (!token || token->empty())
        throw Error(ErrorKind::kUnauthenticated, "auth.required", "请先登录", "Please log in first");
    req.principal = auth.Authenticate(*token);
    const Principal& p = *req.principal;
    // Double-submit: the web app copies the kehou_csrf cookie into the header; a forged cross-site
    // form can send the cookie but cannot read it.
    if (http::IsWrite(req.method)) {
        const auto header = req.Header("x-csrf-token");
        if (!header || !crypto::Equal(*header, p.session_csrf))
            throw Error::Forbidden("auth.csrf", "页面已失效，请刷新后重试（CSRF 校验失败）",
                                   "The page is stale; reload and try again (CSRF check failed)");
    }
    if (p.must_change_password && !route.permission.starts_with("auth:self:"))
        throw Error::Forbidden("auth.password_change_required", "首次登录须先修改密码",
                               "Change your initial password first");
    if (!HasPermission(p.role, route.permission))
        throw Error::Forbidden("auth.forbidden", "没有执行此操作的权限", "You do not have permission to do this")
            .WithDetail("permission", route.permission);
}

AuditEntry EntryFor(const http::Request& req, const http::RouteSpec& route, const http::Response& resp) {
    AuditEntry e;
    e.at = FormatShanghai(std::chrono::system_clock::now());
    if (req.principal) {
        e.actor_user_id = req.principal->user_id;
        e.actor = req.principal->username;
        e.role = RoleName(req.principal->role);
        e.scope_path = req.principal->scope_path;
    } else {
        e.actor = "anonymous";
        e.role = "anonymous";
        e.scope_path = req.audit_scope.empty() ? "/" : req.audit_scope;
    }
    e.action = route.permission;
    e.title = route.audit_title;
    e.object = std::string(http::MethodName(route.method)) + " " + route.path;
    for (const auto& [k, v] : req.path_params) e.object += " " + k + "=" + v;
    if (!req.audit_object.empty()) e.object += " " + req.audit_object;
    e.outcome = resp.status;
    e.request_id = req.request_id;
    e.client_address = req.client_address;
    return e;
}

}  // namespace

void InstallHooks(http::Dispatcher& dispatcher, AuthService& auth, AuditLog& audit) {
    dispatcher.hooks().before.push_back([&auth](http::Request& req, const http::RouteSpec& route) {
        Authorise(req, route, auth);
        if (route.audit_title.empty()) return;
        req.audit_in_write = [&req, &route](db::Connection& c, int outcome) {
            http::Response as_answered;
            as_answered.status = outcome;
            AuditLog::AppendIn(c, EntryFor(req, route, as_answered));
            req.audited_outcome = outcome;
        };
    });
    dispatcher.hooks().after.push_back(
        [&audit](const http::Request& req, const http::RouteSpec& route, const http::Response& resp) {
            if (route.audit_title.empty()) return;
            if (req.audited_outcome == resp.status) return;  // recorded with the change itself
            try {
                audit.Record(EntryFor(req, route, resp));
            } catch (const std::exception& e) {
                // The request has already been answered; a lost audit line must at least be loud.
                spdlog::error("rid={} AUDIT WRITE FAILED for {}: {}", req.request_id, route.path, e.what());
            }
        });
}

}  // namespace kehou::auth
