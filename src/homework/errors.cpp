#include "homework/errors.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"

namespace kehou::homework {

void RequireText(std::string_view text, std::size_t min_chars, std::size_t max_chars, std::string_view field,
                 std::string_view what_zh, std::string_view what_en) {
    const auto chars = Utf8Chars(text);
    if (chars < min_chars || chars > max_chars)
        throw Error::Unprocessable("homework.bad_text", fmt::format("{}应为 {}–{} 个字", what_zh, min_chars, max_chars),
                                   fmt::format("The {} must be {}–{} characters", what_en, min_chars, max_chars),
                                   std::string(field));
}

void RequireMinutes(int minutes, std::string_view field) {
    if (minutes < 1 || minutes > 240)
        throw Error::Unprocessable("homework.bad_minutes", "预计用时应为 1–240 分钟", "Minutes must be 1–240",
                                   std::string(field));
}

Error ClassNotFound() { return Error::NotFound("homework.class_not_found", "找不到该班级", "No such class"); }

Error AssignmentNotFound() {
    return Error::NotFound("homework.assignment_not_found", "找不到该作业", "No such homework");
}

}  // namespace kehou::homework
