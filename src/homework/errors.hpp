#pragma once
// The homework module's input checks and not-found errors, in one place so every service says them alike.

#include <string_view>

#include "core/error.hpp"

namespace kehou::homework {

/// 422 naming `field` unless `text` has min_chars..max_chars characters (UTF-8 code points).
void RequireText(std::string_view text, std::size_t min_chars, std::size_t max_chars, std::string_view field,
                 std::string_view what_zh, std::string_view what_en);
/// 422 naming `field` unless 1–240 minutes (a homework longer than four hours is a typing slip).
void RequireMinutes(int minutes, std::string_view field);

Error ClassNotFound();
Error AssignmentNotFound();

}  // namespace kehou::homework
