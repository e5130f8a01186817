#include "demo/afterschool_courses.hpp"

#include <iterator>

namespace kehou::demo {
namespace {

// Titles from the course supermarkets the reports describe (临山小学, 北临城小学, 六联小学, 北陈郝小学,
// 阳光小学) and what Shandong schools commonly list; descriptions are one line for the parent.
constexpr CourseSpec kSpecs[] = {
    {"traditional_culture", "软笔书法", "书法教室", "临帖习字，从笔画到结构，感受汉字之美。", 3, 9, 20, 30, 0},
    {"traditional_culture", "硬笔书法", "书法教室", "规范书写姿势与笔顺，写一手端正的硬笔字。", 1, 6, 30, 45, 0},
    {"traditional_culture", "围棋", "棋艺室", "从吃子到做活，学下围棋，培养专注与计算。", 1, 9, 20, 36, 0},
    {"traditional_culture", "中国象棋", "棋艺室", "棋子走法、开局与残局，下出有章法的象棋。", 2, 9, 20, 36, 0},
    {"traditional_culture", "剪纸", "美术教室", "折剪、阴刻与阳刻，剪出鲁西南民间纹样。", 2, 9, 20, 36, 0},
    {"traditional_culture", "国学诵读", "阅览室", "诵读《三字经》《弟子规》与古诗词，积累经典。", 1, 6, 30, 45, 0},
    {"traditional_culture", "京剧脸谱", "美术教室", "认识生旦净末丑，描绘京剧脸谱。", 3, 9, 20, 30, 0},
    {"sport", "足球", "足球场", "控球、传接与小场比赛，在奔跑中学会配合。", 1, 9, 25, 40, 300},
    {"sport", "篮球", "篮球场", "运球、投篮与攻防基本功，每月一次班际赛。", 3, 9, 25, 40, 300},
    {"sport", "乒乓球", "乒乓球室", "握拍、发球与对打，练反应，练协调。", 2, 9, 20, 32, 0},
    {"sport", "跳绳", "操场", "单摇、双摇与花样跳绳，人人达标。", 1, 6, 30, 45, 0},
    {"sport", "田径", "操场", "短跑、跳远与接力，打好体能基础。", 3, 9, 25, 40, 200},
    {"sport", "羽毛球", "体育馆", "步法、高远球与网前球，学会单打与双打。", 3, 9, 20, 32, 0},
    {"sport", "武术", "体育馆", "武术操与基本功，强身健体，学习礼仪。", 1, 9, 25, 40, 0},
    {"sport", "排球", "排球场", "垫球、传球与发球，体验集体项目。", 7, 9, 24, 36, 200},
    {"art", "合唱", "音乐教室", "发声练习与多声部合唱，准备校园艺术节。", 2, 9, 35, 45, 0},
    {"art", "舞蹈", "舞蹈室", "基本功与民族民间舞，练形体，学表达。", 1, 6, 20, 32, 0},
    {"art", "创意美术", "美术教室", "水彩、拼贴与手绘，用画笔表达想象。", 1, 6, 25, 40, 0},
    {"art", "竖笛", "音乐教室", "识谱与竖笛合奏，人人会一件乐器。", 3, 6, 30, 45, 0},
    {"art", "素描", "美术教室", "结构、明暗与写生，练习观察与造型。", 5, 9, 20, 32, 0},
    {"art", "泥塑", "美术教室", "揉、捏、搓、压，塑出身边的小动物。", 1, 6, 20, 32, 0},
    {"stem", "机器人", "科技活动室", "搭建与编程控制小车，完成闯关任务。", 3, 9, 20, 30, 0},
    {"stem", "编程入门", "计算机教室", "图形化编程做小游戏，学会把问题拆成步骤。", 4, 9, 24, 40, 0},
    {"stem", "科学实验", "科学实验室", "动手做小实验：浮沉、电路与植物生长。", 1, 6, 24, 40, 0},
    {"stem", "航模", "科技活动室", "制作并放飞橡筋动力模型飞机。", 4, 9, 20, 30, 0},
    {"stem", "3D打印", "创客空间", "建模软件入门，打印自己设计的小作品。", 6, 9, 20, 28, 0},
    {"stem", "无人机", "操场", "安全规范与基础飞行，完成定点起降。", 5, 9, 20, 28, 0},
    {"labour", "种植园", "劳动实践基地", "翻地、播种、浇水与收获，照看一季蔬菜。", 1, 9, 25, 40, 0},
    {"labour", "陶艺", "陶艺室", "手捏、泥条与泥板成型，烧制自己的陶器。", 2, 9, 20, 30, 0},
    {"labour", "面点制作", "劳动教室", "和面、揉面与造型，做馒头、包子和花卷。", 3, 9, 20, 30, 0},
    {"labour", "手工编织", "劳动教室", "中国结与草编，练巧手，学传统手艺。", 2, 9, 24, 36, 0},
    {"labour", "木工", "劳动教室", "认识工具，安全操作，做一个小书架。", 5, 9, 20, 28, 0},
    {"mental_health", "心理游戏", "心理辅导室", "在团体游戏中认识自己、学会合作。", 1, 6, 20, 30, 0},
    {"mental_health", "情绪小课堂", "心理辅导室", "认识情绪、表达情绪，学会调节小方法。", 3, 6, 20, 30, 0},
    {"mental_health", "青春期成长课", "心理辅导室", "了解青春期的变化，学会沟通与自我保护。", 7, 9, 24, 36, 0},
    {"mental_health", "沙盘游戏", "心理辅导室", "在沙盘中讲自己的故事，放松身心。", 1, 9, 20, 24, 0},
    {"reading", "绘本阅读", "阅览室", "共读经典绘本，讲一讲，演一演。", 1, 3, 30, 45, 0},
    {"reading", "整本书阅读", "图书室", "读整本的书，做读书卡，开读书分享会。", 3, 9, 30, 45, 0},
    {"reading", "演讲与口才", "多功能厅", "朗诵、讲故事与即兴表达，大方开口。", 3, 9, 25, 40, 0},
    {"reading", "小记者", "图书室", "采访、写作与编辑校园小报。", 4, 9, 20, 32, 0},
    {"reading", "课本剧", "多功能厅", "把课文改编成短剧，分角色排演。", 2, 9, 24, 36, 0},
};

constexpr std::string_view kChinese[] = {"reading", "traditional_culture"};
constexpr std::string_view kMaths[] = {"traditional_culture", "stem"};
constexpr std::string_view kEnglish[] = {"reading", "art", "mental_health"};
constexpr std::string_view kMorals[] = {"mental_health", "labour"};
constexpr std::string_view kScience[] = {"stem", "labour"};
constexpr std::string_view kHumanities[] = {"traditional_culture", "reading", "labour"};
constexpr std::string_view kPe[] = {"sport"};
constexpr std::string_view kMusic[] = {"art"};
constexpr std::string_view kFineArt[] = {"art", "traditional_culture", "labour"};
constexpr std::string_view kComputing[] = {"stem"};
constexpr std::string_view kRetired[] = {"traditional_culture", "labour", "reading"};
constexpr std::string_view kVolunteer[] = {"traditional_culture", "sport", "art", "reading", "labour"};

constexpr std::string_view kGrades[] = {"",       "一年级", "二年级", "三年级", "四年级",
                                        "五年级", "六年级", "七年级", "八年级", "九年级"};

constexpr std::string_view kBrands[] = {"青禾", "启明", "星火", "墨韵", "童趣", "鲲鹏", "知行",
                                        "向阳", "蓝天", "禾苗", "乐动", "金穗", "远航", "博雅"};

}  // namespace

bool Overlaps(const SlotPlan& a, const SlotPlan& b) {
    return a.weekday == b.weekday && a.start < b.end && b.start < a.end;
}

bool Clash(std::span<const SlotPlan> a, std::span<const SlotPlan> b) {
    for (const auto& x : a)
        for (const auto& y : b)
            if (Overlaps(x, y)) return true;
    return false;
}

int HomeworkGroups(int pupils) {
    return (pupils + kHomeworkCap - 1) / kHomeworkCap;
}

std::array<int, 10> PupilsByGrade(const PlanSchool& s) {
    std::array<int, 10> by{};
    for (const auto& p : s.pupils)
        if (p.grade >= 1 && p.grade <= 9) ++by[static_cast<std::size_t>(p.grade)];
    return by;
}

std::string GradeBand(int from, int to) {
    const std::string last(GradeName(to));
    return from == to ? last : std::string(GradeName(from).substr(0, 3)) + "至" + last;
}

std::span<const CourseSpec> CourseSpecs() {
    return kSpecs;
}

std::span<const std::string_view> CategoriesForSubject(std::string_view s) {
    if (s == "语文") return kChinese;
    if (s == "数学") return kMaths;
    if (s == "英语") return kEnglish;
    if (s == "道德与法治") return kMorals;
    if (s == "科学" || s == "物理" || s == "化学" || s == "生物") return kScience;
    if (s == "历史" || s == "地理") return kHumanities;
    if (s == "体育") return kPe;
    if (s == "音乐") return kMusic;
    if (s == "美术") return kFineArt;
    if (s == "信息技术") return kComputing;
    return kVolunteer;
}

std::span<const std::string_view> RetiredCategories() {
    return kRetired;
}
std::span<const std::string_view> VolunteerCategories() {
    return kVolunteer;
}

std::string_view GradeName(int grade) {
    return grade >= 1 && grade <= 9 ? kGrades[static_cast<std::size_t>(grade)] : std::string_view{};
}

std::span<const std::string_view> ProviderBrands() {
    return kBrands;
}

std::string_view ProviderField(std::string_view category) {
    if (category == "sport") return "体育文化发展";
    if (category == "art") return "文化艺术传播";
    if (category == "stem") return "科技教育";
    if (category == "traditional_culture") return "国学文化传播";
    if (category == "labour") return "研学实践教育";
    if (category == "reading") return "阅读推广";
    return "心理健康服务";
}

}  // namespace kehou::demo
