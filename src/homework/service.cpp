#include "homework/service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"
#include "homework/errors.hpp"
#include "institutions/rules.hpp"

namespace kehou::homework {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

void CheckLimits(const HomeworkLimits& l) {
    const auto check = [](std::optional<int> v, int national, const char* field) {
        if (v && (*v < 0 || *v > national))
            throw Error::Unprocessable("homework.limit_above_national",
                                       fmt::format("时长上限应在 0–{} 分钟之间，不得高于国家规定", national),
                                       fmt::format("The limit must be 0–{} minutes, never above the national one",
                                                   national),
                                       field);
    };
    check(l.primary, 60, "primary_limit");
    check(l.junior, 90, "junior_limit");
    check(l.rest_day_primary, 60, "rest_day_primary_limit");
    check(l.rest_day_junior, 90, "rest_day_junior_limit");
}

}  // namespace

std::string CountyPathOf(const std::string& org_path) {
    std::size_t slashes = 0;
    for (std::size_t i = 0; i < org_path.size(); ++i)
        if (org_path[i] == '/' && ++slashes == 3) return org_path.substr(0, i + 1);
    return org_path;
}

HomeworkService::HomeworkService(db::Database& database, org::OrgService& org,
                                 institutions::CalendarService& calendar)
    : database_(database), org_(org), calendar_(calendar) {}

DayKind HomeworkService::KindOfDay(const std::string& county_path, const std::string& date) {
    const auto d = institutions::RequireIsoDate(date, "date");
    const auto cal = calendar_.For(county_path);
    return institutions::IsWorkingDay(d, cal) && !institutions::VacationOn(d, cal) ? DayKind::kSchoolDay
                                                                                 : DayKind::kRestDay;
}

CountySettings HomeworkService::SettingsOf(db::Connection& c, const std::string& county_path) {
    if (auto s = repo::FindCountySettings(c, county_path)) {
        if (!s->phrases_customised) s->parent_task_phrases = DefaultParentTaskPhrases();
        return *s;
    }
    CountySettings s;
    s.org_path = county_path;
    s.parent_task_phrases = DefaultParentTaskPhrases();
    return s;
}

CountySettings HomeworkService::GetCountySettings(const Principal& p, const std::string& unit_code) {
    const auto unit = org_.FindUnit(unit_code);
    // A county's staff, the city above it, and the schools below it read its limits.
    if (!unit || unit->kind == "city" || !(p.Covers(unit->org_path) || p.scope_path.starts_with(unit->org_path)))
        throw Error::NotFound("homework.unknown_county", "找不到该区县", "No such county");
    auto c = database_.Acquire();
    return SettingsOf(*c, unit->org_path);
}

CountySettings HomeworkService::PutCountySettings(const Principal& p, const std::string& unit_code,
                                                  CountySettings in) {
    const auto unit = org_.FindUnit(unit_code);
    if (!unit || unit->kind == "city") throw Error::NotFound("homework.unknown_county", "找不到该区县", "No such county");
    if (!p.Covers(unit->org_path))
        throw Error::Forbidden("homework.out_of_scope", "只能设置本区县的作业时长", "Only your own county's limits");
    CheckLimits(in.limits);
    if (in.phrases_customised) {
        if (in.parent_task_phrases.size() > 100)
            throw Error::Unprocessable("homework.too_many_phrases", "提示词最多 100 条", "At most 100 phrases",
                                       "parent_task_phrases");
        for (const auto& phrase : in.parent_task_phrases)
            RequireText(phrase, 2, 30, "parent_task_phrases", "提示词", "phrase");
    }
    in.org_path = unit->org_path;
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutCountySettings(*c, in, p.user_id, Now());
    tx.Commit();
    return SettingsOf(*c, unit->org_path);
}

org::School HomeworkService::SchoolForWrite(const Principal& p, std::int64_t school_id) {
    Principal anywhere = p;
    anywhere.scope_path = "/";
    const auto school = org_.GetSchool(anywhere, school_id);  // 404 when there is no such school
    if (!p.Covers(school.org_path))
        throw Error::Forbidden("homework.out_of_scope", "不能修改其他学校的作业设置", "Not your school's settings");
    return school;
}

