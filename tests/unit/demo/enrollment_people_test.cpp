// The demo city's incoming grade-1 families (src/demo/enrollment_people.hpp): deterministic, every identity number
// valid and issued once, the mix of cases at the documented rates, every row one the departments' schema accepts,
// the older export holding fewer rows, and the demo guardian's two children exactly as docs/enrollment-data.md says.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "demo/enrollment_people.hpp"
#include "enrollment/rules.hpp"
#include "enrollment/source_records.hpp"

namespace kehou::demo {
namespace {

const auto kToday = *ParseIsoDate("2026-12-05");

FamilySpec Spec(int per_cohort) {
    FamilySpec spec;
    spec.county = "370811";
    spec.communities = CommunitiesOf("370811", 30);
    spec.cohorts = {{2026, per_cohort}, {2027, per_cohort}};
    return spec;
}

std::string Field(const DepartmentRow& row, const std::string& name) {
    for (const auto& [k, v] : row.fields)
        if (k == name) return v;
    return "";
}

bool Valid(const std::string& id) {
    return ValidateIdNumber(id, kToday).ok();
}

TEST(EnrollmentPeople, CommunitiesAreTwelveDigitsOfTheCounty) {
    const auto codes = CommunitiesOf("370811", 30);
    EXPECT_EQ(codes.size(), 240u) << "8 per primary school";
    EXPECT_EQ(codes.front(), "370811001001");
    EXPECT_EQ(codes.back(), "370811024010");
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
    EXPECT_EQ(CommunitiesOf("370890", 0).size(), 8u);
}

TEST(EnrollmentPeople, DeterministicAndEveryNumberValidAndIssuedOnce) {
    const auto a = IncomingFamilies(Spec(1500));
    const auto b = IncomingFamilies(Spec(1500));
    ASSERT_EQ(a.size(), 3000u);
    std::set<std::string> issued;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].child_id_number, b[i].child_id_number);
        ASSERT_EQ(a[i].rows.size(), b[i].rows.size());
        for (std::size_t r = 0; r < a[i].rows.size(); ++r) ASSERT_EQ(a[i].rows[r].fields, b[i].rows[r].fields);
        for (const auto* id : {&a[i].child_id_number, &a[i].father_id_number, &a[i].mother_id_number}) {
            EXPECT_TRUE(Valid(*id)) << *id;
            EXPECT_TRUE(issued.insert(*id).second) << *id << " issued twice";
        }
        for (const auto& row : a[i].rows)
            if (row.department == "birth") {
                EXPECT_TRUE(Valid(Field(row, "mother_id_number")));
            }
        EXPECT_EQ(a[i].applicant_id_number(), a[i].relation == "father" ? a[i].father_id_number : a[i].mother_id_number);
    }
    for (const auto id : {kDemoChildA, kDemoChildB, kDemoFather, kDemoMother})
        EXPECT_FALSE(issued.contains(std::string(id))) << "the demo guardian's numbers are reserved";
    auto other = Spec(1500);
    other.seed = 7;
    EXPECT_NE(IncomingFamilies(other)[0].child_id_number, a[0].child_id_number) << "the seed matters";
}

TEST(EnrollmentPeople, TheMixOfCasesIsAsDocumented) {
    const auto families = IncomingFamilies(Spec(2500));
    std::map<std::string, int> n;
    enrollment::Policy policy;  // six by 31 August
    for (const auto& f : families) {
        const auto born = *ParseIsoDate(f.child_birth_date);
        EXPECT_EQ(enrollment::OldEnough(born, f.year, policy), !f.too_young) << f.child_birth_date;
        if (!f.too_young) {
            EXPECT_GE(f.child_birth_date, std::to_string(f.year - 7) + "-09-01");
        }
        n["migrant"] += f.migrant;
        n["too_young"] += f.too_young;
        n["no_household"] += f.no_household;
        n["mismatch"] += f.birth_mismatch;
        n["renting"] += f.renting;
        n["grandparents"] += f.lives_with_grandparents;
        int household = 0, property = 0, permits = 0;
        for (const auto& row : f.rows) {
            household += row.department == "household";
            property += row.department == "property";
            permits += row.department == "permit" || row.department == "insurance";
            if (row.department == "birth" && f.birth_mismatch) {
                EXPECT_NE(Field(row, "mother_id_number"), f.mother_id_number);
            }
            if (row.department == "household") {
                EXPECT_EQ(Field(row, "community_code").starts_with("370811"), !f.migrant);
            }
        }
        EXPECT_EQ(household, f.no_household ? 0 : 1);
        EXPECT_EQ(property == 0, f.renting) << "renting is declared exactly when no home is registered";
        EXPECT_EQ(permits > 0, f.migrant);
    }
    const double total = static_cast<double>(families.size());
    auto per_mille = [&](const char* k) { return 1000.0 * n[k] / total; };
    EXPECT_NEAR(per_mille("migrant"), 150, 25);
    EXPECT_NEAR(per_mille("too_young"), 20, 8);
    EXPECT_NEAR(per_mille("no_household"), 50, 12);
    EXPECT_NEAR(per_mille("mismatch"), 20, 8);
    EXPECT_NEAR(per_mille("renting"), 200, 30);
    EXPECT_NEAR(per_mille("grandparents"), 85, 20);
}

