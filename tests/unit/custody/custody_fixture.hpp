#pragma once
// Small custody plans for the tests: a valid plan to break one field at a time, and the seed county's plan.

#include <numeric>

#include "custody/model.hpp"

namespace kehou::custody::testing {

/// A safety plan that passes: a responsible person with a phone and one emergency contact.
inline SafetyPlan GoodSafety() {
    return {"王校长", "0429-2123456", {{"李老师", "13800000001"}}};
}

/// One site hosted by `host`, taking `served`, with `places` in each listed period, reading and sport.
inline Site MakeSite(std::int64_t id, std::int64_t host, std::vector<std::int64_t> served,
                     std::vector<PeriodCapacity> capacity) {
    Site s;
    s.id = id;
    s.host_school_id = host;
    s.name = "托管点" + std::to_string(id);
    s.served_schools = std::move(served);
    s.capacity = std::move(capacity);
    s.content = {ContentType::kReading, ContentType::kSport, ContentType::kHomeworkHelp};
    s.activities = {{ContentType::kReading, "快乐读书吧"}, {ContentType::kHomeworkHelp, "暑期作业辅导"}};
    s.safety = GoodSafety();
    return s;
}

/// 连山区 (seed 004): 第一期 8月9日—8月13日, 第二期 8月16日—8月20日 (2021, Monday to Friday each), both free.
inline std::vector<Period> SeedPeriods() {
    return {{1, "第一期", "2021-08-09", "2021-08-13", std::nullopt},
            {2, "第二期", "2021-08-16", "2021-08-20", std::nullopt}};
}

/// The county's 29 compulsory-education schools, ids 1–29.
inline std::vector<std::int64_t> SeedSchools() {
    std::vector<std::int64_t> v(29);
    std::iota(v.begin(), v.end(), 1);
    return v;
}

/// Schools a..b inclusive, plus `extra` first.
inline std::vector<std::int64_t> Schools(std::vector<std::int64_t> extra, std::int64_t a, std::int64_t b) {
    for (auto s = a; s <= b; ++s) extra.push_back(s);
    return extra;
}

/// The seed's three sites. 站前小学 (3) takes 实验 (4), 渤海 (5) and 胜利 (6) besides its own, as the article
/// says; how the other 23 schools split between 兴工小学 (2, primary 7–18) and 六中 (1, middle 19–29) is assumed —
/// the article gives only the total: all 29 schools covered.
inline CustodyPlan SeedPlan() {
    CustodyPlan plan;
    plan.county_path = "/210000/211400/211402/";  // 辽宁 葫芦岛 连山区
    plan.periods = SeedPeriods();
    plan.sites = {MakeSite(1, 1, Schools({1}, 19, 29), {{1, 120}, {2, 120}}),
                  MakeSite(2, 2, Schools({2}, 7, 18), {{1, 120}, {2, 120}}),
                  MakeSite(3, 3, {3, 4, 5, 6}, {{1, 100}, {2, 100}})};
    plan.sites[0].name = "六中";
    plan.sites[1].name = "兴工小学";
    plan.sites[2].name = "站前小学";
    return plan;
}

}  // namespace kehou::custody::testing
