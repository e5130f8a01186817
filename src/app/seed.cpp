#include "app/seed.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>

#include "app/app.hpp"
#include "app/seed_afterschool.hpp"
#include "app/seed_enrollment.hpp"
#include "app/seed_enrollment_sources.hpp"
#include "app/seed_homework.hpp"
#include "app/seed_institutions.hpp"
#include "app/seed_custody.hpp"
#include "app/seed_providers.hpp"
#include "auth/service.hpp"
#include "crypto/crypto.hpp"
#include "db/bulk_load.hpp"
#include "db/meta_repo.hpp"
#include "demo/generator.hpp"
#include "org/bulk.hpp"

namespace kehou::app {
namespace {

constexpr db::Query kCountSchools{"seed.count_schools", "SELECT COUNT(*) FROM org_school"};
// Each commit rewrites the dirtied index pages (the look-up hashes are random keys), so commits are rare.
constexpr std::size_t kRowsPerTransaction = 400000;

/// Receives the generated city and writes it through the registry's bulk writer; remembers the
/// first school, teacher and guardian of the seeded county for the demo accounts.
class RegistrySink : public demo::Sink {
public:
    explicit RegistrySink(org::BulkWriter& w) : writer_(w) {}

    void OnSchool(std::size_t index, const demo::School& s) override {
        schools_.resize(index + 1);
        schools_[index] = writer_.AddSchool({0, s.school_code, s.name, s.unit_code, "", s.stage, s.is_public,
                                             s.is_rural, s.grade_from, s.grade_to, s.address});
        school_classes_.clear();
        teachers_in_school_ = 0;
        Tick();
    }
    void OnClass(std::size_t index, const demo::Class& k) override {
        classes_.resize(index + 1);
        classes_[index] = writer_.AddClass(schools_.at(k.school_index), k.grade, k.class_no, k.entry_year);
        school_classes_.push_back(classes_[index].id);
        Tick();
    }
    void OnTeacher(const demo::Teacher& t) override {
        const auto id = writer_.AddTeacher(schools_.at(t.school_index),
                                           {0, t.name, t.sex, t.mobile, t.subjects, t.retired});
        if (!first_teacher_id && t.school_index == 0) first_teacher_id = id;
        // The school's first teachers are its classes' head teachers (班主任); every teacher teaches their
        // first subject in one class, so each teacher's own-classes scope is non-empty.
        if (!school_classes_.empty()) {
            const auto n = school_classes_.size();
            if (teachers_in_school_ < n) writer_.AssignClassTeacher(school_classes_[teachers_in_school_], id, "head");
            writer_.AssignClassTeacher(school_classes_[teachers_in_school_ % n], id, "subject", t.subjects.at(0));
        }
        ++teachers_in_school_;
        Tick();
    }
    void OnStudent(const demo::Student& s) override {
        const org::Class& k = classes_.at(s.class_index);
        const auto id = writer_.AddStudent(k, {k.id, s.name, s.sex, s.id_number, s.student_number,
                                               {s.disability, s.migrant, s.hardship, s.left_behind,
                                                s.military_family, s.dual_income}});
        for (const auto& g : s.guardians) {
            const auto gid = writer_.AddGuardian(id, {g.name, g.relation, g.mobile, g.pickup_authorised});
            if (!first_guardian_id && k.school_id == schools_.front().id) first_guardian_id = gid;
            Tick();
        }
        Tick();
    }

