#include "demo/generator.hpp"

#include "core/error.hpp"
#include "demo/city.hpp"
#include "demo/people.hpp"
#include "demo/random.hpp"
#include "demo/schools.hpp"

namespace kehou::demo {
namespace {

// Each school draws from its own stream, so one school's people do not shift when another changes.
constexpr std::uint64_t kSchoolStreamBase = 1000;

}  // namespace

std::optional<Scale> ParseScale(std::string_view text) {
    if (text == "tiny") return Scale::kTiny;
    if (text == "county") return Scale::kCounty;
    if (text == "city") return Scale::kCity;
    return std::nullopt;
}

std::string_view ToString(Scale scale) {
    switch (scale) {
        case Scale::kTiny:
            return "tiny";
        case Scale::kCounty:
            return "county";
        case Scale::kCity:
            return "city";
    }
    return "unknown";
}

Totals Generate(Scale scale, std::uint64_t seed, int school_year, Sink& sink) {
    if (school_year < 2000 || school_year > 2100)
        throw Error::BadRequest("demo.school_year_out_of_range", "学年应在2000至2100之间",
                                "The school year must be between 2000 and 2100", "school_year");
    const std::vector<SchoolPlan> plans = PlanSchools(SpecFor(scale), seed);
    PeopleMaker people(seed, school_year);
    Totals totals;
    Class klass;
    Teacher teacher;
    Student student;
    for (std::size_t s = 0; s < plans.size(); ++s) {
        const SchoolPlan& plan = plans[s];
        sink.OnSchool(s, plan.school);
        ++totals.schools;
        Rng rng(seed, kSchoolStreamBase + s);
        const std::size_t first_class = totals.classes;
        for (int grade = 1; grade <= 9; ++grade) {
            for (int c = 1; c <= plan.classes_per_grade[static_cast<std::size_t>(grade)]; ++c) {
                klass = Class{s, grade, c, school_year - grade + 1};
                sink.OnClass(totals.classes++, klass);
            }
        }
        for (int t = 0; t < plan.teachers; ++t) {
            people.MakeTeacher(plan, s, t, rng, teacher);
            sink.OnTeacher(teacher);
        }
        totals.teachers += static_cast<std::size_t>(plan.teachers);
        std::size_t k = 0;  // position of the class within the school, also into class_sizes
        for (int grade = 1; grade <= 9; ++grade) {
            for (int c = 0; c < plan.classes_per_grade[static_cast<std::size_t>(grade)]; ++c, ++k) {
                for (int i = 0; i < plan.class_sizes[k]; ++i) {
                    people.MakeStudent(plan, first_class + k, grade, rng, student);
                    sink.OnStudent(student);
                    ++totals.students;
                    totals.guardians += student.guardians.size();
                }
            }
        }
    }
    return totals;
}

}  // namespace kehou::demo
