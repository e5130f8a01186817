#include "institutions/service.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "institutions/escrow_service.hpp"
#include "institutions/registry_rules.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"
#include "institutions/scope.hpp"

namespace kehou::institutions {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

std::chrono::year_month_day Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }

// Codes are unique nationally: a second registration of one code is a mistake or a duplicate row.
[[noreturn]] void RethrowDuplicate(const db::DbError& e) {
    if (e.kind() == db::DbErrorKind::kUnique)
        throw Error::Conflict("institutions.duplicate_credit_code", "该统一社会信用代码已登记",
                              "That credit code is already registered", "credit_code");
    throw e;
}

// Normalised text: trimmed, the credit code upper-cased, empty optionals gone.
void Normalise(Institution& in) {
    const auto trim = [](std::string& s) {
        const auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
        s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    for (auto* s : {&in.name, &in.credit_code, &in.address, &in.legal_representative}) trim(*s);
    std::transform(in.credit_code.begin(), in.credit_code.end(), in.credit_code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (auto* o : {&in.credit_override_reason, &in.licence_no, &in.licence_date, &in.filing_no, &in.filing_date,
                    &in.nonprofit_reg_no}) {
        if (!*o) continue;
        trim(**o);
        if ((*o)->empty()) o->reset();
    }
    for (auto& s : in.staff) {
        trim(s.name);
        if (s.qualification_no) {
            trim(*s.qualification_no);
            if (s.qualification_no->empty()) s.qualification_no.reset();
        }
    }
}

// The non-blocking findings go with the record; a blocking one refuses the write.
std::vector<std::string> WarningsOrThrow(const Institution& in) {
    const auto found = CheckInstitution(in, Today());
    ThrowIfViolations(found);
    std::vector<std::string> warnings;
    for (const auto& v : found)
        if (v.warning) warnings.push_back(v.message_zh);
    return warnings;
}

// What the public list says of a status: operating institutions are on the white list, closed ones on the
// black list; the others are shown as they are, neither recommended nor condemned.
std::string PublicStanding(InstitutionStatus s) {
    switch (s) {
        case InstitutionStatus::kOperating: return "white";
        case InstitutionStatus::kClosed: return "black";
        case InstitutionStatus::kCancelled: return "cancelled";
        default: return "rectifying";
    }
}

}  // namespace

InstitutionService::InstitutionService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

Page<Institution> InstitutionService::List(const Principal& p, InstitutionFilter f) {
    f.page = std::max(1, f.page);
    f.page_size = std::clamp(f.page_size, 1, 200);
    auto c = database_.Acquire();
    return repo::ListInstitutions(*c, p.scope_path, f);
}

Institution InstitutionService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto found = repo::FindInstitution(*c, p.scope_path, id);
    if (!found) throw InstitutionNotFound();
    for (const auto& v : CheckInstitution(*found, Today()))
        found->warnings.push_back(v.message_zh);  // stored rows passed the blocking checks when written
    return *found;
}

std::string InstitutionService::UnitPathForWrite(const Principal& p, const std::string& unit_code) {
    return CountyPathForWrite(org_, p, unit_code);
}

Institution InstitutionService::ForWrite(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    return InstitutionForWrite(*c, p, id);
}

Institution InstitutionService::Create(const Principal& p, Institution in) {
    Normalise(in);
    in.org_path = UnitPathForWrite(p, in.unit_code);
    const auto warnings = WarningsOrThrow(in);
    const std::optional<std::int64_t> override_by =
        in.credit_override_reason ? std::optional<std::int64_t>(p.user_id) : std::nullopt;
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto now = Now();
    try {
        in.id = repo::InsertInstitution(*c, in, override_by, now);
        repo::ReplaceStaff(*c, in.id, in.staff, now);
    } catch (const db::DbError& e) {
        RethrowDuplicate(e);
    }
    tx.Commit();
    auto stored = Get(p, in.id);
    stored.warnings = warnings;
    return stored;
}

