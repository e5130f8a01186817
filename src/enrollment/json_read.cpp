// Request bodies of the enrollment routes, each bad value named by its field.
#include <fmt/format.h>

#include "core/error.hpp"

#include "enrollment/json_io.hpp"

namespace kehou::enrollment {
namespace {

std::int64_t IntIn(const json::value& v, const std::string& field) {
    if (!v.is_int64()) throw http::WrongType(field, "整数", "an integer");
    return v.as_int64();
}

Declarations ReadDeclarations(const json::value* v) {
    Declarations d;
    if (!v || v->is_null()) return d;
    if (!v->is_object()) throw http::WrongType("declarations", "对象", "an object");
    const auto flag = [&](const char* name) {
        const auto* x = v->as_object().if_contains(name);
        if (x && !x->is_bool()) throw http::WrongType(fmt::format("declarations.{}", name), "布尔值", "a boolean");
        return x && x->as_bool();
    };
    d.renting = flag("renting");
    d.lives_with_grandparents = flag("lives_with_grandparents");
    d.father_only_child = flag("father_only_child");
    d.mother_only_child = flag("mother_only_child");
    return d;
}

}  // namespace

SeasonInput ReadSeasonInput(http::Request& r) {
    http::BodyReader body(r);
    SeasonInput in;
    in.unit_code = body.RequiredString("unit_code", 12);
    in.year = static_cast<int>(body.RequiredInt("year"));
    in.entry_grade = static_cast<int>(body.RequiredInt("entry_grade"));
    in.title = body.RequiredString("title", 60);
    in.opens_on = body.RequiredString("opens_on", 10);
    in.closes_on = body.RequiredString("closes_on", 10);
    body.Finish();
    return in;
}

std::vector<SchoolPlan> ReadPlans(http::Request& r) {
    http::BodyReader body(r);
    const auto* schools = body.OptionalValue("schools");
    body.Finish();
    if (!schools || !schools->is_array()) throw http::WrongType("schools", "数组", "an array");
    std::vector<SchoolPlan> out;
    for (std::size_t i = 0; i < schools->as_array().size(); ++i) {
        const auto& v = schools->as_array()[i];
        const auto field = fmt::format("schools[{}]", i);
        if (!v.is_object()) throw http::WrongType(field, "对象", "an object");
        const auto& o = v.as_object();
        SchoolPlan p;
        const auto* id = o.if_contains("school_id");
        const auto* seats = o.if_contains("seats");
        if (!id) throw http::WrongType(field + ".school_id", "整数", "an integer");
        if (!seats) throw http::WrongType(field + ".seats", "整数", "an integer");
        p.school_id = IntIn(*id, field + ".school_id");
        p.seats = static_cast<int>(IntIn(*seats, field + ".seats"));
        p.nearby = http::ReadIntArray(o.if_contains("nearby"), field + ".nearby");
        p.communities = http::ReadStringArray(o.if_contains("communities"), field + ".communities");
        out.push_back(std::move(p));
    }
    return out;
}

ApplyInput ReadApplyInput(http::Request& r) {
    http::BodyReader body(r);
    ApplyInput in;
    in.season_id = body.RequiredInt("season_id");
    in.child_name = body.RequiredString("child_name", 20);
    in.child_id_number = body.RequiredString("child_id_number", 18);
    in.applicant_id_number = body.RequiredString("applicant_id_number", 18);
    const auto relation = body.RequiredString("relation", 10);
    if (relation != "father" && relation != "mother")
        throw Error::BadRequest("enrollment.bad_relation", "关系应为父亲或母亲", "Relation is father or mother", "relation");
    in.relation = relation == "mother" ? Parent::kMother : Parent::kFather;
    in.declarations = ReadDeclarations(body.OptionalValue("declarations"));
    in.preferred_school_id = body.OptionalInt("preferred_school_id");
    in.private_school_id = body.OptionalInt("private_school_id");
    in.notice_acknowledged = body.OptionalBool("notice_acknowledged").value_or(false);
    body.Finish();
    return in;
}

ReviewInput ReadReviewInput(http::Request& r) {
    http::BodyReader body(r);
    ReviewInput in;
    in.department = RequireDepartment(body.RequiredString("department", 20), "department");
    const auto decision = ParseReviewDecision(body.RequiredString("decision", 20));
    if (!decision)
        throw Error::BadRequest("enrollment.bad_decision", "审核结论应为通过或退回", "Decision is accepted or returned",
                                "decision");
    in.decision = *decision;
    in.note = body.OptionalString("note", 500);
    if (const auto* records = body.OptionalValue("records"); records && !records->is_null()) {
        if (!records->is_array()) throw http::WrongType("records", "数组", "an array");
        for (std::size_t i = 0; i < records->as_array().size(); ++i) {
            const auto& v = records->as_array()[i];
            if (!v.is_object()) throw http::WrongType(fmt::format("records[{}]", i), "对象", "an object");
            FieldMap fields;
            for (const auto& [k, x] : v.as_object()) {
                if (!x.is_string()) throw http::WrongType(fmt::format("records[{}].{}", i, std::string(k)), "文本", "text");
                fields[std::string(k)] = std::string(x.as_string());
            }
            in.records.push_back(std::move(fields));
        }
    }
    body.Finish();
    return in;
}

}  // namespace kehou::enrollment
