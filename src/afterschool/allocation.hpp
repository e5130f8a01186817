#pragma once
// 志愿+摇号 Batch allocation of after-school sections from ranked wishes, by a published lottery and
// student-proposing deferred acceptance with priority groups. Pure: anyone holding the input and the
// revealed seed re-runs it and gets the same result, line for line, and the same digest.
//
// The algorithm, in full:
//  1. A child's tier is the position in `priority_order` of the first of the configured groups that the
//     child belongs to (the best one), or priority_order.size() when it belongs to none.
//  2. Its order key at every section is (tier, lottery::Draw(seed, context, child id), child id),
//     ascending: priority first, then the lottery, then the id for the (astronomically rare) equal draw.
//  3. Rounds r = 1, 2, … up to the largest weekly limit. In each round every child that holds fewer than
//     its `limit` sections and has wishes left takes part in a student-proposing deferred acceptance for
//     ONE more section: it proposes to its next wish, in rank order, that is (a) a known section,
//     (b) open to its grade, (c) not a course it already holds and (d) not overlapping in time with a
//     section it holds from an earlier round; a wish that fails (a)–(d) is skipped with that outcome.
//     Each section tentatively holds the best `remaining capacity` proposers by order key and rejects
//     the rest, who propose to their next wish within the same round. At the end of the round the holds
//     become final and capacities shrink.
//  4. A wish rejected for capacity (kFull) is never reconsidered: the section was full when it rejected,
//     its holds are final and no seat is ever released, so it stays full in every later round.
//  5. When a child reaches its limit, its remaining wishes are kLimitReached.
// Rounds give every child one course before anyone gets a second: a first wish outranks a second one.
// The order key is the same at every section, so each round's deferred acceptance yields the same matching
// as a serial dictatorship in key order, which is how allocation.cpp runs it (the proof is there; the
// property tests compare it with a literal deferred acceptance).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "afterschool/model.hpp"

namespace kehou::afterschool {

/// 优先群体 Priority groups for oversubscribed sections; the order is configuration per window.
enum class PriorityGroup { kDisability, kHardship, kMigrant, kLeftBehind, kMilitaryFamily };

/// [D] Disability, financial hardship, migrant, left-behind, military family: the children with the fewest
/// other options first. A design default, not policy; a county configures its own order per window.
std::vector<PriorityGroup> DefaultPriorityOrder();
/// "disability", "hardship", "migrant", "left_behind", "military_family"; nullopt for anything else.
std::optional<PriorityGroup> ParsePriorityGroup(std::string_view name);
std::string_view PriorityGroupName(PriorityGroup group);

/// 教学班 One section as allocation sees it: its course, seats, grades and weekly meetings.
struct AllocSection {
    std::int64_t id = 0;
    std::int64_t course_id = 0;
    int capacity = 0;
    int grade_from = 1, grade_to = 9;
    std::vector<TimeSlot> slots;
};

/// One child's part in a window: grade, weekly course limit, priority groups, ranked wishes.
struct AllocChild {
    std::int64_t id = 0;
    int grade = 1;
    int limit = 1;  // weekly course limit
    std::vector<PriorityGroup> groups;
    std::vector<std::int64_t> wishes;  // ranked section ids, rank 1 first
};

/// Everything an allocation depends on; the same input gives the same result on any machine.
struct AllocInput {
    std::string seed;     // the revealed lottery seed (see lottery/lottery.hpp)
    std::string context;  // e.g. "afterschool-window-17"
    std::vector<PriorityGroup> priority_order;
    std::vector<AllocSection> sections;
    std::vector<AllocChild> children;
};

/// What became of one wish.
enum class WishOutcome {
    kAssigned,
    kFull,             // rejected for capacity
    kConflict,         // overlaps in time with a section held from an earlier round
    kDuplicateCourse,  // the child already holds a section of this course
    kIneligible,       // not open to the child's grade
    kUnknownSection,
    kLimitReached,  // the child reached its limit before this wish
};
/// Stable lower-case names ("assigned", "full", "conflict", "duplicate_course", "ineligible",
/// "unknown_section", "limit_reached") as stored and published.
std::string_view WishOutcomeName(WishOutcome outcome);

/// One wish's outcome with everything a parent or an auditor needs to check it.
struct WishResult {
    std::int64_t child_id = 0;
    int rank = 1;
    std::int64_t section_id = 0;
    WishOutcome outcome = WishOutcome::kUnknownSection;
    // The round that decided this wish: the round of assignment for kAssigned, of rejection for kFull,
    // of the skip for (a)–(d), and the round the limit was reached for kLimitReached (0 for a zero limit).
    int round = 0;
    std::uint64_t draw = 0;
    int tier = 0;
    std::optional<std::uint64_t> cutoff_draw;  // for kFull: the worst admitted key at that section
    std::optional<int> cutoff_tier;
    std::optional<std::int64_t> conflict_with;  // for kConflict: the held section

    bool operator==(const WishResult&) const = default;
};

/// The published result: every wish's outcome, sorted by child id and rank, and its digest.
struct AllocResult {
    std::vector<WishResult> wishes;
    std::string digest;  // Sha256Hex of the concatenated CanonicalLine of every wish
};

/// Runs the allocation above in O(C log C + S log S + W × L) for C children, S sections, W wishes and the
/// largest weekly limit L (each wish is screened once, against at most L held sections). The draws, the
/// layout, the rows and the digest use every core; the result is the same whatever their number.
/// Throws a 422 kehou::Error for an empty seed, duplicate section or child ids, a negative capacity,
/// a group named twice in the priority order, or 2^32 wishes or more (2^29 for one child).
AllocResult Allocate(const AllocInput& input);

/// One wish as a line of the canonical text (newline included):
/// "child rank section outcome round draw tier cutoff_draw cutoff_tier conflict_with", "-" for none.
std::string CanonicalLine(const WishResult& wish);
/// CanonicalLine appended to `out`, for writing or hashing the text of millions of wishes without a string each.
void AppendCanonicalLine(std::string& out, const WishResult& wish);
/// Room for one canonical line: ten fields of at most 20 characters, spaces and newline (170 bytes), and the
/// few bytes WriteCanonicalLine scribbles past the line's end while writing it.
constexpr std::size_t kMaxCanonicalLine = 192;
/// CanonicalLine written at `out`, which has kMaxCanonicalLine bytes of room; returns the end of the line.
char* WriteCanonicalLine(char* out, const WishResult& wish);

/// Re-runs and compares (on every core): empty when identical, else a description of the first differing
/// line (child, rank).
std::optional<std::string> VerifyAllocation(const AllocInput& input, const std::vector<WishResult>& published);

/// The reason a parent reads, zh and en, e.g. "第2志愿：课程已满，抽签号 0.8123，录取截止 0.7710" /
/// "Wish 2: full; your draw 0.8123, last admitted 0.7710"; when the cutoff lies in a better tier the seats
/// went to a priority group, and when it lies behind the child's own key they went in an earlier round.
std::pair<std::string, std::string> ExplainWish(const WishResult& wish, const std::vector<PriorityGroup>& order);

}  // namespace kehou::afterschool
