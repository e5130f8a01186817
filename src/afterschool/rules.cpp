#include "afterschool/rules.hpp"

#include "core/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace kehou::afterschool {
namespace {

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

std::string Yuan(std::int64_t fen) { return fmt::format("{}.{:02}", fen / 100, fen % 100); }

}  // namespace

std::optional<MinuteOfDay> ParseTimeOfDay(std::string_view s) { return ParseClockTime(s); }

std::string FormatTimeOfDay(MinuteOfDay m) { return FormatClockTime(m); }

void ValidateFeeStandard(const FeeStandard& s) {
    // RULES R2.1: the city or county sets its standard within the provincial caps.
    if (s.rural_per_hour_fen < 0 || s.rural_per_hour_fen > kShandongRuralCapFen)
        throw Invalid("afterschool.rural_cap_above_province", "农村学校每课时收费标准不得超过 3.0 元",
                      "The rural per-hour fee may not exceed 3.0 yuan", "rural_per_hour_fen");
    if (s.urban_per_hour_fen < 0 || s.urban_per_hour_fen > kShandongUrbanCapFen)
        throw Invalid("afterschool.urban_cap_above_province", "其他学校每课时收费标准不得超过 3.5 元",
                      "The per-hour fee of other schools may not exceed 3.5 yuan", "urban_per_hour_fen");
    // RULES R2.2: optional semester and month caps are positive amounts.
    if (s.per_semester_cap_fen && *s.per_semester_cap_fen <= 0)
        throw Invalid("afterschool.bad_semester_cap", "学期收费上限须为正数", "The semester cap must be positive",
                      "per_semester_cap_fen");
    if (s.per_month_cap_fen && *s.per_month_cap_fen <= 0)
        throw Invalid("afterschool.bad_month_cap", "月收费上限须为正数", "The month cap must be positive",
                      "per_month_cap_fen");
    // RULES R1.5, R1.6: off-work time is a late-afternoon local fact; the offset is never negative.
    if (s.local_off_work < 15 * 60 || s.local_off_work > 20 * 60)
        throw Invalid("afterschool.bad_off_work_time", "当地下班时间应在 15:00 至 20:00 之间",
                      "The local off-work time lies between 15:00 and 20:00", "local_off_work");
    if (s.end_offset_minutes < 0 || s.end_offset_minutes > 120)
        throw Invalid("afterschool.bad_end_offset", "下班后延时须在 0 至 120 分钟之间",
                      "The offset after off-work time is 0–120 minutes", "end_offset_minutes");
}

std::int64_t HourlyCapFen(const FeeStandard& s, bool rural_school) {
    return rural_school ? s.rural_per_hour_fen : s.urban_per_hour_fen;
}

bool Overlaps(const TimeSlot& a, const TimeSlot& b) {
    return a.weekday == b.weekday && a.start < b.end && b.start < a.end;
}

