// 退出 What an exit sets in motion (RULES R2.4, opinion ¶(8); evaluation.hpp ConsequencesOf): off the white list,
// its courses closed from the next semester (this one too after a revoked licence), one notice to each school
// where it teaches and one to each family whose child holds one of its seats this semester.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "providers/evaluation.hpp"
#include "providers/semester.hpp"
#include "providers/service.hpp"

namespace kehou::providers {
namespace {

std::string ReasonZh(ExitReason r) {
    switch (r) {
        case ExitReason::kEvaluation:
            return "效果评价不合格";
        case ExitReason::kRecruitingInSchool:
            return "在校内招揽学员";
        case ExitReason::kVoluntary:
            return "机构主动申请退出";
        case ExitReason::kLicenceRevoked:
            return "办学许可被吊销";
    }
    return "";
}

Notice NoticeOf(const Record& r, ExitReason reason, const std::string& from, const std::string& audience) {
    Notice n;
    n.record_id = r.id;
    n.provider_name = r.name;
    n.audience = audience;
    n.kind = "exit";
    n.effective_semester = from;
    n.at = Now();
    const std::string whom = audience == "family" ? "您的孩子所选的" : "贵校";
    n.text_zh = fmt::format("{}（{}）已退出{}课后服务第三方机构白名单，{}该机构课程自{}起停止开设。", r.name, ReasonZh(reason),
                            r.unit_name, whom, SemesterLabelZh(from));
    n.text_en = fmt::format("{} has left the after-school provider white list of {} ({}); its courses {} close "
                            "from {}.",
                            r.name, r.unit_code, ToString(reason),
                            audience == "family" ? "your child takes" : "at your school", from);
    return n;
}

}  // namespace

std::vector<afterschool::Course> ProviderService::CarryOutExit(db::Connection& c, const Record& r, ExitReason reason,
                                                               const std::string& semester) {
    if (!r.provider_id) return {};  // never on the white list: nothing runs anywhere
    const ExitConsequences cons = ConsequencesOf(reason, semester);
    deps_.catalog.MirrorProvider(c, {r.name, r.credit_code, r.unit_code, r.category, r.free_public_benefit}, r.org_path,
                                 "exited");
    std::vector<std::string> closing = {cons.courses_close_from};
    if (const auto later = NextSemester(cons.courses_close_from)) closing.push_back(*later);
    auto closed = deps_.catalog.CloseProviderCourses(c, *r.provider_id, closing);
    // Schools where it teaches this semester or would have taught in the closed ones: one notice each.
    std::map<std::int64_t, std::string> schools;
    for (const auto& k : afterschool::ProviderCourses(c, *r.provider_id))
        if (k.semester == semester || std::find(closing.begin(), closing.end(), k.semester) != closing.end())
            schools.emplace(k.school_id, k.org_path);
    for (const auto& [school_id, path] : schools) {
        Notice n = NoticeOf(r, reason, cons.courses_close_from, "school");
        n.school_id = school_id;
        repo::InsertNotice(c, n, path);
    }
    // Families keep this semester's places to its end (except after a revoked licence), and are told now.
    for (const auto& holder : afterschool::ProviderSeatHolders(c, *r.provider_id, semester)) {
        Notice n = NoticeOf(r, reason, cons.courses_close_from, "family");
        n.school_id = holder.school_id;
        n.student_id = holder.student_id;
        repo::InsertNotice(c, n, holder.org_path);
    }
    return closed;
}

}  // namespace kehou::providers
