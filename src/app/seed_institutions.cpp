#include "app/seed_institutions.hpp"

#include "app/seed_escrow.hpp"

#include <fmt/format.h>

#include <map>
#include <random>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace kehou::app {
namespace {

using namespace institutions;

constexpr const char* kBrands[] = {"启明", "博雅", "新航道", "求知", "育才", "明德", "星辰", "卓越", "童心", "向阳",
                                   "书香", "智慧树", "小海豚", "金话筒", "翰墨", "飞跃", "青苗", "阳光", "创想", "乐学"};
constexpr const char* kSubjectKinds[] = {"文化培训学校", "教育培训学校", "学科辅导中心"};
constexpr const char* kArtKinds[] = {"艺术培训学校", "书画院", "舞蹈学校", "音乐培训中心"};
constexpr const char* kSportKinds[] = {"体育培训中心", "跆拳道馆", "篮球训练营", "游泳培训中心"};
constexpr const char* kStemKinds[] = {"科技培训中心", "机器人编程学校", "创客空间"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马", "朱", "胡"};

// A 1×1 PNG: evidence in the demo must open as a picture.
const std::string kPixel = std::string(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c"
    "c\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xae\x42\x60\x82",
    67);

/// Everything the seed of one county needs: who acts, where, and a deterministic random source.
struct CountySeed {
    App& app;
    const org::Unit& unit;
    Principal county, inspector;
    bool inspector_here;  // the demo inspector's scope covers this county (complaints can be assigned)
    std::mt19937_64 rng;
    int serial = 0;

    template <typename T, std::size_t N>
    const T& Pick(const T (&list)[N]) {
        return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
    }
    bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
};

std::string CreditCode(CountySeed& s, bool subject) {
    static const std::string kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string body = subject ? "52" : "91";
    body += s.unit.gbt2260_code.value_or(s.unit.code).substr(0, 6);
    body += subject ? "MJ" : "MA";
    for (int i = 0; i < 7; ++i) body += kChars[std::uniform_int_distribution<std::size_t>(0, 30)(s.rng)];
    return body + CreditCodeCheckCharacter(body);
}

Institution Draft(CountySeed& s, InstitutionCategory category, Delivery delivery) {
    const bool subject = category == InstitutionCategory::kSubject;
    const char* kind = subject ? s.Pick(kSubjectKinds)
                       : category == InstitutionCategory::kNonSubjectArt   ? s.Pick(kArtKinds)
                       : category == InstitutionCategory::kNonSubjectSport ? s.Pick(kSportKinds)
                                                                           : s.Pick(kStemKinds);
    Institution in;
    in.unit_code = s.unit.code;
    in.name = fmt::format("{}{}{}{}", s.unit.name, s.Pick(kBrands), delivery == Delivery::kOnline ? "在线" : "", kind);
    in.credit_code = CreditCode(s, subject);
    in.category = category;
    in.delivery = delivery;
    in.address = fmt::format("{}{}路{}号", s.unit.name, s.Pick(kBrands), 1 + s.serial++ % 300);
    in.legal_representative = std::string(s.Pick(kSurnames)) + "某";
    if (subject) {
        in.nonprofit_reg_no = fmt::format("52{}MJ{:06}", s.unit.code, s.serial);
        in.licence_no = fmt::format("教民1{}7{:07}号", s.unit.code, s.serial);
        in.licence_date = "2019-06-18";
    } else if (s.Chance(0.6)) {
        in.filing_no = fmt::format("{}备{:05}", s.unit.code, s.serial);
        in.filing_date = "2022-03-01";
    }
    for (int n = 1 + static_cast<int>(s.rng() % 3); n > 0; --n)
        in.staff.push_back({0, std::string(s.Pick(kSurnames)) + "老师", subject,
                            subject ? std::optional<std::string>(fmt::format("2019370{:07}", s.rng() % 10000000))
                                    : std::nullopt});
    return in;
}

/// The county's institutions: a pre-双减 population (the frozen baseline) of which most 学科类 ones have
/// closed since, and non-subject ones that mostly still operate, plus a few registered after 2021.
std::vector<Institution> SeedRegistry(CountySeed& s, int size) {
    struct Slice { InstitutionCategory category; Delivery delivery; double share, gone; };
    const Slice slices[] = {{InstitutionCategory::kSubject, Delivery::kOffline, 0.40, 0.66},
                            {InstitutionCategory::kSubject, Delivery::kOnline, 0.06, 0.85},
                            {InstitutionCategory::kNonSubjectArt, Delivery::kOffline, 0.24, 0.15},
                            {InstitutionCategory::kNonSubjectSport, Delivery::kOffline, 0.18, 0.12},
                            {InstitutionCategory::kNonSubjectStem, Delivery::kOffline, 0.12, 0.20}};
    std::vector<BaselineCount> baseline;
    std::vector<Institution> operating;
    auto& registry = s.app.institutions();
    for (const auto& slice : slices) {
        const int n = std::max(1, static_cast<int>(size * slice.share));
        for (int i = 0; i < n; ++i) {
            auto in = Draft(s, slice.category, slice.delivery);
            in.in_baseline = true;
            if (s.Chance(slice.gone)) in.status = s.Chance(0.7) ? InstitutionStatus::kClosed : InstitutionStatus::kCancelled;
            auto stored = registry.Create(s.county, in);
            if (stored.status == InstitutionStatus::kOperating) operating.push_back(std::move(stored));
        }
        baseline.push_back({s.unit.code, slice.category, slice.delivery, n, "2021-07-24"});
        if (slice.category != InstitutionCategory::kSubject)  // no new 学科类 approvals after 双减 (R1.10)
            for (int i = 0; i < n / 6; ++i) operating.push_back(registry.Create(s.county, Draft(s, slice.category, slice.delivery)));
    }
    registry.FreezeBaseline(s.county, s.unit.code, baseline);
    return operating;
}

Decision DemoDecision(const CountySeed& s, DecisionKind kind, int rectify_days_from_now) {
    const auto today = std::chrono::sys_days{*ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now()))};
    return {kind, s.unit.name + "教育和体育局", "《校外培训行政处罚暂行办法》第十七条",
            std::chrono::year_month_day{today - std::chrono::days(20)},
            std::chrono::year_month_day{today + std::chrono::days(rectify_days_from_now)}, std::nullopt, std::nullopt};
}

