// The demo county's summer custody (seed 004: "100%覆盖全区29所义务教育学校", two periods): one site per ten schools,
// each serving its own and the next nine, so every compulsory-education school is covered; safety plans with the
// host school's teachers as staff. 2026: surveyed, signed up, drawn by the services, attended (July 2026), closed.
// 2027: open for sign-up with some families signed up — never demo.parent's children, left for the demo.
// The families' answers and sign-ups are written in one batch each (the services ask a guardian's session per call);
// the plans, safety plans, the draw and the moves go through the services.
#include "app/seed_custody.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "core/time.hpp"
#include "custody/family_service.hpp"
#include "custody/repo.hpp"
#include "db/transaction.hpp"

namespace kehou::app {
namespace {

using custody::PlanStatus;

constexpr std::size_t kSchoolsPerSite = 10;
constexpr std::int64_t kChildrenPerSchool = 8;  // asked in the survey, per school and summer

struct Child {
    org::Student student;
    std::int64_t site_id = 0;
};

// Monday to Friday of the `week`-th week from the first Monday on or after 10 July (2026: 13–17 July).
std::pair<std::string, std::string> Week(int year, int week) {
    using namespace std::chrono;
    auto day = sys_days{std::chrono::year{year} / July / 10};
    while (weekday{day} != Monday) day += days{1};
    day += days{7 * week};
    return {FormatIsoDate(year_month_day{day}), FormatIsoDate(year_month_day{day + days{4}})};
}

custody::PlanInput PlanOf(const CustodySeedAccounts& a, const std::vector<org::School>& schools, int year) {
    custody::PlanInput in{a.county_code, fmt::format("{}年暑期托管", year), year, {}, std::nullopt};
    const auto [s1, e1] = Week(year, 0);
    const auto [s2, e2] = Week(year, 1);
    in.plan.periods = {{1, "第一期", s1, e1, std::nullopt}, {2, "第二期", s2, e2, std::nullopt}};
    for (std::size_t i = 0; i < schools.size(); i += kSchoolsPerSite) {
        custody::Site s;
        s.id = static_cast<std::int64_t>(in.plan.sites.size() + 1);  // provisional, as the routes' parser gives
        s.host_school_id = schools[i].id;
        s.name = schools[i].name + "托管点";
        for (std::size_t k = i; k < std::min(schools.size(), i + kSchoolsPerSite); ++k)
            s.served_schools.push_back(schools[k].id);
        // A little under the survey's demand, so the draw has work to do.
        const int places = static_cast<int>(s.served_schools.size() * kChildrenPerSchool * 3 / 5);
        s.capacity = {{1, places}, {2, places}};
        s.content = {custody::ContentType::kReading, custody::ContentType::kHomeworkHelp, custody::ContentType::kSport,
                     custody::ContentType::kArt, custody::ContentType::kGames};
        s.activities = {{custody::ContentType::kReading, "快乐读书吧"}, {custody::ContentType::kHomeworkHelp, "暑期作业辅导"},
                        {custody::ContentType::kArt, "我是小歌手"}, {custody::ContentType::kSport, "快乐体育"}};
        in.plan.sites.push_back(std::move(s));
    }
    return in;
}

// The host school's first teachers as staff; the host school's admin writes demo.school's own site.
void SafetyPlans(App& app, const CustodySeedAccounts& a, const Principal& county, const custody::PlanDetail& plan) {
    const Principal school{a.school_user, "seed", "seed", Role::kSchoolAdmin, a.school_path};
    for (std::size_t i = 0; i < plan.stored.plan.sites.size(); ++i) {
        const auto& site = plan.stored.plan.sites[i];
        custody::SafetyInput in{{"托管点负责人", fmt::format("1380537{:04}", 1000 + i), {{"学校值班室", "0537-2210110"}}},
                                {}};
        for (const auto& t : app.org().ListTeachers(county, site.host_school_id, std::nullopt, 1, 4).items)
            in.staff_teacher_ids.push_back(t.id);
        const bool own = plan.stored.infos[i].org_path == a.school_path;
        app.custody_plans().PutSafety(own ? school : county, site.id, in);
    }
}

// The first children of a school with their registered flags. One indexed query per school: the org service's
// student list pages a whole county's roster with masked numbers, ~0.1 s a school at county scale.
constexpr db::Query kChildren{"seed.cu_children",
                              "SELECT id, org_path, migrant, hardship, left_behind, military_family, dual_income FROM"
                              " org_student WHERE school_id = $1 AND status = 'enrolled' ORDER BY id LIMIT $2"};

// Some children of every school, each at the site serving their school; demo.parent's never.
std::vector<Child> Families(App& app, const custody::PlanDetail& plan, const std::set<std::int64_t>& skip) {
    auto c = app.database().Acquire();
    std::vector<Child> out;
    for (const auto& site : plan.stored.plan.sites)
        for (const auto school : site.served_schools)
            for (const auto& r : c->Query(kChildren, {school, kChildrenPerSchool + 2})) {
                if (skip.contains(r.Int(0))) continue;
                Child k;
                k.student.id = r.Int(0);
                k.student.org_path = r.Text(1);
                k.student.flags = {.migrant = r.Int(2) != 0, .hardship = r.Int(3) != 0, .left_behind = r.Int(4) != 0,
                                   .military_family = r.Int(5) != 0, .dual_income = r.Int(6) != 0};
                k.site_id = site.id;
                out.push_back(std::move(k));
            }
    return out;
}

// Survey answers for everyone, sign-ups for most (both periods, or one), in one transaction.
int WriteFamilies(App& app, std::int64_t plan_id, const std::vector<std::int64_t>& periods,
                  const std::vector<Child>& children, std::mt19937& rng, std::int64_t user, const std::string& now) {
    auto c = app.database().Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    int signups = 0;
    for (const auto& k : children) {
        const int pick = static_cast<int>(rng() % 6);  // 0: no need; 1–2: first only; 3: second only; else both
        std::vector<std::int64_t> wanted;
        if (pick == 1 || pick == 2 || pick >= 4) wanted.push_back(periods[0]);
        if (pick >= 3) wanted.push_back(periods[1]);
        custody::repo::UpsertSurvey(*c, plan_id, k.student.id, k.student.org_path, {!wanted.empty(), wanted}, user, now);
        if (rng() % 5 == 0) continue;  // asked, did not sign up
        for (const auto period : wanted) {
            custody::SignupRow row;
            row.plan_id = plan_id;
            row.site_id = k.site_id;
            row.period_id = period;
            row.student_id = k.student.id;
            row.org_path = k.student.org_path;
            row.groups = custody::GroupsOnRecord(k.student.flags);
            row.created_at = now;
            custody::repo::InsertSignup(*c, row, user);
            ++signups;
        }
    }
    tx.Commit();
    return signups;
}

// Every service day of both periods: most placed children present, most of those fed (配餐).
int WriteAttendance(App& app, const custody::PlanDetail& plan, std::mt19937& rng, std::int64_t user) {
    auto c = app.database().Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    int marks = 0;
    for (const auto& site : plan.stored.plan.sites) {
        const auto ref = *custody::repo::FindSite(*c, site.id);
        for (const auto& period : plan.stored.plan.periods) {
            auto day = std::chrono::sys_days{*ParseIsoDate(period.start_date)};
            const auto last = std::chrono::sys_days{*ParseIsoDate(period.end_date)};
            for (; day <= last; day += std::chrono::days{1}) {
                const auto wd = std::chrono::weekday{day}.c_encoding();
                if (wd == 0 || wd == 6) continue;
                const auto date = FormatIsoDate(std::chrono::year_month_day{day});
                for (const auto& r : custody::repo::Roll(*c, site.id, period.id, date)) {
                    const bool present = rng() % 10 != 0;
                    custody::repo::PutMark(*c, ref, period.id, date, {r.student_id, present, present && rng() % 8 != 0},
                                           user, date + "T17:30:00+08:00");
                    ++marks;
                }
            }
        }
    }
    tx.Commit();
    return marks;
}

std::vector<std::int64_t> PeriodIds(const custody::PlanDetail& plan) {
    std::vector<std::int64_t> out;
    for (const auto& p : plan.stored.plan.periods) out.push_back(p.id);
    return out;
}

}  // namespace

std::string SeedCustody(App& app, const CustodySeedAccounts& a) {
    const auto start = std::chrono::steady_clock::now();
    const Principal county{a.county_user, "seed", "seed", Role::kDistrictAdmin, a.county_path};
    auto schools = app.org().ListSchools(county, {a.county_code, std::nullopt, std::nullopt, 1, 1000000}).items;
    if (schools.empty()) return "custody: no schools";
    std::set<std::int64_t> demo_children;
    for (const auto& s : app.org().ListChildren({a.parent_user, "seed", "seed", Role::kGuardian, a.school_path}))
        demo_children.insert(s.id);
    std::mt19937 rng(static_cast<unsigned>(a.seed) + 2026u);
    auto& plans = app.custody_plans();
    // 2026: the summer as it happened.
    auto past = plans.Create(county, PlanOf(a, schools, 2026));
    SafetyPlans(app, a, county, past);
    plans.Move(county, past.stored.record.id, PlanStatus::kSurvey);
    const auto children = Families(app, past, demo_children);
    const int signups = WriteFamilies(app, past.stored.record.id, PeriodIds(past), children, rng, a.county_user,
                                      "2026-07-06T09:00:00+08:00");
    plans.Move(county, past.stored.record.id, PlanStatus::kSignup);
    plans.Allocate(county, past.stored.record.id);
    const int marks = WriteAttendance(app, past, rng, a.county_user);
    plans.Move(county, past.stored.record.id, PlanStatus::kClosed);
    // 2027: sign-up open now; a third of the families have signed up.
    auto next = plans.Create(county, PlanOf(a, schools, 2027));
    SafetyPlans(app, a, county, next);
    plans.Move(county, next.stored.record.id, PlanStatus::kSurvey);
    // The same families, each at the 2027 site serving their school (the sites are new rows).
    const auto next_children = Families(app, next, demo_children);
    std::vector<Child> early;
    for (std::size_t i = 0; i < next_children.size(); i += 3) early.push_back(next_children[i]);
    const int open = WriteFamilies(app, next.stored.record.id, PeriodIds(next), early, rng, a.county_user,
                                   FormatShanghai(std::chrono::system_clock::now()));
    plans.Move(county, next.stored.record.id, PlanStatus::kSignup);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("custody: {} sites for {} schools, 2026 {} sign-ups and {} attendance marks, 2027 {} sign-ups "
                       "open in {:.1f} s",
                       past.stored.plan.sites.size(), schools.size(), signups, marks, open, secs);
}

}  // namespace kehou::app
