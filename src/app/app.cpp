#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "afterschool/routes.hpp"
#include "institutions/routes.hpp"
#include "homework/overrun_notice.hpp"
#include "homework/report_routes.hpp"
#include "homework/routes.hpp"
#include "enrollment/report_routes.hpp"
#include "enrollment/routes.hpp"
#include "enrollment/source_routes.hpp"
#include "providers/routes.hpp"
#include "auth/routes.hpp"
#include "org/routes.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/meta_repo.hpp"
#include "db/migrate.hpp"
#include "db/transaction.hpp"
#include "system/routes.hpp"

namespace kehou::app {

void RegisterAllRoutes(http::Router& router, const Services& s) {
    system::RegisterRoutes(router, s.system);
    auth::RegisterRoutes(router, s.auth, s.audit, s.login_limiter);
    org::RegisterRoutes(router, s.org);
    afterschool::RegisterRoutes(router, {s.fee_standards, s.catalog, s.selection, s.running, s.reports});
    institutions::RegisterRegistryRoutes(router, s.institutions, s.lookup_limiter);
    institutions::RegisterImportRoutes(router, s.registry_imports);
    institutions::RegisterCaseRoutes(router, s.cases);
    institutions::RegisterScheduleRoutes(router, s.schedules);
    institutions::RegisterComplaintRoutes(router, s.complaints, s.complaint_limiter);
    institutions::RegisterStatsRoutes(router, s.stats);
    institutions::RegisterEscrowRoutes(router, s.escrow);
    homework::RegisterHomeworkRoutes(router, s.homework);
    homework::RegisterHomeworkReportRoutes(router, s.homework_reports);
    enrollment::RegisterSourceRoutes(router, s.enrollment_sources);
    enrollment::RegisterEnrollmentRoutes(router, s.enrollment_seasons, s.enrollment_applications);
    enrollment::RegisterEnrollmentReportRoutes(router, s.enrollment_reports);
    providers::RegisterProviderRoutes(router, s.providers);
    custody::RegisterCustodyRoutes(router, s.custody);
}

int MigrateDatabase(db::Database& database) {
    auto conn = database.OpenOne();
    const int ran = db::ApplyMigrations(*conn, db::BuiltinMigrations());
    db::Transaction tx(*conn, db::TxMode::kWrite);
    if (!db::GetMeta(*conn, "created_at")) {
        db::PutMeta(*conn, "created_at", FormatShanghai(std::chrono::system_clock::now()));
        db::PutMeta(*conn, "created_by_version", kVersion);
    }
    tx.Commit();
    return ran;
}

App::App(const Config& config, const std::function<void(http::Router&)>& extra_routes) : config_(config) {
    crypto::Init();
    db::DatabaseOptions opts;
    opts.url = config.db;
    opts.pool_size = config.EffectiveDbThreads();
    opts.sqlite_sync = config.sqlite_sync == "normal" ? db::SqliteSync::kNormal : db::SqliteSync::kFull;
    database_ = std::make_unique<db::Database>(opts);
    const int ran = MigrateDatabase(*database_);
    spdlog::info("database {}: {} migration(s) applied, {} known", database_->Describe(), ran,
                 db::BuiltinMigrations().size());
    system_ = std::make_unique<system::SystemService>(*database_, db::BuiltinMigrations(),
                                                      system::BuildInfo{"kehou", kVersion});
    writer_ = std::make_unique<db::GroupCommitter>(*database_);
    audit_ = std::make_unique<auth::AuditLog>(*database_, writer_.get());
    auth_ = std::make_unique<auth::AuthService>(*database_, auth::AuthOptions{}, writer_.get());
    // 20 log-in attempts a minute per client address: a school's NAT shares one address, so this is
    // loose; the per-account lock-out (RULES R4.7) is what stops guessing.
    login_limiter_ = std::make_unique<auth::RateLimiter>(20, std::chrono::seconds(60));
    vault_ = std::make_unique<crypto::PiiVault>(crypto::PiiVault::LoadOrCreate(config.EffectivePiiKeyFile()));
    org_ = std::make_unique<org::OrgService>(*database_, *vault_);
    org_->EnsureUnits();
    fee_standards_ = std::make_unique<afterschool::FeeStandardService>(*database_, *org_);
    catalog_ = std::make_unique<afterschool::CatalogService>(*database_, *org_, *fee_standards_);
    selection_ = std::make_unique<afterschool::SelectionService>(*database_, *org_, *catalog_, writer_.get());
    running_ = std::make_unique<afterschool::RunningService>(*database_, *org_, *catalog_);
    reports_ = std::make_unique<afterschool::ReportService>(*database_, *org_, *catalog_);
    institutions_ = std::make_unique<institutions::InstitutionService>(*database_, *org_);
    registry_imports_ = std::make_unique<institutions::RegistryImportService>(*database_, *org_, *vault_);
    cases_ = std::make_unique<institutions::CaseService>(*database_);
    calendar_ = std::make_unique<institutions::CalendarService>(*database_);
    calendar_->EnsureSeeded();
    institutions::EscrowOptions escrow_options;
    escrow_options.auto_confirm_working_days = config.escrow_confirm_working_days;
    // Working days are national (holidays and make-up days); a county's vacations do not move them.
    escrow_options.calendar = [calendar = calendar_.get()] { return calendar->For("/"); };
    escrow_ = std::make_unique<institutions::EscrowService>(*database_, *vault_, std::move(escrow_options));
    complaints_ = std::make_unique<institutions::ComplaintService>(*database_, *org_, *vault_, *calendar_,
                                                                   config.complaint_working_days);
    stats_ = std::make_unique<institutions::StatsService>(*database_, *org_, *institutions_);
    schedules_ = std::make_unique<institutions::ScheduleService>(*database_, *org_, *calendar_);
    homework_ = std::make_unique<homework::HomeworkService>(*database_, *org_, *calendar_);
    homework_reports_ = std::make_unique<homework::ReportService>(*database_, *org_);
    enrollment_sources_ = std::make_unique<enrollment::SourceService>(
        *database_, *vault_, enrollment::ParseSourceEndpoints(config.enrollment_endpoints));
    enrollment_seasons_ = std::make_unique<enrollment::SeasonService>(*database_, *org_);
    enrollment_applications_ = std::make_unique<enrollment::ApplicationService>(
        *database_, *vault_, [sources = enrollment_sources_.get()] { return sources->Sources(); });
    enrollment_reports_ = std::make_unique<enrollment::ReportService>(*database_);
    providers_ = std::make_unique<providers::ProviderService>(
        *database_, providers::ProviderDeps{*org_, *catalog_, *cases_, *complaints_});
    custody_plans_ = std::make_unique<custody::PlanService>(*database_, *org_, *fee_standards_);
    custody_families_ = std::make_unique<custody::FamilyService>(*database_, *org_);
    custody_attendance_ = std::make_unique<custody::AttendanceService>(*database_, *org_);
    custody_stats_ = std::make_unique<custody::StatsService>(*database_, *org_);
    // The public complaint form: 5 an hour from one address is plenty for a family, too few for a script.
    complaint_limiter_ = std::make_unique<auth::RateLimiter>(5, std::chrono::hours(1));
    lookup_limiter_ = std::make_unique<auth::RateLimiter>(60, std::chrono::minutes(1));
    RegisterAllRoutes(router_, Services{*system_, *auth_, *audit_, *login_limiter_, *org_, *fee_standards_,
                                        *catalog_, *selection_, *running_, *reports_, *institutions_, *cases_,
                                        *complaints_, *schedules_, *complaint_limiter_, *lookup_limiter_, *escrow_,
                                        *stats_, *registry_imports_, *homework_,
                                        *homework_reports_, *enrollment_sources_, *enrollment_seasons_,
                                        *enrollment_applications_, *enrollment_reports_, *providers_,
                                        {*custody_plans_, *custody_families_, *custody_attendance_, *custody_stats_}});
    if (extra_routes) extra_routes(router_);
    static_files_ = std::make_unique<http::StaticFiles>(config.web_root);
    dispatcher_ = std::make_unique<http::Dispatcher>(router_, static_files_.get());
    auth::InstallHooks(*dispatcher_, *auth_, *audit_);
}

SweepReport App::RunScheduledSweeps(TimePoint now) {
    const auto today = institutions::ShanghaiDateOf(now);
    SweepReport report;
    report.cases_overdue = cases_->SweepOverdue(FormatIsoDate(today));
    report.escrow = escrow_->Sweep(today, calendar_->For("/"));
    report.homework_overrun_notices = homework::NotifyOverruns(*database_, *org_, *homework_reports_,
                                                               FormatIsoDate(today));
    return report;
}

// Queued writes call back into the services: finish them while the services still exist.
App::~App() { writer_->Stop(); }

}  // namespace kehou::app
