#pragma once
// 一键入学 The dossier (issue 8 point 2): the departments' answers for one child turned into the facts the rules read,
// each fact with its provenance ("来源：公安户籍，2026-06-01 同步"), each source's state, and which sources must be
// completed by an upload for manual review — only those that failed and that the child's case needs.

#include <optional>
#include <string>
#include <vector>

#include "enrollment/source.hpp"

namespace kehou::enrollment {

/// Where the county and the city's urban area are, as community-code prefixes (a community code begins with its
/// county's division code, e.g. "370811…" for 任城区).
struct Geography {
    std::string county_prefix;
    std::vector<std::string> urban_prefixes;
};

/// What no department holds and the family declares on the form (checked at review): a lease, living with the
/// grandparents, whether a parent is an only child (R5.3).
struct Declarations {
    bool renting = false;
    bool lives_with_grandparents = false;
    bool father_only_child = false;
    bool mother_only_child = false;
};

/// 来源 Where one fact came from: a department and the date its data stands at, or the family's declaration.
struct Provenance {
    std::string fact;  // "hukou_community", "properties", "father.social_insurance", …
    std::optional<Department> department;  // nullopt: declared by the family
    std::string synced_at;
};

/// One source's state in the dossier, as the family and the reviewer see it.
struct SourceState {
    Department department = Department::kHousehold;
    SourceStatus status = SourceStatus::kUnavailable;
    std::optional<Unavailable> reason;
    std::string mismatch;
    std::string synced_at;
    bool needed = true;         // the child's case reads it (学籍 only for grade 7; insurance and permits for migrants)
    bool needs_upload = false;  // needed and not verified: the family uploads a photo or PDF for review
};

/// The dossier of one child.
struct Dossier {
    Facts facts;
    std::vector<SourceState> sources;
    std::vector<Provenance> provenance;
    /// No upload needed: the "one-click" case the statistics count.
    bool complete() const;
};

/// Builds the dossier from one answer per department. `entry_grade` is 1 or 7.
Dossier BuildDossier(const std::vector<DepartmentAnswer>& answers, const Geography& where, const Declarations& declared,
                     int entry_grade);

}  // namespace kehou::enrollment
