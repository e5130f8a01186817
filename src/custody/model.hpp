#pragma once
// 暑期托管 The plain records of summer custody (RULES R1.17, issue 9): a county's plan of host sites and periods,
// the needs survey, sign-ups with priority groups, and the places an allocation gives.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::custody {

/// 托管内容 What a site may offer. Supervision, not teaching (R1.17): the list has no "new lessons" and no
/// "collective tutoring", so neither can be configured; CheckContentTypeName refuses those names by name.
enum class ContentType {
    kReading,       // 阅读 (图书室、快乐读书吧)
    kHomeworkHelp,  // 作业辅导: help with the pupil's own holiday homework, one by one
    kSport,         // 体育
    kArt,           // 艺术 (书法、绘画、音乐)
    kGames,         // 游戏
    kLabour,        // 劳动实践
    kScience,       // 趣味科学 (experiments and interest, not the syllabus)
    kPractice,      // 综合实践
    kRest,          // 午休
};

std::string_view ToString(ContentType t);
std::optional<ContentType> ParseContentType(std::string_view s);
/// Every content type, in declaration order (for forms and tests).
const std::vector<ContentType>& AllContentTypes();

/// 优先群体 A group whose children get a place first when a site is oversubscribed (issue 9 point 7).
enum class PriorityGroup {
    kDualIncome,     // 双职工家庭
    kMigrantWorker,  // 进城务工人员随迁子女
    kLowIncome,      // 家庭经济困难 (困难家庭); also fee-exempt (R2.1)
    kMilitary,       // 军人家庭 (现役军人子女)
    kLeftBehind,     // 留守儿童
};

std::string_view ToString(PriorityGroup g);
std::optional<PriorityGroup> ParsePriorityGroup(std::string_view s);

/// The order of priority groups: tiers[0] goes first; a child in no listed group is in the tier after the last.
/// A child claiming several groups takes the best (lowest) tier among them.
struct PriorityTiers {
    std::vector<std::vector<PriorityGroup>> tiers = {
        {PriorityGroup::kMilitary, PriorityGroup::kLeftBehind, PriorityGroup::kLowIncome},
        {PriorityGroup::kDualIncome, PriorityGroup::kMigrantWorker},
    };
};

/// 托管期 One period of custody, ISO dates, both inclusive. Service days are its weekdays (Mon–Fri).
struct Period {
    std::int64_t id = 0;
    std::string name;        // 第一期
    std::string start_date;  // "2021-08-09"
    std::string end_date;    // "2021-08-13"
    /// 服务性收费 per child for the whole period, in fen; nullopt = free (公益).
    std::optional<std::int64_t> service_fee_fen;
};

/// A site's capacity in one period; a period without an entry is one the site is closed in.
struct PeriodCapacity {
    std::int64_t period_id = 0;
    int places = 0;
};

/// One person to call in an emergency.
struct EmergencyContact {
    std::string name;
    std::string phone;
};

/// 安全预案 Who answers for a site's safety and whom to call (R1.17: written down before the site opens).
struct SafetyPlan {
    std::string responsible_person;
    std::string responsible_phone;
    std::vector<EmergencyContact> emergency_contacts;
};

/// An activity on a site's timetable, named in free text (快乐读书吧, 我是小歌手) under a content type.
struct Activity {
    ContentType type = ContentType::kReading;
    std::string title;
};

/// 托管点 A host school and the nearby schools whose children it takes (its own among them).
struct Site {
    std::int64_t id = 0;
    std::int64_t host_school_id = 0;
    std::string name;
    std::vector<std::int64_t> served_schools;  // must include host_school_id
    std::vector<PeriodCapacity> capacity;
    std::vector<ContentType> content;
    std::vector<Activity> activities;
    std::optional<SafetyPlan> safety;  // required before the site opens
};

/// A county's custody plan for one holiday: its periods and sites.
struct CustodyPlan {
    std::string county_path;  // the county's org path
    std::vector<Period> periods;
    std::vector<Site> sites;
};

/// What a plan is checked against: the county's own facts.
struct PlanContext {
    /// The county's after-school fee cap for one service day per child (R2.1/R2.2), in fen; nullopt when the
    /// county has set no fee standard, and then only free periods are allowed.
    std::optional<std::int64_t> fee_cap_per_day_fen;
    /// The county's compulsory-education schools; when not empty, every served school must be one of them.
    std::vector<std::int64_t> county_schools;
};

/// 需求调查 One family's survey answer: which periods their child would need.
struct SurveyAnswer {
    std::int64_t child_id = 0;
    std::int64_t school_id = 0;
    std::vector<std::int64_t> periods;
};

/// 报名 One child's sign-up at one site for some periods, with the priority groups the family claims (checked
/// against evidence by the service, not here).
struct SignUp {
    std::int64_t child_id = 0;
    std::int64_t school_id = 0;
    std::int64_t site_id = 0;
    std::vector<std::int64_t> periods;
    std::vector<PriorityGroup> groups;
};

/// One child's position in a site-period's allocation order.
struct Entry {
    std::int64_t child_id = 0;
    int tier = 0;            // index into PriorityTiers (tiers.size() = no group)
    std::uint64_t draw = 0;  // lottery::Drawer(seed, context)(child_id)
};

/// 分配结果 The outcome for one site in one period: who has a place and who waits, each in order.
struct SiteAllocation {
    std::int64_t site_id = 0;
    std::int64_t period_id = 0;
    int capacity = 0;
    bool oversubscribed = false;  // more sign-ups than places: the lottery decided within a tier
    std::string lottery_context;  // "custody-<site>-<period>"
    std::vector<Entry> placed;    // in allocation order; promotions from the waitlist are appended
    std::vector<Entry> waitlist;  // 候补, first to be promoted first
};

/// A broken rule with the field path at fault ("sites[1].safety.emergency_contacts").
struct Problem {
    std::string code;  // "custody.periods_overlap"
    std::string message_zh;
    std::string message_en;
    std::string field;
};

}  // namespace kehou::custody
