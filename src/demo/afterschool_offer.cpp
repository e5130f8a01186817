// One school's after-school semester: homework help per grade (the basic service, Monday to Friday),
// special courses led by its own teachers, volunteers and the county's admitted providers, and the seats
// the served children took in the first-come window, in the order they came.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "demo/afterschool_courses.hpp"
#include "demo/afterschool_plan.hpp"
#include "demo/names.hpp"
#include "demo/random.hpp"

namespace kehou::demo {
namespace {

constexpr std::uint64_t kOfferStream = 6'300'000;  // + 8 × the school's index + the semester's stream
using Part = DayPart;
constexpr const Part& kPrimary = kPrimaryPart;
constexpr const Part& kJunior = kJuniorPart;

const NameMaker& PlainNames() {
    static const NameMaker names{std::span<const SurnameBoost>{}};
    return names;
}

/// What the plan keeps about a course beside what is written.
struct CourseMeta {
    const Part* part = nullptr;
    const CourseSpec* spec = nullptr;  // null for homework help
    std::int64_t instructor = 0;       // teacher id, or a negative key for a volunteer or provider
    int capacity = 0;                  // of each section added later
};

/// A served child's seats so far.
struct Held {
    std::vector<SlotPlan> slots;
    std::vector<std::size_t> courses;
};

class OfferPlanner {
public:
    OfferPlanner(const PlanSchool& school, const OfferOptions& o)
        : school_(school),
          o_(o),
          rng_(o.seed, kOfferStream + school.index * 8 + o.semester_stream),
          by_grade_(PupilsByGrade(school)) {
        if (school.grade_from <= 6) parts_.push_back(&kPrimary);
        if (school.grade_to >= 7) parts_.push_back(&kJunior);
        // Most schools charge the cap; some a little less (R2.1 sets a ceiling, not a price).
        fee_ = std::max<std::int64_t>(0, o.fee_cap_fen - (rng_.PerMille(250) ? 50 : 0));
    }

