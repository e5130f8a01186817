#include "api/live_server.hpp"

#include <atomic>
#include <fstream>

namespace kehou::testing {

LiveServer::LiveServer(const std::function<void(http::Router&)>& extra_routes, http::ServerOptions options) {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("kehou-api-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "web" / "assets");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>kehou test shell</title>";
    std::ofstream(dir_ / "web" / "assets" / "app-1a2b3c.js") << "export default 1;";
    app::Config config;
    config.db = (dir_ / "kehou.db").string();
    config.web_root = (dir_ / "web").string();
    config.pii_key_file = (dir_ / "kehou.key").string();
    config.db_threads = 4;
    app_ = std::make_unique<app::App>(config, extra_routes);
    options.port = 0;
    options.io_threads = 2;
    options.blocking_threads = 4;
    server_ = std::make_unique<http::Server>(options, app_->dispatcher());
    port_ = server_->Start();
}

LiveServer::~LiveServer() {
    server_->Drain();
    server_->Wait();
    server_.reset();
    app_.reset();
    std::filesystem::remove_all(dir_);
}

}  // namespace kehou::testing
