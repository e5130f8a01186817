#pragma once
// Departments' answers as the enrollment tests build them: dates, the demo city's geography, a verified answer.

#include <string>
#include <utility>
#include <vector>

#include "enrollment/dossier.hpp"

namespace kehou::enrollment::testing {

inline Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

/// 任城区 is the county; the city's urban districts by their division codes.
inline const Geography kJining{"370811", {"370811", "370812", "370802"}};

inline DepartmentAnswer Verified(Department d, std::vector<Record> records, std::string synced = "2026-06-01") {
    DepartmentAnswer a;
    a.department = d;
    a.status = SourceStatus::kVerified;
    a.records = std::move(records);
    a.synced_at = std::move(synced);
    return a;
}

}  // namespace kehou::enrollment::testing
