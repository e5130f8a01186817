#pragma once
// Stored codes of enums: one table per enum, {value, code}, read both ways, so the word the database and the API
// use and the enum never drift apart.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace kehou {

/// The code of `v` in `table`; empty when the table lacks it.
template <typename E, std::size_t N>
constexpr std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (const auto& [e, code] : table)
        if (e == v) return code;
    return {};
}

/// The value whose code is `s`; nullopt for an unknown code.
template <typename E, std::size_t N>
constexpr std::optional<E> ParseCode(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
    for (const auto& [e, code] : table)
        if (code == s) return e;
    return std::nullopt;
}

}  // namespace kehou
