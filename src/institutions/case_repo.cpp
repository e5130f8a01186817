#include "institutions/case_repo.hpp"

#include "institutions/repo_util.hpp"

namespace kehou::institutions::repo {
namespace {

#define KEHOU_CASE_COLUMNS                                                                                     \
    "k.id, k.institution_id, i.name, k.org_path, k.complaint_id, k.state, k.scheduled_for, k.inspector_id,"  \
    " k.decision_kind, k.decision_authority, k.decision_basis, k.decision_on, k.rectify_by, k.penalty_kind,"  \
    " k.fine_fen, k.opened_at, k.updated_at, k.closed_at, i.unit_code, o.name"
// The county's name travels with every case: a city or county list mixes several.
#define KEHOU_CASE_FROM                                                                                        \
    " FROM inst_case k JOIN inst_institution i ON i.id = k.institution_id JOIN org_unit o ON o.code = i.unit_code"
#define KEHOU_CASE_FILTER                                                                                      \
    KEHOU_CASE_FROM " WHERE k.org_path LIKE $1 || '%'"                                                      \
    " AND (CAST($2 AS TEXT) IS NULL OR k.state = $2) AND (CAST($3 AS BIGINT) IS NULL OR k.institution_id = $3)" \
    " AND ($4 = 0 OR k.state NOT IN ('closed', 'closed_no_issue'))"                                          \
    " AND (CAST($5 AS BIGINT) IS NULL OR k.complaint_id = $5)"

constexpr db::Query kInsertCase{"inst.insert_case",
                                "INSERT INTO inst_case (institution_id, org_path, complaint_id, state, scheduled_for,"
                                " inspector_id, opened_by, opened_at, updated_at)"
                                " VALUES ($1, $2, $3, 'scheduled', $4, $5, $6, $7, $7) RETURNING id"};
constexpr db::Query kInsertEvent{"inst.insert_case_event",
                                 "INSERT INTO inst_case_event (case_id, from_state, to_state, event, actor_id,"
                                 " actor_role, at, note, passed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                                 " RETURNING id"};
constexpr db::Query kFindCase{"inst.find_case", "SELECT " KEHOU_CASE_COLUMNS KEHOU_CASE_FROM
                                                " WHERE k.id = $2 AND k.org_path LIKE $1 || '%'"};
constexpr db::Query kCountCases{"inst.count_cases", "SELECT COUNT(*)" KEHOU_CASE_FILTER};
constexpr db::Query kListCases{"inst.list_cases", "SELECT " KEHOU_CASE_COLUMNS KEHOU_CASE_FILTER
                                                  " ORDER BY k.updated_at DESC, k.id DESC LIMIT $6 OFFSET $7"};
constexpr db::Query kEvents{"inst.case_events",
                            "SELECT e.id, e.from_state, e.to_state, e.event, e.actor_id, u.display_name, e.actor_role,"
                            " e.at, e.note, e.passed FROM inst_case_event e LEFT JOIN auth_user u ON u.id = e.actor_id"
                            " WHERE e.case_id = $1 ORDER BY e.id"};
constexpr db::Query kEvidence{"inst.case_evidence",
                              "SELECT v.id, v.event_id, v.sha256, v.file_name, b.mime, b.size_bytes, v.uploaded_at"
                              " FROM inst_evidence v JOIN inst_blob b ON b.sha256 = v.sha256 WHERE v.case_id = $1"
                              " ORDER BY v.id"};
constexpr db::Query kMove{"inst.move_case",
                          "UPDATE inst_case SET state = $3, updated_at = $4,"
                          " closed_at = CASE WHEN $5 = 1 THEN $4 ELSE closed_at END WHERE id = $1 AND state = $2"};
constexpr db::Query kSetDecision{"inst.set_decision",
                                 "UPDATE inst_case SET decision_kind = $2, decision_authority = $3, decision_basis = $4,"
                                 " decision_on = $5, rectify_by = $6, penalty_kind = $7, fine_fen = $8 WHERE id = $1"};
constexpr db::Query kHasBlob{"inst.has_blob", "SELECT 1 FROM inst_blob WHERE sha256 = $1"};
constexpr db::Query kInsertBlob{"inst.insert_blob",
                                "INSERT INTO inst_blob (sha256, mime, size_bytes, content) VALUES ($1, $2, $3, $4)"};
constexpr db::Query kInsertEvidence{"inst.insert_evidence",
                                    "INSERT INTO inst_evidence (case_id, sha256, file_name, uploaded_by, uploaded_at)"
                                    " VALUES ($1, $2, $3, $4, $5) RETURNING id"};
constexpr db::Query kAttach{"inst.attach_evidence",
                            "UPDATE inst_evidence SET event_id = $3 WHERE id = $2 AND case_id = $1 AND event_id IS NULL"};
constexpr db::Query kEvidenceContent{
    "inst.evidence_content",
    "SELECT v.id, v.event_id, v.sha256, v.file_name, b.mime, b.size_bytes, v.uploaded_at, b.content"
    " FROM inst_evidence v JOIN inst_blob b ON b.sha256 = v.sha256 JOIN inst_case k ON k.id = v.case_id"
    " WHERE v.id = $2 AND k.org_path LIKE $1 || '%'"};
constexpr db::Query kPastDeadline{"inst.cases_past_deadline",
                                  "SELECT " KEHOU_CASE_COLUMNS KEHOU_CASE_FROM
                                  " WHERE k.state IN ('decision_issued', 'filed', 'rectifying') AND k.rectify_by < $1"};

constexpr db::Query kOpenForCode{"inst.open_case_for_code",
                                 "SELECT COUNT(*) FROM inst_case k JOIN inst_institution i ON i.id = k.institution_id"
                                 " WHERE i.credit_code = $1 AND k.state NOT IN ('closed', 'closed_no_issue')"};

InspectionCase ReadCase(const db::Row& r) {
    InspectionCase k;
    k.id = r.Int(0);
    k.institution_id = r.Int(1);
    k.institution_name = r.Text(2);
    k.org_path = r.Text(3);
    k.complaint_id = r.OptInt(4);
    k.state = Enum<CaseState>(r.Text(5));
    k.scheduled_for = r.Text(6);
    k.inspector_id = r.OptInt(7);
    if (const auto kind = r.OptText(8))
        k.decision = StoredDecision{Enum<DecisionKind>(*kind), r.Text(9), r.Text(10), r.Text(11), r.OptText(12),
                                    OptEnum<PenaltyKind>(r.OptText(13)), r.OptInt(14)};
    k.opened_at = r.Text(15);
    k.updated_at = r.Text(16);
    k.closed_at = r.OptText(17);
    k.unit_code = r.Text(18);
    k.unit_name = r.Text(19);
    return k;
}

EvidenceFile ReadEvidence(const db::Row& r) {
    return {r.Int(0), r.OptInt(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6)};
}

}  // namespace

std::int64_t InsertCase(db::Connection& c, const CaseOpening& in, const std::string& org_path, std::int64_t by,
                        const std::string& now) {
    return c
        .Query(kInsertCase, {in.institution_id, org_path, db::Opt(in.complaint_id), in.scheduled_for,
                             db::Opt(in.inspector_id), by, now})[0]
        .Int(0);
}

std::int64_t InsertCaseEvent(db::Connection& c, std::int64_t case_id, const CaseEventRecord& e) {
    const db::Value passed = e.passed ? Bool(*e.passed) : db::Null();
    return c
        .Query(kInsertEvent, {case_id, Code(e.from), Code(e.to), e.event, db::Opt(e.actor_id), e.actor_role, e.at,
                              e.note, passed})[0]
        .Int(0);
}

std::optional<InspectionCase> FindCase(db::Connection& c, const std::string& scope, std::int64_t id) {
    return db::QueryOne(c, kFindCase, {scope, id}, ReadCase);
}

Page<InspectionCase> ListCases(db::Connection& c, const std::string& scope, const CaseFilter& f) {
    const db::Value state = OptCode(f.state), inst = db::Opt(f.institution_id), open = Bool(f.open_only),
                    complaint = db::Opt(f.complaint_id);
    Page<InspectionCase> page;
    page.total = c.Query(kCountCases, {scope, state, inst, open, complaint})[0].Int(0);
    const std::int64_t offset = std::int64_t{f.page - 1} * f.page_size;
    for (const auto& r :
         c.Query(kListCases, {scope, state, inst, open, complaint, std::int64_t{f.page_size}, offset}))
        page.items.push_back(ReadCase(r));
    return page;
}

std::vector<CaseEventRecord> CaseEvents(db::Connection& c, std::int64_t case_id) {
    std::vector<CaseEventRecord> out;
    for (const auto& r : c.Query(kEvents, {case_id})) {
        const auto passed = r.OptInt(9);
        out.push_back({r.Int(0), Enum<CaseState>(r.Text(1)), Enum<CaseState>(r.Text(2)), r.Text(3), r.OptInt(4),
                       r.OptText(5).value_or(""), r.Text(6), r.Text(7), r.Text(8),
                       passed ? std::optional<bool>(*passed != 0) : std::nullopt});
    }
    return out;
}

std::vector<EvidenceFile> CaseEvidence(db::Connection& c, std::int64_t case_id) {
    std::vector<EvidenceFile> out;
    for (const auto& r : c.Query(kEvidence, {case_id})) out.push_back(ReadEvidence(r));
    return out;
}

bool MoveCase(db::Connection& c, std::int64_t id, CaseState from, CaseState to, bool closes, const std::string& now) {
    return c.Execute(kMove, {id, Code(from), Code(to), now, Bool(closes)}) == 1;
}

void SetDecision(db::Connection& c, std::int64_t id, const StoredDecision& d) {
    c.Execute(kSetDecision, {id, Code(d.kind), d.issuing_authority, d.legal_basis, d.issued_on, db::Opt(d.rectify_by),
                             OptCode(d.penalty), db::Opt(d.fine_fen)});
}

void PutBlob(db::Connection& c, const std::string& sha256, const std::string& mime, std::string_view bytes) {
    if (!c.Query(kHasBlob, {sha256}).empty()) return;
    c.Execute(kInsertBlob, {sha256, mime, static_cast<std::int64_t>(bytes.size()),
                            db::Blob{std::vector<std::uint8_t>(bytes.begin(), bytes.end())}});
}

std::int64_t InsertEvidence(db::Connection& c, std::int64_t case_id, const EvidenceFile& f, std::int64_t by) {
    return c.Query(kInsertEvidence, {case_id, f.sha256, f.file_name, by, f.uploaded_at})[0].Int(0);
}

int AttachEvidence(db::Connection& c, std::int64_t case_id, std::int64_t event_id, const std::vector<std::int64_t>& ids) {
    int linked = 0;
    for (auto id : ids) linked += static_cast<int>(c.Execute(kAttach, {case_id, id, event_id}));
    return linked;
}

std::optional<std::pair<EvidenceFile, std::string>> EvidenceContent(db::Connection& c, const std::string& scope,
                                                                     std::int64_t evidence_id) {
    return db::QueryOne(c, kEvidenceContent, {scope, evidence_id}, [](const db::Row& r) {
        const auto& bytes = r.Bytes(7).bytes;
        return std::make_pair(ReadEvidence(r), std::string(bytes.begin(), bytes.end()));
    });
}

std::vector<InspectionCase> CasesPastDeadline(db::Connection& c, const std::string& today) {
    std::vector<InspectionCase> out;
    for (const auto& r : c.Query(kPastDeadline, {today})) out.push_back(ReadCase(r));
    return out;
}

bool HasOpenCaseFor(db::Connection& c, const std::string& credit_code) {
    return c.Query(kOpenForCode, {credit_code})[0].Int(0) > 0;
}

}  // namespace kehou::institutions::repo
