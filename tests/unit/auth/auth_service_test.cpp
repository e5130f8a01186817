// Log-in, sessions, lock-out and the audit chain against a real database (SQLite and PostgreSQL).
#include <gtest/gtest.h>

#include "auth/audit.hpp"
#include "auth/service.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "support/test_db.hpp"

namespace kehou::auth {
namespace {

constexpr db::Query kDeleteSessions{"test.delete_sessions", "DELETE FROM auth_session"};
constexpr db::Query kAgeSession{"test.age_session",
                                "UPDATE auth_session SET created_at = $1, last_seen_at = $2"};
constexpr db::Query kTamperAudit{"test.tamper_audit", "UPDATE audit_log SET outcome = 200 WHERE id = $1"};
constexpr db::Query kDeleteAudit{"test.delete_audit", "DELETE FROM audit_log WHERE id = $1"};

std::string Ago(std::chrono::minutes m) { return FormatShanghai(std::chrono::system_clock::now() - m); }

class AuthServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        admin_ = auth_.CreateUser({"county.admin", "任城区管理员", Role::kDistrictAdmin, "/370800/370811/",
                                   "Rencheng#2026", false, true});
        demo_ = auth_.CreateUser({"demo.parent", "演示家长", Role::kGuardian, "/370800/370811/3737000101/",
                                  "Demo#Parent1", true, true});
    }
    kehou::testing::TestDatabase tdb_;
    AuthService auth_{tdb_.database()};
    AuditLog audit_{tdb_.database()};
    User admin_, demo_;
};

TEST_F(AuthServiceTest, LogInOpensASessionThatAuthenticates) {
    const NewSession s = auth_.Login("county.admin", "Rencheng#2026", "127.0.0.1");
    EXPECT_EQ(s.user.id, admin_.id);
    EXPECT_NE(s.token, s.csrf_token);
    const Principal p = auth_.Authenticate(s.token);
    EXPECT_EQ(p.username, "county.admin");
    EXPECT_EQ(p.role, Role::kDistrictAdmin);
    EXPECT_EQ(p.scope_path, "/370800/370811/");
    EXPECT_TRUE(p.must_change_password) << "a new account changes its initial password first";
    EXPECT_EQ(p.session_csrf, s.csrf_token);
    auth_.Logout(s.token);
    EXPECT_THROW(auth_.Authenticate(s.token), Error);
}

TEST_F(AuthServiceTest, DemoAccountsSkipTheFirstPasswordChange) {
    const auto s = auth_.Login("demo.parent", "Demo#Parent1", "127.0.0.1");
    EXPECT_FALSE(auth_.Authenticate(s.token).must_change_password);
    EXPECT_TRUE(s.user.is_demo);
}

TEST_F(AuthServiceTest, UnknownUserAndWrongPasswordLookTheSame) {
    try {
        auth_.Login("nobody", "Whatever#1", "127.0.0.1");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "auth.bad_credentials");
        EXPECT_EQ(e.http_status(), 401);
    }
    try {
        auth_.Login("county.admin", "Wrong#Pass1", "127.0.0.1");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "auth.bad_credentials");
    }
}

TEST_F(AuthServiceTest, FiveFailuresLockEvenTheRightPasswordOut) {
    for (int i = 0; i < 5; ++i) EXPECT_THROW(auth_.Login("county.admin", "Wrong#Pass1", "10.0.0.1"), Error);
    try {
        auth_.Login("county.admin", "Rencheng#2026", "10.0.0.1");
        FAIL() << "locked account let a log-in through";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "auth.locked");
        EXPECT_EQ(e.http_status(), 403);
        ASSERT_FALSE(e.details().empty());
        EXPECT_EQ(e.details()[0].first, "locked_until");
    }
}

