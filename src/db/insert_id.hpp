#pragma once
// The id of a row just inserted, the cheaper way on each engine.

#include <span>

#include "db/connection.hpp"

namespace kehou::db {

/// One INSERT of one row given twice: `plain`, and `returning` (the same text + " RETURNING id"); returns
/// the new id. SQLite carries a RETURNING row through a temporary table and guards the statement with a
/// statement journal — measured at twice the CPU of the plain insert (a registry row with two unique
/// look-up hashes), ~30 s of the demo city's seed — so there the plain insert is followed by
/// last_insert_rowid(), which reads the connection's own last insert (a connection serves one thread at a
/// time). PostgreSQL has no such function and returns the id.
inline std::int64_t InsertForId(Connection& c, const Query& plain, const Query& returning,
                                std::span<const Value> params) {
    if (c.dialect() != Dialect::kSqlite) return c.Query(returning, params)[0].Int(0);
    constexpr Query kLastId{"db.last_insert_rowid", "SELECT last_insert_rowid()"};
    c.Execute(plain, params);
    return c.Query(kLastId)[0].Int(0);
}

}  // namespace kehou::db
