// SQL of the survey, the sign-ups with their allocation outcome, the plan's figures and the attendance roll.
#include <stdexcept>

#include "custody/repo.hpp"
#include "custody/repo_json.hpp"
#include "custody/rules.hpp"
#include "db/insert_id.hpp"

namespace kehou::custody::repo {
namespace {

db::Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }

constexpr db::Query kUpsertSurvey{
    "cu.upsert_survey",
    "INSERT INTO cu_survey (plan_id, student_id, org_path, wants, period_ids, answered_by, answered_at) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7) ON CONFLICT (plan_id, student_id) DO UPDATE SET org_path = excluded.org_path, wants ="
    " excluded.wants, period_ids = excluded.period_ids, answered_by = excluded.answered_by, answered_at ="
    " excluded.answered_at"};
constexpr db::Query kFindSurvey{"cu.find_survey",
                                "SELECT wants, period_ids FROM cu_survey WHERE plan_id = $1 AND student_id = $2"};
constexpr db::Query kSurveys{"cu.surveys", "SELECT student_id, wants, period_ids FROM cu_survey WHERE plan_id = $1"};
constexpr db::Query kFigures{
    "cu.plan_figures",
    "SELECT (SELECT COUNT(*) FROM cu_survey WHERE plan_id = $1 AND wants = TRUE), (SELECT COUNT(DISTINCT student_id)"
    " FROM cu_signup WHERE plan_id = $1 AND status <> 'cancelled'), (SELECT COUNT(DISTINCT student_id) FROM"
    " cu_signup WHERE plan_id = $1 AND status = 'placed')"};
constexpr db::Query kCapacities{"cu.capacity_counts",
                                "SELECT site_id, period_id, status, CASE WHEN draw IS NULL THEN 0 ELSE 1 END,"
                                " COUNT(*) FROM cu_signup WHERE plan_id = $1 GROUP BY site_id, period_id, status,"
                                " CASE WHEN draw IS NULL THEN 0 ELSE 1 END"};

#define KEHOU_CU_SIGNUP_SELECT                                                                                    \
    "SELECT s.id, s.plan_id, s.student_id, st.school_id, s.site_id, s.period_id, st.name, k.name, x.name, p.name,"  \
    " s.org_path, s.groups_claimed, s.status, s.tier, s.draw, s.position, s.created_at, p.service_fee_fen FROM"     \
    " cu_signup s JOIN org_student st ON st.id = s.student_id JOIN org_school k ON k.id = st.school_id JOIN"        \
    " cu_site x ON x.id = s.site_id JOIN cu_period p ON p.id = s.period_id"
// A school reads its children's sign-ups and those at the sites it hosts; $5 narrows to a guardian's own children.
#define KEHOU_CU_SIGNUP_FILTER                                                                                    \
    " WHERE (s.org_path LIKE $1 || '%' OR x.org_path LIKE $1 || '%') AND (CAST($2 AS BIGINT) IS NULL OR"         \
    " s.plan_id = $2) AND (CAST($3 AS BIGINT) IS NULL OR s.site_id = $3) AND (CAST($4 AS TEXT) IS NULL OR"        \
    " s.status = $4) AND (CAST($5 AS BIGINT) IS NULL OR s.student_id IN (SELECT sg.student_id FROM"               \
    " org_student_guardian sg JOIN org_guardian g ON g.id = sg.guardian_id WHERE g.user_id = $5))"

constexpr db::Query kInsertSignup{"cu.insert_signup",
                                  "INSERT INTO cu_signup (plan_id, site_id, period_id, student_id, org_path,"
                                  " groups_claimed, status, tier, draw, position, created_by, created_at, updated_at)"
                                  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)"};
constexpr db::Query kInsertSignupReturning{
    "cu.insert_signup_returning",
    "INSERT INTO cu_signup (plan_id, site_id, period_id, student_id, org_path, groups_claimed, status, tier, draw,"
    " position, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)"
    " RETURNING id"};
constexpr db::Query kFindSignup{"cu.find_signup", KEHOU_CU_SIGNUP_SELECT " WHERE s.id = $1"};
constexpr db::Query kChildSignups{"cu.child_signups", KEHOU_CU_SIGNUP_SELECT
                                  " WHERE s.plan_id = $1 AND s.student_id = $2 ORDER BY p.position, s.id"};
constexpr db::Query kListSignups{"cu.list_signups",
                                 KEHOU_CU_SIGNUP_SELECT KEHOU_CU_SIGNUP_FILTER
                                 " ORDER BY s.plan_id DESC, x.position, p.position, s.status, s.position, s.id"
                                 " LIMIT $6 OFFSET $7"};
constexpr db::Query kCountSignups{"cu.count_signups",
                                  "SELECT COUNT(*) FROM cu_signup s JOIN cu_site x ON x.id = s.site_id"
                                  KEHOU_CU_SIGNUP_FILTER};
constexpr db::Query kLive{"cu.live_signups", KEHOU_CU_SIGNUP_SELECT
                          " WHERE s.plan_id = $1 AND s.status <> 'cancelled' ORDER BY s.status, s.position, s.id"};
constexpr db::Query kLiveAt{"cu.live_at", KEHOU_CU_SIGNUP_SELECT
                            " WHERE s.site_id = $1 AND s.period_id = $2 AND s.status <> 'cancelled'"
                            " ORDER BY s.status, s.position, s.id"};
constexpr db::Query kUpdateSignup{"cu.update_signup",
                                  "UPDATE cu_signup SET status = $2, tier = $3, draw = $4, position = $5, updated_at"
                                  " = $6 WHERE id = $1"};

constexpr db::Query kRoll{
    "cu.roll",
    "SELECT s.student_id, st.name, k.name, a.present, a.meal FROM cu_signup s JOIN org_student st ON st.id ="
    " s.student_id JOIN org_school k ON k.id = st.school_id LEFT JOIN cu_attendance a ON a.site_id = s.site_id AND"
    " a.student_id = s.student_id AND a.service_date = $3 WHERE s.site_id = $1 AND s.period_id = $2 AND s.status ="
    " 'placed' ORDER BY s.position, s.id"};
constexpr db::Query kPutMark{
    "cu.put_mark",
    "INSERT INTO cu_attendance (site_id, service_date, student_id, period_id, org_path, present, meal, marked_by,"
    " marked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (site_id, service_date, student_id) DO"
    " UPDATE SET present = excluded.present, meal = excluded.meal, marked_by = excluded.marked_by, marked_at ="
    " excluded.marked_at"};

std::optional<int> OptSmall(const std::optional<std::int64_t>& v) {
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

SignupRow ReadSignup(const db::Row& r) {
    SignupRow s;
    s.id = r.Int(0);
    s.plan_id = r.Int(1);
    s.student_id = r.Int(2);
    s.school_id = r.Int(3);
    s.site_id = r.Int(4);
    s.period_id = r.Int(5);
    s.student_name = r.Text(6);
    s.school_name = r.Text(7);
    s.site_name = r.Text(8);
    s.period_name = r.Text(9);
    s.org_path = r.Text(10);
    s.groups = ParseGroupsText(r.Text(11));
    const auto status = ParseSignupStatus(r.Text(12));
    if (!status) throw std::runtime_error("custody: unknown stored sign-up status " + r.Text(12));
    s.status = *status;
    s.tier = OptSmall(r.OptInt(13));
    s.draw = r.OptText(14);
    s.position = OptSmall(r.OptInt(15));
    s.created_at = r.Text(16);
    s.fee_due_fen = FeeDueFen(r.OptInt(17), s.groups);
    return s;
}

std::vector<SignupRow> ReadAll(const db::Result& rows) {
    std::vector<SignupRow> out;
    for (const auto& r : rows) out.push_back(ReadSignup(r));
    return out;
}

db::Value OptSmallValue(const std::optional<int>& v) { return v ? db::Value{std::int64_t{*v}} : db::Null(); }

}  // namespace

void UpsertSurvey(db::Connection& c, std::int64_t plan_id, std::int64_t student_id, const std::string& org_path,
                  const StoredSurvey& s, std::int64_t user_id, const std::string& now) {
    c.Execute(kUpsertSurvey, {plan_id, student_id, org_path, Bool(s.wants), JoinIds(s.period_ids), user_id, now});
}

std::optional<StoredSurvey> FindSurvey(db::Connection& c, std::int64_t plan_id, std::int64_t student_id) {
    return db::QueryOne(c, kFindSurvey, {plan_id, student_id},
                        [](const db::Row& r) { return StoredSurvey{r.Int(0) != 0, SplitIds(r.Text(1))}; });
}

std::vector<SurveyAnswer> WantingAnswers(db::Connection& c, std::int64_t plan_id) {
    std::vector<SurveyAnswer> out;
    for (const auto& r : c.Query(kSurveys, {plan_id}))
        if (r.Int(1) != 0) out.push_back({r.Int(0), 0, SplitIds(r.Text(2))});
    return out;
}

SurveySummary Survey(db::Connection& c, std::int64_t plan_id) {
    SurveySummary out;
    for (const auto& r : c.Query(kSurveys, {plan_id})) {
        ++out.answers;
        if (r.Int(1) == 0) continue;
        ++out.wanting;
        for (const auto period : SplitIds(r.Text(2))) ++out.per_period[period];
    }
    return out;
}

PlanFigures Figures(db::Connection& c, std::int64_t plan_id) {
    const auto r = c.Query(kFigures, {plan_id});
    return {r[0].Int(0), r[0].Int(1), r[0].Int(2)};
}

std::map<SitePeriodKey, CapacityCounts> Capacities(db::Connection& c, std::int64_t plan_id) {
    std::map<SitePeriodKey, CapacityCounts> out;
    for (const auto& r : c.Query(kCapacities, {plan_id})) {
        auto& n = out[{r.Int(0), r.Int(1)}];
        const auto count = r.Int(4);
        if (r.Int(3) != 0) n.drawn += count;
        if (r.Text(2) == "cancelled") continue;
        n.signed_up += count;
        if (r.Text(2) == "placed") n.placed += count;
        if (r.Text(2) == "waitlisted") n.waitlisted += count;
    }
    return out;
}

std::int64_t InsertSignup(db::Connection& c, const SignupRow& s, std::int64_t user_id) {
    const std::vector<db::Value> params{s.plan_id, s.site_id, s.period_id, s.student_id, s.org_path,
                                        GroupsText(s.groups), std::string(ToString(s.status)), OptSmallValue(s.tier),
                                        db::Opt(s.draw), OptSmallValue(s.position), user_id, s.created_at};
    return db::InsertForId(c, kInsertSignup, kInsertSignupReturning, params);
}

std::optional<SignupRow> FindSignup(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kFindSignup, {id}, ReadSignup);
}

