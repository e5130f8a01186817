#include "core/divisions.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace kehou {
namespace {

// A GB/T 2260 division: its management code is its GB/T 2260 code.
ManagementUnit Division(std::string code, std::string name, std::string name_en, UnitKind kind, std::string parent) {
    return ManagementUnit{code, code, std::move(name), std::move(name_en), kind, std::move(parent)};
}

// A functional zone: a management code of our own and no GB/T 2260 code (RULES R3.6).
ManagementUnit Zone(std::string mgmt_code, std::string name, std::string name_en, std::string parent) {
    return ManagementUnit{std::move(mgmt_code),      std::nullopt,     std::move(name), std::move(name_en),
                          UnitKind::kFunctionalZone, std::move(parent)};
}

std::vector<ManagementUnit> BuildUnits() {
    using enum UnitKind;
    return {
        // 济宁市: 11 administrative units plus 3 functional zones, the "14 county-level units" of RULES R3.6.
        Division("370800", "济宁市", "Jining City", kCity, "370000"),
        Division("370811", "任城区", "Rencheng District", kDistrict, "370800"),
        Division("370812", "兖州区", "Yanzhou District", kDistrict, "370800"),
        Division("370826", "微山县", "Weishan County", kCounty, "370800"),
        Division("370827", "鱼台县", "Yutai County", kCounty, "370800"),
        Division("370828", "金乡县", "Jinxiang County", kCounty, "370800"),
        Division("370829", "嘉祥县", "Jiaxiang County", kCounty, "370800"),
        Division("370830", "汶上县", "Wenshang County", kCounty, "370800"),
        Division("370831", "泗水县", "Sishui County", kCounty, "370800"),
        Division("370832", "梁山县", "Liangshan County", kCounty, "370800"),
        Division("370881", "曲阜市", "Qufu City", kCountyLevelCity, "370800"),
        Division("370883", "邹城市", "Zoucheng City", kCountyLevelCity, "370800"),
        // Local management codes, NOT GB/T 2260 (RULES R3.6), and their mapping is unverified. A Jining
        // government-software snippet remaps 370871 → 370890, 370892 → 370891 and 370893 → 370892; since the
        // statistics office's 370871 is the high-tech zone, 370890 is the likeliest reading for it, and the
        // other two are a guess until the city bureau confirms them. 曲阜文化建设示范区, listed by one source
        // only and overlapping 曲阜市, is left out.
        Zone("370890", "济宁高新区", "Jining High-tech Zone", "370800"),
        Zone("370891", "太白湖新区", "Taibaihu New District", "370800"),
        Zone("370892", "济宁经济技术开发区", "Jining Economic and Technological Development Zone", "370800"),

        Division("371500", "聊城市", "Liaocheng City", kCity, "370000"),
        Division("371502", "东昌府区", "Dongchangfu District", kDistrict, "371500"),
        Division("371503", "茌平区", "Chiping District", kDistrict, "371500"),
        Division("371521", "阳谷县", "Yanggu County", kCounty, "371500"),
        Division("371522", "莘县", "Shen County", kCounty, "371500"),
        Division("371524", "东阿县", "Dong'e County", kCounty, "371500"),
        Division("371525", "冠县", "Guan County", kCounty, "371500"),
        Division("371526", "高唐县", "Gaotang County", kCounty, "371500"),
        Division("371581", "临清市", "Linqing City", kCountyLevelCity, "371500"),

        Division("370400", "枣庄市", "Zaozhuang City", kCity, "370000"),
        Division("370402", "市中区", "Shizhong District", kDistrict, "370400"),
        Division("370403", "薛城区", "Xuecheng District", kDistrict, "370400"),
        Division("370404", "峄城区", "Yicheng District", kDistrict, "370400"),
        Division("370405", "台儿庄区", "Tai'erzhuang District", kDistrict, "370400"),
        Division("370406", "山亭区", "Shanting District", kDistrict, "370400"),
        Division("370481", "滕州市", "Tengzhou City", kCountyLevelCity, "370400"),

        Division("371600", "滨州市", "Binzhou City", kCity, "370000"),
        Division("371602", "滨城区", "Bincheng District", kDistrict, "371600"),
        Division("371603", "沾化区", "Zhanhua District", kDistrict, "371600"),
        Division("371621", "惠民县", "Huimin County", kCounty, "371600"),
        Division("371622", "阳信县", "Yangxin County", kCounty, "371600"),
        Division("371623", "无棣县", "Wudi County", kCounty, "371600"),
        Division("371625", "博兴县", "Boxing County", kCounty, "371600"),
        Division("371681", "邹平市", "Zouping City", kCountyLevelCity, "371600"),

        Division("211400", "葫芦岛市", "Huludao City", kCity, "210000"),
        Division("211402", "连山区", "Lianshan District", kDistrict, "211400"),
        Division("211403", "龙港区", "Longgang District", kDistrict, "211400"),
        Division("211404", "南票区", "Nanpiao District", kDistrict, "211400"),
        Division("211421", "绥中县", "Suizhong County", kCounty, "211400"),
        Division("211422", "建昌县", "Jianchang County", kCounty, "211400"),
        Division("211481", "兴城市", "Xingcheng City", kCountyLevelCity, "211400"),
    };
}

// RULES R3.2: codes that still appear inside identity numbers issued before the change. (The old 370811
// 任城区 kept its code when 370802 市中区 merged into it, so it needs no row.)
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kRetired{{
    {"370802", "370811"},  // 济宁市中区 → 任城区, 2013
    {"370882", "370812"},  // 兖州市 → 兖州区
    {"371624", "371603"},  // 沾化县 → 沾化区, 2014
    {"371523", "371503"},  // 茌平县 → 茌平区, 2019
    {"371626", "371681"},  // 邹平县 → 邹平市, 2018
}};

}  // namespace

std::string_view ToString(UnitKind kind) {
    switch (kind) {
        case UnitKind::kCity:
            return "city";
        case UnitKind::kDistrict:
            return "district";
        case UnitKind::kCounty:
            return "county";
        case UnitKind::kCountyLevelCity:
            return "county_level_city";
        case UnitKind::kFunctionalZone:
            return "functional_zone";
    }
    return "unknown";
}

const std::vector<ManagementUnit>& ManagementUnits() {
    static const std::vector<ManagementUnit> units = BuildUnits();
    return units;
}

const ManagementUnit* FindUnit(std::string_view mgmt_code) {
    const auto& units = ManagementUnits();
    const auto it =
        std::find_if(units.begin(), units.end(), [&](const ManagementUnit& u) { return u.mgmt_code == mgmt_code; });
    return it == units.end() ? nullptr : &*it;
}

std::vector<const ManagementUnit*> ChildrenOf(std::string_view parent_code) {
    std::vector<const ManagementUnit*> children;
    for (const auto& unit : ManagementUnits())
        if (unit.parent_code == parent_code) children.push_back(&unit);
    return children;
}

std::optional<std::string> RetiredDivisionSuccessor(std::string_view code) {
    for (const auto& [retired, successor] : kRetired)
        if (retired == code) return std::string(successor);
    return std::nullopt;
}

}  // namespace kehou
