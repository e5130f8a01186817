#pragma once
// What the after-school module tells the providers module (issue 9) about a provider's part in the service: its
// courses, the guardians' ratings and pupils' attendance at its sections in a semester, and the children holding
// its seats. Reads only; they take the caller's connection so they may run inside its transaction. The white-list
// writes are CatalogService's (MirrorProvider, CloseProviderCourses).

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace kehou::afterschool {

/// A provider's course as the providers module lists it.
struct ProviderCourse {
    std::int64_t id = 0, school_id = 0;
    std::string school_name, org_path, semester, title, status;
};

/// A semester of a provider's sessions, for its evaluation (RULES R2.4): the guardians' stars for its courses
/// (as_rating) and the attendance marks at its sections (leave is neither present nor absent).
struct ProviderSemesterFacts {
    std::vector<int> guardian_stars;
    std::int64_t present = 0, marked = 0;  // marked = present + absent
    /// 缺课 Meetings its instructors did not hold: a weekday of one of its sections' slots on which the school took
    /// rolls (the service ran that day) but no roll was taken for this section.
    int missed_sessions = 0;
};

/// A child holding a confirmed seat in one of the provider's sections, with the school of that section.
struct ProviderSeatHolder {
    std::int64_t student_id = 0, school_id = 0;
    std::string org_path;
};

/// Every course of the provider (white-list row `provider_id`), by semester and school.
std::vector<ProviderCourse> ProviderCourses(db::Connection& c, std::int64_t provider_id);
ProviderSemesterFacts SemesterFactsOf(db::Connection& c, std::int64_t provider_id, const std::string& semester);
std::vector<ProviderSeatHolder> ProviderSeatHolders(db::Connection& c, std::int64_t provider_id,
                                                    const std::string& semester);

}  // namespace kehou::afterschool
