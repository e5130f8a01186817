// The registry's SQL and use cases on a real database — run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "support/text.hpp"
#include "crypto/crypto.hpp"
#include "db/migrate.hpp"
#include "org/bulk.hpp"
#include "org/service.hpp"
#include "support/test_db.hpp"

namespace kehou::org {
namespace {


class OrgServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::Init();
        auto c = tdb_.database().Acquire();
        db::ApplyMigrations(*c, db::BuiltinMigrations());
        svc_.EnsureUnits();
        a_ = svc_.CreateSchool(county_, {0, "2137000101", "任城区实验小学", "370811", "", "primary", true, false, 1, 6, ""});
        b_ = svc_.CreateSchool(county_, {0, "2137000102", "任城区第二小学", "370811", "", "primary", true, true, 1, 6, ""});
        other_ = svc_.CreateSchool(city_, {0, "2137000301", "兖州区实验小学", "370812", "", "primary", true, false, 1, 6, ""});
        k3_ = svc_.CreateClass(county_, a_.id, 3, 1, 2026);
        k4_ = svc_.CreateClass(county_, a_.id, 4, 1, 2026);
        kb_ = svc_.CreateClass(county_, b_.id, 3, 1, 2026);
        ko_ = svc_.CreateClass(city_, other_.id, 3, 1, 2026);
        ids_ = {kehou::testing::IdNumber("37081120170312123"), kehou::testing::IdNumber("37081120170815224"), kehou::testing::IdNumber("37081120160101131"), kehou::testing::IdNumber("37081220170312133")};
        s1_ = svc_.CreateStudent(county_, {k3_.id, "王小明", "male", ids_[0], "G" + ids_[0], {false, true}}).id;
        svc_.CreateStudent(county_, {k3_.id, "王小红", "female", ids_[1], "G" + ids_[1], {}});
        svc_.CreateStudent(county_, {k4_.id, "李四", "male", ids_[2], "G" + ids_[2], {}});
        so_ = svc_.CreateStudent(city_, {ko_.id, "赵五", "male", ids_[3], "G" + ids_[3], {}}).id;
    }

    kehou::testing::TestDatabase tdb_;
    crypto::PiiVault vault_{crypto::RandomKey()};
    OrgService svc_{tdb_.database(), vault_};
    const Principal city_{1, "city", "city", Role::kCityAdmin, "/370800/"};
    const Principal county_{2, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    School a_, b_, other_;
    Class k3_, k4_, kb_, ko_;
    std::vector<std::string> ids_;
    std::int64_t s1_ = 0, so_ = 0;
};

TEST_F(OrgServiceTest, UnitsIncludeFunctionalZonesWithoutAGbCode) {
    const auto units = svc_.ListUnits(city_);
    int zones = 0;
    for (const auto& u : units)
        if (u.kind == "functional_zone") {
            ++zones;
            EXPECT_FALSE(u.gbt2260_code) << u.name;
        }
    EXPECT_EQ(zones, 3) << "济宁's 14 county-level units include 3 functional zones (RULES R3.6)";
    EXPECT_EQ(svc_.ListUnits(county_).size(), 2u) << "the county and the city above it";
    const Principal school{3, "s", "s", Role::kSchoolAdmin, a_.org_path};
    const auto above = svc_.ListUnits(school);
    ASSERT_EQ(above.size(), 2u) << "a school's staff see their county and city";
    EXPECT_EQ(above[1].code, "370811");
}

TEST_F(OrgServiceTest, StudentFiltersWorkAndStayInScope) {
    EXPECT_EQ(svc_.ListStudents(city_, {}).total, 4);
    EXPECT_EQ(svc_.ListStudents(county_, {}).total, 3);
    EXPECT_EQ(svc_.ListStudents(county_, {.school_id = a_.id}).total, 3);
    EXPECT_EQ(svc_.ListStudents(county_, {.class_id = k3_.id}).total, 2);
    EXPECT_EQ(svc_.ListStudents(county_, {.name_prefix = "王"}).total, 2);
    const auto by_id = svc_.ListStudents(county_, {.id_number = ids_[2]});
    ASSERT_EQ(by_id.total, 1);
    EXPECT_EQ(by_id.items[0].name, "李四");
    EXPECT_EQ(by_id.items[0].id_number_masked, ids_[2].substr(0, 6) + "********" + ids_[2].substr(14));
    EXPECT_EQ(svc_.ListStudents(county_, {.id_number = ids_[3]}).total, 0) << "another county's child";
    const auto page = svc_.ListStudents(county_, {.page = 2, .page_size = 2});
    EXPECT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.total, 3);
    EXPECT_TRUE(svc_.GetStudent(county_, s1_).flags.migrant);
}

