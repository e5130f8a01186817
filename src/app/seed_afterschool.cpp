// The after-school half of `kehou seed`: reads back the registry just written, plans the service with
// src/demo/afterschool_plan (deterministic from the seed) and writes it with afterschool::BulkWriter.
#include "app/seed_afterschool.hpp"
#include "app/seed_sessions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "afterschool/allocation.hpp"
#include "afterschool/bulk.hpp"
#include "afterschool/rules.hpp"
#include "core/time.hpp"
#include "demo/afterschool_plan.hpp"
#include "lottery/lottery.hpp"

namespace kehou::app {
namespace {

using afterschool::FeeStandard;

constexpr int kWeeks = 16;  // September to December, March to June
// The Shandong caps (RULES R2.1) as the city publishes them; off-work 17:30 + 30 min: the latest batch ≥ 18:00.
const FeeStandard kCityStandard{300, 350, std::nullopt, std::nullopt, 17 * 60 + 30, 30};
// The demo county sets its own, a little lower, with a semester cap (R2.2).
const FeeStandard kCountyStandard{250, 300, 54000, std::nullopt, 17 * 60 + 30, 30};
constexpr int kWindowDays = 4;

std::string At(int year, int month, int day, int hour, int minute) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:00+08:00", year, month, day, hour, minute);
}

std::string Thousands(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string FirstSubject(const std::string& subjects) {
    return subjects.substr(0, subjects.find("、"));
}

/// The registry in plan form, in registry order.
struct Loaded {
    std::vector<org::School> schools;
    std::vector<demo::PlanSchool> plans;
    std::vector<std::string> units;  // county-level units with schools, in order of their first school
};

Loaded Load(afterschool::BulkWriter& w) {
    Loaded out;
    out.schools = w.Schools();
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < out.schools.size(); ++i) {
        const org::School& s = out.schools[i];
        index[s.id] = i;
        out.plans.push_back({i, s.unit_code, s.stage, s.is_rural, s.grade_from, s.grade_to, {}, {}});
        if (std::find(out.units.begin(), out.units.end(), s.unit_code) == out.units.end())
            out.units.push_back(s.unit_code);
    }
    for (const auto& t : w.Teachers())
        out.plans[index.at(t.school_id)].teachers.push_back({t.id, t.name, t.retired, FirstSubject(t.subjects)});
    for (std::size_t i = 0; i < out.schools.size(); ++i)
        for (const auto& p : w.PupilsOf(out.schools[i].id)) out.plans[i].pupils.push_back({p.id, p.grade});
    return out;
}

/// A county's autumn window: its id and when it opened.
struct WindowRef {
    std::int64_t id = 0;
    TimePoint opens;
    std::unordered_map<std::int64_t, std::string> instants;  // most seats go in the first hours: format once

    const std::string& At(std::int64_t second) {
        auto it = instants.find(second);
        if (it == instants.end())
            it = instants.emplace(second, FormatShanghai(opens + std::chrono::seconds(second))).first;
        return it->second;
    }
};

/// The demo accounts' registry records: demo.teacher's teacher and demo.parent's children.
struct DemoPeople {
    std::int64_t teacher = 0;
    std::vector<std::int64_t> children;
};

/// Writes the plan, unit by unit and school by school, counting what it wrote.
class Seeder {
public:
    Seeder(const SeedOptions& o, afterschool::BulkWriter& w, const Loaded& loaded,
           const std::map<std::string, org::Unit>& units, const DemoPeople& demo)
        : o_(o),
          demo_(demo),
          w_(w),
          loaded_(loaded),
          units_(units),
          autumn_(fmt::format("{}-autumn", o.school_year)),
          spring_(fmt::format("{}-spring", o.school_year + 1)),
          demo_county_(loaded.schools.at(0).unit_code) {}

    void Units() {
        const int y = o_.school_year;
        const org::Unit* demo = &units_.at(demo_county_);
        const org::Unit* city = &units_.at(demo->parent_code);
        w_.AddFeeStandard(city->code, city->org_path, autumn_, kCityStandard, At(y, 7, 1, 9, 0));
        w_.AddFeeStandard(city->code, city->org_path, spring_, kCityStandard, At(y, 11, 1, 9, 0));
        w_.AddFeeStandard(demo->code, demo->org_path, autumn_, kCountyStandard, At(y, 7, 15, 9, 0));
        for (std::size_t k = 0; k < loaded_.units.size(); ++k) {
            const org::Unit* unit = &units_.at(loaded_.units[k]);
            auto& ids = providers_[unit->code];
            plans_[unit->code] = demo::PlanProviders(unit->code, o_.seed);
            for (const auto& p : plans_[unit->code])
                ids.push_back(w_.AddProvider({p.name, p.credit_code, unit->code, p.category, p.free_public_benefit},
                                             unit->org_path, At(y, 6, 20, 9, 30), At(y, 7, 10, 10, 0)));
            // Counties open their windows in waves, a day apart (DESIGN.md: flattening the rush).
            const int day = 1 + static_cast<int>(k % 3);
            const afterschool::WindowInput in{unit->code,
                                              std::nullopt,
                                              autumn_,
                                              fmt::format("{}年秋季学期课后服务选课（{}）", y, unit->name),
                                              "first_come",
                                              At(y, 9, day, 18, 0),
                                              At(y, 9, day + kWindowDays, 18, 0),
                                              3,
                                              2,
                                              {}};
            windows_[unit->code] = {w_.AddWindow(in, unit->org_path, std::nullopt, At(y, 8, 25, 9, 0)),
                                    *ParseRfc3339(in.opens_at)};
        }
    }

