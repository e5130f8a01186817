// kehou: the command line. `kehou serve` runs the server; `kehou migrate` brings a database's schema
// up to date; later issues add seed, import, allocate, export and admin.

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/admin_commands.hpp"
#include "app/app.hpp"
#include "app/config.hpp"
#include "app/seed.hpp"
#include "app/serve.hpp"
#include "db/migrate.hpp"

namespace {

using kehou::app::Config;

void SetUpLogging(const std::string& level) {
    // Log times are Asia/Shanghai without needing tzdata on the host: POSIX "CST-8" is UTC+8.
    setenv("TZ", "CST-8", 1);
    tzset();
    auto logger = spdlog::stderr_color_mt("kehou");
    spdlog::set_default_logger(logger);
    spdlog::stderr_color_mt("access");
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e+08:00 %^%l%$ [%n] %v");
    spdlog::set_level(spdlog::level::from_str(level));
}

std::optional<std::pair<std::string, std::string>> ReadConfigFile(const std::string& path) {
    if (path.empty()) return std::nullopt;
    std::ifstream in(path);
    if (!in) throw kehou::app::ConfigError({{"config", "flag --config", "无法读取配置文件 " + path,
                                             "cannot read config file " + path}});
    std::ostringstream buf;
    buf << in.rdbuf();
    return std::pair{path, buf.str()};
}

Config BuildConfig(const std::string& config_path, const std::map<std::string, std::string>& flags) {
    auto env = kehou::app::KehouEnvironment();
    std::string path = config_path;
    if (path.empty())
        if (auto it = env.find("KEHOU_CONFIG"); it != env.end()) path = it->second;
    std::vector<kehou::app::ConfigProblem> warnings;
    Config config = kehou::app::LoadConfig(ReadConfigFile(path), env, flags, &warnings);
    for (const auto& w : warnings)
        std::cerr << "kehou: warning: " << w.key << " (" << w.source << "): " << w.message_zh << " / " << w.message_en
                  << "\n";
    return config;
}

int Serve(const Config& config) {
    SetUpLogging(config.log_level);
    return kehou::app::ServeUntilStopped(config);
}

int Migrate(const Config& config, bool status_only) {
    SetUpLogging(config.log_level);
    kehou::db::DatabaseOptions opts;
    opts.url = config.db;
    opts.pool_size = 1;
    kehou::db::Database database(opts);
    auto conn = database.OpenOne();
    if (status_only) {
        const auto s = kehou::db::GetMigrationStatus(*conn, kehou::db::BuiltinMigrations());
        std::cout << "applied " << s.applied << ", pending " << s.pending.size() << ", changed "
                  << s.changed.size() << ", unknown " << s.unknown << (s.Current() ? " (current)" : "") << "\n";
        return s.Current() ? 0 : 1;
    }
    const int ran = kehou::app::MigrateDatabase(database);
    std::cout << "applied " << ran << " migration(s) to " << database.Describe() << "\n";
    return 0;
}

// Each configuration key becomes a flag (--body-limit for body_limit) collected as text, so flags,
// the file and the environment are all validated by the same code.
void AddConfigFlags(CLI::App* cmd, std::map<std::string, std::string>& flags) {
    for (const auto& key : kehou::app::ConfigKeys()) {
        std::string flag = key.name;
        std::replace(flag.begin(), flag.end(), '_', '-');
        cmd->add_option_function<std::string>(
               "--" + flag, [&flags, name = key.name](const std::string& v) { flags[name] = v; },
               key.description + " [env " + key.env + "]")
            ->type_name("VALUE");
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"kehou (课后): the double-reduction (双减) platform for a city education bureau"};
    cli.set_version_flag("--version", kehou::app::kVersion);
    cli.require_subcommand(1);
    std::map<std::string, std::string> flags;
    std::string config_path;

    auto* serve = cli.add_subcommand("serve", "Run the web server (API and web app)");
    serve->add_option("--config", config_path, "JSON configuration file (comments allowed) [env KEHOU_CONFIG]");
    AddConfigFlags(serve, flags);

    bool status_only = false;
    auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
    migrate->add_option("--config", config_path, "JSON configuration file [env KEHOU_CONFIG]");
    migrate->add_flag("--status", status_only, "Only report whether migrations are current (exit 1 if not)");
    AddConfigFlags(migrate, flags);

    kehou::app::SeedOptions seed_options;
    auto* seed = cli.add_subcommand("seed", "Load the synthetic demo city (modelled on 济宁) and demo accounts");
    seed->add_option("--scale", seed_options.scale, "tiny, county (default) or city");
    seed->add_option("--seed", seed_options.seed, "random seed; the same seed gives the same city");
    seed->add_option("--school-year", seed_options.school_year, "autumn term year, e.g. 2026");
    seed->add_flag("--if-empty", seed_options.if_empty, "do nothing when the registry already holds schools");
    seed->add_option("--config", config_path, "JSON configuration file [env KEHOU_CONFIG]");
    AddConfigFlags(seed, flags);

    auto* admin = cli.add_subcommand("admin", "Operator commands");
    admin->require_subcommand(1);
    kehou::app::CreateUserArgs user;
    auto* create_user = admin->add_subcommand(
        "create-user", "Create an account (the first city administrator of a deployment); it must change its "
                       "password at first log-in unless --demo");
    create_user->add_option("--username", user.username, "log-in name")->required();
    create_user->add_option("--display-name", user.display_name, "name shown in the UI")->required();
    create_user->add_option("--role", user.role, "city_admin, district_admin, school_admin, teacher, guardian, "
                                                 "provider or inspector")->required();
    create_user->add_option("--scope", user.scope_path, "org path of its data scope, e.g. /370800/")->required();
    create_user->add_option("--password", user.password, "initial password (or KEHOU_ADMIN_PASSWORD)")
        ->envname("KEHOU_ADMIN_PASSWORD")->required();
    create_user->add_flag("--demo", user.demo, "mark as a demo account (no forced password change)");
    auto* verify_audit = admin->add_subcommand("verify-audit", "Check the operation log's hash chain (exit 1 if broken)");
    auto* prune_audit = admin->add_subcommand("prune-audit", "Delete operation-log rows past audit_retention_days");
    for (auto* cmd : {admin, create_user, verify_audit, prune_audit}) {
        cmd->add_option("--config", config_path, "JSON configuration file [env KEHOU_CONFIG]");
        if (cmd != admin) AddConfigFlags(cmd, flags);
    }

    kehou::app::AllocateArgs allocate_args;
    auto* allocate = cli.add_subcommand(
        "allocate", "Run a closed lottery window's allocation, or verify a published one (--verify)");
    allocate->add_option("--window", allocate_args.window_id, "the selection window's id");
    allocate->add_flag("--verify", allocate_args.verify, "re-run and compare with the published result");
    allocate->add_option("--inputs", allocate_args.inputs_file,
                         "offline: the published allocation-inputs file (then --seed, and --digest to compare)");
    allocate->add_option("--seed", allocate_args.seed, "offline: the seed revealed at close");
    allocate->add_option("--digest", allocate_args.digest, "offline: the published result digest");
    allocate->add_option("--config", config_path, "JSON configuration file [env KEHOU_CONFIG]");
    AddConfigFlags(allocate, flags);

    CLI11_PARSE(cli, argc, argv);
    try {
        const Config config = BuildConfig(config_path, flags);
        if (*serve) return Serve(config);
        if (*migrate) return Migrate(config, status_only);
        SetUpLogging(config.log_level);
        if (*seed) return kehou::app::RunSeed(config, seed_options, std::cout, std::cerr);
        if (*create_user) return kehou::app::AdminCreateUser(config, user, std::cout, std::cerr);
        if (*verify_audit) return kehou::app::AdminVerifyAudit(config, std::cout, std::cerr);
        if (*allocate) return kehou::app::RunAllocate(config, allocate_args, std::cout, std::cerr);
        return kehou::app::AdminPruneAudit(config, std::cout, std::cerr);
    } catch (const kehou::app::ConfigError& e) {
        std::cerr << "kehou: 配置有误 / invalid configuration:\n";
        for (const auto& p : e.problems())
            std::cerr << "  " << p.key << " (" << p.source << "): " << p.message_zh << " / " << p.message_en << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "kehou: " << e.what() << "\n";
        return 1;
    }
}
