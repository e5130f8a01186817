// SQL of a plan's periods and sites: capacity, the schools served, safety plans with their contacts, and staff.
#include <map>

#include "custody/repo.hpp"
#include "custody/repo_json.hpp"
#include "db/insert_id.hpp"

namespace kehou::custody::repo {
namespace {

constexpr db::Query kPeriods{"cu.periods",
                             "SELECT id, name, start_date, end_date, service_fee_fen FROM cu_period"
                             " WHERE plan_id = $1 ORDER BY position"};
constexpr db::Query kSites{"cu.sites",
                           "SELECT s.id, s.host_school_id, k.name, s.org_path, s.name, s.content, s.activities"
                           " FROM cu_site s JOIN org_school k ON k.id = s.host_school_id WHERE s.plan_id = $1"
                           " ORDER BY s.position, s.id"};
constexpr db::Query kServed{"cu.served_schools",
                            "SELECT x.site_id, x.school_id, k.name FROM cu_site_school x JOIN cu_site s ON s.id ="
                            " x.site_id JOIN org_school k ON k.id = x.school_id WHERE s.plan_id = $1 ORDER BY"
                            " x.site_id, CASE WHEN x.school_id = s.host_school_id THEN 0 ELSE 1 END, k.school_code"};
constexpr db::Query kCapacity{"cu.capacity",
                              "SELECT c.site_id, c.period_id, c.places FROM cu_capacity c JOIN cu_site s ON s.id ="
                              " c.site_id JOIN cu_period p ON p.id = c.period_id WHERE s.plan_id = $1"
                              " ORDER BY c.site_id, p.position"};
constexpr db::Query kSafety{"cu.safety_plans",
                            "SELECT f.site_id, f.responsible_person, f.responsible_phone FROM cu_safety_plan f"
                            " JOIN cu_site s ON s.id = f.site_id WHERE s.plan_id = $1"};
constexpr db::Query kContacts{"cu.safety_contacts",
                              "SELECT x.site_id, x.name, x.phone FROM cu_safety_contact x JOIN cu_site s ON s.id ="
                              " x.site_id WHERE s.plan_id = $1 ORDER BY x.site_id, x.position"};
constexpr db::Query kStaff{"cu.staff",
                           "SELECT x.site_id, x.teacher_id, t.name FROM cu_staff x JOIN cu_site s ON s.id = x.site_id"
                           " JOIN org_teacher t ON t.id = x.teacher_id WHERE s.plan_id = $1"
                           " ORDER BY x.site_id, x.teacher_id"};

constexpr db::Query kPeriodIds{"cu.period_ids", "SELECT id, position FROM cu_period WHERE plan_id = $1"};
constexpr db::Query kUpdatePeriod{"cu.update_period",
                                  "UPDATE cu_period SET name = $2, start_date = $3, end_date = $4, service_fee_fen = $5"
                                  " WHERE id = $1"};
constexpr db::Query kInsertPeriod{"cu.insert_period",
                                  "INSERT INTO cu_period (plan_id, position, name, start_date, end_date,"
                                  " service_fee_fen) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr db::Query kInsertPeriodReturning{"cu.insert_period_returning",
                                           "INSERT INTO cu_period (plan_id, position, name, start_date, end_date,"
                                           " service_fee_fen) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Query kDeletePeriodsFrom{"cu.delete_periods_from",
                                       "DELETE FROM cu_period WHERE plan_id = $1 AND position >= $2"};
constexpr db::Query kDeleteCapacity{"cu.delete_capacity",
                                    "DELETE FROM cu_capacity WHERE site_id IN (SELECT id FROM cu_site WHERE plan_id"
                                    " = $1)"};
constexpr db::Query kSiteIds{"cu.site_ids", "SELECT id, host_school_id FROM cu_site WHERE plan_id = $1"};
constexpr db::Query kUpdateSite{"cu.update_site",
                                "UPDATE cu_site SET position = $2, org_path = $3, name = $4, content = $5,"
                                " activities = $6 WHERE id = $1"};
constexpr db::Query kInsertSite{"cu.insert_site",
                                "INSERT INTO cu_site (plan_id, position, host_school_id, org_path, name, content,"
                                " activities) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kInsertSiteReturning{"cu.insert_site_returning",
                                         "INSERT INTO cu_site (plan_id, position, host_school_id, org_path, name,"
                                         " content, activities) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr db::Query kDeleteServed{"cu.delete_served", "DELETE FROM cu_site_school WHERE site_id = $1"};
constexpr db::Query kInsertServed{"cu.insert_served",
                                  "INSERT INTO cu_site_school (site_id, school_id) VALUES ($1, $2)"};
constexpr db::Query kInsertCapacity{"cu.insert_capacity",
                                    "INSERT INTO cu_capacity (site_id, period_id, places) VALUES ($1, $2, $3)"};
constexpr db::Query kDeleteContacts{"cu.delete_contacts", "DELETE FROM cu_safety_contact WHERE site_id = $1"};
constexpr db::Query kDeleteSafety{"cu.delete_safety", "DELETE FROM cu_safety_plan WHERE site_id = $1"};
constexpr db::Query kDeleteStaff{"cu.delete_staff", "DELETE FROM cu_staff WHERE site_id = $1"};
constexpr db::Query kDeleteSite{"cu.delete_site", "DELETE FROM cu_site WHERE id = $1"};

constexpr db::Query kFindSite{"cu.find_site",
                              "SELECT id, plan_id, host_school_id, org_path, name FROM cu_site WHERE id = $1"};
constexpr db::Query kPutSafety{
    "cu.put_safety",
    "INSERT INTO cu_safety_plan (site_id, responsible_person, responsible_phone, updated_by, updated_at) VALUES ($1,"
    " $2, $3, $4, $5) ON CONFLICT (site_id) DO UPDATE SET responsible_person = excluded.responsible_person,"
    " responsible_phone = excluded.responsible_phone, updated_by = excluded.updated_by, updated_at ="
    " excluded.updated_at"};
constexpr db::Query kInsertContact{"cu.insert_contact",
                                   "INSERT INTO cu_safety_contact (site_id, position, name, phone) VALUES ($1, $2, $3,"
                                   " $4)"};
constexpr db::Query kInsertStaff{"cu.insert_staff", "INSERT INTO cu_staff (site_id, teacher_id) VALUES ($1, $2)"};
constexpr db::Query kOnStaff{"cu.on_staff", "SELECT COUNT(*) FROM cu_staff WHERE site_id = $1 AND teacher_id = $2"};

void LoadSites(db::Connection& c, StoredPlan& out, std::map<std::int64_t, std::size_t>& at) {
    for (const auto& r : c.Query(kSites, {out.record.id})) {
        at[r.Int(0)] = out.plan.sites.size();
        Site s;
        s.id = r.Int(0);
        s.host_school_id = r.Int(1);
        s.name = r.Text(4);
        s.content = ParseContentText(r.Text(5));
        s.activities = ParseActivitiesText(r.Text(6));
        out.plan.sites.push_back(std::move(s));
        out.infos.push_back({r.Text(2), r.Text(3), {}, {}});
    }
}

void LoadSiteDetails(db::Connection& c, StoredPlan& out, const std::map<std::int64_t, std::size_t>& at) {
    const auto id = out.record.id;
    for (const auto& r : c.Query(kServed, {id})) {
        const auto i = at.at(r.Int(0));
        out.plan.sites[i].served_schools.push_back(r.Int(1));
        out.infos[i].served.push_back({r.Int(1), r.Text(2)});
    }
    for (const auto& r : c.Query(kCapacity, {id}))
        out.plan.sites[at.at(r.Int(0))].capacity.push_back({r.Int(1), static_cast<int>(r.Int(2))});
    for (const auto& r : c.Query(kSafety, {id}))
        out.plan.sites[at.at(r.Int(0))].safety = SafetyPlan{r.Text(1), r.Text(2), {}};
    for (const auto& r : c.Query(kContacts, {id})) {
        auto& safety = out.plan.sites[at.at(r.Int(0))].safety;
        if (safety) safety->emergency_contacts.push_back({r.Text(1), r.Text(2)});
    }
    for (const auto& r : c.Query(kStaff, {id})) out.infos[at.at(r.Int(0))].staff.push_back({r.Int(1), r.Text(2)});
}

// Periods by position: the first n keep their rows (ids), the rest are removed. Returns provisional id → real id.
std::map<std::int64_t, std::int64_t> WritePeriods(db::Connection& c, std::int64_t plan_id, std::vector<Period>& periods) {
    std::map<std::int64_t, std::int64_t> by_position;
    for (const auto& r : c.Query(kPeriodIds, {plan_id})) by_position[r.Int(1)] = r.Int(0);
    std::map<std::int64_t, std::int64_t> ids;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        auto& p = periods[i];
        const std::int64_t pos = static_cast<std::int64_t>(i);
        std::int64_t id = 0;
        if (const auto it = by_position.find(pos); it != by_position.end()) {
            id = it->second;
            c.Execute(kUpdatePeriod, {id, p.name, p.start_date, p.end_date, db::Opt(p.service_fee_fen)});
        } else {
            const std::vector<db::Value> params{plan_id, pos, p.name, p.start_date, p.end_date, db::Opt(p.service_fee_fen)};
            id = db::InsertForId(c, kInsertPeriod, kInsertPeriodReturning, params);
        }
        ids[p.id] = id;
        p.id = id;
    }
    c.Execute(kDeletePeriodsFrom, {plan_id, static_cast<std::int64_t>(periods.size())});
    return ids;
}

void DeleteSite(db::Connection& c, std::int64_t site_id) {
    for (const auto* q : {&kDeleteContacts, &kDeleteSafety, &kDeleteStaff, &kDeleteServed, &kDeleteSite})
        c.Execute(*q, {site_id});
}

std::int64_t WriteSite(db::Connection& c, std::int64_t plan_id, std::size_t position, const Site& s,
                       const std::string& path, std::map<std::int64_t, std::int64_t>& existing) {
    const auto pos = static_cast<std::int64_t>(position);
    if (const auto it = existing.find(s.host_school_id); it != existing.end()) {
        const auto id = it->second;
        existing.erase(it);
        c.Execute(kUpdateSite, {id, pos, path, s.name, ContentText(s.content), ActivitiesText(s.activities)});
        c.Execute(kDeleteServed, {id});
        return id;
    }
    const std::vector<db::Value> params{plan_id, pos, s.host_school_id, path, s.name, ContentText(s.content),
                                        ActivitiesText(s.activities)};
    return db::InsertForId(c, kInsertSite, kInsertSiteReturning, params);
}

}  // namespace

StoredPlan LoadPlan(db::Connection& c, const PlanRecord& record) {
    StoredPlan out;
    out.record = record;
    out.plan.county_path = record.org_path;
    for (const auto& r : c.Query(kPeriods, {record.id}))
        out.plan.periods.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.OptInt(4)});
    std::map<std::int64_t, std::size_t> at;
    LoadSites(c, out, at);
    LoadSiteDetails(c, out, at);
    return out;
}

