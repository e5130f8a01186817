// The demo city generator: totals per scale, validity and uniqueness of every identifier, realism of the
// distributions, determinism, and parents-before-children emission. RULES R3.1–R3.8, R3.6, R5.3.
#include "demo/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "core/divisions.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "demo/city.hpp"

namespace kehou::demo {
namespace {

using std::chrono::year_month_day;
constexpr int kSchoolYear = 2026;
constexpr year_month_day kToday{std::chrono::year{2026} / 9 / 1};

std::size_t CodePoints(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// 17 digits of a valid identity-number body (its check character follows from them), or 18 plain digits.
std::uint64_t Digits(std::string_view s) {
    std::uint64_t v = 0;
    for (char c : s) v = v * 10 + static_cast<std::uint64_t>(c == 'X' ? 0 : c - '0');
    return v;
}

std::size_t Duplicates(std::vector<std::uint64_t> keys) {
    std::sort(keys.begin(), keys.end());
    return static_cast<std::size_t>(keys.end() - std::unique(keys.begin(), keys.end()));
}

/// Checks everything it is given, keeps the first few problems, and counts what the distributions need.
class CheckingSink : public Sink {
public:
    void OnSchool(std::size_t index, const School& school) override {
        Expect(index == schools.size(), "school index out of order");
        const auto code = ValidateSchoolCode(school.school_code);
        Expect(code.ok(), "school code", school.school_code);
        const bool junior = school.stage == "junior_middle";
        Expect(school.school_code.starts_with(junior ? "3137" : "2137"), "school type", school.school_code);
        Expect(school_codes.insert(school.school_code).second, "duplicate school code", school.school_code);
        Expect(school_names.insert(school.name).second, "duplicate school name", school.name);
        const auto [from, to] = school.stage == "primary" ? std::pair{1, 6}
                                : junior                  ? std::pair{7, 9}
                                                          : std::pair{1, 9};
        Expect(school.stage == "primary" || junior || school.stage == "nine_year", "stage", school.stage);
        Expect(school.grade_from == from && school.grade_to == to, "grade span of", school.name);
        const std::string_view suffix = school.stage == "primary" ? "小学" : junior ? "中学" : "学校";
        Expect(school.name.ends_with(suffix), "name", school.name);
        const ManagementUnit* unit = FindUnit(school.unit_code);
        Expect(unit != nullptr && unit->parent_code == "370800", "unit", school.unit_code);
        if (unit && unit->kind != UnitKind::kFunctionalZone)
            Expect(school.name.find(unit->name) != std::string::npos, "name without its unit", school.name);
        Expect(school.address.starts_with("山东省济宁市"), "address", school.address);
        schools.push_back(school);
        teachers_at.push_back(0);
    }

    void OnClass(std::size_t index, const Class& klass) override {
        Expect(index == classes.size(), "class index out of order");
        // Streaming: a class belongs to the school just emitted.
        Expect(!schools.empty() && klass.school_index == schools.size() - 1, "class before its school");
        if (klass.school_index < schools.size()) {
            const School& school = schools[klass.school_index];
            Expect(klass.grade >= school.grade_from && klass.grade <= school.grade_to, "grade outside the school");
        }
        Expect(klass.entry_year == kSchoolYear - klass.grade + 1, "entry year");
        classes.push_back(klass);
        class_sizes.push_back(0);
    }

    void OnTeacher(const Teacher& teacher) override {
        Expect(!schools.empty() && teacher.school_index == schools.size() - 1, "teacher before its school");
        Expect(ValidateMobile(teacher.mobile).ok() && teacher.mobile.size() == 11, "teacher mobile", teacher.mobile);
        mobiles.push_back(Digits(teacher.mobile));
        Expect(!teacher.subjects.empty() && teacher.subjects.size() <= 2, "subjects");
        const std::string& stage = schools.empty() ? "" : schools.back().stage;
        for (const auto& subject : teacher.subjects) {
            const bool primary_ok = kPrimarySubjects.contains(subject);
            const bool junior_ok = kJuniorSubjects.contains(subject);
            Expect(stage == "primary"         ? primary_ok
                   : stage == "junior_middle" ? junior_ok
                                              : primary_ok || junior_ok,
                   "subject " + subject + " at a " + stage + " school");
        }
        Expect(teacher.sex == "male" || teacher.sex == "female", "teacher sex");
        Expect(CodePoints(teacher.name) >= 2 && CodePoints(teacher.name) <= 4, "teacher name", teacher.name);
        if (!teachers_at.empty()) ++teachers_at.back();
        retired += teacher.retired;
        ++teachers;
    }

    void OnStudent(const Student& s) override {
        Expect(s.class_index < classes.size() && classes[s.class_index].school_index == schools.size() - 1,
               "student before its class");
        if (s.class_index >= classes.size()) return;
        const Class& klass = classes[s.class_index];
        const School& school = schools[klass.school_index];
        ++class_sizes[s.class_index];
        const bool male = s.sex == "male";
        Expect(male || s.sex == "female", "sex", s.sex);
        males += male;
        // RULES R5.3: 6 by 31 August of the entry year, so born 1 September (entry − 7) to 31 August (entry − 6).
        char lo[24];
        char hi[24];
        std::snprintf(lo, sizeof lo, "%04d-09-01", klass.entry_year - 7);
        std::snprintf(hi, sizeof hi, "%04d-08-31", klass.entry_year - 6);
        Expect(s.birth_date.size() == 10 && s.birth_date >= lo && s.birth_date <= hi, "birth date", s.birth_date);

        const auto id = ValidateIdNumber(s.id_number, kToday);
        Expect(id.ok() && id.normalized == s.id_number, "identity number", s.id_number);
        Expect(SexMatches(id, male ? Sex::kMale : Sex::kFemale), "sex digit of", s.id_number);
        std::string compact = s.birth_date;
        std::erase(compact, '-');
        Expect(s.id_number.substr(6, 8) == compact, "birth date inside", s.id_number);
        ids.push_back(Digits(s.id_number.substr(0, 17)));
        CheckAddressCode(s, school);

        const auto number = ValidateStudentNumber(s.student_number, kToday);
        Expect(number.ok() && number.normalized == s.student_number, "student number", s.student_number);
        if (number.kind == StudentNumberKind::kIdBased)
            Expect(std::string_view(s.student_number).substr(1) == s.id_number, "G number is not G + identity number");
        const char lead = s.student_number.empty() ? '?' : s.student_number[0];
        ++number_kinds[lead];
        const std::uint64_t kind_key = lead == 'G' ? 0 : lead == 'J' ? 1 : 2;
        student_numbers.push_back(
            kind_key * 1'000'000'000'000'000'000ULL +
            (lead == 'L' ? Digits(s.student_number.substr(1)) : Digits(s.student_number.substr(1, 17)) * 10));

        Expect(!s.guardians.empty() && s.guardians.size() <= 2, "guardian count");
        bool pickup = false;
        for (const auto& g : s.guardians) {
            Expect(kRelations.contains(g.relation), "relation", g.relation);
            Expect(ValidateMobile(g.mobile).ok() && g.mobile.size() == 11, "guardian mobile", g.mobile);
            Expect(CodePoints(g.name) >= 2 && CodePoints(g.name) <= 4, "guardian name", g.name);
            mobiles.push_back(Digits(g.mobile));
            pickup = pickup || g.pickup_authorised;
            if (g.relation == "father") {
                ++fathers;
                fathers_sharing_surname += s.name.substr(0, 3) == g.name.substr(0, 3);
            }
        }
        Expect(pickup, "no guardian may pick up", s.name);
        Expect(!s.left_behind || s.guardians[0].relation != "mother", "left-behind child living with mother");
        guardians += s.guardians.size();

        Expect(CodePoints(s.name) >= 2 && CodePoints(s.name) <= 4, "student name", s.name);
        two_character_names += CodePoints(s.name) == 2;
        ++surname_by_unit[school.unit_code][s.name.substr(0, 3)];
        CountFlags(s, school);
        ++students;
    }

    void ExpectClean() const {
        std::string first;
        for (const auto& problem : problems) first += "\n  " + problem;
        EXPECT_EQ(problem_count, 0u) << "first problems:" << first;
    }

    double Share(std::size_t n) const { return static_cast<double>(n) / static_cast<double>(students); }

    std::vector<School> schools;
    std::vector<Class> classes;
    std::vector<int> class_sizes;
    std::vector<int> teachers_at;
    std::set<std::string> school_codes;
    std::set<std::string> school_names;
    std::vector<std::uint64_t> ids, student_numbers, mobiles;
    std::map<char, std::size_t> number_kinds;
    std::map<std::string, std::map<std::string, std::size_t>> surname_by_unit;
    std::map<std::string, std::size_t> students_by_unit;
    std::size_t students = 0, teachers = 0, retired = 0, guardians = 0, males = 0, two_character_names = 0;
    std::size_t fathers = 0, fathers_sharing_surname = 0, retired_code = 0;
    // Flag counts and, beside them, the sum of each child's own target rate (per mille).
    std::array<std::size_t, 6> flags{};
    std::array<std::size_t, 6> expected_per_mille{};
    std::size_t rural_students = 0;

private:
    // The message is built only on failure: a city makes some thirty million checks.
    void Expect(bool ok, std::string_view what, std::string_view detail = {}) {
        if (ok) return;
        if (problems.size() < 20) problems.push_back(std::string(what) + " " + std::string(detail));
        ++problem_count;
    }

    // RULES R3.2, R3.6: the unit's own code, 任城/兖州 for the zones, the codes retired in 2013 for the
    // older children, or (migrants) wherever the child is registered; never a zone's management code.
    void CheckAddressCode(const Student& s, const School& school) {
        const std::string code = s.id_number.substr(0, 6);
        Expect(!code.starts_with("37089"), "zone code in an identity number", s.id_number);
        if (s.migrant) return;
        const bool zone = FindUnit(school.unit_code)->kind == UnitKind::kFunctionalZone;
        std::string expected = zone ? "" : school.unit_code;
        if (const auto successor = RetiredDivisionSuccessor(code)) {
            Expect(s.birth_date < "2013-10-01", "retired code for a child born", s.birth_date);
            ++retired_code;
            Expect(zone ? (*successor == "370811" || *successor == "370812") : *successor == expected,
                   "retired code of another unit", s.id_number);
            return;
        }
        Expect(zone ? (code == "370811" || code == "370812") : code == expected, "address code", s.id_number);
    }

    void CountFlags(const Student& s, const School& school) {
        const FlagRates rates = RatesFor(*std::find_if(Units().begin(), Units().end(),
                                                       [&](const auto& u) { return u.mgmt_code == school.unit_code; }),
                                         school.is_rural);
        const std::array<bool, 6> got{s.disability,  s.migrant,         s.hardship,
                                      s.left_behind, s.military_family, s.dual_income};
        const std::array<int, 6> want{rates.disability,  rates.migrant,         rates.hardship,
                                      rates.left_behind, rates.military_family, rates.dual_income};
        for (std::size_t i = 0; i < got.size(); ++i) {
            flags[i] += got[i];
            expected_per_mille[i] += static_cast<std::size_t>(want[i]);
        }
        rural_students += school.is_rural;
        ++students_by_unit[school.unit_code];
    }

    inline static const std::set<std::string> kPrimarySubjects{"语文", "数学", "英语", "道德与法治", "科学",
                                                               "体育", "音乐", "美术", "信息技术"};
    inline static const std::set<std::string> kJuniorSubjects{"语文", "数学", "英语",    "道德与法治", "历史",
                                                              "地理", "物理", "化学",    "生物",       "体育",
                                                              "音乐", "美术", "信息技术"};
    inline static const std::set<std::string> kRelations{"father", "mother", "grandfather", "grandmother", "other"};
    std::vector<std::string> problems;
    std::size_t problem_count = 0;
};

/// FNV-1a over every field of every record, in emission order.
class HashingSink : public Sink {
public:
    void OnSchool(std::size_t index, const School& s) override {
        Add(index, s.school_code, s.name, s.unit_code, s.stage, s.is_public, s.is_rural, s.grade_from, s.grade_to,
            s.address);
    }
    void OnClass(std::size_t index, const Class& c) override {
        Add(index, c.school_index, c.grade, c.class_no, c.entry_year);
    }
    void OnTeacher(const Teacher& t) override {
        Add(t.school_index, t.name, t.sex, t.mobile, t.retired);
        for (const auto& subject : t.subjects) Add(subject);
    }
    void OnStudent(const Student& s) override {
        Add(s.class_index, s.name, s.sex, s.birth_date, s.id_number, s.student_number, s.disability, s.migrant,
            s.hardship, s.left_behind, s.military_family, s.dual_income);
        for (const auto& g : s.guardians) Add(g.name, g.relation, g.mobile, g.pickup_authorised);
    }
    std::uint64_t hash = 14695981039346656037ULL;

private:
    void Bytes(std::string_view bytes) {
        for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
        hash = (hash ^ 0xFF) * 1099511628211ULL;  // field separator
    }
    template <typename... Fields>
    void Add(const Fields&... fields) {
        (Field(fields), ...);
    }
    void Field(const std::string& s) { Bytes(s); }
    void Field(bool b) { Bytes(b ? "1" : "0"); }
    void Field(int n) { Bytes(std::to_string(n)); }
    void Field(std::size_t n) { Bytes(std::to_string(n)); }
};

std::uint64_t HashOf(Scale scale, std::uint64_t seed) {
    HashingSink sink;
    Generate(scale, seed, kSchoolYear, sink);
    return sink.hash;
}

void ExpectNear(double got, double want, double tolerance, const char* what) {
    EXPECT_GE(got, want * (1 - tolerance)) << what;
    EXPECT_LE(got, want * (1 + tolerance)) << what;
}

TEST(DemoScaleTest, ParsesTheThreeScaleNames) {
    EXPECT_EQ(ParseScale("tiny"), Scale::kTiny);
    EXPECT_EQ(ParseScale("county"), Scale::kCounty);
    EXPECT_EQ(ParseScale("city"), Scale::kCity);
    EXPECT_EQ(ParseScale("City"), std::nullopt);
    EXPECT_EQ(ParseScale(""), std::nullopt);
    EXPECT_EQ(ParseScale("province"), std::nullopt);
    EXPECT_EQ(ToString(Scale::kCounty), "county");
}

TEST(DemoGeneratorTest, RejectsAnAbsurdSchoolYear) {
    CheckingSink sink;
    EXPECT_THROW(Generate(Scale::kTiny, 1, 1999, sink), Error);
    EXPECT_TRUE(sink.schools.empty());
}

TEST(DemoGeneratorTest, TinyIsTwoPrimarySchoolsAndOneJuniorMiddleWithAboutSixHundredPupils) {
    CheckingSink sink;
    const Totals totals = Generate(Scale::kTiny, 7, kSchoolYear, sink);
    sink.ExpectClean();
    ASSERT_EQ(totals.schools, 3u);
    EXPECT_EQ(sink.schools[0].stage, "primary");
    EXPECT_EQ(sink.schools[1].stage, "primary");
    EXPECT_EQ(sink.schools[2].stage, "junior_middle");
    EXPECT_EQ(sink.schools[0].name, "济宁市任城区实验小学");
    EXPECT_EQ(sink.schools[2].name, "济宁市任城区第一中学");
    EXPECT_EQ(totals.classes, 15u);
    EXPECT_GE(totals.students, 550u);
    EXPECT_LE(totals.students, 650u);
    EXPECT_GE(totals.teachers, 15u);
    EXPECT_LE(totals.teachers, 40u);
    EXPECT_EQ(totals.students, sink.students);
    EXPECT_EQ(totals.teachers, sink.teachers);
    EXPECT_EQ(totals.guardians, sink.guardians);
    EXPECT_EQ(totals.classes, sink.classes.size());
}

class DemoCountyTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sink_ = new CheckingSink;
        totals_ = Generate(Scale::kCounty, 20260901, kSchoolYear, *sink_);
    }
    static void TearDownTestSuite() { delete sink_; }
    static inline CheckingSink* sink_ = nullptr;
    static inline Totals totals_{};
};

TEST_F(DemoCountyTest, IsRenchengWithAboutEightySchoolsAndSixtyThousandPupils) {
    sink_->ExpectClean();
    EXPECT_EQ(totals_.schools, 80u);
    EXPECT_GE(totals_.students, 57'000u);
    EXPECT_LE(totals_.students, 63'000u);
    ExpectNear(static_cast<double>(totals_.teachers), 60'000.0 * kCityTeachers / kCityStudents, 0.02, "teachers");
    for (const auto& school : sink_->schools) EXPECT_EQ(school.unit_code, "370811");
    EXPECT_EQ(totals_.guardians, sink_->guardians);
}

TEST_F(DemoCountyTest, ClassesHoldThirtyFiveToFiftyAndMostAtMostFortyFive) {
    std::size_t big = 0;
    for (int size : sink_->class_sizes) {
        EXPECT_GE(size, 35);
        EXPECT_LE(size, 50);
        big += size > 45;
    }
    EXPECT_GT(big, 0u);
    EXPECT_LT(big, sink_->class_sizes.size() / 4);
    // 2 to 10 classes a grade.
    std::map<std::pair<std::size_t, int>, int> per_grade;
    for (const auto& c : sink_->classes) ++per_grade[{c.school_index, c.grade}];
    for (const auto& [key, n] : per_grade) {
        EXPECT_GE(n, 2);
        EXPECT_LE(n, 10);
    }
}

TEST_F(DemoCountyTest, IdentifiersAreUnique) {
    EXPECT_EQ(Duplicates(sink_->ids), 0u);
    EXPECT_EQ(Duplicates(sink_->student_numbers), 0u);
    EXPECT_EQ(Duplicates(sink_->mobiles), 0u);
    EXPECT_EQ(sink_->school_codes.size(), sink_->schools.size());
}

TEST_F(DemoCountyTest, StudentNumbersAreMostlyGWithAFewJAndL) {
    const auto& kinds = sink_->number_kinds;
    ExpectNear(sink_->Share(kinds.at('G')), 0.97, 0.02, "G share");
    EXPECT_GT(kinds.at('J'), 0u);
    EXPECT_GT(kinds.at('L'), 0u);
    // The older 任城 children carry 370802, retired in 2013 (RULES R3.2).
    EXPECT_GT(sink_->retired_code, 0u);
}

TEST_F(DemoCountyTest, FlagsAreWithinThirtyPercentOfTheirTargets) {
    const char* names[] = {"disability", "migrant", "hardship", "left_behind", "military_family", "dual_income"};
    for (std::size_t i = 0; i < 6; ++i) {
        const double target = static_cast<double>(sink_->expected_per_mille[i]) / 1000.0;
        ExpectNear(static_cast<double>(sink_->flags[i]), target, 0.30, names[i]);
    }
    // 任城区: migrant children concentrate here (RatesFor gives 16 % urban), left-behind ones do not.
    EXPECT_GT(sink_->Share(sink_->flags[1]), 0.10);
    EXPECT_LT(sink_->Share(sink_->flags[3]), 0.06);
    ExpectNear(sink_->Share(sink_->males), 0.52, 0.05, "boys");
}

TEST_F(DemoCountyTest, NamesLookChinese) {
    // One-character given names, i.e. two-character full names: about a quarter.
    ExpectNear(sink_->Share(sink_->two_character_names), 0.25, 0.25, "two-character names");
    // 王 张 李 are the three commonest surnames in Shandong.
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [surname, n] : sink_->surname_by_unit.at("370811")) ranked.emplace_back(n, surname);
    std::sort(ranked.rbegin(), ranked.rend());
    ASSERT_GE(ranked.size(), 50u);
    const std::set<std::string> top3{ranked[0].second, ranked[1].second, ranked[2].second};
    EXPECT_EQ(top3, (std::set<std::string>{"王", "张", "李"}));
    // A father usually passes on his surname.
    EXPECT_GT(static_cast<double>(sink_->fathers_sharing_surname) / static_cast<double>(sink_->fathers), 0.93);
}

TEST(DemoGeneratorTest, SameSeedSameCityDifferentSeedDifferentCity) {
    const std::uint64_t first = HashOf(Scale::kCounty, 42);
    EXPECT_EQ(HashOf(Scale::kCounty, 42), first);
    EXPECT_NE(HashOf(Scale::kCounty, 43), first);
    EXPECT_NE(HashOf(Scale::kTiny, 42), HashOf(Scale::kTiny, 43));
}

TEST(DemoCityTest, MatchesJiningFiguresAndEveryRecordIsValid) {
    CheckingSink sink;
    const auto start = std::chrono::steady_clock::now();
    const Totals totals = Generate(Scale::kCity, 2022, kSchoolYear, sink);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("[ info     ] city scale generated and checked in %.2f s\n", took.count());
    sink.ExpectClean();
    ExpectNear(static_cast<double>(totals.schools), kCitySchools, 0.01, "schools");
    ExpectNear(static_cast<double>(totals.students), kCityStudents, 0.01, "students");
    ExpectNear(static_cast<double>(totals.teachers), kCityTeachers, 0.01, "teachers");
    EXPECT_EQ(Duplicates(sink.ids), 0u);
    EXPECT_EQ(Duplicates(sink.student_numbers), 0u);
    EXPECT_EQ(Duplicates(sink.mobiles), 0u);

    // All 14 units; 任城 and 邹城 the largest, 鱼台 and the zones small.
    ASSERT_EQ(sink.students_by_unit.size(), 14u);
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [unit, n] : sink.students_by_unit) ranked.emplace_back(n, unit);
    std::sort(ranked.rbegin(), ranked.rend());
    EXPECT_EQ(ranked[0].second, "370811");
    EXPECT_EQ(ranked[1].second, "370883");
    for (const auto& small : {"370827", "370890", "370891", "370892"})
        EXPECT_LT(sink.students_by_unit.at(small), ranked[4].first) << small;

    // Headline rates of the brief, city-wide.
    ExpectNear(sink.Share(sink.flags[0]), 0.01, 0.30, "disability");
    ExpectNear(sink.Share(sink.flags[1]), 0.08, 0.30, "migrant");
    ExpectNear(sink.Share(sink.flags[2]), 0.05, 0.30, "hardship");
    ExpectNear(sink.Share(sink.flags[3]), 0.06, 0.30, "left_behind");
    ExpectNear(sink.Share(sink.flags[4]), 0.005, 0.30, "military_family");
    ExpectNear(sink.Share(sink.flags[5]), 0.55, 0.30, "dual_income");
    ExpectNear(static_cast<double>(sink.retired) / static_cast<double>(sink.teachers), 0.03, 0.30, "retired");

    // Schools: ~95 % public, ~10 % nine-year, ~55 % rural outside 任城 and the zones.
    std::size_t is_public = 0, nine_year = 0, outside = 0, rural_outside = 0;
    for (const auto& s : sink.schools) {
        is_public += s.is_public;
        nine_year += s.stage == "nine_year";
        const bool core = s.unit_code == "370811" || FindUnit(s.unit_code)->kind == UnitKind::kFunctionalZone;
        outside += !core;
        rural_outside += !core && s.is_rural;
    }
    ExpectNear(static_cast<double>(is_public) / static_cast<double>(sink.schools.size()), 0.95, 0.03, "public");
    ExpectNear(static_cast<double>(nine_year) / static_cast<double>(sink.schools.size()), 0.10, 0.20, "nine-year");
    ExpectNear(static_cast<double>(rural_outside) / static_cast<double>(outside), 0.55, 0.15, "rural");

    // 孔 in 曲阜, 孟 in 邹城.
    const auto share = [&](const char* unit, const char* surname) {
        const auto& names = sink.surname_by_unit.at(unit);
        const auto it = names.find(surname);
        return static_cast<double>(it == names.end() ? 0 : it->second) /
               static_cast<double>(sink.students_by_unit.at(unit));
    };
    EXPECT_GT(share("370881", "孔"), 0.10);
    EXPECT_LT(share("370811", "孔"), 0.02);
    EXPECT_GT(share("370883", "孟"), 0.04);
}

}  // namespace
}  // namespace kehou::demo
