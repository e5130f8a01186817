#include "auth/repo.hpp"

namespace kehou::auth::repo {
namespace {

// Column list shared by every user query: ReadUser reads it by position.
#define KEHOU_USER_COLUMNS                                                                                    \
    "u.id, u.username, u.display_name, u.role, u.scope_path, u.must_change_password, u.is_demo, u.is_active," \
    " u.locked_until, u.created_at"

constexpr db::Query kFindByName{
    "auth.find_user_by_name", "SELECT " KEHOU_USER_COLUMNS ", u.password_hash FROM auth_user u WHERE u.username = $1"};
constexpr db::Query kFind{"auth.find_user", "SELECT " KEHOU_USER_COLUMNS " FROM auth_user u WHERE u.id = $1"};
constexpr db::Query kList{"auth.list_users", "SELECT " KEHOU_USER_COLUMNS
                                             " FROM auth_user u WHERE u.scope_path LIKE $1 || '%'"
                                             " ORDER BY u.username LIMIT $2 OFFSET $3"};
constexpr db::Query kInsert{
    "auth.insert_user",
    "INSERT INTO auth_user (username, display_name, role, scope_path, password_hash, must_change_password, is_demo,"
    " created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"};
constexpr db::Query kSetPassword{"auth.set_password",
                                 "UPDATE auth_user SET password_hash = $2, must_change_password = FALSE,"
                                 " password_changed_at = $3 WHERE id = $1"};
constexpr db::Query kSetLocked{"auth.set_locked", "UPDATE auth_user SET locked_until = $2 WHERE id = $1"};
constexpr db::Query kRecordFailure{"auth.record_failure",
                                   "INSERT INTO auth_login_failure (user_id, failed_at) VALUES ($1, $2)"};
constexpr db::Query kFailuresSince{"auth.failures_since",
                                   "SELECT failed_at FROM auth_login_failure WHERE user_id = $1 AND failed_at >= $2"};
constexpr db::Query kClearFailures{"auth.clear_failures", "DELETE FROM auth_login_failure WHERE user_id = $1"};
constexpr db::Query kInsertSession{
    "auth.insert_session",
    "INSERT INTO auth_session (token_hash, user_id, csrf_token, created_at, last_seen_at,"
    " client_address) VALUES ($1, $2, $3, $4, $4, $5)"};
constexpr db::Query kFindSession{"auth.find_session",
                                 "SELECT " KEHOU_USER_COLUMNS
                                 ", s.csrf_token, s.created_at, s.last_seen_at"
                                 " FROM auth_session s JOIN auth_user u ON u.id = s.user_id WHERE s.token_hash = $1"};
constexpr db::Query kTouch{"auth.touch_session", "UPDATE auth_session SET last_seen_at = $2 WHERE token_hash = $1"};
constexpr db::Query kDeleteSession{"auth.delete_session", "DELETE FROM auth_session WHERE token_hash = $1"};
constexpr db::Query kDeleteOthers{"auth.delete_other_sessions",
                                  "DELETE FROM auth_session WHERE user_id = $1 AND token_hash <> $2"};
#undef KEHOU_USER_COLUMNS

User ReadUser(const db::Row& r) {
    User u;
    u.id = r.Int(0);
    u.username = r.Text(1);
    u.display_name = r.Text(2);
    u.role = ParseRole(r.Text(3)).value_or(Role::kGuardian);
    u.scope_path = r.Text(4);
    u.must_change_password = r.Int(5) != 0;
    u.is_demo = r.Int(6) != 0;
    u.is_active = r.Int(7) != 0;
    u.locked_until = r.OptText(8);
    u.created_at = r.Text(9);
    return u;
}

}  // namespace

std::optional<UserWithHash> FindUserByName(db::Connection& c, const std::string& username) {
    return db::QueryOne(c, kFindByName, {username}, [](const db::Row& row) {
        return UserWithHash{ReadUser(row), row.Text(10)};
    });
}

std::optional<User> FindUser(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kFind, {id}, [](const db::Row& row) { return ReadUser(row); });
}

std::int64_t InsertUser(db::Connection& c, const NewUser& u, const std::string& password_hash, const std::string& now) {
    return c
        .Query(kInsert, {u.username, u.display_name, std::string(RoleName(u.role)), u.scope_path, password_hash,
                         std::int64_t{u.must_change_password && !u.is_demo}, std::int64_t{u.is_demo}, now})[0]
        .Int(0);
}

void SetPassword(db::Connection& c, std::int64_t user_id, const std::string& hash, const std::string& now) {
    c.Execute(kSetPassword, {user_id, hash, now});
}

void SetLockedUntil(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& until) {
    c.Execute(kSetLocked, {user_id, db::Opt(until)});
}

std::vector<User> ListUsers(db::Connection& c, const std::string& scope_path, int limit, int offset) {
    std::vector<User> out;
    for (const auto& r : c.Query(kList, {scope_path, std::int64_t{limit}, std::int64_t{offset}}))
        out.push_back(ReadUser(r));
    return out;
}

void RecordFailure(db::Connection& c, std::int64_t user_id, const std::string& at) {
    c.Execute(kRecordFailure, {user_id, at});
}

std::vector<TimePoint> FailuresSince(db::Connection& c, std::int64_t user_id, const std::string& since) {
    std::vector<TimePoint> out;
    for (const auto& r : c.Query(kFailuresSince, {user_id, since}))
        if (auto t = ParseRfc3339(r.Text(0))) out.push_back(*t);
    return out;
}

void ClearFailures(db::Connection& c, std::int64_t user_id) {
    c.Execute(kClearFailures, {user_id});
}

void InsertSession(db::Connection& c, const std::string& token_hash, std::int64_t user_id, const std::string& csrf,
                   const std::string& now, const std::string& client) {
    c.Execute(kInsertSession, {token_hash, user_id, csrf, now, client});
}

std::optional<SessionRow> FindSession(db::Connection& c, const std::string& token_hash) {
    return db::QueryOne(c, kFindSession, {token_hash}, [](const db::Row& row) {
        return SessionRow{ReadUser(row), row.Text(10), row.Text(11), row.Text(12)};
    });
}

void TouchSession(db::Connection& c, const std::string& token_hash, const std::string& now) {
    c.Execute(kTouch, {token_hash, now});
}

void DeleteSession(db::Connection& c, const std::string& token_hash) {
    c.Execute(kDeleteSession, {token_hash});
}

void DeleteOtherSessions(db::Connection& c, std::int64_t user_id, const std::string& keep_token_hash) {
    c.Execute(kDeleteOthers, {user_id, keep_token_hash});
}

}  // namespace kehou::auth::repo