    SchoolOffer Run() {
        ChooseTeachers();
        AddHomework();
        AddClubs();
        AddVolunteerCourses();
        AddProviderCourses();
        CoverEveryGrade();
        SeatChildren();
        NameCourses();
        return std::move(out_);
    }

private:
    template <typename T>
    void Shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng_.Below(i)]);
    }

    void ChooseTeachers() {
        const auto& all = school_.teachers;
        const auto want = static_cast<std::size_t>(std::clamp<std::int64_t>(o_.teaching, 0, std::ssize(all)));
        std::vector<std::size_t> must, retired, rest;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const bool required =
                std::find(o_.must_teach.begin(), o_.must_teach.end(), all[i].id) != o_.must_teach.end();
            (required ? must : all[i].retired ? retired : rest).push_back(i);
        }
        // Retired teachers are re-employed for exactly this; the others who take part are drawn.
        Shuffle(retired);
        Shuffle(rest);
        std::vector<std::size_t> order = must;
        order.insert(order.end(), retired.begin(), retired.end());
        order.insert(order.end(), rest.begin(), rest.end());
        order.resize(std::min(want, order.size()));
        std::sort(order.begin(), order.end());
        for (auto i : order) free_.push_back(&all[i]);
        teaching_ = free_;
    }

    /// The next teacher without a course: a serving one first when `serving` (homework help).
    const PlanTeacher* TakeTeacher(bool serving) {
        if (free_.empty()) return nullptr;
        auto it = serving ? std::find_if(free_.begin(), free_.end(), [](auto* t) { return !t->retired; }) : free_.end();
        if (it == free_.end()) it = free_.begin();
        const PlanTeacher* t = *it;
        free_.erase(it);
        return t;
    }

    void SetVolunteer(CoursePlan& c) {
        c.instructor_kind = "volunteer";
        c.instructor_name = PersonName();
    }

    std::string PersonName() {
        std::string name(PlainNames().Surname(rng_));
        PlainNames().AppendGivenName(name, rng_, rng_.PerMille(450), Generation::kParent);
        return name;
    }

    std::int64_t SetTeacher(CoursePlan& c, const PlanTeacher* t) {
        if (!t) {
            SetVolunteer(c);
            return --next_key_;
        }
        c.instructor_kind = t->retired ? "retired_teacher" : "own_teacher";
        c.teacher_id = t->id;
        c.instructor_name = t->name;
        return t->id;
    }

    std::size_t Add(CoursePlan c, CourseMeta meta, std::vector<SlotPlan> slots) {
        auto& busy = busy_[meta.instructor];
        busy.insert(busy.end(), slots.begin(), slots.end());
        c.sections.push_back({meta.capacity, std::move(slots), {}});
        out_.courses.push_back(std::move(c));
        meta_.push_back(meta);
        return out_.courses.size() - 1;
    }

    void AddHomework() {
        for (const Part* p : parts_)
            for (int g = std::max(p->grade_from, school_.grade_from); g <= std::min(p->grade_to, school_.grade_to);
                 ++g) {
                const int n = by_grade_[static_cast<std::size_t>(g)];
                const int groups = HomeworkGroups(n);
                for (int j = 0; j < groups; ++j) {
                    CoursePlan c;
                    c.title = "作业辅导（" + std::string(GradeName(g)) +
                              (groups > 1 ? "·" + std::to_string(j + 1) + "组" : "") + "）";
                    c.category = "homework_help";
                    c.description = "基础托管：在老师看护下完成书面作业，答疑辅导，不讲授新课。";
                    c.venue = std::string(GradeName(g)) + "各班教室";
                    c.grade_from = c.grade_to = g;
                    c.fee_per_hour_fen = fee_;
                    const std::int64_t key = SetTeacher(c, TakeTeacher(true));
                    std::vector<SlotPlan> slots;
                    for (int d = 1; d <= 5; ++d) slots.push_back({d, p->homework_start, p->homework_end});
                    homework_[g].push_back(Add(std::move(c), {p, nullptr, key, (n + groups - 1) / groups}, slots));
                }
            }
    }

    const Part* PickPart() {
        if (parts_.size() == 1) return parts_[0];
        int primary = 0, junior = 0;
        for (int g = 1; g <= 9; ++g) (g <= 6 ? primary : junior) += by_grade_[static_cast<std::size_t>(g)];
        if (primary + junior == 0) return parts_[rng_.Below(2)];
        return static_cast<int>(rng_.Below(static_cast<std::uint64_t>(primary) + static_cast<std::uint64_t>(junior))) <
                       primary
                   ? parts_[0]
                   : parts_[1];
    }

    const CourseSpec* PickSpec(std::string_view category, const Part& part) {
        std::vector<const CourseSpec*> fits, fresh;
        for (const auto& s : CourseSpecs())
            if ((category.empty() || s.category == category) && s.grade_min <= part.grade_to &&
                s.grade_max >= part.grade_from) {
                fits.push_back(&s);
                if (!used_specs_.contains(&s)) fresh.push_back(&s);
            }
        if (fits.empty()) return category.empty() ? nullptr : PickSpec("", part);
        const auto& pool = fresh.empty() ? fits : fresh;
        const CourseSpec* s = pool[rng_.Below(pool.size())];
        used_specs_.insert(s);
        return s;
    }

    /// A special course in `category` for one part, meeting on a day its instructor is free.
    void AddSpecial(std::string_view category, CoursePlan c, std::int64_t key, const Part& part) {
        const CourseSpec* spec = PickSpec(category, part);
        if (!spec) return;
        const int a = std::max({part.grade_from, spec->grade_min, school_.grade_from});
        const int b = std::min({part.grade_to, spec->grade_max, school_.grade_to});
        const int span = b - a + 1;
        const int width = std::min(span, std::array{span, 2, 3}[rng_.Below(3)]);
        c.grade_from = a + static_cast<int>(rng_.Below(static_cast<std::uint64_t>(span - width) + 1));
        c.grade_to = c.grade_from + width - 1;
        c.category = std::string(spec->category);
        c.venue = std::string(spec->venue);
        const int capacity = rng_.Between(spec->capacity_min, spec->capacity_max);
        const auto& busy = busy_[key];
        const int first = day_cursor_++;
        for (int i = 0; i < 5; ++i) {
            const int d = (first + i) % 5 + 1;
            std::vector<SlotPlan> slots{{d, part.club_start, part.club_end}};
            if (Clash(busy, slots)) continue;
            const SlotPlan second{(d + 1) % 5 + 1, part.club_start, part.club_end};  // two days later
            if (rng_.PerMille(spec->twice_weekly_permille) && !Clash(busy, std::span(&second, 1)))
                slots.push_back(second);
            std::sort(slots.begin(), slots.end(), [](auto& x, auto& y) { return x.weekday < y.weekday; });
            clubs_.push_back(Add(std::move(c), {&part, spec, key, capacity}, std::move(slots)));
            return;
        }
    }

    void AddClubs() {
        if (teaching_.empty()) return;
        const int clubs = o_.clubs >= 0 ? o_.clubs : static_cast<int>(std::max(free_.size(), parts_.size()));
        for (int k = 0; k < clubs; ++k) {
            const PlanTeacher* t =
                free_.empty() ? teaching_[static_cast<std::size_t>(k) % teaching_.size()] : TakeTeacher(false);
            const auto categories = t->retired ? RetiredCategories() : CategoriesForSubject(t->subject);
            const auto category = rng_.PerMille(600) ? categories[0] : categories[rng_.Below(categories.size())];
            CoursePlan c;
            c.fee_per_hour_fen = fee_;
            const std::int64_t key = SetTeacher(c, t);
            AddSpecial(category, std::move(c), key, *PickPart());
        }
    }

    void AddVolunteerCourses() {
        const int n = o_.volunteer_courses >= 0 ? o_.volunteer_courses : rng_.Between(1, 2);
        for (int k = 0; k < n; ++k) {
            CoursePlan c;
            c.fee_per_hour_fen = fee_;
            SetVolunteer(c);
            const auto category = VolunteerCategories()[rng_.Below(VolunteerCategories().size())];
            AddSpecial(category, std::move(c), --next_key_, *PickPart());
        }
    }

    void AddProviderCourses() {
        if (o_.providers.empty()) return;
        const int n = o_.provider_courses >= 0 ? o_.provider_courses : school_.is_rural ? 1 : 2;
        std::vector<std::size_t> order(o_.providers.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        Shuffle(order);
        for (int k = 0; k < n; ++k) {
            const std::size_t p = order[static_cast<std::size_t>(k) % order.size()];
            const ProviderPlan& provider = o_.providers[p];
            CoursePlan c;
            c.instructor_kind = "provider";
            c.provider = p;
            c.instructor_name = PersonName();
            // R2.3d: a free public-benefit provider charges nothing; the others no more than the cap.
            c.fee_per_hour_fen = provider.free_public_benefit ? 0 : std::min(provider.fee_per_hour_fen, o_.fee_cap_fen);
            AddSpecial(provider.category, std::move(c), --next_key_, *PickPart());
        }
    }

    /// Every grade with pupils gets at least one special course: the nearest course that suits it widens.
    void CoverEveryGrade() {
        for (const Part* p : parts_)
            for (int g = std::max(p->grade_from, school_.grade_from); g <= std::min(p->grade_to, school_.grade_to);
                 ++g) {
                if (by_grade_[static_cast<std::size_t>(g)] == 0) continue;
                CoursePlan* best = nullptr;
                int distance = 10;
                for (auto i : clubs_) {
                    CoursePlan& c = out_.courses[i];
                    if (meta_[i].part != p || meta_[i].spec->grade_min > g || meta_[i].spec->grade_max < g) continue;
                    const int d = g < c.grade_from ? c.grade_from - g : g > c.grade_to ? g - c.grade_to : 0;
                    if (d < distance) distance = d, best = &c;
                }
                if (best)
                    best->grade_from = std::min(best->grade_from, g), best->grade_to = std::max(best->grade_to, g);
            }
    }

    /// Seconds after opening at which the r-th of n children chose: 85 % within the first two hours
    /// (the rush), the rest spread over the remaining days; never decreasing, always before closing.
    std::int64_t ArrivalSecond(std::int64_t r, std::int64_t n) const {
        const std::int64_t rush = 7200, a = r * 100, b = 85 * n;
        if (a < b) return rush * a / b * a / b;
        const std::int64_t v = a - b, rest = 15 * n;
        return rush + (o_.window_seconds - rush) * v / rest * v / rest;
    }

    void Seat(std::size_t course, std::size_t section, const PlanPupil& child, Held& held, std::int64_t second) {
        SectionPlan& s = out_.courses[course].sections[section];
        s.seats.push_back({child.id, second});
        held.slots.insert(held.slots.end(), s.slots.begin(), s.slots.end());
        held.courses.push_back(course);
    }

    bool SeatHomework(const PlanPupil& child, Held& held, std::int64_t second) {
        for (auto i : homework_[child.grade])
            if (std::ssize(out_.courses[i].sections[0].seats) < out_.courses[i].sections[0].capacity) {
                Seat(i, 0, child, held, second);
                return true;
            }
        return false;
    }

    bool Eligible(std::size_t i, const PlanPupil& child, const Held& held) const {
        const CoursePlan& c = out_.courses[i];
        return child.grade >= c.grade_from && child.grade <= c.grade_to &&
               std::find(held.courses.begin(), held.courses.end(), i) == held.courses.end();
    }

    /// A seat in an eligible special course with room and no clash; else a new section of one (on a day
    /// both the child and the instructor are free), so that capacity never runs short.
    bool SeatClub(const PlanPupil& child, Held& held, std::int64_t second) {
        std::vector<std::pair<std::size_t, std::size_t>> open;
        for (auto i : clubs_) {
            if (!Eligible(i, child, held)) continue;
            const auto& sections = out_.courses[i].sections;
            for (std::size_t k = 0; k < sections.size(); ++k)
                if (std::ssize(sections[k].seats) < sections[k].capacity && !Clash(held.slots, sections[k].slots))
                    open.emplace_back(i, k);
        }
        if (!open.empty()) {
            const auto [i, k] = open[rng_.Below(open.size())];
            Seat(i, k, child, held, second);
            return true;
        }
        std::vector<std::size_t> eligible;
        for (auto i : clubs_)
            if (Eligible(i, child, held)) eligible.push_back(i);
        Shuffle(eligible);
        for (auto i : eligible) {
            const CourseMeta& m = meta_[i];
            const int first = static_cast<int>(rng_.Below(5));
            for (int j = 0; j < 5; ++j) {
                const std::vector<SlotPlan> slots{{(first + j) % 5 + 1, m.part->club_start, m.part->club_end}};
                if (Clash(held.slots, slots) || Clash(busy_[m.instructor], slots)) continue;
                busy_[m.instructor].push_back(slots[0]);
                out_.courses[i].sections.push_back({m.capacity, slots, {}});
                Seat(i, out_.courses[i].sections.size() - 1, child, held, second);
                return true;
            }
        }
        return false;
    }

    void SeatChildren() {
        const auto& pupils = school_.pupils;
        if (o_.served <= 0 || pupils.empty()) return;
        // Who takes part is drawn (the demo child always), then the order in which families pressed 选课.
        const auto required = [&](std::size_t i) {
            return std::find(o_.must_serve.begin(), o_.must_serve.end(), pupils[i].id) != o_.must_serve.end();
        };
        std::vector<std::size_t> chosen, others;
        for (std::size_t i = 0; i < pupils.size(); ++i) (required(i) ? chosen : others).push_back(i);
        Shuffle(others);
        chosen.insert(chosen.end(), others.begin(), others.end());
        chosen.resize(static_cast<std::size_t>(std::min<std::int64_t>(o_.served, std::ssize(pupils))));
        Shuffle(chosen);
        const auto n = std::ssize(chosen);
        for (std::int64_t r = 0; r < n; ++r) {
            const PlanPupil& child = pupils[chosen[static_cast<std::size_t>(r)]];
            const bool junior = child.grade >= 7;
            // Homework only, homework and a course, a course only, or two courses; the demo child shows both
            // kinds (and meets every weekday, with room for one more course).
            const int roll = static_cast<int>(rng_.Below(100));
            const bool demo = required(chosen[static_cast<std::size_t>(r)]);
            const bool homework = demo || roll < (junior ? 88 : 80);
            const int clubs = demo ? 1 : roll < (junior ? 50 : 35) ? 0 : roll < (junior ? 96 : 92) ? 1 : 2;
            const std::int64_t second = ArrivalSecond(r, n);
            Held held;
            if (homework) SeatHomework(child, held, second);
            for (int k = 0; k < clubs; ++k)
                if (!SeatClub(child, held, second)) break;
            if (held.courses.empty()) SeatHomework(child, held, second);
        }
    }

    /// Titles are unique within the school: a repeated one names its grades (足球（三至四年级）).
    void NameCourses() {
        std::set<std::string> seen;
        for (auto i : clubs_) {
            CoursePlan& c = out_.courses[i];
            const std::string band = GradeBand(c.grade_from, c.grade_to);
            const std::string base(meta_[i].spec->title);
            std::string title = base;
            for (int n = 1; seen.contains(title); ++n) {
                title = base;
                title.append("（").append(band).append(n > 1 ? "·" + std::to_string(n) : "").append("）");
            }
            seen.insert(title);
            c.title = std::move(title);
            c.description = std::string(meta_[i].spec->description) + "面向" + band + "。";
        }
    }

    const PlanSchool& school_;
    const OfferOptions& o_;
    Rng rng_;
    std::array<int, 10> by_grade_;
    std::vector<const Part*> parts_;
    std::int64_t fee_ = 0;
    std::vector<const PlanTeacher*> free_, teaching_;
    std::map<int, std::vector<std::size_t>> homework_;    // grade → homework-help courses
    std::vector<std::size_t> clubs_;                      // special courses
    std::vector<CourseMeta> meta_;                        // by course
    std::map<std::int64_t, std::vector<SlotPlan>> busy_;  // instructor → slots taught
    std::set<const CourseSpec*> used_specs_;
    std::int64_t next_key_ = 0;
    int day_cursor_ = 0;
    SchoolOffer out_;
};

}  // namespace

SchoolOffer PlanOffer(const PlanSchool& school, const OfferOptions& options) {
    return OfferPlanner(school, options).Run();
}

}  // namespace kehou::demo
