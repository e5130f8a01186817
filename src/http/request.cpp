#include "http/request.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>
#include <boost/url/params_view.hpp>

#include <cctype>
#include <charconv>
#include <cstdint>

#include "core/error.hpp"

namespace kehou::http {

std::string_view MethodName(Method m) {
    switch (m) {
        case Method::kGet: return "GET";
        case Method::kHead: return "HEAD";
        case Method::kPost: return "POST";
        case Method::kPut: return "PUT";
        case Method::kPatch: return "PATCH";
        case Method::kDelete: return "DELETE";
        case Method::kOptions: return "OPTIONS";
        case Method::kOther: return "OTHER";
    }
    return "OTHER";
}

Method ParseMethod(std::string_view s) {
    for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete,
                     Method::kOptions})
        if (MethodName(m) == s) return m;
    return Method::kOther;
}

bool IsWrite(Method m) {
    return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

std::string ForwardedClient(const std::string& peer, std::optional<std::string_view> forwarded_for,
                            const std::vector<std::string>& trusted_proxies) {
    const auto trusted = [&](std::string_view a) {
        return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
    };
    std::string client = peer;
    if (!forwarded_for || !trusted(peer)) return client;
    std::string_view rest = *forwarded_for;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
        while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
        while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
        if (hop.empty()) break;  // a malformed list: believe no further
        client = std::string(hop);
        if (!trusted(hop)) break;
    }
    return client;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
        if (k == lower_name) return v;
    return std::nullopt;
}

const std::string& Request::PathParam(std::string_view name) const {
    auto it = path_params.find(name);
    if (it == path_params.end()) throw Error::Internal("route has no path parameter " + std::string(name));
    return it->second;
}

std::int64_t Request::PathId(std::string_view name) const {
    const std::string& s = PathParam(name);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc{} || p != s.data() + s.size() || id <= 0)
        throw Error::NotFound("http.not_found", "找不到该资源", "No such resource");
    return id;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    const auto header = Header("cookie");
    if (!header) return std::nullopt;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        std::string_view pair = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

const Principal& Request::Caller() const {
    if (!principal)
        throw Error(ErrorKind::kUnauthenticated, "auth.required", "请先登录", "Please log in first");
    return *principal;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
    boost::urls::params_view params(query);
    for (const auto& p : params)
        if (p.key == name) return std::string(p.value);
    return std::nullopt;
}

std::int64_t Request::QueryInt(std::string_view name, std::int64_t fallback, std::int64_t max) const {
    const auto v = QueryParam(name);
    if (!v) return fallback;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || p != v->data() + v->size() || n < 1 || n > max)
        throw Error::BadRequest("request.bad_param",
                                "参数 " + std::string(name) + " 须为 1 到 " + std::to_string(max) + " 的整数",
                                "Parameter " + std::string(name) + " must be a whole number from 1 to " +
                                    std::to_string(max),
                                std::string(name));
    return n;
}

std::optional<std::int64_t> Request::QueryId(std::string_view name) const {
    if (!QueryParam(name)) return std::nullopt;
    return QueryInt(name, 0, INT64_MAX);
}

void Response::SetAttachment(std::string_view ascii_name, std::string_view name) {
    std::string value = "attachment; filename=\"";
    for (const char c : ascii_name) value += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
    value += '"';
    if (!name.empty()) {
        // RFC 5987: every byte outside the unreserved set as %XX, so the name survives any browser.
        value += "; filename*=UTF-8''";
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (const unsigned char c : name) {
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
                value += static_cast<char>(c);
            } else {
                value += '%';
                value += kHex[c >> 4];
                value += kHex[c & 15];
            }
        }
    }
    SetHeader("Content-Disposition", std::move(value));
}

void Response::SetHeader(std::string name, std::string value) {
    for (auto& [k, v] : headers)
        if (k == name) {
            v = std::move(value);
            return;
        }
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (k == name) return v;
    return std::nullopt;
}

}  // namespace kehou::http
