#include "db/migrate.hpp"

namespace kehou::db::embedded_migrations {
const std::vector<EmbeddedFile>& Files();  // generated from src/db/migrations/
}

namespace kehou::db {

const std::vector<Migration>& BuiltinMigrations() {
    static const std::vector<Migration> migrations = LoadMigrations(embedded_migrations::Files());
    return migrations;
}

}  // namespace kehou::db
