#pragma once
// The summer custody routes (docs/custody.md "HTTP API", issue 9 points 6–9).

#include "custody/attendance_service.hpp"
#include "custody/family_service.hpp"
#include "custody/plan_service.hpp"
#include "custody/stats_service.hpp"
#include "http/router.hpp"

namespace kehou::custody {

/// The services behind the custody routes.
struct CustodyServices {
    PlanService& plans;
    FamilyService& families;
    AttendanceService& attendance;
    StatsService& stats;
};

void RegisterCustodyRoutes(http::Router& router, const CustodyServices& s);

}  // namespace kehou::custody
