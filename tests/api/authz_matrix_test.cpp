// The authorisation matrix: every route of the table called as every role, with the expected answer
// written out here (not derived from the grants, so a grant change must be made on purpose), and every
// route with an {id} called with an id outside the caller's scope: 404 for reads, 403 for writes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <set>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/text.hpp"
#include "support/http_client.hpp"
#include "enrollment/policy_json.hpp"
#include "enrollment/repo.hpp"
#include "enrollment/rules.hpp"
#include "custody/repo.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

const std::vector<std::string> kRoles = {"city_admin", "district_admin", "school_admin", "teacher",
                                         "guardian",   "provider",       "inspector"};
const std::set<std::string> kAll(kRoles.begin(), kRoles.end());
const std::set<std::string> kAdmins = {"city_admin", "district_admin", "school_admin"};
const std::set<std::string> kCounty = {"city_admin", "district_admin"};
const std::set<std::string> kStaff = {"city_admin", "district_admin", "school_admin", "teacher"};
// After-school writes: the county and the school (the city bureau reads and sets fee standards only).
const std::set<std::string> kWriters = {"district_admin", "school_admin"};
const std::set<std::string> kFamilyAndAdmins = {"city_admin", "district_admin", "school_admin", "guardian"};
// Custody plans: teachers read them too, to find the sites they staff.
const std::set<std::string> kFamilyAndStaff = {"city_admin", "district_admin", "school_admin", "teacher", "guardian"};
const std::set<std::string> kFamilyAndWriters = {"district_admin", "school_admin", "guardian"};
// Off-campus training supervision: the bureaus and the county's inspectors.
const std::set<std::string> kSupervisors = {"city_admin", "district_admin", "inspector"};
const std::set<std::string> kInspectors = {"district_admin", "inspector"};

