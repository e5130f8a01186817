#pragma once
// A fake department endpoint for the enrollment sources' tests: a loopback HTTP server on an ephemeral port that
// serves canned records per department (`GET /share/v1/{department}?id_hash=…` → {"records": [...]}, 404 when
// it has none) and can be told to answer slowly, fail with 500, drop the connection or serve conflicting data.
// It records when each request arrived and was answered, so tests can check that calls overlapped.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::testing {

/// How the fake answers from now on.
struct FakeBehaviour {
    std::chrono::milliseconds delay{0};  // before answering (or dropping)
    bool fail = false;                   // answer 500
    bool drop = false;                   // close the connection without a word
    bool conflicting = false;            // serve the PutConflicting records instead of the Put ones
};

/// One request as the fake saw it.
struct FakeHit {
    std::string department;
    std::chrono::steady_clock::time_point start, end;
    int status = 0;  // 0 when dropped
};

/// The running fake; stops (and joins its threads) when destroyed.
class FakeDepartment {
public:
    FakeDepartment();
    ~FakeDepartment();
    FakeDepartment(const FakeDepartment&) = delete;
    FakeDepartment& operator=(const FakeDepartment&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT/share/v1": what HttpSourceOptions::base_url takes.
    std::string base_url() const;

    /// The records (a JSON array's text) served for one department and look-up hash.
    void Put(std::string_view department, const std::string& id_hash, std::string records_json);
    /// What `conflicting` serves instead, e.g. another community code than the batch snapshot has.
    void PutConflicting(std::string_view department, const std::string& id_hash, std::string records_json);
    /// For every department, or for one (which then ignores the general behaviour).
    void SetBehaviour(FakeBehaviour behaviour);
    void SetBehaviour(std::string_view department, FakeBehaviour behaviour);

    std::vector<FakeHit> Hits() const;
    void ClearHits();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kehou::testing