std::vector<SignupRow> ChildSignups(db::Connection& c, std::int64_t plan_id, std::int64_t student_id) {
    return ReadAll(c.Query(kChildSignups, {plan_id, student_id}));
}

std::pair<std::vector<SignupRow>, std::int64_t> ListSignups(db::Connection& c, const std::string& scope,
                                                           const SignupFilter& f) {
    std::vector<db::Value> params{scope, db::Opt(f.plan_id), db::Opt(f.site_id),
                                  f.status ? db::Value{std::string(ToString(*f.status))} : db::Null(),
                                  db::Opt(f.guardian_user)};
    const auto total = c.Query(kCountSignups, params)[0].Int(0);
    params.emplace_back(std::int64_t{f.page_size});
    params.emplace_back(std::int64_t{(f.page - 1) * f.page_size});
    return {ReadAll(c.Query(kListSignups, params)), total};
}

std::vector<SignupRow> LiveSignups(db::Connection& c, std::int64_t plan_id) {
    return ReadAll(c.Query(kLive, {plan_id}));
}

std::vector<SignupRow> LiveAt(db::Connection& c, std::int64_t site_id, std::int64_t period_id) {
    return ReadAll(c.Query(kLiveAt, {site_id, period_id}));
}

void UpdateSignup(db::Connection& c, const SignupRow& s, const std::string& now) {
    c.Execute(kUpdateSignup, {s.id, std::string(ToString(s.status)), OptSmallValue(s.tier), db::Opt(s.draw),
                              OptSmallValue(s.position), now});
}

std::vector<AttendanceRow> Roll(db::Connection& c, std::int64_t site_id, std::int64_t period_id,
                                const std::string& date) {
    std::vector<AttendanceRow> out;
    for (const auto& r : c.Query(kRoll, {site_id, period_id, date})) {
        const auto present = r.OptInt(3);
        out.push_back({r.Int(0), r.Text(1), r.Text(2), present ? std::optional<bool>(*present != 0) : std::nullopt,
                       r.OptInt(4).value_or(0) != 0});
    }
    return out;
}

void PutMark(db::Connection& c, const SiteRef& site, std::int64_t period_id, const std::string& date,
             const AttendanceMark& m, std::int64_t user_id, const std::string& now) {
    c.Execute(kPutMark, {site.id, date, m.student_id, period_id, site.org_path, Bool(m.present), Bool(m.meal), user_id,
                         now});
}

}  // namespace kehou::custody::repo
