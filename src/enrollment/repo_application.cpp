// SQL of applications, their pulls, uploads, reviews and appeals.
#include <chrono>
#include <stdexcept>

#include "core/time.hpp"
#include "db/insert_id.hpp"
#include "enrollment/dossier_json.hpp"
#include "enrollment/repo.hpp"

namespace kehou::enrollment::repo {
namespace {

db::Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }

Date Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }

#define KEHOU_APP_COLUMNS                                                                                          \
    "a.id, a.season_id, a.guardian_id, a.org_path, a.child_name, a.child_id_masked, a.birth_date, a.relation,"    \
    " a.declarations_json, a.preferred_school_id, a.private_school_id, a.catchment_school_id, k.name,"           \
    " a.category_index, a.category_name, a.hukou_move_in, a.certificate_date, a.points_tenths, a.in_county,"     \
    " a.dossier_json, a.status, a.one_click, a.submitted_at, a.decided_at, a.decision_note"
// Staff ($2 NULL) read inside their scope path; a guardian ($2) reads their own applications only.
#define KEHOU_APP_READER                                                                                  \
    " FROM en_application a LEFT JOIN org_school k ON k.id = a.catchment_school_id WHERE"               \
    " ((CAST($2 AS BIGINT) IS NULL AND a.org_path LIKE $1 || '%') OR a.guardian_id = $2)"
#define KEHOU_APP_FILTER                                                                                      \
    KEHOU_APP_READER " AND (CAST($3 AS BIGINT) IS NULL OR a.season_id = $3) AND (CAST($4 AS BIGINT) IS NULL" \
    " OR a.catchment_school_id = $4) AND (CAST($5 AS TEXT) IS NULL OR a.status = $5)"                        \
    " AND (CAST($6 AS TEXT) IS NULL OR a.child_name LIKE $6 || '%')"

constexpr db::Query kInsert{
    "en.insert_application",
    "INSERT INTO en_application (season_id, org_path, child_name, child_id_sealed, child_id_hash, child_id_masked,"
    " birth_date, guardian_id, relation, applicant_id_hash, declarations_json, preferred_school_id,"
    " private_school_id, catchment_school_id, category_index, category_name, hukou_move_in, certificate_date,"
    " points_tenths, in_county, dossier_json, status, one_click, submitted_at, decided_at, updated_at) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,"
    " $25, $24)"};
constexpr db::Query kInsertReturning{
    "en.insert_application_returning",
    "INSERT INTO en_application (season_id, org_path, child_name, child_id_sealed, child_id_hash, child_id_masked,"
    " birth_date, guardian_id, relation, applicant_id_hash, declarations_json, preferred_school_id,"
    " private_school_id, catchment_school_id, category_index, category_name, hukou_move_in, certificate_date,"
    " points_tenths, in_county, dossier_json, status, one_click, submitted_at, decided_at, updated_at) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,"
    " $25, $24) RETURNING id"};
constexpr db::Query kApplied{"en.child_applied",
                             "SELECT 1 FROM en_application WHERE season_id = $1 AND child_id_hash = $2"};
constexpr db::Query kFind{"en.find_application", "SELECT " KEHOU_APP_COLUMNS KEHOU_APP_READER " AND a.id = $3"};
constexpr db::Query kCount{"en.count_applications", "SELECT COUNT(*)" KEHOU_APP_FILTER};
constexpr db::Query kList{"en.list_applications", "SELECT " KEHOU_APP_COLUMNS KEHOU_APP_FILTER
                                                  " ORDER BY a.submitted_at DESC, a.id DESC LIMIT $7 OFFSET $8"};
constexpr db::Query kSeasonApps{"en.season_applications",
                                "SELECT " KEHOU_APP_COLUMNS " FROM en_application a LEFT JOIN org_school k ON"
                                " k.id = a.catchment_school_id WHERE a.season_id = $1 ORDER BY a.id"};
constexpr db::Query kUpdate{
    "en.update_application",
    "UPDATE en_application SET org_path = $2, catchment_school_id = $3, category_index = $4, category_name = $5,"
    " hukou_move_in = $6, certificate_date = $7, points_tenths = $8, in_county = $9, status = $10, decided_at ="
    " $11, decided_by = COALESCE($12, decided_by), decision_note = $13, updated_at = $14 WHERE id = $1"};

constexpr db::Query kInsertPull{
    "en.insert_pull",
    "INSERT INTO en_pull_log (application_id, department, status, reason, synced_at, legal_basis, fields_read,"
    " pulled_by, pulled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr db::Query kPulls{"en.pulls",
                           "SELECT department, status, reason, legal_basis, fields_read, pulled_at FROM en_pull_log"
                           " WHERE application_id = $1 ORDER BY id"};
