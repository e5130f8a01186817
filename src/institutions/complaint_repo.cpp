#include "institutions/complaint_repo.hpp"

#include "core/time.hpp"
#include "institutions/repo_util.hpp"

namespace kehou::institutions::repo {
namespace {

// $T is today's date: a complaint is overdue when still open after its due date, or closed late.
#define KEHOU_COMPLAINT_COLUMNS(T)                                                                               \
    "k.id, k.unit_code, u.name, k.org_path, k.channel, k.received_at, k.anonymous, k.contact_masked,"          \
    " k.institution_id, i.name, k.operator_name, k.operator_address, k.content, k.assigned_to, a.display_name," \
    " k.due_date, k.status, k.reply, k.closed_at,"                                                              \
    " CASE WHEN (k.status <> 'closed' AND k.due_date < " T ") OR (k.status = 'closed' AND"                      \
    " SUBSTR(k.closed_at, 1, 10) > k.due_date) THEN 1 ELSE 0 END"
#define KEHOU_COMPLAINT_FROM                                                                                    \
    " FROM inst_complaint k JOIN org_unit u ON u.code = k.unit_code"                                            \
    " LEFT JOIN inst_institution i ON i.id = k.institution_id LEFT JOIN auth_user a ON a.id = k.assigned_to"
#define KEHOU_COMPLAINT_FILTER                                                                                  \
    KEHOU_COMPLAINT_FROM " WHERE k.org_path LIKE $1 || '%' AND (CAST($2 AS TEXT) IS NULL OR k.status = $2)"     \
    " AND ($3 = 0 OR (k.status <> 'closed' AND k.due_date < $5) OR (k.status = 'closed' AND"                   \
    " SUBSTR(k.closed_at, 1, 10) > k.due_date)) AND ($4 = 0 OR k.assigned_to = $6)"

constexpr db::Query kInsert{"inst.insert_complaint",
                            "INSERT INTO inst_complaint (unit_code, org_path, channel, received_at, anonymous,"
                            " contact_sealed, contact_masked, institution_id, operator_name, operator_address,"
                            " content, due_date, status, recorded_by)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13) RETURNING id"};
constexpr db::Query kAboutCode{"inst.complaints_about_code",
                               "SELECT k.id, k.received_at, k.status FROM inst_complaint k"
                               " JOIN inst_institution i ON i.id = k.institution_id"
                               " WHERE i.credit_code = $2 AND k.org_path LIKE $1 || '%'"
                               " ORDER BY k.received_at DESC, k.id DESC"};
constexpr db::Query kFind{"inst.find_complaint", "SELECT " KEHOU_COMPLAINT_COLUMNS("$3") KEHOU_COMPLAINT_FROM
                                                 " WHERE k.id = $2 AND k.org_path LIKE $1 || '%'"};
constexpr db::Query kCount{"inst.count_complaints", "SELECT COUNT(*)" KEHOU_COMPLAINT_FILTER};
constexpr db::Query kList{"inst.list_complaints", "SELECT " KEHOU_COMPLAINT_COLUMNS("$5") KEHOU_COMPLAINT_FILTER
                                                  " ORDER BY k.received_at DESC, k.id DESC LIMIT $7 OFFSET $8"};
constexpr db::Query kContact{"inst.complaint_contact",
                             "SELECT contact_sealed FROM inst_complaint WHERE id = $2 AND org_path LIKE $1 || '%'"};
constexpr db::Query kAssign{"inst.assign_complaint",
                            "UPDATE inst_complaint SET assigned_to = $2, due_date = $3, status = 'assigned'"
                            " WHERE id = $1 AND status <> 'closed'"};
constexpr db::Query kClose{"inst.close_complaint",
                           "UPDATE inst_complaint SET status = 'closed', reply = $2, closed_by = $3, closed_at = $4"
                           " WHERE id = $1 AND status <> 'closed'"};
constexpr db::Query kUser{"inst.user_role_scope", "SELECT role, scope_path FROM auth_user WHERE id = $1"};
constexpr db::Query kInspectors{
    "inst.inspectors",
    "SELECT u.id, u.display_name, o.code, o.name FROM auth_user u JOIN org_unit o ON o.org_path = u.scope_path"
    " WHERE u.role = 'inspector' AND u.is_active = TRUE AND u.scope_path LIKE $1 || '%'"
    " ORDER BY o.org_path, u.display_name, u.id"};
constexpr db::Query kDays{"inst.calendar_days", "SELECT day, kind, name FROM inst_calendar_day ORDER BY day"};
constexpr db::Query kVacations{"inst.vacations",
                               "SELECT org_path, name, from_date, to_date FROM inst_vacation"
                               " WHERE $1 LIKE org_path || '%' ORDER BY LENGTH(org_path) DESC, from_date"};
constexpr db::Query kAnyDay{"inst.calendar_any", "SELECT 1 FROM inst_calendar_day LIMIT 1"};
constexpr db::Query kInsertDay{"inst.insert_calendar_day",
                               "INSERT INTO inst_calendar_day (day, kind, name) VALUES ($1, $2, $3)"};
constexpr db::Query kInsertVacation{"inst.insert_vacation",
                                    "INSERT INTO inst_vacation (org_path, name, from_date, to_date)"
                                    " VALUES ($1, $2, $3, $4)"};

Complaint ReadComplaint(const db::Row& r) {
    Complaint k;
    k.id = r.Int(0);
    k.unit_code = r.Text(1);
    k.unit_name = r.Text(2);
    k.org_path = r.Text(3);
    k.channel = Enum<ComplaintChannel>(r.Text(4));
    k.received_at = r.Text(5);
    k.anonymous = r.Int(6) != 0;
    k.contact_masked = r.OptText(7);
    k.institution_id = r.OptInt(8);
    k.institution_name = r.OptText(9);
    k.operator_name = r.OptText(10);
    k.operator_address = r.OptText(11);
    k.content = r.Text(12);
    k.assigned_to = r.OptInt(13);
    k.assignee_name = r.OptText(14);
    k.due_date = r.Text(15);
    k.status = Enum<ComplaintStatus>(r.Text(16));
    k.reply = r.OptText(17);
    k.closed_at = r.OptText(18);
    k.overdue = r.Int(19) != 0;
    return k;
}

}  // namespace

std::int64_t InsertComplaint(db::Connection& c, const ComplaintIntake& in, const std::string& org_path,
                             const std::string& received_at, const std::string& due_date,
                             const std::optional<SealedContact>& contact, std::optional<std::int64_t> recorded_by) {
    const db::Value sealed = contact ? db::Value{db::Blob{contact->box}} : db::Null();
    const db::Value masked = contact ? db::Value{contact->masked} : db::Null();
    return c
        .Query(kInsert, {in.unit_code, org_path, Code(in.channel), received_at, Bool(in.anonymous), sealed, masked,
                         db::Opt(in.institution_id), db::Opt(in.operator_name), db::Opt(in.operator_address), in.content,
                         due_date, db::Opt(recorded_by)})[0]
        .Int(0);
}

std::optional<Complaint> FindComplaint(db::Connection& c, const std::string& scope, std::int64_t id,
                                       const std::string& today) {
    return db::QueryOne(c, kFind, {scope, id, today}, ReadComplaint);
}

Page<Complaint> ListComplaints(db::Connection& c, const std::string& scope, const ComplaintFilter& f,
                               std::int64_t caller, const std::string& today) {
    const db::Value status = OptCode(f.status), overdue = Bool(f.overdue_only), mine = Bool(f.mine_only);
    Page<Complaint> page;
    page.total = c.Query(kCount, {scope, status, overdue, mine, today, caller})[0].Int(0);
    const std::int64_t offset = std::int64_t{f.page - 1} * f.page_size;
    for (const auto& r :
         c.Query(kList, {scope, status, overdue, mine, today, caller, std::int64_t{f.page_size}, offset}))
        page.items.push_back(ReadComplaint(r));
    return page;
}

std::optional<std::vector<std::uint8_t>> ComplaintContact(db::Connection& c, const std::string& scope, std::int64_t id) {
    const auto r = c.Query(kContact, {scope, id});
    if (r.empty() || r[0].IsNull(0)) return std::nullopt;
    return r[0].Bytes(0).bytes;
}

bool AssignComplaint(db::Connection& c, std::int64_t id, std::int64_t inspector, const std::string& due_date) {
    return c.Execute(kAssign, {id, inspector, due_date}) == 1;
}

bool CloseComplaint(db::Connection& c, std::int64_t id, const std::string& reply, std::int64_t by,
                    const std::string& now) {
    return c.Execute(kClose, {id, reply, by, now}) == 1;
}

std::optional<std::pair<std::string, std::string>> UserRoleAndScope(db::Connection& c, std::int64_t user_id) {
    return db::QueryOne(c, kUser, {user_id}, [](const db::Row& r) { return std::make_pair(r.Text(0), r.Text(1)); });
}

std::vector<Inspector> ListInspectors(db::Connection& c, const std::string& path) {
    std::vector<Inspector> out;
    for (const auto& r : c.Query(kInspectors, {path}))
        out.push_back({.id = r.Int(0), .display_name = r.Text(1), .unit_code = r.Text(2), .unit_name = r.Text(3)});
    return out;
}

std::vector<CalendarDay> CalendarDays(db::Connection& c) {
    std::vector<CalendarDay> out;
    for (const auto& r : c.Query(kDays)) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

std::vector<DateRange> VacationsFor(db::Connection& c, const std::string& county_path) {
    std::vector<DateRange> out;
    std::string owner;  // the most specific path that has rows: the county's own, else the city's
    for (const auto& r : c.Query(kVacations, {county_path})) {
        if (owner.empty()) owner = r.Text(0);
        if (r.Text(0) != owner) break;
        const auto from = ParseIsoDate(r.Text(2)), to = ParseIsoDate(r.Text(3));
        if (from && to) out.push_back({*from, *to, r.Text(1)});
    }
    return out;
}

bool CalendarEmpty(db::Connection& c) { return c.Query(kAnyDay).empty(); }

void InsertCalendarDay(db::Connection& c, const std::string& day, const std::string& kind, const std::string& name) {
    c.Execute(kInsertDay, {day, kind, name});
}

void InsertVacation(db::Connection& c, const std::string& org_path, const DateRange& v) {
    c.Execute(kInsertVacation, {org_path, v.name, FormatIsoDate(v.from), FormatIsoDate(v.to)});
}

std::vector<ComplaintBrief> ComplaintsAbout(db::Connection& c, const std::string& scope,
                                            const std::string& credit_code) {
    std::vector<ComplaintBrief> out;
    for (const auto& r : c.Query(kAboutCode, {scope, credit_code})) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
    return out;
}

}  // namespace kehou::institutions::repo
