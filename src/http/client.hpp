#pragma once
// 出站调用 A small blocking HTTP/1.1 client for kehou's calls to other departments' endpoints inside the
// government network (issue 8: the department sources). Plain types here; Beast stays in client.cpp. The URL
// may carry look-up hashes: it is never logged, here or by callers.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kehou::http {

/// Why a call produced no HTTP answer.
enum class ClientFailure {
    kNone,
    kBadUrl,     // not an http:// URL (TLS, where a department wants it, is the exchange gateway's)
    kTimeout,    // the whole exchange did not finish in time
    kConnect,    // the name did not resolve or nobody listens
    kTransport,  // the connection broke (or was dropped) before a whole answer came
};

/// A call's outcome: the status and body when the department answered, or why not.
struct ClientResult {
    ClientFailure failure = ClientFailure::kNone;
    int status = 0;
    std::string body;

    bool answered() const { return failure == ClientFailure::kNone; }
};

/// GET with one deadline for the whole exchange: resolve, connect, send, receive. Never throws for the
/// network's failures; a body over 8 MiB is a transport failure.
ClientResult Get(std::string_view url, std::chrono::milliseconds timeout,
                 const std::vector<std::pair<std::string, std::string>>& headers = {});

/// `base` + "/" + `path`, with the parameters percent-encoded into the query; nullopt when `base` is not a URL.
std::optional<std::string> BuildUrl(std::string_view base, std::string_view path,
                                    const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace kehou::http
