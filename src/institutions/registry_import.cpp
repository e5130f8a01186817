#include "institutions/registry_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "institutions/registry_rules.hpp"
#include "io/tabular.hpp"

namespace kehou::institutions {
namespace {

using Problems = std::vector<RegistryImportProblem>;

std::string Trim(const std::string& s) { return std::string(TrimBlanks(s)); }

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string Upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// Header names officials use, Chinese and English, mapped to one column key. The template's headers are
// RegistryImportColumns(); these are the other spellings seen in county ledgers.
const std::map<std::string, std::string, std::less<>>& HeaderKeys() {
    static const std::map<std::string, std::string, std::less<>> keys = [] {
        std::map<std::string, std::string, std::less<>> m = {
            {"名称", "name"}, {"机构全称", "name"}, {"信用代码", "credit_code"}, {"社会信用代码", "credit_code"},
            {"机构类别", "category"}, {"培训类别", "category"}, {"办学形式", "delivery"}, {"培训形式", "delivery"},
            {"线上/线下", "delivery"}, {"办学地址", "address"}, {"机构地址", "address"}, {"培训地址", "address"},
            {"许可证号", "licence_no"}, {"办学许可证编号", "licence_no"}, {"发证日期", "licence_date"},
            {"办学许可证日期", "licence_date"}, {"备案编号", "filing_no"}, {"民办非企业单位登记证号", "nonprofit_reg_no"},
            {"民非登记证书号", "nonprofit_reg_no"}, {"法人", "legal_representative"}, {"法人代表", "legal_representative"},
            {"机构状态", "status"}, {"经营状态", "status"}, {"压减基数", "in_baseline"},
            {"是否纳入压减基数", "in_baseline"}, {"核实说明", "credit_override_reason"},
            {"licence_number", "licence_no"}, {"license_no", "licence_no"}, {"license_date", "licence_date"},
            {"filing_number", "filing_no"}, {"legal_rep", "legal_representative"},
        };
        for (const auto& col : RegistryImportColumns()) {
            m.emplace(col.header_zh, col.key);
            m.emplace(col.key, col.key);
        }
        return m;
    }();
    return keys;
}

// "机构名称*", "机构名称（必填）" and "Name" name the same column.
std::string HeaderKey(const std::string& cell) {
    std::string h = Trim(cell);
    for (const std::string_view mark : {"（必填）", "(必填)", "*", "＊"})
        if (h.ends_with(mark)) h = Trim(h.substr(0, h.size() - mark.size()));
    const auto it = HeaderKeys().find(Lower(h));
    return it == HeaderKeys().end() ? std::string() : it->second;
}

std::optional<InstitutionCategory> ReadCategory(const std::string& v) {
    if (auto code = ParseEnum<InstitutionCategory>(v)) return code;
    for (auto c : AllValues<InstitutionCategory>())
        if (v == LabelZh(c)) return c;
    // "非学科类(体育)", "非学科类-体育", "体育类", "文化艺术" …: drop the family and the 类.
    std::string s = v;
    for (const std::string_view cut : {"非学科类", "（", "）", "(", ")", "-", "—", " ", "·"})
        for (auto at = s.find(cut); at != std::string::npos; at = s.find(cut)) s.erase(at, cut.size());
    if (s == "学科" || s == "学科类") return InstitutionCategory::kSubject;
    if (s.ends_with("类")) s.erase(s.size() - std::string_view("类").size());
    if (s == "体育") return InstitutionCategory::kNonSubjectSport;
    if (s == "文化艺术" || s == "艺术" || s == "文艺") return InstitutionCategory::kNonSubjectArt;
    if (s == "科技") return InstitutionCategory::kNonSubjectStem;
    return std::nullopt;
}

std::optional<Delivery> ReadDelivery(const std::string& v) {
    if (auto code = ParseEnum<Delivery>(v)) return code;
    if (v == "线上" || v == "在线" || v == "网络") return Delivery::kOnline;
    if (v == "线下") return Delivery::kOffline;
    return std::nullopt;
}

std::optional<InstitutionStatus> ReadStatus(const std::string& v) {
    if (v.empty()) return InstitutionStatus::kOperating;
    if (auto code = ParseEnum<InstitutionStatus>(v)) return code;
    for (auto s : AllValues<InstitutionStatus>())
        if (v == LabelZh(s)) return s;
    static const std::map<std::string, InstitutionStatus, std::less<>> aliases = {
        {"正常", InstitutionStatus::kOperating},   {"经营", InstitutionStatus::kOperating},
        {"整改", InstitutionStatus::kRectifying},  {"停业", InstitutionStatus::kSuspended},
        {"关停", InstitutionStatus::kClosed},      {"注销", InstitutionStatus::kCancelled}};
    if (auto it = aliases.find(v); it != aliases.end()) return it->second;
    return std::nullopt;
}

std::optional<bool> ReadFlag(const std::string& v) {
    // TRUE and FALSE are how Excel shows a boolean cell.
    if (v.empty() || v == "否" || v == "0" || v == "N" || v == "n" || v == "false" || v == "FALSE") return false;
    if (v == "是" || v == "1" || v == "Y" || v == "y" || v == "true" || v == "TRUE") return true;
    return std::nullopt;
}

std::optional<std::string> Optional(const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); }

// One row as an institution; a cell that is not one of its column's values is a problem and no record.
std::optional<Institution> ReadRow(const std::function<std::string(const char*)>& cell, const std::string& unit_code,
                                   int line, Problems& problems) {
    const auto problem = [&](const char* field, std::string zh, std::string en) {
        problems.push_back({line, field, std::move(zh), std::move(en)});
    };
    Institution in;
    in.unit_code = unit_code;
    in.name = cell("name");
    in.credit_code = Upper(cell("credit_code"));  // as the form's write normalises it
    in.credit_override_reason = Optional(cell("credit_override_reason"));
    in.address = cell("address");
    in.licence_no = Optional(cell("licence_no"));
    in.licence_date = Optional(NormaliseImportDate(cell("licence_date")));
    in.filing_no = Optional(cell("filing_no"));
    in.filing_date = Optional(NormaliseImportDate(cell("filing_date")));
    in.nonprofit_reg_no = Optional(cell("nonprofit_reg_no"));
    in.legal_representative = cell("legal_representative");
    const std::size_t before = problems.size();
    if (auto c = ReadCategory(cell("category"))) in.category = *c;
    else
        problem("category", "类别应为 学科类、体育、文化艺术 或 科技",
                "Category is one of 学科类 (subject), 体育 (sport), 文化艺术 (art), 科技 (STEM)");
    if (auto d = ReadDelivery(cell("delivery"))) in.delivery = *d;
    else problem("delivery", "形式应为 线上 或 线下", "Delivery is 线上 (online) or 线下 (offline)");
    if (auto s = ReadStatus(cell("status"))) in.status = *s;
    else
        problem("status", "状态应为 正常经营、整改中、停业整顿、已关停 或 已注销",
                "Status is one of 正常经营, 整改中, 停业整顿, 已关停, 已注销 (or their codes)");
    if (auto b = ReadFlag(cell("in_baseline"))) in.in_baseline = *b;
    else problem("in_baseline", "纳入压减基数请填写“是”或“否”", "In baseline: write yes (是) or no (否)");
    if (in.name.starts_with(kExampleMarker))
        problem("name", "这是模板中的示例行，请删除后再导入", "This is the template's example row; delete it");
    if (problems.size() != before) return std::nullopt;
    return in;
}

}  // namespace

