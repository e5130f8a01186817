#pragma once
// `kehou serve`: the App behind the HTTP server until SIGTERM/SIGINT has drained it. Shared by the
// command line and the rush benchmark's server (which adds its yardstick routes).

#include <functional>

#include "app/config.hpp"
#include "http/router.hpp"

namespace kehou::app {

/// Builds the App from `config`, serves it, prints "kehou listening on …" and returns when drained.
int ServeUntilStopped(const Config& config, const std::function<void(http::Router&)>& extra_routes = {});

}  // namespace kehou::app
