#include "io/upload_file.hpp"

namespace kehou::io {

std::optional<std::string> PhotoOrPdfMime(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
    if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
    if (bytes.starts_with("%PDF-")) return "application/pdf";
    return std::nullopt;
}

std::string CleanFileName(std::string_view name, std::string_view fallback) {
    if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out;
    for (unsigned char ch : name)
        if (ch >= 0x20 && ch != 0x7F) out.push_back(static_cast<char>(ch));
    while (out.size() > 100) {
        do out.pop_back();
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80);
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    }
    return out.empty() ? std::string(fallback) : out;
}

}  // namespace kehou::io
