#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace kehou::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

/// What the drain needs to know of one connection.
struct SessionState {
    beast::tcp_stream* stream = nullptr;
    std::atomic<bool> busy{false};  // a request is being handled: let it finish
};

// Converts Beast's parsed message to the plain Request; false when the target is not a valid path.
bool ToRequest(bhttp::request<bhttp::string_body>& msg, Request& req) {
    req.method = ParseMethod(msg.method_string());
    auto target = boost::urls::parse_origin_form(msg.target());
    if (!target) return false;
    req.path = target->path();
    req.query = target->encoded_query();
    for (const auto& field : msg) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    return true;
}

bhttp::response<bhttp::string_body> ToBeast(Response& resp, bool head, bool keep_alive, unsigned version) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(resp.status), version};
    out.set(bhttp::field::content_type, resp.content_type);
    for (auto& [k, v] : resp.headers) out.insert(k, v);  // insert: several Set-Cookie may go out
    out.keep_alive(keep_alive);
    if (head) {
        out.content_length(resp.body.size());  // HEAD: the length a GET would send, no body
    } else {
        out.body() = std::move(resp.body);
        out.prepare_payload();
    }
    return out;
}

// A transport failure before routing gets the JSON error body too (413, 431, 400), then the
// connection closes because the rest of the stream cannot be trusted.
std::optional<Error> TransportError(const beast::error_code& ec) {
    if (ec == bhttp::error::body_limit)
        return Error(ErrorKind::kPayloadTooLarge, "request.body_too_large", "请求体过大", "Request body too large");
    if (ec == bhttp::error::header_limit)
        return Error(ErrorKind::kHeaderTooLarge, "request.header_too_large", "请求头过大",
                     "Request header fields too large");
    const beast::error_code http_category_probe = bhttp::error::end_of_stream;
    if (ec.category() == http_category_probe.category() && ec != bhttp::error::end_of_stream &&
        ec != bhttp::error::partial_message)
        return Error::BadRequest("request.malformed", "请求格式错误", "Malformed HTTP request");
    return std::nullopt;
}

}  // namespace

struct Server::Impl {
    ServerOptions opt;
    const Dispatcher& dispatcher;
    asio::io_context ioc;
    asio::thread_pool blocking;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    std::vector<std::thread> threads;
    std::atomic<bool> draining{false};
    mutable std::mutex mu;
    std::unordered_map<SessionState*, std::weak_ptr<SessionState>> sessions;
    std::unordered_map<SessionState*, asio::any_io_executor> session_executors;
    bool accept_loop_done = false;
    bool finished = false;
    std::unique_ptr<asio::steady_timer> drain_deadline;

    Impl(ServerOptions o, const Dispatcher& d)
        : opt(std::move(o)), dispatcher(d), blocking(opt.blocking_threads), acceptor(asio::make_strand(ioc)),
          signals(ioc) {}

    asio::awaitable<void> AcceptLoop() {
        while (!draining) {
            auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
            if (ec) {
                if (draining || ec == asio::error::operation_aborted) break;
                spdlog::warn("accept: {}", ec.message());
                continue;
            }
            auto state = std::make_shared<SessionState>();
            auto ex = socket.get_executor();
            asio::co_spawn(ex, Session(beast::tcp_stream(std::move(socket)), state), asio::detached);
        }
        {
            std::lock_guard lock(mu);
            accept_loop_done = true;
        }
        MaybeFinish();
    }

    void Register(const std::shared_ptr<SessionState>& s, asio::any_io_executor ex) {
        std::lock_guard lock(mu);
        sessions[s.get()] = s;
        session_executors[s.get()] = std::move(ex);
    }

    void Unregister(SessionState* s) {
        {
            std::lock_guard lock(mu);
            sessions.erase(s);
            session_executors.erase(s);
        }
        MaybeFinish();
    }

    void MaybeFinish() {
        std::lock_guard lock(mu);
        if (draining && accept_loop_done && sessions.empty() && !finished) {
            finished = true;
            spdlog::info("drained: all connections closed");
            ioc.stop();
        }
    }

    asio::awaitable<Response> RunOnPool(const RouteSpec& route, Request& req) {
        co_return co_await asio::co_spawn(
            blocking, [&]() -> asio::awaitable<Response> { co_return dispatcher.Invoke(route, req); },
            asio::use_awaitable);
    }

