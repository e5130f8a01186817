// The demo county's enrollment (issue 8): the 2026 season as history (applications, reviews, the run, publication,
// appeals, dated in July 2026) and the 2027 season open now with most families applied, some uploads waiting for
// the school's review. Everything goes through the enrollment services; only the dates are moved afterwards, since
// the services stamp the present. What is seeded and why: docs/enrollment.md "Demo seasons".
#include "app/seed_enrollment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/time.hpp"
#include "enrollment/repo.hpp"
#include "lottery/lottery.hpp"

namespace kehou::app {
namespace {

using enrollment::Department;

constexpr db::Query kGuardians{
    "seed.en_guardians",
    "SELECT DISTINCT g.id FROM org_guardian g JOIN org_student_guardian sg ON sg.guardian_id = g.id JOIN org_student s"
    " ON s.id = sg.student_id WHERE s.org_path LIKE $1 || '%' AND g.user_id IS NULL ORDER BY g.id LIMIT $2"};
constexpr db::Query kBackdateApp{"seed.en_backdate_application",
                                 "UPDATE en_application SET submitted_at = $2, decided_at = CASE WHEN decided_at IS NULL"
                                 " THEN NULL ELSE $3 END, updated_at = $3 WHERE id = $1"};
constexpr db::Query kBackdatePulls{"seed.en_backdate_pulls", "UPDATE en_pull_log SET pulled_at = $2 WHERE application_id = $1"};
constexpr db::Query kBackdateUploads{"seed.en_backdate_uploads", "UPDATE en_upload SET uploaded_at = $2 WHERE application_id = $1"};
constexpr db::Query kBackdateReviews{"seed.en_backdate_reviews", "UPDATE en_review SET decided_at = $2 WHERE application_id = $1"};
constexpr db::Query kBackdateSeason{
    "seed.en_backdate_season",
    "UPDATE en_season SET opens_on = $2, closes_on = $3, run_at = $4,"
    " published_at = $5, created_at = $6, updated_at = $5"
    " WHERE id = $1"};
constexpr db::Query kBackdateCreated{"seed.en_backdate_created",
                                     "UPDATE en_season SET created_at = $2, updated_at = $2 WHERE id = $1"};
constexpr db::Query kBackdatePlacements{"seed.en_backdate_placements", "UPDATE en_placement SET placed_at = $2 WHERE season_id = $1"};

// A photo of the paper as the demo has it: a 1×1 grey PNG (a real image, so the review page shows it).
constexpr unsigned char kPaperPng[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xD8, 0x01, 0x00, 0x00, 0xBA, 0x00, 0xB9, 0x9E, 0x9E, 0xE2, 0x05, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

std::string Stamp(const std::string& date, int minute_of_day) {
    return fmt::format("{}T{:02}:{:02}:00+08:00", date, minute_of_day / 60 % 24, minute_of_day % 60);
}

std::string DatePlus(const std::string& iso, int days) {
    return FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(iso)) + std::chrono::days(days));
}

// The county's plan: the demo school first (its catchment holds the demo guardian's community and is
// oversubscribed), then the public schools by code, eight communities each as the families were drawn; the second
// school shares the first's last community (a multi-school catchment, R5.2); private schools draw by lottery.
std::vector<enrollment::SchoolPlan> Plans(App& app, const Principal& county, const std::string& unit,
                                          std::int64_t demo_school) {
    org::SchoolFilter f;
    f.unit_code = unit;
    f.page_size = 500;
    auto schools = app.org().ListSchools(county, f).items;
    std::erase_if(schools, [](const org::School& s) { return s.grade_from != 1; });
    std::stable_partition(schools.begin(), schools.end(), [&](const org::School& s) { return s.id == demo_school; });
    int publics = 0;
    for (const auto& s : schools) publics += s.is_public ? 1 : 0;
    const auto communities = demo::CommunitiesOf(unit, publics);
    std::vector<enrollment::SchoolPlan> plans;
    std::vector<std::int64_t> public_ids;
    for (const auto& s : schools) {
        enrollment::SchoolPlan p;
        p.school_id = s.id;
        if (s.is_public) {
            const std::size_t at = public_ids.size() * 8;
            for (std::size_t i = at; i < at + 8 && i < communities.size(); ++i) p.communities.push_back(communities[i]);
            if (public_ids.size() == 1) p.communities.push_back(communities[7]);
            public_ids.push_back(s.id);
        }
        plans.push_back(std::move(p));
    }
    for (auto& p : plans) p.seats = p.communities.empty() ? 20 : 50;  // sized again once the families applied
    for (std::size_t i = 0; i < public_ids.size(); ++i)
        for (std::size_t k = 1; k <= 2 && k < public_ids.size(); ++k)
            plans[i].nearby.push_back(public_ids[(i + k) % public_ids.size()]);
    return plans;
}

// What the paper shows for a source a department could not vouch for, as the reviewer types it in.
std::vector<enrollment::FieldMap> PaperRecords(Department d, const demo::IncomingFamily& f) {
    if (d == Department::kHousehold)
        return {{{"community_code", f.home_community}, {"address", "户口簿所载地址"}, {"move_in_date", f.child_birth_date},
                 {"child_member", "true"}, {"father_member", "true"}, {"mother_member", "true"}}};
    if (d == Department::kBirth)
        return {{{"birth_date", f.child_birth_date}, {"father_id_number", f.father_id_number},
                 {"mother_id_number", f.mother_id_number}}};
    return {};
}

class SeasonSeeder {
public:
    SeasonSeeder(App& app, const Principal& county, const Principal& school, int seed)
        : app_(app), county_(county), school_(school), seed_(seed) {}

