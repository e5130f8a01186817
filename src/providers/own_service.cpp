// 机构端 A provider's own log-in (issue 9 point 5): its records, courses, schools, instructors, evaluations and spot
// checks — found by the credit code the county linked to the account, never by anything the caller sends.
#include <map>

#include "core/ids.hpp"

#include "db/transaction.hpp"
#include "providers/semester.hpp"
#include "providers/service.hpp"

namespace kehou::providers {
namespace {

Error NotLinked() {
    return Error::Forbidden("providers.not_linked", "该账号尚未关联机构，请联系区县教育局",
                            "This account is not linked to a provider yet; ask the county bureau");
}

}  // namespace

std::string ProviderService::CreditCodeOf(const Principal& p) {
    if (p.role != Role::kProvider) throw RoleForbidden();
    auto c = database_.Acquire();
    return repo::AccountCode(*c, p.user_id).value_or("");
}

OwnView ProviderService::Own(const Principal& p) {
    const std::string code = CreditCodeOf(p);
    OwnView v;
    if (code.empty()) return v;
    v.linked = true;
    v.credit_code = code;
    auto c = database_.Acquire();
    const repo::Reader own{"/", false, code};
    v.records = repo::ListRecords(*c, own, RecordFilter{std::nullopt, "", 1, 200}).first;
    if (v.records.empty()) return v;
    v.name = v.records.front().name;
    v.current = Load(*c, p, own, v.records.front().id);
    v.instructors = v.current->instructors;
    std::map<std::int64_t, OwnSchool> schools;
    std::set<std::int64_t> seen;
    for (const auto& r : v.records) {
        for (auto& e : repo::RecordEvaluations(*c, r.id)) v.evaluations.push_back(std::move(e));
        for (auto& s : repo::ListSpotChecks(*c, r.id, "/")) v.spot_checks.push_back(std::move(s));
        if (!r.provider_id || !seen.insert(*r.provider_id).second) continue;
        for (auto& k : afterschool::ProviderCourses(*c, *r.provider_id)) {
            auto& s = schools[k.school_id];
            s.id = k.school_id;
            s.name = k.school_name;
            ++s.course_count;
            v.courses.push_back(std::move(k));
        }
    }
    for (auto& [id, s] : schools) v.schools.push_back(std::move(s));
    return v;
}

RecordDetail ProviderService::OwnApply(const Principal& p, const ApplicationInput& in) {
    const std::string code = CreditCodeOf(p);
    if (code.empty()) throw NotLinked();
    if (ValidateCreditCode(in.application.credit_code).normalized != code)
        throw Error::Unprocessable("providers.credit_code_not_own", "只能以本机构的统一社会信用代码申请",
                                   "Apply under your own credit code", "credit_code");
    return Store(p, in, {"/", false, code});
}

ApplicationCheck ProviderService::OwnCheck(const Principal& p, const ApplicationInput& in) {
    const std::string code = CreditCodeOf(p);
    if (code.empty()) throw NotLinked();
    auto c = database_.Acquire();
    auto check = Prepare(*c, p, in).check;
    if (check.normalized_credit_code != code)
        check.problems.push_back({"credit_code", "providers.credit_code_not_own", "只能以本机构的统一社会信用代码申请",
                                  "Apply under your own credit code"});
    return check;
}

RecordDetail ProviderService::OwnExit(const Principal& p, std::int64_t record_id) {
    const std::string code = CreditCodeOf(p);
    if (code.empty()) throw NotLinked();
    const repo::Reader own{"/", false, code};
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto r = repo::FindRecord(*c, own, record_id);
    if (!r) throw Error::NotFound("providers.record_not_found", "找不到该机构档案", "No such provider record");
    const Move m{ProviderEvent::kExit, "机构主动申请退出", ExitReason::kVoluntary, false};
    const auto closed = TakeMove(*c, p, *r, m, SemesterOf(Today()));
    tx.Commit();
    Notify(closed);
    return Load(*c, p, own, record_id);
}

}  // namespace kehou::providers
