#pragma once
// The enrollment routes (docs/enrollment.md "HTTP API").

#include "enrollment/application_service.hpp"
#include "enrollment/season_service.hpp"
#include "http/router.hpp"

namespace kehou::enrollment {

void RegisterEnrollmentRoutes(http::Router& router, SeasonService& seasons, ApplicationService& applications);

}  // namespace kehou::enrollment