const std::vector<RegistryImportColumn>& RegistryImportColumns() {
    static const std::vector<RegistryImportColumn> columns = {
        {"name", "机构名称", true, "与登记证书一致，不超过 100 字"},
        {"credit_code", "统一社会信用代码", true, "18 位，字母大写"},
        {"category", "类别", true, "学科类 / 体育 / 文化艺术 / 科技"},
        {"delivery", "形式", true, "线上 / 线下"},
        {"address", "地址", true, "办学地址，不超过 200 字"},
        {"licence_no", "办学许可证号", false, "学科类必填"},
        {"licence_date", "许可日期", false, "YYYY-MM-DD"},
        {"filing_no", "备案号", false, ""},
        {"filing_date", "备案日期", false, "YYYY-MM-DD"},
        {"nonprofit_reg_no", "民非登记证号", false, "学科类必填（须为非营利性）"},
        {"legal_representative", "法定代表人", true, "不超过 30 字"},
        {"status", "状态", false, "正常经营 / 整改中 / 停业整顿 / 已关停 / 已注销，空为正常经营"},
        {"in_baseline", "纳入压减基数", false, "是 / 否，空为否"},
        {"credit_override_reason", "信用代码核实说明", false,
         "仅当代码校验位不符、经国家企业信用信息公示系统核实为早期试点代码时填写"},
    };
    return columns;
}

