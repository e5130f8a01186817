#include "core/mask.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace kehou {
namespace {

// Byte length of the UTF-8 sequence starting at s[i]; 1 for a stray or truncated byte so that broken input
// still masks without reading past the end.
std::size_t SequenceLength(std::string_view s, std::size_t i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead < 0x80           ? 1
                            : (lead >> 5) == 0x6  ? 2
                            : (lead >> 4) == 0xE  ? 3
                            : (lead >> 3) == 0x1E ? 4
                                                  : 1;
    if (i + len > s.size()) return 1;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
    return len;
}

// The code points of s, as views into it.
std::vector<std::string_view> CodePoints(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = SequenceLength(s, i);
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

// Keeps `front` and `back` code points and stars the rest; all stars unless at least one would be hidden,
// because a "mask" that hides nothing would show the full value.
std::string KeepEnds(std::string_view value, std::size_t front, std::size_t back) {
    const auto chars = CodePoints(value);
    if (chars.size() <= front + back) return std::string(chars.size(), '*');
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const bool keep = i < front || i >= chars.size() - back;
        out += keep ? chars[i] : std::string_view("*");
    }
    return out;
}

// Common two-character surnames (复姓); a longer list would mostly add rare ones.
constexpr std::array<std::string_view, 20> kCompoundSurnames{
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "夏侯", "尉迟",
    "长孙", "宇文", "公孙", "司徒", "轩辕", "端木", "独孤", "南宫", "西门", "百里",
};

}  // namespace

std::string MaskIdNumber(std::string_view id_number) {
    return KeepEnds(id_number, 6, 4);
}

std::string MaskMobile(std::string_view mobile) {
    return KeepEnds(mobile, 3, 4);
}

std::string MaskStudentNumber(std::string_view student_number) {
    return KeepEnds(student_number, 7, 4);
}

std::string MaskName(std::string_view name) {
    const auto chars = CodePoints(name);
    // Two characters of a compound surname only when a given name follows: "欧阳" alone reads as 欧 + 阳.
    const bool compound =
        chars.size() >= 3 && std::find(kCompoundSurnames.begin(), kCompoundSurnames.end(),
                                       name.substr(0, chars[0].size() + chars[1].size())) != kCompoundSurnames.end();
    return KeepEnds(name, compound ? 2 : 1, 0);
}

}  // namespace kehou
