#include <gtest/gtest.h>

#include "app/config.hpp"

namespace kehou::app {
namespace {

using Env = std::map<std::string, std::string>;

std::vector<ConfigProblem> ProblemsOf(const std::optional<std::pair<std::string, std::string>>& file, const Env& env,
                                      const Env& flags, std::vector<ConfigProblem>* warnings = nullptr) {
    try {
        LoadConfig(file, env, flags, warnings);
    } catch (const ConfigError& e) {
        return e.problems();
    }
    return {};
}

TEST(ConfigTest, DefaultsServeOnLoopback8080WithTheSqliteFile) {
    const Config c = LoadConfig(std::nullopt, {}, {});
    EXPECT_EQ(c.bind, "127.0.0.1");
    EXPECT_EQ(c.port, 8080);
    EXPECT_EQ(c.db, "data/kehou.db");
    EXPECT_EQ(c.body_limit, 10 << 20);
    EXPECT_GE(c.EffectiveIoThreads(), 1);
    EXPECT_GE(c.EffectiveDbThreads(), 4);
}

TEST(ConfigTest, FileThenEnvironmentThenFlagsEachOverride) {
    const auto file = std::pair<std::string, std::string>{
        "kehou.json", R"({ // comments are allowed
            "port": 9000, "db": "/srv/kehou.db", "log_level": "warn", })"};
    Config c = LoadConfig(file, {}, {});
    EXPECT_EQ(c.port, 9000);
    EXPECT_EQ(c.log_level, "warn");
    c = LoadConfig(file, {{"KEHOU_PORT", "9100"}}, {});
    EXPECT_EQ(c.port, 9100);
    EXPECT_EQ(c.db, "/srv/kehou.db");
    c = LoadConfig(file, {{"KEHOU_PORT", "9100"}}, {{"port", "9200"}, {"db", "postgresql://k@127.0.0.1/k"}});
    EXPECT_EQ(c.port, 9200);
    EXPECT_EQ(c.db, "postgresql://k@127.0.0.1/k");
}

TEST(ConfigTest, ReportsEveryProblemWithKeyAndSource) {
    const auto file = std::pair<std::string, std::string>{"kehou.json", R"({"prot": 80, "read_timeout": 0})"};
    std::vector<ConfigProblem> warnings;
    const auto problems = ProblemsOf(file, {{"KEHOU_PORT", "eighty"}, {"KEHOU_WHATEVER", "1"}},
                                     {{"log_level", "loud"}}, &warnings);
    ASSERT_EQ(problems.size(), 4u);
    ASSERT_EQ(warnings.size(), 1u) << "an unknown KEHOU_ variable is a warning, not an error";
    EXPECT_EQ(warnings[0].key, "KEHOU_WHATEVER");
    auto has = [&](const std::string& key, const std::string& source) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const ConfigProblem& p) { return p.key == key && p.source == source; });
    };
    EXPECT_TRUE(has("prot", "file kehou.json"));
    EXPECT_TRUE(has("read_timeout", "file kehou.json"));
    EXPECT_TRUE(has("port", "env KEHOU_PORT"));
    EXPECT_TRUE(has("log_level", "flag --log-level"));
    for (const auto& p : problems) {
        EXPECT_FALSE(p.message_zh.empty());
        EXPECT_FALSE(p.message_en.empty());
    }
}

TEST(ConfigTest, RejectsOutOfRangeAndNonNumbers) {
    EXPECT_EQ(ProblemsOf(std::nullopt, {}, {{"port", "65536"}}).size(), 1u);
    EXPECT_EQ(ProblemsOf(std::nullopt, {}, {{"port", "80x"}}).size(), 1u);
    EXPECT_EQ(ProblemsOf(std::nullopt, {}, {{"body_limit", "10"}}).size(), 1u);
    EXPECT_EQ(ProblemsOf(std::nullopt, {}, {{"sqlite_sync", "off"}}).size(), 1u);
    EXPECT_EQ(ProblemsOf(std::nullopt, {}, {{"db", ""}}).size(), 1u);
    EXPECT_EQ(ProblemsOf({{"k.json", "not json"}}, {}, {}).size(), 1u);
}

}  // namespace
}  // namespace kehou::app