// Who may call each route at all (scope aside). Every registered non-public route must be listed.
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"POST /api/v1/auth/logout", kAll},
    {"GET /api/v1/auth/me", kAll},
    {"POST /api/v1/auth/password", kAll},
    {"GET /api/v1/auth/users", kAdmins},
    {"POST /api/v1/auth/users", kCounty},
    {"GET /api/v1/audit/logs", kCounty},
    {"GET /api/v1/org/units", kAdmins},
    {"GET /api/v1/org/schools", {"city_admin", "district_admin", "school_admin", "teacher", "inspector"}},
    {"GET /api/v1/org/schools/{id}", {"city_admin", "district_admin", "school_admin", "teacher", "inspector"}},
    {"POST /api/v1/org/schools", kCounty},
    {"GET /api/v1/org/schools/{id}/classes", kStaff},
    {"POST /api/v1/org/schools/{id}/classes", kAdmins},
    {"GET /api/v1/org/students", kStaff},
    {"GET /api/v1/org/students/{id}", kStaff},
    {"POST /api/v1/org/students", kAdmins},
    {"PUT /api/v1/org/students/{id}", kAdmins},
    {"GET /api/v1/org/students/{id}/identity-number", {"district_admin", "school_admin"}},
    {"GET /api/v1/org/students/{id}/guardians", {"city_admin", "district_admin", "school_admin", "teacher", "guardian"}},
    {"POST /api/v1/org/students/{id}/guardians", kAdmins},
    {"GET /api/v1/org/teachers", kStaff},
    {"POST /api/v1/org/teachers", kAdmins},
    {"GET /api/v1/org/children", {"city_admin", "district_admin", "school_admin", "guardian"}},
    {"GET /api/v1/org/children/{id}/consents", {"city_admin", "district_admin", "school_admin", "guardian"}},
    {"POST /api/v1/org/children/{id}/consents", {"city_admin", "district_admin", "guardian"}},
    {"POST /api/v1/org/schools/{id}/roster-imports", kAdmins},
    {"POST /api/v1/org/roster-imports/{id}/confirm", kAdmins},
    {"GET /api/v1/org/students/export", kAdmins},
    {"GET /api/v1/org/teachers/export", kAdmins},
    {"GET /api/v1/afterschool/fee-standards", kAdmins},
    {"GET /api/v1/afterschool/fee-standards/{unit_code}/{semester}", kAdmins},
    {"PUT /api/v1/afterschool/fee-standards/{unit_code}/{semester}", kAdmins},
    {"GET /api/v1/org/students/{id}/guardians/{guardian_id}/mobile", {"district_admin", "school_admin"}},
    {"GET /api/v1/afterschool/categories", kFamilyAndAdmins},
    {"GET /api/v1/afterschool/providers", kAdmins},
    {"GET /api/v1/afterschool/schools/{id}/courses", kAdmins},
    {"POST /api/v1/afterschool/courses", kWriters},
    {"GET /api/v1/afterschool/courses/{id}", kAdmins},
    {"POST /api/v1/afterschool/courses/{id}/close", kWriters},
    {"GET /api/v1/afterschool/schools/{id}/service-week/{semester}", kAdmins},
    {"PUT /api/v1/afterschool/schools/{id}/service-week/{semester}", kWriters},
    {"GET /api/v1/afterschool/children/{id}/dismissal", kFamilyAndAdmins},
    {"PUT /api/v1/afterschool/children/{id}/dismissal/{weekday}", kFamilyAndWriters},
    {"GET /api/v1/afterschool/children/{id}/offer", kFamilyAndAdmins},
    {"POST /api/v1/afterschool/children/{id}/seats", kFamilyAndWriters},
    {"DELETE /api/v1/afterschool/children/{id}/seats/{seat_id}", kFamilyAndWriters},
    {"PUT /api/v1/afterschool/children/{id}/wishes/{window_id}", kFamilyAndWriters},
    {"GET /api/v1/afterschool/children/{id}/results/{window_id}", kFamilyAndAdmins},
    {"GET /api/v1/afterschool/windows", kAdmins},
    {"POST /api/v1/afterschool/windows", kWriters},
    {"GET /api/v1/afterschool/windows/{id}", kAdmins},
    {"POST /api/v1/afterschool/windows/{id}/allocate", kWriters},
    {"POST /api/v1/afterschool/windows/{id}/close", kWriters},
    {"GET /api/v1/afterschool/windows/{id}/allocation", kAdmins},
    {"GET /api/v1/afterschool/windows/{id}/allocation-inputs", kAdmins},
    {"GET /api/v1/afterschool/sections/{id}/seats", kStaff},
    {"POST /api/v1/afterschool/sections/{id}/seats", kWriters},
    {"POST /api/v1/afterschool/seats/{id}/leave", kWriters},
    {"GET /api/v1/afterschool/sections/{id}/roll/{date}", kStaff},
    {"PUT /api/v1/afterschool/sections/{id}/roll/{date}", {"district_admin", "school_admin", "teacher"}},
    {"GET /api/v1/afterschool/children/{id}/leave-requests", kFamilyAndAdmins},
    {"POST /api/v1/afterschool/children/{id}/leave-requests", kFamilyAndWriters},
    {"POST /api/v1/afterschool/children/{id}/pickup-code", kFamilyAndWriters},
    {"GET /api/v1/afterschool/schools/{id}/pickup", kStaff},
    {"POST /api/v1/afterschool/schools/{id}/pickup/confirm", {"district_admin", "school_admin", "teacher"}},
    {"PUT /api/v1/afterschool/children/{id}/ratings/{course_id}", kFamilyAndWriters},
    {"GET /api/v1/afterschool/schools/{id}/ratings", kAdmins},
    {"GET /api/v1/afterschool/children/{id}/ratings", kFamilyAndAdmins},
    {"GET /api/v1/afterschool/my-sections", kStaff},
    {"GET /api/v1/afterschool/children/{id}/statement", kFamilyAndAdmins},
    {"GET /api/v1/afterschool/schools/{id}/fees", kAdmins},
    {"GET /api/v1/afterschool/schools/{id}/fees/export", kWriters},
    {"GET /api/v1/afterschool/schools/{id}/fill", kAdmins},
    {"GET /api/v1/afterschool/reports/participation", kAdmins},
    {"GET /api/v1/afterschool/reports/participation/export", kCounty},
    {"GET /api/v1/afterschool/reports/fees", kAdmins},
    {"GET /api/v1/notifications", kAll},
    {"GET /api/v1/institutions", kSupervisors},
    {"GET /api/v1/institutions/{id}", kSupervisors},
    {"POST /api/v1/institutions", {"district_admin"}},
    {"PUT /api/v1/institutions/{id}", {"district_admin"}},
    {"POST /api/v1/institutions/baselines/{unit_code}", {"district_admin"}},
    {"GET /api/v1/institutions/imports/template", {"district_admin"}},
    {"POST /api/v1/institutions/imports", {"district_admin"}},
    {"POST /api/v1/institutions/imports/{id}/confirm", {"district_admin"}},
    {"GET /api/v1/institutions/reduction", kSupervisors},
    {"GET /api/v1/institutions/stats/registry", kSupervisors},
    {"GET /api/v1/institutions/stats/reduction", kSupervisors},
    {"GET /api/v1/institutions/stats/complaints", kSupervisors},
    {"GET /api/v1/institutions/stats/cases", kSupervisors},
    {"GET /api/v1/institutions/stats/escrow", kSupervisors},
    {"GET /api/v1/institutions/stats/export", kSupervisors},
    {"GET /api/v1/institutions/cases", kSupervisors},
    {"GET /api/v1/institutions/cases/{id}", kSupervisors},
    {"POST /api/v1/institutions/{id}/cases", kInspectors},
    {"POST /api/v1/institutions/cases/{id}/events", kInspectors},
    {"POST /api/v1/institutions/cases/{id}/evidence", kInspectors},
    {"GET /api/v1/institutions/evidence/{id}", kSupervisors},
    {"GET /api/v1/institutions/complaints", kSupervisors},
    {"GET /api/v1/institutions/complaints/{id}", kSupervisors},
    {"POST /api/v1/institutions/complaints", kInspectors},
    {"POST /api/v1/institutions/complaints/{id}/assign", kInspectors},
    {"POST /api/v1/institutions/complaints/{id}/close", kInspectors},
    {"GET /api/v1/institutions/complaints/{id}/contact", kInspectors},
    {"GET /api/v1/institutions/inspectors", kSupervisors},
    // Supervisors hold institutions:*:read; they have no guardian record, so the list is empty for them.
    {"GET /api/v1/family/prepaid-orders", {"city_admin", "district_admin", "inspector", "guardian"}},
    {"POST /api/v1/family/prepaid-orders/{id}/consumption-answers", {"district_admin", "guardian"}},
    {"POST /api/v1/institutions/{id}/schedules", {"district_admin"}},
    {"GET /api/v1/institutions/{id}/schedules", kSupervisors},
    {"GET /api/v1/institutions/schedules/{id}", kSupervisors},
    {"GET /api/v1/institutions/calendar", kSupervisors},
    // The county holds institutions:*:* but the service keeps the national arrangement to the city.
    {"PUT /api/v1/institutions/calendar/days/{date}", kCounty},
    {"PUT /api/v1/institutions/calendar/vacations/{unit_code}", {"district_admin"}},
    {"GET /api/v1/institutions/orders", kSupervisors},
    {"GET /api/v1/institutions/orders/{id}", kSupervisors},
    {"POST /api/v1/institutions/{id}/orders", {"district_admin"}},
    {"POST /api/v1/institutions/orders/{id}/consumptions", {"district_admin"}},
    {"POST /api/v1/institutions/orders/{id}/consumption-answers", {"district_admin"}},
    {"POST /api/v1/institutions/orders/{id}/consumption-settlements", {"district_admin"}},
    {"POST /api/v1/institutions/orders/{id}/refund-requests", {"district_admin"}},
    {"POST /api/v1/institutions/orders/{id}/refund-answers", {"district_admin"}},
    {"POST /api/v1/institutions/escrow-sweeps", {"district_admin"}},
    {"GET /api/v1/institutions/alerts", kSupervisors},
    {"POST /api/v1/institutions/alerts/{id}/resolve", {"district_admin"}},
    {"POST /api/v1/notifications/{id}/read", kAll},
    // Homework: the school and its teachers publish and decide (the service narrows a teacher to their classes
    // and the groups they lead); the county sets limits; families read and report.
    {"GET /api/v1/homework/counties/{unit_code}/settings", kStaff},
    {"PUT /api/v1/homework/counties/{unit_code}/settings", kWriters},
    {"GET /api/v1/homework/schools/{id}/settings", kStaff},
    {"PUT /api/v1/homework/schools/{id}/settings", kWriters},
    {"PUT /api/v1/homework/schools/{id}/groups", {"school_admin", "teacher"}},
    {"GET /api/v1/homework/classes", kStaff},
    {"GET /api/v1/homework/class-day", kStaff},
    {"POST /api/v1/homework/check", {"school_admin", "teacher"}},
    {"POST /api/v1/homework/assignments", {"school_admin", "teacher"}},
    {"POST /api/v1/homework/assignments/override", {"school_admin"}},
    {"GET /api/v1/homework/assignments", kStaff},
    {"GET /api/v1/homework/assignments/{id}", kStaff},
    {"POST /api/v1/homework/assignments/{id}/approve", {"school_admin", "teacher"}},
    {"POST /api/v1/homework/assignments/{id}/reject", {"school_admin", "teacher"}},
    {"POST /api/v1/homework/assignments/{id}/withdraw", {"school_admin", "teacher"}},
    // Administrators' wildcards reach the family routes too; with no children of their own they see nothing.
    {"GET /api/v1/family/homework", kFamilyAndAdmins},
    {"PUT /api/v1/family/homework/reports", {"school_admin", "guardian"}},
    {"GET /api/v1/homework/reports/summary", kStaff},
    {"GET /api/v1/homework/reports/classes", kStaff},
    {"GET /api/v1/homework/reports/weekly", kStaff},
    {"GET /api/v1/homework/alerts", kStaff},
    {"GET /api/v1/homework/reports/export.xlsx", kStaff},
    // One-ID enrollment (issue 8): the county runs its season, schools review their catchment's applicants, the
    // family applies, uploads and appeals; the city's data-exchange operator loads the departments' exports.
    {"GET /api/v1/enrollment/seasons", kFamilyAndAdmins},
    {"GET /api/v1/enrollment/seasons/{id}", kFamilyAndAdmins},
    {"POST /api/v1/enrollment/seasons", {"district_admin"}},
    {"PUT /api/v1/enrollment/seasons/{id}/policy", {"district_admin"}},
    {"PUT /api/v1/enrollment/seasons/{id}/plans", {"district_admin"}},
    {"POST /api/v1/enrollment/seasons/{id}/close", {"district_admin"}},
    {"POST /api/v1/enrollment/seasons/{id}/publish", {"district_admin"}},
    {"POST /api/v1/enrollment/seasons/{id}/run", {"district_admin"}},
    {"GET /api/v1/enrollment/seasons/{id}/lottery", kFamilyAndAdmins},
    {"GET /api/v1/enrollment/seasons/{id}/placements", kAdmins},
    {"GET /api/v1/enrollment/seasons/{id}/public-list", kFamilyAndAdmins},
    {"GET /api/v1/enrollment/seasons/{id}/stats", kAdmins},
    {"GET /api/v1/enrollment/seasons/{id}/stats.xlsx", kAdmins},
    // The bureau's wildcard reaches the family's routes; without a guardian record it is refused in the service.
    {"POST /api/v1/enrollment/applications", {"district_admin", "guardian"}},
    {"GET /api/v1/enrollment/applications", kFamilyAndAdmins},
    {"GET /api/v1/enrollment/applications/{id}", kFamilyAndAdmins},
    {"POST /api/v1/enrollment/applications/{id}/uploads", {"district_admin", "guardian"}},
    {"GET /api/v1/enrollment/uploads/{id}", kFamilyAndAdmins},
    {"POST /api/v1/enrollment/applications/{id}/withdraw", {"district_admin", "guardian"}},
    {"POST /api/v1/enrollment/applications/{id}/appeals", {"district_admin", "guardian"}},
    {"GET /api/v1/enrollment/applications/{id}/notice", kFamilyAndAdmins},
    {"POST /api/v1/enrollment/applications/{id}/reviews", {"district_admin", "school_admin"}},
    {"POST /api/v1/enrollment/applications/{id}/reject", {"district_admin", "school_admin"}},
    {"PUT /api/v1/enrollment/applications/{id}/placement", {"district_admin"}},
    {"GET /api/v1/enrollment/appeals", kAdmins},
    {"POST /api/v1/enrollment/appeals/{id}/decision", {"district_admin"}},
    // The departments' exports are the city's (one data-exchange platform); the county's wildcard is refused there.
    {"GET /api/v1/enrollment/sources", kCounty},
    {"POST /api/v1/enrollment/sources/{department}/loads", {"city_admin"}},
    {"POST /api/v1/enrollment/sources/loads/{id}/confirm", {"city_admin"}},
    {"DELETE /api/v1/enrollment/sources/loads/{id}", {"city_admin"}},
    // Summer custody (issue 9 points 6–9): the county plans and draws; the host school writes its site's safety plan;
    // the host school, the site's staff and the county mark attendance; families answer the survey and sign up (the
    // county's wildcard is refused there by the service); the statistics are the bureaus'.
    {"GET /api/v1/custody/plans", kFamilyAndStaff},
    {"GET /api/v1/custody/plans/{id}", kFamilyAndStaff},
    {"POST /api/v1/custody/plans", {"district_admin"}},
    {"POST /api/v1/custody/plans/check", {"district_admin"}},
    {"PUT /api/v1/custody/plans/{id}", {"district_admin"}},
    {"POST /api/v1/custody/plans/{id}/status", {"district_admin"}},
    {"PUT /api/v1/custody/sites/{id}/safety-plan", {"district_admin", "school_admin"}},
    {"GET /api/v1/custody/family", {"guardian"}},
    {"PUT /api/v1/custody/plans/{id}/survey", {"guardian"}},
    {"POST /api/v1/custody/plans/{id}/signups", {"guardian"}},
    {"GET /api/v1/custody/signups", kFamilyAndAdmins},
    {"POST /api/v1/custody/signups/{id}/cancel", {"district_admin", "guardian"}},
    {"POST /api/v1/custody/plans/{id}/allocate", {"district_admin"}},
    {"GET /api/v1/custody/plans/{id}/allocation", kAdmins},
    {"GET /api/v1/custody/sites/{id}/attendance", kStaff},
    {"PUT /api/v1/custody/sites/{id}/attendance", {"district_admin", "school_admin", "teacher"}},
    {"GET /api/v1/custody/stats", kCounty},
    {"GET /api/v1/custody/stats.xlsx", kCounty},
    // Third-party providers (issue 9 points 1–5): the county reviews, supervises and evaluates; the city reads; a
    // school reads its county's white list, spot-checks and rates the providers teaching there (the county's
    // wildcard is refused the school's rating); a guardian reads exit notices; a provider has only its /own routes
    // (the bureaus' read wildcards are refused there by the service).
    {"GET /api/v1/providers/records", kAdmins},
    {"GET /api/v1/providers/records/{id}", kAdmins},
    {"POST /api/v1/providers/records", {"district_admin"}},
    {"POST /api/v1/providers/records/check", {"district_admin"}},
    {"POST /api/v1/providers/records/{id}/events", {"district_admin"}},
    {"POST /api/v1/providers/records/{id}/spot-checks", kWriters},
    {"PUT /api/v1/providers/records/{id}/school-ratings", {"school_admin"}},
    {"GET /api/v1/providers/settings", kAdmins},
    {"PUT /api/v1/providers/settings", {"district_admin"}},
    {"GET /api/v1/providers/evaluations", kAdmins},
    {"POST /api/v1/providers/evaluations", {"district_admin"}},
    {"GET /api/v1/providers/notices", kFamilyAndAdmins},
    {"POST /api/v1/providers/accounts", {"district_admin"}},
    {"GET /api/v1/providers/own", {"provider"}},
    {"POST /api/v1/providers/own/applications", {"provider"}},
    {"POST /api/v1/providers/own/applications/check", {"provider"}},
    {"POST /api/v1/providers/own/exit", {"provider"}},
};


