#pragma once
// The plain request and response types domain code sees. Beast stays inside server.cpp.

#include <cstdint>
#include <map>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/principal.hpp"

namespace kehou::db {
class Connection;
}

namespace kehou::http {

/// HTTP methods kehou routes on.
enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
Method ParseMethod(std::string_view s);
/// True for methods that change state (they need an audit title and, later, a CSRF token).
bool IsWrite(Method m);

/// One HTTP request after parsing; header names are lower-case.
struct Request {
    Method method = Method::kGet;
    std::string path;   // percent-decoded path, no query
    std::string query;  // raw query string, without '?'
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string client_address;
    // Filled by the dispatcher:
    std::string request_id;
    std::string route_template;  // "/api/v1/schools/{id}"; what the access log shows
    std::map<std::string, std::string, std::less<>> path_params;
    std::optional<Principal> principal;  // set by the auth hook for a valid session
    /// What an audited request acted on, set by its handler: ids and names of things, never
    /// personal data ("student_id=42", "username=zhang.san"). The audit hook adds it to the log line.
    std::string audit_object;
    /// For requests without a principal (a failed log-in): whose scope the audit line belongs to.
    std::string audit_scope;
    /// Set by the audit hook: appends this request's audit line, with the given outcome, inside a write
    /// of the handler's own. A handler whose change is
    /// made durable by a batch writer calls it in the same job, so the change and its record commit
    /// together and the answer waits for one commit, not two.
    std::function<void(db::Connection& c, int outcome)> audit_in_write;
    /// The outcome written by audit_in_write; the hook then writes no second line for it.
    std::optional<int> audited_outcome;

    std::optional<std::string_view> Header(std::string_view lower_name) const;
    /// A path parameter declared by the route template; always present once routed.
    const std::string& PathParam(std::string_view name) const;
    /// A path parameter that must be a positive integer id; 404 otherwise (a bad id names nothing).
    std::int64_t PathId(std::string_view name) const;
    /// A cookie's value from the Cookie header.
    std::optional<std::string> Cookie(std::string_view name) const;
    /// The authenticated caller; 401 when there is none (public routes have none).
    const Principal& Caller() const;
    /// A decoded query parameter (first occurrence).
    std::optional<std::string> QueryParam(std::string_view name) const;
    /// A whole-number query parameter in [1, max], fallback when absent; 400 naming it otherwise.
    std::int64_t QueryInt(std::string_view name, std::int64_t fallback, std::int64_t max) const;
    /// An optional id filter (?school_id=12); 400 when present but not a positive integer.
    std::optional<std::int64_t> QueryId(std::string_view name) const;
};

/// The client's address behind reverse proxies: walking X-Forwarded-For from the right, the first hop that is
/// not a trusted proxy. Without trusted proxies (or when `peer` is not one) it is `peer`: a client cannot
/// choose its own address for the rate limits by sending the header itself.
std::string ForwardedClient(const std::string& peer, std::optional<std::string_view> forwarded_for,
                            const std::vector<std::string>& trusted_proxies);

/// One HTTP response. Dispatch fills request id and security headers.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// Replaces a header of that name, or adds it.
    void SetHeader(std::string name, std::string value);
    /// Content-Disposition for a download: `ascii_name` for old clients, `name` (UTF-8, e.g. a Chinese file
    /// name) as RFC 5987 filename*, when given.
    void SetAttachment(std::string_view ascii_name, std::string_view name = {});
    /// Adds a header even if one of that name exists (Set-Cookie).
    void AddHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    std::optional<std::string_view> Header(std::string_view name) const;
};

}  // namespace kehou::http
