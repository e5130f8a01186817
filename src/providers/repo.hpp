#pragma once
// SQL of the providers tables (migrations 0017, 0019). Every read that can leave the caller's scope takes a Reader.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "providers/app_model.hpp"
#include "providers/workflow.hpp"

namespace kehou::providers::repo {

/// Who reads records: staff by scope path; a school reads its county's white list (admitted and suspended records
/// of the county containing it); a provider only the records of its credit code.
struct Reader {
    std::string scope = "/";
    bool school = false;
    std::string credit_code;  // non-empty: only this code's records
};

// Records (repo.cpp).
/// Inserts the record, its services and instructors and the 'apply' event; returns its id.
std::int64_t InsertRecord(db::Connection& c, const Record& r, const Application& a, std::int64_t by,
                          const std::string& now);
std::optional<Record> FindRecord(db::Connection& c, const Reader& who, std::int64_t id);
std::pair<std::vector<Record>, std::int64_t> ListRecords(db::Connection& c, const Reader& who, const RecordFilter& f);
/// The admitted and suspended records of one county (its exact path), for the evaluation.
std::vector<Record> EvaluatedRecords(db::Connection& c, const std::string& county_path);
/// The county units under `scope` that have records, for a city-wide evaluation list.
std::vector<std::string> UnitsWithRecords(db::Connection& c, const std::string& scope);
/// Earlier records of a credit code as CheckNewApplication weighs them: every record in the county, and the
/// black-listing exits anywhere in the city [D].
std::vector<PastRecord> PastRecords(db::Connection& c, const std::string& unit_code, const std::string& credit_code);
std::vector<ServiceOffer> ListServices(db::Connection& c, std::int64_t record_id);
std::vector<Instructor> ListInstructors(db::Connection& c, std::int64_t record_id);
std::vector<EventRow> ListEvents(db::Connection& c, std::int64_t record_id);
/// Moves the record from `from` to `to` (decided_at on admit/reject, exited_at and the reason on exit); false when
/// another request moved it first.
bool MoveRecord(db::Connection& c, std::int64_t id, ProviderStatus from, ProviderStatus to,
                std::optional<ExitReason> exit_reason, const std::string& now);
void InsertEvent(db::Connection& c, std::int64_t record_id, const std::string& event, ProviderStatus from,
                 ProviderStatus to, const std::string& reason, std::optional<ExitReason> exit_reason, std::int64_t by,
                 const std::string& now);
void SetProviderId(db::Connection& c, std::int64_t record_id, std::int64_t provider_id);

// Supervision, evaluations, notices, settings, accounts (repo_supervision.cpp).
std::int64_t InsertSpotCheck(db::Connection& c, const SpotCheck& s, std::int64_t by);
/// A record's spot checks at schools under `scope` (a school sees its own), newest first.
std::vector<SpotCheck> ListSpotChecks(db::Connection& c, std::int64_t record_id, const std::string& scope);
std::optional<SpotCheck> FindSpotCheck(db::Connection& c, std::int64_t id);
void UpsertSchoolRating(db::Connection& c, const SchoolRating& r, const std::string& org_path, std::int64_t by);
std::optional<SchoolRating> FindSchoolRating(db::Connection& c, std::int64_t record_id, std::int64_t school_id,
                                             const std::string& semester);

/// What the county's own tables say about a record in a semester: the schools' stars and the spot checks.
struct SupervisionFacts {
    std::vector<int> school_stars, spot_scores;
    int no_shows = 0;
    bool recruiting_found = false;
};
SupervisionFacts SupervisionOf(db::Connection& c, std::int64_t record_id, const std::string& semester);

void InsertEvaluation(db::Connection& c, const EvaluationItem& e, const std::string& org_path, const std::string& now);
/// Stored evaluations of a county's semester (its exact path).
std::vector<EvaluationItem> CountyEvaluations(db::Connection& c, const std::string& county_path,
                                              const std::string& semester);
std::vector<EvaluationItem> RecordEvaluations(db::Connection& c, std::int64_t record_id);
std::optional<Outcome> OutcomeOf(db::Connection& c, std::int64_t record_id, const std::string& semester);
bool SemesterClosed(db::Connection& c, const std::string& unit_code, const std::string& semester);
/// Marks the semester closed; throws db::DbError (unique) when it already was.
void InsertSemesterClose(db::Connection& c, const std::string& unit_code, const std::string& semester,
                         const std::string& org_path, std::int64_t by, const std::string& now);

void InsertNotice(db::Connection& c, const Notice& n, const std::string& org_path);
/// Notices whose school lies under `scope`; with students given, only family notices about them.
std::vector<Notice> ListNotices(db::Connection& c, const std::string& scope,
                                const std::optional<std::vector<std::int64_t>>& students);
std::int64_t CountNotices(db::Connection& c, std::int64_t record_id);

std::optional<Settings> FindSettings(db::Connection& c, const std::string& unit_code);
void UpsertSettings(db::Connection& c, const Settings& s, const std::string& org_path, std::int64_t by,
                    const std::string& now);

/// The credit code a provider log-in is linked to.
std::optional<std::string> AccountCode(db::Connection& c, std::int64_t user_id);
void UpsertAccount(db::Connection& c, std::int64_t user_id, const std::string& credit_code, std::int64_t by,
                   const std::string& now);
/// The role and scope of a user, to check that a linked account is a provider of the county.
std::optional<std::pair<std::string, std::string>> UserRoleAndScope(db::Connection& c, std::int64_t user_id);

}  // namespace kehou::providers::repo
