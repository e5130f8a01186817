#pragma once
// Routes of after-school services: fee standards, the catalogue, service days, selection and allocation.

#include "afterschool/catalog_service.hpp"
#include "afterschool/fee_standard.hpp"
#include "afterschool/report_service.hpp"
#include "afterschool/running_service.hpp"
#include "afterschool/selection_service.hpp"
#include "http/router.hpp"

namespace kehou::afterschool {

/// The services behind the after-school routes.
struct RouteServices {
    FeeStandardService& fee_standards;
    CatalogService& catalog;
    SelectionService& selection;
    RunningService& running;
    ReportService& reports;
};

void RegisterRoutes(http::Router& router, const RouteServices& services);
/// Catalogue and service-week routes (routes_catalog.cpp).
void RegisterCatalogRoutes(http::Router& router, CatalogService& catalog);
/// Guardian selection, windows and the school's seat routes (routes_selection.cpp).
void RegisterSelectionRoutes(http::Router& router, SelectionService& selection);
/// The roll, leave, pickup, ratings and notices (routes_running.cpp).
void RegisterRunningRoutes(http::Router& router, RunningService& running);
/// Fees, participation and fill reports (routes_report.cpp).
void RegisterReportRoutes(http::Router& router, ReportService& reports);

}  // namespace kehou::afterschool
