#pragma once
// Test helpers for the .xlsx reader: real workbooks written by libxlsxwriter (what the export writes and
// what Excel-like tools produce) and hand-made ones zipped part by part with libzip.

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kehou::testing {

/// A temporary file path, removed when it goes out of scope.
class TempPath {
public:
    TempPath() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kehou-xlsx-test-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path_ = pattern;
    }
    ~TempPath() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }
    std::string Bytes() const {
        std::ifstream in(path_, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::string path_;
};

/// The bytes of a workbook that `fill` builds with libxlsxwriter.
inline std::string XlsxWith(const std::function<void(lxw_workbook*)>& fill) {
    TempPath file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) throw std::runtime_error("workbook_new failed");
    fill(book);
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("workbook_close failed");
    return file.Bytes();
}

/// The bytes of a zip holding these parts (name, content), compressed as libzip does by default.
inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& parts) {
    TempPath file;
    int err = 0;
    zip_t* z = zip_open(file.path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) throw std::runtime_error("zip_open failed");
    for (const auto& [name, content] : parts) {
        zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
        if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) throw std::runtime_error("zip add");
    }
    if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
    return file.Bytes();
}

}  // namespace kehou::testing
