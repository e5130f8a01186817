// The homework seed's plan: the term's days and a grade's daily subject mix (see seed_homework_plan.hpp).
#include "app/seed_homework_plan.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "institutions/rules.hpp"

namespace kehou::app::homework_seed {
namespace {

using std::chrono::days;

// What teachers write, by subject and type; {} is the lesson (or unit) the class is at.
struct Template {
    std::string_view subject;
    HomeworkType type;
    std::string_view text;
};
constexpr Template kTemplates[] = {
    {"语文", HomeworkType::kWritten, "完成第{}课课后练习"},
    {"语文", HomeworkType::kWritten, "第{}课生字词书写并组词"},
    {"语文", HomeworkType::kWritten, "小练笔：第{}单元习作片段"},
    {"语文", HomeworkType::kReading, "课外阅读第{}周书目，摘抄好词好句"},
    {"语文", HomeworkType::kOral, "朗读第{}课课文，背诵指定段落"},
    {"数学", HomeworkType::kWritten, "练习册第{}页"},
    {"数学", HomeworkType::kWritten, "第{}课时计算与应用题练习"},
    {"数学", HomeworkType::kPractical, "用学具摆一摆、数一数（第{}课时）"},
    {"英语", HomeworkType::kWritten, "Unit {} 单词与短语书写"},
    {"英语", HomeworkType::kWritten, "Unit {} 练习册"},
    {"英语", HomeworkType::kOral, "跟读 Unit {} 课文录音"},
    {"物理", HomeworkType::kWritten, "第{}节课时练习"},
    {"化学", HomeworkType::kWritten, "第{}节课时练习与方程式书写"},
    {"道德与法治", HomeworkType::kWritten, "第{}课课后练习"},
    {"道德与法治", HomeworkType::kPractical, "整理自己的书包和书桌（第{}课延伸）"},
    {"历史", HomeworkType::kWritten, "第{}课知识梳理"},
    {"地理", HomeworkType::kWritten, "第{}节填图练习"},
    {"生物", HomeworkType::kWritten, "第{}节课时练习"},
    {"科学", HomeworkType::kInquiry, "观察记录：植物的生长（第{}周）"},
};

}  // namespace

std::string Content(std::string_view subject, HomeworkType type, int week, demo::Rng& rng) {
    const Template* found[4];
    std::size_t n = 0;
    for (const auto& t : kTemplates)
        if (t.subject == subject && t.type == type && n < std::size(found)) found[n++] = &t;
    const std::string_view text = found[rng.Below(n)]->text;
    // A term has about 8 units (单元, Unit) of some 3 lessons each: a unit takes about three weeks.
    const bool unit = text.find("单元") != std::string_view::npos || text.find("Unit") != std::string_view::npos;
    const int at = unit ? week / 3 + 1 : week + 1 + static_cast<int>(rng.Below(2));
    return fmt::format(fmt::runtime(text), at);
}

bool IsSchoolDay(sys_days d) {
    static const institutions::HolidayCalendar cal = institutions::Calendar2026();
    const institutions::Date ymd{d};
    // The institutions calendar holds the 2026 arrangement; 元旦 of the next year is a statutory holiday anyway.
    if (ymd.month() == std::chrono::January && ymd.day() == std::chrono::day{1}) return false;
    return institutions::IsWorkingDay(ymd, cal) && !institutions::VacationOn(ymd, cal);
}

int WeekOf(sys_days d, int school_year) {
    using namespace std::chrono;
    const sys_days first{year{school_year} / September / 1};
    return static_cast<int>((d - (first - days{weekday{first}.iso_encoding() - 1})).count() / 7);
}

Term PlanTerm(int school_year, sys_days today) {
    using namespace std::chrono;
    const sys_days first{year{school_year} / September / 1};
    const auto make = [&](sys_days d, DayKind k) {
        return Day{d, institutions::FormatDate(year_month_day{d}), k, WeekOf(d, school_year)};
    };
    Term t{{}, {}, today, institutions::FormatDate(year_month_day{today})};
    const sys_days last = std::min(today, sys_days{year{school_year + 1} / January / 20});
    for (sys_days d = first; d <= last; d += days{1}) {
        if (IsSchoolDay(d))
            t.days.push_back(make(d, DayKind::kSchoolDay));
        else if (d == first || IsSchoolDay(d - days{1}))
            t.days.push_back(make(d, DayKind::kRestDay));  // a break's homework is set for its first day
    }
    const bool today_school = IsSchoolDay(today);
    if (t.days.empty() || t.days.back().date != today)
        t.extra.push_back(make(today, today_school ? DayKind::kSchoolDay : DayKind::kRestDay));
    if (!today_school) {
        sys_days next = today + days{1};
        while (!IsSchoolDay(next)) next += days{1};
        t.extra.push_back(make(next, DayKind::kSchoolDay));
    }
    return t;
}

std::string At(sys_days d, int minute, TimePoint now) {
    return FormatShanghai(std::min<TimePoint>(d - kShanghaiOffset + std::chrono::minutes(minute), now));
}

std::string Thousands(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

int Fives(demo::Rng& rng, int lo, int hi) {
    return 5 * rng.Between(lo / 5, hi / 5);
}

std::vector<Item> PlanItems(int grade, DayKind kind, int limit, demo::Rng& rng) {
    using T = HomeworkType;
    std::vector<Item> items;
    const auto maybe = [&](int per_mille, std::string_view s, T t, int lo, int hi) {
        if (rng.PerMille(per_mille)) items.push_back({s, t, Fives(rng, lo, hi)});
    };
    if (grade <= 2) {
        items.push_back(rng.PerMille(700) ? Item{"语文", T::kReading, 15} : Item{"语文", T::kOral, 10});
        maybe(500, "数学", T::kPractical, 10, 10);
        maybe(100, "科学", T::kInquiry, 10, 10);
        maybe(100, "道德与法治", T::kPractical, 10, 10);
    } else if (grade <= 6) {
        maybe(950, "语文", T::kWritten, 10, 25);
        maybe(950, "数学", T::kWritten, 10, 25);
        maybe(700, "英语", T::kWritten, 10, 15);
        maybe(400, "语文", T::kReading, 20, 20);
        maybe(300, "英语", T::kOral, 10, 10);
        maybe(100, "科学", T::kInquiry, 10, 10);
    } else {
        maybe(950, "语文", T::kWritten, 15, 20);
        maybe(950, "数学", T::kWritten, 15, 25);
        maybe(900, "英语", T::kWritten, 10, 20);
        if (grade >= 8) maybe(850, "物理", T::kWritten, 10, 15);
        if (grade >= 9) maybe(850, "化学", T::kWritten, 10, 15);
        std::vector<std::string_view> minor{"道德与法治", "历史", "地理"};
        if (grade <= 8) minor.push_back("生物");
        for (int k = 0; k < 2; ++k) {
            const auto i = rng.Below(minor.size());
            items.push_back({minor[i], T::kWritten, Fives(rng, 5, 10)});
            minor.erase(minor.begin() + static_cast<std::ptrdiff_t>(i));
        }
        maybe(300, "语文", T::kReading, 20, 20);
        maybe(300, "英语", T::kOral, 10, 10);
    }
    // A rest day asks for more reading: longer where reading is already set (one task, not the same one twice).
    if (kind == DayKind::kRestDay && rng.PerMille(600)) {
        const auto reading = std::find_if(items.begin(), items.end(),
                                          [](const Item& i) { return i.subject == "语文" && i.type == T::kReading; });
        if (reading != items.end())
            reading->minutes = std::max(reading->minutes, 30);
        else
            items.push_back({"语文", T::kReading, 30});
    }
    if (items.empty()) items.push_back({"语文", T::kReading, 20});  // every class-day has something to show
    // Within the limit as the teachers' budget check keeps it: the largest written homework gives 5 minutes
    // back until the day fits, a 5-minute one is dropped.
    const auto written = [&] {
        int sum = 0;
        for (const auto& i : items) sum += i.type == T::kWritten ? i.minutes : 0;
        return sum;
    };
    while (written() > limit) {
        auto big = std::max_element(items.begin(), items.end(), [](const Item& a, const Item& b) {
            return (a.type == T::kWritten ? a.minutes : 0) < (b.type == T::kWritten ? b.minutes : 0);
        });
        if (big->minutes > 5)
            big->minutes -= 5;
        else
            items.erase(big);
    }
    return items;
}

}  // namespace kehou::app::homework_seed
