#pragma once
// SQL of the county and city statistics (issue 6 point 7). Every read takes the caller's scope path. The
// queries count and sum; what depends on a date (ages, overdue, on time) is left to the service, because
// date arithmetic is spelled differently on SQLite and PostgreSQL.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "institutions/model.hpp"

namespace kehou::institutions::repo {

/// How many institutions of one county have one category and one status.
struct CategoryStatusCount {
    std::string unit_code;
    InstitutionCategory category = InstitutionCategory::kSubject;
    InstitutionStatus status = InstitutionStatus::kOperating;
    std::int64_t institutions = 0;
};

/// One complaint as the on-time figure needs it: its due date and the Shanghai date it was closed on.
struct ComplaintTiming {
    std::string unit_code;
    std::string due_date;
    std::optional<std::string> closed_on;
};

/// One inspection case as the age figure needs it.
struct CaseTiming {
    std::string unit_code;
    CaseState state = CaseState::kScheduled;
    std::string opened_on;                  // the Shanghai date it was opened
    std::optional<std::string> rectify_by;  // the decision's rectification deadline, if any
};

/// Prepaid orders of one county (or of the whole scope: unit_code empty) and their ledger sums.
struct EscrowSums {
    std::string unit_code;
    std::int64_t orders = 0;
    std::int64_t families = 0;  // distinct payers, by the keyed hash of their mobile
    std::int64_t deposited_fen = 0, released_fen = 0, refunded_fen = 0;
};

std::vector<CategoryStatusCount> InstitutionsByCategoryAndStatus(db::Connection& c, const std::string& scope);
/// Complaints received (Shanghai date) within [from, to]; an absent bound is open.
std::vector<ComplaintTiming> ComplaintTimings(db::Connection& c, const std::string& scope,
                                              const std::optional<std::string>& from,
                                              const std::optional<std::string>& to);
std::vector<CaseTiming> CaseTimings(db::Connection& c, const std::string& scope);
/// Per county: orders, families, and Σ of the ledger's deposit, released and refunded lines.
std::vector<EscrowSums> EscrowByCounty(db::Connection& c, const std::string& scope);
/// The same over the whole scope: a family paying in two counties counts once.
EscrowSums EscrowOverall(db::Connection& c, const std::string& scope);

}  // namespace kehou::institutions::repo
