#pragma once
// Turns a seeded database into the eve of a selection rush (抢课): the next semester's catalogue (the
// seeded one copied with every seat free), a first-come window per county opening now, and for each
// child taking part a guardian account that has consented, with a live session — then decides what each
// family will press, popularity Zipf-skewed within each school. The load generator replays that plan.
//
// Sessions are written straight into auth_session (hashed token, CSRF token) instead of going through
// POST /auth/login: 830,000 Argon2id verifications would take hours and measure the password hash, not
// the rush. Every request of the rush still goes through the real session check and CSRF check.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace kehou::rush {

/// What to prepare.
struct PrepOptions {
    std::string source_semester = "2026-autumn";  // the seeded catalogue that is copied
    std::string semester = "2027-autumn";         // the rush's semester (must have no courses yet)
    std::size_t children = 0;                     // how many take part; 0 = every enrolled child
    int picks = 2;                                // selections per child (different courses)
    double zipf = 1.1;                            // popularity exponent of a school's sections
    std::uint64_t seed = 1;
    std::optional<std::int64_t> school_id;        // only this school's children take part
};

/// One family of the plan: whose session presses which sections, in order.
struct PlanChild {
    std::int64_t student_id = 0, school_id = 0;
    std::string token, csrf;
    std::vector<std::int64_t> sections;
};

/// Writes the catalogue, windows, accounts, consents and sessions in one transaction; returns the plan.
std::vector<PlanChild> PrepareRush(db::Database& database, const PrepOptions& options);

/// The plan as text, one family per line (it holds live session tokens: keep it with the database).
void WritePlan(const std::filesystem::path& path, const std::vector<PlanChild>& plan);
std::vector<PlanChild> ReadPlan(const std::filesystem::path& path);

}  // namespace kehou::rush
