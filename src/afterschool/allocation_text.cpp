// The words of allocation: priority-group and outcome names as stored and published, the canonical line
// of each wish that the digest covers, and the reason a parent reads.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>

#include "afterschool/allocation.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {

std::vector<PriorityGroup> DefaultPriorityOrder() {
    return {PriorityGroup::kDisability, PriorityGroup::kHardship, PriorityGroup::kMigrant, PriorityGroup::kLeftBehind,
            PriorityGroup::kMilitaryFamily};
}

std::string_view PriorityGroupName(PriorityGroup group) {
    switch (group) {
        case PriorityGroup::kDisability:
            return "disability";
        case PriorityGroup::kHardship:
            return "hardship";
        case PriorityGroup::kMigrant:
            return "migrant";
        case PriorityGroup::kLeftBehind:
            return "left_behind";
        case PriorityGroup::kMilitaryFamily:
            return "military_family";
    }
    return "unknown";
}

std::optional<PriorityGroup> ParsePriorityGroup(std::string_view name) {
    for (const PriorityGroup g : DefaultPriorityOrder())
        if (PriorityGroupName(g) == name) return g;
    return std::nullopt;
}

std::string_view WishOutcomeName(WishOutcome outcome) {
    switch (outcome) {
        case WishOutcome::kAssigned:
            return "assigned";
        case WishOutcome::kFull:
            return "full";
        case WishOutcome::kConflict:
            return "conflict";
        case WishOutcome::kDuplicateCourse:
            return "duplicate_course";
        case WishOutcome::kIneligible:
            return "ineligible";
        case WishOutcome::kUnknownSection:
            return "unknown_section";
        case WishOutcome::kLimitReached:
            return "limit_reached";
    }
    return "invalid";  // a tampered published result may carry any value
}

namespace {

template <class T>
void AppendOptional(std::string& out, const std::optional<T>& v) {
    if (v)
        fmt::format_to(std::back_inserter(out), FMT_COMPILE(" {}"), *v);
    else
        out += " -";
}

}  // namespace

void AppendCanonicalLine(std::string& out, const WishResult& w) {
    // Compiled formats: a city-wide result has four million lines, and the digest formats each one.
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{} {} {} {} {} {} {}"), w.child_id, w.rank, w.section_id,
                   WishOutcomeName(w.outcome), w.round, w.draw, w.tier);
    AppendOptional(out, w.cutoff_draw);
    AppendOptional(out, w.cutoff_tier);
    AppendOptional(out, w.conflict_with);
    out += '\n';
}

std::string CanonicalLine(const WishResult& wish) {
    std::string line;
    AppendCanonicalLine(line, wish);
    return line;
}

namespace {

std::pair<std::string, std::string> GroupText(const std::vector<PriorityGroup>& order, int tier) {
    if (tier < 0 || tier >= static_cast<int>(order.size())) return {"优先群体", "priority groups"};
    switch (order[static_cast<std::size_t>(tier)]) {
        case PriorityGroup::kDisability:
            return {"残疾儿童", "children with disabilities"};
        case PriorityGroup::kHardship:
            return {"家庭经济困难学生", "children in financial hardship"};
        case PriorityGroup::kMigrant:
            return {"随迁子女", "migrant children"};
        case PriorityGroup::kLeftBehind:
            return {"留守儿童", "left-behind children"};
        case PriorityGroup::kMilitaryFamily:
            return {"军人子女", "children of military families"};
    }
    return {"优先群体", "priority groups"};
}

std::pair<std::string, std::string> ExplainFull(const WishResult& w, const std::vector<PriorityGroup>& order) {
    const std::string mine = lottery::DrawText(w.draw);
    if (!w.cutoff_draw || !w.cutoff_tier)
        return {fmt::format("第{}志愿：课程已满（无名额），抽签号 {}", w.rank, mine),
                fmt::format("Wish {}: full (no seats); your draw {}", w.rank, mine)};
    if (*w.cutoff_tier < w.tier) {
        const auto [zh, en] = GroupText(order, *w.cutoff_tier);
        return {
            fmt::format("第{}志愿：课程已满，名额已全部由优先群体录取（录取截止：{}），抽签号 {}", w.rank, zh, mine),
            fmt::format("Wish {}: full; all seats went to priority groups (last admitted: {}); your draw {}", w.rank,
                        en, mine)};
    }
    // The worst holder ranks behind this child only when it took its seat in an earlier round.
    if (std::pair{*w.cutoff_tier, *w.cutoff_draw} >= std::pair{w.tier, w.draw})
        return {fmt::format("第{}志愿：课程已满，名额已在此前轮次录满（每轮每人先录取一门），抽签号 {}", w.rank, mine),
                fmt::format("Wish {}: full; its seats were filled in an earlier round (each round gives every child "
                            "one course before anyone gets another); your draw {}",
                            w.rank, mine)};
    const std::string cut = lottery::DrawText(*w.cutoff_draw);
    return {fmt::format("第{}志愿：课程已满，抽签号 {}，录取截止 {}", w.rank, mine, cut),
            fmt::format("Wish {}: full; your draw {}, last admitted {}", w.rank, mine, cut)};
}

}  // namespace

std::pair<std::string, std::string> ExplainWish(const WishResult& w, const std::vector<PriorityGroup>& order) {
    const int n = w.rank;
    switch (w.outcome) {
        case WishOutcome::kAssigned:
            return {fmt::format("第{}志愿：已录取（第{}轮），抽签号 {}", n, w.round, lottery::DrawText(w.draw)),
                    fmt::format("Wish {}: assigned in round {}; your draw {}", n, w.round, lottery::DrawText(w.draw))};
        case WishOutcome::kFull:
            return ExplainFull(w, order);
        case WishOutcome::kConflict:
            return {fmt::format("第{}志愿：与已录取的教学班 {} 上课时间冲突", n, w.conflict_with.value_or(0)),
                    fmt::format("Wish {}: clashes in time with section {} you already hold", n,
                                w.conflict_with.value_or(0))};
        case WishOutcome::kDuplicateCourse:
            return {fmt::format("第{}志愿：已录取同一课程的其他教学班", n),
                    fmt::format("Wish {}: you already hold a section of this course", n)};
        case WishOutcome::kIneligible:
            return {fmt::format("第{}志愿：该教学班不面向本年级", n),
                    fmt::format("Wish {}: the section is not open to your grade", n)};
        case WishOutcome::kUnknownSection:
            return {fmt::format("第{}志愿：本次选课中没有该教学班", n),
                    fmt::format("Wish {}: no such section in this window", n)};
        case WishOutcome::kLimitReached:
            return {fmt::format("第{}志愿：已达每周课程上限，本志愿未参与分配", n),
                    fmt::format("Wish {}: your weekly course limit was reached before this wish", n)};
    }
    return {fmt::format("第{}志愿：结果无效", n), fmt::format("Wish {}: invalid outcome", n)};
}

}  // namespace kehou::afterschool
