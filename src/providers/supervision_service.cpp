// 过程监管 Supervision (RULES R2.3b, R2.4): the county's and the schools' spot checks, the schools' ratings, the
// county's settings, the exit notices, and the link of a provider log-in to its credit code.
#include <fmt/format.h>

#include <algorithm>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "providers/evaluation.hpp"
#include "providers/semester.hpp"
#include "providers/service.hpp"

namespace kehou::providers {
namespace {

Error RecordNotFound() {
    return Error::NotFound("providers.record_not_found", "找不到该机构档案", "No such provider record");
}

Error OutOfScope() {
    return Error::Forbidden("providers.out_of_scope", "无权操作本辖区以外的机构档案",
                            "That record lies outside your data scope");
}

Error NoCourseAtSchool() {
    return Error::Unprocessable("providers.no_course_at_school", "该机构在本校没有开设课程",
                                "The provider runs no course at this school", "school_id");
}

/// A record a school or county may supervise: it exists (404), lies in the caller's county (403) and has been on
/// the white list (422: an application not yet admitted has no sessions to check).
Record Supervised(db::Connection& c, const Principal& p, std::int64_t id) {
    const auto r = repo::FindRecord(c, {"/", false, ""}, id);
    if (!r) throw RecordNotFound();
    const bool county = p.role == Role::kDistrictAdmin && p.Covers(r->org_path);
    const bool school = p.role == Role::kSchoolAdmin && p.scope_path.starts_with(r->org_path);
    if (!county && !school) throw OutOfScope();
    if (!r->provider_id)
        throw Error::Unprocessable("providers.not_admitted", "该机构尚未准入", "The provider has not been admitted",
                                   "record_id");
    return *r;
}

void CheckSpotCheck(const SpotCheckInput& in) {
    const auto date = ParseIsoDate(in.on_date);
    if (!date || *date > Today())
        throw Error::Unprocessable("providers.bad_date", "巡课日期应为不晚于今天的 YYYY-MM-DD",
                                   "The date is YYYY-MM-DD, not after today", "on_date");
    if (in.score < 0 || in.score > 100)
        throw Error::Unprocessable("providers.bad_score", "巡课评分应为 0 至 100", "The score is 0 to 100", "score");
}

}  // namespace

SpotCheck ProviderService::AddSpotCheck(const Principal& p, std::int64_t record_id, const SpotCheckInput& in) {
    if (p.role != Role::kDistrictAdmin && p.role != Role::kSchoolAdmin) throw RoleForbidden();
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const Record r = Supervised(*c, p, record_id);
    CheckSpotCheck(in);
    const auto courses = afterschool::ProviderCourses(*c, *r.provider_id);
    const auto at = std::find_if(courses.begin(), courses.end(),
                                 [&](const afterschool::ProviderCourse& k) { return k.school_id == in.school_id; });
    SpotCheck s;
    if (p.role == Role::kSchoolAdmin) {
        // A school checks sessions at its own school only, of a provider teaching there.
        const auto school = deps_.org.GetSchool(afterschool::SystemPrincipal(), in.school_id);
        if (school.org_path != p.scope_path) throw OutOfScope();
        if (at == courses.end()) throw NoCourseAtSchool();
        s.org_path = school.org_path;
    } else {
        const auto school = deps_.org.GetSchool(afterschool::SystemPrincipal(), in.school_id);
        if (!school.org_path.starts_with(r.org_path))
            throw Error::Unprocessable("providers.bad_school", "请选择本区县的学校", "Choose a school of this county",
                                       "school_id");
        s.org_path = school.org_path;
    }
    s.record_id = r.id;
    s.school_id = in.school_id;
    s.on_date = in.on_date;
    s.semester = SemesterOf(*ParseIsoDate(in.on_date));
    s.score = in.score;
    s.instructor_no_show = in.instructor_no_show;
    s.recruiting_found = in.recruiting_found;
    s.note = in.note;
    s.complaint_id = in.complaint_id;
    s.at = Now();
    std::int64_t id = 0;
    try {
        id = repo::InsertSpotCheck(*c, s, p.user_id);
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kForeignKey) throw;
        throw Error::Unprocessable("providers.unknown_complaint", "找不到该投诉", "No such complaint", "complaint_id");
    }
    tx.Commit();
    return *repo::FindSpotCheck(*c, id);
}

