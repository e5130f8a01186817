// Publishing homework against the limits (R1.1–R1.3), the 教务处's override, and the subject-group approval.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"
#include "homework/errors.hpp"
#include "homework/service.hpp"
#include "institutions/rules.hpp"

namespace kehou::homework {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }
std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

std::string LabelZh(AssignmentStatus s) {
    switch (s) {
        case AssignmentStatus::kPendingApproval: return "待审核";
        case AssignmentStatus::kPublished: return "已发布";
        case AssignmentStatus::kRejected: return "已驳回";
        case AssignmentStatus::kWithdrawn: return "已撤回";
    }
    return "";
}

// A teacher publishes for today or the coming month; the past is not homework any more.
void CheckDueDate(const std::string& due_date) {
    const auto today = Today();
    const auto last = FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(today)) + std::chrono::days(30));
    if (due_date < today || due_date > last)
        throw Error::Unprocessable("homework.bad_due_date", "作业日期应为今天起 30 天内",
                                   "The date must be today or within the next 30 days", "due_date");
}

Error OverLimit(const BudgetCheck& b) {
    return Error::Unprocessable(
               "homework.over_limit",
               fmt::format("超出书面作业时长上限：当天已布置 {} 分钟，上限 {} 分钟，还可布置 {} 分钟（如确需超出，请由教务处审批发布）",
                           b.current, b.limit, b.remaining),
               fmt::format("Over the written-homework limit: {} minutes already set of {}; {} left (an override needs "
                           "the academic office)",
                           b.current, b.limit, b.remaining),
               "estimated_minutes")
        .WithDetail("current", std::int64_t{b.current})
        .WithDetail("limit", std::int64_t{b.limit})
        .WithDetail("remaining", std::int64_t{b.remaining});
}

Error OverSubjectBudget(const SubjectBudgetCheck& b, const std::string& subject) {
    return Error::Unprocessable(
               "homework.over_subject_budget",
               fmt::format("超出备课组设定的{}每日作业时长：已布置 {} 分钟，预算 {} 分钟，还可布置 {} 分钟", subject,
                           b.current, b.budget, b.remaining),
               fmt::format("Over the subject group's daily budget: {} of {} minutes set; {} left", b.current, b.budget,
                           b.remaining),
               "estimated_minutes")
        .WithDetail("current", std::int64_t{b.current})
        .WithDetail("budget", std::int64_t{b.budget})
        .WithDetail("remaining", std::int64_t{b.remaining});
}

std::string JoinPhrases(const std::vector<std::string>& phrases) {
    std::string out;
    for (const auto& p : phrases) out += (out.empty() ? "" : "、") + p;
    return out;
}

void CheckInput(const AssignmentInput& in) {
    RequireText(in.subject, 1, 20, "subject", "学科", "subject");
    RequireText(in.content, 2, 2000, "content", "作业内容", "content");
    RequireMinutes(in.estimated_minutes, "estimated_minutes");
    if (in.variants.size() > 3)
        throw Error::Unprocessable("homework.too_many_variants", "分层作业最多 3 层", "At most 3 layered variants",
                                   "variants");
    std::set<std::int64_t> named;
    for (const auto& v : in.variants) {
        RequireText(v.label, 1, 10, "variants", "分层名称", "variant label");
        RequireText(v.content, 2, 2000, "variants", "分层作业内容", "variant content");
        RequireMinutes(v.estimated_minutes, "variants");
        for (const auto s : v.student_ids)
            if (!named.insert(s).second)
                throw Error::Unprocessable("homework.student_in_two_variants", "同一名学生只能做一层分层作业",
                                           "A student does one variant only", "variants");
    }
    if (in.override_reason) RequireText(*in.override_reason, 5, 500, "override_reason", "超限理由", "override reason");
}

}  // namespace

