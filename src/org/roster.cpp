#include "org/roster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/error.hpp"
#include "io/tabular.hpp"
#include "org/rules.hpp"

namespace kehou::org {
namespace {

// Header names officials use, Chinese and English, mapped to one column key.
const std::map<std::string, std::string, std::less<>>& HeaderKeys() {
    static const std::map<std::string, std::string, std::less<>> keys = {
        {"年级", "grade"}, {"grade", "grade"}, {"班级", "class_no"}, {"班号", "class_no"}, {"班", "class_no"},
        {"class", "class_no"}, {"class_no", "class_no"}, {"姓名", "name"}, {"学生姓名", "name"}, {"name", "name"},
        {"性别", "sex"}, {"sex", "sex"}, {"身份证号", "id_number"}, {"身份证号码", "id_number"},
        {"公民身份号码", "id_number"}, {"id_number", "id_number"}, {"学籍号", "student_number"},
        {"全国学籍号", "student_number"}, {"student_number", "student_number"}, {"残疾", "disability"},
        {"disability", "disability"}, {"随迁子女", "migrant"}, {"migrant", "migrant"},
        {"家庭经济困难", "hardship"}, {"hardship", "hardship"}, {"留守儿童", "left_behind"},
        {"left_behind", "left_behind"}, {"军人子女", "military_family"}, {"military_family", "military_family"},
        {"双职工", "dual_income"}, {"dual_income", "dual_income"}, {"监护人姓名", "guardian_name"},
        {"guardian_name", "guardian_name"}, {"监护人关系", "guardian_relation"}, {"与学生关系", "guardian_relation"},
        {"guardian_relation", "guardian_relation"}, {"监护人手机", "guardian_mobile"},
        {"监护人电话", "guardian_mobile"}, {"联系电话", "guardian_mobile"}, {"guardian_mobile", "guardian_mobile"},
        {"是否接送人", "guardian_pickup"}, {"接送人", "guardian_pickup"}, {"guardian_pickup", "guardian_pickup"},
    };
    return keys;
}

constexpr std::array<const char*, 6> kRequired = {"grade", "class_no", "name", "sex", "id_number", "student_number"};

std::string Trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// "3", "三", "三年级", "初一" (grade 7), "2班" -> the number; 0 when unreadable.
int ReadNumber(const std::string& raw) {
    static const std::map<std::string, int> zh = {{"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5},
                                                  {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}, {"十", 10}};
    static const std::map<std::string, int> junior = {{"初一", 7}, {"初二", 8}, {"初三", 9}};
    for (const auto& [k, v] : junior)
        if (raw.rfind(k, 0) == 0) return v;
    int n = 0;
    std::size_t i = 0;
    while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') n = n * 10 + (raw[i++] - '0');
    if (i > 0) return n;
    if (raw.size() >= 3)
        if (auto it = zh.find(raw.substr(0, 3)); it != zh.end()) return it->second;
    return 0;
}

std::optional<bool> ReadFlag(const std::string& v) {
    // TRUE and FALSE are how Excel shows a boolean cell, in a workbook and in the CSV it saves.
    if (v.empty() || v == "否" || v == "0" || v == "N" || v == "n" || v == "false" || v == "FALSE" || v == "无")
        return false;
    if (v == "是" || v == "1" || v == "Y" || v == "y" || v == "true" || v == "TRUE" || v == "有") return true;
    return std::nullopt;
}

std::string ReadSex(const std::string& v) {
    if (v == "男" || v == "male" || v == "M") return "male";
    if (v == "女" || v == "female" || v == "F") return "female";
    return v;
}

std::string ReadRelation(const std::string& v) {
    static const std::map<std::string, std::string> m = {
        {"父亲", "father"}, {"爸爸", "father"}, {"父", "father"}, {"母亲", "mother"}, {"妈妈", "mother"},
        {"母", "mother"}, {"祖父", "grandfather"}, {"爷爷", "grandfather"}, {"外祖父", "grandfather"},
        {"外公", "grandfather"}, {"祖母", "grandmother"}, {"奶奶", "grandmother"}, {"外祖母", "grandmother"},
        {"外婆", "grandmother"}, {"其他", "other"}};
    if (auto it = m.find(v); it != m.end()) return it->second;
    return v;
}

}  // namespace

std::optional<std::string> DecodeRoster(std::string_view bytes, std::string& encoding) {
    return io::DecodeText(bytes, encoding);
}

RosterParse ParseRoster(std::string_view bytes, std::chrono::year_month_day today, int grade_from, int grade_to) {
    RosterParse out;
    io::Table table = io::ReadTable(bytes);
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
        if (auto it = HeaderKeys().find(Trim(table.rows[0][i])); it != HeaderKeys().end()) column[it->second] = i;
    for (const char* key : kRequired)
        if (!column.contains(key))
            out.problems.push_back({table.lines[0], key, fmt::format("缺少必填列：{}", key),
                                    fmt::format("Missing column: {}", key)});
    if (!out.problems.empty()) return out;

    std::set<std::string> seen_ids, seen_numbers;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const auto& rec = table.rows[r];
        const int line = table.lines[r];
        auto cell = [&](const char* key) -> std::string {
            auto it = column.find(key);
            return (it == column.end() || it->second >= rec.size()) ? std::string{} : Trim(rec[it->second]);
        };
        if (std::all_of(rec.begin(), rec.end(), [](const std::string& f) { return Trim(f).empty(); })) continue;
        ++out.data_rows;
        auto problem = [&](std::string field, std::string zh, std::string en) {
            out.problems.push_back({line, std::move(field), std::move(zh), std::move(en)});
        };
        RosterRow row{line, ReadNumber(cell("grade")), ReadNumber(cell("class_no")), {}, {}, {}};
        if (row.grade < grade_from || row.grade > grade_to) {
            problem("grade", fmt::format("年级须在本校的 {}–{} 年级之间", grade_from, grade_to),
                    fmt::format("Grade must lie within the school's grades {}–{}", grade_from, grade_to));
            continue;
        }
        if (row.class_no < 1 || row.class_no > 40) {
            problem("class_no", "班级须为 1–40 的数字", "Class must be a number from 1 to 40");
            continue;
        }
        row.student = {0, cell("name"), ReadSex(cell("sex")), cell("id_number"), cell("student_number"), {}};
        bool flags_ok = true;
        for (auto [key, target] : std::initializer_list<std::pair<const char*, bool*>>{
                 {"disability", &row.student.flags.disability}, {"migrant", &row.student.flags.migrant},
                 {"hardship", &row.student.flags.hardship}, {"left_behind", &row.student.flags.left_behind},
                 {"military_family", &row.student.flags.military_family},
                 {"dual_income", &row.student.flags.dual_income}}) {
            const auto v = ReadFlag(cell(key));
            if (!v) {
                problem(key, "请填写“是”或“否”", "Write yes (是) or no (否)");
                flags_ok = false;
                break;
            }
            *target = *v;
        }
        if (!flags_ok) continue;
        try {
            const ValidStudent v = ValidateStudent(row.student, today);
            row.student = v.input;
            row.birth_date = v.birth_date;
        } catch (const Error& e) {
            problem(e.field(), e.message_zh(), e.message_en());
            continue;
        }
        if (!cell("guardian_name").empty() || !cell("guardian_mobile").empty()) {
            try {
                row.guardian = ValidateGuardian({cell("guardian_name"), ReadRelation(cell("guardian_relation")),
                                                 cell("guardian_mobile"),
                                                 ReadFlag(cell("guardian_pickup")).value_or(false)});
            } catch (const Error& e) {
                problem("guardian_" + e.field(), e.message_zh(), e.message_en());
                continue;
            }
        }
        if (!seen_ids.insert(row.student.id_number).second) {
            problem("id_number", "与文件中前面的行身份证号重复", "Same identity number as an earlier row");
            continue;
        }
        if (!seen_numbers.insert(row.student.student_number).second) {
            problem("student_number", "与文件中前面的行学籍号重复", "Same student number as an earlier row");
            continue;
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace kehou::org
