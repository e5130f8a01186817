#include "http/dispatcher.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <random>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "http/json.hpp"
#include "http/static_files.hpp"

namespace kehou::http {
namespace {

bool IsSaneRequestId(std::string_view s) {
    if (s.size() < 8 || s.size() > 64) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

void AddCommonHeaders(Response& r, const Request& req) {
    r.SetHeader("X-Request-Id", req.request_id);
    r.SetHeader("X-Content-Type-Options", "nosniff");
    r.SetHeader("X-Frame-Options", "DENY");
    r.SetHeader("Referrer-Policy", "same-origin");
    if (!r.Header("Cache-Control")) r.SetHeader("Cache-Control", "no-store");
}

Response NotFound(Request& req) {
    req.route_template = "(unmatched)";
    return ErrorResponse(Error::NotFound("http.not_found", "找不到该资源", "No such resource"), req.request_id);
}

Response MethodNotAllowed(Request& req, const std::vector<Method>& allowed) {
    req.route_template = "(method not allowed)";
    std::string allow;
    for (Method m : allowed) allow += (allow.empty() ? "" : ", ") + std::string(MethodName(m));
    Error e{ErrorKind::kMethodNotAllowed, "http.method_not_allowed", "不支持该请求方法", "Method not allowed"};
    e.WithDetail("allow", allow);
    Response r = ErrorResponse(e, req.request_id);
    r.SetHeader("Allow", allow);
    return r;
}

// Turns whatever a handler threw into the client's answer; internal text goes only to the log.
Response FromException(std::exception_ptr ex, const Request& req) {
    try {
        std::rethrow_exception(ex);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::kInternal) spdlog::error("rid={} {}", req.request_id, e.what());
        return ErrorResponse(e, req.request_id);
    } catch (const db::DbError& e) {
        spdlog::error("rid={} database: {}", req.request_id, e.what());
        if (e.kind() == db::DbErrorKind::kConnection || e.kind() == db::DbErrorKind::kBusy)
            return ErrorResponse(Error::Unavailable("db.unavailable", "数据库暂时不可用，请稍后再试",
                                                    "The database is unavailable; try again shortly"),
                                 req.request_id);
        return ErrorResponse(Error::Internal(e.what()), req.request_id);
    } catch (const std::exception& e) {
        spdlog::error("rid={} unhandled: {}", req.request_id, e.what());
        return ErrorResponse(Error::Internal(e.what()), req.request_id);
    } catch (...) {
        spdlog::error("rid={} unhandled non-standard exception", req.request_id);
        return ErrorResponse(Error::Internal("unknown"), req.request_id);
    }
}

}  // namespace

std::string MakeRequestId(const Request& req) {
    if (auto given = req.Header("x-request-id"); given && IsSaneRequestId(*given)) return std::string(*given);
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format("{:016x}", rng());
}

Dispatcher::Dispatcher(const Router& router, const StaticFiles* static_files)
    : router_(router), static_files_(static_files) {}

Routed Dispatcher::Route(Request& req) const {
    if (req.request_id.empty()) req.request_id = MakeRequestId(req);
    RouteMatch m = router_.Find(req.method, req.path);
    Routed out;
    if (m.kind == RouteMatch::Kind::kFound) {
        req.route_template = m.route->path;
        req.path_params = std::move(m.params);
        out.route = m.route;
        return out;
    }
    if (m.kind == RouteMatch::Kind::kMethodNotAllowed) out.response = MethodNotAllowed(req, m.allowed);
    else if (static_files_ && (req.method == Method::kGet || req.method == Method::kHead) &&
             !req.path.starts_with("/api/")) {
        req.route_template = "(static)";
        out.response = static_files_->Serve(req.path);
        if (!out.response) out.response = NotFound(req);
    } else
        out.response = NotFound(req);
    AddCommonHeaders(*out.response, req);
    return out;
}

Response Dispatcher::Invoke(const RouteSpec& route, Request& req) const {
    Response resp;
    try {
        for (const auto& hook : hooks_.before) hook(req, route);
        resp = route.handler(req);
    } catch (...) {
        resp = FromException(std::current_exception(), req);
    }
    for (const auto& hook : hooks_.after) {
        try {
            hook(req, route, resp);
        } catch (const std::exception& e) {
            spdlog::error("rid={} after-hook failed: {}", req.request_id, e.what());
        }
    }
    AddCommonHeaders(resp, req);
    return resp;
}

Response Dispatcher::Dispatch(Request& req) const {
    Routed r = Route(req);
    if (r.response) return std::move(*r.response);
    return Invoke(*r.route, req);
}

Response Dispatcher::Refuse(const Error& e, Request& req) {
    if (req.request_id.empty()) req.request_id = MakeRequestId(req);
    req.route_template = "(refused)";
    Response r = ErrorResponse(e, req.request_id);
    AddCommonHeaders(r, req);
    return r;
}

void LogAccess(const Request& req, const Response& resp, double ms) {
    static const auto logger = [] {
        auto l = spdlog::get("access");
        return l ? l : spdlog::default_logger();
    }();
    logger->info("rid={} {} {} {} {:.1f}ms", req.request_id, MethodName(req.method), req.route_template,
                 resp.status, ms);
}

}  // namespace kehou::http