/// Walks one case from scheduled through `steps` events; the decision (if reached) has the given deadline.
std::int64_t RunCase(CountySeed& s, const Institution& inst, const std::vector<CaseEvent>& steps, int rectify_days) {
    auto& cases = s.app.cases();
    auto k = cases.Open(s.inspector, {inst.id, ShanghaiDate(std::chrono::system_clock::now()), {}, {}, "日常巡查"});
    for (const auto e : steps) {
        CaseAction a{e, std::string(LabelZh(e)), {}, {}, {}};
        const bool bureau = e == CaseEvent::kIssueDecision || e == CaseEvent::kClose || e == CaseEvent::kEscalate ||
                            e == CaseEvent::kFile;
        if (e == CaseEvent::kIssueDecision)
            a.decision = DemoDecision(s, k.state == CaseState::kEscalated ? DecisionKind::kSuspend
                                                                          : DecisionKind::kRectifyByDate,
                                      rectify_days);
        if (e == CaseEvent::kReinspect) {
            a.passed = true;
            a.evidence_ids = {cases.Upload(s.inspector, k.id, "复查现场.png", kPixel).id};
        }
        if (e == CaseEvent::kFindIssues) a.note = "消防通道堵塞，未公示收费标准";
        k = cases.Act(bureau ? s.county : s.inspector, k.id, a);
    }
    return k.id;
}

