// The demo city's incoming grade-1 families. Rates (per mille, docs/enrollment-data.md): 150 migrant, 20 too young,
// 50 without a household record, 20 with a birth certificate naming another mother; among local families 100 live in
// a grandparent's home and 85 rent, among migrants 850 rent — about a fifth of all families own nothing.
#include "demo/enrollment_people.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "demo/city.hpp"
#include "demo/identity.hpp"
#include "demo/names.hpp"
#include "demo/random.hpp"

namespace kehou::demo {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

constexpr int kMigrantPermille = 150, kTooYoungPermille = 20, kNoHouseholdPermille = 50, kMismatchPermille = 20;
constexpr int kGrandparentsPermille = 100, kLocalRentPermille = 85, kMigrantRentPermille = 850;
// Rows a department came to hold after the older export of 2026-06-01: recent moves and purchases.
constexpr int kRecentPermille = 70;
constexpr sys_days kOlderExport{year{2026} / 6 / 1};

std::string Iso(sys_days d) {
    std::string out;
    AppendDate(out, d, false);
    return out;
}

sys_days Day(std::string_view iso) {
    const auto d = ParseIsoDate(iso);
    if (!d) throw std::invalid_argument("demo: not an ISO date");
    return sys_days{*d};
}

sys_days Between(Rng& rng, sys_days from, sys_days to) {
    if (to <= from) return from;
    return from + days{rng.Below(static_cast<std::uint64_t>((to - from).count()) + 1)};
}

const UnitProfile* UnitOf(std::string_view county) {
    for (const auto& u : Units())
        if (u.mgmt_code == county) return &u;
    return nullptr;
}

// A date some whole months before `as_of`, on a day of that month.
sys_days MonthsBefore(sys_days as_of, int months, int day) {
    const std::chrono::year_month_day ymd{as_of};
    const auto ym = std::chrono::year_month{ymd.year(), ymd.month()} - std::chrono::months{months};
    return sys_days{ym / std::chrono::day{static_cast<unsigned>(day)}};
}

class FamilyMaker {
public:
    explicit FamilyMaker(const FamilySpec& spec)
        : spec_(spec),
          unit_(UnitOf(spec.county)),
          names_(unit_ ? unit_->surnames : std::span<const SurnameBoost>{}),
          rng_(spec.seed, 0xE1000000ULL + std::stoull(spec.county)),
          as_of_(Day(spec.as_of)),
          children_(spec.seed ^ 0xE2, sys_days{year{2010} / 1 / 1}, 365 * 30),
          parents_(spec.seed ^ 0xE3, sys_days{year{1970} / 1 / 1}, 365 * 32),
          reserved_{std::string(kDemoChildA), std::string(kDemoChildB), std::string(kDemoFather),
                    std::string(kDemoMother)} {}

    IncomingFamily Make(int enrollment_year);

private:
    std::string IdCode(bool migrant);
    std::string Number(IdNumberMaker& maker, std::string_view code, sys_days born, bool male);
    std::string Address(bool migrant);
    void AddHousehold(IncomingFamily& f, sys_days born, const std::string& origin);
    void AddProperty(IncomingFamily& f);
    void AddMigrantRuns(IncomingFamily& f);
    void Add(IncomingFamily& f, std::string department, std::vector<std::pair<std::string, std::string>> fields,
             sys_days known_from, bool vouched = false) {
        f.rows.push_back({std::move(department), std::move(fields), Iso(known_from), vouched});
    }

