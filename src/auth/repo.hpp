#pragma once
// SQL of the auth module: users, sessions, failed log-ins.

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/time.hpp"
#include "db/connection.hpp"

namespace kehou::auth::repo {

/// A user with the secret needed to check a log-in.
struct UserWithHash {
    User user;
    std::string password_hash;
};

std::optional<UserWithHash> FindUserByName(db::Connection& c, const std::string& username);
std::optional<User> FindUser(db::Connection& c, std::int64_t id);
std::int64_t InsertUser(db::Connection& c, const NewUser& u, const std::string& password_hash, const std::string& now);
void SetPassword(db::Connection& c, std::int64_t user_id, const std::string& hash, const std::string& now);
void SetLockedUntil(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& until);
/// Users whose scope lies inside scope_path, by user name, one page.
std::vector<User> ListUsers(db::Connection& c, const std::string& scope_path, int limit, int offset);

void RecordFailure(db::Connection& c, std::int64_t user_id, const std::string& at);
std::vector<TimePoint> FailuresSince(db::Connection& c, std::int64_t user_id, const std::string& since);
void ClearFailures(db::Connection& c, std::int64_t user_id);

/// A session joined with its user.
struct SessionRow {
    User user;
    std::string csrf_token;
    std::string created_at;
    std::string last_seen_at;
};

void InsertSession(db::Connection& c, const std::string& token_hash, std::int64_t user_id, const std::string& csrf,
                   const std::string& now, const std::string& client);
std::optional<SessionRow> FindSession(db::Connection& c, const std::string& token_hash);
void TouchSession(db::Connection& c, const std::string& token_hash, const std::string& now);
void DeleteSession(db::Connection& c, const std::string& token_hash);
/// Ends every session of a user but one (after a password change).
void DeleteOtherSessions(db::Connection& c, std::int64_t user_id, const std::string& keep_token_hash);

}  // namespace kehou::auth::repo
