// 志愿+摇号 allocation on hand-worked cases: every outcome, priority, the lottery, rounds, verification and
// the reasons parents read. Expected winners come from lottery::Draw itself, never from hard-coded numbers.
#include "afterschool/allocation.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <set>

#include "core/error.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {
namespace {

constexpr int kMon = 1, kTue = 2;
constexpr const char* kContext = "afterschool-window-17";
using Text = std::pair<std::string, std::string>;  // (zh, en)
using Place = std::pair<std::int64_t, int>;        // (child, rank)

AllocSection Sec(std::int64_t id, std::int64_t course, int capacity, std::vector<TimeSlot> slots = {{kMon, 960, 1020}},
                 int grade_from = 1, int grade_to = 9) {
    return {id, course, capacity, grade_from, grade_to, std::move(slots)};
}

AllocChild Kid(std::int64_t id, std::vector<std::int64_t> wishes, std::vector<PriorityGroup> groups = {}, int limit = 1,
               int grade = 3) {
    return {id, grade, limit, std::move(groups), std::move(wishes)};
}

AllocInput Input(std::vector<AllocSection> sections, std::vector<AllocChild> children, std::string seed = "seed-1") {
    return {std::move(seed), kContext, DefaultPriorityOrder(), std::move(sections), std::move(children)};
}

const WishResult& At(const AllocResult& r, std::int64_t child, int rank) {
    for (const auto& w : r.wishes)
        if (w.child_id == child && w.rank == rank) return w;
    throw std::out_of_range("no such wish");
}

std::uint64_t DrawOf(const AllocInput& in, std::int64_t child) {
    return lottery::Draw(in.seed, in.context, child);
}

std::string CodeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return "accepted";
}

TEST(AllocationTest, PriorityBeatsTheLottery) {
    AllocInput in = Input({Sec(10, 1, 1)}, {Kid(1, {10}), Kid(2, {10})});
    // Give the priority group to whichever child the lottery puts second.
    const std::int64_t lucky = DrawOf(in, 1) < DrawOf(in, 2) ? 1 : 2, unlucky = 3 - lucky;
    in.children[static_cast<std::size_t>(unlucky - 1)].groups = {PriorityGroup::kHardship};
    const AllocResult r = Allocate(in);
    EXPECT_EQ(At(r, unlucky, 1).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, unlucky, 1).tier, 1);  // hardship is second in the default order
    const WishResult& lost = At(r, lucky, 1);
    EXPECT_EQ(lost.outcome, WishOutcome::kFull);
    EXPECT_EQ(lost.tier, 5);
    EXPECT_EQ(lost.cutoff_tier, 1);
    EXPECT_EQ(lost.cutoff_draw, DrawOf(in, unlucky));
    EXPECT_EQ(ExplainWish(lost, in.priority_order).second,
              "Wish 1: full; all seats went to priority groups (last admitted: children in financial hardship); your "
              "draw " +
                  lottery::DrawText(lost.draw));
}

TEST(AllocationTest, WithinATierTheLowerDrawWins) {
    const AllocInput in = Input({Sec(10, 1, 1)}, {Kid(1, {10}), Kid(2, {10})});
    const AllocResult r = Allocate(in);
    const std::int64_t winner = DrawOf(in, 1) < DrawOf(in, 2) ? 1 : 2, loser = 3 - winner;
    EXPECT_EQ(At(r, winner, 1).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, winner, 1).round, 1);
    EXPECT_EQ(At(r, loser, 1).outcome, WishOutcome::kFull);
    EXPECT_EQ(At(r, loser, 1).cutoff_draw, DrawOf(in, winner));
    EXPECT_EQ(At(r, loser, 1).cutoff_tier, 5);
    EXPECT_EQ(At(r, loser, 1).draw, DrawOf(in, loser));
}