using Caller = ApiClient;

class AuthzMatrixTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& org = server_->app().org();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        const auto a = org.CreateSchool(city, {0, "2137000101", "任城区实验小学", "370811", "", "primary", true, false,
                                               1, 6, ""});
        const auto c = org.CreateSchool(city, {0, "2137000301", "兖州区实验小学", "370812", "", "primary", true, false,
                                               1, 6, ""});
        class_a_ = org.CreateClass(city, a.id, 3, 1, 2026).id;
        const auto class_c = org.CreateClass(city, c.id, 3, 1, 2026).id;
        const std::string ida = kehou::testing::IdNumber("37081120170312123"), idc = kehou::testing::IdNumber("37081220170312133");
        in_ = {{"import", 1}, {"guardian", 1}, {"school", a.id}, {"student", org.CreateStudent(city, {class_a_, "甲", "male", ida, "G" + ida, {}}).id}};
        out_ = {{"import", 1}, {"guardian", 2}, {"school", c.id}, {"student", org.CreateStudent(city, {class_c, "丙", "male", idc, "G" + idc, {}}).id}};
        SetUpAfterSchool(city, a, c);
        auto& auth = server_->app().auth();
        const std::map<std::string, std::string> scopes = {
            {"city_admin", "/370800/"},   {"district_admin", "/370800/370811/"}, {"school_admin", a.org_path},
            {"teacher", a.org_path},      {"guardian", a.org_path},              {"provider", "/370800/370811/"},
            {"inspector", "/370800/370811/"}};
        for (const auto& role : kRoles) {
            const auto u = auth.CreateUser({"m." + role, role, *ParseRole(role), scopes.at(role), "Matrix#2026",
                                            true, false});
            if (role == "guardian") {
                const auto g = org.AddGuardian(city, in_["student"], {"家长", "mother", "13912345678", true});
                org.LinkGuardianAccount(g.id, u.id);
                const auto other = org.AddGuardian(city, out_["student"], {"家长", "mother", "13912345679", true});
                SetUpEnrollment(g.id, other.id, u.id);
            }
            if (role == "district_admin") {
                SetUpInstitutions(u.id);
                SetUpCustody(u.id);
                SetUpProviders(u.id);
                county_user_ = u.id;
            }
            if (role == "school_admin") SetUpHomework(u.id, a, c);
        }
    }
    static void TearDownTestSuite() { delete server_; }

    // A provider, course, section, window and seat on each side of the scope line (schools a and c).
    static void SetUpAfterSchool(const Principal& city, const org::School& a, const org::School& c) {
        auto& app = server_->app();
        app.fee_standards().Publish(city, "370800", "2026-autumn", {});
        int n = 0;
        for (auto* ids : {&in_, &out_}) {
            const org::School& s = ids == &in_ ? a : c;
            const std::string code = std::string("91370800MA") + std::to_string(1000000 + n++);
            const std::string credit = code.substr(0, 17) + CreditCodeCheckCharacter(code.substr(0, 17));
            const auto p = app.catalog().CreateProvider(city, {"机构" + std::to_string(n), credit, s.unit_code, "sport"});
            (*ids)["provider"] = p.id;
            const auto k = app.catalog().PublishCourse(
                city, {s.id, "2026-autumn", "足球", "sport", "", "操场", 1, 6, "volunteer", {}, {}, "志愿者", 0, 30, 16,
                       {{{2, 16 * 60, 17 * 60}}}});
            (*ids)["course"] = k.id;
            (*ids)["section"] = k.sections.at(0).id;
            (*ids)["window"] = app.selection()
                                   .CreateWindow(city, {"", s.id, "2026-autumn", "秋季选课", "first_come",
                                                        "2026-09-01T08:00:00+08:00", "2026-09-05T20:00:00+08:00"})
                                   .id;
            (*ids)["seat"] = app.selection().JoinMidTerm(city, k.sections.at(0).id, (*ids)["student"], "2026-09-07").id;
            (*ids)["notification"] = ids == &in_ ? 1 : 2;
        }
    }

    // A homework in a class of each school (a in scope, c outside), published by the school office.
    static void SetUpHomework(std::int64_t school_user, const org::School& a, const org::School& c) {
        auto& homework = server_->app().homework();
        for (auto* ids : {&in_, &out_}) {
            const org::School& s = ids == &in_ ? a : c;
            const Principal office{school_user, "setup", "setup", Role::kSchoolAdmin, s.org_path};
            homework::AssignmentInput in;
            in.class_id = server_->app().org().ListClasses(office, s.id).at(0).id;
            in.due_date = ShanghaiDate(std::chrono::system_clock::now());
            in.subject = "语文";
            in.type = homework::HomeworkType::kReading;
            in.content = "阅读课外书 20 分钟";
            in.estimated_minutes = 20;
            (*ids)["assignment"] = homework.Publish(office, in).id;
        }
    }

    // A season in each county with an application, its upload and an appeal; the other county's season is closed,
    // so a guardian cannot see it either.
    static void SetUpEnrollment(std::int64_t guardian_in, std::int64_t guardian_out, std::int64_t guardian_user) {
        auto& app = server_->app();
        const auto today = ShanghaiDate(std::chrono::system_clock::now());
        int n = 0;
        for (auto* ids : {&in_, &out_}) {
            const std::string unit = ids == &in_ ? "370811" : "370812";
            const Principal county{county_user_, "setup", "setup", Role::kDistrictAdmin, "/370800/" + unit + "/"};
            const auto season = app.enrollment_seasons().Create(county, {unit, "2027年一年级招生", today, "2099-12-31", 2027, 1});
            (*ids)["season"] = season.id;
            enrollment::ApplyInput in;
            in.season_id = season.id;
            in.child_name = "乙";
            in.child_id_number = kehou::testing::IdNumber("3708112021031" + std::to_string(5 + n) + "111");
            in.applicant_id_number = kehou::testing::IdNumber("37081119880101123");
            in.notice_acknowledged = true;
            const auto id = app.enrollment_applications().Submit(in, ids == &in_ ? guardian_in : guardian_out, guardian_user);
            (*ids)["application"] = id;
            auto c = app.database().Acquire();
            (*ids)["upload"] = enrollment::repo::InsertUpload(
                *c, id, {0, enrollment::Department::kHousehold, "a.png", "image/png", 12, today + "T08:00:00+08:00"},
                std::string(64, 'a'), "\x89PNG\r\n\x1A\nxxxx", guardian_user);
            enrollment::Appeal appeal;
            appeal.application_id = id;
            appeal.season_id = season.id;
            appeal.org_path = season.org_path;
            appeal.reason = "希望重新审核我家的材料";
            appeal.created_at = today + "T09:00:00+08:00";
            (*ids)["appeal"] = enrollment::repo::InsertAppeal(*c, appeal, guardian_user);
            (*ids)["load"] = 100 + n++;
        }
        app.enrollment_seasons().Close({county_user_, "setup", "setup", Role::kDistrictAdmin, "/370800/370812/"},
                                       out_["season"]);
    }

    // A custody plan in each county open for sign-up, its site at the county's school, one child signed up there.
    static void SetUpCustody(std::int64_t county_user) {
        auto& app = server_->app();
        for (auto* ids : {&in_, &out_}) {
            const std::string unit = ids == &in_ ? "370811" : "370812";
            const Principal county{county_user, "setup", "setup", Role::kDistrictAdmin, "/370800/" + unit + "/"};
            custody::PlanInput in{unit, "2026年暑期托管", 2026, {}, std::nullopt};
            in.plan.periods.push_back({1, "第一期", "2026-07-13", "2026-07-17", std::nullopt});
            custody::Site site;
            site.host_school_id = (*ids)["school"];
            site.name = "托管点";
            site.served_schools = {(*ids)["school"]};
            site.capacity = {{1, 10}};
            site.content = {custody::ContentType::kReading};
            in.plan.sites.push_back(site);
            auto& plans = app.custody_plans();
            const auto plan = plans.Create(county, in);
            const auto plan_id = plan.stored.record.id, site_id = plan.stored.plan.sites.at(0).id;
            plans.PutSafety(county, site_id, {{"张老师", "13800001111", {{"值班室", "0537-1234567"}}}, {}});
            plans.Move(county, plan_id, custody::PlanStatus::kSurvey);
            plans.Move(county, plan_id, custody::PlanStatus::kSignup);
            custody::SignupRow s;
            s.plan_id = plan_id;
            s.site_id = site_id;
            s.period_id = plan.stored.plan.periods.at(0).id;
            s.student_id = (*ids)["student"];
            s.org_path = app.org().GetStudent(county, s.student_id).org_path;
            s.created_at = "2026-06-01T08:00:00+08:00";
            auto c = app.database().Acquire();
            (*ids)["plan"] = plan_id;
            (*ids)["site"] = site_id;
            (*ids)["signup"] = custody::repo::InsertSignup(*c, s, county_user);
        }
    }

    // An admitted provider record in each county (370811 in scope, 370812 outside).
    static void SetUpProviders(std::int64_t county_user) {
        int n = 0;
        for (auto* ids : {&in_, &out_}) {
            const std::string unit = ids == &in_ ? "370811" : "370812";
            const Principal county{county_user, "setup", "setup", Role::kDistrictAdmin, "/370800/" + unit + "/"};
            providers::ApplicationInput in;
            in.contact_name = "张经理";
            in.contact_phone = "13905370001";
            auto& a = in.application;
            a.name = "矩阵体育" + std::to_string(n);
            const std::string code = "91" + unit + "PM" + std::to_string(1000000 + n++);
            a.credit_code = code + CreditCodeCheckCharacter(code);
            a.category = "sport";
            a.services = {{"足球", 250, 400}};
            providers::Instructor t;
            t.name = "刘洋";
            t.qualification_number = "C1";
            t.background_check_date = ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now()));
            a.instructors = {t};
            const auto id = server_->app().providers().Create(county, in).record.id;
            server_->app().providers().Act(county, id, {"admit", "", std::nullopt});
            (*ids)["record"] = id;
        }
    }

    // An institution in each county (370811 in scope, 370812 outside).
    static void SetUpInstitutions(std::int64_t county_user) {
        auto& registry = server_->app().institutions();
        int n = 0;
        for (auto* ids : {&in_, &out_}) {
            const std::string unit = ids == &in_ ? "370811" : "370812";
            const Principal county{county_user, "setup", "setup", Role::kDistrictAdmin, "/370800/" + unit + "/"};
            (*ids)["institution"] = registry.Create(county, MatrixInstitution(unit, n++)).id;
            const auto k = server_->app().cases().Open(county, {(*ids)["institution"], "2026-12-07", {}, {}, ""});
            (*ids)["case"] = k.id;
            const std::string png = "\x89PNG\r\n\x1A\nmatrix" + unit;
            (*ids)["evidence"] = server_->app().cases().Upload(county, k.id, "a.png", png).id;
            institutions::ComplaintIntake complaint;
            complaint.unit_code = unit;
            complaint.contact = "13912345678";
            complaint.institution_id = (*ids)["institution"];
            complaint.content = "周末开设学科类培训课程，请核查";
            (*ids)["complaint"] = server_->app().complaints().Record(county, complaint).id;
            institutions::ScheduledSession lesson;
            lesson.date = *ParseIsoDate("2026-12-08");
            lesson.start = 18 * 60;
            lesson.end = 19 * 60;
            lesson.subject = "少儿美术";
            (*ids)["schedule"] = server_->app().schedules().File(county, (*ids)["institution"], "秋季课表", {lesson}).id;
            SetUpEscrow(county, unit, *ids);
        }
    }

    // A prepaid order at the institution, and a risk alert: a second institution closed with an order in escrow.
    static void SetUpEscrow(const Principal& county, const std::string& unit, std::map<std::string, std::int64_t>& ids) {
        auto& escrow = server_->app().escrow();
        const auto order = [&](std::int64_t institution, const std::string& contract) {
            return institutions::OrderInput{institution, contract, "王芳", "13800138000", "少儿美术", 10, 10000,
                                            std::nullopt, "2026-09-01", "2026-11-30", "2026-09-01",
                                            institutions::EscrowMode::kBankEscrow};
        };
        ids["order"] = escrow.CreateOrder(county, order(ids["institution"], "HT-" + unit)).id;
        auto closing = server_->app().institutions().Create(county, MatrixInstitution(unit, unit == "370811" ? 10 : 11));
        escrow.CreateOrder(county, order(closing.id, "HT-closing-" + unit));
        closing.status = institutions::InstitutionStatus::kClosed;
        server_->app().institutions().Update(county, closing.id, closing);
        ids["alert"] = escrow.ListAlerts(county, true).at(0).id;
    }

    static institutions::Institution MatrixInstitution(const std::string& unit, int n) {
        institutions::Institution in;
        in.unit_code = unit;
        in.name = "培训机构" + std::to_string(n);
        const std::string code = "91" + unit + "MA" + std::to_string(1000000 + n);
        in.credit_code = code.substr(0, 17) + CreditCodeCheckCharacter(code.substr(0, 17));
        in.category = institutions::InstitutionCategory::kNonSubjectArt;
        in.address = "某路 1 号";
        in.legal_representative = "某某";
        return in;
    }

    static Caller LogIn(const std::string& role) { return ApiClient::LogIn(server_->port(), "m." + role, "Matrix#2026"); }

    static HttpReply Call(const Caller& c, const std::string& method, const std::string& path,
                          const std::string& body) {
        const bool upload = path.ends_with("/roster-imports") || path.ends_with("/imports");
        return c.Call(method, path, body, upload ? "text/csv" : "application/json");
    }

    // The route's path with {id} replaced by the in-scope or out-of-scope id of its resource.
    static std::string Concrete(std::string tmpl, std::map<std::string, std::int64_t>& ids) {
        const std::vector<std::pair<std::string, std::string>> fixed = {
            {"{guardian_id}", std::to_string(ids.at("guardian"))},   {"{unit_code}/{semester}", "370811/2026-autumn"},
            {"{semester}", "2026-autumn"},                          {"{seat_id}", std::to_string(ids.at("seat"))},
            {"{window_id}", std::to_string(ids.at("window"))},      {"{weekday}", "2"},
            {"{date}", "2026-09-08"},                              {"{course_id}", std::to_string(ids.at("course"))},
            {"{unit_code}", "370811"},                               {"{department}", "household"}};
        for (const auto& [from, to] : fixed)
            if (const auto at = tmpl.find(from); at != std::string::npos) tmpl.replace(at, from.size(), to);
        const auto at = tmpl.find("{id}");
        if (at == std::string::npos) return tmpl;
        // The resource is named by the path segment before {id}: /schools/{id}, /windows/{id}, ...
        const std::string head = tmpl.substr(0, at - 1);
        const std::string segment = head.substr(head.rfind('/') + 1);
        static const std::map<std::string, std::string> kResource = {
            {"schools", "school"},   {"roster-imports", "import"}, {"providers", "provider"}, {"courses", "course"},
            {"imports", "import"},
            {"windows", "window"},   {"sections", "section"},      {"seats", "seat"},         {"students", "student"},
            {"children", "student"}, {"notifications", "notification"}, {"institutions", "institution"}, {"cases", "case"},
            {"evidence", "evidence"}, {"complaints", "complaint"}, {"schedules", "schedule"}, {"orders", "order"}, {"alerts", "alert"},
            {"prepaid-orders", "order"}, {"assignments", "assignment"}, {"seasons", "season"},
            {"applications", "application"}, {"uploads", "upload"}, {"appeals", "appeal"}, {"loads", "load"},
            {"plans", "plan"}, {"sites", "site"}, {"signups", "signup"}, {"records", "record"}};
        return tmpl.substr(0, at) + std::to_string(ids.at(kResource.at(segment))) + tmpl.substr(at + 4);
    }

    static std::string ErrorCode(const HttpReply& r) { return ErrorCodeOf(r); }

    static inline LiveServer* server_ = nullptr;
    static inline std::int64_t class_a_ = 0;
    static inline std::int64_t county_user_ = 0;
    static inline std::map<std::string, std::int64_t> in_, out_;
};

