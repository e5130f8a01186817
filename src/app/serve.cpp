#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/app.hpp"
#include "http/server.hpp"

namespace kehou::app {
namespace {

std::vector<std::string> SplitAddresses(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string a; std::getline(in, a, ',');) {
        a.erase(0, a.find_first_not_of(' '));
        a.erase(a.find_last_not_of(' ') + 1);
        if (!a.empty()) out.push_back(a);
    }
    return out;
}

// Runs the deadline sweeps (overdue cases, escrow silences) at start and then every `interval`, on its own
// thread so a long round never holds a request. Several processes may each run it: the sweeps are idempotent.
class PeriodicSweeps {
public:
    PeriodicSweeps(App& app, std::chrono::seconds interval) {
        if (interval.count() > 0) thread_ = std::jthread([this, &app, interval](std::stop_token stop) { Run(app, interval, stop); });
    }
    ~PeriodicSweeps() {
        if (!thread_.joinable()) return;
        thread_.request_stop();
        wake_.notify_all();
    }

private:
    void Run(App& app, std::chrono::seconds interval, std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
            lock.unlock();
            try {
                const auto r = app.RunScheduledSweeps(std::chrono::system_clock::now());
                spdlog::info("sweeps: cases overdue {}, classes auto-confirmed {}, refunds auto-approved {}, "
                             "orders failed {}, homework overrun notices {}", r.cases_overdue, r.escrow.auto_confirmed,
                             r.escrow.refunds_auto_approved, r.escrow.orders_failed, r.homework_overrun_notices);
            } catch (const std::exception& e) {
                spdlog::error("sweeps failed: {}", e.what());  // the next round tries again
            }
            lock.lock();
            wake_.wait_for(lock, stop, interval, [] { return false; });
        }
    }

    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last: joined before the members it uses go away
};

}  // namespace

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
    opts.trusted_proxies = SplitAddresses(config.trusted_proxies);
    http::Server server(opts, app.dispatcher());
    const auto port = server.Start();
    server.HandleSignals();
    PeriodicSweeps sweeps(app, std::chrono::seconds(config.sweep_interval));
    // Scripts and tests wait for this exact line (and read the port from it when --port 0).
    std::cout << "kehou listening on http://" << config.bind << ":" << port << std::endl;
    spdlog::info("io threads {}, request threads {}, database connections {}", opts.io_threads,
                 opts.blocking_threads, config.EffectiveDbThreads());
    server.Wait();
    spdlog::info("stopped");
    return 0;
}

}  // namespace kehou::app
