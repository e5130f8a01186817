#include "institutions/scope.hpp"

#include <fmt/format.h>

#include "institutions/repo.hpp"

namespace kehou::institutions {

Error OutOfScope(std::string_view what_zh, std::string_view what_en) {
    return Error::Forbidden("institutions.out_of_scope", fmt::format("{}不在您的管理范围内", what_zh),
                            fmt::format("{} is outside your scope", what_en));
}

Error InstitutionNotFound() { return Error::NotFound("institutions.not_found", "找不到该机构", "No such institution"); }

Institution InstitutionForWrite(db::Connection& c, const Principal& p, std::int64_t id) {
    if (auto found = repo::FindInstitution(c, p.scope_path, id)) return *found;
    if (repo::FindInstitution(c, "/", id)) throw OutOfScope("该机构", "That institution");
    throw InstitutionNotFound();
}

std::string CountyPathForWrite(org::OrgService& org, const Principal& p, const std::string& unit_code) {
    const auto unit = org.FindUnit(unit_code);
    if (!unit || unit->kind == "city")
        throw Error::Unprocessable("institutions.unknown_unit", "所属区县不存在", "Unknown county-level unit",
                                   "unit_code");
    if (!p.Covers(unit->org_path)) throw OutOfScope("该区县", "That county");
    return unit->org_path;
}

}  // namespace kehou::institutions
