// 效果评价 The semester evaluation (RULES R2.4, issue 9 point 4): a live preview from the after-school module's
// ratings and attendance and the county's own spot checks and school ratings, stored when the county closes the
// semester, and the exits its outcomes call for.
#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"
#include "providers/evaluation.hpp"
#include "providers/semester.hpp"
#include "providers/service.hpp"

namespace kehou::providers {
namespace {

void CheckSemesterWord(const std::string& semester) {
    if (SemesterKey(semester) < 0)
        throw Error::Unprocessable("providers.bad_semester", "学期格式应为 2026-autumn 或 2027-spring",
                                   "A semester is written 2026-autumn or 2027-spring", "semester");
}

EvaluationItem ItemOf(const Record& r, const EvaluationInput& in, const Evaluation& e, const EvaluationPolicy& p) {
    EvaluationItem x;
    x.record_id = r.id;
    x.name = r.name;
    x.semester = in.semester;
    x.guardians = e.guardians_tenths;
    x.schools = e.schools_tenths;
    x.spot_checks = e.spot_checks_tenths;
    x.attendance = e.attendance_tenths;
    x.score = e.score_tenths;
    x.guardian_ratings = e.guardian_ratings;
    x.guardians_too_few = e.guardians_too_few;
    x.min_guardian_ratings = p.min_guardian_ratings;
    x.school_ratings = static_cast<int>(in.school_ratings.size());
    x.spot_check_count = static_cast<int>(in.spot_check_scores.size());
    x.no_shows = in.instructor_no_shows;
    x.recruiting_found = in.recruiting_in_school_found;
    x.outcome = e.outcome;
    x.previous_outcome = in.previous_outcome;
    return x;
}

}  // namespace

EvaluationItem ProviderService::Preview(db::Connection& c, const Record& r, const std::string& semester,
                                        const Settings& s) {
    EvaluationInput in;
    in.semester = semester;
    const auto sup = repo::SupervisionOf(c, r.id, semester);
    in.school_ratings = sup.school_stars;
    in.spot_check_scores = sup.spot_scores;
    in.instructor_no_shows = sup.no_shows;
    in.recruiting_in_school_found = sup.recruiting_found;
    if (r.provider_id) {
        const auto facts = afterschool::SemesterFactsOf(c, *r.provider_id, semester);
        in.guardian_ratings = facts.guardian_stars;
        // No-shows: those a spot check found and the meetings the after-school rolls show were not held.
        in.instructor_no_shows += facts.missed_sessions;
        if (facts.marked > 0)
            in.attendance_permille = static_cast<int>(DivideRoundHalfUp(facts.present * 1000, facts.marked));
    }
    // "Twice in a row": last semester's stored outcome of this record.
    if (const auto prev = PreviousSemester(semester)) in.previous_outcome = repo::OutcomeOf(c, r.id, *prev);
    return ItemOf(r, in, Evaluate(in, s.evaluation), s.evaluation);
}

std::vector<org::Unit> ProviderService::UnitsFor(db::Connection& c, const Principal& p, const std::string& unit_code) {
    std::vector<std::string> codes;
    if (!unit_code.empty()) codes.push_back(unit_code);
    else if (CountyPathOf(p.scope_path) != p.scope_path || p.role != Role::kCityAdmin)
        codes.push_back(UnitCodeOf(CountyPathOf(p.scope_path)));
    else
        codes = repo::UnitsWithRecords(c, p.scope_path);
    std::vector<org::Unit> out;
    for (const auto& code : codes) {
        const auto unit = deps_.org.FindUnit(code);
        // A county in scope, or the county a school lies in; anything else does not exist for the caller.
        if (!unit || (!p.Covers(unit->org_path) && !p.scope_path.starts_with(unit->org_path)) || unit->kind == "city")
            throw Error::NotFound("providers.unknown_unit", "找不到该区县", "No such county in your scope");
        out.push_back(*unit);
    }
    return out;
}

EvaluationSheet ProviderService::Evaluations(const Principal& p, const std::string& semester,
                                             const std::string& unit_code) {
    if (p.role != Role::kCityAdmin && p.role != Role::kDistrictAdmin && p.role != Role::kSchoolAdmin)
        throw RoleForbidden();
    CheckSemesterWord(semester);
    auto c = database_.Acquire();
    EvaluationSheet sheet{semester, true, {}, {}};
    const auto units = UnitsFor(*c, p, unit_code);
    for (const auto& unit : units) {
        if (repo::SemesterClosed(*c, unit.code, semester)) {
            for (auto& e : repo::CountyEvaluations(*c, unit.org_path, semester)) sheet.items.push_back(std::move(e));
            continue;
        }
        sheet.closed = false;  // before the close, the items are a preview and nothing is stored
        const Settings s = SettingsOf(*c, unit.code);
        for (const auto& r : repo::EvaluatedRecords(*c, unit.org_path)) sheet.items.push_back(Preview(*c, r, semester, s));
    }
    if (units.empty()) sheet.closed = false;
    return sheet;
}

EvaluationSheet ProviderService::CloseSemester(const Principal& p, const std::string& semester) {
    if (p.role != Role::kDistrictAdmin) throw RoleForbidden();
    CheckSemesterWord(semester);
    const std::string county = CountyPathOf(p.scope_path);
    const std::string unit = UnitCodeOf(county);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const std::string now = Now();
    try {
        repo::InsertSemesterClose(*c, unit, semester, county, p.user_id, now);
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("providers.semester_closed", "本学期评价已经结束", "This semester is already closed",
                              "semester");
    }
    const Settings s = SettingsOf(*c, unit);
    EvaluationSheet sheet{semester, true, {}, {}};
    std::vector<afterschool::Course> closed;
    for (const auto& r : repo::EvaluatedRecords(*c, county)) {
        const auto item = Preview(*c, r, semester, s);
        repo::InsertEvaluation(*c, item, county, now);
        sheet.items.push_back(item);
        if (item.outcome != Outcome::kExit) continue;
        // Recruiting in school is its own exit reason (the black list); a second low score is the evaluation's.
        const auto reason = item.recruiting_found ? ExitReason::kRecruitingInSchool : ExitReason::kEvaluation;
        const Move m{ProviderEvent::kExit, fmt::format("{}效果评价结论：退出", SemesterLabelZh(semester)), reason, false};
        for (auto& k : TakeMove(*c, p, r, m, semester)) closed.push_back(std::move(k));
        sheet.exited.push_back(r.id);
    }
    tx.Commit();
    Notify(closed);
    return sheet;
}

}  // namespace kehou::providers
