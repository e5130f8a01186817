#include "afterschool/json_io.hpp"

#include "afterschool/rules.hpp"

namespace kehou::afterschool {
namespace {

using http::OptJson;

json::array SlotsJson(const std::vector<TimeSlot>& slots) {
    json::array out;
    for (const auto& t : slots)
        out.push_back(json::object{{"weekday", t.weekday}, {"start", FormatTimeOfDay(t.start)},
                                   {"end", FormatTimeOfDay(t.end)}});
    return out;
}

json::array TimesJson(const std::vector<MinuteOfDay>& times) {
    json::array out;
    for (auto m : times) out.emplace_back(FormatTimeOfDay(m));
    return out;
}

json::array IdsJson(const std::vector<std::int64_t>& ids) {
    json::array out;
    for (auto id : ids) out.emplace_back(id);
    return out;
}

const json::object& AsObject(const json::value& v, std::string_view field) {
    if (!v.is_object()) throw http::WrongType(field, "对象", "an object");
    return v.as_object();
}

int IntField(const json::object& o, std::string_view name, std::string_view field) {
    const auto* v = o.if_contains(name);
    if (!v || !v->is_int64()) throw http::WrongType(field, "含整数字段的对象", "objects with integer fields");
    return static_cast<int>(v->as_int64());
}

std::string TextField(const json::object& o, std::string_view name, std::string_view field) {
    const auto* v = o.if_contains(name);
    if (!v || !v->is_string()) throw http::WrongType(field, "含 HH:MM 时间的对象", "objects with HH:MM times");
    return std::string(v->as_string());
}

}  // namespace

json::object ProviderJson(const Provider& p) {
    return {{"id", p.id},           {"name", p.name},         {"credit_code", p.credit_code},
            {"unit_code", p.unit_code}, {"category", p.category}, {"free_public_benefit", p.free_public_benefit},
            {"status", p.status},   {"admitted_at", OptJson(p.admitted_at)}};
}

json::object CategoryJson(const CategoryInfo& c) {
    return {{"code", c.category.code}, {"name", c.name}, {"name_en", c.name_en},
            {"subject_type", c.category.subject_type}, {"new_lessons", c.category.new_lessons}};
}

json::object SectionJson(const Section& s) {
    return {{"id", s.id},         {"course_id", s.course_id}, {"label", s.label},
            {"venue", s.venue},   {"capacity", s.capacity},   {"taken", s.taken},
            {"seats_left", std::max(0, s.capacity - s.taken)}, {"waitlisted", s.waitlisted},
            {"weeks", s.weeks},   {"slots", SlotsJson(s.slots)}};
}

json::object CourseJson(const Course& k) {
    json::array sections;
    for (const auto& s : k.sections) sections.push_back(SectionJson(s));
    return {{"id", k.id},
            {"school_id", k.school_id},
            {"school_name", k.school_name},
            {"semester", k.semester},
            {"title", k.title},
            {"category", k.category},
            {"category_name", k.category_name},
            {"description", k.description},
            {"grade_from", k.grade_from},
            {"grade_to", k.grade_to},
            {"instructor_kind", k.instructor_kind},
            {"teacher_id", OptJson(k.teacher_id)},
            {"provider_id", OptJson(k.provider_id)},
            {"instructor_name", k.instructor_name},
            {"fee_per_hour_fen", k.fee_per_hour_fen},
            {"status", k.status},
            {"sections", std::move(sections)}};
}

json::object ServiceWeekJson(const ServiceWeek& w) {
    json::array days;
    for (const auto& d : w.days)
        days.push_back(json::object{{"weekday", d.weekday}, {"lessons_end", FormatTimeOfDay(d.lessons_end)},
                                    {"batch_ends", TimesJson(d.batch_ends)}});
    return {{"school_id", w.school_id}, {"semester", w.semester}, {"days", std::move(days)},
            {"earliest_latest_end", FormatTimeOfDay(w.earliest_latest_end)}};
}

json::object WindowJson(const Window& w) {
    json::array order;
    for (const auto& g : w.priority_order) order.emplace_back(g);
    return {{"id", w.id},
            {"unit_code", w.unit_code},
            {"school_id", OptJson(w.school_id)},
            {"semester", w.semester},
            {"title", w.title},
            {"mode", w.mode},
            {"opens_at", w.opens_at},
            {"closes_at", w.closes_at},
            {"phase", WindowPhase(w, detail::Now())},
            {"max_wishes", w.max_wishes},
            {"course_limit", w.course_limit},
            {"priority_order", std::move(order)},
            {"seed_commitment", OptJson(w.seed_commitment)},
            {"seed", OptJson(w.seed)},
            {"allocated_at", OptJson(w.allocated_at)},
            {"result_digest", OptJson(w.result_digest)}};
}

json::object SeatJson(const Seat& s) {
    return {{"id", s.id},
            {"section_id", s.section_id},
            {"course_id", s.course_id},
            {"student_id", s.student_id},
            {"student_name", s.student_name},
            {"window_id", OptJson(s.window_id)},
            {"course_title", s.course_title},
            {"section_label", s.section_label},
            {"instructor_name", s.instructor_name},
            {"status", s.status},
            {"source", s.source},
            {"queue_no", s.queue_no},
            {"fee_per_hour_fen", s.fee_per_hour_fen},
            {"created_at", s.created_at},
            {"joined_on", OptJson(s.joined_on)},
            {"left_on", OptJson(s.left_on)},
            {"waitlist_position", s.waitlist_position}};
}

json::object SeatAnswerJson(const SeatAnswer& a) {
    return {{"status", a.status},     {"seat_id", a.seat_id},   {"section_id", a.section_id},
            {"queue_no", a.queue_no}, {"waitlist_position", a.waitlist_position}};
}

json::object ExplainedLineJson(const ExplainedLine& e) {
    const AllocationLine& l = e.line;
    return {{"student_id", l.student_id},   {"student_name", e.student_name}, {"rank", l.rank},
            {"section_id", l.section_id},   {"course_title", e.course_title}, {"section_label", e.section_label},
            {"outcome", l.outcome},         {"round", l.round},               {"draw", l.draw},
            {"tier", l.tier},               {"cutoff_draw", OptJson(l.cutoff_draw)},
            {"reason", e.reason_zh},        {"reason_en", e.reason_en}};
}

json::object OfferJson(const ChildOffer& o) {
    json::array windows, courses, seats, wishes;
    for (const auto& w : o.windows) windows.push_back(WindowJson(w));
    for (const auto& k : o.courses) courses.push_back(CourseJson(k));
    for (const auto& s : o.seats) seats.push_back(SeatJson(s));
    for (const auto& [window_id, ids] : o.wishes)
        wishes.push_back(json::object{{"window_id", window_id}, {"section_ids", IdsJson(ids)}});
    return {{"child", json::object{{"id", o.child.id}, {"name", o.child.name}, {"grade", o.child.grade},
                                   {"class_name", o.child.class_name}, {"school_name", o.child.school_name}}},
            {"consented", o.consented},
            {"windows", std::move(windows)},
            {"courses", std::move(courses)},
            {"seats", std::move(seats)},
            {"wishes", std::move(wishes)}};
}

json::object DismissalPlanJson(const DismissalPlan& p) {
    json::array chosen;
    for (int d = 1; d <= 5; ++d)
        chosen.push_back(json::object{{"weekday", d}, {"batch_no", p.chosen.at(static_cast<std::size_t>(d))}});
    return {{"week", ServiceWeekJson(p.week)}, {"chosen", std::move(chosen)}};
}

MinuteOfDay ReadTime(const std::string& text, std::string_view field) {
    const auto m = ParseTimeOfDay(text);
    if (!m)
        throw Error::BadRequest("afterschool.bad_time", "时间格式应为 HH:MM，如 17:00", "Times are HH:MM, e.g. 17:00",
                                std::string(field));
    return *m;
}

std::vector<TimeSlot> ReadSlots(const json::value& v, std::string_view field) {
    if (!v.is_array()) throw http::WrongType(field, "时间段数组", "an array of time slots");
    std::vector<TimeSlot> out;
    for (const auto& x : v.as_array()) {
        const auto& o = AsObject(x, field);
        out.push_back({IntField(o, "weekday", field), ReadTime(TextField(o, "start", field), field),
                       ReadTime(TextField(o, "end", field), field)});
    }
    return out;
}

CourseInput ReadCourse(http::Request& r) {
    http::BodyReader body(r);
    CourseInput in;
    in.school_id = body.RequiredInt("school_id");
    in.semester = body.RequiredString("semester", 20);
    in.title = body.RequiredString("title", 40);
    in.category = body.RequiredString("category", 40);
    in.description = body.OptionalString("description", 500).value_or("");
    in.venue = body.RequiredString("venue", 40);
    in.grade_from = static_cast<int>(body.RequiredInt("grade_from"));
    in.grade_to = static_cast<int>(body.RequiredInt("grade_to"));
    in.instructor_kind = body.RequiredString("instructor_kind", 20);
    in.teacher_id = body.OptionalInt("teacher_id");
    in.provider_id = body.OptionalInt("provider_id");
    in.instructor_name = body.OptionalString("instructor_name", 30).value_or("");
    in.fee_per_hour_fen = body.RequiredInt("fee_per_hour_fen");
    in.capacity = static_cast<int>(body.RequiredInt("capacity"));
    in.weeks = static_cast<int>(body.OptionalInt("weeks").value_or(16));
    const json::value* sections = body.OptionalValue("sections");
    if (!sections || !sections->is_array()) throw http::WrongType("sections", "时间段数组的数组", "an array of slot arrays");
    for (const auto& s : sections->as_array()) in.sections.push_back(ReadSlots(s, "sections"));
    body.Finish();
    return in;
}

std::vector<ServiceDay> ReadServiceWeek(http::Request& r) {
    http::BodyReader body(r);
    const json::value* days = body.OptionalValue("days");
    body.Finish();
    if (!days || !days->is_array()) throw http::WrongType("days", "数组", "an array");
    std::vector<ServiceDay> out;
    for (const auto& d : days->as_array()) {
        const auto& o = AsObject(d, "days");
        ServiceDay day{IntField(o, "weekday", "days"), ReadTime(TextField(o, "lessons_end", "days"), "lessons_end"), {}};
        for (const auto& t : http::ReadStringArray(o.if_contains("batch_ends"), "batch_ends"))
            day.batch_ends.push_back(ReadTime(t, "batch_ends"));
        out.push_back(std::move(day));
    }
    return out;
}

WindowInput ReadWindow(http::Request& r) {
    http::BodyReader body(r);
    WindowInput in;
    in.unit_code = body.OptionalString("unit_code", 20).value_or("");
    in.school_id = body.OptionalInt("school_id");
    in.semester = body.RequiredString("semester", 20);
    in.title = body.RequiredString("title", 60);
    in.mode = body.RequiredString("mode", 20);
    in.opens_at = body.RequiredString("opens_at", 30);
    in.closes_at = body.RequiredString("closes_at", 30);
    in.max_wishes = static_cast<int>(body.OptionalInt("max_wishes").value_or(3));
    in.course_limit = static_cast<int>(body.OptionalInt("course_limit").value_or(2));
    in.priority_order = http::ReadStringArray(body.OptionalValue("priority_order"), "priority_order");
    body.Finish();
    return in;
}

}  // namespace kehou::afterschool
