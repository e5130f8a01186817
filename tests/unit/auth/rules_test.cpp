// Access policy, RULES R4.7: password complexity, lock-out, session lifetime, the role matrix.
#include <gtest/gtest.h>

#include "auth/audit.hpp"
#include "auth/rules.hpp"
#include "auth/service.hpp"
#include "crypto/crypto.hpp"

namespace kehou::auth {
namespace {

using namespace std::chrono;
const TimePoint kNow = sys_days{year{2026} / 9 / 1} + hours{12};

TEST(PasswordPolicyTest, NeedsEightCharactersFromThreeClasses) {
    EXPECT_TRUE(CheckPassword("Abcdef1!", "zhang.san") == std::nullopt);
    EXPECT_TRUE(CheckPassword("abcdef12!", "zhang.san") == std::nullopt);  // lower + digit + symbol
    EXPECT_FALSE(CheckPassword("Abcde1!", "zhang.san") == std::nullopt);   // seven characters
    EXPECT_FALSE(CheckPassword("abcdefgh12", "zhang.san") == std::nullopt);  // two classes
    EXPECT_FALSE(CheckPassword("ABCDEFGH", "zhang.san") == std::nullopt);
    const auto e = CheckPassword("short", "x");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field(), "password");
    EXPECT_EQ(e->http_status(), 422);
}

TEST(PasswordPolicyTest, MustNotContainTheUserName) {
    const auto e = CheckPassword("Wang.Wu2026!", "wang.wu");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code(), "auth.password_contains_username");
}

// RULES R4.7(b): login-failure handling.
TEST(LockoutTest, FifthFailureWithinFifteenMinutesLocksForFifteen) {
    std::vector<TimePoint> f = {kNow - minutes{14}, kNow - minutes{10}, kNow - minutes{5}, kNow - minutes{1}};
    EXPECT_FALSE(LockedUntil(f, kNow));
    f.push_back(kNow);
    ASSERT_TRUE(LockedUntil(f, kNow));
    EXPECT_EQ(*LockedUntil(f, kNow), kNow + minutes{15});
}

TEST(LockoutTest, FailuresOutsideTheWindowDoNotCount) {
    const std::vector<TimePoint> f = {kNow - minutes{40}, kNow - minutes{30}, kNow - minutes{16}, kNow - minutes{2},
                                      kNow};
    EXPECT_FALSE(LockedUntil(f, kNow));
}

// RULES R4.7(b): automatic log-out on timeout.
TEST(SessionPolicyTest, AdministratorsIdleOutAfterFifteenOthersAfterThirty) {
    const TimePoint created = kNow - hours{1};
    EXPECT_EQ(CheckSession(Role::kSchoolAdmin, created, kNow - minutes{14}, kNow), SessionState::kValid);
    EXPECT_EQ(CheckSession(Role::kSchoolAdmin, created, kNow - minutes{15}, kNow), SessionState::kIdleExpired);
    EXPECT_EQ(CheckSession(Role::kCityAdmin, created, kNow - minutes{16}, kNow), SessionState::kIdleExpired);
    EXPECT_EQ(CheckSession(Role::kGuardian, created, kNow - minutes{29}, kNow), SessionState::kValid);
    EXPECT_EQ(CheckSession(Role::kTeacher, created, kNow - minutes{30}, kNow), SessionState::kIdleExpired);
}

TEST(SessionPolicyTest, TwelveHoursIsTheAbsoluteLimitEvenWhenActive) {
    EXPECT_EQ(CheckSession(Role::kGuardian, kNow - hours{12}, kNow, kNow), SessionState::kAbsoluteExpired);
    EXPECT_EQ(CheckSession(Role::kGuardian, kNow - hours{11}, kNow, kNow), SessionState::kValid);
}

TEST(PermissionTest, WildcardsMatchWholeSegmentsOnly) {
    EXPECT_TRUE(PermissionMatches("org:*:read", "org:student:read"));
    EXPECT_FALSE(PermissionMatches("org:*:read", "org:student:update"));
    EXPECT_FALSE(PermissionMatches("org:stud*:read", "org:student:read"));
    EXPECT_FALSE(PermissionMatches("org:*", "org:student:read"));
    EXPECT_TRUE(PermissionMatches("*:*:*", "afterschool:window:open"));
}

