#pragma once
// Excel (.xlsx) exports of registry lists, through libxlsxwriter; numbers stay masked (RULES R3.11).

#include <string>
#include <variant>
#include <vector>

#include "org/model.hpp"

namespace kehou::org {

/// A cell of an export: text, or a number Excel can sum.
using Cell = std::variant<std::string, double>;

/// One sheet under a bold header row, with filters and a frozen header. Any module's export uses it.
std::string Workbook(const std::string& sheet_name, const std::vector<std::string>& headers,
                     const std::vector<std::vector<Cell>>& rows);

/// The student list: Chinese headers, masked numbers, flags as 是/否.
std::string StudentsWorkbook(const std::vector<Student>& students);
/// The teacher list: masked mobiles, subjects joined with 、.
std::string TeachersWorkbook(const std::vector<Teacher>& teachers);

}  // namespace kehou::org
