// JSON answers of the providers routes: money in fen, dates ISO, parts and scores in tenths of a point.
#include "core/mask.hpp"
#include "core/time.hpp"
#include "providers/json_io.hpp"
#include "providers/workflow.hpp"

namespace kehou::providers {
namespace {

json::value Opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value Opt(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value Opt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object ProblemJson(const Problem& p) {
    return {{"field", p.field}, {"code", p.code}, {"message", p.message_zh}, {"message_en", p.message_en}};
}

json::array Problems(const std::vector<Problem>& ps) {
    json::array out;
    for (const auto& p : ps) out.push_back(ProblemJson(p));
    return out;
}

json::object InstructorJson(const Instructor& t) {
    return {{"name", t.name},
            {"qualification", ToString(t.qualification)},
            {"qualification_name", t.qualification_name},
            {"qualification_number", t.qualification_number},
            {"background_check_date",
             t.background_check_date ? json::value(FormatIsoDate(*t.background_check_date)) : json::value(nullptr)}};
}

json::object CourseJson(const afterschool::ProviderCourse& k) {
    return {{"id", k.id}, {"school_id", k.school_id}, {"school_name", k.school_name}, {"semester", k.semester},
            {"title", k.title}, {"status", k.status}};
}

template <typename T, typename F>
json::array ArrayOf(const std::vector<T>& xs, F f) {
    json::array out;
    for (const auto& x : xs) out.push_back(f(x));
    return out;
}

}  // namespace

json::object RecordJson(const Record& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"credit_code", r.credit_code},
            {"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"category", r.category},
            {"free_public_benefit", r.free_public_benefit},
            {"status", ToString(r.status)},
            {"exit_reason", r.exit_reason ? json::value(ToString(*r.exit_reason)) : json::value(nullptr)},
            {"applied_at", r.applied_at},
            {"decided_at", Opt(r.decided_at)},
            {"service_count", r.service_count},
            {"instructor_count", r.instructor_count},
            {"last_outcome", r.last_outcome ? json::value(ToString(*r.last_outcome)) : json::value(nullptr)},
            {"open_case", r.open_case}};
}

json::object RecordDetailJson(const RecordDetail& d) {
    json::object o = RecordJson(d.record);
    const auto& r = d.record;
    o["contact_name"] = d.show_contact ? r.contact_name : MaskName(r.contact_name);
    o["contact_phone"] = d.show_contact ? r.contact_phone : MaskMobile(r.contact_phone);
    o["declares_no_marketing"] = r.declares_no_marketing;
    o["credit_override_reason"] = Opt(r.credit_override_reason);  // R3.5
    o["provider_id"] = Opt(r.provider_id);
    o["services"] = ArrayOf(d.services, [](const ServiceOffer& s) {
        return json::object{{"name", s.name}, {"fee_fen", s.fee_fen}, {"outside_price_fen", s.outside_price_fen}};
    });
    json::array instructors;
    for (std::size_t i = 0; i < d.instructors.size(); ++i) {
        auto t = InstructorJson(d.instructors[i]);
        t["check_current"] = i < d.check_current.size() && d.check_current[i];
        instructors.push_back(std::move(t));
    }
    o["instructors"] = std::move(instructors);
    o["warnings"] = Problems(d.warnings);
    o["events"] = ArrayOf(d.events, [](const EventRow& e) {
        // The application itself has no status before it: "from" is null.
        const json::value from = e.event == "apply" ? json::value(nullptr) : json::value(e.from);
        return json::object{{"event", e.event},   {"from", from},          {"to", e.to},
                            {"reason", e.reason}, {"exit_reason", Opt(e.exit_reason)},
                            {"by_name", e.by_name}, {"at", e.at}};
    });
    o["allowed_events"] = ArrayOf(d.allowed_events, [](ProviderEvent e) { return json::value(ToString(e)); });
    o["spot_checks"] = ArrayOf(d.spot_checks, SpotCheckJson);
    o["evaluations"] = ArrayOf(d.evaluations, EvaluationJson);
    o["courses"] = ArrayOf(d.courses, CourseJson);
    o["complaints"] = ArrayOf(d.complaints, [](const institutions::ComplaintBrief& k) {
        return json::object{{"id", k.id}, {"received_at", k.received_at}, {"status", k.status}};
    });
    o["notices_sent"] = d.notices_sent;
    return o;
}

json::object CheckJson(const ApplicationCheck& c) {
    return {{"problems", Problems(c.problems)}, {"warnings", Problems(c.warnings)}};
}

json::object SpotCheckJson(const SpotCheck& s) {
    return {{"id", s.id},
            {"record_id", s.record_id},
            {"school_id", s.school_id},
            {"school_name", s.school_name},
            {"on_date", s.on_date},
            {"semester", s.semester},
            {"score", s.score},
            {"instructor_no_show", s.instructor_no_show},
            {"recruiting_found", s.recruiting_found},
            {"note", s.note},
            {"complaint_id", Opt(s.complaint_id)},
            {"by_name", s.by_name},
            {"at", s.at}};
}

json::object RatingJson(const SchoolRating& g) {
    return {{"record_id", g.record_id}, {"school_id", g.school_id}, {"school_name", g.school_name},
            {"semester", g.semester},   {"stars", g.stars},         {"comment", g.comment},
            {"by_name", g.by_name},     {"at", g.at}};
}

json::object EvaluationJson(const EvaluationItem& e) {
    return {{"record_id", e.record_id},
            {"name", e.name},
            {"semester", e.semester},
            {"guardians", Opt(e.guardians)},
            {"schools", Opt(e.schools)},
            {"spot_checks", Opt(e.spot_checks)},
            {"attendance", Opt(e.attendance)},
            {"guardian_ratings", e.guardian_ratings},
            {"school_ratings", e.school_ratings},
            {"spot_check_count", e.spot_check_count},
            {"no_shows", e.no_shows},
            {"recruiting_found", e.recruiting_found},
            {"guardians_too_few", e.guardians_too_few},
            {"min_guardian_ratings", Opt(e.min_guardian_ratings)},
            {"score", Opt(e.score)},
            {"outcome", ToString(e.outcome)},
            {"previous_outcome", e.previous_outcome ? json::value(ToString(*e.previous_outcome)) : json::value(nullptr)}};
}

json::object SheetJson(const EvaluationSheet& s, bool with_exited) {
    json::object o{{"semester", s.semester}, {"closed", s.closed}, {"items", ArrayOf(s.items, EvaluationJson)}};
    if (with_exited) o["exited"] = ArrayOf(s.exited, [](std::int64_t id) { return json::value(id); });
    return o;
}

json::object NoticeJson(const Notice& n) {
    return {{"id", n.id},
            {"record_id", n.record_id},
            {"provider_name", n.provider_name},
            {"audience", n.audience},
            {"school_id", n.school_id},
            {"school_name", n.school_name},
            {"student_id", Opt(n.student_id)},
            {"kind", n.kind},
            {"text_zh", n.text_zh},
            {"text_en", n.text_en},
            {"effective_semester", n.effective_semester},
            {"at", n.at}};
}

json::object SettingsJson(const Settings& s) {
    const auto& a = s.admission;
    const auto& e = s.evaluation;
    return {{"unit_code", s.unit_code},
            {"max_fee_percent_of_outside", a.max_fee_percent_of_outside},
            {"background_check_validity_months", a.background_check_validity_months},
            {"reapply_after_evaluation_exit_months", a.reapply_after_evaluation_exit_months},
            {"weights", json::object{{"guardians", e.weights.guardians},
                                     {"schools", e.weights.schools},
                                     {"spot_checks", e.weights.spot_checks},
                                     {"attendance", e.weights.attendance}}},
            {"threshold", e.threshold},
            {"no_show_deduction", e.no_show_deduction},
            {"min_guardian_ratings", e.min_guardian_ratings}};
}

json::object OwnJson(const OwnView& v) {
    if (!v.linked) return {{"linked", false}};
    return {{"linked", true},
            {"name", v.name},
            {"credit_code", v.credit_code},
            {"records", ArrayOf(v.records, RecordJson)},
            {"current", v.current ? json::value(RecordDetailJson(*v.current)) : json::value(nullptr)},
            {"courses", ArrayOf(v.courses, CourseJson)},
            {"schools", ArrayOf(v.schools, [](const OwnSchool& s) {
                 return json::object{{"id", s.id}, {"name", s.name}, {"course_count", s.course_count}};
             })},
            {"instructors", ArrayOf(v.instructors, InstructorJson)},
            {"evaluations", ArrayOf(v.evaluations, EvaluationJson)},
            {"spot_checks", ArrayOf(v.spot_checks, SpotCheckJson)}};
}

}  // namespace kehou::providers
