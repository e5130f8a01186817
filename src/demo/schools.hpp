#pragma once
// Planning the schools of a scale: which unit, stage and setting each school has, its name and code, how
// many classes of how many pupils per grade, and how many teachers. Small (one row per school), so it is
// held in memory; the people are generated from it afterwards, one school at a time.

#include <array>
#include <cstdint>
#include <vector>

#include "demo/city.hpp"
#include "demo/model.hpp"

namespace kehou::demo {

/// One school and everything about its size.
struct SchoolPlan {
    School school;
    const UnitProfile* unit = nullptr;
    std::array<int, 10> classes_per_grade{};  // by grade 1..9; 0 where the school has no such grade
    std::vector<int> class_sizes;             // grade by grade, class 1 first
    int students = 0;
    int teachers = 0;
    bool flagship = false;     // the unit's 实验小学 or 第一中学
    bool big_classes = false;  // classes up to 50 instead of 45
    std::int64_t size_weight = 0;
};

std::vector<SchoolPlan> PlanSchools(const ScaleSpec& spec, std::uint64_t seed);

}  // namespace kehou::demo
