#pragma once
// kehou's configuration: defaults, then one JSON file (comments allowed), then KEHOU_* environment
// variables, then command-line flags; each later source overrides the earlier. Validated as a whole
// at start: every problem is reported with its key and source, in Chinese and English.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kehou::app {

/// Everything `kehou serve` can be told.
struct Config {
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string db = "data/kehou.db";
    int io_threads = 0;  // 0: one per core
    int db_threads = 0;  // 0: twice the cores, at least 4
    int request_threads = 0;  // 0: 256
    long long body_limit = 10 << 20;  // evidence photos and PDFs are up to 8 MiB
    int header_limit = 16 * 1024;
    int read_timeout = 30;   // seconds
    int drain_timeout = 20;  // seconds
    std::string web_root = "web/dist";
    std::string log_level = "info";
    std::string sqlite_sync = "full";
    std::string pii_key_file;  // "": kehou.key beside the SQLite file, or data/kehou.key for PostgreSQL
    int complaint_working_days = 5;  // a complaint is due this many working days after it came in
    int escrow_confirm_working_days = 15;  // R6.2: a guardian's silence confirms a class after this many
    int sweep_interval = 3600;  // seconds between the deadline sweeps of `kehou serve`; 0: never
    std::string trusted_proxies;  // comma-separated proxy addresses whose X-Forwarded-For is believed
    int audit_retention_days = 190;  // RULES R4.6: at least six months (184 days)
    // Departments answered by an endpoint ("household=http://…,property=http://…"); the others answer from their
    // confirmed snapshots in the database (docs/enrollment-data.md). Empty: every department from snapshots.
    std::string enrollment_endpoints;

    int EffectiveIoThreads() const;
    std::string EffectivePiiKeyFile() const;
    int EffectiveDbThreads() const;
    int EffectiveRequestThreads() const;
};

/// One configuration problem: the key, where the value came from, and what is wrong.
struct ConfigProblem {
    std::string key;
    std::string source;  // "file kehou.json", "env KEHOU_PORT", "flag --port", "default"
    std::string message_zh;
    std::string message_en;
};

/// Thrown with all problems found, not just the first.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<ConfigProblem> problems);
    const std::vector<ConfigProblem>& problems() const { return problems_; }

private:
    std::vector<ConfigProblem> problems_;
};

/// One configurable key, for --help and the docs.
struct ConfigKey {
    std::string name;         // file key and flag (--name with '_' as '-')
    std::string env;          // KEHOU_NAME
    std::string description;
};
const std::vector<ConfigKey>& ConfigKeys();

/// Builds the configuration. file_text is the config file's content (nullopt when none was given);
/// env is the process environment; flags are keys given on the command line. Unknown KEHOU_*
/// variables are not errors (test harnesses and scripts set their own) but land in warnings.
Config LoadConfig(const std::optional<std::pair<std::string, std::string>>& file_name_and_text,
                  const std::map<std::string, std::string>& env,
                  const std::map<std::string, std::string>& flags,
                  std::vector<ConfigProblem>* warnings = nullptr);

/// The KEHOU_* variables of this process.
std::map<std::string, std::string> KehouEnvironment();

}  // namespace kehou::app
