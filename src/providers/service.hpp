#pragma once
// 第三方机构进校园 The providers module's use cases (issue 9; RULES R2.3–R2.5, R6.5): applications and the county's
// review (准入), the white list mirrored into the after-school module, supervision (巡课, school ratings), the
// semester evaluation (效果评价) and exit (退出) with its consequences, and a provider's own view. Each use case
// authorises by role and scope, applies the pure rules (rules.hpp, workflow.hpp, evaluation.hpp) and writes in one
// transaction; the route table writes the audit line.

#include <set>

#include "afterschool/catalog_service.hpp"
#include "core/principal.hpp"
#include "db/database.hpp"
#include "institutions/case_service.hpp"
#include "institutions/complaint_service.hpp"
#include "org/service.hpp"
#include "providers/app_model.hpp"
#include "providers/repo.hpp"
#include "providers/rules.hpp"

namespace kehou::providers {

/// The other modules' services the providers module asks (never their repos).
struct ProviderDeps {
    org::OrgService& org;
    afterschool::CatalogService& catalog;
    institutions::CaseService& cases;
    institutions::ComplaintService& complaints;
};

/// Provider records, supervision and evaluation on behalf of a principal. Thread-safe.
class ProviderService {
public:
    ProviderService(db::Database& database, ProviderDeps deps) : database_(database), deps_(deps) {}

    // Records and the county's review (record_service.cpp).
    std::pair<std::vector<Record>, std::int64_t> List(const Principal& p, const RecordFilter& f);
    RecordDetail Get(const Principal& p, std::int64_t id);
    /// The county enters a (paper) application: 422 with the first problem when it fails CheckApplication.
    RecordDetail Create(const Principal& p, const ApplicationInput& in);
    /// Every problem and warning of an application, writing nothing (the county's form).
    ApplicationCheck Check(const Principal& p, const ApplicationInput& in);
    /// One status move (NextStatus); admission and reinstatement ask the institutions module for an open case
    /// (R6.5); an exit carries out its consequences.
    RecordDetail Act(const Principal& p, std::int64_t id, const MoveInput& in);

    // Supervision (supervision_service.cpp).
    SpotCheck AddSpotCheck(const Principal& p, std::int64_t record_id, const SpotCheckInput& in);
    SchoolRating RateBySchool(const Principal& p, std::int64_t record_id, const RatingInput& in);
    Settings GetSettings(const Principal& p, const std::string& unit_code);
    Settings PutSettings(const Principal& p, const Settings& s);
    std::vector<Notice> Notices(const Principal& p);
    /// The county links a provider log-in of its county to a credit code (one code per user).
    void LinkAccount(const Principal& p, std::int64_t user_id, const std::string& credit_code);

    // Evaluation (evaluation_service.cpp).
    EvaluationSheet Evaluations(const Principal& p, const std::string& semester, const std::string& unit_code);
    /// The county closes a semester: stores one evaluation per admitted or suspended record and exits those whose
    /// outcome is exit; 409 the second time.
    EvaluationSheet CloseSemester(const Principal& p, const std::string& semester);

    // A provider's own view (own_service.cpp).
    OwnView Own(const Principal& p);
    RecordDetail OwnApply(const Principal& p, const ApplicationInput& in);
    ApplicationCheck OwnCheck(const Principal& p, const ApplicationInput& in);
    RecordDetail OwnExit(const Principal& p, std::int64_t record_id);

    /// The admission policy of a county (its settings, else the defaults), for the seed and the checks.
    Settings SettingsOf(db::Connection& c, const std::string& unit_code);

private:
    /// An application's record fields and check, for the county's or the provider's own unit.
    struct Prepared {
        Record record;
        Application application;
        ApplicationCheck check;
    };
    Prepared Prepare(db::Connection& c, const Principal& p, const ApplicationInput& in);
    RecordDetail Store(const Principal& p, const ApplicationInput& in, const repo::Reader& reader);
    RecordDetail Load(db::Connection& c, const Principal& p, const repo::Reader& who, std::int64_t id);
    /// The record for a county's write: 403 when it exists outside the caller's county, 404 when it does not.
    Record ForWrite(db::Connection& c, const Principal& p, std::int64_t id);
    /// Moves a record inside the caller's transaction; an exit's consequences count from `semester` (the current
    /// one, or the one a closed evaluation judged). Returns the courses an exit closed.
    std::vector<afterschool::Course> TakeMove(db::Connection& c, const Principal& p, const Record& r, const Move& m,
                                              const std::string& semester);
    std::vector<afterschool::Course> CarryOutExit(db::Connection& c, const Record& r, ExitReason reason,
                                                  const std::string& semester);
    void Notify(const std::vector<afterschool::Course>& closed);
    EvaluationItem Preview(db::Connection& c, const Record& r, const std::string& semester, const Settings& s);
    std::vector<org::Unit> UnitsFor(db::Connection& c, const Principal& p, const std::string& unit_code);
    std::string CreditCodeOf(const Principal& p);

    db::Database& database_;
    ProviderDeps deps_;
};

/// What the caller reads records as: a school its county's white list, a provider its own code's records.
repo::Reader ReaderOf(const Principal& p, const std::string& credit_code = {});
/// 403 auth.forbidden for a role a use case does not serve (the permission admitted it, the work does not).
Error RoleForbidden();
/// The county path of a principal's scope ("/370800/370811/..." → "/370800/370811/"); the scope itself above that.
std::string CountyPathOf(const std::string& scope_path);
/// The unit code at the end of an org path ("/370800/370811/" → "370811").
std::string UnitCodeOf(const std::string& org_path);
/// The Shanghai date today, and now as RFC 3339.
Date Today();
std::string Now();

}  // namespace kehou::providers
