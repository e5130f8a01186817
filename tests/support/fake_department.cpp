#include "support/fake_department.hpp"

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace kehou::testing {
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {
constexpr std::string_view kPrefix = "/share/v1/";
}

struct FakeDepartment::Impl {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::uint16_t port = acceptor.local_endpoint().port();
    std::atomic<bool> stopping{false};
    std::thread accept_thread;

    mutable std::mutex mu;
    std::vector<std::thread> connections;
    std::map<std::string, std::string> records, conflicting;  // "department/hash" → JSON array text
    FakeBehaviour general;
    std::map<std::string, FakeBehaviour, std::less<>> per_department;
    std::vector<FakeHit> hits;

    void AcceptLoop() {
        while (!stopping) {
            tcp::socket socket(ioc);
            boost::system::error_code ec;
            acceptor.accept(socket, ec);
            if (ec || stopping) continue;
            std::lock_guard lock(mu);
            connections.emplace_back([this, s = std::move(socket)]() mutable { Serve(std::move(s)); });
        }
    }

    // Sleeps in slices so a stopping fake does not wait out a long delay.
    void Delay(std::chrono::milliseconds d) {
        const auto until = Clock::now() + d;
        while (!stopping && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    void Serve(tcp::socket socket) {
        boost::system::error_code ec;
        boost::beast::flat_buffer buffer;
        bhttp::request<bhttp::string_body> req;
        bhttp::read(socket, buffer, req, ec);
        if (ec) return;
        FakeHit hit;
        hit.start = Clock::now();
        const std::string target(req.target());
        const auto q = target.find('?');
        const std::string path = target.substr(0, q);
        const std::string query = q == std::string::npos ? "" : target.substr(q + 1);
        hit.department = path.rfind(kPrefix, 0) == 0 ? path.substr(kPrefix.size()) : path;
        const std::string hash = query.rfind("id_hash=", 0) == 0 ? query.substr(8) : "";
        FakeBehaviour b;
        std::optional<std::string> body;
        {
            std::lock_guard lock(mu);
            auto it = per_department.find(hit.department);
            b = it == per_department.end() ? general : it->second;
            const auto& table = b.conflicting ? conflicting : records;
            if (auto r = table.find(hit.department + "/" + hash); r != table.end()) body = r->second;
        }
        Delay(b.delay);
        // The hit is on record before the answer leaves, so a test that has its answer also sees the hit.
        hit.status = b.drop ? 0 : b.fail ? 500 : body ? 200 : 404;
        hit.end = Clock::now();
        {
            std::lock_guard lock(mu);
            hits.push_back(hit);
        }
        if (!b.drop) {
            bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(hit.status), 11};
            res.set(bhttp::field::content_type, "application/json; charset=utf-8");
            res.body() = b.fail ? R"({"error":"injected failure"})"
                         : body ? R"({"records":)" + *body + "}"
                                : R"({"error":"not found"})";
            res.prepare_payload();
            bhttp::write(socket, res, ec);
        }
        socket.close(ec);
    }
};

FakeDepartment::FakeDepartment() : impl_(std::make_unique<Impl>()) {
    impl_->accept_thread = std::thread([this] { impl_->AcceptLoop(); });
}

FakeDepartment::~FakeDepartment() {
    impl_->stopping = true;
    {
        // Wakes the blocking accept with a connection of our own.
        boost::system::error_code ec;
        tcp::socket wake(impl_->ioc);
        wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port), ec);
    }
    impl_->accept_thread.join();
    std::vector<std::thread> connections;
    {
        std::lock_guard lock(impl_->mu);
        connections.swap(impl_->connections);
    }
    for (auto& t : connections) t.join();
}

std::uint16_t FakeDepartment::port() const {
    return impl_->port;
}

std::string FakeDepartment::base_url() const {
    return "http://127.0.0.1:" + std::to_string(impl_->port) + "/share/v1";
}

void FakeDepartment::Put(std::string_view department, const std::string& id_hash, std::string records_json) {
    std::lock_guard lock(impl_->mu);
    impl_->records[std::string(department) + "/" + id_hash] = std::move(records_json);
}

void FakeDepartment::PutConflicting(std::string_view department, const std::string& id_hash, std::string records_json) {
    std::lock_guard lock(impl_->mu);
    impl_->conflicting[std::string(department) + "/" + id_hash] = std::move(records_json);
}

void FakeDepartment::SetBehaviour(FakeBehaviour behaviour) {
    std::lock_guard lock(impl_->mu);
    impl_->general = behaviour;
}

void FakeDepartment::SetBehaviour(std::string_view department, FakeBehaviour behaviour) {
    std::lock_guard lock(impl_->mu);
    impl_->per_department[std::string(department)] = behaviour;
}

std::vector<FakeHit> FakeDepartment::Hits() const {
    std::lock_guard lock(impl_->mu);
    return impl_->hits;
}

void FakeDepartment::ClearHits() {
    std::lock_guard lock(impl_->mu);
    impl_->hits.clear();
}

}  // namespace kehou::testing
