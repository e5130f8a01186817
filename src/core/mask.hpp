#pragma once
// Display masking for personal data shown on screen or paper (RULES R3.10–R3.11). GB/T 35273 fixes no
// pattern, so these follow the convention of R3.11. Masking happens on the server: the full value never
// reaches a client without the `view_pii` permission.
//
// All functions count UTF-8 code points, not bytes, so a mask never splits a character; a byte that is not
// valid UTF-8 counts as one character. A value too short to keep its ends and still hide something comes
// back as all `*`, one per character.

#include <string>
#include <string_view>

namespace kehou {

/// 身份证号 identity number: first 6 and last 4 kept, e.g. `370811********1234`.
std::string MaskIdNumber(std::string_view id_number);
/// 手机号 mobile number: first 3 and last 4 kept, e.g. `138****8000`.
std::string MaskMobile(std::string_view mobile);
/// 姓名 name: the surname kept, two characters for common compound surnames (`张*`, `王**`, `欧阳**`).
std::string MaskName(std::string_view name);
/// 学籍号 student number: the letter plus the 6-digit division code and the last 4 kept.
std::string MaskStudentNumber(std::string_view student_number);

}  // namespace kehou