    std::int64_t Create(const std::string& unit, int year, const std::string& opens_on, const std::string& closes_on) {
        return app_.enrollment_seasons()
            .Create(county_, {unit, fmt::format("{}年秋季一年级招生", year), opens_on, closes_on, year, 1})
            .id;
    }

    // Seats from the applicants each school's catchment drew: the demo school a fifth short (its surplus goes to
    // the county's placement), the others with room to spare.
    void SizePlans(std::int64_t season, std::vector<enrollment::SchoolPlan> plans, std::int64_t demo_school) {
        std::map<std::int64_t, int> applicants;
        {
            auto c = app_.database().Acquire();
            for (const auto& a : enrollment::repo::SeasonApplications(*c, season, {enrollment::ApplicationStatus::kQualified,
                                                                                   enrollment::ApplicationStatus::kAwaitingUpload,
                                                                                   enrollment::ApplicationStatus::kInReview}))
                ++applicants[a.catchment_school_id.value_or(0)];  // 0: no category holds anywhere
        }
        for (auto& p : plans)
            if (!p.communities.empty())
                p.seats = p.school_id == demo_school ? applicants[p.school_id] * 4 / 5 : applicants[p.school_id] + 6;
        // Room for the children no category places (the county places them by hand after the run).
        if (plans.size() > 1) plans[1].seats += applicants[0] + 6;
        app_.enrollment_seasons().PutPlans(county_, season, plans);
    }