TEST(AllocationTest, TheConfiguredOrderDecidesTiers) {
    AllocInput in = Input({Sec(10, 1, 1)}, {Kid(1, {10}, {PriorityGroup::kMilitaryFamily, PriorityGroup::kMigrant}),
                                            Kid(2, {10}, {PriorityGroup::kDisability})});
    EXPECT_EQ(At(Allocate(in), 1, 1).tier, 2);  // the better of its groups counts
    EXPECT_EQ(At(Allocate(in), 2, 1).outcome, WishOutcome::kAssigned);
    in.priority_order = {PriorityGroup::kMilitaryFamily};
    const AllocResult r = Allocate(in);
    EXPECT_EQ(At(r, 1, 1).tier, 0);
    EXPECT_EQ(At(r, 2, 1).tier, 1);  // a group outside the order counts as none
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kAssigned);
}

TEST(AllocationTest, RejectedChildrenMoveOnWithinTheRound) {
    const AllocInput in = Input({Sec(10, 1, 1), Sec(11, 2, 1)}, {Kid(1, {10, 11}), Kid(2, {10, 11})});
    const AllocResult r = Allocate(in);
    const std::int64_t winner = DrawOf(in, 1) < DrawOf(in, 2) ? 1 : 2, loser = 3 - winner;
    EXPECT_EQ(At(r, winner, 2).outcome, WishOutcome::kLimitReached);
    EXPECT_EQ(At(r, loser, 1).outcome, WishOutcome::kFull);
    EXPECT_EQ(At(r, loser, 2).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, loser, 2).round, 1);
}

TEST(AllocationTest, GradeOutsideTheRangeIsIneligible) {
    const AllocResult r =
        Allocate(Input({Sec(10, 1, 5, {{kMon, 960, 1020}}, 4, 6), Sec(11, 2, 5)}, {Kid(1, {10, 11})}));
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kIneligible);
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kAssigned);
}

TEST(AllocationTest, TimeConflictWithAnEarlierRound) {
    const AllocResult r = Allocate(Input(
        {Sec(10, 1, 5, {{kMon, 960, 1020}}), Sec(11, 2, 5, {{kMon, 990, 1050}}), Sec(12, 3, 5, {{kTue, 960, 1020}})},
        {Kid(1, {10, 11, 12}, {}, 2)}));
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kConflict);
    EXPECT_EQ(At(r, 1, 2).conflict_with, 10);
    EXPECT_EQ(At(r, 1, 2).round, 2);
    EXPECT_EQ(At(r, 1, 3).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 3).round, 2);
}

TEST(AllocationTest, TouchingSlotsDoNotConflict) {
    const AllocResult r = Allocate(
        Input({Sec(10, 1, 5, {{kMon, 960, 1020}}), Sec(11, 2, 5, {{kMon, 1020, 1080}})}, {Kid(1, {10, 11}, {}, 2)}));
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kAssigned);
}

TEST(AllocationTest, SecondSectionOfAHeldCourseIsADuplicate) {
    const AllocResult r =
        Allocate(Input({Sec(10, 1, 5), Sec(11, 1, 5, {{kTue, 960, 1020}}), Sec(12, 2, 5, {{kTue, 600, 660}})},
                       {Kid(1, {10, 11, 10, 12}, {}, 3)}));
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kDuplicateCourse);
    EXPECT_EQ(At(r, 1, 3).outcome, WishOutcome::kDuplicateCourse);  // the same section wished twice
    EXPECT_EQ(At(r, 1, 4).outcome, WishOutcome::kAssigned);
}

TEST(AllocationTest, WishesAfterTheLimitAreNotConsidered) {
    const AllocResult r = Allocate(
        Input({Sec(10, 1, 5), Sec(11, 2, 5, {{kTue, 960, 1020}})}, {Kid(1, {10, 11}), Kid(2, {10, 11}, {}, 0)}));
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kLimitReached);
    EXPECT_EQ(At(r, 1, 2).round, 1);
    EXPECT_EQ(At(r, 2, 1).outcome, WishOutcome::kLimitReached);
    EXPECT_EQ(At(r, 2, 1).round, 0);
}