    const FamilySpec& spec_;
    const UnitProfile* unit_;
    NameMaker names_;
    Rng rng_;
    sys_days as_of_;
    IdNumberMaker children_, parents_;
    std::set<std::string> reserved_;  // the demo guardian's numbers (and every number issued, against repeats)
};

std::string FamilyMaker::IdCode(bool migrant) {
    if (migrant) {
        std::string_view origin = MigrantOrigins()[rng_.Pick(MigrantOriginCumulative())];
        while (origin == spec_.county) origin = MigrantOrigins()[rng_.Pick(MigrantOriginCumulative())];
        return std::string(origin);
    }
    // Functional zones have no division code of their own (RULES R3.6): their people are registered in 任城 or 兖州.
    if (unit_ && unit_->zone) return rng_.PerMille(unit_->id_code_370812_permille) ? "370812" : "370811";
    return spec_.county;
}

std::string FamilyMaker::Number(IdNumberMaker& maker, std::string_view code, sys_days born, bool male) {
    for (;;) {
        std::string out;
        // 500 numbers per county, day and sex: never used up by a county's cohort; guard the loop all the same.
        if (!maker.IdNumber(out, code, born, male)) throw std::logic_error("demo: a day's identity numbers ran out");
        else if (reserved_.insert(out).second) return out;
    }
}

std::string FamilyMaker::Address(bool migrant) {
    // One draw per statement: the operands of + are unsequenced, and the city must come out alike everywhere.
    std::string out(migrant ? rng_.Of(Villages()) : std::string_view("山东省济宁市"));
    if (migrant) {
        out += "村" + std::to_string(rng_.Between(1, 300)) + "号";
        return out;
    }
    const auto roads = unit_ ? RoadsOf(*unit_) : std::vector<std::string_view>{"人民路"};
    out += unit_ ? unit_->address_name : "";
    out += rng_.Of(roads);
    out += std::to_string(rng_.Between(1, 299)) + "号";
    out += std::to_string(rng_.Between(1, 24)) + "号楼";
    out += std::to_string(rng_.Between(1, 4)) + "单元";
    const int floor = rng_.Between(1, 18);
    out += std::to_string(floor * 100 + rng_.Between(1, 4)) + "室";
    return out;
}

void FamilyMaker::AddHousehold(IncomingFamily& f, sys_days born, const std::string& origin) {
    std::string community = f.home_community;
    if (f.migrant) {  // a village (村委会, 2xx) of a town (1xx) of the home county
        const int town = rng_.Between(10, 99);
        community = origin + "1" + std::to_string(town) + "2" + std::to_string(rng_.Between(10, 99));
    } else if (!rng_.PerMille(800))
        community = rng_.Of(spec_.communities);  // registered at another address of the county
    sys_days move_in = born + days{rng_.Between(10, 90)};
    if (!f.migrant && rng_.PerMille(300)) move_in = Between(rng_, move_in, as_of_ - days{30});
    if (!f.migrant && rng_.PerMille(kRecentPermille)) move_in = Between(rng_, kOlderExport + days{1}, as_of_ - days{1});
    if (move_in > as_of_) move_in = as_of_ - days{1};
    Add(f, "household",
        {{"id_number", f.child_id_number},
         {"community_code", community},
         {"address", Address(f.migrant)},
         {"move_in_date", Iso(move_in)},
         {"child_member", "true"},
         {"father_member", rng_.PerMille(950) ? "true" : "false"},
         {"mother_member", rng_.PerMille(920) ? "true" : "false"}},
        move_in);
}

void FamilyMaker::AddProperty(IncomingFamily& f) {
    const int r = rng_.Between(0, 999);
    if (f.migrant ? r < kMigrantRentPermille : (r >= kGrandparentsPermille && r < kGrandparentsPermille + kLocalRentPermille)) {
        f.renting = true;
        return;
    }
    std::string owner = "parent";
    if (!f.migrant && r < kGrandparentsPermille) {
        // A grandparent's home counts through an only son (paternal) or an only daughter (maternal), R5.3.
        f.lives_with_grandparents = true;
        const bool paternal = rng_.PerMille(600);
        owner = paternal ? "paternal_grandparent" : "maternal_grandparent";
        (paternal ? f.father_only_child : f.mother_only_child) = rng_.PerMille(600);
    }
    const int homes = owner == "parent" && rng_.PerMille(40) ? 2 : 1;
    for (int i = 0; i < homes; ++i) {
        sys_days certificate = Between(rng_, sys_days{year{2008} / 1 / 1}, kOlderExport - days{1});
        if (rng_.PerMille(kRecentPermille / 2)) certificate = Between(rng_, kOlderExport + days{1}, as_of_ - days{1});
        Add(f, "property",
            {{"id_number", f.child_id_number},
             {"owner", owner},
             {"community_code", i == 0 ? f.home_community : rng_.Of(spec_.communities)},
             {"share_percent", rng_.PerMille(880) ? "100" : "50"},
             {"certificate_date", Iso(certificate)}},
            certificate);
    }
}

void FamilyMaker::AddMigrantRuns(IncomingFamily& f) {
    const bool father = rng_.PerMille(900);
    const bool mother = !father || rng_.PerMille(600);
    for (const auto& [present, id] : {std::pair{father, f.father_id_number}, std::pair{mother, f.mother_id_number}}) {
        if (!present) continue;
        // Runs of 3 to 72 months: about a seventh fall short of the usual 12-month minimum (R5.4).
        const int months = rng_.Between(3, 72);
        const sys_days paid_from = MonthsBefore(as_of_, months, rng_.Between(1, 28));
        Add(f, "insurance", {{"id_number", id}, {"period_from", Iso(paid_from)}, {"period_to", Iso(as_of_)}},
            paid_from, true);
        if (rng_.PerMille(100)) continue;  // insured but never applied for a permit
        const int held = rng_.Between(2, 60);
        const sys_days issued = MonthsBefore(as_of_, held, rng_.Between(1, 28));
        sys_days valid_to = issued;  // renewed every year: valid to the next anniversary after the export
        for (int n = 1; valid_to <= as_of_; ++n) valid_to = sys_days{std::chrono::year_month_day{issued} + std::chrono::years{n}} - days{1};
        Add(f, "permit",
            {{"id_number", id}, {"issue_date", Iso(issued)}, {"period_to", Iso(valid_to)},
             {"community_code", f.home_community}},
            issued);
    }
}

IncomingFamily FamilyMaker::Make(int enrollment_year) {
    IncomingFamily f;
    f.county = spec_.county;
    f.year = enrollment_year;
    f.migrant = rng_.PerMille(kMigrantPermille);
    f.too_young = rng_.PerMille(kTooYoungPermille);
    const bool male = rng_.PerMille(520);
    const year six{enrollment_year - 6}, seven{enrollment_year - 7};
    // Six by 31 August of the enrollment year (R5.3), or born in the autumn after: too young.
    const sys_days born = f.too_young ? Between(rng_, sys_days{six / 9 / 1}, sys_days{six / 12 / 31})
                                      : Between(rng_, sys_days{seven / 9 / 1}, sys_days{six / 8 / 31});
    const std::string code = IdCode(f.migrant);
    const int father_age = rng_.Between(25, 38);
    const sys_days father_born = born - days{365 * father_age + rng_.Between(0, 364)};
    const int mother_age = rng_.Between(23, 36);
    const sys_days mother_born = born - days{365 * mother_age + rng_.Between(0, 364)};
    f.child_id_number = Number(children_, code, born, male);
    f.father_id_number = Number(parents_, code, father_born, true);
    f.mother_id_number = Number(parents_, rng_.PerMille(850) ? code : IdCode(f.migrant), mother_born, false);
    const std::string_view surname = names_.Surname(rng_);
    f.child_name = std::string(surname);
    names_.AppendGivenName(f.child_name, rng_, male, Generation::kChild);
    f.child_sex = male ? "male" : "female";
    f.child_birth_date = Iso(born);
    f.relation = rng_.PerMille(550) ? "mother" : "father";
    f.home_community = rng_.Of(spec_.communities);
    f.father_only_child = rng_.PerMille(300);
    f.mother_only_child = rng_.PerMille(300);
    f.no_household = rng_.PerMille(kNoHouseholdPermille);
    if (!f.no_household) AddHousehold(f, born, code);
    AddProperty(f);
    f.birth_mismatch = rng_.PerMille(kMismatchPermille);
    const std::string named_mother =  // the certificate of another family's mother: a contradiction, not a gap
        f.birth_mismatch ? Number(parents_, code, mother_born - days{rng_.Between(30, 900)}, false) : f.mother_id_number;
    Add(f, "birth",
        {{"id_number", f.child_id_number}, {"birth_date", Iso(born)}, {"father_id_number", f.father_id_number},
         {"mother_id_number", named_mother}},
        born);
    if (f.migrant) AddMigrantRuns(f);
    return f;
}

}  // namespace

