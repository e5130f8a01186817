#pragma once
// The request pipeline as a pure function: request id -> route -> before-hooks (auth, CSRF, rate
// limit) -> handler -> after-hooks (audit) -> response, with every failure turned into the one
// error body. The Beast server calls it; tests call it in-process with no socket.

#include <functional>
#include <optional>
#include <vector>

#include "core/error.hpp"

#include "http/request.hpp"
#include "http/router.hpp"

namespace kehou::http {

class StaticFiles;

/// Code that runs around every routed handler. Before-hooks refuse by throwing kehou::Error;
/// after-hooks see the outcome and must not throw.
struct DispatchHooks {
    std::vector<std::function<void(Request&, const RouteSpec&)>> before;
    std::vector<std::function<void(const Request&, const RouteSpec&, const Response&)>> after;
};

/// Phase one's outcome: a route to invoke, or an answer already made (404, 405, a static file).
struct Routed {
    const RouteSpec* route = nullptr;
    std::optional<Response> response;
};

/// Routes and invokes requests. Read-only after start; safe to share between threads.
class Dispatcher {
public:
    Dispatcher(const Router& router, const StaticFiles* static_files);

    DispatchHooks& hooks() { return hooks_; }

    /// Phase one, cheap, on the I/O thread: request id, route lookup, static files.
    Routed Route(Request& req) const;
    /// Phase two: hooks and handler, on the thread the route's Execution names.
    Response Invoke(const RouteSpec& route, Request& req) const;
    /// Both phases at once.
    Response Dispatch(Request& req) const;

    /// The response for a request that never reached routing (body too large, bad header).
    static Response Refuse(const Error& e, Request& req);

private:
    const Router& router_;
    const StaticFiles* static_files_;
    DispatchHooks hooks_;
};

/// One access-log line: request id, method, path template (never the raw path, which may carry
/// personal data), status, milliseconds.
void LogAccess(const Request& req, const Response& resp, double ms);

/// A fresh request id (16 hex digits), or the client's X-Request-Id if it is a sane token.
std::string MakeRequestId(const Request& req);

}  // namespace kehou::http