TEST_F(OrgServiceTest, OutOfScopeReadIsNotFoundWriteIsForbidden) {
    try {
        svc_.GetStudent(county_, so_);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 404);
    }
    try {
        svc_.UpdateStudent(county_, so_, {k3_.id, "赵五", "male", ids_[3], "G" + ids_[3], {}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.http_status(), 403);
    }
    EXPECT_THROW(svc_.CreateClass(county_, other_.id, 2, 1, 2026), Error);
}

TEST_F(OrgServiceTest, DuplicatesAreTypedConflictsAndUpdatesMoveStudents) {
    try {
        svc_.CreateStudent(county_, {kb_.id, "重复", "male", ids_[0], "G" + kehou::testing::IdNumber("37081120170312145"), {}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "org.duplicate_id_number");
        EXPECT_EQ(e.http_status(), 409);
    }
    const auto moved = svc_.UpdateStudent(county_, s1_, {kb_.id, "王小明", "male", ids_[0], "G" + ids_[0], {}});
    EXPECT_EQ(moved.school_id, b_.id);
    EXPECT_EQ(moved.class_name, "三年级1班");
    EXPECT_EQ(svc_.RevealIdNumber(county_, s1_), ids_[0]);
}

TEST_F(OrgServiceTest, ClassesCountTheirStudents) {
    const auto classes = svc_.ListClasses(county_, a_.id);
    ASSERT_EQ(classes.size(), 2u);
    EXPECT_EQ(classes[0].grade, 3);
    EXPECT_EQ(classes[0].student_count, 2);
    EXPECT_EQ(classes[1].student_count, 1);
}

TEST_F(OrgServiceTest, SchoolsFilterByUnitNameAndStage) {
    EXPECT_EQ(svc_.ListSchools(city_, {}).total, 3);
    EXPECT_EQ(svc_.ListSchools(city_, {.unit_code = "370812"}).total, 1);
    EXPECT_EQ(svc_.ListSchools(city_, {.name_contains = "第二"}).total, 1);
    EXPECT_EQ(svc_.ListSchools(city_, {.stage = "junior_middle"}).total, 0);
    try {
        svc_.CreateSchool(county_, {0, "2137000101", "重复", "370811", "", "primary", true, false, 1, 6, ""});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "org.duplicate_school_code");
    }
}

// RULES R4.2: consent per purpose and notice version, replaceable and withdrawable.
TEST_F(OrgServiceTest, TeachersGuardiansAndConsent) {
    const auto t = svc_.CreateTeacher(county_, {a_.id, "赵老师", "female", "186 1234 5678", {"语文", "道德与法治"}, true});
    const auto teachers = svc_.ListTeachers(county_, a_.id, std::nullopt, 1, 20);
    ASSERT_EQ(teachers.total, 1);
    EXPECT_EQ(teachers.items[0].subjects, (std::vector<std::string>{"语文", "道德与法治"}));
    EXPECT_EQ(teachers.items[0].mobile_masked, "186****5678");
    EXPECT_TRUE(teachers.items[0].retired);
    EXPECT_EQ(svc_.ListTeachers(county_, std::nullopt, std::string("钱"), 1, 20).total, 0);
    (void)t;
    const auto g = svc_.AddGuardian(county_, s1_, {"王大明", "father", "13800138000", true});
    const Principal parent{99, "parent", "parent", Role::kGuardian, a_.org_path};
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kUser{"test.parent_user",
                                  "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                                  " created_at) VALUES (99, 'parent', 'p', 'guardian', $1, 'x', 'now')"};
        c->Execute(kUser, {a_.org_path});
    }
    svc_.LinkGuardianAccount(g.id, 99);
    const auto kids = svc_.ListChildren(parent);
    ASSERT_EQ(kids.size(), 1u);
    EXPECT_EQ(kids[0].id, s1_);
    EXPECT_FALSE(svc_.HasConsent(s1_, "custody"));
    svc_.SetConsent(parent, s1_, "custody", "2026-07", true);
    svc_.SetConsent(parent, s1_, "custody", "2026-08", true);
    const auto consents = svc_.ListConsents(parent, s1_);
    ASSERT_EQ(consents.size(), 2u);
    EXPECT_FALSE(consents[0].Active()) << "a new grant replaces the old one";
    EXPECT_TRUE(consents[1].Active());
    EXPECT_TRUE(svc_.HasConsent(s1_, "custody"));
    EXPECT_THROW(svc_.ListConsents(parent, so_), Error);
    EXPECT_EQ(svc_.ListGuardians(parent, s1_).at(0).mobile_masked, "138****8000");
}

