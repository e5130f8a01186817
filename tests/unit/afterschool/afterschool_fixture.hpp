#pragma once
// A small after-school world on a real database (SQLite or PostgreSQL): the city's fee standard, one urban
// and one rural school of 任城区, grade-3 and grade-1 children with guardian accounts and consent, and the
// services as `kehou serve` wires them.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "afterschool/catalog_service.hpp"
#include "afterschool/selection_service.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "support/test_db.hpp"
#include "support/text.hpp"

namespace kehou::afterschool::testing {

/// The error a call throws, or a failure when it throws none.
template <typename F>
Error Thrown(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no kehou::Error was thrown";
    return Error::Internal("none");
}

class AfterSchoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        {
            auto c = tdb_.database().Acquire();
            db::ApplyMigrations(*c, db::BuiltinMigrations());
        }
        org_.EnsureUnits();
        fees_.Publish(city_, "370800", "2026-autumn", {300, 350, std::nullopt, std::nullopt, 17 * 60, 30});
        urban_ = org_.CreateSchool(city_, {0, "2137000101", "任城区实验小学", "370811", "", "primary", true, false, 1, 6, ""});
        rural_ = org_.CreateSchool(city_, {0, "2137000102", "任城区李营小学", "370811", "", "primary", true, true, 1, 6, ""});
        school_admin_ = {0, "s", "s", Role::kSchoolAdmin, urban_.org_path};
        grade3_ = org_.CreateClass(city_, urban_.id, 3, 1, 2024).id;
        grade1_ = org_.CreateClass(city_, urban_.id, 1, 1, 2026).id;
    }

    /// A child of the urban school with a guardian account (user id 1000 + n) and, by default, consent.
    std::int64_t AddChild(int n, std::int64_t class_id, bool consent = true, org::StudentFlags flags = {}) {
        const std::string id = kehou::testing::IdNumber(fmt::format("370811201603{:02}{:03}", n % 28 + 1, 101 + 2 * n));  // odd digit 17: male
        static const char* const kDigit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        const std::string name = std::string("学生") + kDigit[n / 10 % 10] + kDigit[n % 10];  // names hold no digits
        const auto s = org_.CreateStudent(city_, {class_id, name, "male", id, "G" + id, flags});
        const auto g = org_.AddGuardian(city_, s.id, {"家长", "mother", fmt::format("139{:08}", n), true});
        {
            auto c = tdb_.database().Acquire();
            constexpr db::Query kUser{"test.parent_user",
                                      "INSERT INTO auth_user (id, username, display_name, role, scope_path,"
                                      " password_hash, created_at) VALUES ($1, $2, 'p', 'guardian', $3, 'x', 'now')"};
            c->Execute(kUser, {std::int64_t{1000 + n}, fmt::format("parent{}", n), urban_.org_path});
        }
        org_.LinkGuardianAccount(g.id, 1000 + n);
        if (consent) org_.SetConsent(Parent(n), s.id, "afterschool", "v1", true);
        return s.id;
    }
    Principal Parent(int n) const { return {1000 + n, "parent", "parent", Role::kGuardian, urban_.org_path}; }

    /// A published course of the urban school for grades 3–6 with one section at the given weekday/time.
    Course AddCourse(const std::string& title, int capacity, int weekday = 2, int start = 16 * 60, int end = 17 * 60,
                     int grade_from = 3) {
        return catalog_.PublishCourse(school_admin_, {urban_.id, "2026-autumn", title, "sport", "", "操场", grade_from, 6,
                                                      "volunteer", {}, {}, "志愿者", 300, capacity, 16,
                                                      {{{weekday, start, end}}}});
    }

    /// A window of the urban school that is open now.
    Window OpenWindow(const std::string& mode, int course_limit = 2) {
        const auto now = std::chrono::system_clock::now();
        return selection_.CreateWindow(school_admin_, {"", urban_.id, "2026-autumn", "秋季选课", mode,
                                                       FormatShanghai(now - std::chrono::hours(1)),
                                                       FormatShanghai(now + std::chrono::hours(1)), 3, course_limit, {}});
    }

    /// Moves a window's close into the past, as time would.
    void CloseNow(std::int64_t window_id) {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kClose{"test.close_window", "UPDATE as_window SET closes_at = $2 WHERE id = $1"};
        c->Execute(kClose, {window_id, FormatShanghai(std::chrono::system_clock::now() - std::chrono::seconds(1))});
    }

    /// The date of the ISO weekday on or before today, `weeks_back` weeks earlier, as YYYY-MM-DD.
    static std::string PastWeekday(unsigned weekday, int weeks_back = 0) {
        using namespace std::chrono;
        auto day = floor<days>(system_clock::now() + hours(8)) - days(7 * weeks_back);
        while (std::chrono::weekday(day).iso_encoding() != weekday) day -= days(1);
        const year_month_day ymd(day);
        return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()));
    }

    std::int64_t Scalar(std::string_view sql, std::initializer_list<db::Value> params = {}) {
        auto c = tdb_.database().Acquire();
        return c->Query(db::Query{"test.scalar", sql}, params)[0].Int(0);
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    FeeStandardService fees_{tdb_.database(), org_};
    CatalogService catalog_{tdb_.database(), org_, fees_};
    SelectionService selection_{tdb_.database(), org_, catalog_};
    const Principal city_{0, "city", "city", Role::kCityAdmin, "/370800/"};
    const Principal county_{0, "rc", "rc", Role::kDistrictAdmin, "/370800/370811/"};
    Principal school_admin_;
    org::School urban_, rural_;
    std::int64_t grade3_ = 0, grade1_ = 0;
};

}  // namespace kehou::afterschool::testing