TEST_F(AuthServiceTest, IdleAndOldSessionsExpire) {
    // The rows are aged by hand, which a session cache would only see after cache_for: read through.
    AuthOptions no_cache;
    no_cache.session.cache_for = std::chrono::seconds(0);
    AuthService auth_{tdb_.database(), no_cache};
    const auto s = auth_.Login("county.admin", "Rencheng#2026", "127.0.0.1");
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kAgeSession, {Ago(std::chrono::minutes{60}), Ago(std::chrono::minutes{16})});
    }
    try {
        auth_.Authenticate(s.token);
        FAIL() << "an administrator idle for 16 minutes is still signed in";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "auth.session_expired");
    }
    const auto g = auth_.Login("demo.parent", "Demo#Parent1", "127.0.0.1");
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kAgeSession, {Ago(std::chrono::minutes{60}), Ago(std::chrono::minutes{16})});
    }
    EXPECT_NO_THROW(auth_.Authenticate(g.token)) << "a guardian has 30 minutes";
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kAgeSession, {Ago(std::chrono::minutes{12 * 60 + 1}), Ago(std::chrono::minutes{1})});
    }
    EXPECT_THROW(auth_.Authenticate(g.token), Error) << "12 hours is the absolute limit";
}

TEST_F(AuthServiceTest, ACachedSessionEndsAtOnceOnLogOutAndWithinCacheTimeElsewhere) {
    const auto s = auth_.Login("demo.parent", "Demo#Parent1", "127.0.0.1");
    EXPECT_EQ(auth_.Authenticate(s.token).username, "demo.parent");
    {
        auto c = tdb_.database().Acquire();  // another process deleting the session
        c->Execute(kDeleteSessions);
    }
    EXPECT_NO_THROW(auth_.Authenticate(s.token)) << "trusted for cache_for after it was read";
    AuthOptions no_cache;
    no_cache.session.cache_for = std::chrono::seconds(0);
    AuthService other{tdb_.database(), no_cache};
    EXPECT_THROW(other.Authenticate(s.token), Error) << "a process that had not read it sees it gone";
    const auto t = auth_.Login("demo.parent", "Demo#Parent1", "127.0.0.1");
    EXPECT_NO_THROW(auth_.Authenticate(t.token));
    auth_.Logout(t.token);
    EXPECT_THROW(auth_.Authenticate(t.token), Error) << "log-out in this process ends it at once";
}

TEST_F(AuthServiceTest, PasswordChangeChecksPolicyAndEndsOtherSessions) {
    const auto a = auth_.Login("county.admin", "Rencheng#2026", "127.0.0.1");
    const auto b = auth_.Login("county.admin", "Rencheng#2026", "127.0.0.2");
    const Principal p = auth_.Authenticate(a.token);
    EXPECT_THROW(auth_.ChangePassword(p, a.token, "Wrong#Pass1", "NewPass#2026"), Error);
    try {
        auth_.ChangePassword(p, a.token, "Rencheng#2026", "weak");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "password");
    }
    auth_.ChangePassword(p, a.token, "Rencheng#2026", "NewPass#2026");
    EXPECT_FALSE(auth_.Authenticate(a.token).must_change_password);
    EXPECT_THROW(auth_.Authenticate(b.token), Error) << "the other session ends with the old password";
    EXPECT_NO_THROW(auth_.Login("county.admin", "NewPass#2026", "127.0.0.1"));
}

