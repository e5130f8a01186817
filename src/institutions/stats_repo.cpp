#include "institutions/stats_repo.hpp"

#include "institutions/repo_util.hpp"

namespace kehou::institutions::repo {
namespace {

constexpr db::Query kInstitutions{
    "inst.stats_institutions",
    "SELECT unit_code, category, status, COUNT(*) FROM inst_institution WHERE org_path LIKE $1 || '%'"
    " GROUP BY unit_code, category, status"};
// received_at and closed_at are RFC 3339 in +08:00, so their first ten characters are the Shanghai date.
constexpr db::Query kComplaints{
    "inst.stats_complaints",
    "SELECT unit_code, due_date, CASE WHEN status = 'closed' THEN SUBSTR(closed_at, 1, 10) END FROM inst_complaint"
    " WHERE org_path LIKE $1 || '%' AND (CAST($2 AS TEXT) IS NULL OR SUBSTR(received_at, 1, 10) >= $2)"
    " AND (CAST($3 AS TEXT) IS NULL OR SUBSTR(received_at, 1, 10) <= $3)"};
constexpr db::Query kCases{"inst.stats_cases",
                           "SELECT i.unit_code, k.state, SUBSTR(k.opened_at, 1, 10), k.rectify_by FROM inst_case k"
                           " JOIN inst_institution i ON i.id = k.institution_id WHERE k.org_path LIKE $1 || '%'"};

// The ledger's money lines per order (RULES R6.2): only the amounts written, never a stored balance.
#define KEHOU_LEDGER_SUMS                                                                              \
    " LEFT JOIN (SELECT e.order_id,"                                                                   \
    " SUM(CASE WHEN e.kind = 'deposit' THEN e.amount_fen ELSE 0 END) AS deposited,"                    \
    " SUM(CASE WHEN e.kind = 'released' THEN e.amount_fen ELSE 0 END) AS released,"                    \
    " SUM(CASE WHEN e.kind = 'refunded' THEN e.amount_fen ELSE 0 END) AS refunded"                     \
    " FROM inst_escrow_entry e JOIN inst_order x ON x.id = e.order_id WHERE x.org_path LIKE $1 || '%'" \
    " GROUP BY e.order_id) s ON s.order_id = o.id"
#define KEHOU_ESCROW_FIGURES                                                                                       \
    " COUNT(*), COUNT(DISTINCT o.payer_mobile_hash), COALESCE(SUM(s.deposited), 0), COALESCE(SUM(s.released), 0)," \
    " COALESCE(SUM(s.refunded), 0) FROM inst_order o"                                                              \
    " JOIN inst_institution i ON i.id = o.institution_id" KEHOU_LEDGER_SUMS " WHERE o.org_path LIKE $1 || '%'"

constexpr db::Query kEscrowByCounty{"inst.stats_escrow_by_county",
                                    "SELECT i.unit_code," KEHOU_ESCROW_FIGURES " GROUP BY i.unit_code"};
constexpr db::Query kEscrowOverall{"inst.stats_escrow_overall", "SELECT ''," KEHOU_ESCROW_FIGURES};

EscrowSums ReadEscrow(const db::Row& r) {
    return {r.Text(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)};
}

}  // namespace

std::vector<CategoryStatusCount> InstitutionsByCategoryAndStatus(db::Connection& c, const std::string& scope) {
    std::vector<CategoryStatusCount> out;
    for (const auto& r : c.Query(kInstitutions, {scope}))
        out.push_back({r.Text(0), Enum<InstitutionCategory>(r.Text(1)), Enum<InstitutionStatus>(r.Text(2)), r.Int(3)});
    return out;
}

std::vector<ComplaintTiming> ComplaintTimings(db::Connection& c, const std::string& scope,
                                              const std::optional<std::string>& from,
                                              const std::optional<std::string>& to) {
    std::vector<ComplaintTiming> out;
    for (const auto& r : c.Query(kComplaints, {scope, db::Opt(from), db::Opt(to)}))
        out.push_back({r.Text(0), r.Text(1), r.OptText(2)});
    return out;
}

std::vector<CaseTiming> CaseTimings(db::Connection& c, const std::string& scope) {
    std::vector<CaseTiming> out;
    for (const auto& r : c.Query(kCases, {scope}))
        out.push_back({r.Text(0), Enum<CaseState>(r.Text(1)), r.Text(2), r.OptText(3)});
    return out;
}

std::vector<EscrowSums> EscrowByCounty(db::Connection& c, const std::string& scope) {
    std::vector<EscrowSums> out;
    for (const auto& r : c.Query(kEscrowByCounty, {scope})) out.push_back(ReadEscrow(r));
    return out;
}

EscrowSums EscrowOverall(db::Connection& c, const std::string& scope) {
    return ReadEscrow(c.Query(kEscrowOverall, {scope})[0]);
}

}  // namespace kehou::institutions::repo
