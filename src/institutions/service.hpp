#pragma once
// The registry's use cases for county bureaus and inspectors: scope, the registry checks, the frozen
// baseline and the 压减率 report (issue 6 point 1, RULES R3.4–R3.5, R6.3).

#include "core/principal.hpp"
#include "db/database.hpp"
#include "institutions/registry_model.hpp"
#include "org/service.hpp"

namespace kehou::institutions {

/// Reads and writes the registry on behalf of a principal. Thread-safe.
class InstitutionService {
public:
    InstitutionService(db::Database& database, org::OrgService& org);

    Page<Institution> List(const Principal& p, InstitutionFilter f);
    /// One institution with its staff and the reviewer's warnings; 404 outside the scope.
    Institution Get(const Principal& p, std::int64_t id);
    /// Registers an institution in a county the caller supervises; 422 naming the field for a broken rule,
    /// 409 for a credit code already registered.
    Institution Create(const Principal& p, Institution in);
    /// Replaces the record and its staff list; 403 outside the scope.
    Institution Update(const Principal& p, std::int64_t id, Institution in);

    /// Freezes a county's pre-双减 baseline once (R6.3): 409 when it is already frozen.
    std::vector<BaselineCount> FreezeBaseline(const Principal& p, const std::string& unit_code,
                                              std::vector<BaselineCount> rows);
    /// 压减率 per county × category × delivery under the caller's scope, with county and overall totals.
    std::vector<ReductionRow> Reduction(const Principal& p);

    /// 公示查询 The public look-up by name (part of it) or exact credit code, across the city; at most 20.
    std::vector<PublicInstitution> PublicLookup(const std::string& query);

    /// Whether an institution has an open inspection case (R6.5), for the providers' admission.
    bool HasOpenCase(std::int64_t institution_id);

private:
    /// The record as stored, for a write: 403 when it exists outside the scope, 404 when it does not.
    Institution ForWrite(const Principal& p, std::int64_t id);
    /// The county unit's path when the caller supervises it; 422 for an unknown unit, 403 outside the scope.
    std::string UnitPathForWrite(const Principal& p, const std::string& unit_code);

    db::Database& database_;
    org::OrgService& org_;
};

}  // namespace kehou::institutions
