#include "db/connection.hpp"

#include <string>

namespace kehou::db {

std::string_view DialectName(Dialect d) { return d == Dialect::kSqlite ? "sqlite" : "postgresql"; }

namespace {
[[noreturn]] void WrongType(std::size_t i, const char* want) {
    throw DbError(DbErrorKind::kOther, {}, "column " + std::to_string(i) + " is not " + want);
}
}  // namespace

bool Row::IsNull(std::size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }

std::int64_t Row::Int(std::size_t i) const {
    if (auto p = std::get_if<std::int64_t>(&cells_.at(i))) return *p;
    WrongType(i, "an integer");
}

double Row::Real(std::size_t i) const {
    if (auto p = std::get_if<double>(&cells_.at(i))) return *p;
    if (auto p = std::get_if<std::int64_t>(&cells_.at(i))) return static_cast<double>(*p);
    WrongType(i, "a number");
}

const std::string& Row::Text(std::size_t i) const {
    if (auto p = std::get_if<std::string>(&cells_.at(i))) return *p;
    WrongType(i, "text");
}

const Blob& Row::Bytes(std::size_t i) const {
    if (auto p = std::get_if<Blob>(&cells_.at(i))) return *p;
    WrongType(i, "a blob");
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Text(i);
}

}  // namespace kehou::db