    asio::awaitable<void> Session(beast::tcp_stream stream, std::shared_ptr<SessionState> state) {
        state->stream = &stream;
        Register(state, stream.get_executor());
        std::string client;
        {
            beast::error_code ec;
            auto ep = stream.socket().remote_endpoint(ec);
            if (!ec) client = ep.address().to_string();
        }
        beast::flat_buffer buffer;
        for (bool keep_alive = true; keep_alive && !draining;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
            parser.body_limit(opt.body_limit);
            stream.expires_after(opt.read_timeout);
            auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
            const auto start = std::chrono::steady_clock::now();
            Request req;
            req.client_address = client;
            Response resp;
            if (ec) {
                auto err = TransportError(ec);
                if (!err) break;  // closed, timed out or cancelled by the drain: nothing to answer
                state->busy = true;
                resp = Dispatcher::Refuse(*err, req);
                keep_alive = false;
            } else {
                state->busy = true;
                auto& msg = parser.get();
                keep_alive = msg.keep_alive();
                if (!ToRequest(msg, req)) {
                    resp = Dispatcher::Refuse(Error::BadRequest("request.bad_target", "请求路径无效",
                                                                "Invalid request target"), req);
                    keep_alive = false;
                } else {
                    req.client_address = ForwardedClient(client, req.Header("x-forwarded-for"), opt.trusted_proxies);
                    Routed routed = dispatcher.Route(req);
                    if (routed.response) resp = std::move(*routed.response);
                    else if (routed.route->execution == Execution::kIoThread) resp = dispatcher.Invoke(*routed.route, req);
                    else resp = co_await RunOnPool(*routed.route, req);
                }
            }
            if (draining) keep_alive = false;
            const int status = resp.status;
            auto out = ToBeast(resp, req.method == Method::kHead, keep_alive, parser.get().version());
            stream.expires_after(opt.write_timeout);
            auto [wec, wn] = co_await bhttp::async_write(stream, out, kTuple);
            resp.status = status;
            LogAccess(req, resp, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            state->busy = false;
            if (wec) break;
        }
        co_await LingerClose(stream);
        state->stream = nullptr;  // the frame that owns the stream ends here; the drain must not touch it
        Unregister(state.get());
    }

    // After refusing a request whose body is still arriving (413), closing at once would reset the
    // connection and the client might never read the answer: say we are done sending, then read and
    // discard for a moment before closing.
    static asio::awaitable<void> LingerClose(beast::tcp_stream& stream) {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> sink;
        for (std::size_t total = 0; total < (4u << 20);) {
            auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
            if (ec) break;
            total += n;
        }
        stream.socket().close(ignored);
    }

    void StartDrain() {
        if (draining.exchange(true)) return;
        spdlog::info("draining: no new connections; finishing in-flight requests");
        asio::post(acceptor.get_executor(), [this] {
            beast::error_code ignored;
            acceptor.close(ignored);
        });
        signals.cancel();
        std::vector<std::pair<std::shared_ptr<SessionState>, asio::any_io_executor>> open;
        {
            std::lock_guard lock(mu);
            for (auto& [raw, weak] : sessions)
                if (auto s = weak.lock()) open.emplace_back(std::move(s), session_executors[raw]);
        }
        // Idle keep-alive connections are closed now; busy ones close after their response.
        for (auto& [s, ex] : open)
            // Posted to the session's own strand, so it never runs concurrently with the session.
            asio::post(ex, [s] {
                beast::error_code ignored;
                if (!s->busy && s->stream) s->stream->socket().cancel(ignored);
            });
        drain_deadline = std::make_unique<asio::steady_timer>(ioc, opt.drain_timeout);
        drain_deadline->async_wait([this](beast::error_code ec) {
            if (ec) return;
            spdlog::warn("drain timeout: stopping with connections still open");
            ioc.stop();
        });
        MaybeFinish();
    }
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() {
    if (!impl_->threads.empty()) {
        impl_->ioc.stop();
        Wait();
    }
}

std::uint16_t Server::Start() {
    auto& i = *impl_;
    tcp::endpoint ep{asio::ip::make_address(i.opt.bind_address), i.opt.port};
    i.acceptor.open(ep.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(ep);
    i.acceptor.listen(asio::socket_base::max_listen_connections);
    const auto port = i.acceptor.local_endpoint().port();
    asio::co_spawn(i.acceptor.get_executor(), i.AcceptLoop(), asio::detached);
    for (int t = 0; t < std::max(1, i.opt.io_threads); ++t) i.threads.emplace_back([&i] { i.ioc.run(); });
    return port;
}

void Server::HandleSignals() {
    auto& i = *impl_;
    i.signals.add(SIGINT);
    i.signals.add(SIGTERM);
    i.signals.async_wait([this](beast::error_code ec, int sig) {
        if (ec) return;
        spdlog::info("signal {}: graceful shutdown", sig);
        impl_->StartDrain();
        // A second signal while draining stops at once.
        impl_->signals.add(SIGINT);
        impl_->signals.async_wait([this](beast::error_code ec2, int) {
            if (!ec2) impl_->ioc.stop();
        });
    });
}

void Server::Drain() {
    asio::post(impl_->ioc, [this] { impl_->StartDrain(); });
}

void Server::Wait() {
    for (auto& t : impl_->threads)
        if (t.joinable()) t.join();
    impl_->threads.clear();
    impl_->blocking.join();
}

std::size_t Server::ConnectionCount() const {
    std::lock_guard lock(impl_->mu);
    return impl_->sessions.size();
}

}  // namespace kehou::http
