// Records and the county's review (准入, RULES R2.3b–c, R2.4a, R6.5): lists and pages in scope, applications
// checked whole, status moves mirrored onto the after-school white list.
#include <fmt/format.h>

#include <algorithm>

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

bool Digits(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-'; });
}

void CheckContact(const ApplicationInput& in, ApplicationCheck& out) {
    if (IsBlank(in.contact_name))
        out.problems.push_back({"contact_name", "providers.contact_required", "请填写联系人", "Enter the contact person"});
    if (in.contact_phone.size() < 7 || in.contact_phone.size() > 20 || !Digits(in.contact_phone))
        out.problems.push_back({"contact_phone", "providers.bad_contact_phone", "联系电话应为 7 至 20 位数字",
                                "The contact phone is 7 to 20 digits"});
}

/// The white list's view of a record (as_provider's columns).
afterschool::ProviderInput WhiteListInput(const Record& r) {
    return {r.name, r.credit_code, r.unit_code, r.category, r.free_public_benefit};
}

Application ApplicationOf(const Record& r, std::vector<ServiceOffer> services, std::vector<Instructor> instructors) {
    return {r.name,
            r.credit_code,
            r.credit_override_reason,
            r.category,
            r.free_public_benefit,
            r.declares_no_marketing,
            std::move(services),
            std::move(instructors)};
}

}  // namespace

Error RoleForbidden() {
    return Error::Forbidden("auth.forbidden", "当前角色无权执行此操作", "Your role may not do this");
}

std::string CountyPathOf(const std::string& scope_path) {
    // "/370800/370811/3737000123/" → "/370800/370811/"; a city's or county's own path is returned as it is.
    std::size_t slashes = 0;
    for (std::size_t i = 0; i < scope_path.size(); ++i)
        if (scope_path[i] == '/' && ++slashes == 3) return scope_path.substr(0, i + 1);
    return scope_path;
}

std::string UnitCodeOf(const std::string& org_path) {
    if (org_path.size() < 2) return {};
    const auto end = org_path.size() - 1;
    return org_path.substr(org_path.rfind('/', end - 1) + 1, end - org_path.rfind('/', end - 1) - 1);
}

Date Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }
std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

repo::Reader ReaderOf(const Principal& p, const std::string& credit_code) {
    if (p.role == Role::kProvider) return {"/", false, credit_code.empty() ? std::string("-") : credit_code};
    return {p.scope_path, p.role == Role::kSchoolAdmin, ""};
}

Settings ProviderService::SettingsOf(db::Connection& c, const std::string& unit_code) {
    if (auto s = repo::FindSettings(c, unit_code)) return *s;
    return Settings{unit_code, {}, {}};
}

std::pair<std::vector<Record>, std::int64_t> ProviderService::List(const Principal& p, const RecordFilter& f) {
    if (p.role == Role::kProvider) throw RoleForbidden();  // a provider reads its own through /own
    auto c = database_.Acquire();
    auto page = repo::ListRecords(*c, ReaderOf(p), f);
    for (auto& r : page.first) r.open_case = deps_.cases.HasOpenCase(r.credit_code);
    return page;
}

RecordDetail ProviderService::Get(const Principal& p, std::int64_t id) {
    if (p.role == Role::kProvider) throw RoleForbidden();
    auto c = database_.Acquire();
    return Load(*c, p, ReaderOf(p), id);
}

RecordDetail ProviderService::Load(db::Connection& c, const Principal& p, const repo::Reader& who, std::int64_t id) {
    auto r = repo::FindRecord(c, who, id);
    if (!r) throw RecordNotFound();
    RecordDetail d;
    d.record = *r;
    d.record.open_case = deps_.cases.HasOpenCase(r->credit_code);
    const bool county = p.role == Role::kDistrictAdmin && p.Covers(r->org_path);
    d.show_contact = county || p.role == Role::kProvider;
    d.services = repo::ListServices(c, id);
    d.instructors = repo::ListInstructors(c, id);
    const Settings settings = SettingsOf(c, r->unit_code);
    const Date today = Today();
    for (const auto& t : d.instructors)
        d.check_current.push_back(t.background_check_date &&
                                  BackgroundCheckCurrent(*t.background_check_date, today,
                                                         settings.admission.background_check_validity_months));
    d.warnings = CheckApplication(ApplicationOf(*r, d.services, d.instructors), settings.admission, today).warnings;
    d.events = repo::ListEvents(c, id);
    if (county || p.role == Role::kProvider) d.allowed_events = AllowedEvents(r->status, p.role);
    // A school sees its own school's spot checks; the county, the city and the provider itself see them all.
    d.spot_checks = repo::ListSpotChecks(c, id, p.role == Role::kProvider ? "/" : p.scope_path);
    d.evaluations = repo::RecordEvaluations(c, id);
    if (r->provider_id) d.courses = afterschool::ProviderCourses(c, *r->provider_id);
    // Complaints are the bureaus' business (ids, dates and states only).
    if (p.role == Role::kDistrictAdmin || p.role == Role::kCityAdmin)
        d.complaints = deps_.complaints.AboutCreditCode(p, r->credit_code);
    d.notices_sent = repo::CountNotices(c, id);
    return d;
}

