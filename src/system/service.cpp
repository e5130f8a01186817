#include "system/service.hpp"

namespace kehou::system {

SystemService::SystemService(db::Database& database, const std::vector<db::Migration>& migrations,
                             BuildInfo build)
    : database_(database), migrations_(migrations), build_(std::move(build)) {}

Readiness SystemService::CheckReadiness() {
    Readiness r;
    try {
        auto conn = database_.Acquire();
        const auto status = db::GetMigrationStatus(*conn, migrations_);
        r.database_ok = true;
        r.migrations_current = status.Current();
        r.pending_migrations = static_cast<int>(status.pending.size());
        if (!r.migrations_current) r.problem = "migrations not current";
    } catch (const std::exception& e) {
        r.problem = e.what();
    }
    return r;
}

}  // namespace kehou::system
