// SQL of provider records, their services, instructors and history (migrations 0017, 0019).
#include "providers/repo.hpp"

#include "core/time.hpp"
#include "db/insert_id.hpp"

namespace kehou::providers::repo {
namespace {

// Newest semester first: "2026-autumn" after "2026-spring", though it sorts before it as text.
#define KEHOU_SEMESTER_ORDER(t) \
    "SUBSTR(" #t ".semester, 1, 4) DESC, CASE WHEN " #t ".semester LIKE '%autumn' THEN 1 ELSE 0 END DESC"
#define KEHOU_RECORD_SELECT                                                                                        \
    "SELECT r.id, r.unit_code, u.name, r.org_path, r.credit_code, r.name, r.category, r.free_public_benefit,"     \
    " r.declares_no_marketing, r.contact_name, r.contact_phone, r.status, r.exit_reason, r.applied_at,"            \
    " r.decided_at, r.exited_at, r.provider_id,"                                                                   \
    " (SELECT COUNT(*) FROM pv_service s WHERE s.record_id = r.id),"                                               \
    " (SELECT COUNT(*) FROM pv_instructor i WHERE i.record_id = r.id),"                                            \
    " (SELECT e.outcome FROM pv_evaluation e WHERE e.record_id = r.id"                                             \
    "  ORDER BY " KEHOU_SEMESTER_ORDER(e) " LIMIT 1),"                                                              \
    " r.credit_override_reason"                                                                                    \
    " FROM pv_record r JOIN org_unit u ON u.code = r.unit_code"
// $1 scope, $2 school reader (1: the white list of the county containing the school), $3 credit code ('' = any).
#define KEHOU_RECORD_SCOPE                                                                                         \
    " WHERE (r.org_path LIKE $1 || '%' OR ($2 = 1 AND $1 LIKE r.org_path || '%'))"                                 \
    " AND ($2 = 0 OR r.status IN ('admitted', 'suspended')) AND ($3 = '' OR r.credit_code = $3)"
#define KEHOU_RECORD_FILTER                                                                                        \
    KEHOU_RECORD_SCOPE " AND ($4 = '' OR r.status = $4)"                                                         \
    " AND ($5 = '' OR r.name LIKE '%' || $5 || '%' OR r.credit_code LIKE $5 || '%')"

constexpr db::Query kFind{"providers.find_record", KEHOU_RECORD_SELECT KEHOU_RECORD_SCOPE " AND r.id = $4"};
constexpr db::Query kCount{"providers.count_records",
                           "SELECT COUNT(*) FROM pv_record r" KEHOU_RECORD_FILTER};
constexpr db::Query kList{"providers.list_records", KEHOU_RECORD_SELECT KEHOU_RECORD_FILTER
                          " ORDER BY r.applied_at DESC, r.id DESC LIMIT $6 OFFSET $7"};
constexpr db::Query kEvaluated{"providers.evaluated_records",
                               KEHOU_RECORD_SELECT " WHERE r.org_path = $1 AND r.status IN ('admitted', 'suspended')"
                                                   " ORDER BY r.name, r.id"};
constexpr db::Query kUnits{"providers.units_with_records",
                           "SELECT DISTINCT unit_code FROM pv_record WHERE org_path LIKE $1 || '%' ORDER BY unit_code"};
constexpr db::Query kPast{"providers.past_records",
                          "SELECT status, exit_reason, exited_at FROM pv_record WHERE credit_code = $2"
                          " AND (unit_code = $1 OR exit_reason IN ('recruiting_in_school', 'licence_revoked'))"};
constexpr db::Query kInsertPlain{
    "providers.insert_record",
    "INSERT INTO pv_record (unit_code, org_path, credit_code, name, category, free_public_benefit,"
    " declares_no_marketing, contact_name, contact_phone, status, applied_at, applied_by, credit_override_reason)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', $10, $11, $12)"};
constexpr db::Query kInsertReturning{
    "providers.insert_record_returning",
    "INSERT INTO pv_record (unit_code, org_path, credit_code, name, category, free_public_benefit,"
    " declares_no_marketing, contact_name, contact_phone, status, applied_at, applied_by, credit_override_reason)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', $10, $11, $12) RETURNING id"};
constexpr db::Query kInsertService{"providers.insert_service",
                                   "INSERT INTO pv_service (record_id, seq, name, fee_fen, outside_price_fen)"
                                   " VALUES ($1, $2, $3, $4, $5)"};
constexpr db::Query kInsertInstructor{
    "providers.insert_instructor",
    "INSERT INTO pv_instructor (record_id, seq, name, qualification, qualification_name, qualification_number,"
    " background_check_date) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kServices{"providers.services",
                              "SELECT name, fee_fen, outside_price_fen FROM pv_service WHERE record_id = $1 ORDER BY seq"};
constexpr db::Query kInstructors{"providers.instructors",
                                 "SELECT name, qualification, qualification_name, qualification_number,"
                                 " background_check_date FROM pv_instructor WHERE record_id = $1 ORDER BY seq"};
constexpr db::Query kEvents{"providers.events",
                            "SELECT e.event, e.from_status, e.to_status, e.reason, e.exit_reason,"
                            " COALESCE(u.display_name, ''), e.at FROM pv_event e"
                            " LEFT JOIN auth_user u ON u.id = e.by_user WHERE e.record_id = $1 ORDER BY e.id"};
constexpr db::Query kInsertEvent{"providers.insert_event",
                                 "INSERT INTO pv_event (record_id, event, from_status, to_status, reason, exit_reason,"
                                 " by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr db::Query kMove{"providers.move_record",
                          "UPDATE pv_record SET status = $3,"
                          " decided_at = CASE WHEN $2 = 'applied' THEN $5 ELSE decided_at END,"
                          " exited_at = CASE WHEN $3 = 'exited' THEN $5 ELSE exited_at END,"
                          " exit_reason = CASE WHEN $3 = 'exited' THEN $4 ELSE exit_reason END"
                          " WHERE id = $1 AND status = $2"};
constexpr db::Query kSetProvider{"providers.set_provider_id", "UPDATE pv_record SET provider_id = $2 WHERE id = $1"};

db::Value Flag(bool b) { return std::int64_t{b ? 1 : 0}; }

Record ReadRecord(const db::Row& r) {
    Record x;
    x.id = r.Int(0);
    x.unit_code = r.Text(1);
    x.unit_name = r.Text(2);
    x.org_path = r.Text(3);
    x.credit_code = r.Text(4);
    x.name = r.Text(5);
    x.category = r.Text(6);
    x.free_public_benefit = r.Int(7) != 0;
    x.declares_no_marketing = r.Int(8) != 0;
    x.contact_name = r.Text(9);
    x.contact_phone = r.Text(10);
    x.status = ParseProviderStatus(r.Text(11)).value_or(ProviderStatus::kApplied);
    if (const auto e = r.OptText(12)) x.exit_reason = ParseExitReason(*e);
    x.applied_at = r.Text(13);
    x.decided_at = r.OptText(14);
    x.exited_at = r.OptText(15);
    x.provider_id = r.OptInt(16);
    x.service_count = static_cast<int>(r.Int(17));
    x.instructor_count = static_cast<int>(r.Int(18));
    if (const auto o = r.OptText(19)) x.last_outcome = ParseOutcome(*o);
    x.credit_override_reason = r.OptText(20);
    return x;
}

std::vector<Record> ReadRecords(const db::Result& rows) {
    std::vector<Record> out;
    for (const auto& r : rows) out.push_back(ReadRecord(r));
    return out;
}

}  // namespace

std::int64_t InsertRecord(db::Connection& c, const Record& r, const Application& a, std::int64_t by,
                          const std::string& now) {
    const db::Value user = by > 0 ? db::Value{by} : db::Null();  // 0: the seed or the console
    const std::vector<db::Value> params = {r.unit_code, r.org_path, a.credit_code, a.name, a.category,
                                           Flag(a.free_public_benefit), Flag(a.declares_no_marketing),
                                           r.contact_name, r.contact_phone, now, user,
                                           db::Opt(a.credit_override_reason)};
    const auto id = db::InsertForId(c, kInsertPlain, kInsertReturning, params);
    for (std::size_t i = 0; i < a.services.size(); ++i) {
        const auto& s = a.services[i];
        c.Execute(kInsertService, {id, static_cast<std::int64_t>(i), s.name, s.fee_fen, s.outside_price_fen});
    }
    for (std::size_t i = 0; i < a.instructors.size(); ++i) {
        const auto& t = a.instructors[i];
        const db::Value date = t.background_check_date ? db::Value{FormatIsoDate(*t.background_check_date)} : db::Null();
        c.Execute(kInsertInstructor, {id, static_cast<std::int64_t>(i), t.name, std::string(ToString(t.qualification)),
                                      t.qualification_name, t.qualification_number, date});
    }
    c.Execute(kInsertEvent, {id, "apply", "applied", "applied", "", db::Null(), user, now});
    return id;
}

std::optional<Record> FindRecord(db::Connection& c, const Reader& who, std::int64_t id) {
    return db::QueryOne(c, kFind, {who.scope, Flag(who.school), who.credit_code, id}, ReadRecord);
}

std::pair<std::vector<Record>, std::int64_t> ListRecords(db::Connection& c, const Reader& who, const RecordFilter& f) {
    const std::string status = f.status ? std::string(ToString(*f.status)) : "";
    const auto total = c.Query(kCount, {who.scope, Flag(who.school), who.credit_code, status, f.q})[0].Int(0);
    const std::int64_t size = f.page_size, offset = std::int64_t{f.page - 1} * f.page_size;
    auto rows = ReadRecords(c.Query(kList, {who.scope, Flag(who.school), who.credit_code, status, f.q, size, offset}));
    return {std::move(rows), total};
}

std::vector<Record> EvaluatedRecords(db::Connection& c, const std::string& county_path) {
    return ReadRecords(c.Query(kEvaluated, {county_path}));
}

std::vector<std::string> UnitsWithRecords(db::Connection& c, const std::string& scope) {
    std::vector<std::string> out;
    for (const auto& r : c.Query(kUnits, {scope})) out.push_back(r.Text(0));
    return out;
}

std::vector<PastRecord> PastRecords(db::Connection& c, const std::string& unit_code, const std::string& credit_code) {
    std::vector<PastRecord> out;
    for (const auto& r : c.Query(kPast, {unit_code, credit_code})) {
        PastRecord p;
        p.status = ParseProviderStatus(r.Text(0)).value_or(ProviderStatus::kApplied);
        if (const auto e = r.OptText(1)) p.exit_reason = ParseExitReason(*e);
        if (const auto at = r.OptText(2)) p.exited_on = ParseIsoDate(at->substr(0, 10));
        out.push_back(p);
    }
    return out;
}

std::vector<ServiceOffer> ListServices(db::Connection& c, std::int64_t record_id) {
    std::vector<ServiceOffer> out;
    for (const auto& r : c.Query(kServices, {record_id})) out.push_back({r.Text(0), r.Int(1), r.Int(2)});
    return out;
}

std::vector<Instructor> ListInstructors(db::Connection& c, std::int64_t record_id) {
    std::vector<Instructor> out;
    for (const auto& r : c.Query(kInstructors, {record_id})) {
        Instructor t;
        t.name = r.Text(0);
        t.qualification = ParseQualificationKind(r.Text(1)).value_or(QualificationKind::kOther);
        t.qualification_name = r.Text(2);
        t.qualification_number = r.Text(3);
        if (const auto d = r.OptText(4)) t.background_check_date = ParseIsoDate(*d);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<EventRow> ListEvents(db::Connection& c, std::int64_t record_id) {
    std::vector<EventRow> out;
    for (const auto& r : c.Query(kEvents, {record_id}))
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5), r.Text(6)});
    return out;
}

bool MoveRecord(db::Connection& c, std::int64_t id, ProviderStatus from, ProviderStatus to,
                std::optional<ExitReason> exit_reason, const std::string& now) {
    const db::Value reason = exit_reason ? db::Value{std::string(ToString(*exit_reason))} : db::Null();
    return c.Execute(kMove, {id, std::string(ToString(from)), std::string(ToString(to)), reason, now}) == 1;
}

void InsertEvent(db::Connection& c, std::int64_t record_id, const std::string& event, ProviderStatus from,
                 ProviderStatus to, const std::string& reason, std::optional<ExitReason> exit_reason, std::int64_t by,
                 const std::string& now) {
    const db::Value er = exit_reason ? db::Value{std::string(ToString(*exit_reason))} : db::Null();
    c.Execute(kInsertEvent, {record_id, event, std::string(ToString(from)), std::string(ToString(to)), reason, er,
                             by > 0 ? db::Value{by} : db::Null(), now});
}

void SetProviderId(db::Connection& c, std::int64_t record_id, std::int64_t provider_id) {
    c.Execute(kSetProvider, {record_id, provider_id});
}

}  // namespace kehou::providers::repo
