#include "auth/service.hpp"

#include <regex>

#include "auth/repo.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"

namespace kehou::auth {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

Error BadCredentials() {
    return Error(ErrorKind::kUnauthenticated, "auth.bad_credentials", "用户名或密码错误",
                 "Wrong user name or password");
}

Error SessionGone() {
    return Error(ErrorKind::kUnauthenticated, "auth.session_expired", "登录已过期，请重新登录",
                 "Your session has expired; please log in again");
}

int Rank(Role r) {
    switch (r) {
        case Role::kCityAdmin: return 3;
        case Role::kDistrictAdmin: return 2;
        case Role::kSchoolAdmin: return 1;
        default: return 0;
    }
}

}  // namespace

bool CanCreateRole(Role actor, Role target) {
    if (Rank(actor) == 0) return false;
    // Inspectors and providers are county business; guardians and teachers a school's.
    if (target == Role::kInspector || target == Role::kProvider) return Rank(actor) >= 2;
    return Rank(target) < Rank(actor);
}

AuthService::AuthService(db::Database& database, AuthOptions options, db::GroupCommitter* writer)
    : database_(database), options_(options), writer_(writer), sessions_(options.session.cache_for), dummy_hash_(crypto::HashPassword("kehou-dummy-Pa55")) {}

NewSession AuthService::Login(const std::string& username, const std::string& password, const std::string& client) {
    auto conn = database_.Acquire();
    const auto found = repo::FindUserByName(*conn, username);
    if (!found) {
        crypto::VerifyPassword(dummy_hash_, password);
        throw BadCredentials();
    }
    const User& user = found->user;
    const auto now = std::chrono::system_clock::now();
    if (user.locked_until)
        if (auto until = ParseRfc3339(*user.locked_until); until && *until > now)
            throw Error::Forbidden("auth.locked", "登录失败次数过多，账号已临时锁定，请稍后再试",
                                   "Too many failed log-ins: the account is locked for a while")
                .WithDetail("locked_until", *user.locked_until);
    if (!crypto::VerifyPassword(found->password_hash, password)) {
        db::Transaction tx(*conn, db::TxMode::kWrite);
        repo::RecordFailure(*conn, user.id, FormatShanghai(now));
        const auto failures = repo::FailuresSince(*conn, user.id, FormatShanghai(now - options_.lockout.window));
        if (auto until = LockedUntil(failures, now, options_.lockout))
            repo::SetLockedUntil(*conn, user.id, FormatShanghai(*until));
        tx.Commit();
        throw BadCredentials();
    }
    if (!user.is_active)
        throw Error::Forbidden("auth.inactive", "账号已停用", "This account is disabled");
    NewSession s{crypto::RandomToken(), crypto::RandomToken(), user};
    db::Transaction tx(*conn, db::TxMode::kWrite);
    repo::ClearFailures(*conn, user.id);
    repo::SetLockedUntil(*conn, user.id, std::nullopt);
    repo::InsertSession(*conn, crypto::Hash(s.token), user.id, s.csrf_token, FormatShanghai(now), client);
    tx.Commit();
    return s;
}

void AuthService::Logout(const std::string& token) {
    auto conn = database_.Acquire();
    sessions_.Erase(crypto::Hash(token));
    repo::DeleteSession(*conn, crypto::Hash(token));
}

Principal AuthService::Authenticate(const std::string& token) {
    const std::string token_hash = crypto::Hash(token);
    if (auto known = sessions_.Get(token_hash)) {
        if (CheckSession(known->principal.role, known->created, known->last_seen, std::chrono::system_clock::now(),
                         options_.session) == SessionState::kValid)
            return known->principal;
        sessions_.Erase(token_hash);
    }
    auto conn = database_.Acquire();
    const auto s = repo::FindSession(*conn, token_hash);
    if (!s || !s->user.is_active) throw SessionGone();
    const auto now = std::chrono::system_clock::now();
    const auto created = ParseRfc3339(s->created_at);
    const auto last_seen = ParseRfc3339(s->last_seen_at);
    if (!created || !last_seen ||
        CheckSession(s->user.role, *created, *last_seen, now, options_.session) != SessionState::kValid) {
        repo::DeleteSession(*conn, token_hash);
        throw SessionGone();
    }
    TimePoint seen = *last_seen;
    if (now - *last_seen >= options_.session.touch_interval) {
        seen = now;
        // Last-seen only drives idle expiry, a minute coarse: a lost touch costs nothing, a write of each
        // request's own would cost an fsync per family in a rush.
        if (writer_)
            writer_->Post([token_hash, at = FormatShanghai(now)](db::Connection& c) { repo::TouchSession(c, token_hash, at); });
        else
            repo::TouchSession(*conn, token_hash, FormatShanghai(now));
    }
    Principal p{s->user.id,         s->user.username,
                s->user.display_name, s->user.role,
                s->user.scope_path, s->user.must_change_password,
                s->csrf_token};
    sessions_.Put(token_hash, {p, *created, seen});
    return p;
}

