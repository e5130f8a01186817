#include "demo/schools.hpp"

#include <algorithm>
#include <string>

#include "demo/apportion.hpp"
#include "demo/random.hpp"
#include "demo/school_names.hpp"

namespace kehou::demo {
namespace {

constexpr std::uint64_t kPlanStream = 1;

// Stage mix of a unit's schools: ~24 % junior middle, ~10 % nine-year (九年一贯制), the rest primary.
constexpr int kJuniorPermille = 240;
constexpr int kNineYearPermille = 100;
constexpr int kPrivatePermille = 50;  // public ~95 %

// Class sizes: 35 to 45, and up to 50 at the schools with big classes (flagships, ~20 % of urban schools).
constexpr int kMinClassSize = 35;
constexpr int kUsualCap = 45;
constexpr int kBigCap = 50;

constexpr std::string_view kPrimary = "primary";
constexpr std::string_view kJunior = "junior_middle";
constexpr std::string_view kNineYear = "nine_year";

using Weights = std::vector<std::int64_t>;

bool Serves(const SchoolPlan& plan, bool junior) {
    return junior ? plan.school.grade_to >= 7 : plan.school.grade_from <= 6;
}

// The class size a school's classes are planned around: smaller in the villages, larger in junior middle.
int MeanClassSize(const SchoolPlan& plan, int grade) {
    const bool junior = grade >= 7;
    int size = plan.school.is_rural ? (junior ? 41 : 38) : (junior ? 44 : 42);
    if (plan.big_classes) size += 4;
    return size;
}

/// 学校标识码 (RULES R3.7): type + 37 (Shandong) + a 6-digit sequence, which the province hands out in
/// increasing order with gaps (schools closed or merged since).
class SchoolCodes {
public:
    explicit SchoolCodes(Rng& rng) : primary_(rng.Between(1000, 1499)), junior_(rng.Between(1000, 1499)) {}

