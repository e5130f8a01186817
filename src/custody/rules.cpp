#include "custody/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "core/time.hpp"

namespace kehou::custody {
namespace {

using std::chrono::sys_days;

constexpr std::array<std::string_view, 4> kTeachingWords = {"lesson", "tutor", "teach", "course"};

Problem P(std::string code, std::string zh, std::string en, std::string field) {
    return {std::move(code), std::move(zh), std::move(en), std::move(field)};
}

std::string At(std::string_view base, std::size_t i) {
    return fmt::format("{}[{}]", base, i);
}

std::string Yuan(std::int64_t fen) {
    return fmt::format("{}.{:02}", fen / 100, fen % 100);
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

struct DateRange {
    sys_days start, end;
    bool Meets(const DateRange& o) const { return start <= o.end && o.start <= end; }
};

std::optional<DateRange> RangeOf(const Period& p) {
    const auto s = ParseIsoDate(p.start_date), e = ParseIsoDate(p.end_date);
    if (!s || !e || sys_days{*e} < sys_days{*s}) return std::nullopt;
    return DateRange{sys_days{*s}, sys_days{*e}};
}

const Period* FindPeriod(const CustodyPlan& plan, std::int64_t id) {
    for (const auto& p : plan.periods)
        if (p.id == id) return &p;
    return nullptr;
}

const Site* FindSite(const CustodyPlan& plan, std::int64_t id) {
    for (const auto& s : plan.sites)
        if (s.id == id) return &s;
    return nullptr;
}

bool OpenIn(const Site& s, std::int64_t period_id) {
    return std::any_of(s.capacity.begin(), s.capacity.end(),
                       [&](const PeriodCapacity& c) { return c.period_id == period_id && c.places > 0; });
}

// R2.1/R2.2: custody fees follow the after-school rules, so a period costs at most what the same number of
// after-school days would.
void CheckFee(const Period& p, int days, const std::string& field, const PlanContext& ctx, std::vector<Problem>& out) {
    if (!p.service_fee_fen) return;
    const auto fee = *p.service_fee_fen;
    if (fee <= 0)
        out.push_back(P("custody.bad_fee", "服务性收费须为正数；免费托管请不设收费",
                        "A service fee is positive; a free period has no fee", field));
    else if (!ctx.fee_cap_per_day_fen)
        out.push_back(P("custody.no_fee_standard", "本县区尚未设定课后服务收费标准，托管只能免费",
                        "The county has no after-school fee standard; custody can only be free", field));
    else if (fee > FeeCapFen(days, *ctx.fee_cap_per_day_fen))
        out.push_back(P("custody.fee_above_cap",
                        fmt::format("每期收费不得超过课后服务同等天数的上限 {} 元（{} 天）",
                                    Yuan(FeeCapFen(days, *ctx.fee_cap_per_day_fen)), days),
                        fmt::format("The fee may not exceed the after-school cap for {} days, {} yuan", days,
                                    Yuan(FeeCapFen(days, *ctx.fee_cap_per_day_fen))),
                        field));
}

void CheckPeriod(const Period& p, const std::string& f, const PlanContext& ctx, std::vector<Problem>& out) {
    if (p.name.empty())
        out.push_back(P("custody.missing_period_name", "请填写期次名称", "A period needs a name", f + ".name"));
    const bool start_ok = ParseIsoDate(p.start_date).has_value(), end_ok = ParseIsoDate(p.end_date).has_value();
    if (!start_ok)
        out.push_back(P("custody.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", f + ".start_date"));
    if (!end_ok)
        out.push_back(P("custody.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", f + ".end_date"));
    const auto days = ServiceDays(p);
    if (start_ok && end_ok && !days)
        out.push_back(P("custody.period_ends_before_start", "结束日期早于开始日期", "The period ends before it starts",
                        f + ".end_date"));
    if (days && *days == 0)
        out.push_back(P("custody.period_without_weekdays", "该期没有工作日", "The period has no weekday", f));
    if (days && *days > 0) CheckFee(p, *days, f + ".service_fee_fen", ctx, out);
}

// A child can be in one place at a time, and a county's staff too: periods follow one another.
void CheckOverlaps(const std::vector<Period>& periods, std::vector<Problem>& out) {
    for (std::size_t b = 0; b < periods.size(); ++b)
        for (std::size_t a = 0; a < b; ++a) {
            const auto ra = RangeOf(periods[a]), rb = RangeOf(periods[b]);
            if (ra && rb && ra->Meets(*rb))
                out.push_back(P("custody.periods_overlap", fmt::format("与第 {} 项托管期日期重叠", a + 1),
                                fmt::format("Overlaps period {}", a + 1), At("periods", b)));
        }
}

void CheckPeriods(const CustodyPlan& plan, const PlanContext& ctx, std::vector<Problem>& out) {
    if (plan.periods.empty())
        out.push_back(
            P("custody.missing_periods", "请至少设置一期托管", "A plan needs at least one period", "periods"));
    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < plan.periods.size(); ++i) {
        if (!ids.insert(plan.periods[i].id).second)
            out.push_back(
                P("custody.duplicate_period", "托管期重复", "The period appears twice", At("periods", i) + ".id"));
        CheckPeriod(plan.periods[i], At("periods", i), ctx, out);
    }
    CheckOverlaps(plan.periods, out);
}

void CheckSchools(const Site& s, const std::string& f, const PlanContext& ctx, std::vector<Problem>& out) {
    if (s.host_school_id <= 0)
        out.push_back(
            P("custody.missing_host_school", "请选择承办学校", "A site needs a host school", f + ".host_school_id"));
    else if (!Contains(s.served_schools, s.host_school_id))
        out.push_back(P("custody.host_not_served", "托管点须接收本校学生", "A site takes its own school's children",
                        f + ".served_schools"));
    std::set<std::int64_t> seen;
    for (std::size_t k = 0; k < s.served_schools.size(); ++k) {
        const auto school = s.served_schools[k];
        const auto g = At(f + ".served_schools", k);
        if (!seen.insert(school).second)
            out.push_back(P("custody.duplicate_school", "学校重复", "The school is listed twice", g));
        else if (!ctx.county_schools.empty() && !Contains(ctx.county_schools, school))
            out.push_back(P("custody.school_outside_county", "不是本县区的义务教育学校",
                            "Not a compulsory-education school of the county", g));
    }
}

void CheckCapacity(const Site& s, const std::string& f, const CustodyPlan& plan, std::vector<Problem>& out) {
    if (s.capacity.empty())
        out.push_back(P("custody.missing_capacity", "请为至少一期设置名额",
                        "A site needs places in at least one period", f + ".capacity"));
    std::set<std::int64_t> seen;
    for (std::size_t k = 0; k < s.capacity.size(); ++k) {
        const auto& c = s.capacity[k];
        const auto g = At(f + ".capacity", k);
        if (!FindPeriod(plan, c.period_id))
            out.push_back(P("custody.unknown_period", "托管期不存在", "No such period", g + ".period_id"));
        else if (!seen.insert(c.period_id).second)
            out.push_back(P("custody.duplicate_period", "同一期的名额设置了两次", "Places set twice for the period",
                            g + ".period_id"));
        if (c.places < 1 || c.places > kMaxPlaces)
            out.push_back(P("custody.bad_capacity", fmt::format("名额须在 1 至 {} 之间", kMaxPlaces),
                            fmt::format("Places are 1–{}", kMaxPlaces), g + ".places"));
    }
}

// R1.17: supervision, not teaching. The type list has no teaching type; a free-text title may still say it.
void CheckContent(const Site& s, const std::string& f, const std::vector<std::string>& banned,
                  std::vector<Problem>& out) {
    if (s.content.empty())
        out.push_back(P("custody.missing_content", "请至少选择一项托管内容", "A site offers at least one content type",
                        f + ".content"));
    for (std::size_t k = 0; k < s.content.size(); ++k)
        if (std::count(s.content.begin(), s.content.begin() + static_cast<std::ptrdiff_t>(k), s.content[k]))
            out.push_back(P("custody.duplicate_content", "托管内容重复", "The content type is listed twice",
                            At(f + ".content", k)));
    for (std::size_t k = 0; k < s.activities.size(); ++k) {
        const auto& a = s.activities[k];
        const auto g = At(f + ".activities", k);
        if (a.title.empty())
            out.push_back(P("custody.missing_title", "请填写活动名称", "An activity needs a title", g + ".title"));
        if (!Contains(s.content, a.type))
            out.push_back(P("custody.activity_type_not_offered", "活动类型不在本托管点的托管内容中",
                            "The activity's type is not among the site's content", g + ".type"));
        const auto found = FindBannedPhrases(a.title, banned);
        if (!found.empty())
            out.push_back(
                P("custody.teaching_activity", fmt::format("暑期托管不得集体补课、讲授新课（含“{}”）", found.front()),
                  fmt::format("Custody may not teach new lessons or give collective tutoring (\"{}\")", found.front()),
                  g + ".title"));
    }
}

void CheckSites(const CustodyPlan& plan, const PlanContext& ctx, const std::vector<std::string>& banned,
                std::vector<Problem>& out) {
    if (plan.sites.empty())
        out.push_back(P("custody.missing_sites", "请至少设置一个托管点", "A plan needs at least one site", "sites"));
    std::set<std::int64_t> ids, hosts;
    for (std::size_t i = 0; i < plan.sites.size(); ++i) {
        const auto& s = plan.sites[i];
        const auto f = At("sites", i);
        if (!ids.insert(s.id).second)
            out.push_back(P("custody.duplicate_site", "托管点重复", "The site appears twice", f + ".id"));
        if (s.name.empty())
            out.push_back(P("custody.missing_site_name", "请填写托管点名称", "A site needs a name", f + ".name"));
        if (s.host_school_id > 0 && !hosts.insert(s.host_school_id).second)
            out.push_back(P("custody.duplicate_host", "一所学校只设一个托管点", "A school hosts one site",
                            f + ".host_school_id"));
        CheckSchools(s, f, ctx, out);
        CheckCapacity(s, f, plan, out);
        CheckContent(s, f, banned, out);
    }
}

// Landline or mobile, with an optional leading + and dashes or spaces between groups: 7–15 digits.
bool PlausiblePhone(std::string_view s) {
    int digits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (!(c == '-' || c == ' ' || (c == '+' && i == 0)))
            return false;
    }
    return digits >= 7 && digits <= 15;
}

void CheckPeriodList(const CustodyPlan& plan, const std::vector<std::int64_t>& periods, std::vector<Problem>& out) {
    if (periods.empty())
        out.push_back(P("custody.missing_periods", "请至少选择一期", "Choose at least one period", "periods"));
    for (std::size_t k = 0; k < periods.size(); ++k) {
        const auto f = At("periods", k);
        if (!FindPeriod(plan, periods[k]))
            out.push_back(P("custody.unknown_period", "托管期不存在", "No such period", f));
        else if (std::count(periods.begin(), periods.begin() + static_cast<std::ptrdiff_t>(k), periods[k]))
            out.push_back(P("custody.duplicate_period", "同一期选了两次", "The period is chosen twice", f));
    }
}

}  // namespace

