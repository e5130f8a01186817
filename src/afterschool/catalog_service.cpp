#include "afterschool/catalog_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "afterschool/catalog_repo.hpp"
#include "afterschool/rules.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"

namespace kehou::afterschool {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

Error OutOfScope() {
    return Error::Forbidden("afterschool.out_of_scope", "无权操作本辖区以外的数据",
                            "That lies outside your data scope");
}

/// The instructor's name and the facts publication checks, from the registry or the white list.
struct Instructor {
    InstructorKind kind = InstructorKind::kOwnTeacher;
    std::string name;
    std::optional<ProviderFacts> provider;
};

Instructor ResolveInstructor(db::Connection& c, org::OrgService& org, const org::School& school,
                             const CourseInput& in) {
    Instructor out;
    if (in.instructor_kind == "own_teacher" || in.instructor_kind == "retired_teacher") {
        out.kind = in.instructor_kind == "own_teacher" ? InstructorKind::kOwnTeacher : InstructorKind::kRetiredTeacher;
        const auto t = in.teacher_id ? org.FindTeacher(*in.teacher_id) : std::nullopt;
        if (!t || t->school_id != school.id)
            throw Invalid("afterschool.unknown_teacher", "请选择本校教师", "Choose a teacher of this school",
                          "teacher_id");
        if (t->retired != (out.kind == InstructorKind::kRetiredTeacher))
            throw Invalid("afterschool.teacher_kind", "教师类型与登记不符（在职/退休返聘）",
                          "The teacher's kind does not match the registry (serving or retired)", "instructor_kind");
        out.name = t->name;
    } else if (in.instructor_kind == "volunteer" || in.instructor_kind == "provider") {
        if (in.instructor_name.empty())
            throw Invalid("afterschool.missing_instructor", "请填写授课人姓名", "Enter the instructor's name",
                          "instructor_name");
        out.name = in.instructor_name;
        out.kind = in.instructor_kind == "volunteer" ? InstructorKind::kVolunteer : InstructorKind::kProvider;
        if (out.kind == InstructorKind::kProvider) {
            const auto pr = in.provider_id ? repo::FindProvider(c, *in.provider_id) : std::nullopt;
            if (!pr || pr->unit_code != school.unit_code)
                throw Invalid("afterschool.provider_not_admitted", "该机构未经本县教育部门准入，学校不得自行引入",
                              "The county bureau has not admitted this provider; schools may not bring one in",
                              "provider_id");
            out.provider = ProviderFacts{pr->status == "admitted", true, pr->free_public_benefit};
            out.name = pr->name + "·" + in.instructor_name;
        }
    } else {
        throw Invalid("afterschool.bad_instructor_kind", "授课人类型应为本校教师、退休教师、志愿者或第三方机构",
                      "The instructor is an own teacher, a retired teacher, a volunteer or a provider",
                      "instructor_kind");
    }
    return out;
}

ServiceWeek WeekOf(db::Connection& c, std::int64_t school_id, const std::string& semester, const FeeStandard& s) {
    return {school_id, semester, repo::ListServiceDays(c, school_id, semester), EarliestLatestEnd(s)};
}

}  // namespace

Principal SystemPrincipal() { return {0, "system", "system", Role::kCityAdmin, "/"}; }

org::School CatalogService::SchoolForRead(const Principal& p, std::int64_t school_id) {
    return org_.GetSchool(p, school_id);
}

org::School CatalogService::SchoolForWrite(const Principal& p, std::int64_t school_id) {
    org::School s = org_.GetSchool(SystemPrincipal(), school_id);
    if (!p.Covers(s.org_path)) throw OutOfScope();
    return s;
}

FeeStandard CatalogService::StandardFor(const org::School& school, const std::string& semester) {
    try {
        return fees_.InForce(SystemPrincipal(), school.unit_code, semester).standard;
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::kNotFound) throw;
        throw Invalid("afterschool.no_fee_standard", "本县该学期尚未发布课后服务收费标准，请先发布",
                      "The county has published no fee standard for this semester yet", "semester");
    }
}

std::vector<CategoryInfo> CatalogService::Categories() {
    auto c = database_.Acquire();
    return repo::ListCategories(*c);
}

