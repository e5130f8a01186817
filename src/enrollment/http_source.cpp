#include "enrollment/http_source.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <thread>

#include "http/client.hpp"

namespace kehou::enrollment {
namespace {

using std::chrono::milliseconds;

std::string_view FailureName(http::ClientFailure f) {
    switch (f) {
        case http::ClientFailure::kNone:
            return "none";
        case http::ClientFailure::kBadUrl:
            return "bad_url";
        case http::ClientFailure::kTimeout:
            return "timeout";
        case http::ClientFailure::kConnect:
            return "connect";
        case http::ClientFailure::kTransport:
            return "transport";
    }
    return "transport";
}

milliseconds Remaining(Deadline deadline) {
    if (deadline == Deadline::max()) return milliseconds::max();
    return std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
}

}  // namespace

HttpSource::HttpSource(Department department, HttpSourceOptions options, IdHasher hasher,
                       CircuitBreaker::Clock breaker_clock, std::function<TimePoint()> wall_clock)
    : department_(department),
      options_(std::move(options)),
      hasher_(std::move(hasher)),
      breaker_(options_.breaker, std::move(breaker_clock)),
      wall_clock_(std::move(wall_clock)) {
    if (options_.path.empty()) options_.path = std::string(ToString(department_));
    options_.max_attempts = std::max(1, options_.max_attempts);
}

DepartmentAnswer HttpSource::Query(const LookupKey& key, Deadline deadline) {
    std::vector<std::pair<std::string, std::optional<Parent>>> people;
    if (PerParent(department_)) {
        if (!key.father_hash.empty()) people.emplace_back(key.father_hash, Parent::kFather);
        if (!key.mother_hash.empty()) people.emplace_back(key.mother_hash, Parent::kMother);
    } else if (!key.child_hash.empty()) {
        people.emplace_back(key.child_hash, std::nullopt);
    }
    if (people.empty()) return UnavailableAnswer(department_, Unavailable::kMissingKey);

    // Both parents at once, so a slow department costs one wait, not two.
    std::vector<std::future<Fetched>> calls;
    for (const auto& person : people)
        calls.push_back(
            std::async(std::launch::async, [this, hash = person.first, deadline] { return Fetch(hash, deadline); }));
    std::vector<Record> records;
    std::optional<Unavailable> failed;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        Fetched got = calls[i].get();
        if (const auto* why = std::get_if<Unavailable>(&got)) {
            // One parent unknown to the department is an ordinary answer; one call failing leaves the whole
            // department's answer in doubt, so the family is asked for the paper instead.
            if (*why != Unavailable::kNotFound) failed = *why;
            continue;
        }
        for (Record r : std::get<std::vector<Record>>(got)) {
            if (people[i].second)
                std::visit(
                    [&](auto& rec) {
                        if constexpr (requires { rec.holder; }) rec.holder = *people[i].second;
                    },
                    r);
            records.push_back(std::move(r));
        }
    }
    if (failed) return UnavailableAnswer(department_, *failed);
    return FoundAnswer(department_, std::move(records), ShanghaiDate(wall_clock_()), key);
}

HttpSource::Fetched HttpSource::Fetch(const std::string& hash, Deadline deadline) {
    const auto url = http::BuildUrl(options_.base_url, options_.path, {{"id_hash", hash}});
    if (!url) {
        spdlog::error("enrollment source {}: the configured base URL is not a URL", ToString(department_));
        return Unavailable::kError;
    }
    Unavailable last = Unavailable::kTimeout;
    milliseconds backoff = options_.backoff;
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
        const milliseconds remaining = Remaining(deadline);
        if (remaining <= milliseconds::zero()) return last;
        if (!breaker_.Allow()) return attempt == 1 ? Unavailable::kCircuitOpen : last;
        bool retry = false;
        Fetched got = Attempt(*url, std::min(options_.call_timeout, remaining), retry);
        if (!retry) return got;
        last = std::get<Unavailable>(got);
        if (attempt == options_.max_attempts || Remaining(deadline) <= backoff) break;
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
    return last;
}

HttpSource::Fetched HttpSource::Attempt(const std::string& url, milliseconds timeout, bool& retry) {
    // The URL holds the look-up hash: logs name the department and the kind of failure only.
    const http::ClientResult res = http::Get(url, timeout);
    const auto dept = ToString(department_);
    if (!res.answered() || res.status >= 500) {
        breaker_.Failure();
        retry = res.failure != http::ClientFailure::kBadUrl;
        if (res.answered())
            spdlog::warn("enrollment source {}: HTTP {}", dept, res.status);
        else
            spdlog::warn("enrollment source {}: {}", dept, FailureName(res.failure));
        return res.failure == http::ClientFailure::kTimeout ? Unavailable::kTimeout : Unavailable::kError;
    }
    if (res.status == 404) {
        breaker_.Success();  // the department is up and holds nothing for this person
        return Unavailable::kNotFound;
    }
    if (res.status != 200) {
        breaker_.Success();
        spdlog::warn("enrollment source {}: HTTP {} (not retried)", dept, res.status);
        return Unavailable::kError;
    }
    auto rows = ParseJsonAnswer(res.body);
    std::vector<Record> records;
    const Date today{std::chrono::floor<std::chrono::days>(wall_clock_() + kShanghaiOffset)};
    for (std::size_t i = 0; rows && i < rows->size(); ++i) {
        auto parsed = ParseRecord(department_, (*rows)[i].fields, hasher_, false, today);
        if (!parsed.record || !(*rows)[i].bad_field.empty()) {
            const auto field = parsed.problems.empty() ? (*rows)[i].bad_field : parsed.problems.front().field;
            spdlog::warn("enrollment source {}: record {} breaks the schema at {}", dept, i + 1, field);
            rows.reset();
            break;
        }
        records.push_back(std::move(*parsed.record));
    }
    if (!rows) {
        breaker_.Failure();  // a department answering garbage is failing, even with 200
        return Unavailable::kError;
    }
    breaker_.Success();
    if (records.empty()) return Unavailable::kNotFound;
    return records;
}

}  // namespace kehou::enrollment