TEST_F(AuthzMatrixTest, EveryRouteIsInTheMatrix) {
    for (const auto& r : server_->app().router().routes()) {
        if (r.IsPublic()) continue;
        const std::string key = std::string(http::MethodName(r.method)) + " " + r.path;
        EXPECT_TRUE(kAllowed.contains(key)) << key << " is missing from the authorisation matrix";
    }
}

TEST_F(AuthzMatrixTest, EveryRoleGetsExactlyTheRoutesItsWorkNeeds) {
    for (const auto& role : kRoles) {
        Caller caller = LogIn(role);
        for (const auto& route : server_->app().router().routes()) {
            if (route.IsPublic()) continue;
            const std::string method(http::MethodName(route.method));
            const std::string key = method + " " + route.path;
            const auto reply = Call(caller, method, Concrete(route.path, in_), "{}");
            const bool allowed = kAllowed.at(key).contains(role);
            SCOPED_TRACE(role + " " + key + " -> " + std::to_string(reply.status) + " " + reply.body);
            EXPECT_NE(reply.status, 401);
            if (allowed) EXPECT_NE(ErrorCode(reply), "auth.forbidden");
            else EXPECT_EQ(ErrorCode(reply), "auth.forbidden");
            if (key == "POST /api/v1/auth/logout" && reply.status == 200) caller = LogIn(role);
        }
    }
}

