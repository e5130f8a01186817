#pragma once
// PostgreSQL 15 connection over libpq: statements prepared once per session, text-format results
// converted by column type so callers see the same Values as on SQLite.

#include <memory>
#include <string>

#include "db/connection.hpp"

namespace kehou::db {

/// Connects with a libpq URI (postgresql://user@host:port/db); throws DbError on failure.
std::unique_ptr<Connection> OpenPostgres(const std::string& uri);

/// The URI with any password replaced by ***, for logs.
std::string RedactUri(const std::string& uri);

}  // namespace kehou::db
