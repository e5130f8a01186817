#include "demo/names.hpp"

namespace kehou::demo {
namespace {

/// A surname and its approximate share per 100,000 people.
struct SurnameWeight {
    std::string_view surname;
    std::uint32_t weight;
};

// The national top 100 (公安部 2020 ranking) reweighted towards Shandong, where 王 张 李 刘 are even more
// dominant, 孙 于 姜 common, and southern names (黄 林 罗 何) rarer. Approximate by design; the ~110 listed
// cover ~87.5 % of people, and the rest of the weight is simply not drawn.
constexpr SurnameWeight kSurnames[] = {
    {"王", 9000}, {"张", 8200}, {"李", 7800}, {"刘", 6000}, {"孙", 2800}, {"杨", 2600}, {"陈", 2300}, {"赵", 2300},
    {"马", 1500}, {"高", 1500}, {"徐", 1400}, {"于", 1300}, {"周", 1100}, {"朱", 1100}, {"郭", 1100}, {"宋", 1100},
    {"吴", 900},  {"董", 900},  {"田", 900},  {"韩", 900},  {"曹", 800},  {"魏", 800},  {"胡", 700},  {"梁", 700},
    {"许", 700},  {"冯", 700},  {"吕", 700},  {"姜", 700},  {"程", 600},  {"郑", 600},  {"任", 600},  {"杜", 600},
    {"丁", 600},  {"崔", 600},  {"贾", 600},  {"黄", 600},  {"袁", 500},  {"孟", 500},  {"范", 500},  {"姚", 500},
    {"石", 500},  {"侯", 500},  {"武", 500},  {"郝", 500},  {"闫", 500},  {"唐", 500},  {"孔", 400},  {"何", 400},
    {"谢", 400},  {"潘", 400},  {"卢", 400},  {"邵", 400},  {"秦", 400},  {"尹", 400},  {"常", 400},  {"牛", 400},
    {"史", 400},  {"白", 400},  {"乔", 400},  {"葛", 400},  {"付", 400},  {"薛", 400},  {"夏", 400},  {"肖", 400},
    {"林", 300},  {"罗", 300},  {"彭", 300},  {"蔡", 300},  {"戴", 300},  {"沈", 300},  {"毛", 300},  {"邱", 300},
    {"段", 300},  {"陶", 300},  {"贺", 300},  {"康", 300},  {"庞", 300},  {"曲", 300},  {"路", 300},  {"耿", 300},
    {"邢", 300},  {"邓", 200},  {"钟", 200},  {"汪", 200},  {"傅", 200},  {"江", 200},  {"雷", 200},  {"万", 200},
    {"顾", 200},  {"褚", 200},  {"申", 200},  {"仲", 200},  {"房", 200},  {"纪", 200},  {"单", 200},  {"殷", 200},
    {"代", 200},  {"靳", 200},  {"岳", 200},  {"翟", 200},  {"苗", 200},  {"颜", 150},  {"曾", 150},  {"燕", 100},
    {"满", 100},  {"鲍", 100},  {"屈", 100},  {"龙", 100},  {"黎", 100},  {"欧阳", 20}, {"司马", 10}, {"诸葛", 10},
};

/// The given-name fashions of one generation and sex: single characters, and two-character names either
/// taken whole from a list of popular ones or composed from a first and a second character.
struct GivenNames {
    std::span<const std::string_view> single;
    std::span<const std::string_view> whole;
    std::span<const std::string_view> first;
    std::span<const std::string_view> second;
    int single_permille;
};

constexpr std::string_view kBoySingle[] = {"浩", "宇", "杰", "轩", "博", "睿", "鑫", "昊", "航", "晨",
                                           "磊", "涛", "鹏", "凯", "阳", "豪", "哲", "铭", "辰", "硕"};
constexpr std::string_view kBoyWhole[] = {
    "浩宇", "子轩", "宇轩", "浩然", "梓豪", "俊杰", "博文", "皓轩", "子豪", "宇航", "浩轩", "一鸣", "明轩",
    "浩辰", "梓睿", "奕辰", "沐宸", "宇泽", "子墨", "俊熙", "嘉懿", "煜祺", "天佑", "文博", "思远", "梓航",
    "铭泽", "晨阳", "锦程", "泽宇", "瑞霖", "弘文", "俊豪", "昊然", "承泽", "书豪", "睿泽", "嘉豪", "宇辰",
    "子睿", "家乐", "金泽", "佳豪", "正阳", "梓轩", "一航", "雨泽", "逸飞", "思源", "振宇"};
constexpr std::string_view kBoyFirst[] = {"浩", "宇", "子", "梓", "俊", "博", "思", "明", "嘉", "天",
                                          "皓", "奕", "泽", "铭", "锦", "晨", "文", "一", "睿", "家"};
constexpr std::string_view kBoySecond[] = {"轩", "宇", "然", "睿", "辰", "泽", "阳", "杰", "航", "博",
                                           "文", "鸣", "凡", "铭", "豪", "霖", "熙", "远", "哲", "诚"};
constexpr std::string_view kGirlSingle[] = {"萱", "涵", "琪", "悦", "欣", "怡", "彤", "妍", "婷", "瑶",
                                            "琳", "晴", "雪", "璐", "菲", "蕊", "颖", "楠", "娜", "茜"};
constexpr std::string_view kGirlWhole[] = {
    "梓涵", "欣怡", "子涵", "诗涵", "梓萱", "可馨", "雨涵", "一诺", "语桐", "思涵", "紫涵", "欣妍", "佳怡",
    "梦瑶", "雨桐", "若汐", "依诺", "佳琪", "雨欣", "心怡", "可欣", "诗琪", "语嫣", "梓彤", "婉清", "思琪",
    "晓彤", "悦彤", "雅琪", "梓晴", "欣悦", "静怡", "芷若", "沐晴", "安琪", "书瑶", "梦琪", "嘉怡", "雨萱",
    "佳悦", "艺涵", "诗雨", "梓琪", "思彤", "乐瑶", "欣然", "子怡", "若曦", "语汐", "一涵"};
constexpr std::string_view kGirlFirst[] = {"欣", "雨", "子", "梓", "可", "诗", "思", "佳", "若", "一",
                                           "语", "紫", "婉", "雅", "梦", "晓", "馨", "依", "心", "静"};
constexpr std::string_view kGirlSecond[] = {"涵", "萱", "怡", "彤", "琪", "悦", "妍", "菲", "瑶", "婷",
                                            "琳", "晴", "然", "诺", "桐", "雯", "欣", "瑜", "蕾", "宁"};

constexpr std::string_view kManSingle[] = {"伟", "强", "磊", "军", "勇", "涛", "斌", "超", "明", "刚",
                                           "鹏", "辉", "杰", "亮", "峰", "波", "飞", "健", "龙", "浩"};
constexpr std::string_view kManWhole[] = {"建华", "志强", "海涛", "俊峰", "晓东", "建军", "国强", "春雷", "永刚",
                                          "立新", "文杰", "明亮", "海峰", "振华", "庆华", "卫东", "新民", "宏伟",
                                          "建伟", "学军", "大伟", "晓明", "洪涛", "金龙", "成龙", "家伟", "东升",
                                          "兆军", "庆国", "志刚", "文龙", "海龙", "传伟", "广辉", "延军", "慎强"};
constexpr std::string_view kWomanSingle[] = {"丽", "娜", "静", "敏", "燕", "艳", "芳", "红", "霞", "莉",
                                             "婷", "玲", "娟", "洁", "琳", "萍", "倩", "颖", "慧", "雪"};
constexpr std::string_view kWomanWhole[] = {"丽娜", "晓燕", "春梅", "海燕", "丽丽", "婷婷", "晓丽", "秀云", "红梅",
                                            "玉梅", "静静", "文静", "丽华", "美玲", "雪梅", "艳红", "亚楠", "晓静",
                                            "倩倩", "翠翠", "冬梅", "慧敏", "晓红", "金凤", "丽君", "晓梅", "秀娟",
                                            "新华", "燕燕", "娜娜", "晶晶", "玉洁", "彩霞", "凤霞", "爱华", "玉霞"};

constexpr std::string_view kOldManSingle[] = {"军", "华", "明", "林", "福", "贵", "成", "生", "山", "信"};
constexpr std::string_view kOldManWhole[] = {"建国", "国华", "德明", "保国", "振华", "玉林", "庆祥", "广华",
                                             "长海", "德胜", "立华", "文华", "宝山", "金山", "永福", "传富",
                                             "建民", "志刚", "德贵", "树林", "洪文", "光明", "庆云", "继承"};
constexpr std::string_view kOldWomanSingle[] = {"英", "兰", "珍", "芳", "梅", "华", "凤", "荣", "秀", "琴"};
constexpr std::string_view kOldWomanWhole[] = {"秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "秀珍", "玉英",
                                               "桂芝", "翠兰", "玉珍", "淑珍", "兰英", "凤兰", "秀云", "素英",
                                               "玉梅", "桂荣", "秀芳", "春兰", "玉华", "淑英", "秀荣", "金兰"};

// Children: one-character given names ~25 % (brief), two-character ones half popular whole names, half
// composed. Adults: one character was commoner in the 1980s (~40 %) and before (~30 % in this pool).
constexpr GivenNames kBoys{kBoySingle, kBoyWhole, kBoyFirst, kBoySecond, 250};
constexpr GivenNames kGirls{kGirlSingle, kGirlWhole, kGirlFirst, kGirlSecond, 250};
constexpr GivenNames kMen{kManSingle, kManWhole, {}, {}, 400};
constexpr GivenNames kWomen{kWomanSingle, kWomanWhole, {}, {}, 400};
constexpr GivenNames kOldMen{kOldManSingle, kOldManWhole, {}, {}, 300};
constexpr GivenNames kOldWomen{kOldWomanSingle, kOldWomanWhole, {}, {}, 300};

const GivenNames& PoolFor(bool male, Generation generation) {
    switch (generation) {
        case Generation::kChild:
            return male ? kBoys : kGirls;
        case Generation::kParent:
            return male ? kMen : kWomen;
        case Generation::kGrandparent:
            break;
    }
    return male ? kOldMen : kOldWomen;
}

}  // namespace

NameMaker::NameMaker(std::span<const SurnameBoost> boosts) {
    std::uint32_t sum = 0;
    auto add = [&](std::string_view surname, std::uint32_t weight) {
        surnames_.push_back(surname);
        cumulative_.push_back(sum += weight);
    };
    for (const auto& [surname, weight] : kSurnames) {
        std::uint32_t extra = 0;
        for (const auto& boost : boosts)
            if (boost.surname == surname) extra += boost.weight;
        add(surname, weight + extra);
    }
}

std::string_view NameMaker::Surname(Rng& rng) const {
    return surnames_[rng.Pick(cumulative_)];
}

void NameMaker::AppendGivenName(std::string& out, Rng& rng, bool male, Generation generation) const {
    const GivenNames& pool = PoolFor(male, generation);
    if (rng.PerMille(pool.single_permille)) {
        out += rng.Of(pool.single);
    } else if (pool.first.empty() || rng.PerMille(500)) {
        out += rng.Of(pool.whole);
    } else {
        const std::string_view first = rng.Of(pool.first);
        std::string_view second = rng.Of(pool.second);
        while (second == first) second = rng.Of(pool.second);  // 宇宇 is a nickname, not a registered name
        out += first;
        out += second;
    }
}

}  // namespace kehou::demo
