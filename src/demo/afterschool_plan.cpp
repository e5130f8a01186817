// The city-level half of the after-school plan: participation shared over counties and schools, the
// providers each county admits, and each school's service week. The per-school catalogue and seats are
// in afterschool_offer.cpp.
#include "demo/afterschool_plan.hpp"

#include <algorithm>
#include <array>
#include <numeric>

#include "core/divisions.hpp"
#include "core/ids.hpp"
#include "demo/afterschool_courses.hpp"
#include "demo/apportion.hpp"
#include "demo/city.hpp"
#include "demo/random.hpp"

namespace kehou::demo {
namespace {

constexpr std::uint64_t kParticipationStream = 6'000'001;
constexpr std::uint64_t kProviderStream = 6'100'000'000ULL;  // + the unit's code
constexpr std::uint64_t kWeekStream = 6'200'000;             // + the school's index

using Weights = std::vector<std::int64_t>;

/// How far a county's and a school's rate stray from the city's, per thousand of the rate.
struct Spread {
    int county;
    int school_low, school_high;
};

/// Shares TargetCount(Σ people) over counties, then schools: weights are the headcounts scaled by a
/// drawn factor, bounds are each one's headcount (and a floor), so the total is exact.
std::vector<std::int64_t> Share(std::span<const Headcount> schools, bool teachers, int per_thousand, Spread spread,
                                Rng& rng) {
    const auto people = [&](const Headcount& h) { return teachers ? h.teachers : h.students; };
    const auto floor = [&](const Headcount& h) {
        return teachers ? std::min(h.min_teaching, h.teachers) : std::min<std::int64_t>(h.students, 1);
    };
    std::vector<std::string> units;
    std::vector<std::size_t> unit_of;
    for (const auto& h : schools) {
        auto it = std::find(units.begin(), units.end(), h.unit_code);
        if (it == units.end()) it = units.insert(units.end(), h.unit_code);
        unit_of.push_back(static_cast<std::size_t>(it - units.begin()));
    }
    Weights unit_people(units.size(), 0), unit_floor(units.size(), 0), unit_weight(units.size(), 0);
    std::int64_t total = 0;
    for (std::size_t i = 0; i < schools.size(); ++i) {
        unit_people[unit_of[i]] += people(schools[i]);
        unit_floor[unit_of[i]] += floor(schools[i]);
        total += people(schools[i]);
    }
    for (std::size_t u = 0; u < units.size(); ++u)
        unit_weight[u] = unit_people[u] * (1000 + rng.Between(-spread.county, spread.county));
    const auto per_unit = Apportion(TargetCount(total, per_thousand), unit_weight, unit_floor, unit_people);
    std::vector<std::int64_t> out(schools.size(), 0);
    for (std::size_t u = 0; u < units.size(); ++u) {
        std::vector<std::size_t> members;
        Weights w, lo, hi;
        for (std::size_t i = 0; i < schools.size(); ++i) {
            if (unit_of[i] != u) continue;
            members.push_back(i);
            w.push_back(people(schools[i]) * (1000 + rng.Between(spread.school_low, spread.school_high)));
            lo.push_back(floor(schools[i]));
            hi.push_back(people(schools[i]));
        }
        const auto shares = Apportion(per_unit[u], w, lo, hi);
        for (std::size_t k = 0; k < members.size(); ++k) out[members[k]] = shares[k];
    }
    return out;
}

/// GB 11714 check character of an 8-character organisation code body.
char OrgCodeCheck(std::string_view body) {
    constexpr std::array<int, 8> kWeights{3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (body[i] - '0') * kWeights[i];
    const int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

/// 统一社会信用代码: registration authority and category, the registering division, a GB 11714
/// organisation code, and the MOD 31 check character.
std::string CreditCode(std::string_view authority_and_kind, std::string_view division, Rng& rng) {
    std::string code(authority_and_kind);
    code += division;
    std::string body;
    for (int i = 0; i < 8; ++i) body += static_cast<char>('0' + rng.Below(10));
    code += body;
    code += OrgCodeCheck(body);
    code += CreditCodeCheckCharacter(code);
    return code;
}

std::string_view ShortName(std::string_view unit_code) {
    for (const auto& u : Units())
        if (u.mgmt_code == unit_code) return u.short_name;
    const ManagementUnit* unit = FindUnit(unit_code);
    return unit ? std::string_view(unit->name) : std::string_view{};
}

std::string Division(std::string_view unit_code) {
    const ManagementUnit* unit = FindUnit(unit_code);
    if (!unit) return "370800";
    if (unit->gbt2260_code) return *unit->gbt2260_code;
    // A functional zone has no code of its own (RULES R3.6): its providers register with the city.
    const ManagementUnit* parent = FindUnit(unit->parent_code);
    return parent && parent->gbt2260_code ? *parent->gbt2260_code : "370800";
}

}  // namespace

std::int64_t TargetCount(std::int64_t total, int per_thousand) {
    return (total * per_thousand + 500) / 1000;
}

bool RoundsTo(std::int64_t part, std::int64_t total, int per_thousand) {
    return total > 0 && (2000 * part + total) / (2 * total) == per_thousand;
}

Headcount HeadcountOf(const PlanSchool& school) {
    const auto by = PupilsByGrade(school);
    std::int64_t homework = 0;
    for (int n : by) homework += HomeworkGroups(n);
    const auto teachers = std::ssize(school.teachers);
    return {school.unit_code, std::ssize(school.pupils), teachers, std::min(teachers, homework + 1)};
}

std::vector<Participation> PlanParticipation(std::span<const Headcount> schools, std::uint64_t seed) {
    Rng rng(seed, kParticipationStream);
    // Counties differ by up to ±2.5 % of the rate and schools by −6 % … +4 % (never above their headcount).
    const auto served = Share(schools, false, kServedPerThousand, {25, -60, 40}, rng);
    const auto teaching = Share(schools, true, kTeachingPerThousand, {20, -40, 30}, rng);
    std::vector<Participation> out(schools.size());
    for (std::size_t i = 0; i < schools.size(); ++i) out[i] = {served[i], teaching[i]};
    return out;
}

std::vector<ProviderPlan> PlanProviders(std::string_view unit_code, std::uint64_t seed) {
    std::uint64_t code = 0;
    for (char c : unit_code) code = code * 10 + static_cast<std::uint64_t>(c >= '0' && c <= '9' ? c - '0' : 0);
    Rng rng(seed, kProviderStream + code);
    std::vector<std::string_view> brands(ProviderBrands().begin(), ProviderBrands().end());
    for (std::size_t i = brands.size() - 1; i > 0; --i) std::swap(brands[i], brands[rng.Below(i + 1)]);
    std::vector<std::string_view> categories = {"sport",  "art",     "stem",         "traditional_culture",
                                                "labour", "reading", "mental_health"};
    for (std::size_t i = categories.size() - 1; i > 0; --i) std::swap(categories[i], categories[rng.Below(i + 1)]);
    const std::string place(ShortName(unit_code));
    const std::string division = Division(unit_code);
    std::vector<ProviderPlan> out;
    // The free one is a registered social organisation (民办非企业单位, 52) run for the public benefit.
    const std::string_view free_category = rng.PerMille(500) ? "reading" : "sport";
    out.push_back(
        {place + std::string(brands[0]) + (free_category == "reading" ? "公益阅读服务中心" : "青少年体育公益服务中心"),
         CreditCode("52", division, rng), std::string(free_category), true, 0});
    const int paid = rng.Between(2, 4);
    for (int i = 0; i < paid; ++i) {
        const std::string_view category = categories[static_cast<std::size_t>(i)];
        // Companies (91) on the white list ask 2.5–3.5 yuan an hour; a school pays no more than its cap.
        out.push_back({place + std::string(brands[static_cast<std::size_t>(i) + 1]) +
                           std::string(ProviderField(category)) + "有限公司",
                       CreditCode("91", division, rng), std::string(category), false,
                       std::int64_t{rng.Between(5, 7)} * 50});
    }
    return out;
}

std::vector<DayPlan> PlanServiceWeek(const PlanSchool& school, int latest_end_floor, std::uint64_t seed) {
    Rng rng(seed, kWeekStream + school.index);
    const bool junior_only = school.grade_from >= 7;
    const bool has_junior = school.grade_to >= 7;
    // Lessons end 15:40 in primary school and 16:20 in junior middle school; a nine-year school's day is
    // its primary part's, with a later batch for its older pupils.
    const int lessons_end = junior_only ? 16 * 60 + 20 : 15 * 60 + 40;
    std::vector<int> batches;
    if (!junior_only) batches = {rng.PerMille(300) ? 16 * 60 + 50 : 17 * 60, 17 * 60 + 30, 18 * 60};
    if (has_junior) {
        if (junior_only) batches = {17 * 60 + 30, 18 * 60};
        batches.push_back(18 * 60 + 30);
    }
    // R1.5–R1.7: the latest batch no earlier than off-work + offset nor than two hours after lessons.
    const int need = std::max(latest_end_floor, lessons_end + 120);
    if (batches.back() < need) batches.push_back((need + 9) / 10 * 10);
    std::vector<DayPlan> week;
    for (int d = 1; d <= 5; ++d) week.push_back({d, lessons_end, batches});
    return week;
}

}  // namespace kehou::demo
