#pragma once
// Routes of off-campus training supervision.

#include "http/router.hpp"
#include "auth/rate_limiter.hpp"
#include "institutions/case_service.hpp"
#include "institutions/complaint_service.hpp"
#include "institutions/schedule_service.hpp"
#include "institutions/escrow_service.hpp"
#include "institutions/import_service.hpp"
#include "institutions/service.hpp"
#include "institutions/stats_service.hpp"

namespace kehou::institutions {

/// The registry, its baseline, the 压减率 and the public look-up limited by `lookup_limiter` (routes.cpp).
void RegisterRegistryRoutes(http::Router& router, InstitutionService& registry, auth::RateLimiter& lookup_limiter);
/// Inspection cases and their evidence (routes_cases.cpp).
void RegisterCaseRoutes(http::Router& router, CaseService& cases);
/// Filed schedules and the holiday calendar (routes_schedules.cpp).
void RegisterScheduleRoutes(http::Router& router, ScheduleService& schedules);
/// Complaints, including the public form limited by `public_limiter` (routes_complaints.cpp).
void RegisterComplaintRoutes(http::Router& router, ComplaintService& complaints, auth::RateLimiter& public_limiter);
/// Prepaid orders, their escrow ledger, the sweep and risk alerts (routes_escrow.cpp).
void RegisterEscrowRoutes(http::Router& router, EscrowService& escrow);
/// County and city statistics, one read per figure and their .xlsx workbook (routes_stats.cpp).
void RegisterStatsRoutes(http::Router& router, StatsService& stats);
/// The registry import: template, upload -> preview, confirm (routes_import.cpp).
void RegisterImportRoutes(http::Router& router, RegistryImportService& imports);

}  // namespace kehou::institutions