ProviderService::Prepared ProviderService::Prepare(db::Connection& c, const Principal& p, const ApplicationInput& in) {
    const std::string code = in.unit_code.empty() ? UnitCodeOf(CountyPathOf(p.scope_path)) : in.unit_code;
    const auto unit = deps_.org.FindUnit(code);
    if (!unit || unit->kind == "city")
        throw Error::Unprocessable("providers.unknown_unit", "请选择申请的区县", "Choose the county applied to",
                                   "unit_code");
    // A county enters applications to itself only; a provider may apply to any county of the city.
    if (p.role != Role::kProvider && !p.Covers(unit->org_path))
        throw Error::Forbidden("providers.out_of_scope", "只能受理本区县的申请",
                               "A county bureau takes applications to itself only");
    Prepared out;
    out.application = in.application;
    const Settings settings = SettingsOf(c, unit->code);
    out.check = CheckApplication(out.application, settings.admission, Today());
    CheckContact(in, out.check);
    out.application.credit_code = out.check.normalized_credit_code;
    // R3.5: only a reason that overrode a checksum failure is stored, trimmed; any other is dropped.
    out.application.credit_override_reason = out.check.credit_override_reason;
    Record& r = out.record;
    r.unit_code = unit->code;
    r.org_path = unit->org_path;
    r.credit_code = out.check.normalized_credit_code;
    r.credit_override_reason = out.check.credit_override_reason;
    r.contact_name = in.contact_name;
    r.contact_phone = in.contact_phone;
    return out;
}

ApplicationCheck ProviderService::Check(const Principal& p, const ApplicationInput& in) {
    if (p.role != Role::kDistrictAdmin) throw RoleForbidden();
    auto c = database_.Acquire();
    return Prepare(*c, p, in).check;
}

RecordDetail ProviderService::Create(const Principal& p, const ApplicationInput& in) {
    if (p.role != Role::kDistrictAdmin) throw RoleForbidden();
    return Store(p, in, ReaderOf(p));
}

RecordDetail ProviderService::Store(const Principal& p, const ApplicationInput& in, const repo::Reader& reader) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const Prepared prep = Prepare(*c, p, in);
    if (!prep.check.ok()) throw ToError(prep.check.problems);
    const auto policy = SettingsOf(*c, prep.record.unit_code).admission;
    CheckNewApplication(repo::PastRecords(*c, prep.record.unit_code, prep.record.credit_code), Today(), policy);
    std::int64_t id = 0;
    try {
        id = repo::InsertRecord(*c, prep.record, prep.application, p.user_id, Now());
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("providers.application_open", "该机构已有申请或准入记录",
                              "This provider already has an application or admission on record", "credit_code");
    }
    tx.Commit();
    return Load(*c, p, reader, id);
}

Record ProviderService::ForWrite(db::Connection& c, const Principal& p, std::int64_t id) {
    auto r = repo::FindRecord(c, {"/", false, ""}, id);
    if (!r) throw RecordNotFound();
    if (!p.Covers(r->org_path))
        throw Error::Forbidden("providers.out_of_scope", "无权操作其他区县的机构档案",
                               "That record belongs to another county");
    return *r;
}

RecordDetail ProviderService::Act(const Principal& p, std::int64_t id, const MoveInput& in) {
    const auto event = ParseProviderEvent(in.event);
    if (!event)
        throw Error::Unprocessable("providers.bad_event", "操作应为准入、不予准入、暂停、恢复或退出",
                                   "The event is admit, reject, suspend, reinstate or exit", "event");
    Move m{*event, in.reason, std::nullopt, false};
    if (in.exit_reason) {
        m.exit_reason = ParseExitReason(*in.exit_reason);
        if (!m.exit_reason)
            throw Error::Unprocessable("providers.bad_exit_reason", "退出原因无效",
                                       "The exit reason is evaluation, recruiting_in_school, voluntary or "
                                       "licence_revoked",
                                       "exit_reason");
    }
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const Record r = ForWrite(*c, p, id);
    // R6.5: the institutions module knows whether the institution under this code has an open case.
    if (*event == ProviderEvent::kAdmit || *event == ProviderEvent::kReinstate)
        m.open_inspection_case = deps_.cases.HasOpenCase(r.credit_code);
    const auto closed = TakeMove(*c, p, r, m, SemesterOf(Today()));
    tx.Commit();
    Notify(closed);
    return Load(*c, p, ReaderOf(p, r.credit_code), id);
}

std::vector<afterschool::Course> ProviderService::TakeMove(db::Connection& c, const Principal& p, const Record& r,
                                                           const Move& m, const std::string& semester) {
    const ProviderStatus next = NextStatus(r.status, m, p.role);
    const std::string now = Now();
    const auto exit_reason = m.event == ProviderEvent::kExit ? m.exit_reason : std::nullopt;
    if (!repo::MoveRecord(c, r.id, r.status, next, exit_reason, now))
        throw Error::Conflict("providers.record_changed", "该档案刚被他人修改，请刷新后重试",
                              "The record was changed meanwhile; reload and try again", "status");
    repo::InsertEvent(c, r.id, std::string(ToString(m.event)), r.status, next, m.reason, exit_reason, p.user_id, now);
    switch (m.event) {
        case ProviderEvent::kAdmit:
            // The white list's row of this county and code: created on the first admission, reused on a later one.
            repo::SetProviderId(c, r.id, deps_.catalog.MirrorProvider(c, WhiteListInput(r), r.org_path, "admitted"));
            return {};
        case ProviderEvent::kSuspend:
        case ProviderEvent::kReinstate:
            if (r.provider_id)
                deps_.catalog.MirrorProvider(c, WhiteListInput(r), r.org_path, std::string(ToString(next)));
            return {};
        case ProviderEvent::kExit:
            return CarryOutExit(c, r, *exit_reason, semester);
        case ProviderEvent::kReject:
            return {};
    }
    return {};
}

void ProviderService::Notify(const std::vector<afterschool::Course>& closed) {
    std::set<std::pair<std::int64_t, std::string>> told;
    for (const auto& k : closed)
        if (told.emplace(k.school_id, k.semester).second) deps_.catalog.NotifyCatalogChange(k.school_id, k.semester);
}

}  // namespace kehou::providers