/// Cases in every state of the graph: one institution each, from the operating ones.
int SeedCases(CountySeed& s, const std::vector<Institution>& operating) {
    using E = CaseEvent;
    const std::vector<E> to_filed = {E::kInspect, E::kFindIssues, E::kIssueDecision, E::kFile};
    auto plus = [&](std::vector<E> more) {
        auto v = to_filed;
        v.insert(v.end(), more.begin(), more.end());
        return v;
    };
    const std::vector<std::pair<std::vector<E>, int>> plans = {
        {{}, 30},
        {{E::kInspect}, 30},
        {{E::kInspect, E::kFindNoIssue}, 30},
        {{E::kInspect, E::kFindIssues}, 30},
        {{E::kInspect, E::kFindIssues, E::kIssueDecision}, 30},
        {to_filed, 30},
        {plus({E::kStartRectification}), 30},
        {plus({E::kStartRectification, E::kReinspect}), 30},
        {plus({E::kStartRectification, E::kReinspect, E::kClose}), 30},
        {plus({E::kStartRectification}), -5},  // past its deadline: the sweep below makes it overdue
        {plus({E::kStartRectification}), -9},  // overdue, then escalated to the penalty procedure
    };
    std::size_t next = 0;
    std::int64_t last = 0;
    for (const auto& [steps, days] : plans) {
        if (next >= operating.size()) break;
        last = RunCase(s, operating[next++], steps, days);
    }
    if (next < plans.size()) return static_cast<int>(next);
    s.app.RunScheduledSweeps(std::chrono::system_clock::now());
    s.app.cases().Act(s.county, last, {E::kEscalate, "逾期未整改，移交立案查处", {}, {}, {}});
    return static_cast<int>(next);
}

int SeedComplaints(CountySeed& s, const std::vector<Institution>& operating, int count) {
    auto& complaints = s.app.complaints();
    const auto now = std::chrono::system_clock::now();
    static const char* const kTexts[] = {"周末在小区内开设初中数学辅导班，收费较高", "暑假期间以托管名义开设学科类培训",
                                         "一次性收取一年学费，且拒绝退费", "教室消防通道被杂物堵塞，存在安全隐患",
                                         "教师无教师资格证，讲授小学英语", "晚上九点半以后仍在上课"};
    for (int i = 0; i < count; ++i) {
        ComplaintIntake in;
        in.unit_code = s.unit.code;
        in.channel = i % 3 == 0 ? ComplaintChannel::kWeb : i % 3 == 1 ? ComplaintChannel::kPhone : ComplaintChannel::kLetter;
        in.received_at = FormatShanghai(now - std::chrono::hours(24 * (1 + (i * 7) % 30)));
        in.anonymous = i % 4 == 0;
        if (!in.anonymous) in.contact = fmt::format("139{:08}", s.rng() % 100000000);
        if (i % 5 == 4 || operating.empty()) in.operator_address = fmt::format("{}某小区{}号楼", s.unit.name, 1 + i);
        else in.institution_id = operating[(i * 3) % operating.size()].id;
        in.content = kTexts[i % 6];
        const auto k = complaints.Record(s.county, in);
        if (!s.inspector_here || i % 3 == 0) continue;
        complaints.Assign(s.county, k.id, s.inspector.user_id);
        if (i % 3 == 1) complaints.Close(s.inspector, k.id, "已现场核查，责令整改并向举报人反馈");
    }
    return count;
}

}  // namespace

std::string SeedInstitutions(App& app, const SeedOptions& options, std::int64_t county_user_id,
                             std::int64_t inspector_user_id, const std::string& inspector_scope) {
    const auto start = std::chrono::steady_clock::now();
    const Principal city{county_user_id, "seed", "seed", Role::kCityAdmin, "/"};
    const int size = options.scale == "tiny" ? 30 : 60;
    int institutions = 0, cases = 0, complaints = 0, orders = 0;
    for (const auto& unit : app.org().ListUnits(city)) {
        if (unit.kind == "city" || app.org().ListSchools(city, {unit.code, {}, {}, 1, 1}).total == 0) continue;
        CountySeed s{app,
                     unit,
                     {county_user_id, "demo.county", "区县教育局", Role::kDistrictAdmin, unit.org_path},
                     {inspector_user_id, "demo.inspector", "执法检查员", Role::kInspector, unit.org_path},
                     unit.org_path.starts_with(inspector_scope),
                     std::mt19937_64(options.seed ^ std::hash<std::string>{}(unit.code))};
        const auto operating = SeedRegistry(s, size);
        institutions += app.institutions().List(s.county, {}).total;
        const int with_case = SeedCases(s, operating);
        cases += with_case;
        orders += SeedEscrow(app, s.county, {operating.begin() + with_case, operating.end()}, s.rng, orders == 0);
        complaints += SeedComplaints(s, operating, options.scale == "tiny" ? 6 : 12);
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("institutions: {} registered, {} cases, {} complaints, {} prepaid orders in {:.1f} s",
                       institutions, cases, complaints, orders, secs);
}

}  // namespace kehou::app
