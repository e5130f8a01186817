// SQL of the supervision (spot checks, school ratings), evaluations, exit notices, settings and provider accounts.
#include "providers/repo.hpp"

#include "db/insert_id.hpp"

namespace kehou::providers::repo {
namespace {

#define KEHOU_SPOT_SELECT                                                                                         \
    "SELECT k.id, k.record_id, k.school_id, s.name, k.org_path, k.on_date, k.semester, k.score,"                \
    " k.instructor_no_show, k.recruiting_found, k.note, k.complaint_id, COALESCE(u.display_name, ''), k.at"     \
    " FROM pv_spot_check k JOIN org_school s ON s.id = k.school_id LEFT JOIN auth_user u ON u.id = k.by_user"
constexpr db::Query kSpotChecks{"providers.spot_checks",
                                KEHOU_SPOT_SELECT " WHERE k.record_id = $1 AND k.org_path LIKE $2 || '%'"
                                                  " ORDER BY k.on_date DESC, k.id DESC"};
constexpr db::Query kSpotCheck{"providers.spot_check", KEHOU_SPOT_SELECT " WHERE k.id = $1"};
constexpr db::Query kInsertSpotPlain{
    "providers.insert_spot_check",
    "INSERT INTO pv_spot_check (record_id, school_id, org_path, on_date, semester, score, instructor_no_show,"
    " recruiting_found, note, complaint_id, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"};
constexpr db::Query kInsertSpotReturning{
    "providers.insert_spot_check_returning",
    "INSERT INTO pv_spot_check (record_id, school_id, org_path, on_date, semester, score, instructor_no_show,"
    " recruiting_found, note, complaint_id, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " RETURNING id"};
constexpr db::Query kDeleteRating{"providers.delete_school_rating",
                                  "DELETE FROM pv_school_rating WHERE record_id = $1 AND school_id = $2 AND semester = $3"};
constexpr db::Query kInsertRating{"providers.insert_school_rating",
                                  "INSERT INTO pv_school_rating (record_id, school_id, semester, org_path, stars, comment,"
                                  " by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr db::Query kRating{"providers.school_rating",
                            "SELECT g.record_id, g.school_id, s.name, g.semester, g.stars, g.comment,"
                            " COALESCE(u.display_name, ''), g.at FROM pv_school_rating g"
                            " JOIN org_school s ON s.id = g.school_id LEFT JOIN auth_user u ON u.id = g.by_user"
                            " WHERE g.record_id = $1 AND g.school_id = $2 AND g.semester = $3"};
constexpr db::Query kSchoolStars{"providers.school_stars",
                                 "SELECT stars FROM pv_school_rating WHERE record_id = $1 AND semester = $2"
                                 " ORDER BY school_id"};
constexpr db::Query kSpotFacts{"providers.spot_facts",
                               "SELECT score, instructor_no_show, recruiting_found FROM pv_spot_check"
                               " WHERE record_id = $1 AND semester = $2 ORDER BY id"};

#define KEHOU_EVALUATION_SELECT                                                                           \
    "SELECT e.record_id, r.name, e.semester, e.guardians, e.schools, e.spot_checks, e.attendance,"        \
    " e.guardian_ratings, e.school_ratings, e.spot_check_count, e.no_shows, e.recruiting_found, e.score," \
    " e.outcome, e.previous_outcome, e.guardians_too_few, e.min_guardian_ratings"                         \
    " FROM pv_evaluation e JOIN pv_record r ON r.id = e.record_id"
constexpr db::Query kCountyEvaluations{"providers.county_evaluations",
                                       KEHOU_EVALUATION_SELECT " WHERE e.org_path = $1 AND e.semester = $2"
                                                               " ORDER BY r.name, e.record_id"};
constexpr db::Query kRecordEvaluations{"providers.record_evaluations",
                                       KEHOU_EVALUATION_SELECT " WHERE e.record_id = $1"
                                       " ORDER BY SUBSTR(e.semester, 1, 4) DESC,"
                                       " CASE WHEN e.semester LIKE '%autumn' THEN 1 ELSE 0 END DESC"};
constexpr db::Query kOutcome{"providers.outcome",
                             "SELECT outcome FROM pv_evaluation WHERE record_id = $1 AND semester = $2"};
constexpr db::Query kInsertEvaluation{
    "providers.insert_evaluation",
    "INSERT INTO pv_evaluation (record_id, semester, org_path, guardians, schools, spot_checks, attendance,"
    " guardian_ratings, school_ratings, spot_check_count, no_shows, recruiting_found, score, outcome,"
    " previous_outcome, created_at, guardians_too_few, min_guardian_ratings) VALUES ($1, $2, $3, $4, $5, $6, $7,"
    " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"};
constexpr db::Query kClosed{"providers.semester_closed",
                            "SELECT COUNT(*) FROM pv_semester_close WHERE unit_code = $1 AND semester = $2"};
constexpr db::Query kInsertClose{"providers.insert_semester_close",
                                 "INSERT INTO pv_semester_close (unit_code, semester, org_path, closed_by, closed_at)"
                                 " VALUES ($1, $2, $3, $4, $5)"};

constexpr db::Query kInsertNotice{
    "providers.insert_notice",
    "INSERT INTO pv_notice (record_id, audience, school_id, student_id, org_path, kind, text_zh, text_en,"
    " effective_semester, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"};
#define KEHOU_NOTICE_SELECT                                                                                       \
    "SELECT n.id, n.record_id, r.name, n.audience, n.school_id, s.name, n.student_id, n.kind, n.text_zh,"       \
    " n.text_en, n.effective_semester, n.created_at FROM pv_notice n JOIN pv_record r ON r.id = n.record_id"    \
    " JOIN org_school s ON s.id = n.school_id"
constexpr db::Query kNotices{"providers.notices", KEHOU_NOTICE_SELECT " WHERE n.org_path LIKE $1 || '%'"
                                                                      " ORDER BY n.created_at DESC, n.id DESC LIMIT 500"};
constexpr db::Query kStudentNotices{"providers.student_notices",
                                    KEHOU_NOTICE_SELECT " WHERE n.audience = 'family' AND n.student_id = $1"
                                                        " ORDER BY n.created_at DESC, n.id DESC"};
constexpr db::Query kCountNotices{"providers.count_notices", "SELECT COUNT(*) FROM pv_notice WHERE record_id = $1"};

constexpr db::Query kSettings{"providers.settings",
                              "SELECT unit_code, max_fee_percent_of_outside, background_check_validity_months,"
                              " reapply_after_evaluation_exit_months, weight_guardians, weight_schools,"
                              " weight_spot_checks, weight_attendance, threshold, no_show_deduction,"
                              " min_guardian_ratings FROM pv_settings WHERE unit_code = $1"};
constexpr db::Query kDeleteSettings{"providers.delete_settings", "DELETE FROM pv_settings WHERE unit_code = $1"};
constexpr db::Query kInsertSettings{
    "providers.insert_settings",
    "INSERT INTO pv_settings (unit_code, org_path, max_fee_percent_of_outside, background_check_validity_months,"
    " reapply_after_evaluation_exit_months, weight_guardians, weight_schools, weight_spot_checks, weight_attendance,"
    " threshold, no_show_deduction, min_guardian_ratings, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6,"
    " $7, $8, $9, $10, $11, $12, $13, $14)"};

constexpr db::Query kAccount{"providers.account", "SELECT credit_code FROM pv_account WHERE user_id = $1"};
constexpr db::Query kDeleteAccount{"providers.delete_account", "DELETE FROM pv_account WHERE user_id = $1"};
constexpr db::Query kInsertAccount{"providers.insert_account",
                                   "INSERT INTO pv_account (user_id, credit_code, linked_by, linked_at)"
                                   " VALUES ($1, $2, $3, $4)"};
constexpr db::Query kUser{"providers.user_role", "SELECT role, scope_path FROM auth_user WHERE id = $1"};

db::Value Flag(bool b) { return std::int64_t{b ? 1 : 0}; }
db::Value User(std::int64_t id) { return id > 0 ? db::Value{id} : db::Null(); }
db::Value OptInt(const std::optional<int>& v) { return v ? db::Value{std::int64_t{*v}} : db::Null(); }
std::optional<int> ReadOptInt(const db::Row& r, std::size_t i) {
    const auto v = r.OptInt(i);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

SpotCheck ReadSpotCheck(const db::Row& r) {
    return {r.Int(0),      r.Int(1),       r.Int(2),       r.Text(3),   r.Text(4),  r.Text(5),  r.Text(6),
            static_cast<int>(r.Int(7)), r.Int(8) != 0, r.Int(9) != 0, r.Text(10), r.OptInt(11), r.Text(12), r.Text(13)};
}

EvaluationItem ReadEvaluation(const db::Row& r) {
    EvaluationItem e;
    e.record_id = r.Int(0);
    e.name = r.Text(1);
    e.semester = r.Text(2);
    e.guardians = ReadOptInt(r, 3);
    e.schools = ReadOptInt(r, 4);
    e.spot_checks = ReadOptInt(r, 5);
    e.attendance = ReadOptInt(r, 6);
    e.guardian_ratings = static_cast<int>(r.Int(7));
    e.school_ratings = static_cast<int>(r.Int(8));
    e.spot_check_count = static_cast<int>(r.Int(9));
    e.no_shows = static_cast<int>(r.Int(10));
    e.recruiting_found = r.Int(11) != 0;
    e.score = ReadOptInt(r, 12);
    e.outcome = ParseOutcome(r.Text(13)).value_or(Outcome::kNotRated);
    if (const auto p = r.OptText(14)) e.previous_outcome = ParseOutcome(*p);
    e.guardians_too_few = r.Int(15) != 0;
    e.min_guardian_ratings = ReadOptInt(r, 16);
    return e;
}

Notice ReadNotice(const db::Row& r) {
    return {r.Int(0), r.Int(1), r.Int(4), r.Text(2), r.Text(3), r.Text(5), r.OptInt(6),
            r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11)};
}

}  // namespace

std::int64_t InsertSpotCheck(db::Connection& c, const SpotCheck& s, std::int64_t by) {
    const std::vector<db::Value> params = {s.record_id, s.school_id, s.org_path, s.on_date, s.semester,
                                           std::int64_t{s.score}, Flag(s.instructor_no_show), Flag(s.recruiting_found),
                                           s.note, db::Opt(s.complaint_id), User(by), s.at};
    return db::InsertForId(c, kInsertSpotPlain, kInsertSpotReturning, params);
}

std::vector<SpotCheck> ListSpotChecks(db::Connection& c, std::int64_t record_id, const std::string& scope) {
    std::vector<SpotCheck> out;
    for (const auto& r : c.Query(kSpotChecks, {record_id, scope})) out.push_back(ReadSpotCheck(r));
    return out;
}

std::optional<SpotCheck> FindSpotCheck(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kSpotCheck, {id}, ReadSpotCheck);
}

void UpsertSchoolRating(db::Connection& c, const SchoolRating& g, const std::string& org_path, std::int64_t by) {
    // Delete and insert: the same statement pair on both engines, inside the caller's transaction.
    c.Execute(kDeleteRating, {g.record_id, g.school_id, g.semester});
    c.Execute(kInsertRating, {g.record_id, g.school_id, g.semester, org_path, std::int64_t{g.stars}, g.comment, User(by),
                              g.at});
}

std::optional<SchoolRating> FindSchoolRating(db::Connection& c, std::int64_t record_id, std::int64_t school_id,
                                             const std::string& semester) {
    return db::QueryOne(c, kRating, {record_id, school_id, semester}, [](const db::Row& r) {
        return SchoolRating{r.Int(0), r.Int(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), r.Text(5),
                            r.Text(6), r.Text(7)};
    });
}

SupervisionFacts SupervisionOf(db::Connection& c, std::int64_t record_id, const std::string& semester) {
    SupervisionFacts f;
    for (const auto& r : c.Query(kSchoolStars, {record_id, semester})) f.school_stars.push_back(static_cast<int>(r.Int(0)));
    for (const auto& r : c.Query(kSpotFacts, {record_id, semester})) {
        f.spot_scores.push_back(static_cast<int>(r.Int(0)));
        if (r.Int(1) != 0) ++f.no_shows;
        if (r.Int(2) != 0) f.recruiting_found = true;
    }
    return f;
}

void InsertEvaluation(db::Connection& c, const EvaluationItem& e, const std::string& org_path, const std::string& now) {
    const db::Value previous = e.previous_outcome ? db::Value{std::string(ToString(*e.previous_outcome))} : db::Null();
    c.Execute(kInsertEvaluation,
              {e.record_id, e.semester, org_path, OptInt(e.guardians), OptInt(e.schools), OptInt(e.spot_checks),
               OptInt(e.attendance), std::int64_t{e.guardian_ratings}, std::int64_t{e.school_ratings},
               std::int64_t{e.spot_check_count}, std::int64_t{e.no_shows}, Flag(e.recruiting_found), OptInt(e.score),
               std::string(ToString(e.outcome)), previous, now, Flag(e.guardians_too_few),
               OptInt(e.min_guardian_ratings)});
}

std::vector<EvaluationItem> CountyEvaluations(db::Connection& c, const std::string& county_path,
                                              const std::string& semester) {
    std::vector<EvaluationItem> out;
    for (const auto& r : c.Query(kCountyEvaluations, {county_path, semester})) out.push_back(ReadEvaluation(r));
    return out;
}

std::vector<EvaluationItem> RecordEvaluations(db::Connection& c, std::int64_t record_id) {
    std::vector<EvaluationItem> out;
    for (const auto& r : c.Query(kRecordEvaluations, {record_id})) out.push_back(ReadEvaluation(r));
    return out;
}

std::optional<Outcome> OutcomeOf(db::Connection& c, std::int64_t record_id, const std::string& semester) {
    const auto o = db::QueryOne(c, kOutcome, {record_id, semester}, [](const db::Row& r) { return r.Text(0); });
    return o ? ParseOutcome(*o) : std::nullopt;
}

bool SemesterClosed(db::Connection& c, const std::string& unit_code, const std::string& semester) {
    return c.Query(kClosed, {unit_code, semester})[0].Int(0) > 0;
}

void InsertSemesterClose(db::Connection& c, const std::string& unit_code, const std::string& semester,
                         const std::string& org_path, std::int64_t by, const std::string& now) {
    c.Execute(kInsertClose, {unit_code, semester, org_path, User(by), now});
}

void InsertNotice(db::Connection& c, const Notice& n, const std::string& org_path) {
    c.Execute(kInsertNotice, {n.record_id, n.audience, n.school_id, db::Opt(n.student_id), org_path, n.kind, n.text_zh,
                              n.text_en, n.effective_semester, n.at});
}

std::vector<Notice> ListNotices(db::Connection& c, const std::string& scope,
                                const std::optional<std::vector<std::int64_t>>& students) {
    std::vector<Notice> out;
    if (!students) {
        for (const auto& r : c.Query(kNotices, {scope})) out.push_back(ReadNotice(r));
        return out;
    }
    for (const auto id : *students)
        for (const auto& r : c.Query(kStudentNotices, {id})) out.push_back(ReadNotice(r));
    return out;
}

std::int64_t CountNotices(db::Connection& c, std::int64_t record_id) {
    return c.Query(kCountNotices, {record_id})[0].Int(0);
}

std::optional<Settings> FindSettings(db::Connection& c, const std::string& unit_code) {
    return db::QueryOne(c, kSettings, {unit_code}, [](const db::Row& r) {
        Settings s;
        s.unit_code = r.Text(0);
        s.admission = {static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3))};
        s.evaluation.weights = {static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5)), static_cast<int>(r.Int(6)),
                                static_cast<int>(r.Int(7))};
        s.evaluation.threshold = static_cast<int>(r.Int(8));
        s.evaluation.no_show_deduction = static_cast<int>(r.Int(9));
        s.evaluation.min_guardian_ratings = static_cast<int>(r.Int(10));
        return s;
    });
}

