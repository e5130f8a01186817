#include "db/meta_repo.hpp"

#include "core/time.hpp"

namespace kehou::db {
namespace {
constexpr Query kGet{"db.get_meta", "SELECT meta_value FROM kehou_meta WHERE meta_key = $1"};
// ON CONFLICT ... DO UPDATE is shared by SQLite (3.24+) and PostgreSQL (9.5+).
constexpr Query kPut{"db.put_meta",
                     "INSERT INTO kehou_meta (meta_key, meta_value, updated_at) VALUES ($1, $2, $3)"
                     " ON CONFLICT (meta_key) DO UPDATE SET meta_value = excluded.meta_value,"
                     " updated_at = excluded.updated_at"};
}  // namespace

std::optional<std::string> GetMeta(Connection& conn, const std::string& key) {
    return QueryOne(conn, kGet, {key}, [](const Row& row) { return row.Text(0); });
}

void PutMeta(Connection& conn, const std::string& key, const std::string& value) {
    conn.Execute(kPut, {key, value, FormatShanghai(std::chrono::system_clock::now())});
}

}  // namespace kehou::db