TEST(AllocationTest, UnknownSectionIsSkipped) {
    const AllocResult r = Allocate(Input({Sec(10, 1, 5)}, {Kid(1, {999, -1, 10})}));
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kUnknownSection);
    EXPECT_EQ(At(r, 1, 1).section_id, 999);
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kUnknownSection);
    EXPECT_EQ(At(r, 1, 3).outcome, WishOutcome::kAssigned);
}

TEST(AllocationTest, SparseSectionIdsAreFound) {
    const AllocResult r = Allocate(
        Input({Sec(7, 1, 5), Sec(9'000'000'000'000, 2, 5, {{kTue, 960, 1020}}), Sec(-5, 3, 5, {{kTue, 600, 660}})},
              {Kid(1, {9'000'000'000'000, -5, 7, 8}, {}, 4)}));
    EXPECT_EQ(At(r, 1, 1).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 2).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 3).outcome, WishOutcome::kAssigned);
    EXPECT_EQ(At(r, 1, 4).outcome, WishOutcome::kUnknownSection);
}

TEST(AllocationTest, FirstWishesGoFirstAcrossRounds) {
    // Child 1 has priority but wants section 11 only second; child 2 wants it first and gets it in round 1.
    const AllocInput in = Input({Sec(10, 1, 5), Sec(11, 2, 1, {{kTue, 960, 1020}})},
                                {Kid(1, {10, 11}, {PriorityGroup::kDisability}, 2), Kid(2, {11})});
    const AllocResult r = Allocate(in);
    EXPECT_EQ(At(r, 2, 1).outcome, WishOutcome::kAssigned);
    const WishResult& lost = At(r, 1, 2);
    EXPECT_EQ(lost.outcome, WishOutcome::kFull);
    EXPECT_EQ(lost.round, 2);
    EXPECT_EQ(lost.cutoff_tier, 5);
    EXPECT_EQ(ExplainWish(lost, in.priority_order).first,
              "第2志愿：课程已满，名额已在此前轮次录满（每轮每人先录取一门），抽签号 " + lottery::DrawText(lost.draw));
}

TEST(AllocationTest, ResultIsSortedByChildAndRank) {
    const AllocResult r = Allocate(Input({Sec(10, 1, 5)}, {Kid(30, {10, 10}), Kid(4, {10}), Kid(12, {})}));
    ASSERT_EQ(r.wishes.size(), 3u);
    EXPECT_EQ(std::pair(r.wishes[0].child_id, r.wishes[0].rank), Place(4, 1));
    EXPECT_EQ(std::pair(r.wishes[1].child_id, r.wishes[1].rank), Place(30, 1));
    EXPECT_EQ(std::pair(r.wishes[2].child_id, r.wishes[2].rank), Place(30, 2));
}

AllocInput Contested(std::string seed) {
    std::vector<AllocChild> kids;
    for (std::int64_t id = 1; id <= 10; ++id) kids.push_back(Kid(id, {10}));
    return Input({Sec(10, 1, 1)}, std::move(kids), std::move(seed));
}

std::int64_t WinnerOf(const AllocResult& r) {
    for (const auto& w : r.wishes)
        if (w.outcome == WishOutcome::kAssigned) return w.child_id;
    return 0;
}

TEST(AllocationTest, SameSeedSameResultAndDigest) {
    const AllocResult a = Allocate(Contested("seed-1")), b = Allocate(Contested("seed-1"));
    EXPECT_EQ(a.wishes, b.wishes);
    EXPECT_EQ(a.digest, b.digest);
    std::string text;
    for (const auto& w : a.wishes) text += CanonicalLine(w);
    EXPECT_EQ(a.digest, lottery::Sha256Hex(text));
}

