#pragma once
// Routes: method + path template ("/api/v1/schools/{id}"), each declared once with its permission
// (module:resource:action, or public) and, for writes, its audit title. A test walks this table.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace kehou::http {

using Handler = std::function<Response(Request&)>;

/// The permission that marks a route anyone may call without a session.
inline constexpr std::string_view kPublic = "public";

/// Where a handler runs: on the I/O thread (no blocking work at all), or on the blocking pool.
enum class Execution { kBlockingPool, kIoThread };

/// One route as declared by a module.
struct RouteSpec {
    Method method = Method::kGet;
    std::string path;          // template; {name} matches one segment
    std::string permission;    // "afterschool:window:open" or kPublic
    std::string audit_title;   // required for writes; shown in the operation log
    Handler handler;
    Execution execution = Execution::kBlockingPool;
    std::string summary;       // one line for docs and the OpenAPI check

    bool IsPublic() const { return permission == kPublic; }
};

/// The outcome of matching a method and path against the table.
struct RouteMatch {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const RouteSpec* route = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    std::vector<Method> allowed;  // for 405's Allow header
};

/// The route table. Built at start, then read-only (safe to share between threads).
class Router {
public:
    /// Adds a route; throws std::invalid_argument on a malformed template or permission, a write
    /// without an audit title, or a duplicate.
    void Add(RouteSpec spec);
    RouteMatch Find(Method method, std::string_view path) const;
    const std::vector<RouteSpec>& routes() const { return routes_; }

private:
    struct Compiled {
        std::vector<std::string> segments;  // "{id}" kept as written
        std::size_t index;                  // into routes_
    };
    std::vector<RouteSpec> routes_;
    std::vector<Compiled> compiled_;
};

/// Splits "/a/b/c" into {"a","b","c"}; an empty path or "/" gives {}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace kehou::http