std::optional<Problem> CheckContentTypeName(std::string_view name, const std::string& field) {
    if (ParseContentType(name)) return std::nullopt;
    // "new_lessons", "collective_tutoring", "teaching" and their Chinese names get the rule, not "unknown".
    const bool teaching = !FindBannedPhrases(name, DefaultBannedPhrases()).empty() ||
                          std::any_of(kTeachingWords.begin(), kTeachingWords.end(),
                                      [&](std::string_view w) { return name.find(w) != std::string_view::npos; });
    if (teaching)
        return P("custody.banned_content", "暑期托管不得集体补课、讲授新课",
                 "Custody may not teach new lessons or give collective tutoring", field);
    return P("custody.unknown_content", "未知的托管内容", "Unknown content type", field);
}

const std::vector<std::string>& DefaultBannedPhrases() {
    // R1.17 and the seed's own words (不组织集体补课、讲授新课; 不进行新课教学和拔高训练); 预习, 衔接, 先修, 培优 and
    // 提前学 are how next term's syllabus is sold as something else.
    static const std::vector<std::string> phrases = {"新课", "补课",   "集体辅导", "集体授课", "讲授", "拔高",
                                                     "超前", "提前学", "预习",     "衔接",     "先修", "培优"};
    return phrases;
}

std::vector<std::string> FindBannedPhrases(std::string_view text, const std::vector<std::string>& phrases) {
    std::vector<std::string> found;
    for (const auto& p : phrases)
        if (!p.empty() && text.find(p) != std::string_view::npos && !Contains(found, p)) found.push_back(p);
    return found;
}

