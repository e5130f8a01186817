#pragma once
// Students with their guardians, and teachers, for one planned school at a time.

#include <chrono>
#include <cstdint>
#include <vector>

#include "demo/identity.hpp"
#include "demo/model.hpp"
#include "demo/names.hpp"
#include "demo/random.hpp"
#include "demo/schools.hpp"

namespace kehou::demo {

/// Makes people into caller-owned records, reusing their strings so a city costs few allocations.
class PeopleMaker {
public:
    PeopleMaker(std::uint64_t seed, int school_year);

    void MakeStudent(const SchoolPlan& plan, std::size_t class_index, int grade, Rng& rng, Student& out);
    /// `ordinal` is the teacher's position in the school: the first three teach 语文, 数学 and 英语.
    void MakeTeacher(const SchoolPlan& plan, std::size_t school_index, int ordinal, Rng& rng, Teacher& out);

    /// The first and last possible birthday of a child in `grade` (born 1 September to 31 August: 6 by
    /// 31 August of the entry year, RULES R5.3).
    std::pair<std::chrono::sys_days, std::chrono::sys_days> BirthWindow(int grade) const;

private:
    const NameMaker& NamesFor(const UnitProfile& unit) const;
    void IdAddressCode(std::string& out, const UnitProfile& unit, bool migrant, std::chrono::sys_days born,
                       Rng& rng) const;
    void MakeIds(const UnitProfile& unit, bool migrant, std::chrono::sys_days born, bool male, Rng& rng, Student& out);
    void MakeGuardians(const NameMaker& names, std::string_view father_surname, std::string_view mother_surname,
                       Rng& rng, Student& out);

    int school_year_;
    std::vector<NameMaker> names_;  // by unit, in Units() order
    NameMaker plain_names_;         // for migrant families: no local surname boost
    IdNumberMaker ids_;
    MobileMaker mobiles_;
};

}  // namespace kehou::demo