std::vector<std::string> CommunitiesOf(std::string_view county, int primary_schools) {
    const int n = std::max(8, 8 * primary_schools);
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        std::string code(county);
        std::string street = std::to_string(1000 + i / 10 + 1).substr(1);    // 001, 002, …
        std::string community = std::to_string(1000 + i % 10 + 1).substr(1);  // 001 … 010: 居委会
        out.push_back(code + street + community);
    }
    return out;
}

std::vector<IncomingFamily> IncomingFamilies(const FamilySpec& spec) {
    if (spec.communities.empty()) throw std::invalid_argument("demo: a county needs communities");
    FamilyMaker maker(spec);
    std::vector<IncomingFamily> out;
    for (const auto& [enrollment_year, families] : spec.cohorts)
        for (int i = 0; i < families; ++i) out.push_back(maker.Make(enrollment_year));
    return out;
}

std::vector<DepartmentRow> RowsAt(const IncomingFamily& family, std::string_view snapshot_date) {
    const sys_days at = Day(snapshot_date);
    // The department vouches for whole months paid: up to the last day of the month before its export.
    const std::chrono::year_month_day ymd{at};
    const std::string vouched = Iso(sys_days{ymd.year() / ymd.month() / 1} - days{1});
    std::vector<DepartmentRow> out;
    for (const auto& row : family.rows) {
        if (Day(row.known_from) > at) continue;
        out.push_back(row);
        if (!row.vouched_to_snapshot) continue;
        for (auto& [name, value] : out.back().fields)
            if (name == "period_to") value = vouched;
        // fields[1] is period_from: a run begun in the export's own month has no whole month paid yet.
        if (Day(out.back().fields[1].second) > Day(vouched)) out.pop_back();
    }
    return out;
}

