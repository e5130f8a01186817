// Each department's export is written as the CSV a department would send, read by BatchSource's own parser and
// stored by PersistSnapshotIn: the seed has no second path into en_source_snapshot / en_source_record.
#include "app/seed_enrollment_sources.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "db/transaction.hpp"
#include "demo/enrollment_people.hpp"
#include "enrollment/snapshot_repo.hpp"
#include "enrollment/source_service.hpp"

namespace kehou::app {
namespace {

using enrollment::Department;

// The two versions: the older one kept for audit, the current one answering (docs/enrollment-data.md).
struct Version {
    const char* date;
    const char* confirmed_at;
};
constexpr Version kVersions[] = {{"2026-06-01", "2026-06-02T09:30:00+08:00"},
                                 {"2026-11-01", "2026-11-02T09:30:00+08:00"}};
constexpr int kCohorts[] = {2026, 2027};  // the season of history and the one open now
constexpr int kMinFamilies = 40;

// Public schools taking grade 1 (their catchments make the communities) and this year's grade-1 pupils (the size of
// a cohort), per county.
constexpr db::Query kCounties{
    "seed.en_counties",
    "SELECT sc.unit_code, SUM(CASE WHEN sc.is_public AND sc.grade_from = 1 THEN 1 ELSE 0 END),"
    " (SELECT COUNT(*) FROM org_student s JOIN org_class k ON k.id = s.class_id"
    "  JOIN org_school o ON o.id = s.school_id WHERE k.grade = 1 AND o.unit_code = sc.unit_code)"
    " FROM org_school sc GROUP BY sc.unit_code ORDER BY sc.unit_code"};

struct County {
    std::string code;
    int primary_schools = 0;
    int grade_one = 0;
};

std::vector<County> Counties(db::Database& database) {
    auto c = database.Acquire();
    std::vector<County> out;
    for (const auto& row : c->Query(kCounties))
        out.push_back({row.Text(0), static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2))});
    return out;
}

std::vector<demo::IncomingFamily> Families(const County& county, const SeedOptions& options,
                                           const std::string& demo_county) {
    demo::FamilySpec spec;
    spec.county = county.code;
    spec.communities = demo::CommunitiesOf(county.code, county.primary_schools);
    for (const int year : kCohorts) spec.cohorts.emplace_back(year, std::max(kMinFamilies, county.grade_one));
    spec.seed = options.seed;
    spec.as_of = kVersions[std::size(kVersions) - 1].date;
    auto families = demo::IncomingFamilies(spec);
    if (county.code == demo_county)
        for (auto& f : demo::DemoGuardianFamilies(spec.communities.front())) families.push_back(std::move(f));
    return families;
}

// One department's export of one date as CSV text: the header the schema names, then a line per row. No demo
// value holds a comma or a quote, so no field needs quoting.
std::map<std::string, std::string> Exports(const std::vector<demo::IncomingFamily>& families, const char* date) {
    std::map<std::string, std::string> csv;
    for (const auto& f : families)
        for (const auto& row : demo::RowsAt(f, date)) {
            std::string& text = csv[row.department];
            if (text.empty()) {
                for (const auto& [name, value] : row.fields) text += (text.empty() ? "" : ",") + name;
                text += '\n';
            }
            for (std::size_t i = 0; i < row.fields.size(); ++i) text += (i ? "," : "") + row.fields[i].second;
            text += '\n';
        }
    return csv;
}

}  // namespace

std::string SeedEnrollmentSources(App& app, const SeedOptions& options, const std::string& demo_county,
                                  std::int64_t operator_id) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<demo::IncomingFamily> families;
    for (const auto& county : Counties(app.database()))
        for (auto& f : Families(county, options, demo_county)) families.push_back(std::move(f));
    const auto hasher = enrollment::MakeIdHasher(app.vault());
    auto c = app.database().Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    int records = 0;
    for (const auto& version : kVersions) {
        const auto date = *ParseIsoDate(version.date);
        for (const auto& [key, csv] : Exports(families, version.date)) {
            const Department d = *enrollment::ParseDepartment(key);
            enrollment::SnapshotPreview preview;
            const auto snapshot = enrollment::BatchSource(d, hasher).Parse(csv, enrollment::FileFormat::kCsv, date, preview);
            records += enrollment::PersistSnapshotIn(*c, d, snapshot, operator_id, version.confirmed_at).records;
        }
    }
    tx.Commit();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("department data: {} families, {} versions, {} records in {:.1f} s", families.size(),
                       std::size(kVersions), records, secs);
}

std::vector<demo::IncomingFamily> DemoCountyFamilies(App& app, const SeedOptions& options,
                                                    const std::string& demo_county) {
    for (const auto& county : Counties(app.database()))
        if (county.code == demo_county) return Families(county, options, demo_county);
    return {};
}

}  // namespace kehou::app
