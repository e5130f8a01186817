#pragma once
// 入学家庭 The demo city's families entering grade 1 (易入学, issue 8) and what the departments hold about them, in
// the departments' own export schema (docs/enrollment.md, "Schemas"): household, property, birth certificate, and
// for migrant families residence permits and social insurance. Deterministic, pure (no I/O, no clock); every
// identity number is a valid GB 11643 number. docs/enrollment-data.md describes the mix and its gaps.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kehou::demo {

/// One row of one department's export: the person by `id_number`, then the schema's fields as text.
struct DepartmentRow {
    std::string department;  // "household", "property", "insurance", "permit", "birth"
    std::vector<std::pair<std::string, std::string>> fields;
    std::string known_from;      // ISO date the department came to hold the row: older snapshots lack it
    bool vouched_to_snapshot = false;  // insurance: `period_to` is the month before the export's date
};

/// 入学家庭 One family applying for grade 1: what they type into the form, and what the departments hold.
struct IncomingFamily {
    std::string county;  // management code of the county-level unit
    int year = 0;        // the enrollment year (entry into grade 1 in its autumn)
    std::string child_name, child_sex, child_birth_date, child_id_number;
    std::string father_id_number, mother_id_number;
    std::string relation;        // the applicant: "father" | "mother"
    std::string home_community;  // 12-digit community code of where the family lives
    // The declarations that match the data (R5.3: no department holds them).
    bool renting = false;
    bool lives_with_grandparents = false;
    bool father_only_child = false;
    bool mother_only_child = false;
    // What the data shows, for tests and for whoever seeds applications.
    bool migrant = false;         // registered outside the city's urban area: permits and insurance matter
    bool too_young = false;       // born after 31 August of year − 6: refused on the age rule
    bool no_household = false;    // 公安户籍 holds nothing: the family uploads the 户口簿
    bool birth_mismatch = false;  // the birth certificate names another mother
    std::vector<DepartmentRow> rows;

    const std::string& applicant_id_number() const { return relation == "father" ? father_id_number : mother_id_number; }
};

/// The families of one county for the given cohorts.
struct FamilySpec {
    std::string county;                            // management code, e.g. "370811"
    std::vector<std::string> communities;          // CommunitiesOf(county, …): where families live
    std::vector<std::pair<int, int>> cohorts;      // (enrollment year, families)
    std::uint64_t seed = 20260901;
    std::string as_of = "2026-11-01";              // the newest export's date: no event after it
};

/// The county's community (社区) codes: county code + 3-digit street + 3-digit community, 8 per public primary
/// school (at least 8), ten communities to a street. A season's catchments are drawn from these.
std::vector<std::string> CommunitiesOf(std::string_view county, int primary_schools);

/// The families, cohort by cohort. Same spec → same families on every platform.
std::vector<IncomingFamily> IncomingFamilies(const FamilySpec& spec);

/// The family's rows as a department's export of `snapshot_date` (ISO) holds them: rows it came to hold later
/// are absent, and an insurance run is vouched for up to the end of the month before the export.
std::vector<DepartmentRow> RowsAt(const IncomingFamily& family, std::string_view snapshot_date);

/// The demo guardian's (demo.parent) two children, 2027 entry, living in `community` of 任城区: child A with every
/// source complete, "demo child B" (a twin) whose household record is missing. Numbers are fixed (see
/// docs/enrollment-data.md) and no generated family has them.
std::vector<IncomingFamily> DemoGuardianFamilies(std::string_view community);

/// The identity numbers of DemoGuardianFamilies, documented and fixed.
inline constexpr std::string_view kDemoChildA = "370811202103150311";
inline constexpr std::string_view kDemoChildB = "37081120210315032X";
inline constexpr std::string_view kDemoFather = "370811198806120531";
inline constexpr std::string_view kDemoMother = "370811199003050642";

}  // namespace kehou::demo