    // The county places by hand each child the run left unplaced, at the public school with the most seats left.
    void PlaceUnplaced(std::int64_t season, const std::vector<enrollment::SchoolPlan>& plans) {
        const auto rows = app_.enrollment_seasons().Placements(county_, season, std::nullopt);
        std::map<std::int64_t, int> left;
        for (const auto& p : app_.enrollment_seasons().Get(county_, season).second)
            if (!p.communities.empty()) left[p.school_id] = p.seats;
        for (const auto& r : rows)
            if (r.school_id && left.contains(*r.school_id)) --left[*r.school_id];
        for (const auto& r : rows) {
            if (r.placed_by != "unplaced" || left.empty()) continue;
            const auto best = std::max_element(left.begin(), left.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
            app_.enrollment_applications().Place(county_, r.application_id, best->first);
            --best->second;
        }
        (void)plans;
    }

    // Each family of the cohort applies (a share of them, `percent`); returns the ids by family index.
    std::map<std::size_t, std::int64_t> Apply(std::int64_t season, int year, const std::vector<demo::IncomingFamily>& families,
                                              const std::vector<std::int64_t>& guardians,
                                              const std::vector<enrollment::SchoolPlan>& plans, int percent) {
        std::map<std::size_t, std::int64_t> ids;
        std::vector<std::int64_t> privates;
        for (const auto& p : plans)
            if (p.communities.empty()) privates.push_back(p.school_id);
        for (std::size_t i = 0; i < families.size() && ids.size() < guardians.size(); ++i) {
            const auto& f = families[i];
            if (f.year != year || f.child_id_number == demo::kDemoChildA || f.child_id_number == demo::kDemoChildB ||
                static_cast<int>(lottery::Draw(std::to_string(seed_), "seed-apply", static_cast<std::int64_t>(i)) % 100) >= percent)
                continue;
            enrollment::ApplyInput in;
            in.season_id = season;
            in.child_name = f.child_name;
            in.child_id_number = f.child_id_number;
            in.applicant_id_number = f.applicant_id_number();
            in.relation = f.relation == "mother" ? enrollment::Parent::kMother : enrollment::Parent::kFather;
            in.declarations = {f.renting, f.lives_with_grandparents, f.father_only_child, f.mother_only_child};
            if (!privates.empty() && i % 10 == 3) in.private_school_id = privates[i % privates.size()];
            in.notice_acknowledged = true;
            try {
                const auto guardian = guardians[ids.size()];
                ids[i] = app_.enrollment_applications().Submit(in, guardian, county_.user_id);
                guardians_[ids[i]] = guardian;
            } catch (const Error&) {
                ++refused_;  // the families too young for the year (R5.3): refused before anything is pulled
            }
        }
        return ids;
    }

    // The family uploads each asked paper; a reviewer accepts household and birth papers and refuses what a migrant
    // family could not complete. With `decide` false half of the uploads are left waiting for review.
    void UploadAndReview(const std::map<std::size_t, std::int64_t>& ids, const std::vector<demo::IncomingFamily>& families,
                         bool decide) {
        auto& svc = app_.enrollment_applications();
        int n = 0;
        for (const auto& [index, id] : ids) {
            const auto d = svc.Get(county_, id);
            if (d.record.status != enrollment::ApplicationStatus::kAwaitingUpload) continue;
            std::vector<Department> asked;
            for (std::size_t i = 0; i < d.progress.size(); ++i)
                if (d.progress[i] == enrollment::SourceProgress::kAwaitingUpload) asked.push_back(d.dossier.sources[i].department);
            if (!decide && ++n % 2 == 0) continue;  // this family has not uploaded yet
            for (const auto dep : asked)
                svc.UploadFor(guardians_.at(id), county_.user_id, id, enrollment::ToString(dep), "材料照片.png",
                              std::string_view(reinterpret_cast<const char*>(kPaperPng), sizeof kPaperPng));
            if (!decide && n % 3 != 0) continue;  // waits for the school's or the county's review
            for (const auto dep : asked) {
                auto records = PaperRecords(dep, families[index]);
                const auto reviewer = svc.Get(county_, id).record.org_path.starts_with(school_.scope_path) ? school_ : county_;
                if (records.empty()) {
                    svc.Reject(county_, id, "未按期补齐居住证、社保材料");
                    break;
                }
                svc.Review(reviewer, id, {dep, enrollment::ReviewDecision::kAccepted, std::move(records), std::nullopt});
            }
        }
    }

    // Moves a season's stamps into its own window: submissions over its days, decisions a day or two later.
    void Backdate(const std::map<std::size_t, std::int64_t>& ids, const std::string& opens_on, int days) {
        auto c = app_.database().Acquire();
        int k = 0;
        for (const auto& [index, id] : ids) {
            const auto day = DatePlus(opens_on, k % days);
            const int minute = 8 * 60 + static_cast<int>((index * 37) % (13 * 60));
            const auto submitted = Stamp(day, minute);
            const auto reviewed = Stamp(DatePlus(day, 1 + k % 2), 10 * 60 + k % 300);
            const bool one_click = OneClick(*c, id);
            c->Execute(kBackdateApp, {id, submitted, one_click ? submitted : reviewed});
            c->Execute(kBackdatePulls, {id, submitted});
            c->Execute(kBackdateUploads, {id, Stamp(day, minute + 30)});
            c->Execute(kBackdateReviews, {id, reviewed});
            ++k;
        }
    }

    int refused() const { return refused_; }

private:
    static bool OneClick(db::Connection& c, std::int64_t id) {
        constexpr db::Query kOneClick{"seed.en_one_click", "SELECT one_click FROM en_application WHERE id = $1"};
        return c.Query(kOneClick, {id})[0].Int(0) != 0;
    }

    App& app_;
    Principal county_, school_;
    int seed_;
    int refused_ = 0;
    std::map<std::int64_t, std::int64_t> guardians_;  // application → the guardian who applied
};

}  // namespace

std::string SeedEnrollmentSeasons(App& app, const std::vector<demo::IncomingFamily>& families,
                                  const EnrollmentSeedAccounts& a) {
    const auto start = std::chrono::steady_clock::now();
    const std::string county_path = fmt::format("/370800/{}/", a.county_code);
    const Principal county{a.county_user, "demo.county", "demo.county", Role::kDistrictAdmin, county_path};
    const Principal school{a.school_user, "demo.school", "demo.school", Role::kSchoolAdmin, a.school_path};
    const auto today = ShanghaiDate(std::chrono::system_clock::now());
    std::vector<std::int64_t> guardians;
    {
        auto c = app.database().Acquire();
        for (const auto& r : c->Query(kGuardians, {county_path, std::int64_t{360}})) guardians.push_back(r.Int(0));
    }
    const auto plans = Plans(app, county, a.county_code, a.demo_school);
    SeasonSeeder seeder(app, county, school, a.seed);
    auto& seasons = app.enrollment_seasons();

    // 2026: applied, reviewed, run and published in July.
    const auto past = seeder.Create(a.county_code, 2026, today, today);
    seasons.PutPlans(county, past, plans);
    const std::vector<std::int64_t> first(guardians.begin(), guardians.begin() + guardians.size() / 2);
    const auto past_ids = seeder.Apply(past, 2026, families, first, plans, 100);
    seeder.UploadAndReview(past_ids, families, true);
    seeder.SizePlans(past, plans, a.demo_school);
    seasons.Close(county, past);
    seasons.Run(county, past);
    seeder.PlaceUnplaced(past, plans);
    seasons.Publish(county, past);
    seeder.Backdate(past_ids, "2026-07-01", 15);
    // 2027: open for the last two weeks and the next month; most families applied, some papers wait for review.
    const auto opens = DatePlus(today, -14);
    const auto current = seeder.Create(a.county_code, 2027, opens, DatePlus(today, 30));
    seasons.PutPlans(county, current, plans);
    const std::vector<std::int64_t> second(guardians.begin() + guardians.size() / 2, guardians.end());
    const auto current_ids = seeder.Apply(current, 2027, families, second, plans, 70);
    seeder.UploadAndReview(current_ids, families, false);
    seeder.SizePlans(current, plans, a.demo_school);
    seeder.Backdate(current_ids, opens, 14);
    {
        auto c = app.database().Acquire();
        c->Execute(kBackdateSeason, {past, std::string("2026-07-01"), std::string("2026-07-15"),
                                     Stamp("2026-07-20", 9 * 60 + 30), Stamp("2026-07-22", 9 * 60),
                                     Stamp("2026-06-10", 9 * 60)});
        c->Execute(kBackdatePlacements, {past, Stamp("2026-07-20", 9 * 60 + 30)});
        c->Execute(kBackdateCreated, {current, Stamp(DatePlus(opens, -7), 9 * 60)});
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("enrollment: 2026 season run and published ({} applications), 2027 open ({} applications, "
                       "{} refused as too young) in {:.1f} s",
                       past_ids.size(), current_ids.size(), seeder.refused(), secs);
}

}  // namespace kehou::app