Institution InstitutionService::Update(const Principal& p, std::int64_t id, Institution in) {
    const Institution before = ForWrite(p, id);
    Normalise(in);
    in.id = id;
    in.unit_code = before.unit_code;  // moving an institution to another county is a new registration
    in.org_path = before.org_path;
    const auto warnings = WarningsOrThrow(in);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto now = Now();
    try {
        repo::UpdateInstitution(*c, in, p.user_id, now);
        repo::ReplaceStaff(*c, id, in.staff, now);
    } catch (const db::DbError& e) {
        RethrowDuplicate(e);
    }
    // Issue 6 point 5: closed or cancelled with families' money in escrow raises a risk alert, in this transaction.
    if (in.status != before.status) EscrowService::RaiseClosureAlerts(*c, id, now);
    tx.Commit();
    auto stored = Get(p, id);
    stored.warnings = warnings;
    return stored;
}

std::vector<BaselineCount> InstitutionService::FreezeBaseline(const Principal& p, const std::string& unit_code,
                                                              std::vector<BaselineCount> rows) {
    UnitPathForWrite(p, unit_code);
    for (auto& r : rows) r.unit_code = unit_code;
    ThrowIfViolations(CheckBaseline(rows, Today()));
    if (rows.empty())
        throw Error::Unprocessable("institutions.empty_baseline", "基数至少填写一行", "Give at least one row", "rows");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (repo::HasBaseline(*c, unit_code))
        throw Error::Conflict("institutions.baseline_frozen", "该区县的压减基数已冻结，不能修改",
                              "This county's baseline is already frozen", "unit_code");
    const auto now = Now();
    for (const auto& r : rows) repo::InsertBaseline(*c, r, p.user_id, now);
    tx.Commit();
    return rows;
}

std::vector<ReductionRow> InstitutionService::Reduction(const Principal& p) {
    auto c = database_.Acquire();
    auto rows = BuildReductionRows(repo::BaselineCounts(*c, p.scope_path), repo::CurrentCounts(*c, p.scope_path));
    for (auto& r : rows) {
        if (r.unit_code.empty()) r.unit_name = "合计";
        else if (const auto unit = org_.FindUnit(r.unit_code)) r.unit_name = unit->name;
    }
    return rows;
}

std::vector<PublicInstitution> InstitutionService::PublicLookup(const std::string& query) {
    std::string q = query;
    std::erase_if(q, [](char c) { return c == ' ' || c == '\t'; });
    if (q.size() < 2 && Utf8Chars(q) < 2)
        throw Error::BadRequest("institutions.query_too_short", "请输入机构名称中的至少两个字或统一社会信用代码",
                                "Enter at least two characters of the name, or the credit code", "q");
    InstitutionFilter f;
    f.page_size = 20;
    const auto check = ValidateCreditCode(q);  // a pilot code failing its check character is still a code
    const bool code = q.size() == 18 && (check.ok() || check.failure->reason != IdReason::kFormat);
    std::vector<Institution> found;
    auto c = database_.Acquire();
    if (code) {
        std::transform(q.begin(), q.end(), q.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        if (const auto id = repo::InstitutionIdByCreditCode(*c, q))
            if (auto one = repo::FindInstitution(*c, "/", *id)) found.push_back(std::move(*one));
    } else {
        f.name = q;
        found = repo::ListInstitutions(*c, "/", f).items;
    }
    std::vector<PublicInstitution> out;
    for (const auto& i : found)
        out.push_back({i.id, i.unit_code, i.name, i.credit_code, i.unit_name, i.address, i.category, i.delivery,
                       i.status, PublicStanding(i.status)});
    return out;
}

bool InstitutionService::HasOpenCase(std::int64_t institution_id) {
    auto c = database_.Acquire();
    return repo::HasOpenCase(*c, institution_id);
}

}  // namespace kehou::institutions
