// Request bodies of the custody routes, each bad value named by its field path ("sites[0].capacity[1].places").
// Types are 400; names the rules refuse (a teaching content type, an unknown group) are 422 like the rules' own.
#include <fmt/format.h>

#include <algorithm>

#include "custody/json_io.hpp"
#include "custody/rules.hpp"

namespace kehou::custody {
namespace {

const json::object& ObjectAt(const json::value& v, const std::string& field) {
    if (!v.is_object()) throw http::WrongType(field, "对象", "an object");
    return v.as_object();
}

const json::array& ArrayAt(const json::object& o, const char* key, const std::string& field, bool required) {
    static const json::array kEmpty;
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) throw http::WrongType(field, "数组", "an array");
        return kEmpty;
    }
    if (!v->is_array()) throw http::WrongType(field, "数组", "an array");
    return v->as_array();
}

std::string Text(const json::object& o, const char* key, const std::string& field, std::size_t max_bytes = 300) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) throw http::WrongType(field, "文本", "text");
    if (v->as_string().size() > max_bytes)
        throw Error::BadRequest("request.too_long", fmt::format("字段 {} 过长", field),
                                fmt::format("Field {} is too long", field), field);
    return std::string(v->as_string());
}

std::int64_t Int(const json::object& o, const char* key, const std::string& field) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_int64()) throw http::WrongType(field, "整数", "an integer");
    return v->as_int64();
}

ContentType ContentOf(const json::value& v, const std::string& field) {
    if (!v.is_string()) throw http::WrongType(field, "文本", "text");
    if (const auto problem = CheckContentTypeName(v.as_string(), field)) throw ToError({*problem});
    return *ParseContentType(v.as_string());
}

PriorityGroup GroupOf(const json::value& v, const std::string& field) {
    if (!v.is_string()) throw http::WrongType(field, "文本", "text");
    const auto g = ParsePriorityGroup(v.as_string());
    if (!g)
        throw Error::Unprocessable("custody.unknown_group", "优先群体无效", "Unknown priority group", field);
    return *g;
}

Period ReadPeriod(const json::value& v, std::size_t i) {
    const auto f = fmt::format("periods[{}]", i);
    const auto& o = ObjectAt(v, f);
    Period p;
    p.id = static_cast<std::int64_t>(i + 1);  // provisional: the capacity's period index + 1
    p.name = Text(o, "name", f + ".name", 60);
    p.start_date = Text(o, "start_date", f + ".start_date", 10);
    p.end_date = Text(o, "end_date", f + ".end_date", 10);
    if (const auto* fee = o.if_contains("service_fee_fen"); fee && !fee->is_null()) {
        if (!fee->is_int64()) throw http::WrongType(f + ".service_fee_fen", "整数（分）或 null", "integer fen or null");
        p.service_fee_fen = fee->as_int64();
    }
    return p;
}

void ReadSiteLists(const json::object& o, const std::string& f, Site& s) {
    const auto& served = ArrayAt(o, "served_schools", f + ".served_schools", false);
    for (std::size_t k = 0; k < served.size(); ++k) {
        if (!served[k].is_int64()) throw http::WrongType(fmt::format("{}.served_schools[{}]", f, k), "整数", "an integer");
        s.served_schools.push_back(served[k].as_int64());
    }
    const auto& capacity = ArrayAt(o, "capacity", f + ".capacity", false);
    for (std::size_t k = 0; k < capacity.size(); ++k) {
        const auto g = fmt::format("{}.capacity[{}]", f, k);
        const auto& c = ObjectAt(capacity[k], g);
        const auto period = Int(c, "period", g + ".period");
        const auto places = Int(c, "places", g + ".places");
        s.capacity.push_back({period + 1, static_cast<int>(std::clamp<std::int64_t>(places, -1, kMaxPlaces + 1))});
    }
    const auto& content = ArrayAt(o, "content", f + ".content", false);
    for (std::size_t k = 0; k < content.size(); ++k)
        s.content.push_back(ContentOf(content[k], fmt::format("{}.content[{}]", f, k)));
    const auto& activities = ArrayAt(o, "activities", f + ".activities", false);
    for (std::size_t k = 0; k < activities.size(); ++k) {
        const auto g = fmt::format("{}.activities[{}]", f, k);
        const auto& a = ObjectAt(activities[k], g);
        const auto* type = a.if_contains("type");
        if (!type) throw http::WrongType(g + ".type", "文本", "text");
        s.activities.push_back({ContentOf(*type, g + ".type"), Text(a, "title", g + ".title", 180)});
    }
}

Site ReadSite(const json::value& v, std::size_t i) {
    const auto f = fmt::format("sites[{}]", i);
    const auto& o = ObjectAt(v, f);
    Site s;
    s.id = static_cast<std::int64_t>(i + 1);  // provisional; the stored id comes from the host school
    s.host_school_id = Int(o, "host_school_id", f + ".host_school_id");
    s.name = Text(o, "name", f + ".name", 180);
    ReadSiteLists(o, f, s);
    return s;
}

PriorityTiers ReadTiers(const json::value& v) {
    if (!v.is_array()) throw http::WrongType("priority_tiers", "数组", "an array");
    PriorityTiers t;
    t.tiers.clear();
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const auto f = fmt::format("priority_tiers[{}]", i);
        const auto& tier = v.as_array()[i];
        if (!tier.is_array()) throw http::WrongType(f, "数组", "an array");
        std::vector<PriorityGroup> groups;
        for (std::size_t k = 0; k < tier.as_array().size(); ++k)
            groups.push_back(GroupOf(tier.as_array()[k], fmt::format("{}[{}]", f, k)));
        t.tiers.push_back(std::move(groups));
    }
    return t;
}

