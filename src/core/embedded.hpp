#pragma once
// Files compiled into the binary by cmake/embed.cmake (migrations, the OpenAPI document).

#include <string_view>
#include <vector>

namespace kehou {

/// One embedded file: its base name and its whole text.
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

}  // namespace kehou
