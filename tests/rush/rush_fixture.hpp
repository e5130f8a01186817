#pragma once
// A seeded county (once per test binary) and, per test, a fresh copy of it on the eve of a rush, served
// by the real kehou binary that a test may kill and restart on the same port.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "process.hpp"
#include "rush/checks.hpp"
#include "rush/client.hpp"
#include "rush/prep.hpp"

namespace kehou::testing {

class RushTest : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;
    void TearDown() override;

    /// Copies the seeded county and prepares a rush of `children` families (of one school if given).
    std::vector<rush::PlanChild> Prepare(std::size_t children, std::optional<std::int64_t> school = std::nullopt);
    /// Starts `kehou serve` on `port` (0: any free port) and returns the port it listens on.
    std::uint16_t StartServer(std::uint16_t port = 0);
    /// Kills the server with SIGKILL (no drain, no flush).
    void KillServer();
    /// SIGTERM and wait.
    void StopServer();
    db::Database& database();
    /// The school with the most enrolled children.
    std::int64_t LargestSchool();
    rush::RushOptions Options(std::uint16_t port, int connections) const;

    static std::filesystem::path seeded_;
    std::filesystem::path dir_;
    std::unique_ptr<KehouProcess> server_;
    std::unique_ptr<db::Database> database_;
};

}  // namespace kehou::testing