TEST(AllocationTest, ADifferentSeedChangesTheLottery) {
    const AllocResult a = Allocate(Contested("seed-1")), b = Allocate(Contested("seed-2"));
    EXPECT_NE(a.wishes[0].draw, b.wishes[0].draw);
    EXPECT_NE(a.digest, b.digest);
    std::set<std::int64_t> winners;
    for (int i = 0; i < 40; ++i) winners.insert(WinnerOf(Allocate(Contested("seed-" + std::to_string(i)))));
    EXPECT_GT(winners.size(), 3u);  // ten children, forty seeds: the seat moves around
}

TEST(AllocationTest, VerifyAcceptsTheTruthAndNamesTheFirstTamperedLine) {
    const AllocInput in = Contested("seed-1");
    AllocResult r = Allocate(in);
    EXPECT_EQ(VerifyAllocation(in, r.wishes), std::nullopt);
    // Swap the seat from the winner to the first loser.
    const std::int64_t winner = WinnerOf(r), loser = winner == 1 ? 2 : 1;
    for (auto& w : r.wishes) {
        if (w.child_id == winner) w.outcome = WishOutcome::kFull;
        if (w.child_id == loser) w.outcome = WishOutcome::kAssigned;
    }
    const auto diff = VerifyAllocation(in, r.wishes);
    ASSERT_TRUE(diff.has_value());
    const std::int64_t first = std::min(winner, loser);
    EXPECT_NE(diff->find("line " + std::to_string(first) + " (child " + std::to_string(first) + ", wish 1)"),
              std::string::npos)
        << *diff;
    r.wishes = Allocate(in).wishes;
    r.wishes.pop_back();
    EXPECT_EQ(VerifyAllocation(in, r.wishes), "published 9 wish lines, recomputed 10");
}

TEST(AllocationTest, InvalidInputIsRefused) {
    EXPECT_EQ(CodeOf([] { Allocate(Input({Sec(10, 1, 1), Sec(10, 2, 1)}, {})); }), "afterschool.duplicate_section");
    EXPECT_EQ(CodeOf([] {
                  Allocate(Input({Sec(10, 1, 1)}, {Kid(1, {10}), Kid(1, {})}));
              }),
              "afterschool.duplicate_child");
    EXPECT_EQ(CodeOf([] { Allocate(Input({Sec(10, 1, -1)}, {})); }), "afterschool.bad_capacity");
    EXPECT_EQ(CodeOf([] { Allocate(Input({}, {}, "")); }), "afterschool.missing_seed");
    AllocInput twice = Input({}, {});
    twice.priority_order = {PriorityGroup::kMigrant, PriorityGroup::kMigrant};
    EXPECT_EQ(CodeOf([&] { Allocate(twice); }), "afterschool.duplicate_priority_group");
}

TEST(AllocationTest, PriorityGroupNamesRoundTrip) {
    EXPECT_EQ(DefaultPriorityOrder().size(), 5u);
    for (const PriorityGroup g : DefaultPriorityOrder()) EXPECT_EQ(ParsePriorityGroup(PriorityGroupName(g)), g);
    EXPECT_EQ(ParsePriorityGroup("left_behind"), PriorityGroup::kLeftBehind);
    EXPECT_EQ(ParsePriorityGroup("military_family"), PriorityGroup::kMilitaryFamily);
    EXPECT_EQ(ParsePriorityGroup("Disability"), std::nullopt);
    EXPECT_EQ(ParsePriorityGroup(""), std::nullopt);
}

TEST(AllocationTest, CanonicalLineSpellsEveryField) {
    WishResult w{7, 2, 10, WishOutcome::kFull, 1, 123, 5, 99, 1, std::nullopt};
    EXPECT_EQ(CanonicalLine(w), "7 2 10 full 1 123 5 99 1 -\n");
    w = {7, 3, 11, WishOutcome::kConflict, 2, 123, 5, std::nullopt, std::nullopt, 10};
    EXPECT_EQ(CanonicalLine(w), "7 3 11 conflict 2 123 5 - - 10\n");
}