constexpr db::Query kInsertUpload{
    "en.insert_upload",
    "INSERT INTO en_upload (application_id, department, file_name, mime, size_bytes, sha256, content, uploaded_by,"
    " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr db::Query kInsertUploadReturning{
    "en.insert_upload_returning",
    "INSERT INTO en_upload (application_id, department, file_name, mime, size_bytes, sha256, content, uploaded_by,"
    " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr db::Query kUploads{"en.uploads",
                             "SELECT id, department, file_name, mime, size_bytes, uploaded_at FROM en_upload"
                             " WHERE application_id = $1 ORDER BY id"};
constexpr db::Query kUpload{"en.upload",
                            "SELECT id, department, file_name, mime, size_bytes, uploaded_at, application_id,"
                            " content FROM en_upload WHERE id = $1"};
constexpr db::Query kInsertReview{
    "en.insert_review",
    "INSERT INTO en_review (application_id, department, decision, records_json, note, decided_by, decided_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kReviews{"en.reviews",
                             "SELECT department, decision, records_json, note, decided_at FROM en_review"
                             " WHERE application_id = $1 ORDER BY id"};

#define KEHOU_APPEAL_COLUMNS                                                                                  \
    "p.id, p.application_id, p.season_id, p.org_path, a.child_name, a.child_id_masked, p.reason, p.status,"  \
    " p.reply, p.decided_at, p.created_at"
#define KEHOU_APPEAL_READER                                                                                \
    " FROM en_appeal p JOIN en_application a ON a.id = p.application_id WHERE ((CAST($2 AS BIGINT) IS NULL" \
    " AND p.org_path LIKE $1 || '%') OR a.guardian_id = $2)"
constexpr db::Query kInsertAppeal{
    "en.insert_appeal",
    "INSERT INTO en_appeal (application_id, season_id, org_path, reason, status, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, 'open', $5, $6)"};
constexpr db::Query kInsertAppealReturning{
    "en.insert_appeal_returning",
    "INSERT INTO en_appeal (application_id, season_id, org_path, reason, status, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id"};
constexpr db::Query kAppeals{"en.appeals",
                             "SELECT " KEHOU_APPEAL_COLUMNS KEHOU_APPEAL_READER
                             " AND (CAST($3 AS BIGINT) IS NULL OR p.season_id = $3) AND (CAST($4 AS BIGINT) IS NULL"
                             " OR p.application_id = $4) AND (CAST($5 AS TEXT) IS NULL OR p.status = $5)"
                             " ORDER BY p.created_at DESC, p.id DESC"};
constexpr db::Query kFindAppeal{"en.find_appeal", "SELECT " KEHOU_APPEAL_COLUMNS KEHOU_APPEAL_READER " AND p.id = $3"};
constexpr db::Query kDecideAppeal{"en.decide_appeal",
                                  "UPDATE en_appeal SET status = $2, reply = $3, decided_by = $4, decided_at = $5"
                                  " WHERE id = $1 AND status = 'open'"};
constexpr db::Query kGuardian{"en.guardian_of_user", "SELECT id FROM org_guardian WHERE user_id = $1 ORDER BY id"};

Department DepartmentOf(const std::string& text) {
    const auto d = ParseDepartment(text);
    if (!d) throw std::runtime_error("unknown stored department " + text);
    return *d;
}

