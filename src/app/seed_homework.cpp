// The term so far (1 September to today, at most to 20 January): each seeded class's homework per school day in
// its grade's subject mix, the homework set for each break, the families' reports, and a few violations so every
// report has something to show. What is seeded and why: docs/homework.md "Demo data".
#include "app/seed_homework.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <tuple>

#include "app/seed_homework_plan.hpp"
#include "homework/bulk.hpp"

namespace kehou::app {
namespace {

using namespace homework_seed;
using homework::AssignmentStatus;
using homework::BulkAssignment;
using std::chrono::days;

constexpr std::uint64_t kStream = 0x686f6d65;  // "home": the homework's own random streams
constexpr int kReportersPerClass = 8;
// The demo county is stricter than the national limits (R1.2 allows it), and stricter still on rest days.
const homework::HomeworkLimits kDemoCountyLimits{60, 80, 50, 75};
constexpr const char* kRejectReasons[] = {"作业量偏大，请精简后重新发布", "与本周练习重复，请调整"};
constexpr const char* kOverrideReasons[] = {"单元测验前复习，经教务处同意", "补上运动会占用的课时进度，经教务处同意"};
constexpr const char* kNotes[] = {"独立完成", "有一题不会，已标记明天问老师", "阅读用时较多"};

/// What one school's seeding needs to know beyond its rows.
struct SchoolPlan {
    bool demo = false;      // the demo accounts' school: gets today's and the next school day's homework
    bool approval = false;  // runs the subject-group approval workflow (pending and rejected homework)
    std::optional<std::int64_t> overrun_class;  // over the limit on 3 days of one week (the overrun alert)
    int overrun_week = -1;
};

class Seeder {
public:
    Seeder(homework::BulkWriter& w, const SeedOptions& o, const HomeworkSeedAccounts& a, const Term& term,
           TimePoint now)
        : w_(w), o_(o), a_(a), term_(term), now_(now) {
        for (const auto& child : w.ChildrenOfAccount(a.guardian_user)) demo_children_.push_back(child);
    }

    void School(const homework::RosterSchool& s, const SchoolPlan& plan, const homework::HomeworkLimits& limits) {
        const auto classes = w_.ClassesOf(s.id);
        std::map<std::int64_t, std::vector<homework::RosterPupil>> pupils;
        for (const auto& p : w_.PupilsOf(s.id)) pupils[p.class_id].push_back(p);
        teachers_.clear();
        for (const auto& ct : w_.ClassTeachersOf(s.id)) teachers_.try_emplace({ct.class_id, ct.subject}, ct);
        leaders_.clear();
        budgets_.clear();
        if (plan.approval) Groups(s, classes);
        for (const auto& k : classes) Class(k, plan, limits, pupils[k.id]);
        ++schools_;
    }

    std::int64_t classes() const { return classes_; }
    std::int64_t schools() const { return schools_; }

private:
    /// 备课组: every grade's subjects get a leader and the written ones a budget at the top of the usual range, so
    /// only overrides pass it. The demo registry gives a grade's subject mostly one teacher (each teaches one
    /// class), who as leader would approve their own homework: a colleague of the same subject leads instead,
    /// so the group's homework waits for approval as in a real 备课组 of several teachers.
    void Groups(const homework::RosterSchool& s, const std::vector<homework::RosterClass>& classes) {
        const auto teachers = w_.TeachersOf(s.id);
        const std::string at = At(term_.days.empty() ? term_.today : term_.days.front().date, 8 * 60, now_);
        w_.AddSchoolSetting(s.id, true, a_.school_user, at);
        for (int grade = s.grade_from; grade <= s.grade_to; ++grade) {
            for (const auto& subject : homework::StandardSubjects(grade)) {
                std::vector<std::int64_t> in_grade;
                for (const auto& k : classes)
                    if (const auto it = teachers_.find({k.id, subject}); k.grade == grade && it != teachers_.end())
                        in_grade.push_back(it->second.teacher_id);
                std::optional<std::int64_t> leader;
                for (const auto& t : teachers)
                    if (!leader && t.subjects.find(subject) != std::string::npos &&
                        std::find(in_grade.begin(), in_grade.end(), t.id) == in_grade.end())
                        leader = t.id;
                if (!leader && !in_grade.empty()) leader = in_grade.front();
                std::optional<int> budget;
                if (grade >= 3 && subject != "科学") budget = Budget(grade, subject);
                w_.AddSubjectGroup({s.id, grade, subject, leader, "", budget}, s.org_path, a_.school_user, at);
                if (leader) leaders_[{grade, subject}] = *leader;
                if (budget) budgets_[grade].push_back({subject, *budget});
            }
        }
    }