std::vector<std::string> RegistryImportExample() {
    const std::string code = "91370811MA3C00001";
    return {std::string(kExampleMarker) + "任城区某某艺术培训学校有限公司",
            code + CreditCodeCheckCharacter(code),
            "文化艺术",
            "线下",
            "任城区某某路 100 号",
            "教民137081170000001号",
            "2022-03-15",
            "",
            "",
            "",
            "张某某",
            "正常经营",
            "是",
            ""};
}

std::string NormaliseImportDate(const std::string& raw) {
    std::string s = raw;
    if (s.size() > 10 && (s.ends_with(" 00:00") || s.ends_with(" 00:00:00"))) s = s.substr(0, s.find(' '));
    if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos)
        return fmt::format("{}-{}-{}", s.substr(0, 4), s.substr(4, 2), s.substr(6, 2));
    // Split on any run of separators: - / . 年 月 日
    std::vector<std::string> parts{""};
    for (std::size_t i = 0; i < s.size();) {
        bool sep = false;
        for (const std::string_view mark : {"-", "/", ".", "年", "月", "日"})
            if (s.compare(i, mark.size(), mark) == 0) {
                if (!parts.back().empty()) parts.emplace_back();
                i += mark.size();
                sep = true;
                break;
            }
        if (sep) continue;
        if (s[i] < '0' || s[i] > '9') return raw;
        parts.back() += s[i++];
    }
    if (parts.back().empty()) parts.pop_back();
    if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2) return raw;
    return fmt::format("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
}

RegistryImportParse ParseRegistryImport(std::string_view bytes, const std::string& unit_code,
                                        std::chrono::year_month_day today) {
    RegistryImportParse out;
    const io::Table table = io::ReadTable(bytes);
    out.encoding = table.encoding;
    if (table.error) {
        out.problems.push_back({1, "file", table.error->message_zh, table.error->message_en});
        return out;
    }
    if (table.rows.empty()) {
        out.problems.push_back({1, "file", "文件为空", "The file is empty"});
        return out;
    }
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < table.rows[0].size(); ++i)
        if (const auto key = HeaderKey(table.rows[0][i]); !key.empty() && !column.contains(key)) column[key] = i;
    for (const auto& col : RegistryImportColumns())
        if (col.required && !column.contains(col.key))
            out.problems.push_back({table.lines[0], col.key, fmt::format("缺少必填列：{}", col.header_zh),
                                    fmt::format("Missing column: {} ({})", col.key, col.header_zh)});
    if (!out.problems.empty()) return out;

    std::map<std::string, int> first_line;  // credit code -> the line that used it first
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const auto& rec = table.rows[r];
        if (std::all_of(rec.begin(), rec.end(), [](const std::string& f) { return Trim(f).empty(); })) continue;
        ++out.data_rows;
        const int line = table.lines[r];
        const auto cell = [&](const char* key) -> std::string {
            const auto it = column.find(key);
            return it == column.end() || it->second >= rec.size() ? std::string() : Trim(rec[it->second]);
        };
        const std::size_t before = out.problems.size();
        auto in = ReadRow(cell, unit_code, line, out.problems);
        if (in) {
            for (const auto& v : CheckInstitution(*in, today))
                (v.warning ? out.warnings : out.problems).push_back({line, v.field, v.message_zh, v.message_en});
        }
        if (const std::string code = Upper(cell("credit_code")); !code.empty()) {
            const auto [at, fresh] = first_line.emplace(code, line);
            if (!fresh)
                out.problems.push_back({line, "credit_code",
                                        fmt::format("与文件第 {} 行的统一社会信用代码重复", at->second),
                                        fmt::format("Same credit code as line {} of the file", at->second)});
        }
        if (in && out.problems.size() == before) out.rows.push_back({line, std::move(*in)});
    }
    return out;
}

}  // namespace kehou::institutions
