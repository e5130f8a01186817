// The selection rush benchmark (issue 5). Two steps, so the server can be restarted or swapped between
// them:
//   rush_bench prepare --db URL --plan FILE [--children N] [--picks 2] [--semester S] [--seed N]
//   rush_bench run --plan FILE --port P --target select|naive|ping [--connections N] [--db URL]
//                  [--semester S] [--reset] [--rate selections-per-second (open loop)]
// `run` prints throughput, latency quantiles and every outcome, then (with --db) checks the database:
// no section over capacity, taken = confirmed seats, no child twice in a section or over the limit, and
// every acknowledged seat present. Its last line is machine-readable for bench/rush.sh.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "crypto/crypto.hpp"
#include "db/database.hpp"
#include "rush/checks.hpp"
#include "rush/client.hpp"
#include "rush/prep.hpp"

namespace {

using namespace kehou::rush;

std::map<std::string, std::string> Flags(int argc, char** argv) {
    std::map<std::string, std::string> f;
    for (int i = 2; i < argc; ++i) {
        std::string k = argv[i];
        if (!k.starts_with("--")) throw std::runtime_error("unexpected argument " + k);
        if (i + 1 < argc && !std::string(argv[i + 1]).starts_with("--")) f[k.substr(2)] = argv[++i];
        else f[k.substr(2)] = "1";
    }
    return f;
}

std::string Need(const std::map<std::string, std::string>& f, const std::string& k) {
    const auto it = f.find(k);
    if (it == f.end()) throw std::runtime_error("missing --" + k);
    return it->second;
}

std::string Or(const std::map<std::string, std::string>& f, const std::string& k, const std::string& d) {
    const auto it = f.find(k);
    return it == f.end() ? d : it->second;
}

kehou::db::Database Open(const std::string& url) {
    kehou::db::DatabaseOptions o;
    o.url = url;
    o.pool_size = 1;
    return kehou::db::Database(o);
}

int Prepare(const std::map<std::string, std::string>& f) {
    PrepOptions o;
    o.children = std::stoull(Or(f, "children", "0"));
    o.picks = std::stoi(Or(f, "picks", "2"));
    o.semester = Or(f, "semester", o.semester);
    o.seed = std::stoull(Or(f, "seed", "1"));
    auto database = Open(Need(f, "db"));
    const auto plan = PrepareRush(database, o);
    WritePlan(Need(f, "plan"), plan);
    std::size_t selections = 0;
    for (const auto& p : plan) selections += p.sections.size();
    fmt::print("prepared {} families, {} selections, semester {}\n", plan.size(), selections, o.semester);
    return 0;
}

Target TargetOf(const std::string& name) {
    if (name == "select") return Target::kSelect;
    if (name == "naive") return Target::kNaive;
    if (name == "ping") return Target::kPing;
    throw std::runtime_error("--target is select, naive or ping");
}

int Run(const std::map<std::string, std::string>& f) {
    const auto plan = ReadPlan(Need(f, "plan"));
    RushOptions o;
    o.port = static_cast<std::uint16_t>(std::stoi(Need(f, "port")));
    o.target = TargetOf(Need(f, "target"));
    o.connections = std::stoi(Or(f, "connections", "1000"));
    o.threads = std::stoi(Or(f, "client-threads", "1"));
    o.rate = std::stod(Or(f, "rate", "0"));
    o.key_prefix = Or(f, "key-prefix", "rush");
    const std::string semester = Or(f, "semester", PrepOptions{}.semester);
    const std::string db_url = Or(f, "db", "");
    if (f.contains("reset")) {
        auto database = Open(db_url);
        ResetRush(*database.Acquire(), semester);
    }
    auto r = RunRush(plan, o);
    const double rate = static_cast<double>(r.selections) / r.seconds;
    const double p50 = Quantile(r.latency_ms, 0.5), p99 = Quantile(r.latency_ms, 0.99),
                 p999 = Quantile(r.latency_ms, 0.999);
    fmt::print("target {}: {} selections ({} attempts) over {} connections in {:.2f} s = {:.0f} selections/s{}\n",
               Need(f, "target"), r.selections, r.attempts, o.connections, r.seconds, rate,
               o.rate > 0 ? fmt::format(" (open loop, offered {:.0f}/s)", o.rate) : std::string(" (closed loop)"));
    fmt::print("latency ms: p50 {:.1f}  p99 {:.1f}  p99.9 {:.1f}  max {:.1f}\n", p50, p99, p999,
               Quantile(r.latency_ms, 1.0));
    for (const auto& [k, n] : r.outcomes) fmt::print("  {:>9}  {}\n", n, k);
    bool ok = true;
    if (!db_url.empty() && o.target != Target::kPing) {
        auto database = Open(db_url);
        const auto v = CheckInvariants(*database.Acquire(), semester, r.acks, 2);
        fmt::print("database: {}\n", v.Describe());
        ok = v.Ok();
    }
    fmt::print("RESULT target={} rate={:.0f} p50={:.1f} p99={:.1f} p999={:.1f} ok={}\n", Need(f, "target"), rate, p50,
               p99, p999, ok ? 1 : 0);
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        kehou::crypto::Init();
        const std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "prepare") return Prepare(Flags(argc, argv));
        if (cmd == "run") return Run(Flags(argc, argv));
        std::cerr << "usage: rush_bench prepare|run …  (see the comment at the top of bench/rush_bench.cpp)\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "rush_bench: " << e.what() << "\n";
        return 1;
    }
}