SchoolSettings HomeworkService::GetSchoolSettings(const Principal& p, std::int64_t school_id) {
    const auto school = org_.GetSchool(p, school_id);
    auto c = database_.Acquire();
    return {school.id, repo::ApprovalRequired(*c, school.id), repo::ListGroups(*c, school.id, std::nullopt)};
}

SchoolSettings HomeworkService::SetApprovalRequired(const Principal& p, std::int64_t school_id, bool required) {
    const auto school = SchoolForWrite(p, school_id);
    {
        auto c = database_.Acquire();
        db::Transaction tx(*c, db::TxMode::kWrite);
        repo::PutApprovalRequired(*c, school.id, required, p.user_id, Now());
        tx.Commit();
    }
    return GetSchoolSettings(p, school_id);
}

SubjectGroup HomeworkService::PutGroup(const Principal& p, std::int64_t school_id, const GroupChange& change) {
    const auto school = SchoolForWrite(p, school_id);
    if (change.grade < school.grade_from || change.grade > school.grade_to)
        throw Error::Unprocessable("homework.bad_grade", "该学校没有这个年级", "The school has no such grade", "grade");
    RequireText(change.subject, 1, 20, "subject", "学科", "subject");
    if (change.daily_budget && *change.daily_budget) RequireMinutes(**change.daily_budget, "daily_budget");
    const auto own = p.role == Role::kTeacher ? org_.TeacherIdOfUser(p.user_id) : std::nullopt;
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    auto group = repo::FindGroup(*c, school.id, change.grade, change.subject)
                     .value_or(SubjectGroup{school.id, change.grade, change.subject, std::nullopt, "", std::nullopt});
    if (p.role == Role::kTeacher && (change.leader_teacher_id || !own || group.leader_teacher_id != own))
        throw Error::Forbidden("homework.not_group_leader", "只有本年级本学科的备课组长可以设置学科作业时长",
                               "Only the group's leader sets the subject's budget");
    if (change.leader_teacher_id) {
        const auto& leader = *change.leader_teacher_id;
        if (leader && !repo::TeacherAtSchool(*c, *leader, school.id))
            throw Error::Unprocessable("homework.leader_not_at_school", "备课组长应为本校教师",
                                       "The leader must teach at the school", "leader_teacher_id");
        group.leader_teacher_id = leader;
    }
    if (change.daily_budget) group.daily_budget = *change.daily_budget;
    repo::PutGroup(*c, group, school.org_path, p.user_id, Now());
    tx.Commit();
    return *repo::FindGroup(*c, school.id, change.grade, change.subject);
}

std::vector<PublishableClass> HomeworkService::Classes(const Principal& p) {
    const auto teacher_user = p.role == Role::kTeacher ? std::optional(p.user_id) : std::nullopt;
    auto c = database_.Acquire();
    std::vector<PublishableClass> out;
    for (auto& [k, subjects] : repo::PublishableClasses(*c, p.scope_path, teacher_user)) {
        if (subjects.empty()) subjects = StandardSubjects(k.grade);
        out.push_back({std::move(k), std::move(subjects)});
    }
    return out;
}

ClassDay HomeworkService::Day(const Principal& p, std::int64_t class_id, const std::string& date) {
    const auto teacher_user = p.role == Role::kTeacher ? std::optional(p.user_id) : std::nullopt;
    std::optional<repo::ClassRef> klass;
    {
        auto c = database_.Acquire();
        klass = repo::FindClass(*c, p.scope_path, class_id, teacher_user);
    }
    if (!klass) throw ClassNotFound();
    const auto county = CountyPathOf(klass->org_path);
    const auto day = KindOfDay(county, date);
    auto c = database_.Acquire();
    ClassDay out{klass->id, klass->name, klass->grade, date, day};
    out.limit = DailyLimit(klass->grade, day, SettingsOf(*c, county).limits);
    out.written_total = repo::HeldMinutes(*c, klass->id, date, std::nullopt);
    out.remaining = std::max(0, out.limit - out.written_total);
    out.assignments = repo::ClassDayAssignments(*c, klass->id, date, false);
    out.groups = repo::ListGroups(*c, klass->school_id, klass->grade);
    return out;
}

}  // namespace kehou::homework