    /// The top of PlanItems' range for the subject, layered variants included.
    static int Budget(int grade, const std::string& subject) {
        if (subject == "数学") return 25;
        if (grade <= 6) return subject == "语文" ? 25 : 15;
        return subject == "语文" || subject == "英语" ? 20 : 15;
    }

    void Class(const homework::RosterClass& k, const SchoolPlan& plan, const homework::HomeworkLimits& limits,
               const std::vector<homework::RosterPupil>& pupils) {
        demo::Rng rng(o_.seed, kStream + static_cast<std::uint64_t>(k.id));
        std::vector<homework::RosterPupil> reporters;  // a fixed sample of families reports all term
        for (const auto& p : pupils)
            if (std::none_of(demo_children_.begin(), demo_children_.end(), [&](auto& c) { return c.id == p.id; }))
                reporters.push_back(p);
        for (std::size_t i = 0; i < reporters.size(); ++i)
            std::swap(reporters[i], reporters[i + rng.Below(reporters.size() - i)]);
        reporters.resize(std::min<std::size_t>(reporters.size(), kReportersPerClass));
        for (const auto& c : demo_children_)
            if (c.class_id == k.id) reporters.push_back(c);  // in the demo parent's name
        std::vector<int> pace;
        for (std::size_t i = 0; i < reporters.size(); ++i) pace.push_back(rng.Between(75, 115));  // most children near the estimate, a few slower
        std::vector<homework::BulkReport> reports;
        std::vector<BulkAssignment> items;
        int overrun_days = 0;
        const auto seed_day = [&](const Day& d) {
            const int limit = homework::DailyLimit(k.grade, d.kind, limits);
            const char* over = nullptr;  // the 教务处's reason for going past the limit that day
            if (d.kind == DayKind::kSchoolDay && k.grade >= 3 && d.iso < term_.today_iso) {
                if (plan.overrun_class == k.id && d.week == plan.overrun_week && overrun_days++ < 3)
                    over = "期中复习周，经教务处同意";
                else if (rng.PerMille(6))
                    over = kOverrideReasons[rng.Below(std::size(kOverrideReasons))];
            }
            Plan(k, d, limit, plan.approval, over, pupils, rng, items);
            const auto budgets = budgets_.find(k.grade);
            w_.AddClassDay({k.id, k.school_id, k.org_path, k.grade, d.iso, d.kind, limit,
                            budgets == budgets_.end() ? std::span<const homework::SubjectBudget>{}
                                                      : std::span<const homework::SubjectBudget>(budgets->second)},
                           items);
            if (d.iso >= term_.today_iso) return;  // families report in the evening: nothing yet for today
            int estimate = 0;
            for (const auto& a : items) estimate += a.status == AssignmentStatus::kPublished ? a.estimated_minutes : 0;
            for (std::size_t i = 0; i < reporters.size() && estimate > 0; ++i)
                if (rng.PerMille(d.kind == DayKind::kSchoolDay ? 850 : 500))
                    reports.push_back(Report(k, d, reporters[i], estimate * pace[i] / 100, limit, rng));
        };
        for (const auto& d : term_.days) seed_day(d);
        if (plan.demo || plan.approval)
            for (const auto& d : term_.extra) seed_day(d);
        std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
            return std::tie(a.student_id, a.date) < std::tie(b.student_id, b.date);
        });
        w_.AddReports(reports);
        ++classes_;
    }