TEST_F(OrgServiceTest, RosterImportConfirmsAllGoodRowsAtOnce) {
    const std::string x = kehou::testing::IdNumber("37081120170501151"), y = kehou::testing::IdNumber("37081120170601162");
    const std::string file = "年级,班级,姓名,性别,身份证号,学籍号\n3,2,新生甲,男," + x + ",G" + x + "\n3,2,新生乙,女," + y +
                             ",G" + y + "\n3,2,旧生,男," + ids_[0] + ",G" + ids_[0] + "\n";
    const Principal admin{2, "county", "county", Role::kDistrictAdmin, "/370800/370811/"};
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kUser{"test.import_user",
                                  "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                                  " created_at) VALUES (2, 'county', 'c', 'district_admin', '/370800/370811/', 'x', 'now')"};
        c->Execute(kUser);
    }
    const auto preview = svc_.PreviewRoster(admin, a_.id, file);
    EXPECT_EQ(preview.good_rows, 2);
    EXPECT_EQ(preview.bad_rows, 1) << "an already registered student is a bad row";
    EXPECT_EQ(svc_.ListStudents(county_, {.school_id = a_.id}).total, 3) << "a preview writes no student";
    const auto preview2 = svc_.PreviewRoster(admin, a_.id, file);
    const auto result = svc_.ConfirmRoster(admin, preview2.import_id);
    EXPECT_EQ(result.students, 2);
    EXPECT_EQ(svc_.ListStudents(county_, {.school_id = a_.id}).total, 5);
    EXPECT_THROW(svc_.ConfirmRoster(admin, preview2.import_id), Error);
}

// DESIGN.md roles: a teacher's data scope is their own classes, not the whole school.
TEST_F(OrgServiceTest, TeachersReadOnlyTheClassesTheyServe) {
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kUser{"test.teacher_user",
                                  "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                                  " created_at) VALUES (77, 'teacher', 't', 'teacher', $1, 'x', 'now')"};
        c->Execute(kUser, {a_.org_path});
    }
    const auto t = svc_.CreateTeacher(county_, {a_.id, "孙老师", "female", "13611112222", {"数学"}, false});
    {
        BulkWriter w(tdb_.database(), vault_);
        w.AssignClassTeacher(k3_.id, t.id, "head");
        w.LinkTeacherAccount(t.id, 77);
        w.Commit();
    }
    const Principal teacher{77, "teacher", "t", Role::kTeacher, a_.org_path};
    const auto mine = svc_.ListStudents(teacher, {});
    EXPECT_EQ(mine.total, 2) << "the two students of 三年级1班, not the school's three";
    for (const auto& s : mine.items) EXPECT_EQ(s.class_id, k3_.id);
    const auto classes = svc_.ListClasses(teacher, a_.id);
    ASSERT_EQ(classes.size(), 1u);
    EXPECT_EQ(classes[0].id, k3_.id);
    const auto other_class = svc_.ListStudents(county_, {.class_id = k4_.id}).items.at(0).id;
    EXPECT_THROW(svc_.GetStudent(teacher, other_class), Error);
    EXPECT_NO_THROW(svc_.GetStudent(teacher, s1_));
    EXPECT_THROW(svc_.ListGuardians(teacher, other_class), Error);
}

TEST_F(OrgServiceTest, BulkWriterRollsBackWhatItDidNotCommit) {
    {
        BulkWriter w(tdb_.database(), vault_);
        const Class k = w.AddClass(b_, 5, 1, 2022);
        w.AddStudent(k, {k.id, "未提交", "male", kehou::testing::IdNumber("37081120150101171"), "G" + kehou::testing::IdNumber("37081120150101171"), {}});
    }
    EXPECT_EQ(svc_.ListStudents(county_, {.name_prefix = "未提交"}).total, 0);
}

}  // namespace
}  // namespace kehou::org
