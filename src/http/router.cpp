#include "http/router.hpp"

#include <regex>
#include <stdexcept>

namespace kehou::http {
namespace {

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

void Validate(const RouteSpec& spec) {
    static const std::regex segment(R"([a-z0-9][a-z0-9.-]*|\{[a-z_]+\})");
    static const std::regex permission(R"([a-z]+:[a-z-]+:[a-z-]+)");
    const std::string where = std::string(MethodName(spec.method)) + " " + spec.path;
    if (!spec.path.starts_with('/')) throw std::invalid_argument(where + ": path must start with /");
    for (auto seg : SplitPath(spec.path))
        if (!std::regex_match(seg.begin(), seg.end(), segment))
            throw std::invalid_argument(where + ": bad segment '" + std::string(seg) + "'");
    if (spec.permission != kPublic && !std::regex_match(spec.permission, permission))
        throw std::invalid_argument(where + ": permission must be module:resource:action or public");
    if (IsWrite(spec.method) && spec.audit_title.empty())
        throw std::invalid_argument(where + ": a write route needs an audit title");
    if (!spec.handler) throw std::invalid_argument(where + ": no handler");
}

// Literal segments win over parameters, earlier segments first: /schools/export beats /schools/{id}.
bool MoreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool pa = IsParam(a[i]), pb = IsParam(b[i]);
        if (pa != pb) return !pa;
    }
    return false;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        const std::size_t j = path.find('/', i);
        const std::size_t end = j == std::string_view::npos ? path.size() : j;
        out.push_back(path.substr(i, end - i));
        i = end;
    }
    return out;
}

void Router::Add(RouteSpec spec) {
    Validate(spec);
    Compiled c;
    for (auto seg : SplitPath(spec.path)) c.segments.emplace_back(seg);
    for (const auto& r : routes_)
        if (r.method == spec.method && r.path == spec.path)
            throw std::invalid_argument("duplicate route " + std::string(MethodName(spec.method)) + " " + spec.path);
    c.index = routes_.size();
    routes_.push_back(std::move(spec));
    compiled_.push_back(std::move(c));
}

RouteMatch Router::Find(Method method, std::string_view path) const {
    const auto segs = SplitPath(path);
    RouteMatch result;
    const Compiled* best = nullptr;
    for (const auto& c : compiled_) {
        if (c.segments.size() != segs.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; ok && i < segs.size(); ++i)
            ok = IsParam(c.segments[i]) || c.segments[i] == segs[i];
        if (!ok) continue;
        const RouteSpec& r = routes_[c.index];
        // HEAD is answered by the GET route (the server sends no body).
        const bool method_ok = r.method == method || (method == Method::kHead && r.method == Method::kGet);
        if (!method_ok) {
            result.allowed.push_back(r.method);
            continue;
        }
        if (!best || MoreSpecific(c.segments, best->segments)) best = &c;
    }
    if (!best) {
        result.kind = result.allowed.empty() ? RouteMatch::Kind::kNotFound : RouteMatch::Kind::kMethodNotAllowed;
        return result;
    }
    result.kind = RouteMatch::Kind::kFound;
    result.route = &routes_[best->index];
    result.allowed.clear();
    for (std::size_t i = 0; i < segs.size(); ++i)
        if (IsParam(best->segments[i]))
            result.params.emplace(best->segments[i].substr(1, best->segments[i].size() - 2), std::string(segs[i]));
    return result;
}

}  // namespace kehou::http