std::vector<IncomingFamily> DemoGuardianFamilies(std::string_view community) {
    // Twins of 2021-03-15, registered, owning and certified in 任城区; nobody migrant, nothing declared.
    IncomingFamily a;
    a.county = "370811";
    a.year = 2027;
    a.child_name = "王浩宇";
    a.child_sex = "male";
    a.child_birth_date = "2021-03-15";
    a.child_id_number = std::string(kDemoChildA);
    a.father_id_number = std::string(kDemoFather);
    a.mother_id_number = std::string(kDemoMother);
    a.relation = "father";
    a.home_community = std::string(community);
    IncomingFamily b = a;
    b.child_name = "王梓涵";
    b.child_sex = "female";
    b.child_id_number = std::string(kDemoChildB);
    b.no_household = true;  // 公安户籍 holds nothing for B: the one-key application asks for the 户口簿
    for (IncomingFamily* f : {&a, &b}) {
        if (!f->no_household)
            f->rows.push_back({"household",
                               {{"id_number", f->child_id_number},
                                {"community_code", f->home_community},
                                {"address", "山东省济宁市任城区太白路18号3号楼2单元501室"},
                                {"move_in_date", "2021-04-02"},
                                {"child_member", "true"},
                                {"father_member", "true"},
                                {"mother_member", "true"}},
                               "2021-04-02"});
        f->rows.push_back({"property",
                           {{"id_number", f->child_id_number},
                            {"owner", "parent"},
                            {"community_code", f->home_community},
                            {"share_percent", "100"},
                            {"certificate_date", "2018-05-20"}},
                           "2018-05-20"});
        f->rows.push_back({"birth",
                           {{"id_number", f->child_id_number},
                            {"birth_date", "2021-03-15"},
                            {"father_id_number", f->father_id_number},
                            {"mother_id_number", f->mother_id_number}},
                           "2021-03-15"});
    }
    return {a, b};
}

}  // namespace kehou::demo
