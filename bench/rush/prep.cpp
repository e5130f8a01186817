#include "rush/prep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "afterschool/selection_repo.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"

namespace kehou::rush {
namespace {

constexpr db::Query kCoursesOf{"rush.courses_of", "SELECT COUNT(*) FROM as_course WHERE semester = $1"};
constexpr db::Query kSourceCourses{
    "rush.source_courses",
    "SELECT id, school_id, org_path, title, category, description, grade_from, grade_to, instructor_kind,"
    " teacher_id, provider_id, instructor_name, fee_per_hour_fen, status FROM as_course WHERE semester = $1"
    " ORDER BY id"};
constexpr db::Query kInsertCourse{
    "rush.insert_course",
    "INSERT INTO as_course (school_id, org_path, semester, title, category, description, grade_from, grade_to,"
    " instructor_kind, teacher_id, provider_id, instructor_name, fee_per_hour_fen, status, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"};
constexpr db::Query kSourceSections{"rush.source_sections",
                                   "SELECT id, course_id, school_id, org_path, label, venue, capacity, weeks"
                                   " FROM as_section WHERE semester = $1 ORDER BY id"};
constexpr db::Query kInsertSection{
    "rush.insert_section",
    "INSERT INTO as_section (course_id, school_id, org_path, semester, label, venue, capacity, taken, weeks)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) RETURNING id"};
constexpr db::Query kCopySlots{"rush.copy_slots",
                               "INSERT INTO as_section_slot (section_id, weekday, start_minute, end_minute)"
                               " SELECT $1, weekday, start_minute, end_minute FROM as_section_slot WHERE section_id = $2"};
constexpr db::Query kCounties{"rush.counties",
                              "SELECT DISTINCT u.code, u.org_path FROM org_unit u JOIN org_school s"
                              " ON s.unit_code = u.code ORDER BY u.code"};
// Each enrolled child with its grade, school path and first guardian (and that guardian's account, if any).
constexpr db::Query kChildren{
    "rush.children",
    "SELECT st.id, st.school_id, k.grade, sc.org_path, MIN(sg.guardian_id) FROM org_student st"
    " JOIN org_class k ON k.id = st.class_id JOIN org_school sc ON sc.id = st.school_id"
    " JOIN org_student_guardian sg ON sg.student_id = st.id WHERE st.status = 'enrolled'"
    " AND (CAST($1 AS BIGINT) IS NULL OR st.school_id = $1)"
    " GROUP BY st.id, st.school_id, k.grade, sc.org_path ORDER BY st.id"};
constexpr db::Query kGuardianAccounts{"rush.guardian_accounts",
                                      "SELECT id, user_id FROM org_guardian WHERE user_id IS NOT NULL"};
constexpr db::Query kInsertUser{
    "rush.insert_user",
    "INSERT INTO auth_user (username, display_name, role, scope_path, password_hash, must_change_password,"
    " is_demo, is_active, created_at) VALUES ($1, '压测家长', 'guardian', $2, $3, FALSE, TRUE, TRUE, $4) RETURNING id"};
constexpr db::Query kLinkGuardian{"rush.link_guardian", "UPDATE org_guardian SET user_id = $2 WHERE id = $1"};
constexpr db::Query kConsent{"rush.consent",
                             "INSERT INTO org_consent (student_id, guardian_id, purpose, notice_version, granted_at)"
                             " VALUES ($1, $2, 'afterschool', 'rush', $3)"};
constexpr db::Query kSession{"rush.session",
                             "INSERT INTO auth_session (token_hash, user_id, csrf_token, created_at, last_seen_at,"
                             " client_address) VALUES ($1, $2, $3, $4, $4, '127.0.0.1')"};

/// A section of the rush's catalogue as a family sees it.
struct Offered {
    std::int64_t id = 0, course_id = 0;
    int grade_from = 1, grade_to = 9;
    double weight = 0;  // Zipf popularity within its school
};

/// Copies the source semester's courses, sections and slots; returns the new sections by school.
std::map<std::int64_t, std::vector<Offered>> CopyCatalogue(db::Connection& c, const PrepOptions& o,
                                                           const std::string& now) {
    if (c.Query(kCoursesOf, {o.semester})[0].Int(0) != 0)
        throw std::runtime_error("semester " + o.semester + " already has courses: prepare a fresh copy of the seed");
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::pair<int, int>>> course_of;  // old → new, grades
    for (const auto& r : c.Query(kSourceCourses, {o.source_semester})) {
        if (r.Text(13) != "published") continue;
        const auto id = c.Query(kInsertCourse, {r.Int(1), r.Text(2), o.semester, r.Text(3), r.Text(4), r.Text(5),
                                                r.Int(6), r.Int(7), r.Text(8), r[9], r[10], r.Text(11), r.Int(12),
                                                r.Text(13), now})[0]
                            .Int(0);
        course_of[r.Int(0)] = {id, {static_cast<int>(r.Int(6)), static_cast<int>(r.Int(7))}};
    }
    std::map<std::int64_t, std::vector<Offered>> by_school;
    for (const auto& r : c.Query(kSourceSections, {o.source_semester})) {
        const auto course = course_of.find(r.Int(1));
        if (course == course_of.end()) continue;
        const auto id = c.Query(kInsertSection, {course->second.first, r.Int(2), r.Text(3), o.semester, r.Text(4),
                                                 r.Text(5), r.Int(6), r.Int(7)})[0]
                            .Int(0);
        c.Execute(kCopySlots, {id, r.Int(0)});
        by_school[r.Int(2)].push_back({id, course->second.first, course->second.second.first,
                                       course->second.second.second, 0});
    }
    return by_school;
}

void OpenWindows(db::Connection& c, const PrepOptions& o) {
    const auto now = std::chrono::system_clock::now();
    for (const auto& r : c.Query(kCounties)) {
        afterschool::WindowInput in;
        in.unit_code = r.Text(0);
        in.semester = o.semester;
        in.title = "抢课压测 / selection rush";
        in.mode = "first_come";
        in.opens_at = FormatShanghai(now - std::chrono::minutes(1));
        in.closes_at = FormatShanghai(now + std::chrono::hours(24));
        in.max_wishes = 1;
        in.course_limit = std::clamp(o.picks, 1, 5);
        afterschool::repo::InsertWindow(c, in, r.Text(1), "", "", 0, FormatShanghai(now));
    }
}

/// Popularity: a random order of each school's sections, weight 1 / rank^s (rank from 1).
void RankPopularity(std::map<std::int64_t, std::vector<Offered>>& by_school, const PrepOptions& o, std::mt19937_64& rng) {
    for (auto& [school, sections] : by_school) {
        std::shuffle(sections.begin(), sections.end(), rng);
        for (std::size_t i = 0; i < sections.size(); ++i)
            sections[i].weight = 1.0 / std::pow(static_cast<double>(i + 1), o.zipf);
    }
}

/// Up to `picks` sections of different courses, drawn by popularity among those the child's grade may take.
std::vector<std::int64_t> Pick(const std::vector<Offered>& offered, int grade, int picks, std::mt19937_64& rng) {
    std::vector<const Offered*> open;
    for (const auto& s : offered)
        if (grade >= s.grade_from && grade <= s.grade_to) open.push_back(&s);
    std::vector<std::int64_t> out;
    while (static_cast<int>(out.size()) < picks && !open.empty()) {
        std::vector<double> w;
        for (const auto* s : open) w.push_back(s->weight);
        const auto* chosen = open[std::discrete_distribution<std::size_t>(w.begin(), w.end())(rng)];
        out.push_back(chosen->id);
        std::erase_if(open, [&](const Offered* s) { return s->course_id == chosen->course_id; });
    }
    return out;
}

}  // namespace

std::vector<PlanChild> PrepareRush(db::Database& database, const PrepOptions& o) {
    std::mt19937_64 rng(o.seed);
    const std::string now = FormatShanghai(std::chrono::system_clock::now());
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    auto offered = CopyCatalogue(*c, o, now);
    OpenWindows(*c, o);
    RankPopularity(offered, o, rng);

    auto children = c->Query(kChildren, {db::Opt(o.school_id)}).rows;
    std::shuffle(children.begin(), children.end(), rng);  // the order families arrive in
    if (o.children > 0 && children.size() > o.children)
        children.erase(children.begin() + static_cast<std::ptrdiff_t>(o.children), children.end());
    std::unordered_map<std::int64_t, std::int64_t> account;  // guardian → user
    for (const auto& r : c->Query(kGuardianAccounts)) account[r.Int(0)] = r.Int(1);
    // One Argon2id hash of a random password nobody knows: the accounts are real, log-in is not needed.
    const std::string password_hash = crypto::HashPassword(crypto::RandomToken());

    std::vector<PlanChild> plan;
    plan.reserve(children.size());
    for (const auto& r : children) {
        const std::int64_t student = r.Int(0), school = r.Int(1), guardian = r.Int(4);
        auto [it, fresh] = account.try_emplace(guardian, 0);
        if (fresh) {
            it->second = c->Query(kInsertUser, {fmt::format("rush.g{}", guardian), r.Text(3), password_hash, now})[0].Int(0);
            c->Execute(kLinkGuardian, {guardian, it->second});
        }
        c->Execute(kConsent, {student, guardian, now});
        PlanChild p{student, school, crypto::RandomToken(), crypto::RandomToken(), {}};
        c->Execute(kSession, {crypto::Hash(p.token), it->second, p.csrf, now});
        if (const auto s = offered.find(school); s != offered.end())
            p.sections = Pick(s->second, static_cast<int>(r.Int(2)), o.picks, rng);
        plan.push_back(std::move(p));
    }
    tx.Commit();
    return plan;
}

void WritePlan(const std::filesystem::path& path, const std::vector<PlanChild>& plan) {
    std::ofstream out(path);
    for (const auto& p : plan) {
        out << p.student_id << '\t' << p.school_id << '\t' << p.token << '\t' << p.csrf << '\t';
        for (std::size_t i = 0; i < p.sections.size(); ++i) out << (i ? "," : "") << p.sections[i];
        out << '\n';
    }
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<PlanChild> ReadPlan(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::vector<PlanChild> plan;
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        PlanChild p;
        std::string sections;
        fields >> p.student_id >> p.school_id >> p.token >> p.csrf;
        std::getline(fields >> std::ws, sections);
        std::istringstream ids(sections);
        for (std::string id; std::getline(ids, id, ',');)
            if (!id.empty()) p.sections.push_back(std::stoll(id));
        plan.push_back(std::move(p));
    }
    return plan;
}

}  // namespace kehou::rush
