// The only translation unit of the rush tools that includes Beast.
#include "rush/client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <thread>

namespace kehou::rush {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

/// What every connection shares: the plan, where the next family is, the merged results.
struct Shared {
    const std::vector<PlanChild>& plan;
    const RushOptions& options;
    tcp::endpoint endpoint;
    std::atomic<std::size_t> next{0};
    Clock::time_point begin = Clock::now();
    double picks_per_family = 1;  // for the open loop's arrival times
    std::mutex mutex;
    RushResult result;
};

std::string PathOf(Target t, std::int64_t student) {
    switch (t) {
        case Target::kSelect: return fmt::format("/api/v1/afterschool/children/{}/seats", student);
        case Target::kNaive: return fmt::format("/api/v1/bench/naive/children/{}/seats", student);
        case Target::kPing: return "/api/v1/bench/ping";
    }
    return {};
}

bhttp::request<bhttp::string_body> RequestFor(const Shared& s, const PlanChild& child, std::int64_t section) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, PathOf(s.options.target, child.student_id), 11};
    req.set(bhttp::field::host, s.options.host);
    req.set(bhttp::field::cookie, fmt::format("kehou_session={}; kehou_csrf={}", child.token, child.csrf));
    req.set("X-CSRF-Token", child.csrf);
    // The routing key of a multi-process deployment (docs/scaling.md): nginx hashes it so one process
    // owns a school's seat ledger. A single process ignores it.
    req.set("X-Kehou-School", std::to_string(child.school_id));
    req.keep_alive(true);
    if (s.options.target == Target::kPing) {  // the same headers, no body: a GET through the same pipeline
        req.method(bhttp::verb::get);
        return req;
    }
    req.set(bhttp::field::content_type, "application/json");
    req.body() = fmt::format(R"({{"section_id":{},"idempotency_key":"{}-{}-{}"}})", section, s.options.key_prefix,
                             child.student_id, section);
    req.prepare_payload();
    return req;
}

/// A number or string field of a flat JSON answer, found by text: the answers are small and known.
std::string Field(const std::string& body, std::string_view name) {
    const auto at = body.find(fmt::format("\"{}\":", name));
    if (at == std::string::npos) return {};
    auto from = at + name.size() + 3;
    if (from < body.size() && body[from] == '"') return body.substr(from + 1, body.find('"', from + 1) - from - 1);
    const auto end = body.find_first_of(",}", from);
    return body.substr(from, end - from);
}

asio::awaitable<void> Sleep(std::chrono::milliseconds d) {
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    co_await t.async_wait(kTuple);
}

asio::awaitable<void> SleepUntil(Clock::time_point at) {
    asio::steady_timer t(co_await asio::this_coro::executor, at);
    co_await t.async_wait(kTuple);
}

/// One connection's state: the stream (reopened after a failure) and its read buffer.
struct Line {
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
};

/// Sends one attempt; the response, or the name of what went wrong.
asio::awaitable<std::variant<bhttp::response<bhttp::string_body>, std::string>> Attempt(
    Shared& s, Line& line, bhttp::request<bhttp::string_body>& req) {
    if (!line.stream) {
        line.stream.emplace(co_await asio::this_coro::executor);
        line.buffer.clear();
        line.stream->expires_after(s.options.timeout);
        auto [ec] = co_await line.stream->async_connect(s.endpoint, kTuple);
        if (ec) co_return std::string("connect_error");
    }
    line.stream->expires_after(s.options.timeout);
    auto [wec, wn] = co_await bhttp::async_write(*line.stream, req, kTuple);
    bhttp::response<bhttp::string_body> res;
    beast::error_code ec = wec;
    if (!ec) {
        auto [rec, rn] = co_await bhttp::async_read(*line.stream, line.buffer, res, kTuple);
        ec = rec;
    }
    if (ec) co_return std::string(ec == beast::error::timeout ? "timeout" : "io_error");
    if (!res.keep_alive()) line.stream.reset();
    co_return res;
}

