#include "institutions/complaint_service.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "core/mask.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "institutions/complaint_repo.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"
#include "institutions/scope.hpp"

namespace kehou::institutions {
namespace {

std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

Error ComplaintNotFound() {
    return Error::NotFound("institutions.complaint_not_found", "找不到该举报", "No such complaint");
}

// What a complaint must say: enough to act on, about someone the county can find, and a way back to the
// complainant unless they chose to stay anonymous.
void CheckIntake(const ComplaintIntake& in) {
    if (Utf8Chars(in.content) < 10 || Utf8Chars(in.content) > 2000)
        throw Error::Unprocessable("institutions.complaint_content", "举报内容应为 10–2000 字，请写明时间、地点和情况",
                                   "Describe the complaint in 10–2000 characters: when, where, what", "content");
    if (!in.institution_id && (!in.operator_address || in.operator_address->empty()))
        throw Error::Unprocessable("institutions.complaint_target", "请选择被举报机构，或填写无证机构的地址",
                                   "Name the institution, or the address of the unlicensed operator",
                                   "operator_address");
    if (in.anonymous && in.contact)
        throw Error::Unprocessable("institutions.anonymous_contact", "匿名举报不留联系方式",
                                   "An anonymous complaint leaves no contact", "contact");
    if (!in.anonymous && (!in.contact || in.contact->empty()))
        throw Error::Unprocessable("institutions.contact_required", "实名举报请留联系电话，便于回复",
                                   "A named complaint needs a contact number for the reply", "contact");
    if (in.contact && !ValidateMobile(*in.contact).ok())
        throw Error::Unprocessable("institutions.bad_contact", "联系电话应为 11 位手机号", "The contact is an 11-digit mobile",
                                   "contact");
}

}  // namespace

CalendarService::CalendarService(db::Database& database) : database_(database) {}

void CalendarService::EnsureSeeded() {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::CalendarEmpty(*c)) return;
    for (const auto& d : CalendarDays2026()) repo::InsertCalendarDay(*c, d.date, d.kind, d.name);
    for (const auto& v : Calendar2026().vacations) repo::InsertVacation(*c, "/", v);  // "/": every county's default
    tx.Commit();
}

HolidayCalendar CalendarService::For(const std::string& county_path) {
    auto c = database_.Acquire();
    HolidayCalendar cal;
    for (const auto& [day, kind, name] : repo::CalendarDays(*c)) {
        const auto d = ParseIsoDate(day);
        if (!d) continue;
        (kind == "holiday" ? cal.holidays : cal.make_up_workdays).insert(*d);
    }
    cal.vacations = repo::VacationsFor(*c, county_path);
    return cal;
}

ComplaintService::ComplaintService(db::Database& database, org::OrgService& org, const crypto::PiiVault& vault,
                                   CalendarService& calendar, int working_days)
    : database_(database), org_(org), vault_(vault), calendar_(calendar), working_days_(working_days) {}

std::string ComplaintService::CountyPath(const std::string& unit_code) {
    const auto unit = org_.FindUnit(unit_code);
    if (!unit || unit->kind == "city")
        throw Error::Unprocessable("institutions.unknown_unit", "请选择所在区县", "Choose the county", "unit_code");
    return unit->org_path;
}

Complaint ComplaintService::Record(const Principal& p, ComplaintIntake in) {
    const auto path = CountyPath(in.unit_code);
    if (!p.Covers(path))
        throw OutOfScope("该区县", "That county");
    return Store(std::move(in), path, p.user_id, p.scope_path);
}

Complaint ComplaintService::Submit(ComplaintIntake in) {
    in.channel = ComplaintChannel::kWeb;
    in.received_at.reset();  // the public cannot back-date a complaint
    const auto path = CountyPath(in.unit_code);
    return Store(std::move(in), path, std::nullopt, path);
}

Complaint ComplaintService::Store(ComplaintIntake in, const std::string& county_path,
                                  std::optional<std::int64_t> recorded_by, const std::string& scope_for_reading) {
    CheckIntake(in);
    const auto now = std::chrono::system_clock::now();
    const auto received = in.received_at ? ParseRfc3339(*in.received_at) : std::optional<TimePoint>(now);
    if (!received || *received > now)
        throw Error::Unprocessable("institutions.bad_received_at", "受理时间无效或晚于现在",
                                   "The time received is invalid or in the future", "received_at");
    const auto due = ComplaintDueDate(*received, working_days_, calendar_.For(county_path));
    std::optional<repo::SealedContact> contact;
    if (in.contact) {
        const auto mobile = ValidateMobile(*in.contact).normalized;
        contact = repo::SealedContact{vault_.Seal(mobile).box, MaskMobile(mobile)};
    }
    auto c = database_.Acquire();
    if (in.institution_id && !repo::FindInstitution(*c, county_path, *in.institution_id))
        throw Error::Unprocessable("institutions.complaint_institution", "被举报机构不在所选区县",
                                   "That institution is not registered in the county", "institution_id");
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = repo::InsertComplaint(*c, in, county_path, FormatShanghai(*received), FormatIsoDate(due), contact,
                                          recorded_by);
    tx.Commit();
    return *repo::FindComplaint(*c, scope_for_reading, id, Today());
}

