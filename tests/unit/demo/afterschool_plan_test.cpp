// The demo city's after-school plan: the participation it promises (90.1 % of pupils, 93.3 % of teachers,
// to one decimal, on the county and the city), and what every school's semester must satisfy — 1–2 seats a
// child, no overlap, grade-eligible, within capacity, fees within the cap (RULES R2.1, R2.3), courses and
// service weeks that pass the publication rules (R1.5–R1.9) — and determinism.
#include "demo/afterschool_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "afterschool/rules.hpp"
#include "core/ids.hpp"
#include "demo/city.hpp"
#include "demo/generator.hpp"
#include "demo/schools.hpp"

namespace kehou::demo {
namespace {

constexpr std::uint64_t kSeed = 20260901;
const afterschool::FeeStandard kCity{300, 350, std::nullopt, std::nullopt, 17 * 60 + 30, 30};
const afterschool::FeeStandard kCounty{250, 300, 54000, std::nullopt, 17 * 60 + 30, 30};

/// The registry as the seed reads it back: schools with their teachers and pupils, ids in emission order.
class FactsSink : public Sink {
public:
    void OnSchool(std::size_t index, const School& s) override {
        schools.push_back({index, s.unit_code, s.stage, s.is_rural, s.grade_from, s.grade_to, {}, {}});
    }
    void OnClass(std::size_t, const Class& k) override { classes.push_back(k); }
    void OnTeacher(const Teacher& t) override {
        schools[t.school_index].teachers.push_back({next_id++, t.name, t.retired, t.subjects.at(0)});
    }
    void OnStudent(const Student& s) override {
        const Class& k = classes[s.class_index];
        schools[k.school_index].pupils.push_back({next_id++, k.grade});
    }
    std::vector<PlanSchool> schools;
    std::vector<Class> classes;
    std::int64_t next_id = 1;
};

/// One county-scale semester, planned as `kehou seed` plans it.
struct CountyPlan {
    std::vector<PlanSchool> schools;
    std::vector<Participation> take;
    std::vector<ProviderPlan> providers;
    std::vector<SchoolOffer> offers;
};

const afterschool::FeeStandard& StandardOf(const PlanSchool& s) {
    return s.unit_code == "370811" ? kCounty : kCity;
}

OfferOptions OptionsFor(const PlanSchool& s, const Participation& p, std::span<const ProviderPlan> providers,
                        std::uint64_t seed) {
    OfferOptions o{seed, 0, afterschool::HourlyCapFen(StandardOf(s), s.is_rural), p.served, p.teaching, {}, providers};
    if (s.index == 0 && !s.teachers.empty()) o.must_teach.push_back(s.teachers.front().id);
    if (s.index == 0 && !s.pupils.empty()) o.must_serve.push_back(s.pupils.front().id);
    return o;
}

const CountyPlan& County() {
    static const CountyPlan plan = [] {
        CountyPlan out;
        FactsSink sink;
        Generate(Scale::kCounty, kSeed, 2026, sink);
        out.schools = std::move(sink.schools);
        std::vector<Headcount> heads;
        for (const auto& s : out.schools) heads.push_back(HeadcountOf(s));
        out.take = PlanParticipation(heads, kSeed);
        out.providers = PlanProviders("370811", kSeed);
        for (std::size_t i = 0; i < out.schools.size(); ++i)
            out.offers.push_back(
                PlanOffer(out.schools[i], OptionsFor(out.schools[i], out.take[i], out.providers, kSeed)));
        return out;
    }();
    return plan;
}

bool Overlap(const SlotPlan& a, const SlotPlan& b) {
    return a.weekday == b.weekday && a.start < b.end && b.start < a.end;
}

TEST(AfterschoolPlanTest, TargetCountsRoundToTheReportedRatesAboveAThousand) {
    for (std::int64_t n : {1001, 2474, 34215, 60000, 829774}) {
        EXPECT_TRUE(RoundsTo(TargetCount(n, kServedPerThousand), n, kServedPerThousand)) << n;
        EXPECT_TRUE(RoundsTo(TargetCount(n, kTeachingPerThousand), n, kTeachingPerThousand)) << n;
    }
    EXPECT_FALSE(RoundsTo(540, 600, 901)) << "540 of 600 is 90.0 %";
    EXPECT_FALSE(RoundsTo(1, 0, 901));
}

TEST(AfterschoolPlanTest, CityParticipationReadsTheReportedRatesAndCountiesVary) {
    std::vector<Headcount> heads;
    for (const auto& plan : PlanSchools(SpecFor(Scale::kCity), kSeed)) {
        int grades = 0;
        for (int c : plan.classes_per_grade) grades += c > 0;
        heads.push_back({plan.school.unit_code, plan.students, plan.teachers, std::min(plan.teachers, grades + 1)});
    }
    const auto take = PlanParticipation(heads, kSeed);
    std::int64_t students = 0, served = 0, teachers = 0, teaching = 0;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_county;
    for (std::size_t i = 0; i < heads.size(); ++i) {
        ASSERT_GE(take[i].served, 1);
        ASSERT_LE(take[i].served, heads[i].students);
        ASSERT_GE(take[i].teaching, heads[i].min_teaching);
        ASSERT_LE(take[i].teaching, heads[i].teachers);
        students += heads[i].students, served += take[i].served;
        teachers += heads[i].teachers, teaching += take[i].teaching;
        by_county[heads[i].unit_code].first += heads[i].students;
        by_county[heads[i].unit_code].second += take[i].served;
    }
    EXPECT_EQ(students, kCityStudents);
    EXPECT_EQ(teachers, kCityTeachers);
    EXPECT_TRUE(RoundsTo(served, students, kServedPerThousand)) << served << " of " << students;
    EXPECT_TRUE(RoundsTo(teaching, teachers, kTeachingPerThousand)) << teaching << " of " << teachers;
    std::set<std::int64_t> rates;
    for (const auto& [unit, c] : by_county) {
        const std::int64_t permille = 1000 * c.second / c.first;
        EXPECT_GE(permille, 850) << unit;
        EXPECT_LE(permille, 950) << unit;
        rates.insert(permille);
    }
    EXPECT_EQ(by_county.size(), 14u);
    EXPECT_GE(rates.size(), 8u) << "each county varies around the city's rate";
}

TEST(AfterschoolPlanTest, CountyPlanSeatsExactlyThePromisedPupilsAndTeachers) {
    const CountyPlan& c = County();
    std::int64_t students = 0, served = 0, teachers = 0, teaching = 0;
    for (std::size_t i = 0; i < c.schools.size(); ++i) {
        std::set<std::int64_t> children, instructors;
        for (const auto& k : c.offers[i].courses) {
            if (k.teacher_id && !k.sections.empty()) instructors.insert(*k.teacher_id);
            for (const auto& x : k.sections)
                for (const auto& seat : x.seats) children.insert(seat.student_id);
        }
        EXPECT_EQ(std::ssize(children), c.take[i].served) << "school " << i;
        EXPECT_EQ(std::ssize(instructors), c.take[i].teaching) << "school " << i;
        students += std::ssize(c.schools[i].pupils), served += std::ssize(children);
        teachers += std::ssize(c.schools[i].teachers), teaching += std::ssize(instructors);
    }
    EXPECT_EQ(students, 60000);
    EXPECT_TRUE(RoundsTo(served, students, kServedPerThousand)) << served << " of " << students;
    EXPECT_TRUE(RoundsTo(teaching, teachers, kTeachingPerThousand)) << teaching << " of " << teachers;
    const auto& demo = c.offers[0].courses;
    const auto demo_teacher = c.schools[0].teachers.front().id;
    EXPECT_TRUE(std::any_of(demo.begin(), demo.end(), [&](const CoursePlan& k) {
        return k.teacher_id == demo_teacher;
    })) << "demo.teacher instructs a section";
    const auto demo_child = c.schools[0].pupils.front().id;
    std::vector<std::string> held;
    for (const auto& k : demo)
        for (const auto& x : k.sections)
            for (const auto& seat : x.seats)
                if (seat.student_id == demo_child) held.push_back(k.category);
    ASSERT_EQ(held.size(), 2u) << "demo.parent's child has homework help and a course";
    EXPECT_EQ(std::count(held.begin(), held.end(), "homework_help"), 1);
}

TEST(AfterschoolPlanTest, EveryChildHoldsOneOrTwoEligibleSeatsThatNeverOverlapWithinCapacity) {
    const CountyPlan& c = County();
    for (std::size_t i = 0; i < c.schools.size(); ++i) {
        std::map<std::int64_t, int> grade;
        for (const auto& p : c.schools[i].pupils) grade[p.id] = p.grade;
        std::map<std::int64_t, std::vector<std::pair<const CoursePlan*, const SectionPlan*>>> held;
        for (const auto& k : c.offers[i].courses)
            for (const auto& x : k.sections) {
                ASSERT_LE(std::ssize(x.seats), x.capacity) << k.title;
                for (std::size_t q = 0; q < x.seats.size(); ++q) {
                    const auto& seat = x.seats[q];
                    ASSERT_TRUE(grade.contains(seat.student_id)) << "a pupil of this school";
                    const int g = grade[seat.student_id];
                    ASSERT_TRUE(g >= k.grade_from && g <= k.grade_to) << k.title << " for grade " << g;
                    ASSERT_TRUE(seat.second >= 0 && seat.second < 4 * 86400) << "taken while the window was open";
                    if (q > 0) {
                        ASSERT_GE(seat.second, x.seats[q - 1].second) << "first come, first queued";
                    }
                    held[seat.student_id].emplace_back(&k, &x);
                }
            }
        for (const auto& [child, seats] : held) {
            ASSERT_GE(seats.size(), 1u);
            ASSERT_LE(seats.size(), 2u) << "course limit 2";
            if (seats.size() < 2) continue;
            ASSERT_NE(seats[0].first, seats[1].first) << "one course once";
            for (const auto& a : seats[0].second->slots)
                for (const auto& b : seats[1].second->slots) ASSERT_FALSE(Overlap(a, b)) << "child " << child;
        }
    }
}

TEST(AfterschoolPlanTest, CoursesPassPublicationRulesAndFeesStayWithinTheCap) {
    const CountyPlan& c = County();
    const std::set<std::string> categories = {"homework_help", "traditional_culture", "sport",  "art", "stem",
                                              "labour",        "mental_health",       "reading"};
    std::set<std::string> seen_categories, kinds;
    for (std::size_t i = 0; i < c.schools.size(); ++i) {
        const PlanSchool& s = c.schools[i];
        std::map<std::int64_t, const PlanTeacher*> teachers;
        for (const auto& t : s.teachers) teachers[t.id] = &t;
        std::set<std::string> titles;
        for (const auto& k : c.offers[i].courses) {
            ASSERT_TRUE(categories.contains(k.category)) << k.category;
            seen_categories.insert(k.category);
            kinds.insert(k.instructor_kind);
            EXPECT_TRUE(titles.insert(k.title).second) << "titles are unique in a school: " << k.title;
            ASSERT_TRUE(k.grade_from >= s.grade_from && k.grade_to <= s.grade_to && k.grade_from <= k.grade_to);
            ASSERT_FALSE(k.sections.empty());
            ASSERT_FALSE(k.instructor_name.empty());
            std::optional<afterschool::ProviderFacts> provider;
            auto kind = afterschool::InstructorKind::kVolunteer;
            if (k.instructor_kind == "provider") {
                const auto& p = c.providers.at(k.provider.value());
                provider = afterschool::ProviderFacts{true, true, p.free_public_benefit};
                kind = afterschool::InstructorKind::kProvider;
            } else if (k.instructor_kind != "volunteer") {
                const PlanTeacher* t = teachers.at(k.teacher_id.value());
                ASSERT_EQ(k.instructor_kind, t->retired ? "retired_teacher" : "own_teacher") << "R: retired → 返聘";
                kind = t->retired ? afterschool::InstructorKind::kRetiredTeacher
                                  : afterschool::InstructorKind::kOwnTeacher;
            }
            for (const auto& x : k.sections) {
                std::vector<afterschool::TimeSlot> slots;
                for (const auto& t : x.slots) {
                    slots.push_back({t.weekday, t.start, t.end});
                    ASSERT_TRUE(t.weekday >= 1 && t.weekday <= 5 && t.end <= 18 * 60) << k.title;
                }
                if (k.category != "homework_help") {
                    ASSERT_TRUE(x.capacity >= 20 && x.capacity <= 45) << k.title;
                }
                afterschool::CourseDraft draft;
                draft.title = k.title;
                draft.category.code = k.category;
                draft.instructor = kind;
                draft.provider = provider;
                draft.fee_per_hour_fen = k.fee_per_hour_fen;
                draft.capacity = x.capacity;
                draft.slots = slots;
                EXPECT_NO_THROW(afterschool::ValidateCourse(draft, StandardOf(s), s.is_rural))
                    << k.title << " at school " << i;
            }
        }
    }
    EXPECT_EQ(seen_categories, categories) << "every category is offered somewhere";
    EXPECT_EQ(kinds.size(), 4u) << "own, retired, volunteer and provider instructors all appear";
}

TEST(AfterschoolPlanTest, ServiceWeeksPassTheDismissalAndFivePlusTwoRules) {
    const CountyPlan& c = County();
    for (const auto& s : c.schools)
        for (const auto* standard : {&kCity, &kCounty}) {
            const auto week = PlanServiceWeek(s, afterschool::EarliestLatestEnd(*standard), kSeed);
            ASSERT_EQ(week.size(), 5u);
            std::vector<int> minutes(6, 0);
            for (const auto& d : week) {
                EXPECT_NO_THROW(afterschool::ValidateDismissalDay({d.weekday, d.batch_ends}, *standard));
                EXPECT_EQ(d.lessons_end, s.grade_from >= 7 ? 16 * 60 + 20 : 15 * 60 + 40);
                EXPECT_LT(d.lessons_end, d.batch_ends.front());
                EXPECT_GE(d.batch_ends.back(), 18 * 60);
                minutes[static_cast<std::size_t>(d.weekday)] = d.batch_ends.back() - d.lessons_end;
            }
            EXPECT_NO_THROW(afterschool::ValidateBasicService(minutes));
        }
}

TEST(AfterschoolPlanTest, ProvidersHaveValidCreditCodesAndOneIsFree) {
    for (const char* unit : {"370811", "370812", "370890"}) {
        const auto providers = PlanProviders(unit, kSeed);
        ASSERT_GE(providers.size(), 3u);
        ASSERT_LE(providers.size(), 5u);
        EXPECT_TRUE(providers[0].free_public_benefit);
        EXPECT_EQ(providers[0].fee_per_hour_fen, 0);
        std::set<std::string> codes;
        for (const auto& p : providers) {
            const auto check = ValidateCreditCode(p.credit_code);
            EXPECT_TRUE(check.ok()) << p.credit_code;
            EXPECT_FALSE(check.warning) << "the inner organisation code checks too: " << p.credit_code;
            EXPECT_TRUE(codes.insert(p.credit_code).second);
            EXPECT_NE(p.category, "subject_extension");
            EXPECT_FALSE(p.name.empty());
            if (!p.free_public_benefit) {
                EXPECT_TRUE(p.credit_code.starts_with("91")) << p.credit_code;
            }
        }
    }
}

TEST(AfterschoolPlanTest, SameFactsAndSeedGiveTheSamePlan) {
    const CountyPlan& c = County();
    const auto& s = c.schools[3];
    const auto again = PlanOffer(s, OptionsFor(s, c.take[3], c.providers, kSeed));
    const auto other = PlanOffer(s, OptionsFor(s, c.take[3], c.providers, kSeed + 1));
    auto digest = [](const SchoolOffer& o) {
        std::string d;
        for (const auto& k : o.courses) {
            d += k.title + k.instructor_name + std::to_string(k.grade_from) + std::to_string(k.fee_per_hour_fen);
            for (const auto& x : k.sections) {
                d += "|" + std::to_string(x.capacity);
                for (const auto& t : x.slots) d += "," + std::to_string(t.weekday * 10000 + t.start);
                for (const auto& seat : x.seats)
                    d += ";" + std::to_string(seat.student_id) + "@" + std::to_string(seat.second);
            }
        }
        return d;
    };
    EXPECT_EQ(digest(again), digest(c.offers[3]));
    EXPECT_NE(digest(other), digest(c.offers[3])) << "another seed, another plan";
    EXPECT_EQ(PlanParticipation(std::vector<Headcount>{HeadcountOf(s)}, kSeed).at(0).served,
              PlanParticipation(std::vector<Headcount>{HeadcountOf(s)}, kSeed).at(0).served);
}

}  // namespace
}  // namespace kehou::demo
