// Graceful drain: in-flight requests finish, new connections are refused, the process exits 0.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <fstream>
#include <regex>
#include <thread>

#include "api/live_server.hpp"
#include "http/json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace kehou::testing {
namespace {

using namespace std::chrono_literals;

void AddSlowRoute(http::Router& router) {
    router.Add({.method = http::Method::kGet, .path = "/api/v1/test/slow", .permission = std::string(http::kPublic),
                .handler = [](http::Request&) {
                    std::this_thread::sleep_for(600ms);
                    return http::JsonResponse(boost::json::object{{"finished", true}});
                },
                .summary = "test"});
}

template <typename Pred>
bool Eventually(Pred pred, std::chrono::milliseconds limit = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return pred();
}

TEST(ShutdownTest, DrainFinishesInFlightRequestsAndRefusesNewConnections) {
    LiveServer live(AddSlowRoute);
    const auto port = live.port();
    HttpClient idle(port);  // a keep-alive connection with no request in flight
    EXPECT_EQ(idle.Send("GET", "/healthz").status, 200);

    auto in_flight = std::async(std::launch::async, [port] { return Fetch(port, "GET", "/api/v1/test/slow"); });
    ASSERT_TRUE(Eventually([&] { return live.server().ConnectionCount() >= 2; }));
    std::this_thread::sleep_for(100ms);  // the slow handler is running now
    live.server().Drain();

    EXPECT_TRUE(Eventually([&] { return ConnectionRefused(port); })) << "new connections must be refused";
    EXPECT_TRUE(idle.ServerClosed()) << "idle keep-alive connections are closed";
    const HttpReply reply = in_flight.get();
    EXPECT_EQ(reply.status, 200);
    EXPECT_NE(reply.body.find("finished"), std::string::npos);
    EXPECT_FALSE(reply.keep_alive) << "the drained response tells the client to close";
    live.server().Wait();
    EXPECT_EQ(live.server().ConnectionCount(), 0u);
}

TEST(ShutdownTest, RealBinaryServesThenExitsZeroOnSigterm) {
    const auto dir = std::filesystem::temp_directory_path() / ("kehou-bin-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    KehouProcess proc({"serve", "--port", "0", "--db", (dir / "kehou.db").string(), "--web-root",
                       (dir / "web").string()});
    const std::string line = proc.ReadLine();
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(kehou listening on http://127\.0\.0\.1:(\d+))"))) << line;
    const auto port = static_cast<std::uint16_t>(std::stoi(m[1]));
    EXPECT_EQ(Fetch(port, "GET", "/readyz").status, 200);
    EXPECT_TRUE(std::filesystem::exists(dir / "kehou.db")) << "the database file is created when absent";
    proc.Signal(SIGTERM);
    EXPECT_EQ(proc.Wait(), 0);
    const std::string log = proc.Stderr();
    EXPECT_NE(log.find("graceful shutdown"), std::string::npos) << log;
    EXPECT_NE(log.find("GET /readyz 200"), std::string::npos) << "one access-log line per request";
    EXPECT_EQ(log.find("?"), std::string::npos) << "no query strings in the log";
    std::filesystem::remove_all(dir);
}

TEST(ShutdownTest, RealBinaryRefusesBadConfigurationWithAClearMessage) {
    KehouProcess proc({"serve", "--port", "99999", "--sqlite-sync", "sometimes"});
    EXPECT_EQ(proc.Wait(), 2);
    const std::string err = proc.Stderr();
    EXPECT_NE(err.find("port (flag --port)"), std::string::npos) << err;
    EXPECT_NE(err.find("sqlite_sync (flag --sqlite-sync)"), std::string::npos) << err;
    EXPECT_NE(err.find("配置有误"), std::string::npos) << err;
}

}  // namespace
}  // namespace kehou::testing
