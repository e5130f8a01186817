#include "enrollment/dossier.hpp"

#include <algorithm>

namespace kehou::enrollment {
namespace {

bool StartsWithAny(const std::string& community, const std::vector<std::string>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](const std::string& p) { return !p.empty() && community.starts_with(p); });
}

ParentFacts& ParentOf(Facts& f, Parent who) {
    const bool father = who == Parent::kFather;
    for (auto& p : f.parents)
        if (p.is_father == father) return p;
    f.parents.push_back(ParentFacts{.is_father = father});
    return f.parents.back();
}

// Each record into the facts; returns the facts it gave, for the provenance.
std::vector<std::string> Apply(const Record& record, const Geography& where, Facts& f) {
    if (const auto* h = std::get_if<HouseholdRecord>(&record)) {
        f.hukou_community = h->community;
        f.hukou_move_in = h->move_in;
        f.hukou_in_county = h->community.starts_with(where.county_prefix);
        f.hukou_in_city = StartsWithAny(h->community, where.urban_prefixes);
        if (!f.residence_community) f.residence_community = h->community;
        return {"hukou_community", "hukou_move_in"};
    }
    if (const auto* p = std::get_if<PropertyRecord>(&record)) {
        f.properties.push_back({p->community, p->owner, p->share_percent, p->certificate_date,
                                StartsWithAny(p->community, where.urban_prefixes)});
        return {"properties"};
    }
    if (const auto* i = std::get_if<InsuranceRecord>(&record)) {
        ParentOf(f, i->holder).social_insurance = i->period;
        return {i->holder == Parent::kFather ? "father.social_insurance" : "mother.social_insurance"};
    }
    if (const auto* r = std::get_if<PermitRecord>(&record)) {
        ParentOf(f, r->holder).residence_permit = r->period;
        f.residence_community = r->community;  // where the family actually lives outranks the registered address
        return {r->holder == Parent::kFather ? "father.residence_permit" : "mother.residence_permit",
                "residence_community"};
    }
    if (const auto* b = std::get_if<BirthRecord>(&record)) {
        f.birth_date = b->birth_date;
        return {"birth_date"};
    }
    return {"primary_school"};
}

// Whether the child's case reads the department: 学籍 only on entry to grade 7; a child registered in the city's
// urban area is not a migrant, so the permit and insurance runs decide nothing for them. While the registration is
// unknown they are not asked yet: the family uploads the household booklet first, and only when it shows a migrant
// child do the permit and insurance become needed (most families are local and would upload for nothing).
bool Needed(Department d, const Facts& f, bool household_known, int entry_grade) {
    if (d == Department::kStudent) return entry_grade == 7;
    if (PerParent(d)) return household_known && !f.hukou_in_city;
    return true;
}

}  // namespace

bool Dossier::complete() const {
    return std::none_of(sources.begin(), sources.end(), [](const SourceState& s) { return s.needs_upload; });
}

Dossier BuildDossier(const std::vector<DepartmentAnswer>& answers, const Geography& where, const Declarations& declared,
                     int entry_grade) {
    Dossier d;
    // The registration first: where the family lives defaults to it, and a permit (read later) overrides it.
    std::vector<const DepartmentAnswer*> ordered;
    for (const auto& a : answers) ordered.push_back(&a);
    std::stable_sort(ordered.begin(), ordered.end(), [](const DepartmentAnswer* a, const DepartmentAnswer* b) {
        return a->department == Department::kHousehold && b->department != Department::kHousehold;
    });
    bool household_known = false;
    for (const auto* a : ordered) {
        if (a->status != SourceStatus::kVerified) continue;
        household_known = household_known || a->department == Department::kHousehold;
        for (const auto& r : a->records)
            for (auto& fact : Apply(r, where, d.facts)) d.provenance.push_back({std::move(fact), a->department, a->synced_at});
    }
    d.facts.renting = declared.renting;
    d.facts.lives_with_grandparents = declared.lives_with_grandparents;
    if (declared.father_only_child) ParentOf(d.facts, Parent::kFather).only_child = true;
    if (declared.mother_only_child) ParentOf(d.facts, Parent::kMother).only_child = true;
    for (const char* fact : {"renting", "lives_with_grandparents", "only_child"}) d.provenance.push_back({fact, {}, ""});
    for (const auto& a : answers) {
        SourceState s{a.department, a.status, a.reason, a.mismatch, a.synced_at};
        s.needed = Needed(a.department, d.facts, household_known, entry_grade);
        // A department with nothing on the child is no fault of a local family's homes: not every family owns one.
        const bool nothing_to_find = a.department == Department::kProperty && a.reason == Unavailable::kNotFound;
        s.needs_upload = s.needed && a.status != SourceStatus::kVerified && !nothing_to_find;
        d.sources.push_back(std::move(s));
    }
    return d;
}

}  // namespace kehou::enrollment
