#pragma once
// 接口数据源 A department's endpoint on the government network: `GET {base}/{path}?id_hash=…` answering
// {"records": [...]} in the department's schema (docs/enrollment.md), 404 when it holds nothing for that person.
// Each call has a timeout; timeouts, broken connections and 5xx are retried with backoff (4xx are not: asking
// again will not change the answer); a circuit breaker stops calling a department that keeps failing.

#include <chrono>
#include <functional>
#include <string>
#include <variant>

#include "core/time.hpp"
#include "enrollment/circuit_breaker.hpp"
#include "enrollment/source.hpp"
#include "enrollment/source_records.hpp"

namespace kehou::enrollment {

/// Where a department's endpoint is and how patiently it is called.
struct HttpSourceOptions {
    std::string base_url;                          // "http://10.1.2.3:8080/share/v1"
    std::string path;                              // empty: the department's key ("household", …)
    std::chrono::milliseconds call_timeout{2000};  // one attempt, whole exchange
    int max_attempts = 3;                          // the first call and two retries
    std::chrono::milliseconds backoff{100};        // before the second attempt; doubled before each next one
    BreakerOptions breaker;
};

/// One department over HTTP. Thread-safe: concurrent queries share the breaker.
class HttpSource : public DepartmentSource {
public:
    HttpSource(
        Department department, HttpSourceOptions options, IdHasher hasher,
        CircuitBreaker::Clock breaker_clock = [] { return std::chrono::steady_clock::now(); },
        std::function<TimePoint()> wall_clock = [] { return std::chrono::system_clock::now(); });

    Department department() const override { return department_; }
    DepartmentAnswer Query(const LookupKey& key, Deadline deadline) override;
    using DepartmentSource::Query;

    const CircuitBreaker& breaker() const { return breaker_; }

private:
    using Fetched = std::variant<std::vector<Record>, Unavailable>;
    /// One person's records, with the retries; never throws.
    Fetched Fetch(const std::string& hash, Deadline deadline);
    /// One attempt's outcome, and whether another attempt may help.
    Fetched Attempt(const std::string& url, std::chrono::milliseconds timeout, bool& retry);

    Department department_;
    HttpSourceOptions options_;
    IdHasher hasher_;
    CircuitBreaker breaker_;
    std::function<TimePoint()> wall_clock_;
};

}  // namespace kehou::enrollment
