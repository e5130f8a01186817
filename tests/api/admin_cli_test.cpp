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

}  // namespace
}  // namespace kehou::testing
