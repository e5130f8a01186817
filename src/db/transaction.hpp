#pragma once
// RAII transaction: rolls back unless Commit() was called, so a failed request leaves no partial write.

#include "db/connection.hpp"

namespace kehou::db {

/// Reads only, or may write. On SQLite a write transaction takes the write lock at BEGIN
/// (BEGIN IMMEDIATE), so two writers never deadlock upgrading a read lock.
enum class TxMode { kRead, kWrite };

/// One transaction on one connection.
class Transaction {
public:
    Transaction(Connection& conn, TxMode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void Commit();
    Connection& conn() { return conn_; }

private:
    Connection& conn_;
    bool open_ = true;
};

}  // namespace kehou::db