    const org::School& first_school() const { return schools_.front(); }
    std::optional<std::int64_t> first_teacher_id, first_guardian_id;

private:
    void Tick() {
        if (++rows_ % kRowsPerTransaction == 0) writer_.Checkpoint();
    }
    org::BulkWriter& writer_;
    std::vector<org::School> schools_;
    std::vector<org::Class> classes_;
    std::vector<std::int64_t> school_classes_;  // the current school's classes (the generator goes school by school)
    std::size_t teachers_in_school_ = 0;
    std::size_t rows_ = 0;
};

void PrintLogIns(std::ostream& out, const std::vector<DemoAccount>& accounts) {
    out << "demo log-ins (password " << kDemoPassword << "):\n";
    for (const auto& a : accounts) out << fmt::format("  {:<15} {:<15} {}\n", a.username, a.role, a.display_name);
}

std::vector<DemoAccount> DemoAccounts(const org::School& school) {
    const std::string county = school.org_path.substr(0, school.org_path.find('/', 8) + 1);  // "/370800/370811/"
    return {{"demo.city", "city_admin", "济宁市教育和体育局（演示）", "/370800/"},
            {"demo.county", "district_admin", "区县教育局（演示）", county},
            {"demo.school", "school_admin", school.name + "管理员（演示）", school.org_path},
            {"demo.teacher", "teacher", "教师（演示）", school.org_path},
            {"demo.parent", "guardian", "家长（演示）", school.org_path},
            {"demo.provider", "provider", "第三方机构（演示）", county},
            {"demo.inspector", "inspector", "执法检查员（演示）", county}};
}

/// The rows were written with SQLite's foreign-key checks off (db::FreshLoad): prove every reference
/// resolves now, all at once (~2 s for the city). PostgreSQL checked each row as it was written.
void CheckReferences(db::Connection& c) {
    if (c.dialect() != db::Dialect::kSqlite) return;
    const auto broken = c.Query(db::Query{"seed.foreign_key_check", "PRAGMA foreign_key_check"});
    if (!broken.empty())
        throw std::runtime_error(fmt::format("the seed left {} broken reference(s), the first in table {}",
                                             broken.size(), broken[0].Text(0)));
}

}  // namespace

int RunSeed(const Config& config, const SeedOptions& options, std::ostream& out, std::ostream& err) {
    const auto scale = demo::ParseScale(options.scale);
    if (!scale) {
        err << "kehou: 规模须为 tiny、county 或 city / scale must be tiny, county or city\n";
        return 2;
    }
    App app(config);  // migrates, loads the key, writes the management units
    {
        auto c = app.database().Acquire();
        if (c->Query(kCountSchools)[0].Int(0) > 0) {
            if (options.if_empty) {
                out << "kehou: the registry already holds schools; not seeding\n";
                if (db::GetMeta(*c, "demo_seed")) {
                    std::vector<DemoAccount> accounts;
                    for (const auto& u : app.auth().ListUsers({0, "", "", Role::kCityAdmin, "/"}, 1, 200))
                        if (u.is_demo)
                            accounts.push_back({u.username, std::string(RoleName(u.role)), u.display_name,
                                                u.scope_path});
                    PrintLogIns(out, accounts);
                }
                return 0;
            }
            err << "kehou: 数据库中已有学校，不再导入演示数据 / the registry already holds schools; seed an empty "
                   "database\n";
            return 1;
        }
    }
    const auto start = std::chrono::steady_clock::now();
    // An empty database, written only by this seed: every reference is to a row just written (checked all
    // at once at the end), and two indexes whose keys arrive at random — the guardians' mobile look-up
    // hashes, the seats' times — are built once at the end instead of row by row.
    const db::BulkOptions fresh{.fresh_database = true};
    db::DeferredIndexes deferred(app.database(), {"ix_org_guardian_mobile", "ix_as_seat_updated"});
    org::BulkWriter writer(app.database(), app.vault(), fresh);
    RegistrySink sink(writer);
    const demo::Totals totals = demo::Generate(*scale, options.seed, options.school_year, sink);
    auto& auth = app.auth();
    const auto accounts = DemoAccounts(sink.first_school());
    std::vector<std::int64_t> ids;
    writer.Commit();
    for (const auto& a : accounts)
        ids.push_back(auth.CreateUser({a.username, a.display_name, *ParseRole(a.role), a.scope_path, kDemoPassword,
                                       true, false}).id);
    org::BulkWriter links(app.database(), app.vault(), fresh);
    if (sink.first_teacher_id) links.LinkTeacherAccount(*sink.first_teacher_id, ids[3]);
    if (sink.first_guardian_id) links.LinkGuardianAccount(*sink.first_guardian_id, ids[4]);
    links.Commit();
    const std::string sources = SeedEnrollmentSources(app, options, sink.first_school().unit_code, ids[0]);
    const std::string afterschool = SeedAfterschool(app, options, ids[3], ids[4]);
    const std::string institutions = SeedInstitutions(app, options, ids[1], ids[6], accounts[6].scope_path);
    const std::string homework = SeedHomework(app, options, {ids[1], ids[2], ids[3], ids[4]});
    const std::string providers = SeedProviders(
        app, options, {ids[1], ids[2], ids[5], sink.first_school().unit_code, accounts[1].scope_path,
                       sink.first_school().id, sink.first_school().org_path});
    const std::string enrollment = SeedEnrollmentSeasons(
        app, DemoCountyFamilies(app, options, sink.first_school().unit_code),
        {sink.first_school().unit_code, ids[1], ids[2], sink.first_school().org_path, sink.first_school().id,
         static_cast<int>(options.seed)});
    const std::string custody = SeedCustody(
        app, {sink.first_school().unit_code, accounts[1].scope_path, ids[1], ids[2], ids[4], sink.first_school().org_path,
              static_cast<int>(options.seed)});
    deferred.Rebuild();
    {
        auto c = app.database().Acquire();
        CheckReferences(*c);
        db::PutMeta(*c, "demo_seed", fmt::format("{} seed={} school_year={}", options.scale, options.seed,
                                                 options.school_year));
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out << fmt::format("seeded the {} demo city in {:.1f} s: {} schools, {} classes, {} teachers, {} students, {} "
                       "guardians; {}; {}; {}; {}; {}; {}; {}\n",
                       options.scale, secs, totals.schools, totals.classes, totals.teachers, totals.students,
                       totals.guardians, afterschool, institutions, homework, providers, sources, enrollment, custody);
    PrintLogIns(out, accounts);
    return 0;
}

}  // namespace kehou::app
