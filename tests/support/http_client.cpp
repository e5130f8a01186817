#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace kehou::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct HttpClient::Impl {
    asio::io_context ioc;
    tcp::socket socket{ioc};
    beast::flat_buffer buffer;

    HttpReply Read(bool head = false) {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 << 20);
        parser.skip(head);  // a HEAD reply announces a length but carries no body
        bhttp::read(socket, buffer, parser);
        auto& msg = parser.get();
        HttpReply r;
        r.status = static_cast<int>(msg.result_int());
        for (const auto& f : msg) {
            std::string name(f.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (name == "set-cookie") r.set_cookies.emplace_back(f.value());
            r.headers[name] = std::string(f.value());
        }
        r.body = msg.body();
        r.keep_alive = msg.keep_alive();
        return r;
    }
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(impl_->socket, req);
    return impl_->Read(method == "HEAD");
}

HttpReply HttpClient::SendRaw(const std::string& bytes) {
    asio::write(impl_->socket, asio::buffer(bytes));
    return impl_->Read();
}

bool HttpClient::ServerClosed() {
    char c;
    beast::error_code ec;
    impl_->socket.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
}

HttpReply Fetch(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                const std::vector<std::pair<std::string, std::string>>& headers) {
    HttpClient c(port);
    return c.Send(method, target, body, headers);
}

bool ConnectionRefused(std::uint16_t port) {
    asio::io_context ioc;
    tcp::socket s(ioc);
    beast::error_code ec;
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return ec == asio::error::connection_refused;
}

}  // namespace kehou::testing
