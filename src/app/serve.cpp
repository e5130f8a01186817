#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/app.hpp"
#include "http/server.hpp"

namespace kehou::app {

int ServeUntilStopped(const Config& config, const std::function<void(http::Router&)>& extra_routes) {
    App app(config, extra_routes);
    http::ServerOptions opts;
    opts.bind_address = config.bind;
    opts.port = static_cast<std::uint16_t>(config.port);
    opts.io_threads = config.EffectiveIoThreads();
    opts.blocking_threads = config.EffectiveRequestThreads();
    opts.body_limit = static_cast<std::size_t>(config.body_limit);
    opts.header_limit = static_cast<std::size_t>(config.header_limit);
    opts.read_timeout = std::chrono::seconds(config.read_timeout);
    opts.drain_timeout = std::chrono::seconds(config.drain_timeout);
    http::Server server(opts, app.dispatcher());
    const auto port = server.Start();
    server.HandleSignals();
    // Scripts and tests wait for this exact line (and read the port from it when --port 0).
    std::cout << "kehou listening on http://" << config.bind << ":" << port << std::endl;
    spdlog::info("io threads {}, request threads {}, database connections {}", opts.io_threads,
                 opts.blocking_threads, config.EffectiveDbThreads());
    server.Wait();
    spdlog::info("stopped");
    return 0;
}

}  // namespace kehou::app