std::vector<std::string> SplitCommas(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find(',', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

ApplicationRecord ReadApplication(const db::Row& r) {
    ApplicationRecord a;
    a.id = r.Int(0);
    a.season_id = r.Int(1);
    a.guardian_id = r.Int(2);
    a.org_path = r.Text(3);
    a.child_name = r.Text(4);
    a.child_id_masked = r.Text(5);
    a.birth_date = r.Text(6);
    a.relation = r.Text(7) == "mother" ? Parent::kMother : Parent::kFather;
    a.declarations = ParseDeclarationsText(r.Text(8));
    a.preferred_school_id = r.OptInt(9);
    a.private_school_id = r.OptInt(10);
    a.catchment_school_id = r.OptInt(11);
    a.catchment_school_name = r.OptText(12).value_or("");
    if (const auto i = r.OptInt(13)) a.category_index = static_cast<int>(*i);
    a.category_name = r.OptText(14);
    a.hukou_move_in = r.OptText(15);
    a.certificate_date = r.OptText(16);
    a.points_tenths = static_cast<int>(r.Int(17));
    a.in_county = r.Int(18) != 0;
    a.answers = ParseAnswersText(r.Text(19), Today());
    const auto status = ParseApplicationStatus(r.Text(20));
    if (!status) throw std::runtime_error("unknown stored application status " + r.Text(20));
    a.status = *status;
    a.one_click = r.Int(21) != 0;
    a.submitted_at = r.Text(22);
    a.decided_at = r.OptText(23);
    a.decision_note = r.OptText(24);
    return a;
}

Appeal ReadAppeal(const db::Row& r) {
    Appeal p;
    p.id = r.Int(0);
    p.application_id = r.Int(1);
    p.season_id = r.Int(2);
    p.org_path = r.Text(3);
    p.child_name = r.Text(4);
    p.child_id_masked = r.Text(5);
    p.reason = r.Text(6);
    p.status = r.Text(7);
    p.reply = r.OptText(8);
    p.decided_at = r.OptText(9);
    p.created_at = r.Text(10);
    return p;
}

db::Value OptInt(const std::optional<int>& v) { return v ? db::Value{std::int64_t{*v}} : db::Null(); }

}  // namespace

std::int64_t InsertApplication(db::Connection& c, const NewApplication& n) {
    const auto& a = n.record;
    const std::vector<db::Value> params{
        a.season_id, a.org_path, a.child_name, n.child_id_sealed, n.child_id_hash, a.child_id_masked, a.birth_date,
        a.guardian_id, std::string(a.relation == Parent::kMother ? "mother" : "father"), n.applicant_id_hash,
        DeclarationsText(a.declarations), db::Opt(a.preferred_school_id), db::Opt(a.private_school_id),
        db::Opt(a.catchment_school_id), OptInt(a.category_index), db::Opt(a.category_name), db::Opt(a.hukou_move_in),
        db::Opt(a.certificate_date), std::int64_t{a.points_tenths}, Bool(a.in_county), AnswersText(a.answers),
        std::string(ToString(a.status)), Bool(a.one_click), a.submitted_at, db::Opt(a.decided_at)};
    return db::InsertForId(c, kInsert, kInsertReturning, params);
}

bool ChildApplied(db::Connection& c, std::int64_t season_id, const std::string& child_id_hash) {
    return !c.Query(kApplied, {season_id, child_id_hash}).empty();
}

std::optional<ApplicationRecord> FindApplication(db::Connection& c, const Reader& who, std::int64_t id) {
    const auto rows = c.Query(kFind, {who.scope_path, db::Opt(who.guardian_id), id});
    if (rows.empty()) return std::nullopt;
    return ReadApplication(rows[0]);
}

std::pair<std::vector<ApplicationRecord>, std::int64_t> ListApplications(db::Connection& c, const Reader& who,
                                                                      const ApplicationFilter& f) {
    const auto status = f.status ? db::Value{std::string(ToString(*f.status))} : db::Null();
    const std::vector<db::Value> where{who.scope_path, db::Opt(who.guardian_id), db::Opt(f.season_id),
                                       db::Opt(f.school_id), status, db::Opt(f.q)};
    const auto total = c.Query(kCount, where)[0].Int(0);
    auto params = where;
    params.push_back(std::int64_t{f.page_size});
    params.push_back(std::int64_t{(f.page - 1) * f.page_size});
    std::vector<ApplicationRecord> out;
    for (const auto& r : c.Query(kList, params)) out.push_back(ReadApplication(r));
    return {std::move(out), total};
}

std::vector<ApplicationRecord> SeasonApplications(db::Connection& c, std::int64_t season_id,
                                                  const std::vector<ApplicationStatus>& states) {
    std::vector<ApplicationRecord> out;
    for (const auto& r : c.Query(kSeasonApps, {season_id})) {
        auto a = ReadApplication(r);
        for (const auto s : states)
            if (a.status == s) out.push_back(std::move(a));
    }
    return out;
}

void UpdateApplication(db::Connection& c, const ApplicationRecord& a, std::optional<std::int64_t> decided_by,
                       const std::string& now) {
    c.Execute(kUpdate, {a.id, a.org_path, db::Opt(a.catchment_school_id), OptInt(a.category_index),
                        db::Opt(a.category_name), db::Opt(a.hukou_move_in), db::Opt(a.certificate_date),
                        std::int64_t{a.points_tenths}, Bool(a.in_county), std::string(ToString(a.status)),
                        db::Opt(a.decided_at), db::Opt(decided_by), db::Opt(a.decision_note), now});
}

void InsertPull(db::Connection& c, std::int64_t application_id, const DepartmentAnswer& a, std::int64_t user_id,
                const std::string& now) {
    std::string fields;
    for (const auto& f : a.fields_read) fields += (fields.empty() ? "" : ",") + f;
    const auto reason = a.reason ? db::Value{std::string(ToString(*a.reason))} : db::Null();
    c.Execute(kInsertPull, {application_id, std::string(ToString(a.department)), std::string(ToString(a.status)),
                            reason, a.synced_at, a.legal_basis, fields, user_id, now});
}

std::vector<PullInfo> ListPulls(db::Connection& c, std::int64_t application_id) {
    std::vector<PullInfo> out;
    for (const auto& r : c.Query(kPulls, {application_id}))
        out.push_back({DepartmentOf(r.Text(0)), r.Text(1), r.OptText(2), r.Text(3), SplitCommas(r.Text(4)), r.Text(5)});
    return out;
}

std::int64_t InsertUpload(db::Connection& c, std::int64_t application_id, const UploadInfo& u,
                          const std::string& sha256, std::string_view bytes, std::int64_t user_id) {
    const std::vector<db::Value> params{
        application_id, std::string(ToString(u.department)), u.file_name, u.mime, u.size_bytes, sha256,
        db::Blob{std::vector<std::uint8_t>(bytes.begin(), bytes.end())}, user_id, u.uploaded_at};
    return db::InsertForId(c, kInsertUpload, kInsertUploadReturning, params);
}

std::vector<UploadInfo> ListUploads(db::Connection& c, std::int64_t application_id) {
    std::vector<UploadInfo> out;
    for (const auto& r : c.Query(kUploads, {application_id}))
        out.push_back({r.Int(0), DepartmentOf(r.Text(1)), r.Text(2), r.Text(3), r.Int(4), r.Text(5)});
    return out;
}

std::optional<UploadContent> FindUpload(db::Connection& c, std::int64_t upload_id) {
    const auto rows = c.Query(kUpload, {upload_id});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    const auto& bytes = r.Bytes(7).bytes;
    return UploadContent{{r.Int(0), DepartmentOf(r.Text(1)), r.Text(2), r.Text(3), r.Int(4), r.Text(5)}, r.Int(6),
                         std::string(bytes.begin(), bytes.end())};
}

void InsertReview(db::Connection& c, std::int64_t application_id, const ReviewInfo& r, std::int64_t user_id) {
    const auto records = r.decision == ReviewDecision::kAccepted ? db::Value{RecordsText(r.records)} : db::Null();
    c.Execute(kInsertReview, {application_id, std::string(ToString(r.department)), std::string(ToString(r.decision)),
                              records, db::Opt(r.note), user_id, r.decided_at});
}

std::vector<ReviewInfo> ListReviews(db::Connection& c, std::int64_t application_id) {
    std::vector<ReviewInfo> out;
    for (const auto& r : c.Query(kReviews, {application_id})) {
        ReviewInfo v;
        v.department = DepartmentOf(r.Text(0));
        v.decision = ParseReviewDecision(r.Text(1)).value_or(ReviewDecision::kReturned);
        if (const auto t = r.OptText(2)) v.records = ParseRecordsText(*t);
        v.note = r.OptText(3);
        v.decided_at = r.Text(4);
        out.push_back(std::move(v));
    }
    return out;
}

std::int64_t InsertAppeal(db::Connection& c, const Appeal& a, std::int64_t user_id) {
    const std::vector<db::Value> params{a.application_id, a.season_id, a.org_path, a.reason, user_id, a.created_at};
    return db::InsertForId(c, kInsertAppeal, kInsertAppealReturning, params);
}

std::vector<Appeal> ListAppeals(db::Connection& c, const Reader& who, std::optional<std::int64_t> season_id,
                                std::optional<std::int64_t> application_id, std::optional<std::string> status) {
    std::vector<Appeal> out;
    for (const auto& r : c.Query(kAppeals, {who.scope_path, db::Opt(who.guardian_id), db::Opt(season_id),
                                            db::Opt(application_id), db::Opt(status)}))
        out.push_back(ReadAppeal(r));
    return out;
}

std::optional<Appeal> FindAppeal(db::Connection& c, const Reader& who, std::int64_t id) {
    const auto rows = c.Query(kFindAppeal, {who.scope_path, db::Opt(who.guardian_id), id});
    if (rows.empty()) return std::nullopt;
    return ReadAppeal(rows[0]);
}

bool DecideAppeal(db::Connection& c, std::int64_t id, const std::string& status, const std::string& reply,
                  std::int64_t user_id, const std::string& now) {
    return c.Execute(kDecideAppeal, {id, status, reply, user_id, now}) == 1;
}

std::optional<std::int64_t> GuardianOfUser(db::Connection& c, std::int64_t user_id) {
    const auto rows = c.Query(kGuardian, {user_id});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

}  // namespace kehou::enrollment::repo