    std::string Next(std::string_view stage, Rng& rng) {
        // Nine-year schools take the primary type 21: how 九年一贯制 schools are coded is unverified (RULES
        // R3.7 and §7 item 5), and nothing may infer a grade span from the type anyway.
        int& sequence = stage == kJunior ? junior_ : primary_;
        sequence += rng.Between(1, 12);
        std::string code = stage == kJunior ? "3137" : "2137";
        const std::string digits = std::to_string(sequence);
        code.append(6 - digits.size(), '0');
        code += digits;
        return code;
    }

private:
    int primary_;
    int junior_;
};

std::vector<std::string_view> StagesFor(const ScaleSpec& spec, int schools) {
    if (spec.tiny_layout) return {kPrimary, kPrimary, kJunior};
    const int junior = (schools * kJuniorPermille + 500) / 1000;
    const int nine_year = (schools * kNineYearPermille + 500) / 1000;
    std::vector<std::string_view> stages(static_cast<std::size_t>(schools - junior - nine_year), kPrimary);
    stages.insert(stages.end(), static_cast<std::size_t>(junior), kJunior);
    stages.insert(stages.end(), static_cast<std::size_t>(nine_year), kNineYear);
    return stages;
}

SchoolPlan PlanSchool(const UnitProfile& unit, std::string_view stage, bool flagship, Rng& rng) {
    SchoolPlan plan;
    plan.unit = &unit;
    School& school = plan.school;
    school.unit_code = std::string(unit.mgmt_code);
    school.stage = std::string(stage);
    school.grade_from = stage == kJunior ? 7 : 1;
    school.grade_to = stage == kPrimary ? 6 : 9;
    school.is_public = flagship || !rng.PerMille(kPrivatePermille);
    // Private schools sit in town; the flagships are the unit's urban showcase schools.
    school.is_rural = school.is_public && !flagship && rng.Between(0, 99) < unit.rural_school_pct;
    plan.flagship = flagship;
    plan.big_classes = flagship || rng.PerMille(school.is_rural ? 30 : 200);
    // Size: skewed, most schools modest and a few large; town schools several times a village school.
    std::int64_t weight = school.is_rural ? 100 : 260;
    if (flagship) weight = weight * 5 / 2;
    // One draw per statement: the order in which operands are evaluated is unspecified in C++, and GCC and
    // Clang differ, which would make the city depend on the compiler.
    const int even = rng.Between(0, 50);
    const int skew_a = rng.Between(0, 99);
    const int skew_b = rng.Between(0, 99);
    weight *= 50 + even + skew_a * skew_b / 40;
    plan.size_weight = weight;
    return plan;
}

// Classes per grade for one part (grades 1–6 or 7–9) of the schools that teach it.
void PlanPart(const ScaleSpec& spec, std::span<SchoolPlan> plans, int students, bool junior, Rng& rng) {
    std::vector<SchoolPlan*> serving;
    for (auto& plan : plans)
        if (Serves(plan, junior)) serving.push_back(&plan);
    if (serving.empty()) return;
    const int grade = junior ? 7 : 1;
    Weights weights;
    std::int64_t weighted_size = 0;
    for (const auto* plan : serving) {
        // Junior middle schools draw on several primary catchments, which evens out their sizes (hence the
        // added constant); a nine-year school's parts are modest.
        const bool nine_year = plan->school.stage == kNineYear;
        const std::int64_t w = nine_year ? plan->size_weight * (junior ? 8 : 5)
                               : junior  ? (plan->size_weight + 40'000) * 12
                                         : plan->size_weight * 10;
        weights.push_back(w);
        weighted_size += w * MeanClassSize(*plan, grade);
    }
    std::int64_t weight_sum = 0;
    for (auto w : weights) weight_sum += w;
    // Nine cohorts of about equal size: classes per grade = cohort / mean class size.
    const std::int64_t cohort = students / 9;
    const std::int64_t per_grade = (cohort * weight_sum + weighted_size / 2) / std::max<std::int64_t>(weighted_size, 1);
    const Weights lo(serving.size(), spec.min_classes_per_grade);
    const Weights hi(serving.size(), spec.max_classes_per_grade);
    const auto classes = Apportion(per_grade, weights, lo, hi);
    for (std::size_t i = 0; i < serving.size(); ++i) {
        for (int g = grade; g < grade + (junior ? 3 : 6); ++g) {
            // Cohorts differ a little from year to year.
            const int r = rng.Between(0, 99);
            const int jitter = r < 15 ? -1 : r >= 85 ? 1 : 0;
            serving[i]->classes_per_grade[static_cast<std::size_t>(g)] = std::clamp(
                static_cast<int>(classes[i]) + jitter, spec.min_classes_per_grade, spec.max_classes_per_grade);
        }
    }
}

int ClassCount(const SchoolPlan& plan) {
    int n = 0;
    for (int c : plan.classes_per_grade) n += c;
    return n;
}

// Shares the unit's students over its schools, then each school's over its classes.
void PlanClassSizes(std::span<SchoolPlan> plans, int students, Rng& rng) {
    Weights weights;
    Weights lo;
    Weights hi;
    for (const auto& plan : plans) {
        std::int64_t w = 0;
        for (int g = 1; g <= 9; ++g)
            w += std::int64_t{plan.classes_per_grade[static_cast<std::size_t>(g)]} * MeanClassSize(plan, g);
        weights.push_back(w);
        lo.push_back(std::int64_t{kMinClassSize} * ClassCount(plan));
        hi.push_back(std::int64_t{plan.big_classes ? kBigCap : kUsualCap} * ClassCount(plan));
    }
    const auto per_school = Apportion(students, weights, lo, hi);
    for (std::size_t i = 0; i < plans.size(); ++i) {
        SchoolPlan& plan = plans[i];
        Weights class_weights;
        for (int g = 1; g <= 9; ++g)
            for (int c = 0; c < plan.classes_per_grade[static_cast<std::size_t>(g)]; ++c)
                class_weights.push_back(std::int64_t{MeanClassSize(plan, g)} * rng.Between(90, 110));
        const Weights class_lo(class_weights.size(), kMinClassSize);
        const Weights class_hi(class_weights.size(), plan.big_classes ? kBigCap : kUsualCap);
        const auto sizes = Apportion(per_school[i], class_weights, class_lo, class_hi);
        plan.class_sizes.assign(sizes.begin(), sizes.end());
        plan.students = static_cast<int>(per_school[i]);
    }
}

void PlanUnit(const ScaleSpec& spec, const UnitProfile& unit, int schools, int students, Rng& rng, SchoolCodes& codes,
              std::vector<SchoolPlan>& out) {
    const std::size_t first = out.size();
    SchoolNamer namer(unit);
    std::string_view previous;
    for (const auto stage : StagesFor(spec, schools)) {
        // The first primary and the first junior middle school of a unit are its flagships.
        const bool flagship = stage != previous && stage != kNineYear;
        previous = stage;
        SchoolPlan plan = PlanSchool(unit, stage, flagship, rng);
        namer.Name(plan.school, rng, flagship);
        plan.school.school_code = codes.Next(stage, rng);
        out.push_back(std::move(plan));
    }
    const std::span<SchoolPlan> plans(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
    PlanPart(spec, plans, students, false, rng);
    PlanPart(spec, plans, students, true, rng);
    PlanClassSizes(plans, students, rng);
}

// Teachers: the scale's total shared by pupils, junior middle needing more per pupil (more subjects) and
// village schools more (small classes, a teacher per class regardless).
void PlanTeachers(const ScaleSpec& spec, std::vector<SchoolPlan>& plans) {
    Weights weights;
    Weights lo;
    Weights hi;
    for (const auto& plan : plans) {
        std::int64_t primary = 0;
        std::int64_t junior = 0;
        std::size_t k = 0;
        for (int g = 1; g <= 9; ++g)
            for (int c = 0; c < plan.classes_per_grade[static_cast<std::size_t>(g)]; ++c)
                (g <= 6 ? primary : junior) += plan.class_sizes[k++];
        weights.push_back((primary * 100 + junior * 135) * (plan.school.is_rural ? 115 : 100));
        lo.push_back(ClassCount(plan) + 2);  // a head teacher per class, plus the principal's office
        hi.push_back(std::int64_t{ClassCount(plan)} * 5);
    }
    const auto teachers = Apportion(spec.teachers, weights, lo, hi);
    for (std::size_t i = 0; i < plans.size(); ++i) plans[i].teachers = static_cast<int>(teachers[i]);
}

}  // namespace

std::vector<SchoolPlan> PlanSchools(const ScaleSpec& spec, std::uint64_t seed) {
    Rng rng(seed, kPlanStream);
    Weights school_weights;
    Weights student_weights;
    for (const auto* unit : spec.units) {
        school_weights.push_back(std::int64_t{unit->student_permille} * unit->school_density_pct);
        student_weights.push_back(unit->student_permille);
    }
    const std::size_t n = spec.units.size();
    const auto schools = Apportion(spec.schools, school_weights, Weights(n, 1), Weights(n, spec.schools));
    const auto students = Apportion(spec.students, student_weights, Weights(n, 0), Weights(n, spec.students));
    SchoolCodes codes(rng);
    std::vector<SchoolPlan> plans;
    plans.reserve(static_cast<std::size_t>(spec.schools));
    for (std::size_t u = 0; u < n; ++u)
        PlanUnit(spec, *spec.units[u], static_cast<int>(schools[u]), static_cast<int>(students[u]), rng, codes, plans);
    PlanTeachers(spec, plans);
    return plans;
}

}  // namespace kehou::demo