TEST(PermissionTest, RoleMatrixFollowsTheWorkOfEachRole) {
    EXPECT_TRUE(HasPermission(Role::kCityAdmin, "audit:log:read"));
    EXPECT_TRUE(HasPermission(Role::kDistrictAdmin, "audit:log:read"));
    EXPECT_FALSE(HasPermission(Role::kSchoolAdmin, "audit:log:read"));
    EXPECT_FALSE(HasPermission(Role::kTeacher, "auth:user:create"));
    EXPECT_FALSE(HasPermission(Role::kGuardian, "org:student:read"));
    EXPECT_TRUE(HasPermission(Role::kGuardian, "afterschool:selection:create"));
    EXPECT_FALSE(HasPermission(Role::kProvider, "org:student:read"));
    // Full identity numbers only where the work needs them (RULES R3.11).
    EXPECT_TRUE(HasPermission(Role::kSchoolAdmin, "org:pii:reveal"));
    EXPECT_FALSE(HasPermission(Role::kCityAdmin, "org:pii:reveal"));
    EXPECT_FALSE(HasPermission(Role::kTeacher, "org:pii:reveal"));
    for (Role r : {Role::kCityAdmin, Role::kDistrictAdmin, Role::kSchoolAdmin, Role::kTeacher, Role::kGuardian,
                   Role::kProvider, Role::kInspector}) {
        EXPECT_TRUE(HasPermission(r, "auth:self:update")) << RoleName(r);
        EXPECT_TRUE(HasPermission(r, "auth:self:read")) << RoleName(r);
    }
}

TEST(PermissionTest, AdministratorsCreateOnlyRolesBelowTheirs) {
    EXPECT_TRUE(CanCreateRole(Role::kCityAdmin, Role::kDistrictAdmin));
    EXPECT_FALSE(CanCreateRole(Role::kCityAdmin, Role::kCityAdmin));
    EXPECT_TRUE(CanCreateRole(Role::kDistrictAdmin, Role::kInspector));
    EXPECT_TRUE(CanCreateRole(Role::kDistrictAdmin, Role::kProvider));
    EXPECT_FALSE(CanCreateRole(Role::kSchoolAdmin, Role::kInspector));
    EXPECT_TRUE(CanCreateRole(Role::kSchoolAdmin, Role::kTeacher));
    EXPECT_FALSE(CanCreateRole(Role::kSchoolAdmin, Role::kSchoolAdmin));
    EXPECT_FALSE(CanCreateRole(Role::kTeacher, Role::kGuardian));
}

TEST(AuditHashTest, EveryFieldIsCoveredByTheHash) {
    crypto::Init();
    const AuditEntry base{"2026-09-01T20:00:00+08:00", 7, "li.si", "school_admin", "/370800/370811/x/",
                          "org:student:update", "修改学生", "PUT /api/v1/org/students/{id} id=9", 200, "abcd1234",
                          "10.0.0.8"};
    const std::string h = AuditRowHash(kGenesisHash, base);
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h, AuditRowHash(kGenesisHash, base));
    auto changed = base;
    changed.outcome = 403;
    EXPECT_NE(h, AuditRowHash(kGenesisHash, changed));
    changed = base;
    changed.actor_user_id.reset();
    EXPECT_NE(h, AuditRowHash(kGenesisHash, changed));
    // Moving text between neighbouring fields changes the hash too.
    changed = base;
    changed.actor = "li.sis";
    changed.role = "chool_admin";
    EXPECT_NE(h, AuditRowHash(kGenesisHash, changed));
    EXPECT_NE(h, AuditRowHash(std::string(64, '1'), base));
}

TEST(CryptoTest, PasswordHashesVerifyAndTokensAreRandom) {
    crypto::Init();
    const auto h = crypto::HashPassword("Kehou2026!");
    EXPECT_TRUE(h.starts_with("$argon2id$"));
    EXPECT_TRUE(crypto::VerifyPassword(h, "Kehou2026!"));
    EXPECT_FALSE(crypto::VerifyPassword(h, "kehou2026!"));
    EXPECT_NE(crypto::RandomToken(), crypto::RandomToken());
    EXPECT_EQ(crypto::RandomToken(32).size(), 43u);
    const auto key = crypto::RandomKey();
    const auto box = crypto::Seal(key, "370811201503121234");
    EXPECT_EQ(crypto::Open(key, box), "370811201503121234");
    auto tampered = box;
    tampered.back() ^= 1;
    EXPECT_THROW(crypto::Open(key, tampered), std::runtime_error);
    EXPECT_THROW(crypto::Open(crypto::RandomKey(), box), std::runtime_error);
    EXPECT_EQ(crypto::KeyedHash(key, "a"), crypto::KeyedHash(key, "a"));
    EXPECT_NE(crypto::KeyedHash(key, "a"), crypto::KeyedHash(crypto::RandomKey(), "a"));
}

}  // namespace
}  // namespace kehou::auth