    /// The class-day's homework: the grade's mix with its authors, a layered variant now and then, the
    /// 教务处's over-limit homework on `over` days, and in the approval school the leaders' decisions.
    void Plan(const homework::RosterClass& k, const Day& d, int limit, bool approval, const char* over,
              const std::vector<homework::RosterPupil>& pupils, demo::Rng& rng, std::vector<BulkAssignment>& out) {
        out.clear();
        const auto items = PlanItems(k.grade, d.kind, limit, rng);
        int total = 0;  // the day's written minutes, within the limit (PlanItems trimmed them)
        for (const auto& i : items) total += i.type == HomeworkType::kWritten ? i.minutes : 0;
        // A break's homework is set on the school day before it; a school day's in its afternoon.
        const sys_days set_on = d.kind == DayKind::kRestDay ? d.date - days{1} : d.date;
        const int minute = 15 * 60 + rng.Between(0, 90);
        const std::string created = At(set_on, minute, now_);
        for (const auto& item : items) {
            BulkAssignment a;
            a.subject = item.subject;
            a.type = item.type;
            a.content = Content(item.subject, item.type, d.week, rng);
            a.estimated_minutes = item.minutes;
            a.created_by = a_.school_user;
            a.created_at = created;
            if (const auto t = teachers_.find({k.id, a.subject}); t != teachers_.end()) {
                a.teacher_id = t->second.teacher_id;
                a.created_by = t->second.user_id.value_or(a_.school_user);
            }
            const bool written = a.type == HomeworkType::kWritten;
            // The 提高 variant adds 5 minutes to what the day counts: only where the day has room for them.
            if (written && a.subject == "数学" && a.estimated_minutes <= 20 && total + 5 <= limit && rng.PerMille(50) &&
                pupils.size() >= 3) {
                Layer(a, pupils);
                total += 5;
            }
            const auto leader = leaders_.find({k.grade, a.subject});
            if (approval && a.teacher_id && (leader == leaders_.end() || leader->second != *a.teacher_id))
                Decide(a, d, set_on, minute, rng, out);
            out.push_back(std::move(a));
        }
        if (!over) return;
        BulkAssignment x;  // 期中复习 and the like: the 教务处 lets the class go past the limit, with its reason
        x.subject = k.grade >= 8 ? "物理" : "数学";
        x.type = HomeworkType::kWritten;
        x.content = fmt::format("复习卷（第{}套）", d.week % 4 + 1);
        x.estimated_minutes = std::max(limit - total, 0) + Fives(rng, 10, 20);
        x.created_by = a_.school_user;
        x.created_at = At(d.date, minute + 30, now_);
        x.override_reason = over;
        x.override_by = a_.school_user;
        out.push_back(std::move(x));
    }

    /// 分层作业: the first third of the class does the 基础 version, the last third the 提高 one.
    static void Layer(BulkAssignment& a, const std::vector<homework::RosterPupil>& pupils) {
        const std::size_t third = pupils.size() / 3;
        homework::BulkVariant basic{"基础", a.content + "（基础题）", std::max(5, a.estimated_minutes - 5), {}};
        homework::BulkVariant higher{"提高", a.content + "（含拓展题）", a.estimated_minutes + 5, {}};
        for (std::size_t i = 0; i < third; ++i) {
            basic.student_ids.push_back(pupils[i].id);
            higher.student_ids.push_back(pupils[pupils.size() - 1 - i].id);
        }
        a.variants = {std::move(basic), std::move(higher)};
    }

    /// The leader's decision on a teacher's homework: still pending for the coming day, now and then sent back
    /// (the teacher then publishes a shorter one), otherwise approved within a few hours.
    void Decide(BulkAssignment& a, const Day& d, sys_days set_on, int minute, demo::Rng& rng,
                std::vector<BulkAssignment>& out) {
        if (d.iso >= term_.today_iso) {
            a.status = AssignmentStatus::kPendingApproval;
            return;
        }
        a.decided_at = At(set_on, minute + rng.Between(30, 150), now_);
        if (a.type != HomeworkType::kWritten || a.estimated_minutes < 15 || !rng.PerMille(40)) return;
        BulkAssignment rejected = a;
        rejected.status = AssignmentStatus::kRejected;
        rejected.reject_reason = kRejectReasons[rng.Below(2)];
        rejected.estimated_minutes = a.estimated_minutes + 10;
        rejected.created_at = At(set_on, minute - 60, now_);
        rejected.variants.clear();
        out.push_back(std::move(rejected));
        a.content += "（已精简）";
    }

    homework::BulkReport Report(const homework::RosterClass& k, const Day& d, const homework::RosterPupil& p,
                                int expected, int limit, demo::Rng& rng) {
        int minutes = expected * rng.Between(85, 115) / 100;
        if (rng.PerMille(30)) minutes += Fives(rng, 30, 60);  // the odd evening that drags on
        minutes = std::clamp(minutes, 5, 600);
        const bool late = minutes > std::max(limit, 30) + 20;
        homework::BulkReport r{p.id,
                               k.id,
                               p.guardian_id,
                               k.org_path,
                               d.iso,
                               minutes,
                               rng.PerMille(late ? 550 : 960),
                               std::nullopt,
                               At(d.date, 19 * 60 + rng.Between(0, 150), now_)};
        if (rng.PerMille(40)) r.note = kNotes[rng.Below(std::size(kNotes))];
        return r;
    }