std::vector<std::int64_t> Ids(const json::value* v, const char* field) { return http::ReadIntArray(v, field); }

}  // namespace

PlanInput ReadPlanInput(http::Request& r) {
    http::BodyReader body(r);
    PlanInput in;
    in.unit_code = body.RequiredString("unit_code", 12);
    in.year = static_cast<int>(body.RequiredInt("year"));
    in.title = body.RequiredString("title", 60);
    const auto* periods = body.OptionalValue("periods");
    const auto* sites = body.OptionalValue("sites");
    const auto* tiers = body.OptionalValue("priority_tiers");
    body.Finish();
    if (!periods || !periods->is_array()) throw http::WrongType("periods", "数组", "an array");
    if (!sites || !sites->is_array()) throw http::WrongType("sites", "数组", "an array");
    for (std::size_t i = 0; i < periods->as_array().size(); ++i) in.plan.periods.push_back(ReadPeriod(periods->as_array()[i], i));
    for (std::size_t i = 0; i < sites->as_array().size(); ++i) in.plan.sites.push_back(ReadSite(sites->as_array()[i], i));
    if (tiers && !tiers->is_null()) in.tiers = ReadTiers(*tiers);
    return in;
}

SafetyInput ReadSafetyInput(http::Request& r) {
    http::BodyReader body(r);
    SafetyInput in;
    in.plan.responsible_person = body.RequiredString("responsible_person", 40);
    in.plan.responsible_phone = body.RequiredString("responsible_phone", 20);
    const auto* contacts = body.OptionalValue("emergency_contacts");
    in.staff_teacher_ids = Ids(body.OptionalValue("staff_teacher_ids"), "staff_teacher_ids");
    body.Finish();
    if (contacts && !contacts->is_null()) {
        if (!contacts->is_array()) throw http::WrongType("emergency_contacts", "数组", "an array");
        for (std::size_t i = 0; i < contacts->as_array().size(); ++i) {
            const auto f = fmt::format("emergency_contacts[{}]", i);
            const auto& o = ObjectAt(contacts->as_array()[i], f);
            in.plan.emergency_contacts.push_back({Text(o, "name", f + ".name", 120), Text(o, "phone", f + ".phone", 20)});
        }
    }
    return in;
}

SignupInput ReadSignupInput(http::Request& r) {
    http::BodyReader body(r);
    SignupInput in;
    in.student_id = body.RequiredInt("student_id");
    in.site_id = body.RequiredInt("site_id");
    in.period_ids = Ids(body.OptionalValue("period_ids"), "period_ids");
    const auto* groups = body.OptionalValue("groups");
    body.Finish();
    if (groups && !groups->is_null()) {
        if (!groups->is_array()) throw http::WrongType("groups", "数组", "an array");
        for (std::size_t i = 0; i < groups->as_array().size(); ++i)
            in.groups.push_back(GroupOf(groups->as_array()[i], fmt::format("groups[{}]", i)));
    }
    return in;
}

std::pair<std::int64_t, StoredSurvey> ReadSurveyInput(http::Request& r) {
    http::BodyReader body(r);
    const auto student = body.RequiredInt("student_id");
    StoredSurvey s;
    s.wants = body.RequiredBool("wants");
    s.period_ids = Ids(body.OptionalValue("period_ids"), "period_ids");
    body.Finish();
    return {student, s};
}

std::pair<std::string, std::vector<AttendanceMark>> ReadMarks(http::Request& r) {
    http::BodyReader body(r);
    const auto date = body.RequiredString("date", 10);
    const auto* marks = body.OptionalValue("marks");
    body.Finish();
    if (!marks || !marks->is_array()) throw http::WrongType("marks", "数组", "an array");
    std::vector<AttendanceMark> out;
    for (std::size_t i = 0; i < marks->as_array().size(); ++i) {
        const auto f = fmt::format("marks[{}]", i);
        const auto& o = ObjectAt(marks->as_array()[i], f);
        const auto flag = [&](const char* key) {
            const auto* v = o.if_contains(key);
            if (!v || !v->is_bool()) throw http::WrongType(f + "." + key, "布尔值", "a boolean");
            return v->as_bool();
        };
        out.push_back({Int(o, "student_id", f + ".student_id"), flag("present"), flag("meal")});
    }
    return {date, out};
}

std::optional<PlanStatus> QueryPlanStatus(const http::Request& r) {
    const auto v = r.QueryParam("status");
    if (!v || v->empty()) return std::nullopt;
    const auto s = ParsePlanStatus(*v);
    if (!s) throw Error::BadRequest("custody.bad_status", "状态参数无效", "Unknown status", "status");
    return s;
}

std::optional<SignupStatus> QuerySignupStatus(const http::Request& r) {
    const auto v = r.QueryParam("status");
    if (!v || v->empty()) return std::nullopt;
    const auto s = ParseSignupStatus(*v);
    if (!s) throw Error::BadRequest("custody.bad_status", "状态参数无效", "Unknown status", "status");
    return s;
}

std::optional<int> QueryYear(const http::Request& r) {
    if (!r.QueryParam("year")) return std::nullopt;
    return static_cast<int>(r.QueryInt("year", 2026, 2100));
}

}  // namespace kehou::custody
