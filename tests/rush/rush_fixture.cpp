#include "rush_fixture.hpp"

#include <unistd.h>

#include <csignal>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace kehou::testing {

std::filesystem::path RushTest::seeded_;

namespace {

constexpr db::Query kLargestSchool{"rushtest.largest_school",
                                   "SELECT school_id FROM org_student WHERE status = 'enrolled' GROUP BY school_id"
                                   " ORDER BY COUNT(*) DESC, school_id LIMIT 1"};

std::filesystem::path TempDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("kehou-rush-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

void RushTest::SetUpTestSuite() {
    crypto::Init();
    seeded_ = TempDir("seed");
    KehouProcess seed({"seed", "--scale", "county", "--db", (seeded_ / "kehou.db").string(), "--log-level", "warn"});
    seed.ReadAll();
    if (seed.Wait() != 0) throw std::runtime_error("seeding the county failed: " + seed.Stderr());
}

void RushTest::TearDownTestSuite() { std::filesystem::remove_all(seeded_); }

void RushTest::SetUp() {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    for (const auto* f : {"kehou.db", "kehou.key"}) std::filesystem::copy_file(seeded_ / f, dir_ / f);
    db::DatabaseOptions o;
    o.url = (dir_ / "kehou.db").string();
    o.pool_size = 2;
    database_ = std::make_unique<db::Database>(o);
}

void RushTest::TearDown() {
    server_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_);
}

std::vector<rush::PlanChild> RushTest::Prepare(std::size_t children, std::optional<std::int64_t> school) {
    rush::PrepOptions o;
    o.children = children;
    o.school_id = school;
    return rush::PrepareRush(*database_, o);
}

std::uint16_t RushTest::StartServer(std::uint16_t port) {
    server_ = std::make_unique<KehouProcess>(std::vector<std::string>{
        "serve", "--db", (dir_ / "kehou.db").string(), "--port", std::to_string(port), "--pii-key-file",
        (dir_ / "kehou.key").string(), "--log-level", "warn"});
    const std::string prefix = "kehou listening on http://127.0.0.1:";
    for (std::string line = server_->ReadLine(); !line.empty(); line = server_->ReadLine())
        if (line.starts_with(prefix)) return static_cast<std::uint16_t>(std::stoi(line.substr(prefix.size())));
    throw std::runtime_error("kehou did not start: " + server_->Stderr());
}

void RushTest::KillServer() {
    server_->Signal(SIGKILL);
    server_->Wait();
}

void RushTest::StopServer() {
    server_->Signal(SIGTERM);
    EXPECT_EQ(server_->Wait(), 0) << server_->Stderr();
}

db::Database& RushTest::database() { return *database_; }

std::int64_t RushTest::LargestSchool() { return database_->Acquire()->Query(kLargestSchool)[0].Int(0); }

rush::RushOptions RushTest::Options(std::uint16_t port, int connections) const {
    rush::RushOptions o;
    o.port = port;
    o.connections = connections;
    o.timeout = std::chrono::milliseconds(3000);
    o.give_up = std::chrono::milliseconds(90000);
    return o;
}

}  // namespace kehou::testing
