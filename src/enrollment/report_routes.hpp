#pragma once
// Routes of the enrollment statistics (issue 8 point 7) and the JSON they answer with; the builder is public so the
// tests compare exactly what a client receives.

#include "enrollment/report_service.hpp"
#include "http/json.hpp"
#include "http/router.hpp"

namespace kehou::enrollment {

/// GET /api/v1/enrollment/seasons/{id}/stats and /stats.xlsx, both `enrollment:stats:read`.
void RegisterEnrollmentReportRoutes(http::Router& router, ReportService& reports);

http::json::object StatsJson(const SeasonStats& s);

}  // namespace kehou::enrollment
