#include "db/transaction.hpp"

#include <spdlog/spdlog.h>

namespace kehou::db {

Transaction::Transaction(Connection& conn, TxMode mode) : conn_(conn) {
    if (conn.dialect() == Dialect::kSqlite)
        conn.ExecScript(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    else
        conn.ExecScript(mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        conn_.ExecScript("ROLLBACK");
    } catch (const std::exception& e) {
        // A rollback that fails means the connection is broken; the pool discards it.
        spdlog::warn("rollback failed: {}", e.what());
    }
}

void Transaction::Commit() {
    conn_.ExecScript("COMMIT");
    open_ = false;
}

}  // namespace kehou::db
