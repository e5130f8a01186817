#include "io/zip_xml.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <array>
#include <cstring>

namespace kehou::io {
namespace {

constexpr char kNamespaceSeparator = '|';
constexpr std::size_t kChunk = 64 * 1024;

// What the expat callbacks share: the handler, and why the parse was stopped from inside.
struct ParseState {
    XML_Parser parser;
    XmlHandler* handler;
    std::optional<ReadError> stop;
};

void StopWith(ParseState& s, ReadError e) {
    if (!s.stop) s.stop = std::move(e);
    XML_StopParser(s.parser, XML_FALSE);
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto& s = *static_cast<ParseState*>(data);
    s.handler->Start(LocalName(name), attrs);
    if (s.handler->failure()) StopWith(s, *s.handler->failure());
}

void OnEnd(void* data, const XML_Char* name) {
    auto& s = *static_cast<ParseState*>(data);
    s.handler->End(LocalName(name));
    if (s.handler->failure()) StopWith(s, *s.handler->failure());
}

void OnText(void* data, const XML_Char* text, int len) {
    static_cast<ParseState*>(data)->handler->Text(std::string_view(text, static_cast<std::size_t>(len)));
}

// Spreadsheet parts never carry a DTD; refusing one closes the door on entity-expansion bombs outright.
void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    StopWith(*static_cast<ParseState*>(data), NotAWorkbook("a DTD inside an XML part"));
}

// Frees the expat parser however the parse ends.
struct ParserFree {
    void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

std::optional<std::string_view> Attr(const char** attrs, std::string_view name) {
    for (std::size_t i = 0; attrs && attrs[i]; i += 2)
        if (LocalName(attrs[i]) == name) return std::string_view(attrs[i + 1]);
    return std::nullopt;
}

std::string_view LocalName(const char* name) {
    const char* sep = std::strrchr(name, kNamespaceSeparator);
    return sep ? std::string_view(sep + 1) : std::string_view(name);
}

ReadError NotAWorkbook(std::string_view detail) {
    return {fmt::format("文件不是有效的 Excel (.xlsx) 工作簿，可能已损坏（{}）", detail),
            fmt::format("The file is not a valid Excel (.xlsx) workbook; it may be damaged ({})", detail)};
}

std::unique_ptr<ZipArchive> ZipArchive::Open(std::string_view bytes, ReadError& error) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
    zip_t* archive = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : nullptr;
    if (!archive) {
        error = NotAWorkbook(fmt::format("zip: {}", zip_error_strerror(&ze)));
        if (src) zip_source_free(src);  // on success the archive owns the source; on failure we still do
        zip_error_fini(&ze);
        return nullptr;
    }
    zip_error_fini(&ze);
    return std::unique_ptr<ZipArchive>(new ZipArchive(archive));
}

ZipArchive::~ZipArchive() {
    zip_discard(archive_);
}

bool ZipArchive::Has(const std::string& part) const {
    return zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE) >= 0;
}

bool ZipArchive::Parse(const std::string& part, XmlHandler& handler, std::size_t max_bytes, ReadError& error) const {
    const zip_int64_t index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
        error = NotAWorkbook(fmt::format("missing {}", part));
        return false;
    }
    // The size in the zip directory can lie, so the cap is enforced on the bytes actually inflated.
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive_, index, 0), zip_fclose);
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
    if (!file || !parser) {
        error = NotAWorkbook(fmt::format("cannot open {}: {}", part, zip_strerror(archive_)));
        return false;
    }
    ParseState state{parser.get(), &handler, std::nullopt};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser.get(), OnText);
    XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
    std::array<char, kChunk> buf;
    std::size_t total = 0;
    for (;;) {
        const zip_int64_t n = zip_fread(file.get(), buf.data(), buf.size());
        if (n < 0) {
            error = NotAWorkbook(fmt::format("{}: {}", part, zip_file_strerror(file.get())));
            return false;
        }
        total += static_cast<std::size_t>(n);
        if (total > max_bytes) {
            error = {
                fmt::format("Excel 文件解压后过大（{} 超过 {} MiB）", part, max_bytes >> 20),
                fmt::format("The workbook is too large once decompressed ({} exceeds {} MiB)", part, max_bytes >> 20)};
            return false;
        }
        if (XML_Parse(parser.get(), buf.data(), static_cast<int>(n), n == 0) != XML_STATUS_OK) {
            if (state.stop) {
                error = *state.stop;
            } else {
                error = NotAWorkbook(fmt::format("{} line {}: {}", part, XML_GetCurrentLineNumber(parser.get()),
                                                 XML_ErrorString(XML_GetErrorCode(parser.get()))));
            }
            return false;
        }
        if (n == 0) return true;
    }
}

}  // namespace kehou::io
