#pragma once
// The system module: liveness, readiness (database reachable, migrations current), build facts.

#include <string>

#include "db/database.hpp"
#include "db/migrate.hpp"

namespace kehou::system {

/// What /readyz reports.
struct Readiness {
    bool database_ok = false;
    bool migrations_current = false;
    int pending_migrations = 0;
    std::string problem;  // for the log only; may name hosts
    bool Ready() const { return database_ok && migrations_current; }
};

/// Build facts the web shell shows.
struct BuildInfo {
    std::string name = "kehou";
    std::string version;
};

/// Answers health questions about this process and its database.
class SystemService {
public:
    SystemService(db::Database& database, const std::vector<db::Migration>& migrations, BuildInfo build);

    Readiness CheckReadiness();
    const BuildInfo& build() const { return build_; }

private:
    db::Database& database_;
    const std::vector<db::Migration>& migrations_;
    BuildInfo build_;
};

}  // namespace kehou::system
