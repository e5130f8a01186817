#pragma once
// The built web app (web/dist) served from memory: hashed assets cached for a year, index.html
// never cached, and every other path that is not a file falls back to index.html (the SPA router).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace kehou::http {

/// The files of one web root, read once at start.
class StaticFiles {
public:
    /// Reads every file under root; a missing root leaves it empty (the API still works).
    explicit StaticFiles(const std::filesystem::path& root);

    /// The response for a GET of path, or nullopt for 404 (a missing asset must not get HTML).
    std::optional<Response> Serve(std::string_view path) const;
    bool HasIndex() const { return files_.contains("/index.html"); }
    std::size_t size() const { return files_.size(); }

private:
    struct File {
        std::string content_type;
        std::string body;
    };
    Response Make(const std::string& key, const File& f) const;

    std::map<std::string, File, std::less<>> files_;
};

/// The Content-Type for a file name, by extension.
std::string ContentTypeFor(std::string_view filename);

}  // namespace kehou::http