/// Presses one selection until it has a final answer (or the give-up time passes).
asio::awaitable<void> Press(Shared& s, Line& line, const PlanChild& child, std::int64_t section, RushResult& mine,
                            Clock::time_point begin) {
    auto req = RequestFor(s, child, section);
    ++mine.selections;
    for (int attempt = 0;; ++attempt) {
        if (Clock::now() - begin > s.options.give_up) {
            ++mine.outcomes["lost (gave up)"];
            co_return;
        }
        ++mine.attempts;
        auto got = co_await Attempt(s, line, req);
        if (auto* failure = std::get_if<std::string>(&got)) {
            ++mine.outcomes["retry: " + *failure];
            line.stream.reset();
            co_await Sleep(std::chrono::milliseconds(std::min(50 * (attempt + 1), 1000)));
            continue;
        }
        auto& res = std::get<0>(got);
        const int status = res.result_int();
        if (status == 503) {
            ++mine.outcomes["retry: 503"];
            const auto after = res[bhttp::field::retry_after];
            co_await Sleep(std::chrono::milliseconds(after.empty() ? 1000 : 1000 * std::stoi(std::string(after))));
            continue;
        }
        mine.latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        if (s.options.answered) ++*s.options.answered;
        if (status >= 400) {
            ++mine.outcomes[fmt::format("{} {}", status, Field(res.body(), "code"))];
        } else {
            ++mine.outcomes[std::to_string(status)];
            if (s.options.target != Target::kPing) {
                const auto seat = Field(res.body(), "seat_id");
                mine.acks.push_back({child.student_id, section, seat.empty() ? 0 : std::stoll(seat),
                                     Field(res.body(), "status") == "confirmed"});
            }
        }
        co_return;
    }
}

asio::awaitable<void> Connection(Shared& s) {
    RushResult mine;
    Line line;
    for (;;) {
        const auto i = s.next.fetch_add(1);
        if (i >= s.plan.size()) break;
        auto arrival = Clock::now();
        if (s.options.rate > 0) {  // the family's turn in the open loop; late connections start at once
            arrival = s.begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                    static_cast<double>(i) * s.picks_per_family / s.options.rate));
            if (arrival > Clock::now()) co_await SleepUntil(arrival);
        }
        for (auto section : s.plan[i].sections) {
            co_await Press(s, line, s.plan[i], section, mine, std::min(arrival, Clock::now()));
            arrival = Clock::time_point::max();  // a family's second pick follows its first answer
        }
    }
    std::lock_guard lock(s.mutex);
    auto& all = s.result;
    all.selections += mine.selections;
    all.attempts += mine.attempts;
    for (auto& [k, n] : mine.outcomes) all.outcomes[k] += n;
    all.latency_ms.insert(all.latency_ms.end(), mine.latency_ms.begin(), mine.latency_ms.end());
    all.acks.insert(all.acks.end(), mine.acks.begin(), mine.acks.end());
}

}  // namespace

RushResult RunRush(const std::vector<PlanChild>& plan, const RushOptions& options) {
    asio::io_context ioc;
    Shared s{plan, options, tcp::endpoint(asio::ip::make_address(options.host), options.port)};
    std::size_t picks = 0;
    for (const auto& p : plan) picks += p.sections.size();
    if (!plan.empty()) s.picks_per_family = static_cast<double>(picks) / static_cast<double>(plan.size());
    for (int i = 0; i < options.connections; ++i) asio::co_spawn(ioc, Connection(s), asio::detached);
    const auto begin = s.begin = Clock::now();
    std::vector<std::thread> extra;
    for (int t = 1; t < options.threads; ++t) extra.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : extra) t.join();
    s.result.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    return std::move(s.result);
}

double Quantile(std::vector<double>& sample, double q) {
    if (sample.empty()) return 0;
    const auto k = std::min(sample.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sample.size())));
    std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(k), sample.end());
    return sample[k];
}

}  // namespace kehou::rush
