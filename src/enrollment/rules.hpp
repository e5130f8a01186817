#pragma once
// 入学规则 The admission rules as pure functions over a child's facts and a county's policy (RULES R5.1–R5.7):
// age, the minimum months and points of migrant children, the category a child falls in for a school's
// catchment, and the order of applicants within an oversubscribed school.

#include <set>

#include "enrollment/model.hpp"

namespace kehou::enrollment {

/// R5.3: the child is `policy.entry_age` on the cut-off day (31 August) of the enrollment year; a birthday on
/// the cut-off day itself is in time.
bool OldEnough(Date birth, int year, const Policy& policy);

/// The whole calendar months an unbroken run covers up to `as_of` (R5.5 counts back from the cut-off and only the
/// unbroken run); 0 when the run has ended before `as_of`. A month counts when the run covers all of it.
int UnbrokenMonths(const std::optional<Period>& run, Date as_of);

/// R5.4/R5.5: some parent holds a permit (if required) and insurance or a licence, each for the minimum months.
bool MeetsMinimum(const Facts& facts, const MonthsRule& rule);

/// R5.5: the parents' points in tenths — permit months × 1, insurance (or licence) months × 0.5, each capped.
int PointsTenths(const Facts& facts, const PointsRule& rule);

/// R5.3: whether a home's owner lets it count for the child — a parent or the child; a grandparent through an only
/// son (paternal) or an only daughter (maternal); any grandparent when the parents own nothing and the family lives
/// with them.
bool QualifyingOwner(const Property& home, const Facts& facts);

/// A school's catchment (学区划片, R5.2): its community codes; a multi-school catchment lists the same codes for
/// each of its schools.
using Catchment = std::set<std::string>;

/// Whether one condition holds for the child at a school with this catchment.
bool Holds(Condition c, const Facts& facts, const Catchment& catchment, const Policy& policy);

/// The index of the first category whose conditions all hold, or nullopt when none does.
std::optional<std::size_t> CategoryOf(const Facts& facts, const Catchment& catchment, const Policy& policy);

/// One applicant as the ranking sees them.
struct Ranked {
    std::int64_t id = 0;
    std::size_t category = 0;
    std::optional<Date> hukou_move_in;
    std::optional<Date> property_certificate;
    int points_tenths = 0;
    std::uint64_t draw = 0;  // the shared lottery's draw (lottery::Draw); lower goes first
};

/// The earliest certificate date of the homes that qualify in the catchment (R5.6's length of holding).
std::optional<Date> QualifyingCertificateDate(const Facts& facts, const Catchment& catchment);

/// R5.3/R5.7: by category, then each tie-breaker in order (missing dates last), then the id so the order is total.
void Rank(std::vector<Ranked>& applicants, const std::vector<TieBreaker>& tie_breakers);

/// The default policy: Jinan 历下's three categories (R5.3), ranked by registration move-in date, then lottery.
Policy LixiaPolicy(int year);

}  // namespace kehou::enrollment
