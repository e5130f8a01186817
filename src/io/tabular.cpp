#include "io/tabular.hpp"

#include <csv.h>
#include <iconv.h>

#include <algorithm>

namespace kehou::io {
namespace {

bool ValidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

std::optional<std::string> FromGb18030(std::string_view in) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1) || src_left != 0) return std::nullopt;
    out.resize(out.size() - dst_left);
    return out;
}

/// Records with the physical line each starts on, so an error names the line the user sees in a text
/// editor even after blank lines, CRLF endings or quoted fields that span lines.
struct Collector {
    Table* table;
    std::vector<std::string> current;
    int line = 1;
    int embedded = 0;  // newlines inside quoted fields of the current record
    bool after_cr = false;
};

void OnField(void* data, std::size_t len, void* self) {
    auto* c = static_cast<Collector*>(self);
    std::string field(static_cast<const char*>(data), len);
    c->embedded += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
    c->current.push_back(std::move(field));
}

// With CSV_REPALL_NL every line ending is reported: a record's terminator, or an empty record for a
// blank line; the LF of a CRLF arrives as an empty record right after the CR and ends no new line.
void OnRecord(int terminator, void* self) {
    auto* c = static_cast<Collector*>(self);
    const bool crlf_tail = c->current.empty() && terminator == '\n' && c->after_cr;
    if (!crlf_tail) {
        if (!c->current.empty()) {
            c->table->rows.push_back(std::move(c->current));
            c->table->lines.push_back(c->line);
        }
        c->line += 1 + c->embedded;
    }
    c->embedded = 0;
    c->after_cr = terminator == '\r';
    c->current.clear();
}

// Old binary workbooks (and password-protected .xlsx) are OLE compound files; as CSV they would only
// fail as "neither UTF-8 nor GBK", which tells the official nothing.
bool LooksLikeOle(std::string_view bytes) {
    return bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0", 4));
}

Table FromSheet(std::string_view bytes, const XlsxLimits& limits) {
    Table t;
    t.encoding = "xlsx";
    ReadError error;
    auto rows = ReadXlsxFirstSheet(bytes, error, limits);
    if (!rows) {
        t.error = std::move(error);
        return t;
    }
    for (std::size_t i = 0; i < rows->size(); ++i) {
        auto& row = (*rows)[i];
        // A row of empty cells is what a blank line is in a CSV: nothing the official typed.
        if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return c.empty(); })) continue;
        t.rows.push_back(std::move(row));
        t.lines.push_back(static_cast<int>(i) + 1);
    }
    return t;
}

}  // namespace

std::optional<std::string> DecodeText(std::string_view bytes, std::string& encoding) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (ValidUtf8(bytes)) {
        encoding = "utf-8";
        return std::string(bytes);
    }
    encoding = "gbk";
    return FromGb18030(bytes);
}

Table ReadCsv(std::string_view bytes) {
    Table t;
    const auto text = DecodeText(bytes, t.encoding);
    if (!text) {
        t.error = ReadError{"文件既不是 UTF-8 也不是 GBK 编码", "The file is neither UTF-8 nor GBK"};
        return t;
    }
    Collector c{&t};
    csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL | CSV_REPALL_NL);
    csv_parse(&parser, text->data(), text->size(), OnField, OnRecord, &c);
    csv_fini(&parser, OnField, OnRecord, &c);
    csv_free(&parser);
    return t;
}

Table ReadTable(std::string_view bytes, const XlsxLimits& limits) {
    if (LooksLikeXlsx(bytes)) return FromSheet(bytes, limits);
    if (LooksLikeOle(bytes)) {
        Table t;
        t.encoding = "xls";
        t.error = ReadError{"不支持旧版 Excel (.xls) 或加密的工作簿，请在 Excel 中另存为 .xlsx 或 CSV 后上传",
                            "Old Excel (.xls) and password-protected workbooks are not supported; save as .xlsx "
                            "or CSV in Excel and upload that"};
        return t;
    }
    return ReadCsv(bytes);
}

}  // namespace kehou::io
