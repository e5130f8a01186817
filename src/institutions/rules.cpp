// Schedule checks: RULES R1.11 (no 学科类 on rest days, holidays or vacations), R1.12 (online lessons),
// R1.13 (offline lessons), R1.14 (category boundary).
#include "institutions/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>

namespace kehou::institutions {
namespace {

Violation Make(std::string code, std::string zh, std::string en, std::string field, bool warning = false) {
    return {"institutions." + std::move(code), std::move(zh), std::move(en), std::move(field), std::nullopt, warning};
}

std::string Hhmm(MinuteOfDay m) {
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

// RULES R1.14: the 学科类 subjects of compulsory education, as a course title would name them.
constexpr std::array<std::string_view, 12> kSubjectNames = {
    "道德与法治", "语文", "历史", "地理", "数学", "外语", "英语", "日语", "俄语", "物理", "化学", "生物",
};

// RULES R1.11. The rule bans 学科类 training on 休息日 (rest days), statutory holidays and winter/summer
// vacations. Its [D] test lists "Saturday, Sunday, statutory holiday (including make-up working days per the
// State Council notice)". We read the parenthesis as "the holiday set is the notice's, with its 调休
// adjustments": a 调休上班 Saturday is by that same notice a working day, pupils are at school all day, so it
// is no rest day and 学科类 training after school (still ≤ 20:30) is as lawful as on any Monday. A county that
// reads the test literally sets ScheduleConfig::make_up_workdays_are_rest_days. A make-up day inside a school
// vacation (14 and 28 Feb 2026) is refused anyway, as vacation.
void CheckRestDay(const ScheduledSession& s, const HolidayCalendar& cal, const ScheduleConfig& config,
                  std::vector<Violation>& out) {
    const std::string date = FormatDate(s.date);
    if (cal.holidays.contains(s.date)) {
        out.push_back(Make("subject_on_holiday", fmt::format("学科类培训不得在法定节假日开展（{}）", date),
                           fmt::format("No subject-type training on a statutory holiday ({})", date), "date"));
    } else if (const DateRange* v = VacationOn(s.date, cal)) {
        out.push_back(Make("subject_in_vacation", fmt::format("学科类培训不得在寒暑假开展（{}，{}）", date, v->name),
                           fmt::format("No subject-type training in the school vacation ({}, {})", date, v->name),
                           "date"));
    } else if (IsWeekend(s.date) && (config.make_up_workdays_are_rest_days || !cal.make_up_workdays.contains(s.date))) {
        out.push_back(Make("subject_on_rest_day", fmt::format("学科类培训不得在周六、周日开展（{}）", date),
                           fmt::format("No subject-type training on a Saturday or Sunday ({})", date), "date"));
    }
}

void CheckOnline(const ScheduledSession& s, std::vector<Violation>& out) {
    const int minutes = s.end - s.start;
    // RULES R1.12: each online lesson ≤ 30 minutes.
    if (minutes > kOnlineLessonMaxMinutes)
        out.push_back(Make("online_lesson_too_long",
                           fmt::format("线上培训每课时不超过 30 分钟（本节 {} 分钟）", minutes),
                           fmt::format("An online lesson lasts at most 30 minutes (this one {})", minutes), "end"));
    // RULES R1.12: online training ends by 21:00.
    if (s.end > kOnlineLatestEnd)
        out.push_back(Make("online_ends_too_late",
                           fmt::format("线上培训结束时间不得晚于 21:00（本节 {}）", Hhmm(s.end)),
                           fmt::format("Online training ends by 21:00 (this lesson ends {})", Hhmm(s.end)), "end"));
}

void CheckOffline(const ScheduledSession& s, const HolidayCalendar& cal, const ScheduleConfig& config,
                  std::vector<Violation>& out) {
    // RULES R1.13: offline training ends by 20:30, subject or not.
    if (s.end > kOfflineLatestEnd)
        out.push_back(Make("offline_ends_too_late",
                           fmt::format("线下培训结束时间不得晚于 20:30（本节 {}）", Hhmm(s.end)),
                           fmt::format("Offline training ends by 20:30 (this lesson ends {})", Hhmm(s.end)), "end"));
    // RULES R1.13 note: a local cap on one offline lesson, when the county sets one.
    const int minutes = s.end - s.start;
    if (config.offline_lesson_max_minutes && minutes > *config.offline_lesson_max_minutes)
        out.push_back(Make(
            "offline_lesson_too_long",
            fmt::format("线下培训每课时不超过 {} 分钟（本节 {} 分钟）", *config.offline_lesson_max_minutes, minutes),
            fmt::format("An offline lesson lasts at most {} minutes (this one {})", *config.offline_lesson_max_minutes,
                        minutes),
            "end"));
    // RULES R1.13: no clash with school hours, on school days (working days outside the vacations).
    if (config.school_day_start && config.school_day_end && IsWorkingDay(s.date, cal) && !VacationOn(s.date, cal) &&
        s.start < *config.school_day_end && *config.school_day_start < s.end)
        out.push_back(Make("offline_during_school_hours",
                           fmt::format("线下培训不得与中小学教学时间冲突（{}–{}）", Hhmm(*config.school_day_start),
                                       Hhmm(*config.school_day_end)),
                           fmt::format("Offline training may not clash with school hours ({}–{})",
                                       Hhmm(*config.school_day_start), Hhmm(*config.school_day_end)),
                           "start"));
}

bool Earlier(const ScheduledSession& a, const ScheduledSession& b) {
    const std::chrono::sys_days da{a.date}, db{b.date};
    return da != db ? da < db : a.start < b.start;
}

}  // namespace

bool NamesSubjectTypeSubject(std::string_view title) {
    return std::any_of(kSubjectNames.begin(), kSubjectNames.end(),
                       [title](std::string_view name) { return title.find(name) != std::string_view::npos; });
}

std::vector<Violation> CheckSession(const ScheduledSession& s, const HolidayCalendar& cal,
                                    const ScheduleConfig& config) {
    std::vector<Violation> out;
    if (!s.date.ok() || s.start < 0 || s.end > 24 * 60 || s.start >= s.end) {
        out.push_back(Make("bad_session_time", "上课日期或时间无效（开始须早于结束，且在同一天内）",
                           "Invalid lesson date or time (start before end, within one day)", "end"));
        return out;
    }
    if (s.category == InstitutionCategory::kSubject) {
        CheckRestDay(s, cal, config, out);
    } else if (NamesSubjectTypeSubject(s.subject)) {
        // RULES R1.11, R1.14: 学科类 content in a 非学科类 lesson. The title is only a hint, so a warning.
        out.push_back(Make("subject_content_in_non_subject",
                           fmt::format("非学科类课程“{}”的名称含学科类科目，请核查是否变相开展学科类培训", s.subject),
                           fmt::format("The non-subject lesson '{}' names a subject-type subject; check for disguised "
                                       "subject-type training",
                                       s.subject),
                           "subject", true));
    }
    if (s.delivery == Delivery::kOnline)
        CheckOnline(s, out);
    else
        CheckOffline(s, cal, config, out);
    return out;
}

std::vector<Violation> CheckOnlineBreaks(const std::vector<ScheduledSession>& sessions) {
    std::vector<std::size_t> online;
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (sessions[i].delivery == Delivery::kOnline) online.push_back(i);
    std::stable_sort(online.begin(), online.end(),
                     [&](std::size_t a, std::size_t b) { return Earlier(sessions[a], sessions[b]); });
    std::vector<Violation> out;
    for (std::size_t k = 1; k < online.size(); ++k) {
        const auto& prev = sessions[online[k - 1]];
        const auto& next = sessions[online[k]];
        if (std::chrono::sys_days{prev.date} != std::chrono::sys_days{next.date}) continue;
        // RULES R1.12: at least 10 minutes between lessons; an overlap is a negative break.
        const int gap = next.start - prev.end;
        if (gap >= kOnlineBreakMinMinutes) continue;
        Violation v =
            Make("online_break_too_short",
                 fmt::format("线上培训课间休息不少于 10 分钟（{} 与上一节之间 {} 分钟）", Hhmm(next.start), gap),
                 fmt::format("Online lessons need a break of at least 10 minutes ({} minutes before {})", gap,
                             Hhmm(next.start)),
                 "start");
        v.session_index = online[k];
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<Violation> CheckSchedule(const std::vector<ScheduledSession>& sessions, const HolidayCalendar& cal,
                                     const ScheduleConfig& config) {
    std::vector<Violation> out;
    for (std::size_t i = 0; i < sessions.size(); ++i)
        for (auto& v : CheckSession(sessions[i], cal, config)) {
            v.session_index = i;
            out.push_back(std::move(v));
        }
    for (auto& v : CheckOnlineBreaks(sessions)) out.push_back(std::move(v));
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation& a, const Violation& b) { return *a.session_index < *b.session_index; });
    return out;
}

}  // namespace kehou::institutions
