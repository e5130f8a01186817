#pragma once
// SQLite 3 connection: WAL, foreign keys on, busy timeout, prepared statements cached by SQL text.

#include <memory>
#include <string>

#include "db/connection.hpp"

namespace kehou::db {

/// How SQLite syncs on commit: kFull makes an acknowledged commit survive power loss, kNormal only
/// a process crash (kill -9).
enum class SqliteSync { kNormal, kFull };

/// Opens (and creates) the file; throws DbError on failure.
std::unique_ptr<Connection> OpenSqlite(const std::string& path, SqliteSync sync, int busy_timeout_ms);

}  // namespace kehou::db
