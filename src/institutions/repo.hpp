#pragma once
// SQL of the institution registry. Every read takes the caller's scope path; rows outside it do not exist.

#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions::repo {

Page<Institution> ListInstitutions(db::Connection& c, const std::string& scope, const InstitutionFilter& f);
/// One institution with its staff, or nullopt when absent or outside the scope.
std::optional<Institution> FindInstitution(db::Connection& c, const std::string& scope, std::int64_t id);
/// The institution holding a credit code, anywhere (codes are unique nationally).
std::optional<std::int64_t> InstitutionIdByCreditCode(db::Connection& c, const std::string& credit_code);
std::int64_t InsertInstitution(db::Connection& c, const Institution& in, std::optional<std::int64_t> override_by,
                               const std::string& now);
void UpdateInstitution(db::Connection& c, const Institution& in, std::optional<std::int64_t> override_by,
                       const std::string& now);
void SetInstitutionStatus(db::Connection& c, std::int64_t id, InstitutionStatus status, const std::string& now);
/// Replaces the staff list (the form edits it as a whole).
void ReplaceStaff(db::Connection& c, std::int64_t institution_id, const std::vector<StaffMember>& staff,
                  const std::string& now);

/// Institutions counting as "current" (R6.3) per unit × category × delivery under the scope.
std::vector<BaselineCount> CurrentCounts(db::Connection& c, const std::string& scope);
/// The frozen baseline rows under the scope.
std::vector<BaselineCount> BaselineCounts(db::Connection& c, const std::string& scope);
bool HasBaseline(db::Connection& c, const std::string& unit_code);
void InsertBaseline(db::Connection& c, const BaselineCount& row, std::int64_t by, const std::string& now);

/// Whether an inspection case of the institution is open (R6.5: no admission as a provider meanwhile).
bool HasOpenCase(db::Connection& c, std::int64_t institution_id);

}  // namespace kehou::institutions::repo
