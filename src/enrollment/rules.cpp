#include "enrollment/rules.hpp"

#include <algorithm>

namespace kehou::enrollment {
namespace {

using namespace std::chrono;

int MonthIndex(Date d) { return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1; }

bool IsLastDayOfMonth(Date d) { return d.day() == year_month_day_last(d.year(), month_day_last(d.month())).day(); }

int LongerOf(const std::optional<Period>& a, const std::optional<Period>& b, Date as_of) {
    return std::max(UnbrokenMonths(a, as_of), UnbrokenMonths(b, as_of));
}

bool OwnsNothingInCity(const Facts& f) {
    return std::none_of(f.properties.begin(), f.properties.end(), [](const Property& p) {
        return p.in_city && (p.owner == Owner::kParent || p.owner == Owner::kChild);
    });
}

bool HasOnlyChildParent(const Facts& f, bool father) {
    return std::any_of(f.parents.begin(), f.parents.end(),
                       [&](const ParentFacts& p) { return p.is_father == father && p.only_child; });
}

// The qualifying homes of the catchment, optionally wholly owned.
std::vector<const Property*> HomesIn(const Facts& f, const Catchment& catchment, bool whole_only) {
    std::vector<const Property*> out;
    for (const auto& p : f.properties)
        if (catchment.contains(p.community) && QualifyingOwner(p, f) && (!whole_only || p.share_percent == 100))
            out.push_back(&p);
    return out;
}

template <typename T>
int CompareOptional(const std::optional<T>& a, const std::optional<T>& b) {  // missing goes last
    if (a && b) return *a < *b ? -1 : (*b < *a ? 1 : 0);
    return a ? -1 : (b ? 1 : 0);
}

}  // namespace

bool OldEnough(Date birth, int year, const Policy& policy) {
    const Date cutoff{std::chrono::year(year), month(static_cast<unsigned>(policy.cutoff_month)),
                      day(static_cast<unsigned>(policy.cutoff_day))};
    // Born on 29 February: the birthday falls on 1 March in a common year; compare (month, day) as the calendar does.
    const Date birthday_reached{birth.year() + years(policy.entry_age), birth.month(), birth.day()};
    const auto reached = birthday_reached.ok() ? sys_days(birthday_reached)
                                               : sys_days(year_month_day_last(birthday_reached.year(),
                                                                              month_day_last(birth.month()))) + days(1);
    return reached <= sys_days(cutoff);
}

int UnbrokenMonths(const std::optional<Period>& run, Date as_of) {
    if (!run || run->to < as_of || as_of < run->from) return 0;
    const int first = MonthIndex(run->from) + (run->from.day() == day(1) ? 0 : 1);
    const int last = MonthIndex(as_of) - (IsLastDayOfMonth(as_of) ? 0 : 1);
    return std::max(0, last - first + 1);
}

bool MeetsMinimum(const Facts& facts, const MonthsRule& rule) {
    return std::any_of(facts.parents.begin(), facts.parents.end(), [&](const ParentFacts& p) {
        const bool permit = !rule.permit_required || UnbrokenMonths(p.residence_permit, rule.as_of) >= rule.months;
        return permit && LongerOf(p.social_insurance, p.business_licence, rule.as_of) >= rule.months;
    });
}

int PointsTenths(const Facts& facts, const PointsRule& rule) {
    int total = 0;
    for (const auto& p : facts.parents) {
        total += std::min(UnbrokenMonths(p.residence_permit, rule.as_of), rule.cap_months) * rule.permit_tenths_per_month;
        total += std::min(LongerOf(p.social_insurance, p.business_licence, rule.as_of), rule.cap_months) *
                 rule.insurance_tenths_per_month;
    }
    return total;
}

bool QualifyingOwner(const Property& home, const Facts& facts) {
    switch (home.owner) {
        case Owner::kParent:
        case Owner::kChild: return true;
        case Owner::kPaternalGrandparent:
        case Owner::kMaternalGrandparent: {
            if (OwnsNothingInCity(facts) && facts.lives_with_grandparents) return true;
            return HasOnlyChildParent(facts, home.owner == Owner::kPaternalGrandparent);
        }
        case Owner::kOther: return false;
    }
    return false;
}

bool Holds(Condition c, const Facts& f, const Catchment& catchment, const Policy& policy) {
    const auto in = [&](const std::optional<std::string>& community) {
        return community && catchment.contains(*community);
    };
    switch (c) {
        case Condition::kSameAddress: {
            if (!in(f.hukou_community) || f.residence_community != f.hukou_community) return false;
            const auto homes = HomesIn(f, catchment, false);
            return std::any_of(homes.begin(), homes.end(),
                               [&](const Property* p) { return p->community == *f.hukou_community; });
        }
        case Condition::kHukouInCatchment: return in(f.hukou_community);
        case Condition::kHomeInCatchment: return !HomesIn(f, catchment, false).empty();
        case Condition::kResidenceInCatchment: return in(f.residence_community);
        case Condition::kHukouInCounty: return f.hukou_in_county;
        // An unknown registration is no registration elsewhere: the child is not taken for a migrant on no record.
        case Condition::kHukouOutsideCity: return f.hukou_community.has_value() && !f.hukou_in_city;
        case Condition::kNoPropertyInCity: return OwnsNothingInCity(f);
        case Condition::kRenting: return f.renting;
        case Condition::kMigrantMinimum: return !policy.migrant_minimum || MeetsMinimum(f, *policy.migrant_minimum);
        case Condition::kWholeOwnership: return !HomesIn(f, catchment, true).empty();
    }
    return false;
}

std::optional<std::size_t> CategoryOf(const Facts& facts, const Catchment& catchment, const Policy& policy) {
    for (std::size_t i = 0; i < policy.categories.size(); ++i) {
        const auto& all = policy.categories[i].all;
        if (std::all_of(all.begin(), all.end(), [&](Condition c) { return Holds(c, facts, catchment, policy); }))
            return i;
    }
    return std::nullopt;
}

std::optional<Date> QualifyingCertificateDate(const Facts& facts, const Catchment& catchment) {
    std::optional<Date> earliest;
    for (const auto* p : HomesIn(facts, catchment, false))
        if (!earliest || p->certificate_date < *earliest) earliest = p->certificate_date;
    return earliest;
}

void Rank(std::vector<Ranked>& applicants, const std::vector<TieBreaker>& tie_breakers) {
    std::sort(applicants.begin(), applicants.end(), [&](const Ranked& a, const Ranked& b) {
        if (a.category != b.category) return a.category < b.category;
        for (const auto t : tie_breakers) {
            int c = 0;
            switch (t) {
                case TieBreaker::kHukouMoveInEarliest: c = CompareOptional(a.hukou_move_in, b.hukou_move_in); break;
                case TieBreaker::kPropertyCertificateEarliest:
                    c = CompareOptional(a.property_certificate, b.property_certificate);
                    break;
                case TieBreaker::kPointsHighest: c = b.points_tenths - a.points_tenths; break;
                case TieBreaker::kLottery: c = a.draw < b.draw ? -1 : (b.draw < a.draw ? 1 : 0); break;
            }
            if (c != 0) return c < 0;
        }
        return a.id < b.id;
    });
}

Policy LixiaPolicy(int year) {
    Policy p;
    p.categories = {
        {"房户住三一致", {Condition::kSameAddress}},
        {"仅有户籍", {Condition::kHukouInCatchment, Condition::kNoPropertyInCity, Condition::kRenting}},
        {"随迁子女", {Condition::kHukouOutsideCity, Condition::kResidenceInCatchment, Condition::kMigrantMinimum}},
    };
    // R5.4: a permit and insurance of at least a year, each begun by 31 August of the year before.
    p.migrant_minimum = MonthsRule{12, Date{std::chrono::year(year), month(8), day(31)}, true};
    p.tie_breakers = {TieBreaker::kHukouMoveInEarliest, TieBreaker::kLottery};
    return p;
}

}  // namespace kehou::enrollment
