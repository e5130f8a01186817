#pragma once
// 上传文件 What every upload of evidence (an inspection's photos, an enrollment's papers) checks the same way: the kind
// of file by its first bytes, and the name kept for display only.

#include <optional>
#include <string>
#include <string_view>

namespace kehou::io {

/// "image/jpeg", "image/png" or "application/pdf" by the file's first bytes (a renamed executable is no photo);
/// nullopt for anything else.
std::optional<std::string> PhotoOrPdfMime(std::string_view bytes);

/// A display name only: no path, no control characters, at most 100 bytes of UTF-8 kept whole; `fallback` when
/// nothing is left.
std::string CleanFileName(std::string_view name, std::string_view fallback);

}  // namespace kehou::io
