#include "demo/people.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace kehou::demo {
namespace {

using std::chrono::sys_days;

constexpr int kMalePermille = 520;  // Shandong's sex ratio at birth in the 2010s, ~110 boys per 100 girls
constexpr int kFatherSurnamePermille = 960;
constexpr int kRetiredPermille = 30;  // 返聘 retired teachers

// 370802 (济宁市中区) and 370882 (兖州市) were replaced in 2013 (RULES R3.2). Children registered before then
// keep the old code: nearly all of 兖州's, and those of the former 市中区 (our guess: a third of today's 任城区).
constexpr sys_days kDivisionChange{std::chrono::year{2013} / 10 / 1};
constexpr int kFormerShizhongPermille = 350;
constexpr int kFormerYanzhouCityPermille = 900;

/// A subject and its share of a stage's teachers (per mille).
struct SubjectWeight {
    std::string_view subject;
    std::uint32_t weight;
};
constexpr SubjectWeight kPrimarySubjects[] = {
    {"语文", 300}, {"数学", 260}, {"英语", 100}, {"道德与法治", 50}, {"科学", 70},
    {"体育", 80},  {"音乐", 50},  {"美术", 50},  {"信息技术", 40},
};
constexpr SubjectWeight kJuniorSubjects[] = {
    {"语文", 150}, {"数学", 150}, {"英语", 140}, {"道德与法治", 70}, {"历史", 60}, {"地理", 55},     {"物理", 70},
    {"化学", 50},  {"生物", 55},  {"体育", 80},  {"音乐", 30},       {"美术", 30}, {"信息技术", 60},
};

std::string_view PickSubject(std::span<const SubjectWeight> subjects, Rng& rng) {
    auto r = static_cast<std::uint32_t>(rng.Below(1000));
    for (const auto& [subject, weight] : subjects) {
        if (r < weight) return subject;
        r -= weight;
    }
    return subjects.front().subject;
}

void Assign(std::string& out, std::string_view value) {
    out.assign(value.data(), value.size());
}

}  // namespace

PeopleMaker::PeopleMaker(std::uint64_t seed, int school_year)
    : school_year_(school_year),
      plain_names_({}),
      ids_(seed, BirthWindow(9).first, static_cast<int>((BirthWindow(1).second - BirthWindow(9).first).count()) + 1),
      mobiles_(seed) {
    for (const auto& unit : Units()) names_.emplace_back(unit.surnames);
}

std::pair<sys_days, sys_days> PeopleMaker::BirthWindow(int grade) const {
    const int entry_year = school_year_ - grade + 1;
    return {sys_days{std::chrono::year{entry_year - 7} / 9 / 1}, sys_days{std::chrono::year{entry_year - 6} / 8 / 31}};
}

const NameMaker& PeopleMaker::NamesFor(const UnitProfile& unit) const {
    return names_[static_cast<std::size_t>(&unit - Units().data())];
}

void PeopleMaker::IdAddressCode(std::string& out, const UnitProfile& unit, bool migrant, sys_days born,
                                Rng& rng) const {
    out.clear();
    if (migrant) {
        // Registered elsewhere (户籍在外): the identity number carries the home county's code.
        std::string_view origin = MigrantOrigins()[rng.Pick(MigrantOriginCumulative())];
        while (origin == unit.mgmt_code) origin = MigrantOrigins()[rng.Pick(MigrantOriginCumulative())];
        out += origin;
        return;
    }
    // Functional zones have no code of their own (RULES R3.6): their children are registered in 任城 or 兖州.
    std::string_view code = unit.mgmt_code;
    if (unit.zone) code = rng.PerMille(unit.id_code_370812_permille) ? "370812" : "370811";
    if (born < kDivisionChange) {
        if (code == "370811" && rng.PerMille(kFormerShizhongPermille)) code = "370802";
        if (code == "370812" && rng.PerMille(kFormerYanzhouCityPermille)) code = "370882";
    }
    out += code;
}

void PeopleMaker::MakeIds(const UnitProfile& unit, bool migrant, sys_days born, bool male, Rng& rng, Student& out) {
    std::string code;
    IdAddressCode(code, unit, migrant, born, rng);
    out.id_number.clear();
    if (!ids_.IdNumber(out.id_number, code, born, male))
        throw Error::Internal("demo: more than 500 children of one sex born on one day in one county");
    // 学籍号 (RULES R3.8): G + identity number for almost everyone; J for a pupil numbered before having an
    // identity number, with the school's division; L, a temporary number not yet replaced.
    out.student_number.clear();
    const std::string_view school_code = unit.zone ? std::string_view("370811") : unit.mgmt_code;
    const int r = rng.Between(0, 999);
    bool ok = true;
    if (r < 970) {
        out.student_number += 'G';
        out.student_number += out.id_number;
    } else if (r < 990) {
        ok = ids_.SelfAssigned(out.student_number, school_code, born, male);
    } else {
        ok = ids_.Temporary(out.student_number, school_code, born);
    }
    if (!ok) {  // the J or L sequence of that day is exhausted: fall back to the usual form
        out.student_number = 'G';
        out.student_number += out.id_number;
    }
}