TEST(EnrollmentPeople, RowsAreWhatTheSchemaAcceptsAndTheOlderExportHoldsFewer) {
    const auto families = IncomingFamilies(Spec(800));
    const enrollment::IdHasher hasher = [](std::string_view id) { return std::string(id); };
    std::map<std::string, int> rows_at;
    int short_runs = 0, long_runs = 0;
    for (const char* date : {"2026-06-01", "2026-11-01"}) {
        for (const auto& f : families)
            for (const auto& row : RowsAt(f, date)) {
                ++rows_at[date];
                enrollment::FieldMap fields(row.fields.begin(), row.fields.end());
                const auto d = *enrollment::ParseDepartment(row.department);
                const auto parsed = enrollment::ParseRecord(d, fields, hasher, true, *ParseIsoDate(date));
                ASSERT_TRUE(parsed.problems.empty())
                    << row.department << " " << parsed.problems[0].field << " " << parsed.problems[0].message_en;
                if (row.department != "insurance" || std::string(date) != "2026-11-01") continue;
                EXPECT_EQ(Field(row, "period_to"), "2026-10-31") << "vouched to the month before the export";
                const auto& run = std::get<enrollment::InsuranceRecord>(*parsed.record).period;
                (enrollment::UnbrokenMonths(run, run.to) < 12 ? short_runs : long_runs) += 1;
            }
    }
    EXPECT_LT(rows_at["2026-06-01"], rows_at["2026-11-01"]);
    EXPECT_GT(rows_at["2026-06-01"], rows_at["2026-11-01"] * 8 / 10);
    EXPECT_GT(short_runs, 0) << "some runs fall short of the 12-month minimum";
    EXPECT_GT(long_runs, short_runs);
}

TEST(EnrollmentPeople, TheDemoGuardiansTwoChildren) {
    const auto kids = DemoGuardianFamilies("370811001001");
    ASSERT_EQ(kids.size(), 2u);
    const auto& a = kids[0];
    const auto& b = kids[1];
    EXPECT_EQ(a.child_id_number, "370811202103150311");
    EXPECT_EQ(b.child_id_number, "37081120210315032X");
    for (const auto& f : kids) {
        EXPECT_TRUE(Valid(f.child_id_number) && Valid(f.father_id_number) && Valid(f.mother_id_number));
        EXPECT_EQ(f.father_id_number, "370811198806120531");
        EXPECT_EQ(f.mother_id_number, "370811199003050642");
        EXPECT_EQ(f.year, 2027);
        EXPECT_EQ(f.relation, "father");
        EXPECT_TRUE(enrollment::OldEnough(*ParseIsoDate(f.child_birth_date), 2027, enrollment::Policy{}));
        EXPECT_EQ(RowsAt(f, "2026-06-01").size(), f.rows.size()) << "in both versions";
    }
    auto departments = [](const IncomingFamily& f) {
        std::set<std::string> out;
        for (const auto& r : f.rows) out.insert(r.department);
        return out;
    };
    EXPECT_EQ(departments(a), (std::set<std::string>{"birth", "household", "property"}));
    EXPECT_EQ(departments(b), (std::set<std::string>{"birth", "property"})) << "demo child B: no 公安户籍 record";
    EXPECT_TRUE(b.no_household);
    EXPECT_EQ(b.child_name, "王梓涵");
}

}  // namespace
}  // namespace kehou::demo