void UpsertSettings(db::Connection& c, const Settings& s, const std::string& org_path, std::int64_t by,
                    const std::string& now) {
    const auto& a = s.admission;
    const auto& e = s.evaluation;
    c.Execute(kDeleteSettings, {s.unit_code});
    c.Execute(kInsertSettings,
              {s.unit_code, org_path, std::int64_t{a.max_fee_percent_of_outside},
               std::int64_t{a.background_check_validity_months}, std::int64_t{a.reapply_after_evaluation_exit_months},
               std::int64_t{e.weights.guardians}, std::int64_t{e.weights.schools}, std::int64_t{e.weights.spot_checks},
               std::int64_t{e.weights.attendance}, std::int64_t{e.threshold}, std::int64_t{e.no_show_deduction},
               std::int64_t{e.min_guardian_ratings}, User(by), now});
}

std::optional<std::string> AccountCode(db::Connection& c, std::int64_t user_id) {
    return db::QueryOne(c, kAccount, {user_id}, [](const db::Row& r) { return r.Text(0); });
}

void UpsertAccount(db::Connection& c, std::int64_t user_id, const std::string& credit_code, std::int64_t by,
                   const std::string& now) {
    c.Execute(kDeleteAccount, {user_id});
    c.Execute(kInsertAccount, {user_id, credit_code, User(by), now});
}

std::optional<std::pair<std::string, std::string>> UserRoleAndScope(db::Connection& c, std::int64_t user_id) {
    return db::QueryOne(c, kUser, {user_id}, [](const db::Row& r) { return std::pair{r.Text(0), r.Text(1)}; });
}

}  // namespace kehou::providers::repo