    homework::BulkWriter& w_;
    const SeedOptions& o_;
    const HomeworkSeedAccounts& a_;
    const Term& term_;
    TimePoint now_;
    std::vector<homework::RosterPupil> demo_children_;  // guardian_id: the demo parent's guardian record
    std::map<std::pair<std::int64_t, std::string>, homework::RosterClassTeacher> teachers_;  // (class, subject)
    std::map<std::pair<int, std::string>, std::int64_t> leaders_;                            // (grade, subject)
    std::map<int, std::vector<homework::SubjectBudget>> budgets_;                            // by grade
    std::int64_t classes_ = 0, schools_ = 0;
};

}  // namespace

std::string SeedHomework(App& app, const SeedOptions& options, const HomeworkSeedAccounts& accounts) {
    const auto start = std::chrono::steady_clock::now();
    const TimePoint now = std::chrono::system_clock::now();
    const Term term = PlanTerm(options.school_year, std::chrono::floor<days>(now + kShanghaiOffset));
    homework::BulkWriter writer(app.database(), {.fresh_database = true});  // see RunSeed
    const auto schools = writer.Schools();
    if (schools.empty()) return "homework: nothing to seed";
    // The demo school, and in every county one school with primary grades and one with junior grades.
    demo::Rng pick(options.seed, kStream);
    std::vector<std::pair<homework::RosterSchool, SchoolPlan>> chosen{{schools.front(), {true, false, {}, -1}}};
    std::vector<std::string> counties;
    for (const auto& s : schools)
        if (std::find(counties.begin(), counties.end(), s.unit_code) == counties.end()) counties.push_back(s.unit_code);
    for (const auto& county : counties)
        for (const bool junior : {false, true}) {
            std::vector<const homework::RosterSchool*> candidates;
            for (const auto& s : schools) {
                const bool taken =
                    std::any_of(chosen.begin(), chosen.end(), [&](auto& c) { return c.first.id == s.id; });
                if (s.unit_code == county && !taken && (junior ? s.grade_to >= 7 : s.grade_from <= 6))
                    candidates.push_back(&s);
            }
            if (!candidates.empty()) chosen.push_back({*candidates[pick.Below(candidates.size())], {}});
        }
    if (chosen.size() > 1) chosen[1].second.approval = true;  // a school of the demo county, not the demo school
    // One class a county goes over the limit on 3 days of a week: the demo county's in its 期中 week.
    std::vector<int> full_weeks;  // weeks before today with at least 3 school days
    for (const auto& d : term.days)
        if (d.kind == DayKind::kSchoolDay && d.iso < term.today_iso &&
            std::count_if(term.days.begin(), term.days.end(),
                          [&](const Day& e) {
                              return e.week == d.week && e.kind == DayKind::kSchoolDay && e.iso < term.today_iso;
                          }) >= 3 &&
            (full_weeks.empty() || full_weeks.back() != d.week))
            full_weeks.push_back(d.week);
    const std::string demo_county = schools.front().unit_code;
    for (const auto& county : counties) {
        for (auto& [s, plan] : chosen) {
            if (s.unit_code != county || s.grade_to < 3 || full_weeks.empty()) continue;
            const auto classes = writer.ClassesOf(s.id);
            std::vector<std::int64_t> upper;
            for (const auto& k : classes)
                if (k.grade >= 3) upper.push_back(k.id);
            plan.overrun_class = upper[pick.Below(upper.size())];
            plan.overrun_week = full_weeks[pick.Below(full_weeks.size())];
            if (county == demo_county) {  // the week of 10 November (期中), or the latest one before it
                const int week = WeekOf(std::chrono::sys_days{std::chrono::year{options.school_year} / 11 / 10},
                                        options.school_year);
                plan.overrun_week = full_weeks.back();
                for (const int w : full_weeks)
                    if (w <= week) plan.overrun_week = w;
            }
            break;
        }
    }
    const std::string county_path = schools.front().org_path.substr(0, schools.front().org_path.find('/', 8) + 1);
    writer.AddCountySetting(county_path, kDemoCountyLimits, accounts.county_user,
                            At(std::chrono::sys_days{std::chrono::year{options.school_year} / 8 / 25}, 10 * 60, now));
    Seeder seeder(writer, options, accounts, term, now);
    for (const auto& [s, plan] : chosen)
        seeder.School(s, plan, s.unit_code == demo_county ? kDemoCountyLimits : homework::HomeworkLimits{});
    writer.Commit();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("homework: {} assignments for {} classes of {} schools, {} family reports in {:.1f} s",
                       Thousands(writer.assignments()), Thousands(seeder.classes()), seeder.schools(),
                       Thousands(writer.reports()), secs);
}

}  // namespace kehou::app
