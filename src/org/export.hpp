#pragma once
// Excel (.xlsx) exports of registry lists, through libxlsxwriter; numbers stay masked (RULES R3.11).

#include <string>
#include <vector>

#include "org/model.hpp"

namespace kehou::org {

/// The workbook bytes of a student list: one sheet, Chinese headers, masked numbers.
std::string StudentsWorkbook(const std::vector<Student>& students);

}  // namespace kehou::org