HomeworkService::PublishContext HomeworkService::Prepare(const Principal& p, const AssignmentInput& in) {
    CheckInput(in);
    institutions::RequireIsoDate(in.due_date, "due_date");
    const auto teacher_user = p.role == Role::kTeacher ? std::optional(p.user_id) : std::nullopt;
    PublishContext ctx;
    {
        auto c = database_.Acquire();
        auto klass = repo::FindClass(*c, p.scope_path, in.class_id, teacher_user);
        if (!klass) {
            if (repo::FindClass(*c, "/", in.class_id, std::nullopt))
                throw Error::Forbidden("homework.not_your_class", "只能给自己任教的班级布置作业",
                                       "Only for the classes you teach");
            throw ClassNotFound();
        }
        ctx.klass = *klass;
        const auto students = repo::ClassStudentIds(*c, klass->id);
        for (const auto& v : in.variants)
            for (const auto s : v.student_ids)
                if (!std::binary_search(students.begin(), students.end(), s))
                    throw Error::Unprocessable("homework.variant_student", "分层作业只能指定本班学生",
                                               "A variant names students of the class only", "variants");
    }
    // R1.1 comes first and is never overridden: grades 1–2 take no written homework home.
    if (in.type == HomeworkType::kWritten && NationalDailyLimit(ctx.klass.grade) == 0)
        throw Error::Unprocessable("homework.written_grades_1_2", "一、二年级不布置家庭书面作业（可布置阅读、口头、实践类作业）",
                                   "Grades 1–2 get no written homework at home (reading, oral or practical tasks are fine)",
                                   "type");
    ctx.county_path = CountyPathOf(ctx.klass.org_path);
    ctx.day = KindOfDay(ctx.county_path, in.due_date);
    if (p.role == Role::kTeacher) ctx.teacher_id = org_.TeacherIdOfUser(p.user_id);
    ctx.who = p.role == Role::kTeacher ? Publisher::kTeacher : Publisher::kSchoolAdministrator;
    return ctx;
}

PublishCheck HomeworkService::Evaluate(db::Connection& c, const PublishContext& ctx, const AssignmentInput& in) {
    const auto settings = SettingsOf(c, ctx.county_path);
    std::string all_content = in.content;
    for (const auto& v : in.variants) all_content += "\n" + v.content;
    PublishCheck out;
    out.parent_task_phrases = FindParentTasks(all_content, settings.parent_task_phrases);
    const int adding = CountedMinutes(in.type, in.estimated_minutes, in.variants);
    out.budget = CheckDailyBudget(ctx.klass.grade, ctx.day, in.type,
                                  repo::HeldMinutes(c, ctx.klass.id, in.due_date, std::nullopt), adding, settings.limits);
    const auto group = repo::FindGroup(c, ctx.klass.school_id, ctx.klass.grade, in.subject);
    if (group)
        out.subject_budget = CheckSubjectBudget(group->daily_budget,
                                                repo::HeldMinutes(c, ctx.klass.id, in.due_date, in.subject), adding);
    const bool leads = group && ctx.teacher_id && group->leader_teacher_id == ctx.teacher_id;
    out.needs_approval = InitialStatus(repo::ApprovalRequired(c, ctx.klass.school_id),
                                       leads ? Publisher::kGroupLeader : ctx.who) == AssignmentStatus::kPendingApproval;
    return out;
}

PublishCheck HomeworkService::Check(const Principal& p, const AssignmentInput& in) {
    const auto ctx = Prepare(p, in);
    auto c = database_.Acquire();
    return Evaluate(*c, ctx, in);
}

Assignment HomeworkService::Publish(const Principal& p, const AssignmentInput& in) {
    const auto ctx = Prepare(p, in);
    CheckDueDate(in.due_date);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::LockClass(*c, ctx.klass.id);  // two teachers publishing at once must not pass the limit together
    const auto check = Evaluate(*c, ctx, in);
    if (!check.parent_task_phrases.empty())
        throw Error::Unprocessable("homework.parent_task",
                                   "作业内容不得布置给家长或要求家长批改（双减 R1.3）：" + JoinPhrases(check.parent_task_phrases),
                                   "Homework must not be set for parents or checked by them (R1.3): " +
                                       JoinPhrases(check.parent_task_phrases),
                                   "content")
            .WithDetail("phrases", JoinPhrases(check.parent_task_phrases));
    const bool over_limit = !check.budget.allowed;
    const bool over_subject = check.subject_budget && !check.subject_budget->allowed;
    if (!in.override_reason) {
        if (over_limit) throw OverLimit(check.budget);
        if (over_subject) throw OverSubjectBudget(*check.subject_budget, in.subject);
    } else if (!over_limit && !over_subject) {
        throw Error::Unprocessable("homework.override_not_needed", "未超出时长上限，无需教务处超限审批，请直接发布",
                                   "Within the limits: publish it normally, no override needed", "override_reason");
    }
    Assignment a;
    a.class_id = ctx.klass.id;
    a.school_id = ctx.klass.school_id;
    a.org_path = ctx.klass.org_path;
    a.grade = ctx.klass.grade;
    a.due_date = in.due_date;
    a.day_kind = ctx.day;
    a.subject = in.subject;
    a.type = in.type;
    a.content = in.content;
    a.estimated_minutes = in.estimated_minutes;
    a.counted_minutes = CountedMinutes(in.type, in.estimated_minutes, in.variants);
    a.status = check.needs_approval ? AssignmentStatus::kPendingApproval : AssignmentStatus::kPublished;
    a.teacher_id = ctx.teacher_id;
    a.override_reason = in.override_reason;
    a.variants = in.variants;
    for (std::size_t i = 0; i < a.variants.size(); ++i) a.variants[i].position = static_cast<int>(i + 1);
    const auto id = repo::InsertAssignment(*c, a, p.user_id, in.override_reason ? std::optional(p.user_id) : std::nullopt,
                                           Now());
    tx.Commit();
    return *repo::FindAssignment(*c, "/", id);
}

