// Request bodies of the providers routes, each bad value named by its field path.
#include <fmt/format.h>

#include <algorithm>

#include "core/time.hpp"
#include "providers/json_io.hpp"

namespace kehou::providers {
namespace {

const json::object& ObjectAt(const json::value& v, const std::string& field) {
    if (!v.is_object()) throw http::WrongType(field, "对象", "an object");
    return v.as_object();
}

std::string StringIn(const json::object& o, const char* name, const std::string& at, std::size_t max = 200) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return {};
    const std::string field = fmt::format("{}.{}", at, name);
    if (!v->is_string()) throw http::WrongType(field, "字符串", "a string");
    std::string s(v->as_string());
    if (s.size() > max * 3)  // a Chinese character is 3 bytes of UTF-8
        throw Error::BadRequest("request.too_long", fmt::format("{} 过长", field), fmt::format("{} is too long", field),
                                field);
    return s;
}

std::int64_t IntIn(const json::object& o, const char* name, const std::string& at) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return 0;
    if (!v->is_int64()) throw http::WrongType(fmt::format("{}.{}", at, name), "整数", "an integer");
    return v->as_int64();
}

const json::array* ArrayField(http::BodyReader& body, const char* name) {
    const auto* v = body.OptionalValue(name);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) throw http::WrongType(name, "数组", "an array");
    return &v->as_array();
}

ServiceOffer ReadService(const json::value& v, const std::string& at) {
    const auto& o = ObjectAt(v, at);
    return {StringIn(o, "name", at, 60), IntIn(o, "fee_fen", at), IntIn(o, "outside_price_fen", at)};
}

Instructor ReadInstructor(const json::value& v, const std::string& at) {
    const auto& o = ObjectAt(v, at);
    Instructor t;
    t.name = StringIn(o, "name", at, 40);
    const std::string kind = StringIn(o, "qualification", at, 40);
    const auto parsed = ParseQualificationKind(kind.empty() ? "teacher_certificate" : kind);
    if (!parsed)
        throw Error::Unprocessable("providers.bad_qualification", "资质类型应为教师资格证、教练员证或其他",
                                   "The qualification is teacher_certificate, coach_certificate or other",
                                   at + ".qualification");
    t.qualification = *parsed;
    t.qualification_name = StringIn(o, "qualification_name", at, 60);
    t.qualification_number = StringIn(o, "qualification_number", at, 60);
    const std::string date = StringIn(o, "background_check_date", at, 10);
    if (!date.empty()) {
        t.background_check_date = ParseIsoDate(date);
        if (!t.background_check_date)
            throw Error::Unprocessable("providers.bad_date", "日期格式应为 YYYY-MM-DD", "A date is YYYY-MM-DD",
                                       at + ".background_check_date");
    }
    return t;
}

}  // namespace

ApplicationInput ReadApplication(const http::Request& r) {
    http::BodyReader body(r);
    ApplicationInput in;
    in.unit_code = body.OptionalString("unit_code", 12).value_or("");
    auto& a = in.application;
    a.name = body.OptionalString("name", 100).value_or("");
    a.credit_code = body.OptionalString("credit_code", 30).value_or("");
    // R3.5: CheckApplication refuses a reason above 200 characters on its field; far beyond that is no reason.
    a.credit_override_reason = body.OptionalString("credit_override_reason", 1000);
    a.category = body.OptionalString("category", 40).value_or("");
    a.free_public_benefit = body.OptionalBool("free_public_benefit").value_or(false);
    a.declares_no_marketing = body.OptionalBool("declares_no_marketing").value_or(false);
    in.contact_name = body.OptionalString("contact_name", 40).value_or("");
    in.contact_phone = body.OptionalString("contact_phone", 20).value_or("");
    if (const auto* services = ArrayField(body, "services"))
        for (std::size_t i = 0; i < services->size(); ++i)
            a.services.push_back(ReadService((*services)[i], fmt::format("services[{}]", i)));
    if (const auto* instructors = ArrayField(body, "instructors"))
        for (std::size_t i = 0; i < instructors->size(); ++i)
            a.instructors.push_back(ReadInstructor((*instructors)[i], fmt::format("instructors[{}]", i)));
    body.Finish();
    return in;
}

MoveInput ReadMove(const http::Request& r) {
    http::BodyReader body(r);
    MoveInput m;
    m.event = body.RequiredString("event", 20);
    m.reason = body.OptionalString("reason", 500).value_or("");
    m.exit_reason = body.OptionalString("exit_reason", 40);
    body.Finish();
    return m;
}

SpotCheckInput ReadSpotCheck(const http::Request& r) {
    http::BodyReader body(r);
    SpotCheckInput in;
    in.school_id = body.RequiredInt("school_id");
    in.on_date = body.RequiredString("on_date", 10);
    in.score = static_cast<int>(std::clamp<std::int64_t>(body.RequiredInt("score"), -1, 101));
    in.instructor_no_show = body.OptionalBool("instructor_no_show").value_or(false);
    in.recruiting_found = body.OptionalBool("recruiting_found").value_or(false);
    in.note = body.OptionalString("note", 500).value_or("");
    in.complaint_id = body.OptionalInt("complaint_id");
    body.Finish();
    return in;
}

RatingInput ReadRating(const http::Request& r) {
    http::BodyReader body(r);
    RatingInput in;
    in.semester = body.RequiredString("semester", 20);
    in.stars = static_cast<int>(std::clamp<std::int64_t>(body.RequiredInt("stars"), 0, 6));
    in.comment = body.OptionalString("comment", 500).value_or("");
    body.Finish();
    return in;
}

Settings ReadSettings(const http::Request& r) {
    http::BodyReader body(r);
    Settings s;
    // Absent numbers keep their defaults; out-of-range ones are refused by the policy checks (clamped into int
    // first, so a huge number cannot wrap into range).
    const auto num = [&body](const char* name, int fallback) {
        const auto v = body.OptionalInt(name);
        return v ? static_cast<int>(std::clamp<std::int64_t>(*v, -1, 1000)) : fallback;
    };
    s.unit_code = body.OptionalString("unit_code", 12).value_or("");
    auto& a = s.admission;
    a.max_fee_percent_of_outside = num("max_fee_percent_of_outside", a.max_fee_percent_of_outside);
    a.background_check_validity_months = num("background_check_validity_months", a.background_check_validity_months);
    a.reapply_after_evaluation_exit_months =
        num("reapply_after_evaluation_exit_months", a.reapply_after_evaluation_exit_months);
    auto& e = s.evaluation;
    e.threshold = num("threshold", e.threshold);
    e.no_show_deduction = num("no_show_deduction", e.no_show_deduction);
    e.min_guardian_ratings = num("min_guardian_ratings", e.min_guardian_ratings);
    if (const auto* w = body.OptionalValue("weights"); w && !w->is_null()) {
        const auto& o = ObjectAt(*w, "weights");
        const auto weight = [&o](const char* name, int fallback) {
            if (!o.contains(name)) return fallback;
            return static_cast<int>(std::clamp<std::int64_t>(IntIn(o, name, "weights"), -1, 1000));
        };
        e.weights = {weight("guardians", e.weights.guardians), weight("schools", e.weights.schools),
                     weight("spot_checks", e.weights.spot_checks), weight("attendance", e.weights.attendance)};
    }
    body.Finish();
    return s;
}

}  // namespace kehou::providers