void ValidateCourse(const CourseDraft& c, const FeeStandard& s, bool rural_school) {
    if (c.title.empty())
        throw Invalid("afterschool.missing_title", "请填写课程名称", "A course needs a title", "title");
    // RULES R1.8(f): after-school service is no place for collective teaching of new lessons.
    if (c.category.new_lessons)
        throw Invalid("afterschool.new_lessons", "课后服务不得集体教授新课或“补课”",
                      "After-school service may not teach new lessons collectively", "category");
    if (c.capacity < 1 || c.capacity > 500)
        throw Invalid("afterschool.bad_capacity", "名额须在 1 至 500 之间", "Capacity is 1–500", "capacity");
    if (c.slots.empty())
        throw Invalid("afterschool.missing_slots", "请至少安排一个上课时间", "A course needs at least one time slot",
                      "slots");
    for (std::size_t i = 0; i < c.slots.size(); ++i) {
        const auto& t = c.slots[i];
        if (t.weekday < 1 || t.weekday > 7 || t.start < 0 || t.end > 24 * 60 || t.start >= t.end)
            throw Invalid("afterschool.bad_slot", "上课时间无效（星期 1–7，开始早于结束）",
                          "Invalid time slot (weekday 1–7, start before end)", "slots");
        for (std::size_t j = 0; j < i; ++j)
            if (Overlaps(t, c.slots[j]))
                throw Invalid("afterschool.slots_overlap", "同一课程的上课时间相互重叠",
                              "Two time slots of this course overlap", "slots");
    }
    if (c.fee_per_hour_fen < 0)
        throw Invalid("afterschool.negative_fee", "收费不能为负", "The fee cannot be negative", "fee_per_hour_fen");
    // RULES R2.1: within the county's cap for the school's rural/urban type.
    const auto cap = HourlyCapFen(s, rural_school);
    if (c.fee_per_hour_fen > cap)
        throw Invalid("afterschool.fee_above_cap",
                      fmt::format("每课时收费 {} 元超过本县{}学校上限 {} 元", Yuan(c.fee_per_hour_fen),
                                  rural_school ? "农村" : "城镇", Yuan(cap)),
                      fmt::format("The fee of {} yuan per hour exceeds the county cap of {} yuan for {} schools",
                                  Yuan(c.fee_per_hour_fen), Yuan(cap), rural_school ? "rural" : "urban"),
                      "fee_per_hour_fen")
            .WithDetail("cap_fen", cap);
    if (c.instructor != InstructorKind::kProvider) return;
    if (!c.provider)
        throw Invalid("afterschool.missing_provider", "请选择第三方机构", "Choose the provider", "provider_id");
    // RULES R2.3c: only providers the county bureau admitted; a school may not bring one in itself.
    if (!c.provider->admitted_by_county)
        throw Invalid("afterschool.provider_not_admitted", "该机构未经县级教育部门准入，学校不得自行引入",
                      "The county bureau has not admitted this provider; schools may not bring one in",
                      "provider_id");
    // RULES R2.3a, R1.14: third parties offer non-subject (非学科类) content only.
    if (!c.provider->non_subject || c.category.subject_type)
        throw Invalid("afterschool.provider_subject_type", "第三方机构只能提供非学科类课程",
                      "A provider may offer non-subject courses only", "category");
    // RULES R2.3d: a free, public-benefit provider charges pupils nothing.
    if (c.provider->free_public_benefit && c.fee_per_hour_fen != 0)
        throw Invalid("afterschool.free_provider_charges", "公益性第三方机构不得向学生收取任何费用",
                      "A free public-benefit provider may not charge pupils", "fee_per_hour_fen");
}

void ValidateBasicService(const std::vector<int>& daily_minutes) {
    // RULES R1.7: "5+2" — five school days a week, at least two hours a day.
    for (int d = 1; d <= 5; ++d) {
        const int minutes = d < static_cast<int>(daily_minutes.size()) ? daily_minutes[static_cast<std::size_t>(d)] : 0;
        if (minutes < 120)
            throw Invalid("afterschool.basic_service_too_short",
                          fmt::format("课后服务须每周 5 天、每天不少于 2 小时：星期{}只有 {} 分钟",
                                      std::string("一二三四五").substr(static_cast<std::size_t>(d - 1) * 3, 3), minutes),
                          fmt::format("Service runs 5 days a week, at least 2 hours a day: weekday {} has {} minutes",
                                      d, minutes),
                          "slots")
                .WithDetail("weekday", std::int64_t{d});
    }
}

MinuteOfDay EarliestLatestEnd(const FeeStandard& s) { return s.local_off_work + s.end_offset_minutes; }

