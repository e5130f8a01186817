#include "http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace kehou::http {

std::string ContentTypeFor(std::string_view name) {
    static const std::map<std::string_view, std::string_view> types = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".jpg", "image/jpeg"}, {".ico", "image/x-icon"},
        {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
    };
    const auto dot = name.rfind('.');
    if (dot != std::string_view::npos)
        if (auto it = types.find(name.substr(dot)); it != types.end()) return std::string(it->second);
    return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        spdlog::warn("web root {} not found: the web app is not served (run the web build)", root.string());
        return;
    }
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        const std::string key = "/" + fs::relative(entry.path(), root).generic_string();
        files_[key] = File{ContentTypeFor(key), buf.str()};
    }
}

Response StaticFiles::Make(const std::string& key, const File& f) const {
    Response r;
    r.content_type = f.content_type;
    r.body = f.body;
    // Vite names assets by content hash: they never change, so clients may keep them for a year.
    if (key.starts_with("/assets/")) r.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
    else r.SetHeader("Cache-Control", "no-cache");
    if (key.ends_with(".html"))
        r.SetHeader("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    "connect-src 'self'; frame-ancestors 'none'");
    return r;
}

std::optional<Response> StaticFiles::Serve(std::string_view path) const {
    if (path.find("..") != std::string_view::npos) return std::nullopt;
    const std::string key = path == "/" ? "/index.html" : std::string(path);
    if (auto it = files_.find(key); it != files_.end()) return Make(it->first, it->second);
    // A path with an extension or under /assets/ names a file: answer 404, not the SPA page.
    const auto last_slash = path.rfind('/');
    const bool looks_like_file = path.substr(last_slash + 1).find('.') != std::string_view::npos;
    if (looks_like_file || path.starts_with("/assets/")) return std::nullopt;
    if (auto it = files_.find("/index.html"); it != files_.end()) return Make(it->first, it->second);
    return std::nullopt;
}

}  // namespace kehou::http
