#pragma once
// 暑期托管 The stored side of summer custody (migration 0018): a county's plan with its status and lottery record,
// the names shown beside the pure model's ids, sign-up rows, survey figures and attendance rows.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "custody/model.hpp"

namespace kehou::custody {

/// 方案状态 draft → survey → signup → allocated → closed.
enum class PlanStatus { kDraft, kSurvey, kSignup, kAllocated, kClosed };
std::string_view ToString(PlanStatus s);
std::optional<PlanStatus> ParsePlanStatus(std::string_view s);

/// 报名状态 pending (before the draw) → placed | waitlisted → cancelled.
enum class SignupStatus { kPending, kPlaced, kWaitlisted, kCancelled };
std::string_view ToString(SignupStatus s);
std::optional<SignupStatus> ParseSignupStatus(std::string_view s);

/// A plan's head row: who, when, its state and its lottery's public record.
struct PlanRecord {
    std::int64_t id = 0;
    std::string unit_code, unit_name, org_path;  // the county's
    int year = 0;
    std::string title;
    PlanStatus status = PlanStatus::kDraft;
    PriorityTiers tiers;
    std::optional<std::string> commitment;  // published when sign-up opens
    std::optional<std::string> seed;        // only once revealed by the draw
    std::optional<std::string> allocated_at;
};

/// An id with the name shown for it.
struct Named {
    std::int64_t id = 0;
    std::string name;
};

/// What a site shows beside the pure Site: names, its host school's path, its staff.
struct SiteInfo {
    std::string host_school_name, org_path;
    std::vector<Named> served;  // in the order of Site::served_schools
    std::vector<Named> staff;   // teachers, by id
};

/// A plan with its periods and sites as stored; infos[i] belongs to plan.sites[i].
struct StoredPlan {
    PlanRecord record;
    CustodyPlan plan;
    std::vector<SiteInfo> infos;
};

/// Live sign-ups of one site in one period, by status.
struct CapacityCounts {
    std::int64_t signed_up = 0, placed = 0, waitlisted = 0;
    std::int64_t drawn = 0;  // sign-ups the draw ordered, cancelled ones included
};
using SitePeriodKey = std::pair<std::int64_t, std::int64_t>;  // (site, period)

/// The survey's answers: how many, how many want custody, per period.
struct SurveySummary {
    std::int64_t answers = 0, wanting = 0;
    std::map<std::int64_t, std::int64_t> per_period;  // period id → children asking for it
};

/// A plan's headline figures (children, each once).
struct PlanFigures {
    std::int64_t requested = 0;  // survey: wants custody
    std::int64_t signed_up = 0;  // a live sign-up in some period
    std::int64_t placed = 0;     // a place in some period
};

/// One sign-up row as shown.
struct SignupRow {
    std::int64_t id = 0, plan_id = 0, student_id = 0, school_id = 0, site_id = 0, period_id = 0;
    std::string student_name, school_name, site_name, period_name, org_path;
    std::vector<PriorityGroup> groups;
    SignupStatus status = SignupStatus::kPending;
    std::optional<int> tier;
    std::optional<std::string> draw;
    std::optional<int> position;
    std::string created_at;
    std::int64_t fee_due_fen = 0;  // the period's fee, or nothing for free custody and hardship families (R2.1)
};

/// Filters of the sign-up list.
struct SignupFilter {
    std::optional<std::int64_t> plan_id, site_id;
    std::optional<SignupStatus> status;
    std::optional<std::int64_t> guardian_user;  // a guardian's own children only
    int page = 1, page_size = 50;
};

/// A family's survey answer as stored.
struct StoredSurvey {
    bool wants = false;
    std::vector<std::int64_t> period_ids;
};

/// One placed child on a site's roll for a day, with the mark if one was made.
struct AttendanceRow {
    std::int64_t student_id = 0;
    std::string name, school_name;
    std::optional<bool> present;
    bool meal = false;
};

/// One mark as sent.
struct AttendanceMark {
    std::int64_t student_id = 0;
    bool present = false, meal = false;
};

/// A site's lookup facts.
struct SiteRef {
    std::int64_t id = 0, plan_id = 0, host_school_id = 0;
    std::string org_path, name;
};

}  // namespace kehou::custody
