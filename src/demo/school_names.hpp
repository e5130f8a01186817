#pragma once
// Names and addresses of schools as a Jining reader expects them: 济宁市任城区实验小学, 任城区李营街道中心小学,
// 邹城市第二实验中学, 兖州区第六中学, 嘉祥县纸坊镇中心小学, 嘉祥县纸坊镇王庄小学.

#include <set>
#include <string>
#include <vector>

#include "demo/city.hpp"
#include "demo/model.hpp"
#include "demo/random.hpp"

namespace kehou::demo {

/// Names the schools of one unit, never the same name twice.
class SchoolNamer {
public:
    explicit SchoolNamer(const UnitProfile& unit);

    /// Sets school.name and school.address from its stage, is_public and is_rural. A flagship is the unit's
    /// 实验小学 or 第一中学.
    void Name(School& school, Rng& rng, bool flagship);

private:
    struct Place {
        std::string town;   // 李营街道, 纸坊镇
        std::string local;  // a road in town, a village in the country
    };
    Place PickPlace(Rng& rng, bool rural);
    std::string Candidate(const School& school, const Place& place, Rng& rng, bool flagship);
    std::string PrivateName(const School& school, Rng& rng) const;
    std::string Numbered(std::string_view before, int& counter, std::string_view after);
    bool Claim(const std::string& name);

    const UnitProfile& unit_;
    std::vector<std::string_view> urban_towns_;
    std::vector<std::string_view> rural_towns_;
    std::vector<std::string_view> roads_;
    std::set<std::string> used_;
    int experimental_primary_ = 1;  // 第N实验小学, after the flagship 实验小学
    int primary_ = 0;               // 第N小学, only when every other pattern is taken
    int middle_ = 1;                // 第N中学, after the flagship 第一中学
    int experimental_middle_ = 0;   // 实验中学, then 第N实验中学
};

/// 一, 二 … 十, 十一 … 九十九.
std::string ChineseNumber(int n);

}  // namespace kehou::demo
