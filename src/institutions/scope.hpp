#pragma once
// The data-scope answers every institutions service gives alike: a record outside the caller's county is 403
// for a write and 404 for a read; an absent one is 404.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "db/connection.hpp"
#include "institutions/registry_model.hpp"
#include "org/service.hpp"

namespace kehou::institutions {

/// 403 `institutions.out_of_scope`, naming what was outside ("该机构", "That institution").
Error OutOfScope(std::string_view what_zh, std::string_view what_en);
/// 404 `institutions.not_found`.
Error InstitutionNotFound();
/// The institution a write is about: 403 when it exists outside the scope, 404 when it does not.
Institution InstitutionForWrite(db::Connection& c, const Principal& p, std::int64_t id);
/// The org path of a county the caller supervises, for a write: 422 for an unknown unit (or the city
/// itself), 403 outside the scope.
std::string CountyPathForWrite(org::OrgService& org, const Principal& p, const std::string& unit_code);

}  // namespace kehou::institutions
