#include "app/admin_commands.hpp"

#include <fstream>
#include <ostream>
#include <sstream>

#include "afterschool/allocation_io.hpp"
#include "app/app.hpp"
#include "auth/audit.hpp"
#include "auth/service.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"

namespace kehou::app {
namespace {

// The admin commands need the schema but not the web server.
std::unique_ptr<db::Database> OpenMigrated(const Config& config) {
    crypto::Init();
    db::DatabaseOptions opts;
    opts.url = config.db;
    opts.pool_size = 2;
    auto database = std::make_unique<db::Database>(opts);
    MigrateDatabase(*database);
    return database;
}

// Writes from the console are in the operation log too; the actor is the local operator.
void AuditConsole(db::Database& database, const std::string& action, const std::string& title,
                  const std::string& object, int outcome) {
    auth::AuditLog(database).Record({FormatShanghai(std::chrono::system_clock::now()), std::nullopt, "console",
                                     "operator", "/", action, title, object, outcome, "console", "local"});
}

void PrintError(std::ostream& err, const Error& e) {
    err << "kehou: " << e.message_zh() << " / " << e.message_en();
    if (!e.field().empty()) err << " (" << e.field() << ")";
    err << "\n";
}

}  // namespace

int AdminCreateUser(const Config& config, const CreateUserArgs& a, std::ostream& out, std::ostream& err) {
    const auto role = ParseRole(a.role);
    if (!role) {
        err << "kehou: 角色无效 / unknown role: " << a.role << "\n";
        return 2;
    }
    auto database = OpenMigrated(config);
    auth::AuthService auth(*database);
    try {
        const auto u = auth.CreateUser({a.username, a.display_name, *role, a.scope_path, a.password, a.demo, !a.demo});
        AuditConsole(*database, "auth:user:create", "新建用户（命令行）",
                     "user_id=" + std::to_string(u.id) + " username=" + u.username, 201);
        out << "created user " << u.username << " (id " << u.id << ", " << RoleName(u.role) << ", scope "
            << u.scope_path << (u.must_change_password ? "); the password must be changed at first log-in\n" : ")\n");
        return 0;
    } catch (const Error& e) {
        AuditConsole(*database, "auth:user:create", "新建用户（命令行）", "username=" + a.username, e.http_status());
        PrintError(err, e);
        return 1;
    }
}

int AdminVerifyAudit(const Config& config, std::ostream& out, std::ostream& err) {
    auto database = OpenMigrated(config);
    const auto v = auth::AuditLog(*database).Verify();
    if (v.Ok()) {
        out << "audit chain intact: " << v.rows << " row(s)\n";
        return 0;
    }
    err << "audit chain BROKEN at row " << *v.first_bad_id << ": " << v.problem << " (" << v.rows
        << " row(s) read)\n";
    return 1;
}

int AdminPruneAudit(const Config& config, std::ostream& out, std::ostream& err) {
    auto database = OpenMigrated(config);
    try {
        const auto n = auth::AuditLog(*database).Prune(config.audit_retention_days);
        AuditConsole(*database, "audit:log:delete", "清理过期操作日志",
                     "older_than_days=" + std::to_string(config.audit_retention_days) + " rows=" + std::to_string(n),
                     200);
        out << "pruned " << n << " audit row(s) older than " << config.audit_retention_days << " days\n";
        return 0;
    } catch (const Error& e) {
        PrintError(err, e);
        return 1;
    }
}

}  // namespace kehou::app

namespace kehou::app {
namespace {

// Offline: the published inputs file, the revealed seed and the published digest are all anyone needs.
int VerifyFromFiles(const AllocateArgs& a, std::ostream& out, std::ostream& err) {
    std::ifstream in(a.inputs_file);
    if (!in) {
        err << "kehou: 无法读取 / cannot read " << a.inputs_file << "\n";
        return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto result = afterschool::Allocate(afterschool::ReadAllocInputs(text.str(), a.seed));
    std::size_t assigned = 0;
    for (const auto& w : result.wishes) assigned += w.outcome == afterschool::WishOutcome::kAssigned;
    out << "re-ran the allocation: " << result.wishes.size() << " wish(es), " << assigned << " assigned\n"
        << "digest " << result.digest << "\n";
    if (a.digest.empty()) return 0;
    if (a.digest == result.digest) {
        out << "the published digest matches\n";
        return 0;
    }
    err << "the published digest DIFFERS: " << a.digest << "\n";
    return 1;
}

}  // namespace

int RunAllocate(const Config& config, const AllocateArgs& a, std::ostream& out, std::ostream& err) {
    try {
        if (!a.inputs_file.empty()) return VerifyFromFiles(a, out, err);
        App app(config);
        if (a.verify) {
            if (const auto diff = app.selection().Verify(a.window_id)) {
                err << "window " << a.window_id << ": the published allocation does NOT verify: " << *diff << "\n";
                return 1;
            }
            out << "window " << a.window_id << ": the published allocation verifies (seed matches its commitment, "
                << "every line and the digest re-run identically)\n";
            return 0;
        }
        const auto w = app.selection().Allocate(afterschool::SystemPrincipal(), a.window_id);
        AuditConsole(app.database(), "afterschool:window:allocate", "运行摇号分配（命令行）",
                     "window_id=" + std::to_string(w.id), 200);
        out << "window " << w.id << " allocated; seed " << w.seed.value_or("") << ", digest "
            << w.result_digest.value_or("") << "\n";
        return 0;
    } catch (const Error& e) {
        PrintError(err, e);
        return 1;
    }
}

}  // namespace kehou::app
