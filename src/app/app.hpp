#pragma once
// The whole kehou process wired together: database, migrations, services, the route table, the
// dispatcher. `kehou serve` and the API tests build it the same way.

#include <functional>
#include <memory>

#include "afterschool/catalog_service.hpp"
#include "afterschool/fee_standard.hpp"
#include "afterschool/report_service.hpp"
#include "afterschool/running_service.hpp"
#include "afterschool/selection_service.hpp"
#include "institutions/case_service.hpp"
#include "institutions/complaint_service.hpp"
#include "institutions/schedule_service.hpp"
#include "institutions/escrow_service.hpp"
#include "institutions/import_service.hpp"
#include "institutions/service.hpp"
#include "institutions/stats_service.hpp"
#include "homework/report_service.hpp"
#include "enrollment/application_service.hpp"
#include "enrollment/report_service.hpp"
#include "enrollment/season_service.hpp"
#include "enrollment/source_service.hpp"
#include "providers/service.hpp"
#include "custody/routes.hpp"
#include "homework/service.hpp"
#include "app/config.hpp"
#include "auth/audit.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/service.hpp"
#include "crypto/pii_vault.hpp"
#include "org/service.hpp"
#include "db/database.hpp"
#include "db/group_commit.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "system/service.hpp"

namespace kehou::app {

/// kehou's version, shown by --version and /api/v1/meta.
inline constexpr const char* kVersion = "0.1.0";

/// What one round of the scheduled sweeps did.
struct SweepReport {
    int cases_overdue = 0;  // inspection cases whose rectification deadline passed (R6.5)
    institutions::SweepResult escrow;  // R6.2's silences: auto-confirmed classes, auto-approved refunds
    int homework_overrun_notices = 0;  // schools told of a class over the limit on 3 days of a week
};

/// Every long-lived object of one process, built from a Config. Migrations are applied on build.
class App {
public:
    /// extra_routes lets tests add routes of their own before the table is frozen.
    explicit App(const Config& config, const std::function<void(http::Router&)>& extra_routes = {});

    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    db::Database& database() { return *database_; }
    db::GroupCommitter& writer() { return *writer_; }
    auth::AuthService& auth() { return *auth_; }
    auth::AuditLog& audit() { return *audit_; }
    org::OrgService& org() { return *org_; }
    afterschool::FeeStandardService& fee_standards() { return *fee_standards_; }
    afterschool::CatalogService& catalog() { return *catalog_; }
    afterschool::SelectionService& selection() { return *selection_; }
    afterschool::RunningService& running() { return *running_; }
    institutions::InstitutionService& institutions() { return *institutions_; }
    institutions::RegistryImportService& registry_imports() { return *registry_imports_; }
    institutions::CaseService& cases() { return *cases_; }
    institutions::EscrowService& escrow() { return *escrow_; }
    institutions::ComplaintService& complaints() { return *complaints_; }
    institutions::CalendarService& calendar() { return *calendar_; }
    institutions::StatsService& stats() { return *stats_; }
    institutions::ScheduleService& schedules() { return *schedules_; }
    homework::HomeworkService& homework() { return *homework_; }
    homework::ReportService& homework_reports() { return *homework_reports_; }
    enrollment::SourceService& enrollment_sources() { return *enrollment_sources_; }
    enrollment::SeasonService& enrollment_seasons() { return *enrollment_seasons_; }
    enrollment::ApplicationService& enrollment_applications() { return *enrollment_applications_; }
    providers::ProviderService& providers() { return *providers_; }
    custody::PlanService& custody_plans() { return *custody_plans_; }
    custody::FamilyService& custody_families() { return *custody_families_; }
    custody::AttendanceService& custody_attendance() { return *custody_attendance_; }
    const crypto::PiiVault& vault() const { return *vault_; }
    /// The deadline sweeps `kehou serve` runs every `sweep_interval` seconds, for the whole city on the
    /// Asia/Shanghai date of `now`. Idempotent: a second round on the same day finds nothing to do.
    SweepReport RunScheduledSweeps(TimePoint now);
    const http::Router& router() const { return router_; }
    http::Dispatcher& dispatcher() { return *dispatcher_; }
    const Config& config() const { return config_; }

private:
    Config config_;
    std::unique_ptr<db::Database> database_;
    std::unique_ptr<db::GroupCommitter> writer_;  // the single writer of the hot path's batches
    std::unique_ptr<system::SystemService> system_;
    std::unique_ptr<auth::AuditLog> audit_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<auth::RateLimiter> login_limiter_;
    std::unique_ptr<crypto::PiiVault> vault_;
    std::unique_ptr<org::OrgService> org_;
    std::unique_ptr<afterschool::FeeStandardService> fee_standards_;
    std::unique_ptr<afterschool::CatalogService> catalog_;
    std::unique_ptr<afterschool::SelectionService> selection_;
    std::unique_ptr<afterschool::RunningService> running_;
    std::unique_ptr<afterschool::ReportService> reports_;
    std::unique_ptr<institutions::InstitutionService> institutions_;
    std::unique_ptr<institutions::RegistryImportService> registry_imports_;
    std::unique_ptr<institutions::CaseService> cases_;
    std::unique_ptr<institutions::EscrowService> escrow_;
    std::unique_ptr<institutions::CalendarService> calendar_;
    std::unique_ptr<institutions::ComplaintService> complaints_;
    std::unique_ptr<institutions::StatsService> stats_;
    std::unique_ptr<institutions::ScheduleService> schedules_;
    std::unique_ptr<homework::HomeworkService> homework_;
    std::unique_ptr<homework::ReportService> homework_reports_;
    std::unique_ptr<enrollment::SourceService> enrollment_sources_;
    std::unique_ptr<enrollment::SeasonService> enrollment_seasons_;
    std::unique_ptr<enrollment::ApplicationService> enrollment_applications_;
    std::unique_ptr<enrollment::ReportService> enrollment_reports_;
    std::unique_ptr<providers::ProviderService> providers_;
    std::unique_ptr<custody::PlanService> custody_plans_;
    std::unique_ptr<custody::FamilyService> custody_families_;
    std::unique_ptr<custody::AttendanceService> custody_attendance_;
    std::unique_ptr<custody::StatsService> custody_stats_;
    std::unique_ptr<auth::RateLimiter> complaint_limiter_;
    std::unique_ptr<auth::RateLimiter> lookup_limiter_;
    http::Router router_;
    std::unique_ptr<http::StaticFiles> static_files_;
    std::unique_ptr<http::Dispatcher> dispatcher_;
};

/// The services whose routes make up kehou.
struct Services {
    system::SystemService& system;
    auth::AuthService& auth;
    auth::AuditLog& audit;
    auth::RateLimiter& login_limiter;
    org::OrgService& org;
    afterschool::FeeStandardService& fee_standards;
    afterschool::CatalogService& catalog;
    afterschool::SelectionService& selection;
    afterschool::RunningService& running;
    afterschool::ReportService& reports;
    institutions::InstitutionService& institutions;
    institutions::CaseService& cases;
    institutions::ComplaintService& complaints;
    institutions::ScheduleService& schedules;
    auth::RateLimiter& complaint_limiter;
    auth::RateLimiter& lookup_limiter;
    institutions::EscrowService& escrow;
    institutions::StatsService& stats;
    institutions::RegistryImportService& registry_imports;
    homework::HomeworkService& homework;
    homework::ReportService& homework_reports;
    enrollment::SourceService& enrollment_sources;
    enrollment::SeasonService& enrollment_seasons;
    enrollment::ApplicationService& enrollment_applications;
    enrollment::ReportService& enrollment_reports;
    providers::ProviderService& providers;
    custody::CustodyServices custody;
};

/// Every route of kehou, registered by each module in one place, so a test can walk the table.
void RegisterAllRoutes(http::Router& router, const Services& services);

/// Applies pending migrations on a fresh connection and records who created the database.
int MigrateDatabase(db::Database& database);

}  // namespace kehou::app
