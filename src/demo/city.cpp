#include "demo/city.hpp"

#include <array>

namespace kehou::demo {
namespace {

// Town lists: the 街道/镇/乡 of each unit as remembered from the 2020s division lists; plausible, but not
// checked against the civil-affairs register, and the zones' lists are partly invented. `true` = rural.
constexpr Town kRencheng[] = {{"古槐街道", false}, {"济阳街道", false},     {"阜桥街道", false}, {"越河街道", false},
                              {"南苑街道", false}, {"观音阁街道", false},   {"李营街道", false}, {"金城街道", false},
                              {"仙营街道", false}, {"二十里铺街道", false}, {"唐口街道", true},  {"安居街道", true},
                              {"喻屯镇", true},    {"长沟镇", true}};
constexpr Town kYanzhou[] = {{"鼓楼街道", false}, {"龙桥街道", false}, {"酒仙桥街道", false}, {"兴隆庄街道", false},
                             {"大安镇", true},    {"新驿镇", true},    {"颜店镇", true},      {"新兖镇", true},
                             {"漕河镇", true},    {"小孟镇", true}};
constexpr Town kWeishan[] = {{"夏镇街道", false}, {"昭阳街道", false}, {"傅村街道", false}, {"韩庄镇", true},
                             {"欢城镇", true},    {"南阳镇", true},    {"鲁桥镇", true},    {"留庄镇", true},
                             {"两城镇", true},    {"马坡镇", true},    {"高楼乡", true},    {"张楼乡", true},
                             {"赵庙乡", true},    {"西平乡", true}};
constexpr Town kYutai[] = {{"谷亭街道", false}, {"滨湖街道", false}, {"清河镇", true}, {"鱼城镇", true},
                           {"王鲁镇", true},    {"张黄镇", true},    {"王庙镇", true}, {"李阁镇", true},
                           {"唐马镇", true},    {"老砦镇", true},    {"罗屯镇", true}};
constexpr Town kJinxiang[] = {{"金乡街道", false}, {"高河街道", false}, {"王丕街道", false}, {"鱼山街道", false},
                              {"羊山镇", true},    {"胡集镇", true},    {"肖云镇", true},    {"鸡黍镇", true},
                              {"卜集镇", true},    {"化雨镇", true},    {"马庙镇", true},    {"霄云镇", true},
                              {"司马镇", true}};
constexpr Town kJiaxiang[] = {{"嘉祥街道", false}, {"卧龙山街道", false}, {"纸坊镇", true},   {"梁宝寺镇", true},
                              {"马村镇", true},    {"金屯镇", true},      {"大张楼镇", true}, {"孟姑集镇", true},
                              {"老僧堂镇", true},  {"黄垓乡", true},      {"仲山镇", true},   {"满硐镇", true},
                              {"万张镇", true}};
constexpr Town kWenshang[] = {{"汶上街道", false}, {"中都街道", false}, {"南站镇", true}, {"南旺镇", true},
                              {"康驿镇", true},    {"苑庄镇", true},    {"义桥镇", true}, {"郭楼镇", true},
                              {"郭仓镇", true},    {"次丘镇", true},    {"寅寺镇", true}, {"杨店镇", true},
                              {"白石镇", true},    {"军屯乡", true}};
constexpr Town kSishui[] = {{"泗河街道", false}, {"济河街道", false}, {"金庄镇", true},   {"苗馆镇", true},
                            {"中册镇", true},    {"杨柳镇", true},    {"泉林镇", true},   {"星村镇", true},
                            {"柘沟镇", true},    {"高峪镇", true},    {"圣水峪镇", true}, {"华村镇", true}};
constexpr Town kLiangshan[] = {{"梁山街道", false}, {"水泊街道", false}, {"拳铺镇", true},   {"杨营镇", true},
                               {"韩岗镇", true},    {"馆驿镇", true},    {"小路口镇", true}, {"韩垓镇", true},
                               {"马营镇", true},    {"寿张集镇", true},  {"小安山镇", true}, {"黑虎庙镇", true},
                               {"赵堌堆乡", true},  {"大路口乡", true}};
constexpr Town kQufu[] = {{"鲁城街道", false}, {"书院街道", false}, {"时庄街道", false}, {"小雪街道", false},
                          {"吴村镇", true},    {"姚村镇", true},    {"陵城镇", true},    {"尼山镇", true},
                          {"王庄镇", true},    {"息陬镇", true},    {"石门山镇", true},  {"防山镇", true}};
constexpr Town kZoucheng[] = {{"钢山街道", false}, {"千泉街道", false}, {"凫山街道", false}, {"峄山镇", true},
                              {"太平镇", true},    {"北宿镇", true},    {"中心店镇", true},  {"唐村镇", true},
                              {"香城镇", true},    {"城前镇", true},    {"大束镇", true},    {"石墙镇", true},
                              {"田黄镇", true},    {"张庄镇", true},    {"郭里镇", true}};
constexpr Town kHighTech[] = {
    {"黄屯街道", false}, {"柳行街道", false}, {"洸河街道", false}, {"王因街道", true}, {"接庄街道", true}};
constexpr Town kTaibaihu[] = {{"许庄街道", false}, {"南张街道", false}, {"石桥镇", true}};
constexpr Town kEconomic[] = {{"呈祥街道", false}, {"疃里镇", true}, {"马集镇", true}};

// 孔 and 颜 are the lineages of Confucius and Yan Hui in 曲阜, 孟 of Mencius in 邹城, 曾 of Zengzi in 嘉祥,
// 仲 of Zhong You in 微山: a touch a Jining official will recognise.
// Weights are per 100,000 against a provincial table summing to ~87,500: 孔 ends near a fifth of 曲阜
// (about 130,000 of its 640,000 people are said to be 孔), 孟 near 6 % of 邹城.
constexpr SurnameBoost kQufuNames[] = {{"孔", 22000}, {"颜", 1500}};
constexpr SurnameBoost kZouchengNames[] = {{"孟", 5000}};
constexpr SurnameBoost kJiaxiangNames[] = {{"曾", 1500}};
constexpr SurnameBoost kWeishanNames[] = {{"仲", 800}};

// Shares are rounded from the 2020 census as remembered (任城 and 邹城 largest, 鱼台 and the zones
// smallest), not an official table; replace them with the bureau's enrolment figures when it has them.
constexpr UnitProfile kUnits[] = {
    // code, short, formal, address, students‰, density%, rural%, migrant‰ urban/rural, 370812‰, zone
    {"370811", "任城区", "济宁市任城区", "任城区", 150, 75, 20, 160, 50, 0, false, kRencheng, {}},
    {"370812", "兖州区", "济宁市兖州区", "兖州区", 70, 100, 50, 100, 30, 0, false, kYanzhou, {}},
    {"370826", "微山县", "微山县", "微山县", 70, 115, 55, 100, 30, 0, false, kWeishan, kWeishanNames},
    {"370827", "鱼台县", "鱼台县", "鱼台县", 45, 115, 55, 100, 30, 0, false, kYutai, {}},
    {"370828", "金乡县", "金乡县", "金乡县", 70, 110, 55, 100, 30, 0, false, kJinxiang, {}},
    {"370829", "嘉祥县", "嘉祥县", "嘉祥县", 90, 115, 60, 100, 30, 0, false, kJiaxiang, kJiaxiangNames},
    {"370830", "汶上县", "汶上县", "汶上县", 75, 115, 55, 100, 30, 0, false, kWenshang, {}},
    {"370831", "泗水县", "泗水县", "泗水县", 60, 120, 60, 100, 30, 0, false, kSishui, {}},
    {"370832", "梁山县", "梁山县", "梁山县", 85, 115, 55, 100, 30, 0, false, kLiangshan, {}},
    {"370881", "曲阜市", "曲阜市", "曲阜市", 65, 100, 50, 100, 30, 0, false, kQufu, kQufuNames},
    {"370883", "邹城市", "邹城市", "邹城市", 130, 95, 50, 100, 30, 0, false, kZoucheng, kZouchengNames},
    {"370890", "济宁高新区", "济宁高新区", "高新区", 35, 80, 20, 130, 40, 200, true, kHighTech, {}},
    {"370891", "太白湖新区", "济宁市太白湖新区", "太白湖新区", 25, 80, 20, 130, 40, 0, true, kTaibaihu, {}},
    {"370892", "济宁经开区", "济宁经济技术开发区", "经济技术开发区", 30, 85, 35, 130, 40, 100, true, kEconomic, {}},
};

// Road names found in any Shandong county town, and those of Jining's own city proper (任城 and the zones).
constexpr std::string_view kRoads[] = {"建设路", "人民路", "文化路", "解放路", "和平路", "育才路", "新华路",
                                       "光明路", "府前街", "东风路", "胜利路", "振兴路", "滨河路", "车站路",
                                       "青年路", "英才路", "学院路", "环城路", "红旗路", "建华路", "幸福路"};
constexpr std::string_view kCityRoads[] = {"太白路",   "北湖路",   "崇文大道", "兴唐路", "运河路",
                                           "琵琶山路", "共青团路", "洸河路",   "科苑路", "春城路",
                                           "仙营路",   "中和路",   "冠亚路",   "红星路", "古槐路"};
constexpr std::string_view kVillages[] = {
    "王庄", "李楼", "张集", "刘庄", "后营", "前屯", "东村", "西屯",   "高庄",   "赵楼",   "孙庄",   "杨庙",
    "周营", "朱楼", "胡庄", "郭集", "宋庄", "董楼", "田庄", "韩村",   "曹庄",   "吕楼",   "程庄",   "丁集",
    "石桥", "柳林", "杏园", "枣园", "桃园", "双庙", "三合", "八里屯", "十里铺", "大官庄", "小王庄", "北关",
    "南关", "魏楼", "侯营", "徐堂", "陈庄", "马庙", "黄集", "范庄",   "姜村",   "尹楼",   "白庙",   "苏桥"};
constexpr std::string_view kBrands[] = {"育才", "英才", "明德", "博文", "启明", "致远", "崇德", "弘毅", "华育", "文昌"};

// Migrant children (随迁子女): half from the rest of Jining, a third from 菏泽 and 枣庄, the rest from the
// neighbouring provinces. Codes are current GB/T 2260 codes.
constexpr std::string_view kOrigins[] = {
    "370826", "370827", "370828", "370829", "370830", "370831", "370832",  // Jining counties
    "371721", "371722", "371724", "371725", "370481",                      // 曹县 单县 巨野 郓城, 滕州
    "320321", "320322", "341321", "341322", "411425", "411481",            // 丰县 沛县 砀山 萧县 虞城 永城
};
constexpr std::array<std::uint32_t, std::size(kOrigins)> kOriginCumulative = [] {
    constexpr std::uint32_t weights[] = {8, 6, 8, 8, 7, 6, 7, 8, 7, 6, 6, 6, 3, 5, 2, 3, 2, 2};
    std::array<std::uint32_t, std::size(kOrigins)> out{};
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = sum += weights[i];
    return out;
}();

}  // namespace

std::span<const UnitProfile> Units() {
    return kUnits;
}

const UnitProfile& Rencheng() {
    return kUnits[0];
}

ScaleSpec SpecFor(Scale scale) {
    // Teachers per student follow the city's own figures, so every scale has the same ratio.
    auto teachers_for = [](int students) {
        return static_cast<int>((static_cast<long long>(students) * kCityTeachers + kCityStudents / 2) / kCityStudents);
    };
    switch (scale) {
        case Scale::kTiny:
            // One class per grade: three schools with two classes per grade could not stay near 600 pupils.
            return {{&Rencheng()}, 3, 600, teachers_for(600), 1, 1, true};
        case Scale::kCounty:
            return {{&Rencheng()}, 80, 60000, teachers_for(60000), 2, 10, false};
        case Scale::kCity:
            break;
    }
    ScaleSpec spec{{}, kCitySchools, kCityStudents, kCityTeachers, 2, 10, false};
    for (const auto& unit : kUnits) spec.units.push_back(&unit);
    return spec;
}

FlagRates RatesFor(const UnitProfile& unit, bool rural) {
    // City-wide targets: disability ~1 %, migrant ~8 %, hardship ~5 %, left-behind ~6 %, military ~0.5 %,
    // dual-income ~55 %. Left-behind children are a rural phenomenon (parents working in the cities), hardship
    // is commoner in the villages, and two working parents commoner in town.
    return FlagRates{
        .disability = 10,
        .migrant = rural ? unit.migrant_rural_permille : unit.migrant_urban_permille,
        .hardship = rural ? 70 : 35,
        .left_behind = rural ? 130 : 20,
        .military_family = 5,
        .dual_income = rural ? 450 : 650,
    };
}

std::vector<std::string_view> RoadsOf(const UnitProfile& unit) {
    std::vector<std::string_view> roads(std::begin(kRoads), std::end(kRoads));
    if (unit.zone || unit.mgmt_code == Rencheng().mgmt_code)
        roads.insert(roads.end(), std::begin(kCityRoads), std::end(kCityRoads));
    return roads;
}
std::span<const std::string_view> Villages() {
    return kVillages;
}
std::span<const std::string_view> PrivateBrands() {
    return kBrands;
}
std::span<const std::string_view> MigrantOrigins() {
    return kOrigins;
}
std::span<const std::uint32_t> MigrantOriginCumulative() {
    return kOriginCumulative;
}

}  // namespace kehou::demo