std::optional<int> ServiceDays(const Period& p) {
    const auto r = RangeOf(p);
    if (!r) return std::nullopt;
    int days = 0;
    for (auto d = r->start; d <= r->end; d += std::chrono::days{1}) {
        const auto wd = std::chrono::weekday{d};
        if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) ++days;
    }
    return days;
}

std::int64_t FeeCapFen(int days, std::int64_t cap_per_day_fen) {
    return days * cap_per_day_fen;
}

std::vector<Problem> PlanProblems(const CustodyPlan& plan, const PlanContext& ctx,
                                  const std::vector<std::string>& banned) {
    std::vector<Problem> out;
    CheckPeriods(plan, ctx, out);
    CheckSites(plan, ctx, banned, out);
    return out;
}

std::vector<Problem> SafetyProblems(const Site& site, const std::string& prefix) {
    std::vector<Problem> out;
    const auto f = prefix + ".safety";
    if (!site.safety) {
        out.push_back(P("custody.missing_safety_plan", "托管点开放前须制定安全预案",
                        "A site needs a safety plan before it opens", f));
        return out;
    }
    const auto& s = *site.safety;
    if (s.responsible_person.empty())
        out.push_back(P("custody.missing_responsible_person", "请填写安全责任人", "Name the person responsible",
                        f + ".responsible_person"));
    if (!PlausiblePhone(s.responsible_phone))
        out.push_back(P("custody.bad_phone", "电话号码无效", "Invalid phone number", f + ".responsible_phone"));
    if (s.emergency_contacts.empty())
        out.push_back(P("custody.missing_emergency_contact", "请至少填写一位紧急联系人",
                        "At least one emergency contact", f + ".emergency_contacts"));
    for (std::size_t k = 0; k < s.emergency_contacts.size(); ++k) {
        const auto g = At(f + ".emergency_contacts", k);
        if (s.emergency_contacts[k].name.empty())
            out.push_back(
                P("custody.missing_contact_name", "请填写联系人姓名", "The contact needs a name", g + ".name"));
        if (!PlausiblePhone(s.emergency_contacts[k].phone))
            out.push_back(P("custody.bad_phone", "电话号码无效", "Invalid phone number", g + ".phone"));
    }
    return out;
}

