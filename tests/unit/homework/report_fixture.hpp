#pragma once
// The homework-report tests' data set (report_test.cpp), on a fresh SQLite or PostgreSQL database: two schools of
// 任城区 (which set stricter limits: primary 50, rest-day primary 30, junior 90 with no rest-day figure) and one of
// 兖州区 (no settings: the national 60 / 90), five classes, a teacher of one class, children with guardians, and two
// weeks of October 2026 of homework and family reports written straight into the tables (the publish service is
// not what is under test). The figures each golden file must hold are worked out by hand in report_test.cpp.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "homework/report_routes.hpp"
#include "homework/report_service.hpp"
#include "org/service.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::homework::report_test {

namespace json = boost::json;

inline constexpr db::Query kAddUser{
    "test.hw_add_user",
    "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash, created_at)"
    " VALUES ($1, $2, $2, $3, $4, 'x', '2026-09-01T08:00:00+08:00')"};
inline constexpr db::Query kCountySetting{
    "test.hw_county_setting",
    "INSERT INTO hw_county_setting (org_path, primary_limit, junior_limit, rest_day_primary_limit,"
    " rest_day_junior_limit, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, 1, '2026-09-01T08:00:00+08:00')"};
inline constexpr db::Query kTeacherUser{"test.hw_teacher_user", "UPDATE org_teacher SET user_id = $2 WHERE id = $1"};
inline constexpr db::Query kClassTeacher{"test.hw_class_teacher",
                                         "INSERT INTO org_class_teacher (class_id, teacher_id, duty, subject)"
                                         " VALUES ($1, $2, 'head', '语文')"};
inline constexpr db::Query kAssignment{
    "test.hw_assignment",
    "INSERT INTO hw_assignment (class_id, school_id, org_path, grade, due_date, day_kind, subject, hw_type, content,"
    " estimated_minutes, counted_minutes, status, created_by, created_at, updated_at)"
    " SELECT k.id, k.school_id, k.org_path, k.grade, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT),"
    " CAST($5 AS TEXT), '练习', CAST($6 AS INTEGER), CASE WHEN CAST($5 AS TEXT) = 'written' THEN CAST($6 AS INTEGER)"
    " ELSE 0 END, CAST($7 AS TEXT), 1, '2026-09-01T08:00:00+08:00', '2026-09-01T08:00:00+08:00'"
    " FROM org_class k WHERE k.id = $1"};
inline constexpr db::Query kReport{
    "test.hw_report",
    "INSERT INTO hw_family_report (student_id, report_date, class_id, org_path, minutes, finished_by_bedtime,"
    " guardian_id, reported_at) SELECT s.id, CAST($2 AS TEXT), s.class_id, s.org_path, CAST($3 AS INTEGER),"
    " CAST($4 AS BOOLEAN), CAST($5 AS BIGINT), '2026-10-31T20:00:00+08:00'"
    " FROM org_student s WHERE s.id = $1"};

inline constexpr const char* kToday = "2026-11-02";

/// A value as stable, indented text: keys in the order the builders wrote them, two spaces a level.
inline void Pretty(const json::value& v, std::string& out, int depth = 0) {
    const std::string pad(2 * (depth + 1), ' '), close(2 * depth, ' ');
    if (v.is_object()) {
        if (v.get_object().empty()) return void(out += "{}");
        out += "{\n";
        bool first = true;
        for (const auto& [key, value] : v.get_object()) {
            out += (first ? "" : ",\n") + pad + json::serialize(json::string(key)) + ": ";
            Pretty(value, out, depth + 1);
            first = false;
        }
        out += "\n" + close + "}";
    } else if (v.is_array()) {
        if (v.get_array().empty()) return void(out += "[]");
        out += "[\n";
        bool first = true;
        for (const auto& e : v.get_array()) {
            out += (first ? "" : ",\n") + pad;
            Pretty(e, out, depth + 1);
            first = false;
        }
        out += "\n" + close + "]";
    } else {
        out += json::serialize(v);
    }
}

