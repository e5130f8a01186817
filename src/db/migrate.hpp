#pragma once
// Numbered schema migrations, applied in order at start, each in its own transaction, recorded in
// kehou_schema_migration with a checksum so an edited, already-applied migration is caught.
//
// Files are named NNNN_name.sql and hold SQL common to both engines; NNNN_name.sqlite.sql or
// NNNN_name.pg.sql replace it for one engine where they must differ. Two type macros keep most
// files common: {{pk}} (an auto-assigned BIGINT primary key) and {{blob}} (BLOB / BYTEA).

#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "db/connection.hpp"

namespace kehou::db {

/// One migration, with its SQL for each engine.
struct Migration {
    int version = 0;
    std::string name;
    std::string sql_sqlite;
    std::string sql_pg;
    const std::string& Sql(Dialect d) const { return d == Dialect::kSqlite ? sql_sqlite : sql_pg; }
};

/// Where the database stands against the migrations this binary carries.
struct MigrationStatus {
    int applied = 0;
    std::vector<int> pending;
    std::vector<int> changed;  // applied, but the binary's text differs: someone edited history
    int unknown = 0;           // applied versions this binary does not know (a newer binary ran)
    bool Current() const { return pending.empty() && changed.empty() && unknown == 0; }
};

/// Parses embedded files into an ordered list; throws std::invalid_argument on a bad name, a gap
/// in numbering, a duplicate or an unknown {{macro}}.
std::vector<Migration> LoadMigrations(const std::vector<EmbeddedFile>& files);

/// The migrations compiled into kehou (src/db/migrations/).
const std::vector<Migration>& BuiltinMigrations();

/// A checksum of one migration's text for one engine (FNV-1a 64, hex).
std::string MigrationChecksum(const Migration& m, Dialect d);

MigrationStatus GetMigrationStatus(Connection& conn, const std::vector<Migration>& migrations);

/// Applies what is pending; returns how many ran. Throws DbError on SQL failure (that migration is
/// rolled back) and std::runtime_error when an applied migration was changed.
int ApplyMigrations(Connection& conn, const std::vector<Migration>& migrations);

}  // namespace kehou::db
