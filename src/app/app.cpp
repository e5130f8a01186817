#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "core/time.hpp"
#include "db/meta_repo.hpp"
#include "db/migrate.hpp"
#include "db/transaction.hpp"
#include "system/routes.hpp"

namespace kehou::app {

void RegisterAllRoutes(http::Router& router, system::SystemService& system) {
    system::RegisterRoutes(router, system);
}

int MigrateDatabase(db::Database& database) {
    auto conn = database.OpenOne();
    const int ran = db::ApplyMigrations(*conn, db::BuiltinMigrations());
    db::Transaction tx(*conn, db::TxMode::kWrite);
    if (!db::GetMeta(*conn, "created_at")) {
        db::PutMeta(*conn, "created_at", FormatShanghai(std::chrono::system_clock::now()));
        db::PutMeta(*conn, "created_by_version", kVersion);
    }
    tx.Commit();
    return ran;
}

App::App(const Config& config, const std::function<void(http::Router&)>& extra_routes) : config_(config) {
    db::DatabaseOptions opts;
    opts.url = config.db;
    opts.pool_size = config.EffectiveDbThreads();
    opts.sqlite_sync = config.sqlite_sync == "normal" ? db::SqliteSync::kNormal : db::SqliteSync::kFull;
    database_ = std::make_unique<db::Database>(opts);
    const int ran = MigrateDatabase(*database_);
    spdlog::info("database {}: {} migration(s) applied, {} known", database_->Describe(), ran,
                 db::BuiltinMigrations().size());
    system_ = std::make_unique<system::SystemService>(*database_, db::BuiltinMigrations(),
                                                      system::BuildInfo{"kehou", kVersion});
    RegisterAllRoutes(router_, *system_);
    if (extra_routes) extra_routes(router_);
    static_files_ = std::make_unique<http::StaticFiles>(config.web_root);
    dispatcher_ = std::make_unique<http::Dispatcher>(router_, static_files_.get());
}

}  // namespace kehou::app