std::vector<Provider> CatalogService::ListProviders(const Principal& p) {
    auto c = database_.Acquire();
    return repo::ListProviders(*c, p.scope_path);
}

Provider CatalogService::CreateProvider(const Principal& p, const ProviderInput& in) {
    if (in.name.empty()) throw Invalid("afterschool.missing_name", "请填写机构名称", "Enter the name", "name");
    if (!ValidateCreditCode(in.credit_code).ok())
        throw Invalid("afterschool.bad_credit_code", "统一社会信用代码无效", "Invalid unified social credit code",
                      "credit_code");
    static const std::vector<std::string> kCategories = {"sport", "art", "stem", "labour", "traditional_culture",
                                                         "reading", "mental_health"};
    // RULES R2.3a: a provider offers non-subject content only, so no subject category exists for one.
    if (std::find(kCategories.begin(), kCategories.end(), in.category) == kCategories.end())
        throw Invalid("afterschool.provider_subject_type", "第三方机构只能提供非学科类服务",
                      "A provider offers non-subject services only", "category");
    const auto unit = org_.FindUnit(in.unit_code);
    if (!unit) throw Invalid("afterschool.unknown_unit", "找不到该区县", "No such county-level unit", "unit_code");
    if (!p.Covers(unit->org_path)) throw OutOfScope();
    ProviderInput normal = in;
    normal.credit_code = ValidateCreditCode(in.credit_code).normalized;
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    std::int64_t id = 0;
    try {
        id = repo::InsertProvider(*c, normal, unit->org_path, Now());
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("afterschool.provider_exists", "该机构已在本县名录中",
                              "This provider is already registered in the county", "credit_code");
    }
    tx.Commit();
    return *repo::FindProvider(*c, id);
}

Provider CatalogService::AdmitProvider(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    const auto pr = repo::FindProvider(*c, id);
    if (!pr) throw Error::NotFound("afterschool.unknown_provider", "找不到该机构", "No such provider");
    // RULES R2.3c: admission is the county bureau's; a school's scope never covers the county's path.
    if (!p.Covers(pr->org_path)) throw OutOfScope();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::SetProviderStatus(*c, id, "admitted", Now());
    tx.Commit();
    return *repo::FindProvider(*c, id);
}

std::vector<Course> CatalogService::ListCourses(const Principal& p, std::int64_t school_id,
                                                const std::string& semester) {
    SchoolForRead(p, school_id);
    CheckSemester(semester);
    auto c = database_.Acquire();
    return repo::ListCourses(*c, p.scope_path, school_id, semester);
}

Course CatalogService::GetCourse(const Principal& p, std::int64_t course_id) {
    auto c = database_.Acquire();
    if (auto k = repo::FindCourse(*c, p.scope_path, course_id)) return *k;
    throw Error::NotFound("afterschool.unknown_course", "找不到该课程", "No such course");
}

Course CatalogService::PublishCourse(const Principal& p, const CourseInput& in) {
    CheckSemester(in.semester);
    const org::School school = SchoolForWrite(p, in.school_id);
    const FeeStandard standard = StandardFor(school, in.semester);
    if (in.grade_from < school.grade_from || in.grade_to > school.grade_to || in.grade_from > in.grade_to)
        throw Invalid("afterschool.bad_grades",
                      fmt::format("适用年级须在本校 {}–{} 年级之内", school.grade_from, school.grade_to),
                      fmt::format("Grades must lie within the school's grades {}–{}", school.grade_from,
                                  school.grade_to),
                      "grade_from");
    if (in.weeks < 1 || in.weeks > 26)
        throw Invalid("afterschool.bad_weeks", "周数须在 1 至 26 之间", "Weeks are 1–26", "weeks");
    if (in.sections.empty())
        throw Invalid("afterschool.missing_slots", "请至少安排一个上课时间", "A course needs at least one time slot",
                      "sections");
    auto c = database_.Acquire();
    const auto category = repo::FindCategory(*c, in.category);
    if (!category)
        throw Invalid("afterschool.unknown_category", "课程类别无效", "Unknown course category", "category");
    const Instructor who = ResolveInstructor(*c, org_, school, in);
    for (const auto& slots : in.sections)
        ValidateCourse({in.title, category->category, who.kind, who.provider, in.fee_per_hour_fen, in.capacity, slots},
                       standard, school.is_rural);
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = repo::InsertCourse(*c, in, school.org_path, who.name, Now());
    tx.Commit();
    for (const auto& tell : listeners_) tell(school.id, in.semester);
    return *repo::FindCourse(*c, "/", id);
}