    const FeeStandard& AutumnStandard(const org::School& s) const {
        return s.unit_code == demo_county_ ? kCountyStandard : kCityStandard;
    }

    void Schools(const std::vector<demo::Participation>& take) {
        const std::string autumn_at = At(o_.school_year, 8, 20, 10, 0);
        const std::string now = FormatShanghai(std::chrono::system_clock::now());
        for (std::size_t i = 0; i < loaded_.schools.size(); ++i) {
            const org::School& s = loaded_.schools[i];
            const demo::PlanSchool& plan = loaded_.plans[i];
            const FeeStandard& standard = AutumnStandard(s);
            Week(s, autumn_, plan, standard, autumn_at);
            Week(s, spring_, plan, kCityStandard, now);
            demo::OfferOptions options{o_.seed,
                                       0,
                                       afterschool::HourlyCapFen(standard, s.is_rural),
                                       take[i].served,
                                       take[i].teaching,
                                       {},
                                       plans_[s.unit_code]};
            options.window_seconds = std::int64_t{kWindowDays} * 86400;
            // demo.teacher teaches a section; demo.parent's child has homework help and a course.
            if (demo_.teacher > 0) options.must_teach.push_back(demo_.teacher);
            options.must_serve = demo_.children;
            Write(s, autumn_, demo::PlanOffer(plan, options), standard, &windows_.at(s.unit_code), autumn_at);
        }
    }

    /// The demo school's smaller spring catalogue, and its lottery window: open since yesterday, closing in
    /// two weeks, so demo.parent can rank courses right away.
    void DemoSpring() {
        const org::School& s = loaded_.schools.at(0);
        const demo::PlanSchool& plan = loaded_.plans.at(0);
        const auto headcount = demo::HeadcountOf(plan);
        demo::OfferOptions options{o_.seed,
                                   1,
                                   afterschool::HourlyCapFen(kCityStandard, s.is_rural),
                                   0,
                                   std::min(headcount.teachers, headcount.min_teaching + 5),
                                   {},
                                   plans_[s.unit_code]};
        options.clubs = 6;
        options.volunteer_courses = 1;
        options.provider_courses = 1;
        if (demo_.teacher > 0) options.must_teach.push_back(demo_.teacher);
        const auto now = std::chrono::system_clock::now();
        Write(s, spring_, demo::PlanOffer(plan, options), kCityStandard, nullptr, FormatShanghai(now));
        std::vector<std::string> order;
        for (auto g : afterschool::DefaultPriorityOrder()) order.emplace_back(afterschool::PriorityGroupName(g));
        const afterschool::WindowInput in{s.unit_code,
                                          s.id,
                                          spring_,
                                          fmt::format("{}年春季学期课后服务志愿填报", o_.school_year + 1),
                                          "lottery",
                                          FormatShanghai(now - std::chrono::hours(24)),
                                          FormatShanghai(now + std::chrono::hours(24 * 14)),
                                          3,
                                          2,
                                          order};
        w_.AddWindow(in, s.org_path, lottery::NewSeed(), FormatShanghai(now));
    }

    std::int64_t sections() const { return sections_; }
    std::int64_t seats() const { return seats_; }

private:
    void Week(const org::School& s, const std::string& semester, const demo::PlanSchool& plan, const FeeStandard& st,
              const std::string& at) {
        std::vector<afterschool::ServiceDay> days;
        for (const auto& d : demo::PlanServiceWeek(plan, afterschool::EarliestLatestEnd(st), o_.seed))
            days.push_back({d.weekday, d.lessons_end, d.batch_ends});
        w_.AddServiceWeek(s, semester, days, st, at);
    }

