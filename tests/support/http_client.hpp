#pragma once
// A small blocking HTTP/1.1 client for API tests: one connection, several requests (keep-alive).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kehou::testing {

/// What the server answered.
struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::vector<std::string> set_cookies;         // every Set-Cookie, which may repeat
    std::string body;
    bool keep_alive = false;
};

/// One TCP connection to 127.0.0.1:port.
class HttpClient {
public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();
    HttpReply Send(const std::string& method, const std::string& target, const std::string& body = {},
                   const std::vector<std::pair<std::string, std::string>>& headers = {});
    /// Writes raw bytes and reads one reply (for malformed requests).
    HttpReply SendRaw(const std::string& bytes);
    /// True if the server has closed this connection.
    bool ServerClosed();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// One request on a fresh connection.
HttpReply Fetch(std::uint16_t port, const std::string& method, const std::string& target,
                const std::string& body = {}, const std::vector<std::pair<std::string, std::string>>& headers = {});

/// True when a TCP connection to the port is refused.
bool ConnectionRefused(std::uint16_t port);

}  // namespace kehou::testing