void AuthService::ChangePassword(const Principal& caller, const std::string& token, const std::string& old_password,
                                 const std::string& new_password) {
    auto conn = database_.Acquire();
    const auto found = repo::FindUserByName(*conn, caller.username);
    if (!found || !crypto::VerifyPassword(found->password_hash, old_password))
        throw Error::Unprocessable("auth.wrong_old_password", "原密码不正确", "The current password is wrong",
                                   "old_password");
    if (auto problem = CheckPassword(new_password, caller.username, options_.password)) throw *problem;
    if (old_password == new_password)
        throw Error::Unprocessable("auth.password_unchanged", "新密码不能与原密码相同",
                                   "The new password must differ from the current one", "new_password");
    const std::string hash = crypto::HashPassword(new_password);
    db::Transaction tx(*conn, db::TxMode::kWrite);
    repo::SetPassword(*conn, caller.user_id, hash, Now());
    repo::DeleteOtherSessions(*conn, caller.user_id, crypto::Hash(token));
    // The caller's own session too: it is re-read without the must-change-password flag.
    sessions_.EraseIf([&](const std::string&, const KnownSession& k) { return k.principal.user_id == caller.user_id; });
    tx.Commit();
}

void AuthService::CheckNewUser(const NewUser& u) const {
    static const std::regex name(R"([a-z0-9][a-z0-9._-]{2,63})");
    if (!std::regex_match(u.username, name))
        throw Error::BadRequest("auth.bad_username", "用户名须为 3–64 位小写字母、数字、点、下划线或连字符",
                                "User names are 3–64 lower-case letters, digits, '.', '_' or '-'", "username");
    if (u.display_name.empty())
        throw Error::BadRequest("auth.missing_display_name", "请填写姓名", "A display name is required",
                                "display_name");
    if (u.scope_path.size() < 3 || u.scope_path.front() != '/' || u.scope_path.back() != '/')
        throw Error::BadRequest("auth.bad_scope", "数据范围格式错误", "Malformed scope path", "scope_path");
    if (auto problem = CheckPassword(u.password, u.username, options_.password)) throw *problem;
}

User AuthService::CreateUser(const NewUser& u) {
    CheckNewUser(u);
    const std::string hash = crypto::HashPassword(u.password);
    auto conn = database_.Acquire();
    db::Transaction tx(*conn, db::TxMode::kWrite);
    std::int64_t id = 0;
    try {
        id = repo::InsertUser(*conn, u, hash, Now());
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbErrorKind::kUnique)
            throw Error::Conflict("auth.username_taken", "用户名已被使用", "That user name is taken", "username");
        throw;
    }
    tx.Commit();
    return *repo::FindUser(*conn, id);
}

User AuthService::CreateUserAs(const Principal& actor, const NewUser& u) {
    if (!CanCreateRole(actor.role, u.role))
        throw Error::Forbidden("auth.role_not_allowed", "无权创建该角色的账号",
                               "You may not create accounts with that role");
    if (!actor.Covers(u.scope_path))
        throw Error::Forbidden("auth.scope_not_allowed", "只能在本单位数据范围内创建账号",
                               "Accounts can only be created inside your own scope");
    return CreateUser(u);
}

std::optional<std::string> AuthService::ScopeOfUsername(const std::string& username) {
    auto conn = database_.Acquire();
    const auto found = repo::FindUserByName(*conn, username);
    if (!found) return std::nullopt;
    return found->user.scope_path;
}

std::vector<User> AuthService::ListUsers(const Principal& caller, int page, int page_size) {
    auto conn = database_.Acquire();
    return repo::ListUsers(*conn, caller.scope_path, page_size, (page - 1) * page_size);
}

}  // namespace kehou::auth
