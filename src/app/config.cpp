#include "app/config.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>
#include <thread>

#include "core/error.hpp"
#include "enrollment/source_service.hpp"

extern char** environ;

namespace kehou::app {
namespace {

using Setter = std::function<std::optional<std::pair<std::string, std::string>>(Config&, const std::string&)>;
using Problem = std::optional<std::pair<std::string, std::string>>;  // (zh, en) when the value is bad

Problem ParseInt(const std::string& s, long long lo, long long hi, long long& out) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || s.empty())
        return std::pair{fmt::format("应为整数，实为“{}”", s), fmt::format("must be a whole number, got \"{}\"", s)};
    if (v < lo || v > hi)
        return std::pair{fmt::format("须在 {} 到 {} 之间，实为 {}", lo, hi, v),
                         fmt::format("must be between {} and {}, got {}", lo, hi, v)};
    out = v;
    return std::nullopt;
}

template <typename T>
Setter IntSetter(T Config::*field, long long lo, long long hi) {
    return [=](Config& c, const std::string& s) -> Problem {
        long long v = 0;
        if (auto p = ParseInt(s, lo, hi, v)) return p;
        c.*field = static_cast<T>(v);
        return std::nullopt;
    };
}

Setter StringSetter(std::string Config::*field, std::vector<std::string> allowed = {}) {
    return [=](Config& c, const std::string& s) -> Problem {
        if (s.empty()) return std::pair{std::string("不能为空"), std::string("must not be empty")};
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end())
            return std::pair{fmt::format("须为 {} 之一，实为“{}”", fmt::join(allowed, " / "), s),
                             fmt::format("must be one of {}, got \"{}\"", fmt::join(allowed, ", "), s)};
        c.*field = s;
        return std::nullopt;
    };
}

struct Entry {
    ConfigKey key;
    Setter set;
};

const std::vector<Entry>& Entries() {
    static const std::vector<Entry> entries = {
        {{"bind", "KEHOU_BIND", "address to listen on"}, StringSetter(&Config::bind)},
        {{"port", "KEHOU_PORT", "TCP port (0 picks a free one)"}, IntSetter(&Config::port, 0, 65535)},
        {{"db", "KEHOU_DB", "SQLite file path, or postgresql://user@host:port/db"}, StringSetter(&Config::db)},
        {{"io_threads", "KEHOU_IO_THREADS", "I/O threads (0: one per core)"}, IntSetter(&Config::io_threads, 0, 256)},
        {{"db_threads", "KEHOU_DB_THREADS", "database connections in the pool (0: 2 x cores, >= 4)"},
         IntSetter(&Config::db_threads, 0, 1024)},
        {{"request_threads", "KEHOU_REQUEST_THREADS",
          "threads that run handlers; most of them wait for their batch to be durable in a rush (0: 256)"},
         IntSetter(&Config::request_threads, 0, 4096)},
        {{"complaint_working_days", "KEHOU_COMPLAINT_WORKING_DAYS",
          "working days a county has to answer a complaint about a training institution"},
         IntSetter(&Config::complaint_working_days, 1, 60)},
        {{"escrow_confirm_working_days", "KEHOU_ESCROW_CONFIRM_WORKING_DAYS",
          "working days after which a guardian's silence confirms a delivered class (RULES R6.2)"},
         IntSetter(&Config::escrow_confirm_working_days, 1, 60)},
        {{"sweep_interval", "KEHOU_SWEEP_INTERVAL",
          "seconds between the deadline sweeps (overdue cases, escrow silences); 0 turns them off"},
         IntSetter(&Config::sweep_interval, 0, 86400)},
        {{"trusted_proxies", "KEHOU_TRUSTED_PROXIES",
          "comma-separated addresses of reverse proxies whose X-Forwarded-For gives the client address"},
         [](Config& c, const std::string& s) -> Problem {
             if (s.find_first_not_of("0123456789abcdefABCDEF.:, ") != std::string::npos)
                 return std::pair{fmt::format("须为以逗号分隔的 IP 地址，实为“{}”", s),
                                  fmt::format("must be comma-separated IP addresses, got \"{}\"", s)};
             c.trusted_proxies = s;
             return std::nullopt;
         }},
        {{"body_limit", "KEHOU_BODY_LIMIT", "largest request body in bytes (413 beyond)"},
         IntSetter(&Config::body_limit, 1024, 256LL << 20)},
        {{"header_limit", "KEHOU_HEADER_LIMIT", "largest request header in bytes (431 beyond)"},
         IntSetter(&Config::header_limit, 1024, 1 << 20)},
        {{"read_timeout", "KEHOU_READ_TIMEOUT", "seconds a request may take to arrive, or a keep-alive "
                                                "connection may idle"},
         IntSetter(&Config::read_timeout, 1, 3600)},
        {{"drain_timeout", "KEHOU_DRAIN_TIMEOUT", "seconds in-flight requests get after SIGTERM"},
         IntSetter(&Config::drain_timeout, 1, 600)},
        {{"web_root", "KEHOU_WEB_ROOT", "directory of the built web app"}, StringSetter(&Config::web_root)},
        {{"log_level", "KEHOU_LOG_LEVEL", "trace, debug, info, warn, error"},
         StringSetter(&Config::log_level, {"trace", "debug", "info", "warn", "error"})},
        {{"pii_key_file", "KEHOU_PII_KEY_FILE",
          "key file protecting identity and mobile numbers at rest (created, mode 0600, when absent; "
          "default: kehou.key beside the SQLite file, data/kehou.key with PostgreSQL)"},
         StringSetter(&Config::pii_key_file)},
        {{"audit_retention_days", "KEHOU_AUDIT_RETENTION_DAYS",
          "days the operation log is kept (>= 184: six months, RULES R4.6)"},
         IntSetter(&Config::audit_retention_days, 184, 36500)},
        {{"enrollment_endpoints", "KEHOU_ENROLLMENT_ENDPOINTS",
          "departments answered by an endpoint, e.g. household=http://10.1.2.3:8080/share/v1,property=http://…; "
          "the others answer from their stored snapshots (default: none)"},
         [](Config& c, const std::string& s) -> Problem {
             try {
                 enrollment::ParseSourceEndpoints(s);
             } catch (const Error& e) {
                 return std::pair{e.message_zh(), e.message_en()};
             }
             c.enrollment_endpoints = s;
             return std::nullopt;
         }},
        {{"sqlite_sync", "KEHOU_SQLITE_SYNC", "full (commits survive power loss) or normal (survive a crash)"},
         StringSetter(&Config::sqlite_sync, {"full", "normal"})},
    };
    return entries;
}