TEST_F(AuthzMatrixTest, OutOfScopeReadsAre404AndWritesAre403) {
    const std::string ida = kehou::testing::IdNumber("37081120170312123");
    const std::map<std::string, std::string> write_bodies = {
        {"PUT /api/v1/org/students/{id}",
         json::serialize(json::object{{"class_id", class_a_}, {"name", "甲"}, {"sex", "male"}, {"id_number", ida},
                                      {"student_number", "G" + ida}})},
        {"POST /api/v1/org/students/{id}/guardians", R"({"name":"某某","relation":"father","mobile":"13712345678"})"},
        {"POST /api/v1/org/children/{id}/consents", R"({"purpose":"photo","granted":true,"notice_version":"v1"})"},
        {"POST /api/v1/org/schools/{id}/classes", R"({"grade":2,"class_no":9,"school_year":2026})"},
        {"POST /api/v1/org/schools/{id}/roster-imports", "年级,班级,姓名,性别,身份证号,学籍号\n"},
        {"PUT /api/v1/afterschool/schools/{id}/service-week/{semester}", R"({"days":[]})"},
        {"PUT /api/v1/afterschool/children/{id}/dismissal/{weekday}", R"({"semester":"2026-autumn","batch_no":1})"},
        {"POST /api/v1/afterschool/children/{id}/seats", R"({"section_id":1,"idempotency_key":"k1"})"},
        {"POST /api/v1/afterschool/sections/{id}/seats", R"({"student_id":1,"joined_on":"2026-09-07"})"},
        {"POST /api/v1/afterschool/seats/{id}/leave", R"({"left_on":"2026-10-07"})"},
        {"PUT /api/v1/afterschool/sections/{id}/roll/{date}", R"({"entries":[]})"},
        {"POST /api/v1/afterschool/children/{id}/leave-requests",
         R"({"from_date":"2030-01-07","to_date":"2030-01-07","reason":"看病"})"},
        {"POST /api/v1/afterschool/schools/{id}/pickup/confirm", R"({"student_id":1,"code":"123456"})"},
        {"PUT /api/v1/afterschool/children/{id}/ratings/{course_id}", R"({"score":5})"},
        {"PUT /api/v1/institutions/{id}",
         R"({"name":"某机构","credit_code":"91370800MA1000001X","category":"non_subject_art","delivery":"offline",)"
         R"("address":"某路","legal_representative":"某某"})"},
        {"POST /api/v1/institutions/{id}/cases", R"({"scheduled_for":"2026-12-08"})"},
        {"POST /api/v1/institutions/cases/{id}/events", R"({"event":"inspect"})"},
        {"POST /api/v1/institutions/complaints/{id}/assign", R"({"inspector_id":1})"},
        {"POST /api/v1/institutions/{id}/schedules",
         R"({"title":"课表","sessions":[{"date":"2026-12-08","start":"18:00","end":"19:00","subject":"美术"}]})"},
        {"POST /api/v1/institutions/complaints/{id}/close", R"({"reply":"已核查处理完毕"})"},
        {"POST /api/v1/institutions/{id}/orders",
         R"({"contract_no":"HT-X","payer_name":"王芳","payer_mobile":"13800138000","course_title":"少儿美术",)"
         R"("class_hours":10,"unit_price_fen":10000,"start_date":"2026-09-01","end_date":"2026-11-30",)"
         R"("paid_on":"2026-09-01"})"},
        {"POST /api/v1/institutions/orders/{id}/consumption-answers", R"({"consumption_id":2,"answer":"confirm"})"},
        {"POST /api/v1/family/prepaid-orders/{id}/consumption-answers", R"({"consumption_id":2,"answer":"confirm"})"},
        {"POST /api/v1/institutions/orders/{id}/consumption-settlements", R"({"consumption_id":2,"outcome":"family"})"},
        {"POST /api/v1/institutions/orders/{id}/refund-answers", R"({"answer":"approve"})"},
        {"POST /api/v1/institutions/alerts/{id}/resolve", R"({"note":"已处置"})"},
        {"PUT /api/v1/homework/schools/{id}/settings", R"({"approval_required":true})"},
        {"PUT /api/v1/homework/schools/{id}/groups", R"({"grade":3,"subject":"语文","daily_budget":20})"},
        {"POST /api/v1/homework/assignments/{id}/reject", R"({"reason":"与昨天重复"})"},
        {"PUT /api/v1/enrollment/seasons/{id}/policy",
         json::serialize(json::object{{"policy", enrollment::PolicyJson(enrollment::LixiaPolicy(2027))}})},
        {"PUT /api/v1/enrollment/seasons/{id}/plans", R"({"schools":[]})"},
        {"POST /api/v1/providers/records/{id}/events", R"({"event":"suspend","reason":"核查"})"},
        {"POST /api/v1/providers/records/{id}/spot-checks", R"({"school_id":1,"on_date":"2026-10-10","score":80})"},
        {"PUT /api/v1/providers/records/{id}/school-ratings", R"({"semester":"2026-autumn","stars":4})"},
        {"POST /api/v1/enrollment/applications/{id}/appeals", R"({"reason":"希望重新审核我家的材料"})"},
        {"POST /api/v1/enrollment/applications/{id}/reviews",
         R"({"department":"household","decision":"returned","note":"照片看不清楚"})"},
        {"POST /api/v1/enrollment/applications/{id}/reject", R"({"note":"材料不实"})"},
        {"PUT /api/v1/enrollment/applications/{id}/placement", R"({"school_id":1})"},
        {"POST /api/v1/enrollment/appeals/{id}/decision", R"({"decision":"dismissed","reply":"按规则安排"})"},
        {"PUT /api/v1/custody/plans/{id}",
         R"({"unit_code":"370811","year":2026,"title":"暑期托管","periods":[],"sites":[]})"},
        {"POST /api/v1/custody/plans/{id}/status", R"({"to":"survey"})"},
        {"PUT /api/v1/custody/sites/{id}/safety-plan",
         R"({"responsible_person":"张老师","responsible_phone":"13800001111","emergency_contacts":[]})"},
        {"PUT /api/v1/custody/plans/{id}/survey",
         json::serialize(json::object{{"student_id", in_.at("student")}, {"wants", false}})},
        {"POST /api/v1/custody/plans/{id}/signups",
         json::serialize(json::object{{"student_id", in_.at("student")}, {"site_id", in_.at("site")},
                                      {"period_ids", json::array{1}}})},
        {"PUT /api/v1/custody/sites/{id}/attendance", R"({"date":"2026-07-13","marks":[]})"},
    };
    int checked = 0;
    for (const auto& role : kRoles) {
        if (role == "city_admin") continue;  // the city covers every school
        const Caller caller = LogIn(role);
        for (const auto& route : server_->app().router().routes()) {
            const std::string method(http::MethodName(route.method));
            const std::string key = method + " " + route.path;
            if (route.IsPublic() || route.path.find("{id}") == std::string::npos || !kAllowed.at(key).contains(role))
                continue;
            const auto reply = Call(caller, method, Concrete(route.path, out_),
                                    write_bodies.contains(key) ? write_bodies.at(key) : "{}");
            SCOPED_TRACE(role + " " + key + " -> " + reply.body);
            // A guardian's "child" that is not theirs, or someone else's upload, does not exist for the
            // caller, write or not.
            const bool ownership = route.path.find("/children/") != std::string::npos || role == "guardian" ||
                                   route.path.find("/notifications/") != std::string::npos ||
                                   route.path.find("/roster-imports/") != std::string::npos ||
                                   route.path.find("/institutions/imports/") != std::string::npos ||
                                   route.path.find("/family/") != std::string::npos;  // a family's own orders
            EXPECT_EQ(reply.status, method == "GET" || ownership ? 404 : 403);
            ++checked;
        }
    }
    EXPECT_GE(checked, 20);
}

}  // namespace
}  // namespace kehou::testing
