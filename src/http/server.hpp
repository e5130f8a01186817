#pragma once
// The HTTP/1.1 server: Boost.Beast with C++20 coroutines, keep-alive, explicit limits, handlers on a
// separate blocking pool, and a graceful drain. Beast is included only by server.cpp.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/dispatcher.hpp"

namespace kehou::http {

/// Transport settings; each limit protects the server from one kind of client misbehaviour.
struct ServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port (tests)
    int io_threads = 2;         // sockets and parsing only; never blocked by the database
    int blocking_threads = 4;   // handlers that touch the database run here
    std::size_t body_limit = 1 << 20;       // 1 MiB; larger bodies get 413 before they are read
    std::size_t header_limit = 16 * 1024;   // 431 beyond; no legitimate client sends more
    std::chrono::seconds read_timeout{30};  // slow request or idle keep-alive connection is closed
    std::chrono::seconds write_timeout{30};
    std::chrono::seconds drain_timeout{20}; // in-flight requests get this long after SIGTERM
    std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-For is believed
};

/// One listening server. Start, then Wait; Drain (or SIGTERM/SIGINT) ends it gracefully.
class Server {
public:
    Server(ServerOptions options, const Dispatcher& dispatcher);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens, starts the threads; returns the bound port. Throws on bind failure.
    std::uint16_t Start();
    /// SIGTERM and SIGINT start a drain; a second signal stops at once.
    void HandleSignals();
    /// Stops accepting (new connections are refused), lets in-flight requests finish, closes idle
    /// keep-alive connections. Returns at once; Wait() blocks until done. Thread-safe.
    void Drain();
    /// Blocks until the server has drained and every thread has ended.
    void Wait();
    /// Connections open right now.
    std::size_t ConnectionCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kehou::http
