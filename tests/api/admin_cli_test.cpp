// `kehou admin`: the first administrator, and the audit chain check an operator runs.
#include <gtest/gtest.h>

#include <filesystem>

#include "db/database.hpp"
#include "support/process.hpp"

namespace kehou::testing {
namespace {

class AdminCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("kehou-admin-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        db_ = (dir_ / "kehou.db").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    int Run(std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
        args.insert(args.end(), {"--db", db_});
        KehouProcess p(args);
        const std::string o = p.ReadAll();
        const int rc = p.Wait();
        if (out) *out = o;
        if (err) *err = p.Stderr();
        return rc;
    }
    std::filesystem::path dir_;
    std::string db_;
};

TEST_F(AdminCliTest, CreatesTheFirstAdministratorAndLogsItInAnIntactChain) {
    std::string out, err;
    EXPECT_EQ(Run({"admin", "create-user", "--username", "city.admin", "--display-name", "市教体局",
                   "--role", "city_admin", "--scope", "/370800/", "--password", "City#Admin2026"}, &out, &err), 0)
        << err;
    EXPECT_NE(out.find("must be changed at first log-in"), std::string::npos) << out;
    EXPECT_EQ(Run({"admin", "create-user", "--username", "city.admin", "--display-name", "x", "--role",
                   "city_admin", "--scope", "/370800/", "--password", "City#Admin2026"}, &out, &err), 1);
    EXPECT_NE(err.find("username"), std::string::npos) << err;
    EXPECT_EQ(Run({"admin", "create-user", "--username", "weak.one", "--display-name", "x", "--role",
                   "city_admin", "--scope", "/370800/", "--password", "short"}, &out, &err), 1);
    EXPECT_EQ(Run({"admin", "verify-audit"}, &out, &err), 0) << err;
    EXPECT_NE(out.find("intact: 3 row(s)"), std::string::npos) << "every attempt is logged: " << out;
}

TEST_F(AdminCliTest, VerifyAuditFailsWhenARowWasEdited) {
    ASSERT_EQ(Run({"admin", "create-user", "--username", "city.admin", "--display-name", "市教体局", "--role",
                   "city_admin", "--scope", "/370800/", "--password", "City#Admin2026"}), 0);
    {
        db::DatabaseOptions o;
        o.url = db_;
        db::Database d(o);
        constexpr db::Query kEdit{"test.edit_audit", "UPDATE audit_log SET actor = 'someone.else'"};
        d.Acquire()->Execute(kEdit);
    }
    std::string out, err;
    EXPECT_EQ(Run({"admin", "verify-audit"}, &out, &err), 1);
    EXPECT_NE(err.find("BROKEN at row 1"), std::string::npos) << err;
}

TEST_F(AdminCliTest, PruneRefusesARetentionShorterThanSixMonths) {
    std::string out, err;
    EXPECT_EQ(Run({"admin", "prune-audit", "--audit-retention-days", "90"}, &out, &err), 2);
    EXPECT_NE(err.find("audit_retention_days"), std::string::npos) << err;
    EXPECT_EQ(Run({"admin", "prune-audit"}, &out, &err), 0) << err;
}

TEST_F(AdminCliTest, SeedsTheTinyDemoCityOnceWithAnAccountPerRole) {
    std::string out, err;
    ASSERT_EQ(Run({"seed", "--scale", "tiny", "--seed", "7"}, &out, &err), 0) << err;
    EXPECT_NE(out.find("3 schools"), std::string::npos) << out;
    EXPECT_NE(out.find("600 students"), std::string::npos) << out;
    for (const char* user : {"demo.city", "demo.county", "demo.school", "demo.teacher", "demo.parent",
                             "demo.provider", "demo.inspector"})
        EXPECT_NE(out.find(user), std::string::npos) << user;
    EXPECT_EQ(Run({"seed", "--scale", "tiny"}, &out, &err), 1) << "a second seed must not double the city";
    EXPECT_EQ(Run({"seed", "--scale", "tiny", "--if-empty"}, &out, &err), 0);
    EXPECT_NE(out.find("demo.parent"), std::string::npos) << "make run prints the log-ins every time";
    EXPECT_EQ(Run({"seed", "--scale", "galaxy"}, &out, &err), 2);
    {
        db::DatabaseOptions o;
        o.url = db_;
        db::Database d(o);
        auto c = d.Acquire();
        constexpr db::Query kCounts{"test.seed_counts",
                                    "SELECT (SELECT COUNT(*) FROM org_student), (SELECT COUNT(*) FROM org_school),"
                                    " (SELECT COUNT(*) FROM org_guardian WHERE user_id IS NOT NULL),"
                                    " (SELECT COUNT(*) FROM org_teacher WHERE user_id IS NOT NULL)"};
        const auto r = c->Query(kCounts);
        EXPECT_EQ(r[0].Int(0), 600);
        EXPECT_EQ(r[0].Int(1), 3);
        EXPECT_EQ(r[0].Int(2), 1) << "the demo parent is a real guardian of a real child";
        EXPECT_EQ(r[0].Int(3), 1) << "the demo teacher is a real teacher";
        constexpr db::Query kHeads{"test.seed_heads",
                                   "SELECT (SELECT COUNT(*) FROM org_class_teacher WHERE duty = 'head'),"
                                   " (SELECT COUNT(*) FROM org_class)"};
        const auto h = c->Query(kHeads);
        EXPECT_EQ(h[0].Int(0), h[0].Int(1)) << "every seeded class has a head teacher";
    }
}

}  // namespace
}  // namespace kehou::testing