/// The report as its golden file holds it; KEHOU_UPDATE_GOLDEN=1 rewrites the file instead of comparing.
inline void ExpectGolden(const json::object& report, const std::string& name) {
    std::string text;
    Pretty(report, text);
    text += "\n";
    const std::string path = std::string(KEHOU_GOLDEN_DIR) + "/" + name + ".json";
    if (const char* update = std::getenv("KEHOU_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << text;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "no golden file " << path << " (run once with KEHOU_UPDATE_GOLDEN=1 and check it by hand)";
    std::stringstream want;
    want << in.rdbuf();
    EXPECT_EQ(text, want.str()) << "the figures of " << name << " changed; if on purpose, KEHOU_UPDATE_GOLDEN=1";
}

using kehou::testing::ErrorCode;

class HomeworkReportTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
            c->Execute(kAddUser, {std::int64_t{1}, std::string("admin"), std::string("city_admin"), city_.scope_path});
            // 任城区: primary 50, rest-day primary 30; junior 90 with no rest-day figure (falls back to 90).
            c->Execute(kCountySetting,
                       {county_.scope_path, std::int64_t{50}, std::int64_t{90}, std::int64_t{30}, db::Null()});
        }
        org_.EnsureUnits();
        a_ = org_.CreateSchool(city_,
                               {0, "2137000201", "任城区实验小学", "370811", "", "primary", true, false, 1, 6, ""});
        b_ = org_.CreateSchool(
            city_, {0, "2137000202", "任城区第一中学", "370811", "", "junior_middle", true, false, 7, 9, ""});
        y_ = org_.CreateSchool(city_,
                               {0, "2137000301", "兖州区实验小学", "370812", "", "primary", true, false, 1, 6, ""});
        c3a_ = org_.CreateClass(city_, a_.id, 3, 1, 2026).id;
        c3b_ = org_.CreateClass(city_, a_.id, 3, 2, 2026).id;
        c2_ = org_.CreateClass(city_, a_.id, 2, 1, 2026).id;
        c7_ = org_.CreateClass(city_, b_.id, 7, 1, 2026).id;
        c4y_ = org_.CreateClass(city_, y_.id, 4, 1, 2026).id;
        school_ = {3, "school", "school", Role::kSchoolAdmin, a_.org_path};
        teacher_ = {21, "teacher", "teacher", Role::kTeacher, a_.org_path};
        const auto t = org_.CreateTeacher(city_, {a_.id, "王老师", "female", "13900000021", {"语文"}, false});
        auto c = tdb_.database().Acquire();
        for (const Principal* p :
             std::initializer_list<const Principal*>{&county_, &other_county_, &school_, &teacher_})
            c->Execute(kAddUser, {p->user_id, p->username, std::string(RoleName(p->role)), p->scope_path});
        c->Execute(kTeacherUser, {t.id, teacher_.user_id});
        c->Execute(kClassTeacher, {c3a_, t.id});
    }

    /// A child of the class with a guardian; returns (student id, guardian id).
    std::pair<std::int64_t, std::int64_t> Child(std::int64_t class_id) {
        const int n = ++children_;
        const std::string id = kehou::testing::IdNumber(fmt::format("370811201603{:02}{:03}", n, 101 + 2 * n));
        static const char* const kDigit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        const auto s = org_.CreateStudent(
            city_, {class_id, std::string("学生") + kDigit[n / 10] + kDigit[n % 10], "male", id, "G" + id, {}});
        const auto g = org_.AddGuardian(city_, s.id, {"家长", "mother", fmt::format("139{:08}", n), false});
        return {s.id, g.id};
    }

    void Homework(std::int64_t class_id, const char* date, int minutes, const char* type = "written",
                  const char* status = "published", const char* day_kind = "school_day", const char* subject = "数学") {
        auto c = tdb_.database().Acquire();
        ASSERT_EQ(c->Execute(kAssignment, {class_id, std::string(date), std::string(day_kind), std::string(subject),
                                           std::string(type), std::int64_t{minutes}, std::string(status)}),
                  1);
    }

    void Report(const std::pair<std::int64_t, std::int64_t>& child, const char* date, int minutes, bool on_time) {
        auto c = tdb_.database().Acquire();
        ASSERT_EQ(c->Execute(kReport, {child.first, std::string(date), std::int64_t{minutes},
                                       std::int64_t{on_time ? 1 : 0}, child.second}),
                  1);
    }

    void BuildTwoWeeks();

    static ReportQuery October() {
        ReportQuery q;
        q.from = "2026-10-01";
        q.to = "2026-10-31";
        return q;
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    ReportService reports_{tdb_.database(), org_};
    const Principal city_{1, "city", "city", Role::kCityAdmin, "/370800/"};
    const Principal county_{11, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal other_county_{12, "other", "other", Role::kDistrictAdmin, "/370800/370812/"};
    Principal school_, teacher_;
    org::School a_, b_, y_;
    std::int64_t c3a_ = 0, c3b_ = 0, c2_ = 0, c7_ = 0, c4y_ = 0;
    int children_ = 0;
};

// Week 1 is Monday 12 … Sunday 18 October 2026, week 2 starts Monday 19 October.
inline void HomeworkReportTest::BuildTwoWeeks() {
    const auto s1 = Child(c3a_), s2 = Child(c3a_), s3 = Child(c3a_);
    // 三年级1班 (limit 50, rest day 30). Week 1: over on Mon, Wed, Thu and Sat → an alert.
    Homework(c3a_, "2026-10-12", 30, "written", "published", "school_day", "语文");
    Homework(c3a_, "2026-10-12", 25);  // 55 > 50: over
    Report(s1, "2026-10-12", 40, true);
    Report(s2, "2026-10-12", 60, false);
    Homework(c3a_, "2026-10-13", 20);
    Homework(c3a_, "2026-10-13", 20, "reading", "published", "school_day", "语文");  // reading: not written
    Report(s1, "2026-10-13", 50, true);
    Report(s2, "2026-10-13", 70, false);  // mean 60 ≤ 50 + 20 of reading: not over
    Homework(c3a_, "2026-10-14", 45);     // within the limit, but the families report a mean of 65 > 50: over
    Report(s1, "2026-10-14", 70, false);
    Report(s2, "2026-10-14", 60, true);
    Report(s3, "2026-10-14", 65, true);
    Homework(c3a_, "2026-10-15", 60);  // an override: 60 > 50, over
    Homework(c3a_, "2026-10-16", 40);
    Homework(c3a_, "2026-10-16", 30, "written", "pending_approval");       // not published: not counted
    Homework(c3a_, "2026-10-16", 30, "written", "withdrawn");              // not counted
    Homework(c3a_, "2026-10-17", 35, "written", "published", "rest_day");  // Saturday: 35 > 30 of a rest day, over
    Report(s1, "2026-10-18", 20, true);  // Sunday, a report only: a rest day by the weekend rule, 20 ≤ 30
    // Week 2: over on Mon and Tue only → no alert; 50 on Wednesday is exactly the limit.
    Homework(c3a_, "2026-10-19", 55);
    Homework(c3a_, "2026-10-20", 51);
    Homework(c3a_, "2026-10-21", 50);
    // 三年级2班: 30 minutes every school day of week 1, and a report only on Monday of week 2.
    const auto s4 = Child(c3b_);
    for (const char* d : {"2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"}) Homework(c3b_, d, 30);
    Report(s4, "2026-10-19", 45, true);
    // 二年级1班: no written homework may exist (R1.1, ck_hw_r1_1); 15 minutes of reading.
    const auto s5 = Child(c2_);
    Homework(c2_, "2026-10-12", 15, "reading", "published", "school_day", "语文");
    Report(s5, "2026-10-12", 15, true);   // the reading
    Report(s5, "2026-10-13", 20, false);  // nothing published: reports are not compared with a limit of 0
    // 七年级1班 of 任城区第一中学 (junior 90; no rest-day figure, so 90 on rest days too).
    const auto s6 = Child(c7_);
    Homework(c7_, "2026-10-17", 80, "written", "published", "rest_day");  // 80 ≤ 90
    Report(s6, "2026-10-17", 100, false);                                 // 100 > 90: over
    Homework(c7_, "2026-10-18", 95, "written", "published", "rest_day");  // 95 > 90: over
    // 四年级1班 of 兖州区 (national 60): 55 would be over in 任城区 but is not here.
    const auto s7 = Child(c4y_);
    Homework(c4y_, "2026-10-12", 55);
    Report(s7, "2026-10-12", 50, true);
    Homework(c4y_, "2026-10-13", 65);  // over
    Homework(c4y_, "2026-09-30", 90);  // outside October
}

}  // namespace kehou::homework::report_test
