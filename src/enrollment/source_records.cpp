#include "enrollment/source_records.hpp"

#include <algorithm>
#include <cctype>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace kehou::enrollment {
namespace {

bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsHexHash(std::string_view s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

// Reads typed fields from a row, collecting one problem per bad field rather than stopping at the first, so a
// department fixes a row in one round.
class RowReader {
public:
    RowReader(const FieldMap& row, Date today, std::vector<RecordProblem>& problems)
        : row_(row), today_(today), problems_(problems) {}

    std::optional<std::string> Raw(std::string_view name, bool required = true) {
        auto it = row_.find(name);
        std::string v = it == row_.end() ? std::string() : std::string(TrimBlanks(it->second));
        if (v.empty()) {
            if (required) Problem(name, "缺少必填字段", "Required field is missing");
            return std::nullopt;
        }
        return v;
    }

    std::string Text(std::string_view name, std::size_t max_bytes) {
        auto v = Raw(name);
        if (v && v->size() > max_bytes) Problem(name, "内容过长", "Value is too long");
        return v.value_or("");
    }

    Date DateOf(std::string_view name, bool not_after_today = true) {
        auto v = Raw(name);
        if (!v) return {};
        auto d = ParseIsoDate(*v);
        if (!d) {
            Problem(name, "日期格式应为 YYYY-MM-DD", "Date must be YYYY-MM-DD");
            return {};
        }
        if (not_after_today && std::chrono::sys_days(*d) > std::chrono::sys_days(today_))
            Problem(name, "日期晚于今天", "Date is after today");
        return *d;
    }

    std::string Community(std::string_view name) {
        auto v = Raw(name);
        if (v && (!AllDigits(*v) || v->size() < 9 || v->size() > 12)) {
            Problem(name, "社区代码应为 9 至 12 位数字", "Community code must be 9 to 12 digits");
            return {};
        }
        return v.value_or("");
    }

    bool Flag(std::string_view name) {
        auto v = Raw(name);
        if (!v) return false;
        if (*v == "true" || *v == "1" || *v == "是") return true;
        if (*v == "false" || *v == "0" || *v == "否") return false;
        Problem(name, "应为 是/否（true/false 或 1/0）", "Must be true/false (1/0, 是/否)");
        return false;
    }

    int Int(std::string_view name, int lo, int hi) {
        auto v = Raw(name);
        if (!v) return 0;
        if (!AllDigits(*v) || v->size() > 6 || std::stoi(*v) < lo || std::stoi(*v) > hi) {
            Problem(name, "应为 " + std::to_string(lo) + " 至 " + std::to_string(hi) + " 的整数",
                    "Must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
            return 0;
        }
        return std::stoi(*v);
    }

    // `<prefix>id_number` (hashed here, the plain number goes no further) or `<prefix>id_hash`.
    std::string PersonHash(const std::string& prefix, const IdHasher& hasher, bool required) {
        if (auto plain = Raw(prefix + "id_number", false)) {
            auto check = ValidateIdNumber(*plain, today_);
            if (!check.ok()) {
                Problem(prefix + "id_number", "身份证号码无效：" + check.failure->message_zh,
                        "Invalid identity number: " + check.failure->message_en);
                return {};
            }
            return hasher(check.normalized);
        }
        if (auto hash = Raw(prefix + "id_hash", false)) {
            if (IsHexHash(*hash)) return *hash;
            Problem(prefix + "id_hash", "应为 64 位小写十六进制哈希", "Must be a 64-digit lower-case hex hash");
            return {};
        }
        if (required) Problem(prefix + "id_number", "缺少身份证号码", "Identity number is missing");
        return {};
    }

    void Problem(std::string_view field, std::string zh, std::string en) {
        problems_.push_back({0, std::string(field), std::move(zh), std::move(en)});
    }

private:
    const FieldMap& row_;
    Date today_;
    std::vector<RecordProblem>& problems_;
};

std::optional<Owner> ParseOwner(std::string_view s) {
    if (s == "parent") return Owner::kParent;
    if (s == "child") return Owner::kChild;
    if (s == "paternal_grandparent") return Owner::kPaternalGrandparent;
    if (s == "maternal_grandparent") return Owner::kMaternalGrandparent;
    if (s == "other") return Owner::kOther;
    return std::nullopt;
}

Period ReadPeriod(RowReader& r, std::string_view from_field) {
    Period p{r.DateOf(from_field), r.DateOf("period_to", false)};
    if (p.from.ok() && p.to.ok() && std::chrono::sys_days(p.to) < std::chrono::sys_days(p.from))
        r.Problem("period_to", "截止日期早于起始日期", "Period ends before it begins");
    return p;
}

Record ReadRecord(Department d, RowReader& r, const IdHasher& hasher) {
    switch (d) {
        case Department::kHousehold:
            return HouseholdRecord{r.Community("community_code"), r.Text("address", 300),  r.DateOf("move_in_date"),
                                   r.Flag("child_member"),        r.Flag("father_member"), r.Flag("mother_member")};
        case Department::kProperty: {
            PropertyRecord p;
            auto owner = ParseOwner(r.Raw("owner").value_or("other"));
            if (!owner)
                r.Problem("owner", "权利人关系应为 parent/child/paternal_grandparent/maternal_grandparent/other",
                          "Owner must be parent, child, paternal_grandparent, maternal_grandparent or other");
            p.owner = owner.value_or(Owner::kOther);
            p.community = r.Community("community_code");
            p.share_percent = r.Int("share_percent", 1, 100);
            p.certificate_date = r.DateOf("certificate_date");
            return p;
        }
        case Department::kInsurance:
            return InsuranceRecord{Parent::kFather, ReadPeriod(r, "period_from")};
        case Department::kPermit: {
            Period p = ReadPeriod(r, "issue_date");
            return PermitRecord{Parent::kFather, p, r.Community("community_code")};
        }
        case Department::kBirth: {
            BirthRecord b{r.DateOf("birth_date"), r.PersonHash("father_", hasher, false),
                          r.PersonHash("mother_", hasher, false)};
            if (b.father_hash.empty() && b.mother_hash.empty())
                r.Problem("mother_id_number", "出生医学证明未载明父母", "The certificate names neither parent");
            return b;
        }
        case Department::kStudent: {
            StudentRecord s{r.Text("school_code", 10), r.Int("graduation_year", 2000, 2100)};
            if (!s.school_code.empty() && (!AllDigits(s.school_code) || s.school_code.size() != 10))
                r.Problem("school_code", "学校标识码应为 10 位数字", "School code must be 10 digits");
            return s;
        }
    }
    return HouseholdRecord{};
}

}  // namespace

ParsedRecord ParseRecord(Department d, const FieldMap& row, const IdHasher& hasher, bool keyed, Date today) {
    ParsedRecord out;
    RowReader reader(row, today, out.problems);
    if (keyed) out.person_hash = reader.PersonHash("", hasher, true);
    Record record = ReadRecord(d, reader, hasher);
    if (out.problems.empty()) out.record = std::move(record);
    return out;
}

namespace {

std::string Iso(Date d) {
    return d.ok() ? FormatIsoDate(d) : std::string();
}
std::string Bool(bool b) {
    return b ? "true" : "false";
}
std::string_view OwnerText(Owner o) {
    switch (o) {
        case Owner::kParent:
            return "parent";
        case Owner::kChild:
            return "child";
        case Owner::kPaternalGrandparent:
            return "paternal_grandparent";
        case Owner::kMaternalGrandparent:
            return "maternal_grandparent";
        case Owner::kOther:
            return "other";
    }
    return "other";
}
std::string_view HolderText(Parent p) {
    return p == Parent::kFather ? "father" : "mother";
}

struct FieldsOf {
    FieldMap operator()(const HouseholdRecord& h) const {
        return {{"community_code", h.community},          {"address", h.address},
                {"move_in_date", Iso(h.move_in)},         {"child_member", Bool(h.child_member)},
                {"father_member", Bool(h.father_member)}, {"mother_member", Bool(h.mother_member)}};
    }
    FieldMap operator()(const PropertyRecord& p) const {
        return {{"owner", std::string(OwnerText(p.owner))},
                {"community_code", p.community},
                {"share_percent", std::to_string(p.share_percent)},
                {"certificate_date", Iso(p.certificate_date)}};
    }
    FieldMap operator()(const InsuranceRecord& i) const {
        return {{"holder", std::string(HolderText(i.holder))},
                {"period_from", Iso(i.period.from)},
                {"period_to", Iso(i.period.to)}};
    }
    FieldMap operator()(const PermitRecord& p) const {
        return {{"holder", std::string(HolderText(p.holder))},
                {"issue_date", Iso(p.period.from)},
                {"period_to", Iso(p.period.to)},
                {"community_code", p.community}};
    }
    FieldMap operator()(const BirthRecord& b) const {
        return {
            {"birth_date", Iso(b.birth_date)}, {"father_id_hash", b.father_hash}, {"mother_id_hash", b.mother_hash}};
    }
    FieldMap operator()(const StudentRecord& s) const {
        return {{"school_code", s.school_code}, {"graduation_year", std::to_string(s.graduation_year)}};
    }
};

}  // namespace

FieldMap RecordFields(const Record& r) {
    return std::visit(FieldsOf{}, r);
}

std::vector<std::string> RequiredFields(Department d) {
    std::vector<std::string> out;
    for (const auto& f : DepartmentFields(d))
        if (f.find("_id_hash") == std::string::npos) out.push_back(f);
    return out;
}

}  // namespace kehou::enrollment
