#include "custody/access.hpp"

#include <fmt/format.h>

#include <chrono>

#include "core/time.hpp"
#include "custody/repo.hpp"

namespace kehou::custody {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }
std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

std::string CountyPathOf(const std::string& path) {
    int slashes = 0;
    for (std::size_t i = 0; i < path.size(); ++i)
        if (path[i] == '/' && ++slashes == 3) return path.substr(0, i + 1);
    return path;
}

Error PlanNotFound() { return Error::NotFound("custody.plan_not_found", "找不到该托管方案", "No such custody plan"); }
Error SiteNotFound() { return Error::NotFound("custody.site_not_found", "找不到该托管点", "No such custody site"); }
Error SignupNotFound() { return Error::NotFound("custody.signup_not_found", "找不到该报名", "No such sign-up"); }

namespace {

std::string_view StatusZh(PlanStatus s) {
    switch (s) {
        case PlanStatus::kDraft: return "草稿";
        case PlanStatus::kSurvey: return "需求调查";
        case PlanStatus::kSignup: return "报名";
        case PlanStatus::kAllocated: return "已分配";
        case PlanStatus::kClosed: return "已结束";
    }
    return "";
}

}  // namespace

Error WrongState(const PlanRecord& p, std::string_view action_zh, std::string_view action_en) {
    return Error::Conflict("custody.plan_state", fmt::format("托管方案当前为“{}”阶段，不能{}", StatusZh(p.status), action_zh),
                           fmt::format("The plan is in {}; it cannot {}", ToString(p.status), action_en), "status");
}

Error RoleForbidden(std::string_view zh, std::string_view en) {
    return Error::Forbidden("auth.forbidden", std::string(zh), std::string(en));
}

void RequireGuardian(const Principal& p) {
    if (p.role != Role::kGuardian)
        throw RoleForbidden("只有家长可以为孩子填报", "Only a guardian answers for their child");
}

void RequireCountyOf(const Principal& p, const PlanRecord& plan) {
    if (p.role != Role::kDistrictAdmin || !p.Covers(plan.org_path))
        throw Error::Forbidden("custody.county_only", "只有本区县教育局可以管理托管方案",
                               "Only the county bureau manages its custody plan");
}

std::set<std::string> FamilyCounties(org::OrgService& org, const Principal& p) {
    std::set<std::string> out;
    for (const auto& child : org.ListChildren(p)) out.insert(CountyPathOf(child.org_path));
    return out;
}

PlanRecord ReadablePlan(db::Connection& c, org::OrgService& org, const Principal& p, std::int64_t id) {
    if (p.role != Role::kGuardian) {
        auto plan = repo::FindPlan(c, p.scope_path, id);
        if (!plan) throw PlanNotFound();
        return *plan;
    }
    auto plan = repo::FindPlan(c, "/", id);
    const bool open = plan && (plan->status == PlanStatus::kSurvey || plan->status == PlanStatus::kSignup ||
                               plan->status == PlanStatus::kAllocated);
    if (!open || !FamilyCounties(org, p).contains(plan->org_path)) throw PlanNotFound();
    return *plan;
}

void RenameField(std::vector<Problem>& problems, std::string_view from, std::string_view to) {
    for (auto& p : problems)
        if (p.field.starts_with(from)) p.field = std::string(to) + p.field.substr(from.size());
}

}  // namespace kehou::custody
