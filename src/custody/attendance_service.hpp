#pragma once
// 考勤与配餐 A custody site's daily roll (issue 9 point 8): the placed children of the period the day belongs to,
// present or not, and whether a meal was served. Marked by the host school, a teacher on the site's staff or the
// county, on a service day that has come.

#include <string>
#include <vector>

#include "core/principal.hpp"
#include "custody/app_model.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::custody {

/// A site's roll for one day.
struct SiteRoll {
    std::int64_t site_id = 0, period_id = 0;
    std::string date;
    std::vector<AttendanceRow> rows;
};

/// Attendance on behalf of a principal. Thread-safe.
class AttendanceService {
public:
    AttendanceService(db::Database& database, org::OrgService& org) : database_(database), org_(org) {}

    SiteRoll Get(const Principal& p, std::int64_t site_id, const std::string& date);
    SiteRoll Put(const Principal& p, std::int64_t site_id, const std::string& date,
                 const std::vector<AttendanceMark>& marks);

private:
    /// Whether the caller may see (or, with `write`, mark) the site's roll.
    bool MayAccess(db::Connection& c, const Principal& p, const SiteRef& site, bool write);

    db::Database& database_;
    org::OrgService& org_;
};

}  // namespace kehou::custody
