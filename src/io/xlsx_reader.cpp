#include "io/xlsx_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "io/xlsx_cells.hpp"
#include "io/zip_xml.hpp"

namespace kehou::io {
namespace {

using xlsx::NumberKind;

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.ends_with(suffix);
}

std::optional<long> ToLong(std::string_view s) {
    long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string Directory(const std::string& part) {
    const auto slash = part.rfind('/');
    return slash == std::string::npos ? std::string{} : part.substr(0, slash + 1);
}

// A relationship target is relative to the source part's folder ("worksheets/sheet1.xml"), or absolute
// from the package root ("/xl/worksheets/sheet1.xml"); ".." segments are folded away.
std::string Resolve(const std::string& dir, std::string_view target) {
    std::string path = target.starts_with('/') ? std::string(target.substr(1)) : dir + std::string(target);
    std::vector<std::string> parts;
    for (std::size_t from = 0; from <= path.size();) {
        const auto slash = std::min(path.find('/', from), path.size());
        const std::string seg = path.substr(from, slash - from);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        from = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

// The .rels part that lists the relationships of `part`: xl/workbook.xml -> xl/_rels/workbook.xml.rels.
std::string RelsOf(const std::string& part) {
    return Directory(part) + "_rels/" + part.substr(Directory(part).size()) + ".rels";
}

/// One relationship of a part: its type URI and resolved target.
struct Relationship {
    std::string type, target;
};

class RelsHandler : public XmlHandler {
public:
    explicit RelsHandler(std::string dir) : dir_(std::move(dir)) {}
    std::map<std::string, Relationship> by_id;

    void Start(std::string_view name, const char** attrs) override {
        if (name != "Relationship" || Attr(attrs, "TargetMode").value_or("") == "External") return;
        const auto id = Attr(attrs, "Id"), type = Attr(attrs, "Type"), target = Attr(attrs, "Target");
        if (id && type && target) by_id[std::string(*id)] = {std::string(*type), Resolve(dir_, *target)};
    }
    /// The target of the first relationship whose type ends with `suffix` ("/styles"), if any.
    std::optional<std::string> OfType(std::string_view suffix) const {
        for (const auto& [id, rel] : by_id)
            if (EndsWith(rel.type, suffix)) return rel.target;
        return std::nullopt;
    }

private:
    std::string dir_;
};

/// The workbook's sheets in tab order, and which date system its serials count from.
class WorkbookHandler : public XmlHandler {
public:
    struct Sheet {
        std::string rel_id;
        bool hidden = false;
    };
    std::vector<Sheet> sheets;
    bool date1904 = false;

    void Start(std::string_view name, const char** attrs) override {
        if (name == "workbookPr") {
            const auto v = Attr(attrs, "date1904").value_or("0");
            date1904 = v == "1" || v == "true";
        } else if (name == "sheet") {
            const auto state = Attr(attrs, "state").value_or("visible");
            sheets.push_back({std::string(Attr(attrs, "id").value_or("")), state != "visible"});
        }
    }
};

/// The text of every shared string, rich-text runs joined and phonetic guides (<rPh>) left out.
class SharedStringsHandler : public XmlHandler {
public:
    explicit SharedStringsHandler(std::size_t max_strings) : max_(max_strings) {}
    std::vector<std::string> strings;

    void Start(std::string_view name, const char**) override {
        if (name == "si") current_.clear();
        if (name == "rPh") ++phonetic_;
        if (name == "t") in_text_ = phonetic_ == 0;
    }
    void End(std::string_view name) override {
        if (name == "t") in_text_ = false;
        if (name == "rPh") --phonetic_;
        if (name != "si") return;
        strings.push_back(xlsx::Unescape(current_));
        if (strings.size() > max_) Fail(NotAWorkbook("too many shared strings"));
    }
    void Text(std::string_view text) override {
        if (in_text_) current_ += text;
    }

private:
    std::size_t max_;
    std::string current_;
    int phonetic_ = 0;
    bool in_text_ = false;
};

/// For each cell style (the `s` index of a cell), whether its number format shows a date or time.
class StylesHandler : public XmlHandler {
public:
    void Start(std::string_view name, const char** attrs) override {
        if (name == "numFmt") {
            if (const auto id = ToLong(Attr(attrs, "numFmtId").value_or("")))
                custom_[*id] = std::string(Attr(attrs, "formatCode").value_or(""));
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            xf_formats_.push_back(ToLong(Attr(attrs, "numFmtId").value_or("0")).value_or(0));
        }
    }
    void End(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs_ = false;
    }
    /// The kind of each cell style, custom formats (ids from 164) taking precedence over built-in ones.
    std::vector<NumberKind> Kinds() const {
        std::vector<NumberKind> out;
        for (const long id : xf_formats_) {
            const auto it = custom_.find(id);
            out.push_back(it != custom_.end() ? xlsx::FormatCodeKind(it->second)
                                              : xlsx::BuiltinFormatKind(static_cast<int>(id)));
        }
        return out;
    }

private:
    std::map<long, std::string> custom_;
    std::vector<long> xf_formats_;
    bool in_cell_xfs_ = false;
};

/// What a worksheet's cells need from the rest of the workbook.
struct SheetContext {
    const std::vector<std::string>& shared;
    const std::vector<NumberKind>& styles;
    bool date1904;
    const XlsxLimits& limits;
};

/// The cells of one worksheet, placed by their references.
class SheetHandler : public XmlHandler {
public:
    explicit SheetHandler(const SheetContext& ctx) : ctx_(ctx) {}
    Rows rows;

    void Start(std::string_view name, const char** attrs) override {
        if (name == "row") {
            const auto r = ToLong(Attr(attrs, "r").value_or(""));
            row_ = r && *r > 0 ? *r : row_ + 1;  // rows without `r` follow the previous one
            column_ = -1;
        } else if (name == "c") {
            const auto ref = xlsx::ParseCellRef(Attr(attrs, "r").value_or(""));
            if (ref) row_ = ref->row;
            column_ = ref ? ref->column : column_ + 1;
            type_ = std::string(Attr(attrs, "t").value_or("n"));
            style_ = ToLong(Attr(attrs, "s").value_or("0")).value_or(0);
            value_.clear();
        } else if (name == "v") {
            in_value_ = true;
        } else if (name == "rPh") {
            ++phonetic_;
        } else if (name == "t") {
            in_value_ = phonetic_ == 0;  // <is><t> and <is><r><t> of an inline string
        }
    }
    void End(std::string_view name) override {
        if (name == "v" || name == "t") in_value_ = false;
        if (name == "rPh") --phonetic_;
        if (name == "c") Place(CellText());
    }
    void Text(std::string_view text) override {
        if (in_value_) value_ += text;
    }

private:
    std::string CellText() {
        if (value_.empty()) return {};
        if (type_ == "s") {
            const auto i = ToLong(value_);
            if (!i || *i < 0 || static_cast<std::size_t>(*i) >= ctx_.shared.size()) {
                Fail(NotAWorkbook(fmt::format("shared string {} does not exist", value_)));
                return {};
            }
            return ctx_.shared[static_cast<std::size_t>(*i)];
        }
        if (type_ == "inlineStr" || type_ == "str") return xlsx::Unescape(value_);
        if (type_ == "b") return value_ == "1" ? "TRUE" : value_.empty() ? "" : "FALSE";
        if (type_ == "e") return value_;  // #N/A, #DIV/0! as Excel shows them
        if (type_ == "d")
            return value_.size() > 10 && value_.substr(10, 9) == "T00:00:00" ? value_.substr(0, 10) : value_;
        const auto kind = style_ >= 0 && static_cast<std::size_t>(style_) < ctx_.styles.size()
                              ? ctx_.styles[static_cast<std::size_t>(style_)]
                              : NumberKind::kPlain;
        if (kind != NumberKind::kPlain)
            if (auto date = xlsx::SerialText(value_, kind, ctx_.date1904)) return *date;
        return xlsx::NumberText(value_);
    }

    // Only cells with a value claim space, so styled-but-empty cells far away cost nothing.
    void Place(std::string text) {
        if (text.empty() || failure()) return;
        const auto& lim = ctx_.limits;
        if (row_ < 1) return Fail(NotAWorkbook("a cell outside any row"));
        if (row_ > lim.max_rows)
            return Fail({fmt::format("表格超过 {} 行", lim.max_rows),
                         fmt::format("The sheet has more than {} rows", lim.max_rows)});
        if (column_ + 1 > lim.max_columns)
            return Fail({fmt::format("表格超过 {} 列", lim.max_columns),
                         fmt::format("The sheet has more than {} columns", lim.max_columns)});
        if (rows.size() < static_cast<std::size_t>(row_)) rows.resize(static_cast<std::size_t>(row_));
        auto& row = rows[static_cast<std::size_t>(row_ - 1)];
        const auto width = static_cast<std::size_t>(column_ + 1);
        if (row.size() < width) {
            cells_ += width - row.size();
            row.resize(width);
        }
        text_bytes_ += text.size();
        if (cells_ > lim.max_cells || text_bytes_ > lim.max_text_bytes)
            return Fail(
                {"表格内容过多，请拆分后分批导入", "The sheet holds too much data; split it and import in parts"});
        row[width - 1] = std::move(text);
    }

    SheetContext ctx_;
    long row_ = 0;
    int column_ = -1;
    std::string type_, value_;
    long style_ = 0;
    bool in_value_ = false;
    int phonetic_ = 0;
    std::size_t cells_ = 0, text_bytes_ = 0;
};

// The package's main part: named by _rels/.rels, conventionally xl/workbook.xml.
std::string WorkbookPart(const ZipArchive& zip, const XlsxLimits& lim) {
    RelsHandler root("");
    ReadError ignored;  // without a readable _rels/.rels, the conventional name is worth a try
    if (zip.Has("_rels/.rels") && zip.Parse("_rels/.rels", root, lim.max_part_bytes, ignored))
        if (auto part = root.OfType("/officeDocument")) return *part;
    return "xl/workbook.xml";
}

// The first worksheet in tab order, preferring a visible one: templates often hide a first sheet of lists.
std::optional<std::string> FirstSheet(const WorkbookHandler& book, const RelsHandler& rels) {
    std::optional<std::string> first;
    for (const auto& sheet : book.sheets) {
        const auto it = rels.by_id.find(sheet.rel_id);
        if (it == rels.by_id.end() || !EndsWith(it->second.type, "/worksheet")) continue;  // chart sheets
        if (!sheet.hidden) return it->second.target;
        if (!first) first = it->second.target;
    }
    return first;
}

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) {
    return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::optional<Rows> ReadXlsxFirstSheet(std::string_view bytes, ReadError& error, const XlsxLimits& lim) {
    const auto zip = ZipArchive::Open(bytes, error);
    if (!zip) return std::nullopt;
    const std::string book_part = WorkbookPart(*zip, lim);
    WorkbookHandler book;
    RelsHandler rels(Directory(book_part));
    if (!zip->Parse(book_part, book, lim.max_part_bytes, error) ||
        !zip->Parse(RelsOf(book_part), rels, lim.max_part_bytes, error))
        return std::nullopt;
    const auto sheet = FirstSheet(book, rels);
    if (!sheet) {
        error = {"Excel 文件中没有工作表", "The workbook has no worksheet"};
        return std::nullopt;
    }
    SharedStringsHandler shared(lim.max_cells);
    if (const auto part = rels.OfType("/sharedStrings"))
        if (!zip->Parse(*part, shared, lim.max_part_bytes, error)) return std::nullopt;
    StylesHandler styles;
    if (const auto part = rels.OfType("/styles"))
        if (!zip->Parse(*part, styles, lim.max_part_bytes, error)) return std::nullopt;
    const std::vector<NumberKind> kinds = styles.Kinds();
    SheetHandler cells(SheetContext{shared.strings, kinds, book.date1904, lim});
    if (!zip->Parse(*sheet, cells, lim.max_part_bytes, error)) return std::nullopt;
    return std::move(cells.rows);
}

}  // namespace kehou::io
