#include "app/seed_providers.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <tuple>

#include "core/ids.hpp"
#include "db/transaction.hpp"
#include "providers/repo.hpp"

namespace kehou::app {
namespace {

namespace pv = providers;

std::string At(int y, int m, int d, int h = 9, int min = 0) {
    return fmt::format("{}-{:02}-{:02}T{:02}:{:02}:00+08:00", y, m, d, h, min);
}

/// GB 11714 check character of an organisation code's 8-digit body, so the demo codes raise no warning.
char OrgCheck(std::string_view body) {
    constexpr std::array<int, 8> kWeights{3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) sum += (body[i] - '0') * kWeights[i];
    const int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

std::string DemoCreditCode(const std::string& unit, const std::string& body) {
    std::string code = "91" + unit + body;
    code += OrgCheck(body);
    return code + CreditCodeCheckCharacter(code);
}

std::string LabelOf(const std::string& category) {
    static const std::map<std::string, std::string> kLabels = {
        {"sport", "体育"},   {"art", "艺术"},     {"stem", "科技"},         {"labour", "劳动实践"},
        {"reading", "阅读"}, {"mental_health", "心理健康"}, {"traditional_culture", "传统文化"}};
    const auto it = kLabels.find(category);
    return it == kLabels.end() ? "课后服务" : it->second;
}

/// An application as the provider filed it: one or two services priced clearly below its outside price (R2.4b)
/// and two instructors whose background checks are current for the seeded school year.
pv::Application ApplicationFor(const afterschool::Provider& p, int year, std::size_t n) {
    pv::Application a;
    a.name = p.name;
    a.credit_code = p.credit_code;
    a.category = p.category;
    a.free_public_benefit = p.free_public_benefit;
    a.declares_no_marketing = p.free_public_benefit;
    const pv::Fen fee = p.free_public_benefit ? 0 : 300 + static_cast<pv::Fen>(n % 3) * 25;
    a.services.push_back({LabelOf(p.category) + "特色课程", fee, p.free_public_benefit ? 0 : fee * 10 / 7});
    if (n % 2 == 0) a.services.push_back({"周末拓展课", fee, p.free_public_benefit ? 0 : fee * 10 / 7 + 50});
    static const std::array<const char*, 6> kNames = {"刘洋", "陈静", "王磊", "赵敏", "孙强", "周婷"};
    for (int i = 0; i < 2; ++i) {
        pv::Instructor t;
        t.name = kNames[(n * 2 + static_cast<std::size_t>(i)) % kNames.size()];
        t.qualification = p.category == "sport" ? pv::QualificationKind::kCoachCertificate
                                                : pv::QualificationKind::kTeacherCertificate;
        t.qualification_number = fmt::format("{}3708{:06}", year - 8, n * 10 + static_cast<std::size_t>(i));
        t.background_check_date = std::chrono::year{year} / std::chrono::month{6} / std::chrono::day{15};
        a.instructors.push_back(std::move(t));
    }
    return a;
}

pv::Record RecordFor(const std::string& unit, const std::string& path, std::size_t n) {
    pv::Record r;
    r.unit_code = unit;
    r.org_path = path;
    r.contact_name = n % 2 == 0 ? "张经理" : "李老师";
    r.contact_phone = fmt::format("1390537{:04}", 1000 + n);
    return r;
}

/// The white list as the county admitted it in the winter before the seeded school year.
void AdmitAll(db::Connection& c, const std::vector<afterschool::Provider>& rows, int y) {
    for (std::size_t n = 0; n < rows.size(); ++n) {
        const auto& p = rows[n];
        const auto id = pv::repo::InsertRecord(c, RecordFor(p.unit_code, p.org_path, n), ApplicationFor(p, y, n), 0,
                                               At(y, 1, 8 + static_cast<int>(n % 10)));
        pv::repo::MoveRecord(c, id, pv::ProviderStatus::kApplied, pv::ProviderStatus::kAdmitted, std::nullopt,
                             At(y, 2, 20));
        pv::repo::InsertEvent(c, id, "admit", pv::ProviderStatus::kApplied, pv::ProviderStatus::kAdmitted,
                              "材料齐全，资质审核通过", std::nullopt, 0, At(y, 2, 20));
        pv::repo::SetProviderId(c, id, p.id);
    }
}

/// Two applications waiting for the demo county's review: a clean one and one whose service names a subject.
void Waiting(db::Connection& c, const ProviderSeedPeople& people, int y) {
    afterschool::Provider clean{0, "任城区启航青少年围棋培训中心有限公司", DemoCreditCode("370811", "60213457"),
                                people.county_unit, people.county_path, "traditional_culture"};
    afterschool::Provider warned{0, "任城区彩虹桥艺术培训有限公司", DemoCreditCode("370811", "60213981"),
                                 people.county_unit, people.county_path, "art"};
    auto a = ApplicationFor(clean, y, 101);
    pv::repo::InsertRecord(c, RecordFor(people.county_unit, people.county_path, 101), a, 0, At(y, 11, 18, 10, 12));
    auto b = ApplicationFor(warned, y, 102);
    b.services[0].name = "英语绘本戏剧";  // names a subject: a warning for the reviewer, never a refusal (R1.14)
    pv::repo::InsertRecord(c, RecordFor(people.county_unit, people.county_path, 102), b, 0, At(y, 11, 25, 15, 40));
}

/// Spot checks and school ratings of the demo county's providers in the spring before (for the closed
/// evaluation) and this autumn; the second provider scores low in spring, so it starts the year with a warning.
int Supervise(db::Connection& c, const ProviderSeedPeople& people, int y) {
    int n = 0;
    const std::string spring = fmt::format("{}-spring", y), autumn = fmt::format("{}-autumn", y);
    for (const auto& r : pv::repo::EvaluatedRecords(c, people.county_path)) {
        const auto courses = afterschool::ProviderCourses(c, *r.provider_id);
        if (courses.empty()) continue;
        const auto& k = courses.front();
        const bool weak = n == 1;
        pv::SpotCheck s;
        s.record_id = r.id;
        s.school_id = k.school_id;
        s.org_path = k.org_path;
        for (const auto& [date, semester, score] : std::vector<std::tuple<std::string, std::string, int>>{
                 {fmt::format("{}-04-16", y), spring, weak ? 52 : 86},
                 {fmt::format("{}-05-21", y), spring, weak ? 58 : 90},
                 {fmt::format("{}-10-{:02}", y, 13 + n % 10), autumn, 80 + n % 15}}) {
            s.on_date = date;
            s.semester = semester;
            s.score = score;
            s.note = weak && semester == spring ? "课堂组织松散，学生参与度低" : "课堂秩序良好，内容符合课程方案";
            s.at = date + "T16:30:00+08:00";
            pv::repo::InsertSpotCheck(c, s, people.county_user);
        }
        pv::repo::UpsertSchoolRating(c, {r.id, k.school_id, "", spring, weak ? 2 : 4, weak ? "教学准备不足" : "家长反映良好", "",
                                         At(y, 6, 28)},
                                     k.org_path, people.school_user);
        ++n;
    }
    return n;
}

}  // namespace

std::string SeedProviders(App& app, const SeedOptions& options, const ProviderSeedPeople& people) {
    const int y = options.school_year;
    const auto rows = app.catalog().ListProviders(afterschool::SystemPrincipal());
    std::string linked;
    int supervised = 0;
    {
        auto c = app.database().Acquire();
        db::Transaction tx(*c, db::TxMode::kWrite);
        AdmitAll(*c, rows, y);
        Waiting(*c, people, y);
        supervised = Supervise(*c, people, y);
        // demo.provider speaks for the demo county's first paid provider.
        for (const auto& p : rows)
            if (p.unit_code == people.county_unit && !p.free_public_benefit) {
                linked = p.credit_code;
                break;
            }
        if (!linked.empty()) pv::repo::UpsertAccount(*c, people.provider_user, linked, people.county_user, At(y, 2, 21));
        tx.Commit();
    }
    // The spring before the school year, closed by the county through the real use case: evaluations stored.
    const Principal county{people.county_user, "seed", "seed", Role::kDistrictAdmin, people.county_path};
    const auto sheet = app.providers().CloseSemester(county, fmt::format("{}-spring", y));
    return fmt::format("providers: {} records, 2 applications waiting, {} supervised, {}-spring closed ({} evaluated)",
                       rows.size() + 2, supervised, y, sheet.items.size());
}

}  // namespace kehou::app
