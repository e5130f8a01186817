#pragma once
// kehou_meta: facts about the database itself (who created it, whether the demo city is in it).

#include <optional>
#include <string>

#include "db/connection.hpp"

namespace kehou::db {

std::optional<std::string> GetMeta(Connection& conn, const std::string& key);
/// Inserts or replaces one fact.
void PutMeta(Connection& conn, const std::string& key, const std::string& value);

}  // namespace kehou::db
