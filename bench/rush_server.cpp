// The rush benchmark's server: exactly `kehou serve` (same App, same pipeline, same settings) plus the
// yardstick routes of bench/baselines. `rush_server --db URL --port P [--any-kehou-setting value]`.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <string>

#include "app/config.hpp"
#include "app/serve.hpp"
#include "baselines/naive_select.hpp"

int main(int argc, char** argv) {
    std::map<std::string, std::string> flags;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        if (!key.starts_with("--")) {
            std::cerr << "usage: rush_server --db URL --port P [--setting value]...\n";
            return 2;
        }
        key = key.substr(2);
        for (auto& ch : key) ch = ch == '-' ? '_' : ch;
        flags[key] = argv[i + 1];
    }
    if (!flags.contains("log_level")) flags["log_level"] = "warn";
    std::vector<kehou::app::ConfigProblem> warnings;
    const auto config = kehou::app::LoadConfig(std::nullopt, kehou::app::KehouEnvironment(), flags, &warnings);
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    kehou::db::DatabaseOptions naive;
    naive.url = config.db;
    naive.pool_size = config.EffectiveDbThreads();
    naive.sqlite_sync = config.sqlite_sync == "normal" ? kehou::db::SqliteSync::kNormal : kehou::db::SqliteSync::kFull;
    kehou::db::Database naive_db(naive);
    return kehou::app::ServeUntilStopped(
        config, [&naive_db](kehou::http::Router& router) { kehou::rush::RegisterBaselineRoutes(router, naive_db); });
}
