#pragma once
// 招生季 The county's side of enrollment: a season with its policy (R5.7), seat plans and catchments (R5.2), closing
// it, the admission run with the shared lottery's commit–reveal (R5.1, R5.3, R5.7), publication, the placements and
// the masked public list (R3.11).

#include "core/principal.hpp"
#include "db/database.hpp"
#include "enrollment/app_model.hpp"
#include "enrollment/evaluate.hpp"
#include "enrollment/repo.hpp"
#include "org/service.hpp"

namespace kehou::enrollment {

/// What a season's evaluations read besides the application: its policy, the county's geography and catchments.
struct SeasonContext {
    Season season;
    Policy policy;
    Geography geography;
    std::vector<SchoolPlan> plans;
    std::vector<CatchmentPlan> catchments;  // public schools only, in plan order
};
SeasonContext LoadSeasonContext(db::Connection& c, const Season& season);

/// The reader for a principal: a guardian by their org_guardian id, staff by their scope.
repo::Reader ReaderOf(db::Connection& c, const Principal& p);

/// The lottery's public record of a season.
struct LotteryRecord {
    std::string commitment;
    std::optional<std::string> seed;
    std::string algorithm, context;
    std::optional<std::string> input_digest, result_digest;
};

/// New season fields.
struct SeasonInput {
    std::string unit_code, title, opens_on, closes_on;
    int year = 0, entry_grade = 1;
};

/// Seasons on behalf of a principal. Thread-safe.
class SeasonService {
public:
    SeasonService(db::Database& database, org::OrgService& org);

    std::vector<Season> List(const Principal& p);
    std::pair<Season, std::vector<SchoolPlan>> Get(const Principal& p, std::int64_t id);
    Season Create(const Principal& p, const SeasonInput& in);
    Season PutPolicy(const Principal& p, std::int64_t id, const Policy& policy);
    /// Replaces every plan and catchment; whether a school is private is the school's own registration.
    Season PutPlans(const Principal& p, std::int64_t id, std::vector<SchoolPlan> plans);
    Season Close(const Principal& p, std::int64_t id);
    /// The run (run_service.cpp): from closed, or again from admitted; reveals the seed.
    std::pair<Season, RunSummary> Run(const Principal& p, std::int64_t id);
    Season Publish(const Principal& p, std::int64_t id);

    LotteryRecord Lottery(const Principal& p, std::int64_t id);
    std::vector<PlacementRow> Placements(const Principal& p, std::int64_t id, std::optional<std::int64_t> school_id);
    /// R3.11: masked names and numbers, once published.
    std::vector<PlacementRow> PublicList(const Principal& p, std::int64_t id, std::optional<std::int64_t> school_id);

private:
    /// The season in the caller's scope, for a county's write (404 out of scope, 403 for a school's staff).
    Season ForCountyWrite(db::Connection& c, const Principal& p, std::int64_t id);
    Season Reload(db::Connection& c, const Principal& p, std::int64_t id);

    db::Database& database_;
    org::OrgService& org_;
};

/// The lottery context of a season, "enrollment-season-<id>": keeps its draws apart from every other lottery's.
std::string LotteryContext(std::int64_t season_id);

}  // namespace kehou::enrollment
