#pragma once
// A live kehou on an ephemeral loopback port, built exactly as `kehou serve` builds it, on a fresh
// SQLite file; tests may add routes of their own.

#include <filesystem>
#include <functional>
#include <memory>

#include "app/app.hpp"
#include "core/principal.hpp"
#include "http/server.hpp"

namespace kehou::testing {

/// One running server and its temporary files.
class LiveServer {
public:
    explicit LiveServer(const std::function<void(http::Router&)>& extra_routes = {},
                        http::ServerOptions options = {});
    ~LiveServer();
    std::uint16_t port() const { return port_; }
    app::App& app() { return *app_; }
    http::Server& server() { return *server_; }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::unique_ptr<app::App> app_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
};

}  // namespace kehou::testing