const Entry* FindEntry(const std::string& name) {
    for (const auto& e : Entries())
        if (e.key.name == name) return &e;
    return nullptr;
}

std::string JsonToText(const boost::json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64()) return std::to_string(v.as_int64());
    if (v.is_uint64()) return std::to_string(v.as_uint64());
    if (v.is_bool()) return v.as_bool() ? "true" : "false";
    return "<" + std::string(v.is_object() ? "object" : v.is_array() ? "array" : "other") + ">";
}

void ApplyFile(Config& c, const std::string& name, const std::string& text, std::vector<ConfigProblem>& out) {
    const std::string source = "file " + name;
    boost::json::parse_options opts;
    opts.allow_comments = true;
    opts.allow_trailing_commas = true;
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec, {}, opts);
    if (ec || !v.is_object()) {
        out.push_back({"(file)", source, "配置文件不是有效的 JSON 对象", "the config file is not a valid JSON object"});
        return;
    }
    for (const auto& [k, val] : v.as_object()) {
        const std::string key(k);
        const Entry* e = FindEntry(key);
        if (!e) {
            out.push_back({key, source, "未知配置项", "unknown setting"});
            continue;
        }
        if (auto p = e->set(c, JsonToText(val))) out.push_back({key, source, p->first, p->second});
    }
}

}  // namespace

int Config::EffectiveIoThreads() const {
    return io_threads > 0 ? io_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string Config::EffectivePiiKeyFile() const {
    if (!pii_key_file.empty()) return pii_key_file;
    if (db.starts_with("postgres")) return "data/kehou.key";
    const auto dir = std::filesystem::path(db).parent_path();
    return (dir.empty() ? std::filesystem::path("kehou.key") : dir / "kehou.key").string();
}

// A handler's thread waits while its selection's batch is made durable; the batch holds every request
// waiting, so the number of threads bounds the batch size and with it the throughput. Waiting threads
// cost a stack each, no CPU.
int Config::EffectiveRequestThreads() const { return request_threads > 0 ? request_threads : 256; }

int Config::EffectiveDbThreads() const {
    return db_threads > 0 ? db_threads : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : std::runtime_error("invalid configuration"), problems_(std::move(problems)) {}

const std::vector<ConfigKey>& ConfigKeys() {
    static const std::vector<ConfigKey> keys = [] {
        std::vector<ConfigKey> k;
        for (const auto& e : Entries()) k.push_back(e.key);
        return k;
    }();
    return keys;
}

Config LoadConfig(const std::optional<std::pair<std::string, std::string>>& file,
                  const std::map<std::string, std::string>& env, const std::map<std::string, std::string>& flags,
                  std::vector<ConfigProblem>* warnings) {
    Config c;
    std::vector<ConfigProblem> problems;
    if (file) ApplyFile(c, file->first, file->second, problems);
    for (const auto& e : Entries())
        if (auto it = env.find(e.key.env); it != env.end())
            if (auto p = e.set(c, it->second)) problems.push_back({e.key.name, "env " + e.key.env, p->first, p->second});
    for (const auto& [name, value] : flags) {
        const Entry* e = FindEntry(name);
        std::string flag = name;
        std::replace(flag.begin(), flag.end(), '_', '-');
        if (!e) problems.push_back({name, "flag --" + flag, "未知配置项", "unknown setting"});
        else if (auto p = e->set(c, value)) problems.push_back({name, "flag --" + flag, p->first, p->second});
    }
    if (warnings)
        for (const auto& [name, value] : env)
            if (name.starts_with("KEHOU_") && name != "KEHOU_CONFIG" &&
                std::none_of(Entries().begin(), Entries().end(), [&](const Entry& e) { return e.key.env == name; }))
                warnings->push_back({name, "env " + name, "未知的环境变量，已忽略", "unknown KEHOU_ variable, ignored"});
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return c;
}

std::map<std::string, std::string> KehouEnvironment() {
    std::map<std::string, std::string> out;
    for (char** e = environ; e && *e; ++e) {
        std::string_view kv(*e);
        const auto eq = kv.find('=');
        if (eq != std::string_view::npos && kv.starts_with("KEHOU_"))
            out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
    }
    return out;
}

}  // namespace kehou::app
