#pragma once
// Log-in, log-out, sessions, password changes and user administration, with the policy of rules.hpp.

#include <string>
#include <vector>

#include "auth/model.hpp"
#include "auth/rules.hpp"
#include "core/ttl_cache.hpp"
#include "db/database.hpp"
#include "db/group_commit.hpp"

namespace kehou::auth {

/// The policies the service applies; tests shorten them.
struct AuthOptions {
    PasswordPolicy password;
    LockoutPolicy lockout;
    SessionPolicy session;
};

/// Who may create which accounts: an administrator creates roles below its own, inside its scope.
bool CanCreateRole(Role actor, Role target);

/// The auth use cases. Thread-safe (state lives in the database).
class AuthService {
public:
    /// With a writer, a session's last-seen time is written in its batches rather than in a
    /// transaction of each request's own.
    explicit AuthService(db::Database& database, AuthOptions options = {}, db::GroupCommitter* writer = nullptr);

    /// Checks the password (Argon2id), the lock-out and the account state; opens a session.
    /// Throws 401 auth.bad_credentials (unknown user or wrong password alike), 403 auth.locked.
    NewSession Login(const std::string& username, const std::string& password, const std::string& client);
    void Logout(const std::string& token);
    /// The caller of a session token; 401 when unknown or expired (idle or absolute).
    Principal Authenticate(const std::string& token);
    /// Checks the old password and the policy, stores the new one, ends the user's other sessions.
    void ChangePassword(const Principal& caller, const std::string& token, const std::string& old_password,
                        const std::string& new_password);
    /// Creates an account without an acting user (command line, seeding).
    User CreateUser(const NewUser& u);
    /// Creates an account on behalf of an administrator: role below theirs, scope inside theirs.
    User CreateUserAs(const Principal& actor, const NewUser& u);
    std::vector<User> ListUsers(const Principal& caller, int page, int page_size);
    /// The scope of an account by name, so a failed log-in is logged where its administrators look.
    std::optional<std::string> ScopeOfUsername(const std::string& username);

private:
    void CheckNewUser(const NewUser& u) const;

    db::Database& database_;
    AuthOptions options_;
    db::GroupCommitter* writer_;
    /// A session as last read: who, and the times its expiry is checked against.
    struct KnownSession {
        Principal principal;
        TimePoint created, last_seen;
    };
    TtlCache<std::string, KnownSession> sessions_;  // by token hash
    std::string dummy_hash_;  // verified against for unknown users, so timing does not reveal names
};

}  // namespace kehou::auth
