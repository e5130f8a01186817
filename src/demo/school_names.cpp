#include "demo/school_names.hpp"

#include <array>
#include <string_view>

namespace kehou::demo {
namespace {

std::string Join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto part : parts) out += part;
    return out;
}

constexpr std::string_view kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// Private schools (民办, ~5 %) carry a brand and an aspiration rather than a place.
constexpr std::array<std::string_view, 3> kPrivatePrimary{"外国语小学", "双语小学", "实验小学"};
constexpr std::array<std::string_view, 3> kPrivateMiddle{"外国语中学", "实验中学", "中学"};
constexpr std::array<std::string_view, 3> kPrivateNineYear{"外国语学校", "实验学校", "学校"};

}  // namespace

std::string ChineseNumber(int n) {
    if (n <= 0 || n >= 100) return std::to_string(n);
    const int tens = n / 10;
    const int ones = n % 10;
    std::string out;
    if (tens > 1) out += kDigits[tens];
    if (tens > 0) out += "十";
    out += kDigits[ones];
    return out;
}

SchoolNamer::SchoolNamer(const UnitProfile& unit) : unit_(unit), roads_(RoadsOf(unit)) {
    for (const auto& town : unit.towns) (town.rural ? rural_towns_ : urban_towns_).push_back(town.name);
}

SchoolNamer::Place SchoolNamer::PickPlace(Rng& rng, bool rural) {
    const auto& towns = (rural && !rural_towns_.empty()) || urban_towns_.empty() ? rural_towns_ : urban_towns_;
    std::string town(rng.Of(towns));  // braced lists are evaluated in order, but say so plainly
    std::string local(rural ? rng.Of(Villages()) : rng.Of(roads_));
    return Place{std::move(town), std::move(local)};
}

std::string SchoolNamer::Numbered(std::string_view before, int& counter, std::string_view after) {
    return Join({unit_.short_name, before, ChineseNumber(++counter), after});
}

bool SchoolNamer::Claim(const std::string& name) {
    return used_.insert(name).second;
}

std::string SchoolNamer::PrivateName(const School& school, Rng& rng) const {
    const auto& suffixes = school.stage == "primary"         ? kPrivatePrimary
                           : school.stage == "junior_middle" ? kPrivateMiddle
                                                             : kPrivateNineYear;
    const std::string_view brand = rng.Of(PrivateBrands());
    return Join({unit_.short_name, brand, rng.Of(suffixes)});
}

std::string SchoolNamer::Candidate(const School& school, const Place& place, Rng& rng, bool flagship) {
    const std::string_view short_name = unit_.short_name;
    const int r = rng.Between(0, 99);
    if (!school.is_public) return PrivateName(school, rng);
    if (school.stage == "primary") {
        if (flagship) return Join({unit_.formal_prefix, "实验小学"});
        if (school.is_rural) {
            const std::string centre = Join({short_name, place.town, "中心小学"});
            return used_.contains(centre) ? Join({short_name, place.town, place.local, "小学"}) : centre;
        }
        // A unit has a handful of numbered 实验小学, not a dozen.
        if (r < 12 && experimental_primary_ < 6) return Numbered("第", experimental_primary_, "实验小学");
        if (r < 45) return Join({short_name, place.town, "中心小学"});
        return Join({short_name, place.local, "小学"});
    }
    if (school.stage == "junior_middle") {
        if (flagship) return Join({unit_.formal_prefix, "第一中学"});
        if (school.is_rural) {
            const std::string town_school = Join({short_name, place.town, "中学"});
            return used_.contains(town_school) ? Numbered("第", middle_, "中学") : town_school;
        }
        if (r >= 25 || experimental_middle_ >= 3) return Numbered("第", middle_, "中学");
        return experimental_middle_++ == 0 ? Join({short_name, "实验中学"})
                                           : Join({short_name, "第", ChineseNumber(experimental_middle_), "实验中学"});
    }
    // 九年一贯制: 学校 rather than 小学 or 中学.
    if (school.is_rural) {
        const std::string centre = Join({short_name, place.town, "中心学校"});
        return used_.contains(centre) ? Join({short_name, place.town, place.local, "学校"}) : centre;
    }
    return r < 50 ? Join({short_name, place.local, "学校"}) : Join({short_name, place.town, "实验学校"});
}

void SchoolNamer::Name(School& school, Rng& rng, bool flagship) {
    Place place = PickPlace(rng, school.is_rural);
    std::string name;
    for (int attempt = 0; attempt < 8 && name.empty(); ++attempt) {
        if (attempt > 0) place = PickPlace(rng, school.is_rural);
        std::string candidate = Candidate(school, place, rng, flagship && attempt == 0);
        if (Claim(candidate)) name = std::move(candidate);
    }
    // A numbered name is new by construction: its counter only grows.
    while (name.empty()) {
        std::string candidate = school.stage == "junior_middle" ? Numbered("第", middle_, "中学")
                                : school.stage == "primary"     ? Numbered("第", primary_, "小学")
                                                                : Numbered("第", middle_, "学校");
        if (Claim(candidate)) name = std::move(candidate);
    }
    school.name = std::move(name);
    school.address = Join({"山东省济宁市", unit_.address_name, place.town, place.local});
    if (school.is_rural) {
        school.address += "村";
    } else {
        school.address += std::to_string(rng.Between(1, 299));
        school.address += "号";
    }
}

}  // namespace kehou::demo