void PeopleMaker::MakeGuardians(const NameMaker& names, std::string_view father_surname,
                                std::string_view mother_surname, Rng& rng, Student& out) {
    out.guardians.clear();
    auto add = [&](std::string_view relation, std::string_view surname, bool male, Generation generation) {
        Guardian& guardian = out.guardians.emplace_back();
        Assign(guardian.relation, relation);
        Assign(guardian.name, surname);
        names.AppendGivenName(guardian.name, rng, male, generation);
        mobiles_.Next(guardian.mobile, rng.Next());
        guardian.pickup_authorised = true;
    };
    auto mother = [&] { add("mother", mother_surname, false, Generation::kParent); };
    auto father = [&] { add("father", father_surname, true, Generation::kParent); };
    auto grandmother = [&] { add("grandmother", names.Surname(rng), false, Generation::kGrandparent); };
    auto grandfather = [&] { add("grandfather", father_surname, true, Generation::kGrandparent); };
    const int r = rng.Between(0, 99);
    if (out.left_behind) {
        // Parents work away (外出务工): grandparents are the guardians, occasionally an aunt or uncle.
        if (r < 85) grandmother();
        if (r < 55 || (r >= 85 && r < 92)) grandfather();
        if (r >= 92) {
            // Separate statements: argument evaluation order is unspecified (see schools.cpp).
            const std::string_view surname = rng.PerMille(600) ? father_surname : names.Surname(rng);
            const bool male = rng.PerMille(500);
            add("other", surname, male, Generation::kParent);
        }
        return;
    }
    if (r < 82) {
        mother();
        father();
    } else if (r < 91) {
        mother();  // single mother
    } else if (r < 95) {
        father();  // single father
    } else if (r < 98) {
        mother();  // a single parent living with a grandparent who helps
        grandmother();
    } else {
        father();
        grandfather();
    }
    // Most families with two guardians authorise both for pickup; some only the first (the mother).
    if (out.guardians.size() == 2 && rng.Between(0, 99) >= 85) out.guardians[1].pickup_authorised = false;
}

void PeopleMaker::MakeStudent(const SchoolPlan& plan, std::size_t class_index, int grade, Rng& rng, Student& out) {
    const UnitProfile& unit = *plan.unit;
    const bool rural = plan.school.is_rural;
    const FlagRates rates = RatesFor(unit, rural);
    out.class_index = class_index;
    const bool male = rng.PerMille(kMalePermille);
    Assign(out.sex, male ? "male" : "female");
    const auto [first, last] = BirthWindow(grade);
    const sys_days born = first + std::chrono::days{rng.Below(static_cast<std::uint64_t>((last - first).count()) + 1)};
    out.birth_date.clear();
    AppendDate(out.birth_date, born, false);

    out.migrant = rng.PerMille(rates.migrant);
    out.left_behind = !out.migrant && rng.PerMille(rates.left_behind);
    out.hardship = rng.PerMille(rates.hardship);
    out.disability = rng.PerMille(rates.disability);
    out.military_family = rng.PerMille(rates.military_family);
    out.dual_income = !out.left_behind && rng.PerMille(rates.dual_income);

    const NameMaker& names = out.migrant ? plain_names_ : NamesFor(unit);
    const std::string_view father_surname = names.Surname(rng);
    const std::string_view mother_surname = names.Surname(rng);
    Assign(out.name, rng.PerMille(kFatherSurnamePermille) ? father_surname : mother_surname);
    names.AppendGivenName(out.name, rng, male, Generation::kChild);
    MakeIds(unit, out.migrant, born, male, rng, out);
    MakeGuardians(names, father_surname, mother_surname, rng, out);
}

void PeopleMaker::MakeTeacher(const SchoolPlan& plan, std::size_t school_index, int ordinal, Rng& rng, Teacher& out) {
    out.school_index = school_index;
    // A nine-year school's teachers split between its parts by their share of the classes.
    int junior_classes = 0;
    int classes = 0;
    for (int g = 1; g <= 9; ++g) {
        classes += plan.classes_per_grade[static_cast<std::size_t>(g)];
        if (g >= 7) junior_classes += plan.classes_per_grade[static_cast<std::size_t>(g)];
    }
    const bool junior =
        rng.Below(static_cast<std::uint64_t>(std::max(classes, 1))) < static_cast<std::uint64_t>(junior_classes);
    const auto subjects =
        junior ? std::span<const SubjectWeight>(kJuniorSubjects) : std::span<const SubjectWeight>(kPrimarySubjects);
    // Primary teaching is largely a women's profession; less so in junior middle school.
    const bool male = !rng.PerMille(junior ? 580 : 780);
    Assign(out.sex, male ? "male" : "female");
    out.retired = rng.PerMille(kRetiredPermille);
    const Generation generation = out.retired         ? Generation::kGrandparent
                                  : rng.PerMille(150) ? Generation::kChild  // born around 2000
                                                      : Generation::kParent;
    const NameMaker& names = NamesFor(*plan.unit);
    Assign(out.name, names.Surname(rng));
    names.AppendGivenName(out.name, rng, male, generation);
    out.mobile.clear();
    mobiles_.Next(out.mobile, rng.Next());

    out.subjects.resize(1);
    Assign(out.subjects[0],
           ordinal < 3 ? subjects[static_cast<std::size_t>(ordinal)].subject : PickSubject(subjects, rng));
    // Many teach a second subject, more so in small village schools (语文 + 道德与法治, 数学 + 科学).
    const int second = (junior ? 80 : 250) + (plan.school.is_rural ? 100 : 0);
    if (rng.PerMille(second)) {
        std::string_view extra = PickSubject(subjects, rng);
        if (extra != out.subjects[0]) Assign(out.subjects.emplace_back(), extra);
    }
}

}  // namespace kehou::demo
