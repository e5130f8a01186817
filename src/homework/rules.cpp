#include "homework/rules.hpp"

#include <algorithm>
#include <numeric>

namespace kehou::homework {
namespace {

constexpr int kNationalPrimary = 60;  // R1.2, grades 3–6
constexpr int kNationalJunior = 90;   // R1.2, grades 7–9

bool Primary(int grade) { return grade <= 6; }

}  // namespace

int NationalDailyLimit(int grade) {
    if (grade <= 2) return 0;  // R1.1: no written homework at home in grades 1–2
    return Primary(grade) ? kNationalPrimary : kNationalJunior;
}

int DailyLimit(int grade, DayKind day, const HomeworkLimits& limits) {
    if (grade <= 2) return 0;
    const int school_day = Primary(grade) ? limits.primary : limits.junior;
    if (day == DayKind::kSchoolDay) return std::min(school_day, NationalDailyLimit(grade));
    const auto rest = Primary(grade) ? limits.rest_day_primary : limits.rest_day_junior;
    return std::min(rest.value_or(school_day), NationalDailyLimit(grade));
}

std::optional<std::string> LimitAboveNational(const HomeworkLimits& limits) {
    if (limits.primary > kNationalPrimary) return "primary";
    if (limits.junior > kNationalJunior) return "junior";
    if (limits.rest_day_primary && *limits.rest_day_primary > kNationalPrimary) return "rest_day_primary";
    if (limits.rest_day_junior && *limits.rest_day_junior > kNationalJunior) return "rest_day_junior";
    return std::nullopt;
}

BudgetCheck CheckDailyBudget(int grade, DayKind day, HomeworkType type, int current_written, int adding,
                             const HomeworkLimits& limits) {
    BudgetCheck b;
    b.current = current_written;
    b.limit = DailyLimit(grade, day, limits);
    b.remaining = std::max(0, b.limit - current_written);
    if (type != HomeworkType::kWritten) return b;
    if (grade <= 2) {
        b.allowed = false;
        b.written_in_grades_1_2 = true;
        return b;
    }
    b.allowed = current_written + adding <= b.limit;
    return b;
}

const std::vector<std::string>& DefaultParentTaskPhrases() {
    static const std::vector<std::string> phrases = {"家长批改", "家长检查作业", "家长帮忙批改", "家长打分",
                                                     "家长代写",   "家长完成",     "学生自己批改", "自批自改"};
    return phrases;
}

std::vector<std::string> FindParentTasks(std::string_view content, const std::vector<std::string>& phrases) {
    std::vector<std::string> found;
    for (const auto& p : phrases)
        if (!p.empty() && content.find(p) != std::string_view::npos &&
            std::find(found.begin(), found.end(), p) == found.end())
            found.push_back(p);
    return found;
}

int BedtimeMinutes(int grade) { return Primary(grade) ? 21 * 60 + 20 : 22 * 60; }

int AverageMinutes(const std::vector<int>& per_day) {
    if (per_day.empty()) return 0;
    const long long sum = std::accumulate(per_day.begin(), per_day.end(), 0LL);
    const long long n = static_cast<long long>(per_day.size());
    return static_cast<int>((2 * sum + n) / (2 * n));
}

std::vector<std::string> StandardSubjects(int grade) {
    std::vector<std::string> out{"语文", "数学"};
    if (grade >= 3) out.push_back("英语");
    if (grade <= 6) {
        out.insert(out.end(), {"科学", "道德与法治"});
        return out;
    }
    if (grade >= 8) out.push_back("物理");
    if (grade >= 9) out.push_back("化学");
    out.insert(out.end(), {"生物", "历史", "地理", "道德与法治"});
    return out;
}

}  // namespace kehou::homework