void ValidateDismissalDay(const DismissalDay& d, const FeeStandard& s) {
    if (d.weekday < 1 || d.weekday > 5)
        throw Invalid("afterschool.bad_weekday", "离校批次按星期一至星期五设置", "Batches are set for Monday–Friday",
                      "weekday");
    if (d.batch_ends.empty())
        throw Invalid("afterschool.no_batches", "请至少设置一个离校批次", "Set at least one dismissal batch",
                      "batch_ends");
    for (std::size_t i = 1; i < d.batch_ends.size(); ++i)
        if (d.batch_ends[i] <= d.batch_ends[i - 1])
            throw Invalid("afterschool.batches_not_ordered", "离校时间须从早到晚排列且不重复",
                          "Batch end times must be in increasing order", "batch_ends");
    // RULES R1.5, R1.6, R1.9: shorter batches may exist (R1.8(b)), but one must reach off-work + offset.
    const MinuteOfDay need = EarliestLatestEnd(s);
    if (d.batch_ends.back() < need)
        throw Invalid("afterschool.latest_batch_too_early",
                      fmt::format("最晚一批离校时间不得早于 {}（当地下班时间 {} 后 {} 分钟）", FormatTimeOfDay(need),
                                  FormatTimeOfDay(s.local_off_work), s.end_offset_minutes),
                      fmt::format("The latest batch may not end before {} ({} off-work time + {} minutes)",
                                  FormatTimeOfDay(need), FormatTimeOfDay(s.local_off_work), s.end_offset_minutes),
                      "batch_ends")
            .WithDetail("earliest", FormatTimeOfDay(need));
}

FeeStatement ComputeStatement(const std::vector<MonthHours>& months, std::int64_t rate_fen, bool hardship,
                              const FeeStandard& s, bool rural_school) {
    std::vector<CourseMonthHours> hours;
    for (const auto& m : months) hours.push_back({m.month, m.hours, rate_fen});
    return ComputeCoursesStatement(hours, hardship, s, rural_school);
}

FeeStatement ComputeCoursesStatement(const std::vector<CourseMonthHours>& hours, bool hardship, const FeeStandard& s,
                                     bool rural_school) {
    std::map<int, std::int64_t> by_month;  // calendar month → fee before the month cap
    for (const auto& h : hours) {
        if (h.rate_fen < 0 || h.rate_fen > HourlyCapFen(s, rural_school))
            throw Invalid("afterschool.fee_above_cap", "课时单价超过收费标准", "The hourly rate exceeds the fee standard",
                          "rate_fen");
        if (h.hours < 0) throw Invalid("afterschool.bad_hours", "课时数不能为负", "Hours cannot be negative", "hours");
        by_month[h.month] += h.hours * h.rate_fen;
    }
    FeeStatement st;
    for (const auto& [month, month_fee] : by_month) {
        st.gross_fen += month_fee;
        if (s.per_month_cap_fen && month_fee > *s.per_month_cap_fen) {
            st.due_fen += *s.per_month_cap_fen;
            st.notes.push_back(fmt::format("{}月按月上限 {} 元收取", month, Yuan(*s.per_month_cap_fen)));
        } else {
            st.due_fen += month_fee;
        }
    }
    if (s.per_semester_cap_fen && st.due_fen > *s.per_semester_cap_fen) {
        st.due_fen = *s.per_semester_cap_fen;
        st.notes.push_back(fmt::format("按学期上限 {} 元收取", Yuan(*s.per_semester_cap_fen)));
    }
    // RULES R1.8(g), R2.1: pupils from families in financial hardship pay nothing.
    if (hardship) {
        st.waived = true;
        st.due_fen = 0;
        st.notes.push_back("家庭经济困难学生免收");
    }
    return st;
}

int SessionClassHours(int minutes) { return std::max(1, (minutes + 30) / 60); }

std::int64_t RefundForLeaving(std::int64_t prepaid_fen, int booked_hours, int taken_hours, std::int64_t rate_fen) {
    const int untaken = std::max(0, booked_hours - std::max(0, taken_hours));
    return std::clamp<std::int64_t>(untaken * rate_fen, 0, std::max<std::int64_t>(0, prepaid_fen));
}

}  // namespace kehou::afterschool