std::pair<std::vector<Assignment>, std::int64_t> HomeworkService::List(const Principal& p, repo::AssignmentFilter f) {
    f.page = std::max(1, f.page);
    f.page_size = std::clamp(f.page_size, 1, 200);
    if (p.role == Role::kTeacher) {
        f.teacher_user = p.user_id;
        f.leader_teacher = org_.TeacherIdOfUser(p.user_id).value_or(0);  // 0: leads nothing
    }
    auto c = database_.Acquire();
    return repo::ListAssignments(*c, p.scope_path, f);
}

bool HomeworkService::Decides(const Principal& p, const Assignment& a) {
    if (p.role == Role::kSchoolAdmin) return p.Covers(a.org_path);
    if (p.role != Role::kTeacher) return false;
    const auto own = org_.TeacherIdOfUser(p.user_id);
    auto c = database_.Acquire();
    const auto group = repo::FindGroup(*c, a.school_id, a.grade, a.subject);
    return own && group && group->leader_teacher_id == own;
}

Assignment HomeworkService::Get(const Principal& p, std::int64_t id) {
    std::optional<Assignment> a;
    bool taught = true;
    {
        auto c = database_.Acquire();
        a = repo::FindAssignment(*c, p.scope_path, id);
        if (a && p.role == Role::kTeacher) taught = repo::FindClass(*c, p.scope_path, a->class_id, p.user_id).has_value();
    }
    if (!a || (!taught && !Decides(p, *a))) throw AssignmentNotFound();
    return *a;
}

Assignment HomeworkService::ForWrite(const Principal& p, std::int64_t id) {
    std::optional<Assignment> a;
    {
        auto c = database_.Acquire();
        a = repo::FindAssignment(*c, "/", id);
    }
    if (!a) throw AssignmentNotFound();
    if (!p.Covers(a->org_path))
        throw Error::Forbidden("homework.out_of_scope", "不能处理其他学校的作业", "Not your school's homework");
    return *a;
}

Assignment HomeworkService::Move(const Principal& p, std::int64_t id, AssignmentStatus to,
                                 const std::optional<std::string>& reason) {
    const auto a = ForWrite(p, id);
    const bool allowed = to == AssignmentStatus::kWithdrawn
                             ? p.role == Role::kSchoolAdmin ||
                                   (a.teacher_id && a.teacher_id == org_.TeacherIdOfUser(p.user_id))
                             : Decides(p, a);
    if (!allowed)
        throw to == AssignmentStatus::kWithdrawn
            ? Error::Forbidden("homework.not_your_homework", "只能撤回自己布置的作业", "Only your own homework")
            : Error::Forbidden("homework.not_group_leader", "只有本年级本学科的备课组长或学校可以审核",
                               "Only the subject group's leader or the school decides");
    if (!CanMove(a.status, to))
        throw Error::Conflict("homework.bad_state", fmt::format("作业当前为「{}」，不能{}", LabelZh(a.status),
                                                                to == AssignmentStatus::kWithdrawn ? "撤回" : "审核"),
                              fmt::format("The homework is {}; that step is not possible", ToString(a.status)));
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::MoveAssignment(*c, id, a.status, to, p.user_id, Now(), reason))
        throw Error::Conflict("homework.bad_state", "作业状态已被他人更改，请刷新", "Someone else changed it; reload");
    tx.Commit();
    return *repo::FindAssignment(*c, "/", id);
}

Assignment HomeworkService::Approve(const Principal& p, std::int64_t id) {
    return Move(p, id, AssignmentStatus::kPublished, std::nullopt);
}

Assignment HomeworkService::Reject(const Principal& p, std::int64_t id, const std::string& reason) {
    RequireText(reason, 2, 500, "reason", "驳回理由", "reason");
    return Move(p, id, AssignmentStatus::kRejected, reason);
}

Assignment HomeworkService::Withdraw(const Principal& p, std::int64_t id) {
    return Move(p, id, AssignmentStatus::kWithdrawn, std::nullopt);
}

}  // namespace kehou::homework
