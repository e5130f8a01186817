#pragma once
// Publishing and reading fee standards (RULES R2.1, R2.2, R1.5, R1.6): a county bureau publishes its own
// for a semester; where it has none, the city's applies.

#include <optional>
#include <string>
#include <vector>

#include "afterschool/model.hpp"
#include "core/principal.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::afterschool {

/// A published standard and where it comes from.
struct PublishedStandard {
    std::string unit_code, unit_name, semester;
    FeeStandard standard;
    std::string published_at;
    bool inherited = false;  // true when the unit has none of its own and the city's applies
};

/// "2026-autumn" or "2027-spring"; the autumn term starts the school year.
bool IsSemester(const std::string& s);
/// 400 afterschool.bad_semester naming the field unless IsSemester.
void CheckSemester(const std::string& semester);

/// The fee-standard use cases. Thread-safe.
class FeeStandardService {
public:
    FeeStandardService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

    /// Publishes (or replaces) the standard of a unit inside the caller's scope: 403 outside it.
    PublishedStandard Publish(const Principal& p, const std::string& unit_code, const std::string& semester,
                              const FeeStandard& s);
    /// The standard in force for a unit and semester: its own, else the city's; 404 when neither exists.
    PublishedStandard InForce(const Principal& p, const std::string& unit_code, const std::string& semester);
    /// Every standard published for a semester inside the caller's scope.
    std::vector<PublishedStandard> List(const Principal& p, const std::string& semester);

private:
    db::Database& database_;
    org::OrgService& org_;
};

}  // namespace kehou::afterschool