    void Write(const org::School& s, const std::string& semester, const demo::SchoolOffer& offer, const FeeStandard& st,
               WindowRef* window, const std::string& at) {
        std::vector<afterschool::BulkSeat>& seats = seats_buffer_;  // reused: a school's seats, written at once
        seats.clear();
        for (const auto& c : offer.courses) {
            afterschool::CourseInput in{s.id,
                                        semester,
                                        c.title,
                                        c.category,
                                        c.description,
                                        c.venue,
                                        c.grade_from,
                                        c.grade_to,
                                        c.instructor_kind,
                                        c.teacher_id,
                                        std::nullopt,
                                        c.instructor_name,
                                        c.fee_per_hour_fen,
                                        0,
                                        kWeeks,
                                        {}};
            if (c.provider) in.provider_id = providers_.at(s.unit_code).at(*c.provider);
            std::vector<afterschool::BulkSection> sections;
            for (const auto& x : c.sections) {
                auto& b = sections.emplace_back(
                    afterschool::BulkSection{x.capacity, static_cast<int>(x.seats.size()), kWeeks, {}});
                for (const auto& t : x.slots) b.slots.push_back({t.weekday, t.start, t.end});
            }
            const auto ids = w_.AddCourse(s, in, sections, st, at);
            sections_ += std::ssize(ids);
            if (!window) continue;
            for (std::size_t k = 0; k < ids.size(); ++k)
                for (std::size_t q = 0; q < c.sections[k].seats.size(); ++q) {
                    const auto& seat = c.sections[k].seats[q];
                    seats.push_back(
                        {ids[k], seat.student_id, static_cast<std::int64_t>(q + 1), window->At(seat.second)});
                }
        }
        if (window) w_.AddSeats(window->id, s.org_path, seats);
        seats_ += std::ssize(seats);
    }

    const SeedOptions& o_;
    const DemoPeople& demo_;
    afterschool::BulkWriter& w_;
    const Loaded& loaded_;
    const std::map<std::string, org::Unit>& units_;
    std::string autumn_, spring_, demo_county_;
    std::map<std::string, std::vector<demo::ProviderPlan>> plans_;
    std::map<std::string, std::vector<std::int64_t>> providers_;
    std::map<std::string, WindowRef> windows_;
    std::vector<afterschool::BulkSeat> seats_buffer_;
    std::int64_t sections_ = 0, seats_ = 0;
};

Principal DemoParent(std::int64_t user_id) {
    return {user_id, "demo.parent", "家长（演示）", Role::kGuardian, "/"};
}

/// R4.2: the demo parent has read and accepted the after-school notice for their children.
void GrantDemoConsent(App& app, std::int64_t guardian_user_id, const std::vector<std::int64_t>& children) {
    for (auto child : children) app.org().SetConsent(DemoParent(guardian_user_id), child, "afterschool", "v1", true);
}

/// "/370800/370811/": the county of the first school, where the demo accounts live.
std::optional<std::string> DemoCountyPath(db::Database& database) {
    constexpr db::Query kFirst{"seed.first_school_path", "SELECT org_path FROM org_school ORDER BY id LIMIT 1"};
    auto c = database.Acquire();
    const auto r = c->Query(kFirst);
    if (r.empty()) return std::nullopt;
    const std::string& path = r[0].Text(0);
    return path.substr(0, path.find('/', path.find('/', 1) + 1) + 1);
}

}  // namespace

std::string SeedAfterschool(App& app, const SeedOptions& options, std::int64_t teacher_user_id,
                            std::int64_t guardian_user_id) {
    const auto start = std::chrono::steady_clock::now();
    // Looked up before the writer takes its connection: the seed holds few of the pool's.
    DemoPeople demo{app.org().TeacherIdOfUser(teacher_user_id).value_or(0), {}};
    for (const auto& child : app.org().ListChildren(DemoParent(guardian_user_id))) demo.children.push_back(child.id);
    std::map<std::string, org::Unit> units;
    for (auto& u : app.org().ListUnits({0, "seed", "seed", Role::kCityAdmin, "/"})) units[u.code] = u;
    std::int64_t sections = 0, seats = 0;
    {
        // Every reference is to a row of the registry or of this writer (see RunSeed).
        afterschool::BulkWriter writer(app.database(), afterschool::BulkWriter::kRowsPerTransaction,
                                       {.fresh_database = true});
        const Loaded loaded = Load(writer);
        if (loaded.schools.empty()) return "after-school: nothing to seed";
        std::vector<demo::Headcount> headcounts;
        for (const auto& plan : loaded.plans) headcounts.push_back(demo::HeadcountOf(plan));
        Seeder seeder(options, writer, loaded, units, demo);
        seeder.Units();
        seeder.Schools(demo::PlanParticipation(headcounts, options.seed));
        seeder.DemoSpring();
        writer.Commit();
        sections = seeder.sections();
        seats = seeder.seats();
    }
    GrantDemoConsent(app, guardian_user_id, demo.children);
    // The demo county's term so far (the whole city would hold millions of sessions; one county shows it).
    std::int64_t held = 0, rated = 0;
    if (const auto county = DemoCountyPath(app.database())) {
        held = SeedHeldSessions(app.database(), *county, options.school_year);
        rated = SeedRatings(app.database(), *county, options.school_year);
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("after-school: {} sections, {} seats, {} sessions held, {} course ratings in {:.1f} s",
                       Thousands(sections), Thousands(seats), Thousands(held), Thousands(rated), secs);
}

}  // namespace kehou::app