Course CatalogService::CloseCourse(const Principal& p, std::int64_t course_id) {
    const Course k = GetCourse(SystemPrincipal(), course_id);
    if (!p.Covers(k.org_path)) throw OutOfScope();
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::SetCourseStatus(*c, course_id, "closed");
    tx.Commit();
    for (const auto& tell : listeners_) tell(k.school_id, k.semester);
    return *repo::FindCourse(*c, "/", course_id);
}

ServiceWeek CatalogService::GetServiceWeek(const Principal& p, std::int64_t school_id, const std::string& semester) {
    const org::School school = SchoolForRead(p, school_id);
    CheckSemester(semester);
    auto c = database_.Acquire();
    return WeekOf(*c, school_id, semester, StandardFor(school, semester));
}

ServiceWeek CatalogService::PutServiceWeek(const Principal& p, std::int64_t school_id, const std::string& semester,
                                           const std::vector<ServiceDay>& days) {
    CheckSemester(semester);
    const org::School school = SchoolForWrite(p, school_id);
    const FeeStandard standard = StandardFor(school, semester);
    std::vector<int> minutes(6, 0);
    for (const auto& d : days) {
        ValidateDismissalDay({d.weekday, d.batch_ends}, standard);
        if (minutes[static_cast<std::size_t>(d.weekday)] != 0)
            throw Invalid("afterschool.duplicate_weekday", "同一天设置了两次", "A weekday is set twice", "weekday");
        if (d.lessons_end < 11 * 60 || d.lessons_end >= d.batch_ends.front())
            throw Invalid("afterschool.bad_lessons_end", "放学时间须早于第一批离校时间",
                          "Lessons must end before the first dismissal batch", "lessons_end");
        minutes[static_cast<std::size_t>(d.weekday)] = d.batch_ends.back() - d.lessons_end;
    }
    ValidateBasicService(minutes);  // RULES R1.7: all five days, ≥ 2 h each, counted to the latest batch
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::ReplaceServiceDays(*c, school_id, school.org_path, semester, days, Now());
    tx.Commit();
    return WeekOf(*c, school_id, semester, standard);
}

DismissalPlan CatalogService::GetDismissalPlan(const Principal& guardian, std::int64_t student_id,
                                               const std::string& semester) {
    const org::Student child = org_.GetChild(guardian, student_id);
    CheckSemester(semester);
    const org::School school = org_.GetSchool(SystemPrincipal(), child.school_id);
    auto c = database_.Acquire();
    // A family sees the batches whatever the county has published; only administrators are told to publish.
    ServiceWeek week{school.id, semester, repo::ListServiceDays(*c, school.id, semester), 0};
    try {
        week.earliest_latest_end = EarliestLatestEnd(StandardFor(school, semester));
    } catch (const Error& e) {
        if (e.code() != "afterschool.no_fee_standard") throw;
    }
    return {std::move(week), repo::DismissalChoices(*c, student_id, semester)};
}

DismissalPlan CatalogService::ChooseDismissal(const Principal& guardian, std::int64_t student_id,
                                              const std::string& semester, int weekday, int batch_no) {
    DismissalPlan plan = GetDismissalPlan(guardian, student_id, semester);
    const ServiceDay* day = nullptr;
    for (const auto& d : plan.week.days)
        if (d.weekday == weekday) day = &d;
    if (!day)
        throw Invalid("afterschool.no_service_day", "学校当天未安排课后服务", "The school runs no service that day",
                      "weekday");
    if (batch_no < 1 || batch_no > static_cast<int>(day->batch_ends.size()))
        throw Invalid("afterschool.bad_batch", "离校批次无效", "No such dismissal batch", "batch_no");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutDismissalChoice(*c, student_id, semester, weekday, batch_no, guardian.user_id, Now());
    tx.Commit();
    plan.chosen = repo::DismissalChoices(*c, student_id, semester);
    return plan;
}

}  // namespace kehou::afterschool