TEST(AllocationTest, ExplainsEveryOutcome) {
    const auto order = DefaultPriorityOrder();
    const std::uint64_t half = std::uint64_t{1} << 63, quarter = std::uint64_t{1} << 62;
    WishResult w{7, 2, 10, WishOutcome::kAssigned, 1, half, 5};
    EXPECT_EQ(ExplainWish(w, order),
              Text("第2志愿：已录取（第1轮），抽签号 0.5000", "Wish 2: assigned in round 1; your draw 0.5000"));
    w.outcome = WishOutcome::kFull;
    w.cutoff_draw = quarter;
    w.cutoff_tier = 5;
    EXPECT_EQ(ExplainWish(w, order), Text("第2志愿：课程已满，抽签号 0.5000，录取截止 0.2500",
                                          "Wish 2: full; your draw 0.5000, last admitted 0.2500"));
    w.cutoff_tier = 4;
    EXPECT_EQ(ExplainWish(w, order).first,
              "第2志愿：课程已满，名额已全部由优先群体录取（录取截止：军人子女），抽签号 0.5000");
    w.cutoff_draw.reset();
    w.cutoff_tier.reset();
    EXPECT_EQ(ExplainWish(w, order).second, "Wish 2: full (no seats); your draw 0.5000");
    w = {7, 3, 11, WishOutcome::kConflict, 2, half, 5, std::nullopt, std::nullopt, 10};
    EXPECT_EQ(ExplainWish(w, order), Text("第3志愿：与已录取的教学班 10 上课时间冲突",
                                          "Wish 3: clashes in time with section 10 you already hold"));
    w = {7, 1, 11, WishOutcome::kDuplicateCourse, 2, half, 5};
    EXPECT_EQ(ExplainWish(w, order).second, "Wish 1: you already hold a section of this course");
    EXPECT_EQ(ExplainWish(w, order).first, "第1志愿：已录取同一课程的其他教学班");
    w.outcome = WishOutcome::kIneligible;
    EXPECT_EQ(ExplainWish(w, order).first, "第1志愿：该教学班不面向本年级");
    EXPECT_EQ(ExplainWish(w, order).second, "Wish 1: the section is not open to your grade");
    w.outcome = WishOutcome::kUnknownSection;
    EXPECT_EQ(ExplainWish(w, order).first, "第1志愿：本次选课中没有该教学班");
    EXPECT_EQ(ExplainWish(w, order).second, "Wish 1: no such section in this window");
    w.outcome = WishOutcome::kLimitReached;
    EXPECT_EQ(ExplainWish(w, order).first, "第1志愿：已达每周课程上限，本志愿未参与分配");
    EXPECT_EQ(ExplainWish(w, order).second, "Wish 1: your weekly course limit was reached before this wish");
}

// Pins published digests: a result once published must re-run to the same lines and digest forever, however
// the allocation is made faster. The inputs come from a fixed LCG (no library distributions, which differ
// between standard libraries), large enough for every outcome, several rounds and any work split by chunks.
std::uint64_t Lcg(std::uint64_t& state, std::uint64_t n) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (state >> 33) % n;
}

