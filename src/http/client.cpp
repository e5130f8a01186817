#include "http/client.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace kehou::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::size_t kBodyLimit = 8u << 20;

// One exchange's parts; the deadline timer closes them all, which ends whichever step is waiting.
struct Call {
    asio::io_context ioc;
    tcp::resolver resolver{ioc};
    beast::tcp_stream stream{ioc};
    asio::steady_timer deadline{ioc};
    bool timed_out = false;
    ClientResult result;
};

ClientFailure FailureOf(const Call& call, const beast::error_code& ec, ClientFailure otherwise) {
    return call.timed_out || ec == beast::error::timeout ? ClientFailure::kTimeout : otherwise;
}

asio::awaitable<void> Exchange(Call& call, std::string host, std::string port, bhttp::request<bhttp::empty_body> req) {
    auto [rec, endpoints] = co_await call.resolver.async_resolve(host, port, kTuple);
    if (rec) {
        call.result.failure = FailureOf(call, rec, ClientFailure::kConnect);
        co_return;
    }
    auto [cec, ep] = co_await call.stream.async_connect(endpoints, kTuple);
    if (cec) {
        call.result.failure = FailureOf(call, cec, ClientFailure::kConnect);
        co_return;
    }
    auto [wec, wn] = co_await bhttp::async_write(call.stream, req, kTuple);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kBodyLimit);
    auto [ec, n] =
        wec ? std::tuple{wec, std::size_t{0}} : co_await bhttp::async_read(call.stream, buffer, parser, kTuple);
    if (ec) {
        call.result.failure = FailureOf(call, ec, ClientFailure::kTransport);
        co_return;
    }
    call.result.status = static_cast<int>(parser.get().result_int());
    call.result.body = std::move(parser.get().body());
}

}  // namespace

ClientResult Get(std::string_view url, std::chrono::milliseconds timeout,
                 const std::vector<std::pair<std::string, std::string>>& headers) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) return {ClientFailure::kBadUrl, 0, {}};
    const std::string host(parsed->encoded_host());
    const std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
    std::string target(parsed->encoded_target());
    if (target.empty() || target.front() != '/') target.insert(0, "/");

    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, host + ":" + port);
    req.set(bhttp::field::user_agent, "kehou");
    req.set(bhttp::field::accept, "application/json");
    req.keep_alive(false);  // one call, one connection: a pool is not worth it at enrollment rates
    for (const auto& [k, v] : headers) req.set(k, v);

    Call call;
    call.deadline.expires_after(timeout);
    call.stream.expires_after(timeout);  // the stream's own timer too: a range connect may reopen a closed socket
    call.deadline.async_wait([&call](const boost::system::error_code& ec) {
        if (ec) return;  // cancelled: the exchange finished first
        call.timed_out = true;
        call.resolver.cancel();
        call.stream.close();
    });
    asio::co_spawn(call.ioc, Exchange(call, host, port, std::move(req)), [&call](std::exception_ptr e) {
        if (e) call.result = {ClientFailure::kTransport, 0, {}};
        call.deadline.cancel();
        beast::error_code ignored;
        call.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    });
    call.ioc.run();
    return std::move(call.result);
}

std::optional<std::string> BuildUrl(std::string_view base, std::string_view path,
                                    const std::vector<std::pair<std::string, std::string>>& params) {
    auto parsed = boost::urls::parse_absolute_uri(base);
    if (!parsed) return std::nullopt;
    boost::urls::url u(*parsed);
    std::string p(u.path());
    while (!p.empty() && p.back() == '/') p.pop_back();
    std::string_view rest = path;
    while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
    u.set_path(p + "/" + std::string(rest));
    for (const auto& [k, v] : params) u.params().append({k, v});
    return std::string(u.buffer());
}

}  // namespace kehou::http