void ReplaceStructure(db::Connection& c, std::int64_t plan_id, CustodyPlan& plan,
                      const std::vector<std::string>& site_paths) {
    c.Execute(kDeleteCapacity, {plan_id});
    const auto period_ids = WritePeriods(c, plan_id, plan.periods);
    std::map<std::int64_t, std::int64_t> existing;  // host school → site id
    for (const auto& r : c.Query(kSiteIds, {plan_id})) existing[r.Int(1)] = r.Int(0);
    for (std::size_t i = 0; i < plan.sites.size(); ++i) {
        auto& s = plan.sites[i];
        s.id = WriteSite(c, plan_id, i, s, site_paths.at(i), existing);
        for (const auto school : s.served_schools) c.Execute(kInsertServed, {s.id, school});
        for (auto& cap : s.capacity) {
            cap.period_id = period_ids.at(cap.period_id);
            c.Execute(kInsertCapacity, {s.id, cap.period_id, std::int64_t{cap.places}});
        }
    }
    for (const auto& [host, id] : existing) DeleteSite(c, id);
}

std::optional<SiteRef> FindSite(db::Connection& c, std::int64_t site_id) {
    return db::QueryOne(c, kFindSite, {site_id}, [](const db::Row& r) {
        return SiteRef{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4)};
    });
}

void PutSafety(db::Connection& c, std::int64_t site_id, const SafetyPlan& s, const std::vector<std::int64_t>& staff,
               std::int64_t user_id, const std::string& now) {
    c.Execute(kPutSafety, {site_id, s.responsible_person, s.responsible_phone, user_id, now});
    c.Execute(kDeleteContacts, {site_id});
    for (std::size_t i = 0; i < s.emergency_contacts.size(); ++i)
        c.Execute(kInsertContact, {site_id, static_cast<std::int64_t>(i), s.emergency_contacts[i].name,
                                   s.emergency_contacts[i].phone});
    c.Execute(kDeleteStaff, {site_id});
    for (const auto teacher : staff) c.Execute(kInsertStaff, {site_id, teacher});
}

bool OnStaff(db::Connection& c, std::int64_t site_id, std::int64_t teacher_id) {
    return c.Query(kOnStaff, {site_id, teacher_id})[0].Int(0) > 0;
}

}  // namespace kehou::custody::repo
