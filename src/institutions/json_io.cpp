#include "institutions/json_io.hpp"

#include "institutions/rules.hpp"

namespace kehou::institutions {

json::object InstitutionJson(const Institution& i) {
    json::array staff, warnings;
    for (const auto& s : i.staff)
        staff.push_back(json::object{{"id", s.id}, {"name", s.name}, {"teaches_subject", s.teaches_subject},
                                     {"qualification_no", http::OptJson(s.qualification_no)}});
    for (const auto& w : i.warnings) warnings.push_back(json::value(w));
    return {{"id", i.id},
            {"unit_code", i.unit_code},
            {"unit_name", i.unit_name},
            {"name", i.name},
            {"credit_code", i.credit_code},
            {"credit_override_reason", http::OptJson(i.credit_override_reason)},
            {"category", ToString(i.category)},
            {"category_label", LabelZh(i.category)},
            {"delivery", ToString(i.delivery)},
            {"address", i.address},
            {"licence_no", http::OptJson(i.licence_no)},
            {"licence_date", http::OptJson(i.licence_date)},
            {"filing_no", http::OptJson(i.filing_no)},
            {"filing_date", http::OptJson(i.filing_date)},
            {"nonprofit_reg_no", http::OptJson(i.nonprofit_reg_no)},
            {"legal_representative", i.legal_representative},
            {"status", ToString(i.status)},
            {"status_label", LabelZh(i.status)},
            {"in_baseline", i.in_baseline},
            {"staff_count", i.staff.empty() ? i.staff_count : static_cast<int>(i.staff.size())},
            {"staff", std::move(staff)},
            {"has_open_case", i.has_open_case},
            {"warnings", std::move(warnings)},
            {"created_at", i.created_at},
            {"updated_at", i.updated_at}};
}

json::object BaselineJson(const BaselineCount& b) {
    return {{"unit_code", b.unit_code}, {"category", ToString(b.category)}, {"delivery", ToString(b.delivery)},
            {"institutions", b.institutions}, {"as_of", b.as_of}};
}

json::object ReductionJson(const ReductionRow& r) {
    const auto rate = r.rate_basis_points ? json::value(*r.rate_basis_points) : json::value(nullptr);
    return {{"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"category", r.category ? json::value(ToString(*r.category)) : json::value(nullptr)},
            {"delivery", r.delivery ? json::value(ToString(*r.delivery)) : json::value(nullptr)},
            {"baseline", r.baseline},
            {"current", r.current},
            {"cut", r.baseline - r.current},
            {"rate_basis_points", rate},
            {"rate", r.rate_basis_points ? json::value(FormatPercent(*r.rate_basis_points)) : json::value(nullptr)}};
}

json::object EvidenceJson(const EvidenceFile& f) {
    return {{"id", f.id},     {"event_id", http::OptJson(f.event_id)}, {"sha256", f.sha256}, {"file_name", f.file_name},
            {"mime", f.mime}, {"size_bytes", f.size_bytes},          {"uploaded_at", f.uploaded_at}};
}

namespace {

json::value DecisionJson(const std::optional<StoredDecision>& d) {
    if (!d) return nullptr;
    return json::object{{"kind", ToString(d->kind)},
                        {"kind_label", LabelZh(d->kind)},
                        {"issuing_authority", d->issuing_authority},
                        {"legal_basis", d->legal_basis},
                        {"issued_on", d->issued_on},
                        {"rectify_by", http::OptJson(d->rectify_by)},
                        {"penalty", d->penalty ? json::value(ToString(*d->penalty)) : json::value(nullptr)},
                        {"fine_fen", http::OptJson(d->fine_fen)}};
}

json::object CaseEventJson(const CaseEventRecord& e) {
    return {{"id", e.id},
            {"from_state", ToString(e.from)},
            {"to_state", ToString(e.to)},
            {"event", e.event},
            {"actor_name", e.actor_name},
            {"actor_role", e.actor_role},
            {"at", e.at},
            {"note", e.note},
            {"passed", http::OptJson(e.passed)}};
}

}  // namespace

json::object CaseJson(const InspectionCase& k) {
    json::array events, evidence, allowed;
    for (const auto& e : k.events) events.push_back(CaseEventJson(e));
    for (const auto& f : k.evidence) evidence.push_back(EvidenceJson(f));
    for (const auto e : k.allowed_events)
        allowed.push_back(json::object{{"event", ToString(e)}, {"label", LabelZh(e)}});
    return {{"id", k.id},
            {"institution_id", k.institution_id},
            {"institution_name", k.institution_name},
            {"unit_code", k.unit_code},
            {"unit_name", k.unit_name},
            {"complaint_id", http::OptJson(k.complaint_id)},
            {"state", ToString(k.state)},
            {"state_label", LabelZh(k.state)},
            {"scheduled_for", k.scheduled_for},
            {"inspector_id", http::OptJson(k.inspector_id)},
            {"decision", DecisionJson(k.decision)},
            {"opened_at", k.opened_at},
            {"updated_at", k.updated_at},
            {"closed_at", http::OptJson(k.closed_at)},
            {"events", std::move(events)},
            {"evidence", std::move(evidence)},
            {"allowed_events", std::move(allowed)}};
}

json::object ComplaintJson(const Complaint& k) {
    return {{"id", k.id},
            {"unit_code", k.unit_code},
            {"unit_name", k.unit_name},
            {"channel", ToString(k.channel)},
            {"channel_label", LabelZh(k.channel)},
            {"received_at", k.received_at},
            {"anonymous", k.anonymous},
            {"contact_masked", http::OptJson(k.contact_masked)},
            {"institution_id", http::OptJson(k.institution_id)},
            {"institution_name", http::OptJson(k.institution_name)},
            {"operator_name", http::OptJson(k.operator_name)},
            {"operator_address", http::OptJson(k.operator_address)},
            {"content", k.content},
            {"assigned_to", http::OptJson(k.assigned_to)},
            {"assignee_name", http::OptJson(k.assignee_name)},
            {"due_date", k.due_date},
            {"status", ToString(k.status)},
            {"status_label", LabelZh(k.status)},
            {"reply", http::OptJson(k.reply)},
            {"closed_at", http::OptJson(k.closed_at)},
            {"overdue", k.overdue}};
}

json::object PublicInstitutionJson(const PublicInstitution& i) {
    return {{"id", i.id},             {"unit_code", i.unit_code},
            {"name", i.name},         {"credit_code", i.credit_code},     {"unit_name", i.unit_name},
            {"address", i.address},   {"category", ToString(i.category)}, {"category_label", LabelZh(i.category)},
            {"delivery", ToString(i.delivery)}, {"status", ToString(i.status)}, {"status_label", LabelZh(i.status)},
            {"standing", i.standing}};
}

json::object ScheduleJson(const FiledSchedule& s) {
    json::array sessions;
    for (const auto& f : s.sessions) {
        json::array found;
        for (const auto& v : f.violations)
            found.push_back(json::object{{"code", v.code}, {"message", v.message_zh}, {"message_en", v.message_en},
                                         {"field", v.field}, {"warning", v.warning}});
        sessions.push_back(json::object{{"date", FormatIsoDate(f.session.date)},
                                        {"start", FormatClockTime(f.session.start)},
                                        {"end", FormatClockTime(f.session.end)},
                                        {"delivery", ToString(f.session.delivery)},
                                        {"category", ToString(f.session.category)},
                                        {"subject", f.session.subject},
                                        {"violations", std::move(found)}});
    }
    return {{"id", s.id},         {"institution_id", s.institution_id}, {"title", s.title},
            {"filed_at", s.filed_at}, {"violations", s.violations},     {"sessions", std::move(sessions)}};
}

json::object CalendarJson(const CalendarView& v) {
    json::array days, vacations;
    for (const auto& d : v.days) days.push_back(json::object{{"date", d.date}, {"kind", d.kind}, {"name", d.name}});
    for (const auto& w : v.vacations)
        vacations.push_back(json::object{{"name", w.name}, {"from", FormatIsoDate(w.from)}, {"to", FormatIsoDate(w.to)}});
    return {{"days", std::move(days)}, {"vacations", std::move(vacations)}};
}

Error BadCode(std::string_view field, const std::vector<std::string>& allowed) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return Error::BadRequest("request.bad_code", fmt::format("{} 的取值应为：{}", field, list),
                             fmt::format("{} must be one of: {}", field, list), std::string(field));
}

std::string StringField(const json::object& o, std::string_view name, std::string_view parent) {
    const auto* v = o.if_contains(name);
    if (!v || !v->is_string()) throw http::WrongType(fmt::format("{}.{}", parent, name), "字符串", "a string");
    return std::string(v->as_string());
}

}  // namespace kehou::institutions
