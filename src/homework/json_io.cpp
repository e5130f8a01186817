#include "homework/json_io.hpp"

#include "homework/errors.hpp"

namespace kehou::homework {
namespace {

json::value OptInt(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object BudgetJson(const BudgetCheck& b) {
    return {{"allowed", b.allowed}, {"written_in_grades_1_2", b.written_in_grades_1_2}, {"current", b.current},
            {"limit", b.limit}, {"remaining", b.remaining}};
}

int Minutes(std::int64_t v, std::string_view field) {
    if (v < 0 || v > 100000) RequireMinutes(0, field);
    return static_cast<int>(v);
}

HomeworkType ReadType(const std::string& code, std::string_view field) {
    if (auto t = ParseHomeworkType(code)) return *t;
    throw Error::Unprocessable("homework.bad_type", "作业类型应为书面、阅读、口头、实践或探究",
                               "The type is written, reading, oral, practical or inquiry", std::string(field));
}

std::vector<Variant> ReadVariants(const json::value* v) {
    std::vector<Variant> out;
    if (!v || v->is_null()) return out;
    if (!v->is_array()) throw http::WrongType("variants", "数组", "an array");
    for (const auto& item : v->as_array()) {
        if (!item.is_object()) throw http::WrongType("variants", "对象数组", "an array of objects");
        const auto& o = item.as_object();
        Variant x;
        const auto* label = o.if_contains("label");
        const auto* content = o.if_contains("content");
        const auto* minutes = o.if_contains("estimated_minutes");
        if (!label || !label->is_string() || !content || !content->is_string() || !minutes || !minutes->is_int64())
            throw http::WrongType("variants", "含 label、content、estimated_minutes 的对象",
                                  "objects with label, content and estimated_minutes");
        x.label = std::string(label->as_string());
        x.content = std::string(content->as_string());
        x.estimated_minutes = Minutes(minutes->as_int64(), "variants");
        x.student_ids = http::ReadIntArray(o.if_contains("student_ids"), "variants.student_ids");
        out.push_back(std::move(x));
    }
    return out;
}

}  // namespace

json::object AssignmentJson(const Assignment& a) {
    json::array variants;
    for (const auto& v : a.variants) {
        json::array students(v.student_ids.begin(), v.student_ids.end());
        variants.push_back(json::object{{"id", v.id}, {"position", v.position}, {"label", v.label},
                                        {"content", v.content}, {"estimated_minutes", v.estimated_minutes},
                                        {"student_ids", std::move(students)}});
    }
    return {{"id", a.id},
            {"class_id", a.class_id},
            {"class_name", a.class_name},
            {"school_id", a.school_id},
            {"grade", a.grade},
            {"due_date", a.due_date},
            {"day_kind", ToString(a.day_kind)},
            {"subject", a.subject},
            {"type", ToString(a.type)},
            {"content", a.content},
            {"estimated_minutes", a.estimated_minutes},
            {"counted_minutes", a.counted_minutes},
            {"status", ToString(a.status)},
            {"teacher_id", http::OptJson(a.teacher_id)},
            {"teacher_name", a.teacher_name},
            {"created_at", a.created_at},
            {"decided_at", http::OptJson(a.decided_at)},
            {"reject_reason", http::OptJson(a.reject_reason)},
            {"override_reason", http::OptJson(a.override_reason)},
            {"variants", std::move(variants)}};
}

json::object GroupJson(const SubjectGroup& g) {
    return {{"grade", g.grade}, {"subject", g.subject}, {"leader_teacher_id", http::OptJson(g.leader_teacher_id)},
            {"leader_name", g.leader_name}, {"daily_budget", OptInt(g.daily_budget)}};
}

json::object CountySettingsJson(const std::string& unit_code, const CountySettings& s) {
    json::array phrases(s.parent_task_phrases.begin(), s.parent_task_phrases.end());
    return {{"unit_code", unit_code},
            {"primary_limit", s.limits.primary},
            {"junior_limit", s.limits.junior},
            {"rest_day_primary_limit", OptInt(s.limits.rest_day_primary)},
            {"rest_day_junior_limit", OptInt(s.limits.rest_day_junior)},
            {"parent_task_phrases", std::move(phrases)},
            {"phrases_customised", s.phrases_customised},
            {"national", json::object{{"primary", NationalDailyLimit(3)}, {"junior", NationalDailyLimit(7)}}},
            {"updated_at", http::OptJson(s.updated_at)}};
}

json::object SchoolSettingsJson(const SchoolSettings& s) {
    json::array groups;
    for (const auto& g : s.groups) groups.push_back(GroupJson(g));
    return {{"school_id", s.school_id}, {"approval_required", s.approval_required}, {"groups", std::move(groups)}};
}

json::object ClassDayJson(const ClassDay& d) {
    json::array items, groups;
    for (const auto& a : d.assignments) items.push_back(AssignmentJson(a));
    for (const auto& g : d.groups) groups.push_back(GroupJson(g));
    return {{"class_id", d.class_id},         {"class_name", d.class_name},       {"grade", d.grade},
            {"date", d.date},                 {"day_kind", ToString(d.day_kind)}, {"limit", d.limit},
            {"written_total", d.written_total}, {"remaining", d.remaining},       {"assignments", std::move(items)},
            {"groups", std::move(groups)}};
}

json::object CheckJson(const PublishCheck& c) {
    json::array phrases(c.parent_task_phrases.begin(), c.parent_task_phrases.end());
    json::value subject = nullptr;
    if (c.subject_budget)
        subject = json::object{{"allowed", c.subject_budget->allowed}, {"budget", c.subject_budget->budget},
                               {"current", c.subject_budget->current}, {"remaining", c.subject_budget->remaining}};
    return {{"parent_task_phrases", std::move(phrases)}, {"budget", BudgetJson(c.budget)},
            {"subject_budget", std::move(subject)}, {"needs_approval", c.needs_approval}};
}

json::value ReportJson(const std::optional<FamilyReport>& r) {
    if (!r) return nullptr;
    return json::object{{"student_id", r->student_id},    {"date", r->date},
                        {"minutes", r->minutes},          {"finished_by_bedtime", r->finished_by_bedtime},
                        {"note", http::OptJson(r->note)}, {"reported_at", r->reported_at}};
}

json::object ChildDayJson(const ChildDay& d) {
    json::array items;
    for (const auto& h : d.assignments) {
        const auto& a = h.assignment;
        items.push_back(json::object{{"id", a.id},
                                     {"subject", a.subject},
                                     {"type", ToString(a.type)},
                                     {"content", a.content},
                                     {"estimated_minutes", a.estimated_minutes},
                                     {"variant_label", http::OptJson(h.variant_label)},
                                     {"teacher_name", a.teacher_name}});
    }
    return {{"student_id", d.student_id}, {"student_name", d.student_name},       {"class_name", d.class_name},
            {"grade", d.grade},           {"date", d.date},                       {"day_kind", ToString(d.day_kind)},
            {"bedtime", d.bedtime},       {"estimated_total", d.estimated_total}, {"assignments", std::move(items)},
            {"report", ReportJson(d.report)}};
}

AssignmentInput ReadAssignmentInput(http::Request& r, bool with_override) {
    http::BodyReader body(r);
    AssignmentInput in;
    in.class_id = body.RequiredInt("class_id");
    in.due_date = body.RequiredString("due_date", 10);
    in.subject = body.RequiredString("subject", 20);
    in.type = ReadType(body.RequiredString("type", 20), "type");
    in.content = body.RequiredString("content", 2000);
    in.estimated_minutes = Minutes(body.RequiredInt("estimated_minutes"), "estimated_minutes");
    in.variants = ReadVariants(body.OptionalValue("variants"));
    if (with_override) in.override_reason = body.RequiredString("override_reason", 500);
    body.Finish();
    return in;
}

}  // namespace kehou::homework