TEST_F(AuthServiceTest, AdministratorsCreateAccountsOnlyBelowThemAndInScope) {
    const Principal p = auth_.Authenticate(auth_.Login("county.admin", "Rencheng#2026", "x").token);
    const User t = auth_.CreateUserAs(p, {"teacher.wang", "王老师", Role::kTeacher, "/370800/370811/3737000101/",
                                          "Teach#2026x", false, true});
    EXPECT_EQ(t.role, Role::kTeacher);
    EXPECT_THROW(auth_.CreateUserAs(p, {"other.county", "x", Role::kTeacher, "/370800/370812/", "Teach#2026x", false,
                                        true}),
                 Error);
    EXPECT_THROW(auth_.CreateUserAs(p, {"city.two", "x", Role::kCityAdmin, "/370800/370811/", "Teach#2026x", false,
                                        true}),
                 Error);
    try {
        auth_.CreateUser({"teacher.wang", "重名", Role::kTeacher, "/370800/370811/", "Teach#2026x", false, true});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "auth.username_taken");
        EXPECT_EQ(e.http_status(), 409);
    }
    const auto listed = auth_.ListUsers(p, 1, 50);
    EXPECT_EQ(listed.size(), 3u);  // the county admin, the demo parent and the new teacher
}

AuditEntry Entry(int outcome, std::string scope = "/370800/370811/") {
    return {FormatShanghai(std::chrono::system_clock::now()), 1, "county.admin", "district_admin", std::move(scope),
            "auth:user:create", "新建用户", "POST /api/v1/auth/users", outcome, "rid", "127.0.0.1"};
}

TEST_F(AuthServiceTest, AuditChainVerifiesAndShowsTampering) {
    for (int i = 0; i < 5; ++i) audit_.Record(Entry(i == 2 ? 403 : 201));
    auto v = audit_.Verify();
    EXPECT_TRUE(v.Ok()) << v.problem;
    EXPECT_EQ(v.rows, 5);
    const auto rows = audit_.List({.scope_path = "/370800/"}).rows;  // newest first
    ASSERT_EQ(rows.size(), 5u);
    const std::int64_t third = rows[2].id;
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kTamperAudit, {third});  // someone hides the refused attempt
    }
    v = audit_.Verify();
    EXPECT_FALSE(v.Ok());
    EXPECT_EQ(*v.first_bad_id, third);
}

TEST_F(AuthServiceTest, AuditChainShowsADeletedRow) {
    for (int i = 0; i < 4; ++i) audit_.Record(Entry(201));
    const auto rows = audit_.List({.scope_path = "/"}).rows;
    {
        auto c = tdb_.database().Acquire();
        c->Execute(kDeleteAudit, {rows[2].id});
    }
    const auto v = audit_.Verify();
    EXPECT_FALSE(v.Ok());
    EXPECT_EQ(*v.first_bad_id, rows[1].id);  // the row after the hole no longer links
}

TEST_F(AuthServiceTest, AuditListIsScopedAndFiltered) {
    audit_.Record(Entry(201, "/370800/370811/"));
    audit_.Record(Entry(403, "/370800/370811/3737000101/"));
    audit_.Record(Entry(201, "/370800/370812/"));
    audit_.Record(Entry(401, "/"));  // a log-in with an unknown name
    EXPECT_EQ(audit_.List({.scope_path = "/370800/"}).total, 3);
    EXPECT_EQ(audit_.List({.scope_path = "/370800/", .include_unattributed = true}).total, 4);
    EXPECT_EQ(audit_.List({.scope_path = "/370800/370811/"}).total, 2);
    EXPECT_EQ(audit_.List({.scope_path = "/370800/370811/", .outcome_class = 4}).total, 1);
    const std::string today = ShanghaiDate(std::chrono::system_clock::now());
    EXPECT_EQ(audit_.List({.scope_path = "/370800/", .from_date = today, .to_date = today}).total, 3);
    EXPECT_EQ(audit_.List({.scope_path = "/370800/", .to_date = "2020-01-01"}).total, 0);
    const auto page = audit_.List({.scope_path = "/370800/", .page = 2, .page_size = 2});
    EXPECT_EQ(page.rows.size(), 1u);
    EXPECT_EQ(page.total, 3);
    EXPECT_THROW(audit_.Prune(30), Error) << "six months is the legal minimum (RULES R4.6)";
    EXPECT_EQ(audit_.Prune(190), 0);
}

}  // namespace
}  // namespace kehou::auth
