#pragma once
// 易入学 The facts an enrollment decision rests on, as the departments' shared data give them (公安户籍, 不动产,
// 人社社保, 居住证, 卫健出生医学证明), and a county's admission policy as configuration (RULES R5.7), not code.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kehou::enrollment {

using Date = std::chrono::year_month_day;

/// An unbroken period of a monthly fact — a residence permit held, social insurance paid, a business licence in
/// force — from its start to the last day the source vouches for.
struct Period {
    Date from;
    Date to;
};

/// Whose name a home is in, as R5.3 distinguishes owners.
enum class Owner { kParent, kChild, kPaternalGrandparent, kMaternalGrandparent, kOther };

/// 不动产 One home of the family.
struct Property {
    std::string community;  // the community (社区) code of its address
    Owner owner = Owner::kParent;
    int share_percent = 100;
    Date certificate_date;
    bool in_city = true;  // in the city's urban area (a home elsewhere does not bar 仅有户籍)
};

/// One parent's facts (R5.4, R5.5): the permit and the insurance or licence runs, and whether they are an only
/// child (R5.3: grandparents' homes count only through an only son or an only daughter).
struct ParentFacts {
    bool is_father = true;
    bool only_child = false;
    std::optional<Period> residence_permit;
    std::optional<Period> social_insurance;
    std::optional<Period> business_licence;
};

/// Everything the rules read about one child, each fact from one source.
struct Facts {
    Date birth_date;
    std::optional<std::string> hukou_community;  // 户籍 the registration's community code
    std::optional<Date> hukou_move_in;
    bool hukou_in_county = false;  // registered in the county that admits
    bool hukou_in_city = false;    // registered in the city's urban area
    std::optional<std::string> residence_community;  // where the family actually lives
    bool renting = false;                            // lives in a rented home (a filed lease)
    bool lives_with_grandparents = false;
    std::vector<Property> properties;
    std::vector<ParentFacts> parents;
};

/// What a category may require (R5.3, R5.6), checked against the catchment (学区) of the school applied to.
enum class Condition {
    kSameAddress,          // 房户住三一致: registration, own home and residence at one address in the catchment
    kHukouInCatchment,     // registered at an address of the catchment
    kHomeInCatchment,      // a home in the catchment owned as R5.3 allows (parents; grandparents as it says)
    kResidenceInCatchment, // lives in the catchment
    kHukouInCounty,
    kHukouOutsideCity,     // 随迁子女: registered outside the city's urban area
    kNoPropertyInCity,     // the family owns no home in the urban area
    kRenting,
    kMigrantMinimum,       // the policy's minimum months (R5.4 / R5.5)
    kWholeOwnership,       // the qualifying home is 100 % owned (R5.6 tiers 1–4)
};

/// 类别 One admission category: every condition must hold.
struct Category {
    std::string name;
    std::vector<Condition> all;
};

/// R5.4/R5.5 minimum: at least one parent with a permit and with insurance or a licence, each at least `months`
/// unbroken months up to `as_of`.
struct MonthsRule {
    int months = 12;
    Date as_of;
    bool permit_required = true;
};

/// R5.5 points: per unbroken month up to `as_of`, capped; in tenths of a point so 0.5 stays exact.
struct PointsRule {
    int permit_tenths_per_month = 10;
    int insurance_tenths_per_month = 5;
    int cap_months = 72;
    Date as_of;
};

/// The order within a category when a school is oversubscribed (R5.7).
enum class TieBreaker { kHukouMoveInEarliest, kPropertyCertificateEarliest, kPointsHighest, kLottery };

/// A county's admission policy for one entry grade and year.
struct Policy {
    int entry_age = 6;
    int cutoff_month = 8, cutoff_day = 31;  // R5.3: 6 years old by 31 August
    std::vector<Category> categories;       // in order of priority
    std::optional<MonthsRule> migrant_minimum;
    std::optional<PointsRule> points;
    std::vector<TieBreaker> tie_breakers;
};

}  // namespace kehou::enrollment