AllocInput PinnedInput(int children, int sections) {
    std::uint64_t st = 17;
    AllocInput in{"3f2a9c0d5e7b41a68c1d2e3f40516273849a5b6c7d8e9f00112233445566778a",
                  "afterschool-window-4711",
                  {PriorityGroup::kMigrant, PriorityGroup::kDisability, PriorityGroup::kHardship},
                  {},
                  {}};
    for (int s = 0; s < sections; ++s) {
        AllocSection sec{
            1000 + 3 * s, s / 2 + 1, static_cast<int>(Lcg(st, 14)), 1 + static_cast<int>(Lcg(st, 5)), 9, {}};
        sec.grade_to = sec.grade_from + static_cast<int>(Lcg(st, static_cast<std::uint64_t>(10 - sec.grade_from)));
        for (auto k = 1 + Lcg(st, 2); k > 0; --k) {
            const int start = 900 + 30 * static_cast<int>(Lcg(st, 7));
            sec.slots.push_back(
                {1 + static_cast<int>(Lcg(st, 5)), start, start + 30 * (1 + static_cast<int>(Lcg(st, 3)))});
        }
        in.sections.push_back(std::move(sec));
    }
    for (int i = 0; i < children; ++i) {
        // i × 7919 mod a prime: unique ids whose input order is not their id order.
        AllocChild c{(std::int64_t{i} * 7919) % 1'000'003 + 1,
                     1 + static_cast<int>(Lcg(st, 9)),
                     static_cast<int>(Lcg(st, 4)),
                     {},
                     {}};
        for (auto g = Lcg(st, 8); g < 2; --g) c.groups.push_back(static_cast<PriorityGroup>(Lcg(st, 5)));
        for (auto k = Lcg(st, 7); k > 0; --k)
            c.wishes.push_back(Lcg(st, 30) == 0 ? 99
                                                : 1000 + 3 * static_cast<std::int64_t>(Lcg(st, 40) + i % 5 * 40) %
                                                             (3 * std::int64_t{sections}));
        in.children.push_back(std::move(c));
    }
    return in;
}

TEST(AllocationDigestTest, PublishedDigestsStayTheSame) {
    const AllocResult small = Allocate(PinnedInput(40, 12));
    EXPECT_EQ(small.digest, "0392e71df89fb7162988450f69e813f490f86c701e8e093eb98511279ec1e1d7");
    const AllocInput in = PinnedInput(30'000, 200);
    const AllocResult r = Allocate(in);
    EXPECT_EQ(r.digest, "1e9fa00b5db5c303e56b4f13dac60b25a9fee8d98d1e6e7e22c37d6d11f6ea25");
    ASSERT_FALSE(r.wishes.empty());
    EXPECT_EQ(CanonicalLine(r.wishes.front()), "1 1 1012 ineligible 1 5056688537737800650 0 - - -\n");
    std::set<WishOutcome> seen;
    std::string text;
    for (const auto& w : r.wishes) {
        seen.insert(w.outcome);
        AppendCanonicalLine(text, w);
    }
    EXPECT_EQ(seen.size(), 7u);  // every outcome occurs
    EXPECT_EQ(lottery::Sha256Hex(text), r.digest);
    EXPECT_EQ(VerifyAllocation(in, r.wishes), std::nullopt);
}

TEST(AllocationDigestTest, CanonicalLinesSpellNumbersAsFmtDoes) {
    // Every digit count, both sides of each power of ten, and the extremes of each field's type.
    std::vector<std::uint64_t> numbers = {0, std::numeric_limits<std::uint64_t>::max()};
    for (std::uint64_t p = 1; p <= std::numeric_limits<std::uint64_t>::max() / 10; p *= 10)
        numbers.insert(numbers.end(), {p - 1, p, p + 1, 10 * p - 1});
    for (const std::uint64_t u : numbers) {
        const auto s = static_cast<std::int64_t>(u);  // wraps to negatives for the largest
        const auto i = static_cast<int>(static_cast<std::uint32_t>(u));
        const WishResult w{s, i, -s, WishOutcome::kConflict, -i, u, i, u, -i, s};
        EXPECT_EQ(CanonicalLine(w), fmt::format("{} {} {} conflict {} {} {} {} {} {}\n", s, i, -s, -i, u, i, u, -i, s));
    }
    const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    const int least = std::numeric_limits<int>::min();
    const WishResult w{lowest, least, lowest, WishOutcome::kFull, least, 0, least, 0, least, lowest};
    EXPECT_EQ(CanonicalLine(w),
              fmt::format("{} {} {} full {} 0 {} 0 {} {}\n", lowest, least, lowest, least, least, least, lowest));
}

}  // namespace
}  // namespace kehou::afterschool