Page<Complaint> ComplaintService::List(const Principal& p, ComplaintFilter f) {
    f.page = std::max(1, f.page);
    f.page_size = std::clamp(f.page_size, 1, 200);
    auto c = database_.Acquire();
    return repo::ListComplaints(*c, p.scope_path, f, p.user_id, Today());
}

std::vector<ComplaintBrief> ComplaintService::AboutCreditCode(const Principal& p, const std::string& credit_code) {
    auto c = database_.Acquire();
    return repo::ComplaintsAbout(*c, p.scope_path, credit_code);
}

Complaint ComplaintService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto k = repo::FindComplaint(*c, p.scope_path, id, Today());
    if (!k) throw ComplaintNotFound();
    return *k;
}

Complaint ComplaintService::ForWrite(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    if (auto k = repo::FindComplaint(*c, p.scope_path, id, Today())) return *k;
    if (repo::FindComplaint(*c, "/", id, Today()))
        throw OutOfScope("该举报", "That complaint");
    throw ComplaintNotFound();
}

Complaint ComplaintService::Assign(const Principal& p, std::int64_t id, std::int64_t inspector_id) {
    if (p.role != Role::kDistrictAdmin)
        throw Error::Forbidden("institutions.assign_forbidden", "举报由区县教育局分派", "The county bureau assigns complaints");
    const Complaint k = ForWrite(p, id);
    auto c = database_.Acquire();
    const auto who = repo::UserRoleAndScope(*c, inspector_id);
    if (!who || who->first != "inspector" || !k.org_path.starts_with(who->second))
        throw Error::Unprocessable("institutions.not_an_inspector", "请选择本区县的执法检查员",
                                   "Choose an inspector of the county", "inspector_id");
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::AssignComplaint(*c, id, inspector_id, k.due_date))
        throw Error::Conflict("institutions.complaint_closed", "该举报已办结", "The complaint is already closed", "status");
    tx.Commit();
    return Get(p, id);
}

Complaint ComplaintService::Close(const Principal& p, std::int64_t id, const std::string& reply) {
    const Complaint k = ForWrite(p, id);
    if (p.role == Role::kInspector && k.assigned_to != p.user_id)
        throw Error::Forbidden("institutions.not_assignee", "只有承办的检查员可以办结该举报",
                               "Only the assigned inspector may close this complaint");
    if (Utf8Chars(reply) < 5)
        throw Error::Unprocessable("institutions.reply_required", "请填写答复内容（至少 5 个字）",
                                   "Write the reply (at least 5 characters)", "reply");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::CloseComplaint(*c, id, reply, p.user_id, FormatShanghai(std::chrono::system_clock::now())))
        throw Error::Conflict("institutions.complaint_closed", "该举报已办结", "The complaint is already closed", "status");
    tx.Commit();
    return Get(p, id);
}

std::vector<Inspector> ComplaintService::Inspectors(const Principal& p, const std::optional<std::string>& unit_code) {
    std::string path = p.scope_path;
    if (unit_code) {
        path = CountyPath(*unit_code);
        if (!p.Covers(path)) throw Error::NotFound("org.not_found", "找不到该区县", "No such county");
    }
    auto c = database_.Acquire();
    return repo::ListInspectors(*c, path);
}

std::vector<org::Unit> ComplaintService::Counties() {
    std::vector<org::Unit> out;
    for (auto& u : org_.ListAllUnits())
        if (u.kind != "city") out.push_back(std::move(u));
    return out;
}

std::string ComplaintService::RevealContact(const Principal& p, std::int64_t id) {
    Get(p, id);  // 404 outside the scope
    auto c = database_.Acquire();
    const auto box = repo::ComplaintContact(*c, p.scope_path, id);
    if (!box) throw Error::NotFound("institutions.no_contact", "该举报为匿名举报，没有联系方式", "An anonymous complaint has no contact");
    return vault_.Open(*box);
}

}  // namespace kehou::institutions