SchoolRating ProviderService::RateBySchool(const Principal& p, std::int64_t record_id, const RatingInput& in) {
    if (p.role != Role::kSchoolAdmin) throw RoleForbidden();  // R2.4: the school rates the provider it hosts
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const Record r = Supervised(*c, p, record_id);
    if (SemesterKey(in.semester) < 0)
        throw Error::Unprocessable("providers.bad_semester", "学期格式应为 2026-autumn 或 2027-spring",
                                   "A semester is written 2026-autumn or 2027-spring", "semester");
    if (in.stars < 1 || in.stars > 5)
        throw Error::Unprocessable("providers.bad_stars", "评价应为 1 至 5 星", "Stars are 1 to 5", "stars");
    // The school is the one whose path the caller's scope is, where the provider has a course that semester.
    const auto courses = afterschool::ProviderCourses(*c, *r.provider_id);
    const auto at = std::find_if(courses.begin(), courses.end(), [&](const afterschool::ProviderCourse& k) {
        return k.org_path == p.scope_path && k.semester == in.semester;
    });
    if (at == courses.end()) throw NoCourseAtSchool();
    repo::UpsertSchoolRating(*c, {r.id, at->school_id, "", in.semester, in.stars, in.comment, "", Now()}, at->org_path,
                             p.user_id);
    tx.Commit();
    return *repo::FindSchoolRating(*c, r.id, at->school_id, in.semester);
}

Settings ProviderService::GetSettings(const Principal& p, const std::string& unit_code) {
    if (p.role == Role::kProvider || p.role == Role::kGuardian) throw RoleForbidden();
    auto c = database_.Acquire();
    return SettingsOf(*c, UnitsFor(*c, p, unit_code.empty() ? UnitCodeOf(CountyPathOf(p.scope_path)) : unit_code)
                              .at(0)
                              .code);
}

Settings ProviderService::PutSettings(const Principal& p, const Settings& s) {
    if (p.role != Role::kDistrictAdmin) throw RoleForbidden();
    const auto unit = deps_.org.FindUnit(s.unit_code.empty() ? UnitCodeOf(p.scope_path) : s.unit_code);
    if (!unit) throw Error::Unprocessable("providers.unknown_unit", "找不到该区县", "No such county", "unit_code");
    if (!p.Covers(unit->org_path)) throw OutOfScope();
    auto problems = ValidateAdmissionPolicy(s.admission);
    for (auto& x : ValidateEvaluationPolicy(s.evaluation)) problems.push_back(std::move(x));
    if (!problems.empty()) throw ToError(problems);
    Settings stored = s;
    stored.unit_code = unit->code;
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::UpsertSettings(*c, stored, unit->org_path, p.user_id, Now());
    tx.Commit();
    return SettingsOf(*c, unit->code);
}

std::vector<Notice> ProviderService::Notices(const Principal& p) {
    auto c = database_.Acquire();
    if (p.role == Role::kGuardian) {
        std::vector<std::int64_t> children;
        for (const auto& s : deps_.org.ListChildren(p)) children.push_back(s.id);
        return repo::ListNotices(*c, "/", children);
    }
    if (p.role == Role::kCityAdmin || p.role == Role::kDistrictAdmin || p.role == Role::kSchoolAdmin)
        return repo::ListNotices(*c, p.scope_path, std::nullopt);
    throw RoleForbidden();
}

void ProviderService::LinkAccount(const Principal& p, std::int64_t user_id, const std::string& credit_code) {
    if (p.role != Role::kDistrictAdmin) throw RoleForbidden();
    const auto code = ValidateCreditCode(credit_code);
    const bool checksum_only = code.failure && code.failure->reason == IdReason::kChecksum;
    if (!code.ok() && !checksum_only)
        throw Error::Unprocessable("providers.credit_code_format", "统一社会信用代码无效",
                                   "Invalid unified social credit code", "credit_code");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    // R3.5: a code failing only its checksum is linked once the county holds a record of it taken on an override
    // reason (an early pilot code it checked); otherwise it is a typing error like any other.
    if (checksum_only) {
        const auto records = repo::ListRecords(*c, {p.scope_path, false, code.normalized}, {std::nullopt, "", 1, 200});
        if (std::none_of(records.first.begin(), records.first.end(),
                         [](const Record& r) { return r.credit_override_reason.has_value(); }))
            throw Error::Unprocessable("providers.credit_code_checksum",
                                       "统一社会信用代码校验位不正确；早期试点代码须先由本局录入附核实说明的申请",
                                       "The credit code's check character is wrong; an early pilot code needs an "
                                       "application with the override reason entered by the county first",
                                       "credit_code");
    }
    const auto user = repo::UserRoleAndScope(*c, user_id);
    if (!user)
        throw Error::Unprocessable("providers.unknown_user", "找不到该用户", "No such user", "user_id");
    if (user->first != "provider")
        throw Error::Unprocessable("providers.not_a_provider", "只能关联第三方机构账号",
                                   "Only a provider account can be linked", "user_id");
    if (!p.Covers(user->second)) throw OutOfScope();
    repo::UpsertAccount(*c, user_id, code.normalized, p.user_id, Now());
    tx.Commit();
}

}  // namespace kehou::providers
