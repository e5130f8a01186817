#pragma once
// What the institution repositories share: enum codes in and out of columns, booleans as integers.

#include <stdexcept>
#include <string>

#include "db/connection.hpp"
#include "institutions/model.hpp"

namespace kehou::institutions::repo {

inline db::Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }

/// A stored code back to its enum; a code the program does not know is a corrupt row.
template <typename E>
E Enum(const std::string& code) {
    if (auto v = ParseEnum<E>(code)) return *v;
    throw std::runtime_error("unknown stored code " + code);
}

template <typename E>
std::optional<E> OptEnum(const std::optional<std::string>& code) {
    return code ? std::optional<E>(Enum<E>(*code)) : std::nullopt;
}

inline db::Value Code(auto v) { return std::string(ToString(v)); }

template <typename E>
db::Value OptCode(const std::optional<E>& v) {
    return v ? Code(*v) : db::Null();
}

}  // namespace kehou::institutions::repo