std::vector<Problem> OpeningProblems(const CustodyPlan& plan, const PlanContext& ctx,
                                     const std::vector<std::string>& banned) {
    auto out = PlanProblems(plan, ctx, banned);
    for (std::size_t i = 0; i < plan.sites.size(); ++i) {
        auto s = SafetyProblems(plan.sites[i], At("sites", i));
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

std::vector<Problem> TierProblems(const PriorityTiers& tiers) {
    std::vector<Problem> out;
    std::set<PriorityGroup> seen;
    for (std::size_t i = 0; i < tiers.tiers.size(); ++i) {
        const auto f = At("tiers", i);
        if (tiers.tiers[i].empty())
            out.push_back(P("custody.empty_tier", "优先档次不能为空", "A priority tier cannot be empty", f));
        for (std::size_t k = 0; k < tiers.tiers[i].size(); ++k)
            if (!seen.insert(tiers.tiers[i][k]).second)
                out.push_back(P("custody.duplicate_group", "同一优先群体只能在一个档次", "A group belongs to one tier",
                                At(f, k)));
    }
    return out;
}

int TierOf(const std::vector<PriorityGroup>& groups, const PriorityTiers& tiers) {
    for (std::size_t i = 0; i < tiers.tiers.size(); ++i)
        for (const auto g : groups)
            if (Contains(tiers.tiers[i], g)) return static_cast<int>(i);
    return static_cast<int>(tiers.tiers.size());
}

std::vector<Problem> SurveyProblems(const CustodyPlan& plan, const SurveyAnswer& answer) {
    std::vector<Problem> out;
    CheckPeriodList(plan, answer.periods, out);
    return out;
}

std::vector<Problem> SignUpProblems(const CustodyPlan& plan, const SignUp& s, const std::vector<SignUp>& others) {
    std::vector<Problem> out;
    const Site* site = FindSite(plan, s.site_id);
    if (!site) {
        out.push_back(P("custody.unknown_site", "托管点不存在", "No such site", "site_id"));
        return out;
    }
    if (!Contains(site->served_schools, s.school_id))
        out.push_back(P("custody.school_not_served", "该托管点不接收本校学生",
                        "This site does not take children of the child's school", "school_id"));
    CheckPeriodList(plan, s.periods, out);
    for (std::size_t k = 0; k < s.periods.size(); ++k) {
        const auto id = s.periods[k];
        if (FindPeriod(plan, id) && !OpenIn(*site, id))
            out.push_back(P("custody.site_closed_in_period", "该托管点本期不开放", "The site is closed in this period",
                            At("periods", k)));
        for (const auto& o : others)
            if (o.child_id == s.child_id && Contains(o.periods, id)) {
                out.push_back(P("custody.already_signed_up", "该学生本期已报名",
                                "The child is already signed up for this period", At("periods", k)));
                break;
            }
    }
    return out;
}

std::int64_t FeeDueFen(std::optional<std::int64_t> period_fee_fen, const std::vector<PriorityGroup>& groups) {
    if (!period_fee_fen || Contains(groups, PriorityGroup::kLowIncome)) return 0;
    return *period_fee_fen;
}

Error ToError(const std::vector<Problem>& problems) {
    const auto& first = problems.front();
    auto e = Error::Unprocessable(first.code, first.message_zh, first.message_en, first.field);
    for (std::size_t i = 1; i < problems.size(); ++i)
        e.WithDetail(fmt::format("problem.{}", i), problems[i].field + ": " + problems[i].code);
    return e;
}

void ThrowIfAny(const std::vector<Problem>& problems) {
    if (!problems.empty()) throw ToError(problems);
}

}  // namespace kehou::custody
