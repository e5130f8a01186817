// Custody answers as JSON: plans (summary and detail), problems, sign-ups, the family page, the draw, the roll and
// the statistics. Names appear only where the role reads them (a family its own children; a site's staff, names).
#include "custody/json_io.hpp"

#include <map>

namespace kehou::custody {
namespace {

json::array Strings(const std::vector<std::string>& v) {
    json::array out;
    for (const auto& s : v) out.emplace_back(s);
    return out;
}

json::array TiersJson(const PriorityTiers& t) {
    json::array out;
    for (const auto& tier : t.tiers) {
        json::array groups;
        for (const auto g : tier) groups.emplace_back(ToString(g));
        out.emplace_back(std::move(groups));
    }
    return out;
}

json::object HeadJson(const PlanRecord& r) {
    return {{"id", r.id},        {"unit_code", r.unit_code}, {"unit_name", r.unit_name},
            {"year", r.year},    {"title", r.title},         {"status", ToString(r.status)}};
}

json::object PeriodJson(const Period& p) {
    return {{"id", p.id},
            {"name", p.name},
            {"start_date", p.start_date},
            {"end_date", p.end_date},
            {"service_fee_fen", http::OptJson(p.service_fee_fen)}};
}

json::array NamedJson(const std::vector<Named>& v, const char* id_key) {
    json::array out;
    for (const auto& n : v) out.push_back(json::object{{id_key, n.id}, {"name", n.name}});
    return out;
}

json::array CapacityJson(const Site& s, const std::map<SitePeriodKey, CapacityCounts>& counts) {
    json::array out;
    for (const auto& c : s.capacity) {
        const auto it = counts.find({s.id, c.period_id});
        const auto n = it == counts.end() ? CapacityCounts{} : it->second;
        out.push_back(json::object{{"period_id", c.period_id},
                                   {"places", c.places},
                                   {"signed_up", n.signed_up},
                                   {"placed", n.placed},
                                   {"waitlisted", n.waitlisted}});
    }
    return out;
}

json::value SafetyJson(const Site& s, const SiteInfo& info) {
    if (!s.safety) return nullptr;
    json::array contacts;
    for (const auto& c : s.safety->emergency_contacts) contacts.push_back(json::object{{"name", c.name}, {"phone", c.phone}});
    return json::object{{"responsible_person", s.safety->responsible_person},
                        {"responsible_phone", s.safety->responsible_phone},
                        {"emergency_contacts", std::move(contacts)},
                        {"staff", NamedJson(info.staff, "teacher_id")}};
}

json::object SiteJson(const Site& s, const SiteInfo& info, const std::map<SitePeriodKey, CapacityCounts>& counts) {
    json::array content, activities;
    for (const auto t : s.content) content.emplace_back(ToString(t));
    for (const auto& a : s.activities) activities.push_back(json::object{{"type", ToString(a.type)}, {"title", a.title}});
    return {{"id", s.id},
            {"host_school_id", s.host_school_id},
            {"host_school_name", info.host_school_name},
            {"name", s.name},
            {"served_schools", NamedJson(info.served, "id")},
            {"capacity", CapacityJson(s, counts)},
            {"content", std::move(content)},
            {"activities", std::move(activities)},
            {"safety", SafetyJson(s, info)}};
}

json::array PeriodsJson(const CustodyPlan& plan) {
    json::array out;
    for (const auto& p : plan.periods) out.push_back(PeriodJson(p));
    return out;
}

json::array SitesJson(const StoredPlan& stored, const std::map<SitePeriodKey, CapacityCounts>& counts) {
    json::array out;
    for (std::size_t i = 0; i < stored.plan.sites.size(); ++i)
        out.push_back(SiteJson(stored.plan.sites[i], stored.infos[i], counts));
    return out;
}

json::object SurveyJson(const SurveySummary& s) {
    json::array per_period;
    for (const auto& [period, count] : s.per_period)
        per_period.push_back(json::object{{"period_id", period}, {"count", count}});
    return {{"answers", s.answers}, {"wanting", s.wanting}, {"per_period", std::move(per_period)}};
}

json::array GroupsJson(const std::vector<PriorityGroup>& groups) {
    json::array out;
    for (const auto g : groups) out.emplace_back(ToString(g));
    return out;
}

json::array IdsJson(const std::vector<std::int64_t>& ids) {
    json::array out;
    for (const auto id : ids) out.emplace_back(id);
    return out;
}

json::object FiguresJson(const CountyStats& x) {
    return {{"unit_code", x.unit_code},
            {"unit_name", x.unit_name},
            {"requested", x.requested},
            {"signed_up", x.signed_up},
            {"served", x.served},
            {"schools_total", x.schools_total},
            {"schools_covered", x.schools_covered},
            {"coverage_bp", http::OptJson(x.coverage_bp)},
            {"sites", x.sites},
            {"staff", x.staff},
            {"attendance_days", x.attendance_days},
            {"meals", x.meals}};
}

}  // namespace

json::object PlanSummaryJson(const PlanSummary& s) {
    auto o = HeadJson(s.record);
    o["period_count"] = s.period_count;
    o["site_count"] = s.site_count;
    o["requested"] = s.figures.requested;
    o["signed_up"] = s.figures.signed_up;
    o["placed"] = s.figures.placed;
    return o;
}

json::object PlanDetailJson(const PlanDetail& d) {
    const auto& r = d.stored.record;
    auto o = PlanSummaryJson({r, static_cast<std::int64_t>(d.stored.plan.periods.size()),
                              static_cast<std::int64_t>(d.stored.plan.sites.size()), d.figures});
    o["periods"] = PeriodsJson(d.stored.plan);
    o["sites"] = SitesJson(d.stored, d.capacity);
    o["priority_tiers"] = TiersJson(r.tiers);
    o["commitment"] = http::OptJson(r.commitment);
    o["seed"] = http::OptJson(r.seed);
    o["survey"] = SurveyJson(d.survey);
    o["allowed_moves"] = Strings(d.allowed_moves);
    return o;
}

json::array ProblemsJson(const std::vector<Problem>& problems) {
    json::array out;
    for (const auto& p : problems)
        out.push_back(json::object{{"code", p.code}, {"message", p.message_zh}, {"message_en", p.message_en},
                                   {"field", p.field}});
    return out;
}

json::object SignupJson(const SignupRow& s) {
    return {{"id", s.id},
            {"plan_id", s.plan_id},
            {"student_id", s.student_id},
            {"student_name", s.student_name},
            {"school_name", s.school_name},
            {"site_id", s.site_id},
            {"site_name", s.site_name},
            {"period_id", s.period_id},
            {"period_name", s.period_name},
            {"groups", GroupsJson(s.groups)},
            {"status", ToString(s.status)},
            {"waitlist_position",
             s.status == SignupStatus::kWaitlisted && s.position ? json::value(*s.position) : json::value(nullptr)},
            {"fee_due_fen", s.fee_due_fen},
            {"at", s.created_at}};
}

json::object FamilyChildJson(const FamilyChild& f) {
    json::value plan = nullptr;
    if (f.plan) {
        auto o = HeadJson(f.plan->record);
        o["periods"] = PeriodsJson(f.plan->plan);
        o["sites"] = SitesJson(*f.plan, f.capacity);
        o["commitment"] = http::OptJson(f.plan->record.commitment);
        o["seed"] = http::OptJson(f.plan->record.seed);
        plan = std::move(o);
    }
    json::value survey = nullptr;
    if (f.survey) survey = json::object{{"wants", f.survey->wants}, {"period_ids", IdsJson(f.survey->period_ids)}};
    json::array signups;
    for (const auto& s : f.signups) signups.push_back(SignupJson(s));
    return {{"student_id", f.child.id},
            {"name", f.child.name},
            {"school_id", f.child.school_id},
            {"school_name", f.child.school_name},
            {"groups_on_record", GroupsJson(GroupsOnRecord(f.child.flags))},
            {"plan", std::move(plan)},
            {"survey", std::move(survey)},
            {"signups", std::move(signups)}};
}

json::object AllocationJson(const AllocationView& a) {
    json::array items;
    for (const auto& i : a.items)
        items.push_back(json::object{{"site_id", i.site_id},
                                     {"site_name", i.site_name},
                                     {"period_id", i.period_id},
                                     {"period_name", i.period_name},
                                     {"capacity", i.capacity},
                                     {"placed", i.placed},
                                     {"waitlisted", i.waitlisted},
                                     {"oversubscribed", i.oversubscribed},
                                     {"lottery_context", i.lottery_context}});
    return {{"seed", http::OptJson(a.seed)}, {"commitment", http::OptJson(a.commitment)}, {"items", std::move(items)}};
}

json::object RollJson(const SiteRoll& r) {
    json::array rows;
    for (const auto& x : r.rows)
        rows.push_back(json::object{{"student_id", x.student_id},
                                    {"name", x.name},
                                    {"school_name", x.school_name},
                                    {"present", http::OptJson(x.present)},
                                    {"meal", x.meal}});
    return {{"site_id", r.site_id}, {"date", r.date}, {"period_id", r.period_id}, {"rows", std::move(rows)}};
}

json::object StatsJson(const CustodyStats& s) {
    json::array items;
    for (const auto& x : s.items) items.push_back(FiguresJson(x));
    return {{"year", s.year}, {"as_of", s.as_of}, {"items", std::move(items)}, {"total", FiguresJson(s.total)}};
}

}  // namespace kehou::custody
