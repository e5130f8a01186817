#include "institutions/repo.hpp"

#include "institutions/repo_util.hpp"

namespace kehou::institutions::repo {
namespace {

#define KEHOU_INST_COLUMNS                                                                                         \
    "i.id, i.unit_code, u.name, i.org_path, i.name, i.credit_code, i.credit_override_reason, i.category,"          \
    " i.delivery, i.address, i.licence_no, i.licence_date, i.filing_no, i.filing_date, i.nonprofit_reg_no,"        \
    " i.legal_representative, i.status, i.in_baseline, i.created_at, i.updated_at,"                              \
    " (SELECT COUNT(*) FROM inst_staff f WHERE f.institution_id = i.id),"                                          \
    " (SELECT COUNT(*) FROM inst_case k WHERE k.institution_id = i.id AND k.state NOT IN ('closed', 'closed_no_issue'))"
#define KEHOU_INST_FILTER                                                                                       \
    " FROM inst_institution i JOIN org_unit u ON u.code = i.unit_code WHERE i.org_path LIKE $1 || '%'"         \
    " AND (CAST($2 AS TEXT) IS NULL OR i.unit_code = $2) AND (CAST($3 AS TEXT) IS NULL OR i.category = $3)"   \
    " AND (CAST($4 AS TEXT) IS NULL OR i.delivery = $4) AND (CAST($5 AS TEXT) IS NULL OR i.status = $5)"      \
    " AND (CAST($6 AS TEXT) IS NULL OR i.name LIKE '%' || $6 || '%')"

constexpr db::Query kCount{"inst.count_institutions", "SELECT COUNT(*)" KEHOU_INST_FILTER};
constexpr db::Query kList{"inst.list_institutions",
                          "SELECT " KEHOU_INST_COLUMNS KEHOU_INST_FILTER " ORDER BY i.org_path, i.id LIMIT $7 OFFSET $8"};
constexpr db::Query kFind{"inst.find_institution", "SELECT " KEHOU_INST_COLUMNS
                                                   " FROM inst_institution i JOIN org_unit u ON u.code = i.unit_code"
                                                   " WHERE i.id = $2 AND i.org_path LIKE $1 || '%'"};
constexpr db::Query kByCredit{"inst.by_credit_code", "SELECT id FROM inst_institution WHERE credit_code = $1"};
constexpr db::Query kInsert{
    "inst.insert_institution",
    "INSERT INTO inst_institution (unit_code, org_path, name, credit_code, credit_override_reason,"
    " credit_override_by, credit_override_at, category, delivery, address, licence_no, licence_date, filing_no,"
    " filing_date, nonprofit_reg_no, legal_representative, status, in_baseline, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $19, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)"
    " RETURNING id"};
constexpr db::Query kUpdate{
    "inst.update_institution",
    "UPDATE inst_institution SET name = $2, credit_code = $3, credit_override_reason = $4,"
    " credit_override_by = CASE WHEN CAST($4 AS TEXT) IS NULL THEN NULL WHEN credit_override_reason = $4"
    " THEN credit_override_by ELSE CAST($5 AS BIGINT) END, credit_override_at = CASE WHEN CAST($4 AS TEXT) IS NULL"
    " THEN NULL WHEN credit_override_reason = $4 THEN credit_override_at ELSE $17 END, category = $6, delivery = $7, address = $8, licence_no = $9,"
    " licence_date = $10, filing_no = $11, filing_date = $12, nonprofit_reg_no = $13, legal_representative = $14,"
    " status = $15, in_baseline = $16, updated_at = $17 WHERE id = $1"};
constexpr db::Query kSetStatus{"inst.set_status",
                               "UPDATE inst_institution SET status = $2, updated_at = $3 WHERE id = $1"};
constexpr db::Query kStaff{"inst.staff", "SELECT id, name, teaches_subject, qualification_no FROM inst_staff"
                                         " WHERE institution_id = $1 ORDER BY id"};
constexpr db::Query kDeleteStaff{"inst.delete_staff", "DELETE FROM inst_staff WHERE institution_id = $1"};
constexpr db::Query kInsertStaff{"inst.insert_staff",
                                 "INSERT INTO inst_staff (institution_id, name, teaches_subject, qualification_no,"
                                 " created_at) VALUES ($1, $2, $3, $4, $5)"};
constexpr db::Query kCurrent{
    "inst.current_counts",
    "SELECT unit_code, category, delivery, COUNT(*) FROM inst_institution WHERE org_path LIKE $1 || '%'"
    " AND status IN ('operating', 'rectifying', 'suspended') GROUP BY unit_code, category, delivery"};
constexpr db::Query kBaseline{"inst.baseline_counts",
                              "SELECT b.unit_code, b.category, b.delivery, b.institutions, b.as_of FROM inst_baseline b"
                              " JOIN org_unit u ON u.code = b.unit_code WHERE u.org_path LIKE $1 || '%'"};
constexpr db::Query kHasBaseline{"inst.has_baseline", "SELECT 1 FROM inst_baseline WHERE unit_code = $1 LIMIT 1"};
constexpr db::Query kInsertBaseline{"inst.insert_baseline",
                                    "INSERT INTO inst_baseline (unit_code, category, delivery, institutions, as_of,"
                                    " frozen_by, frozen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kOpenCase{"inst.open_case",
                              "SELECT 1 FROM inst_case WHERE institution_id = $1"
                              " AND state NOT IN ('closed', 'closed_no_issue') LIMIT 1"};

Institution ReadInstitution(const db::Row& r) {
    Institution i;
    i.id = r.Int(0);
    i.unit_code = r.Text(1);
    i.unit_name = r.Text(2);
    i.org_path = r.Text(3);
    i.name = r.Text(4);
    i.credit_code = r.Text(5);
    i.credit_override_reason = r.OptText(6);
    i.category = Enum<InstitutionCategory>(r.Text(7));
    i.delivery = Enum<Delivery>(r.Text(8));
    i.address = r.Text(9);
    i.licence_no = r.OptText(10);
    i.licence_date = r.OptText(11);
    i.filing_no = r.OptText(12);
    i.filing_date = r.OptText(13);
    i.nonprofit_reg_no = r.OptText(14);
    i.legal_representative = r.Text(15);
    i.status = Enum<InstitutionStatus>(r.Text(16));
    i.in_baseline = r.Int(17) != 0;
    i.created_at = r.Text(18);
    i.updated_at = r.Text(19);
    i.staff_count = static_cast<int>(r.Int(20));
    i.has_open_case = r.Int(21) > 0;
    return i;
}

std::vector<BaselineCount> ReadCounts(const db::Result& result, bool with_date) {
    std::vector<BaselineCount> out;
    for (const auto& r : result)
        out.push_back({r.Text(0), Enum<InstitutionCategory>(r.Text(1)), Enum<Delivery>(r.Text(2)),
                       static_cast<int>(r.Int(3)), with_date ? r.Text(4) : std::string()});
    return out;
}

}  // namespace

Page<Institution> ListInstitutions(db::Connection& c, const std::string& scope, const InstitutionFilter& f) {
    const db::Value unit = db::Opt(f.unit_code), cat = OptCode(f.category), del = OptCode(f.delivery),
                    status = OptCode(f.status), name = db::Opt(f.name);
    Page<Institution> page;
    page.total = c.Query(kCount, {scope, unit, cat, del, status, name})[0].Int(0);
    const std::int64_t offset = std::int64_t{f.page - 1} * f.page_size;
    for (const auto& r : c.Query(kList, {scope, unit, cat, del, status, name, std::int64_t{f.page_size}, offset}))
        page.items.push_back(ReadInstitution(r));
    return page;
}

std::optional<Institution> FindInstitution(db::Connection& c, const std::string& scope, std::int64_t id) {
    auto found = db::QueryOne(c, kFind, {scope, id}, ReadInstitution);
    if (!found) return std::nullopt;
    for (const auto& r : c.Query(kStaff, {id}))
        found->staff.push_back({r.Int(0), r.Text(1), r.Int(2) != 0, r.OptText(3)});
    return found;
}

std::optional<std::int64_t> InstitutionIdByCreditCode(db::Connection& c, const std::string& credit_code) {
    return db::QueryOne(c, kByCredit, {credit_code}, [](const db::Row& r) { return r.Int(0); });
}

std::int64_t InsertInstitution(db::Connection& c, const Institution& in, std::optional<std::int64_t> override_by,
                               const std::string& now) {
    return c
        .Query(kInsert, {in.unit_code, in.org_path, in.name, in.credit_code, db::Opt(in.credit_override_reason),
                         db::Opt(override_by), Code(in.category), Code(in.delivery), in.address,
                         db::Opt(in.licence_no), db::Opt(in.licence_date), db::Opt(in.filing_no),
                         db::Opt(in.filing_date), db::Opt(in.nonprofit_reg_no), in.legal_representative,
                         Code(in.status), Bool(in.in_baseline), now,
                         override_by ? db::Value{now} : db::Null()})[0]
        .Int(0);
}

void UpdateInstitution(db::Connection& c, const Institution& in, std::optional<std::int64_t> override_by,
                       const std::string& now) {
    c.Execute(kUpdate, {in.id, in.name, in.credit_code, db::Opt(in.credit_override_reason), db::Opt(override_by),
                        Code(in.category), Code(in.delivery), in.address, db::Opt(in.licence_no),
                        db::Opt(in.licence_date), db::Opt(in.filing_no), db::Opt(in.filing_date),
                        db::Opt(in.nonprofit_reg_no), in.legal_representative, Code(in.status), Bool(in.in_baseline),
                        now});
}

void SetInstitutionStatus(db::Connection& c, std::int64_t id, InstitutionStatus status, const std::string& now) {
    c.Execute(kSetStatus, {id, Code(status), now});
}

void ReplaceStaff(db::Connection& c, std::int64_t institution_id, const std::vector<StaffMember>& staff,
                  const std::string& now) {
    c.Execute(kDeleteStaff, {institution_id});
    for (const auto& s : staff)
        c.Execute(kInsertStaff, {institution_id, s.name, Bool(s.teaches_subject), db::Opt(s.qualification_no), now});
}

std::vector<BaselineCount> CurrentCounts(db::Connection& c, const std::string& scope) {
    return ReadCounts(c.Query(kCurrent, {scope}), false);
}

std::vector<BaselineCount> BaselineCounts(db::Connection& c, const std::string& scope) {
    return ReadCounts(c.Query(kBaseline, {scope}), true);
}

bool HasBaseline(db::Connection& c, const std::string& unit_code) { return !c.Query(kHasBaseline, {unit_code}).empty(); }

void InsertBaseline(db::Connection& c, const BaselineCount& row, std::int64_t by, const std::string& now) {
    c.Execute(kInsertBaseline,
              {row.unit_code, Code(row.category), Code(row.delivery), std::int64_t{row.institutions}, row.as_of, by, now});
}

bool HasOpenCase(db::Connection& c, std::int64_t institution_id) { return !c.Query(kOpenCase, {institution_id}).empty(); }

}  // namespace kehou::institutions::repo
