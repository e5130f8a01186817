#pragma once
// The database tests of the supervision module (institution_service_test.cpp, stats_test.cpp): migrations, the
// management units and the holiday calendar on a fresh database, the services, four principals of two counties
// and the city, and builders of valid institutions. Run on SQLite and on PostgreSQL.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "institutions/case_service.hpp"
#include "institutions/complaint_service.hpp"
#include "institutions/schedule_service.hpp"
#include "institutions/service.hpp"
#include "org/service.hpp"
#include "support/error_code.hpp"
#include "support/test_db.hpp"

namespace kehou::institutions::test_support {

inline constexpr db::Query kAddUser{
    "test.add_user",
    "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
    " created_at) VALUES ($1, $2, $2, $3, $4, 'x', '2026-01-01T00:00:00+08:00')"};

inline std::string CreditCode(const std::string& first17) { return first17 + CreditCodeCheckCharacter(first17); }

/// "\x89PNG..." — the bytes of a photo as far as the evidence type check is concerned.
inline std::string Png(const std::string& tail) { return std::string("\x89PNG\r\n\x1A\n", 8) + tail; }

using kehou::testing::ErrorCode;

/// A fresh database with the services of the module and its principals.
class InstitutionsDbTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        org_.EnsureUnits();
        calendar_.EnsureSeeded();
        for (const Principal* p : {&county_, &inspector_, &other_county_, &city_})
            c->Execute(kAddUser, {p->user_id, p->username, std::string(RoleName(p->role)), p->scope_path});
    }

    /// A valid non-subject institution (艺术 unless told) with a 91 credit code.
    static Institution Art(const std::string& unit, int n,
                           InstitutionCategory category = InstitutionCategory::kNonSubjectArt) {
        Institution in;
        in.unit_code = unit;
        in.name = (category == InstitutionCategory::kNonSubjectArt ? "艺术培训" : "培训机构") + std::to_string(n);
        in.credit_code = CreditCode("91" + unit + "MA" + std::to_string(1000000 + n));
        in.category = category;
        in.address = "某路 " + std::to_string(n) + " 号";
        in.legal_representative = "某某";
        return in;
    }

    /// A valid 学科类 institution (R1.10): non-profit 52 code, registration and licence.
    static Institution Subject(const std::string& unit, int n, Delivery delivery = Delivery::kOffline) {
        Institution in = Art(unit, n, InstitutionCategory::kSubject);
        in.credit_code = CreditCode("52" + unit + "MJD" + std::to_string(100000 + n));
        in.delivery = delivery;
        in.nonprofit_reg_no = "民非-" + std::to_string(n);
        in.licence_no = "教民-" + std::to_string(n);
        in.licence_date = "2019-05-01";
        return in;
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    org::OrgService org_{tdb_.database(), vault_};
    InstitutionService registry_{tdb_.database(), org_};
    CaseService cases_{tdb_.database()};
    CalendarService calendar_{tdb_.database()};
    ComplaintService complaints_{tdb_.database(), org_, vault_, calendar_, 5};
    ScheduleService schedules_{tdb_.database(), org_, calendar_};
    const Principal county_{11, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    const Principal inspector_{12, "inspector", "inspector", Role::kInspector, "/370800/370811/"};
    const Principal other_county_{13, "other", "other", Role::kDistrictAdmin, "/370800/370812/"};
    const Principal city_{14, "city", "city", Role::kCityAdmin, "/370800/"};
};

}  // namespace kehou::institutions::test_support
