#pragma once
// The plumbing under the .xlsx reader: a zip archive held in memory (libzip) whose parts are streamed
// through expat with a cap on their uncompressed size, so nothing is ever inflated whole or unbounded.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "io/xlsx_reader.hpp"

struct zip;

namespace kehou::io {

/// Receives one XML part's events by local name (namespace prefixes such as `x:` dropped).
class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    /// An element opens; `attrs` is expat's null-terminated name/value list.
    virtual void Start(std::string_view name, const char** attrs) = 0;
    /// An element closes.
    virtual void End(std::string_view /*name*/) {}
    /// Character data, possibly in several pieces.
    virtual void Text(std::string_view /*text*/) {}

    /// Stops the parse with a reason (a limit reached, a reference out of range).
    void Fail(ReadError e) { failure_ = std::move(e); }
    /// Why the handler stopped the parse, if it did.
    const std::optional<ReadError>& failure() const { return failure_; }

private:
    std::optional<ReadError> failure_;
};

/// The value of the attribute with this local name, if present.
std::optional<std::string_view> Attr(const char** attrs, std::string_view name);

/// The part name after the last '|' expat puts between a namespace URI and the local name.
std::string_view LocalName(const char* name);

/// A zip archive read from memory; the bytes must outlive it.
class ZipArchive {
public:
    /// Opens the archive, or nullptr with `error` set when the bytes are not a readable zip.
    static std::unique_ptr<ZipArchive> Open(std::string_view bytes, ReadError& error);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    /// Whether the archive holds a part of this name (OPC part names ignore case).
    bool Has(const std::string& part) const;
    /// Streams the part through `handler`; false with `error` set when the part is missing, inflates past
    /// `max_bytes`, is damaged, is not well-formed XML, declares a DTD, or the handler failed.
    bool Parse(const std::string& part, XmlHandler& handler, std::size_t max_bytes, ReadError& error) const;

private:
    explicit ZipArchive(struct zip* archive) : archive_(archive) {}
    struct zip* archive_;
};

/// The error for bytes that are not a readable workbook, naming the detail for the log.
ReadError NotAWorkbook(std::string_view detail);

}  // namespace kehou::io
