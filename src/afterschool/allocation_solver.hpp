#pragma once
// The allocation's working state: Solve() runs the rounds, Row() reads the published rows out for Allocate
// (rows and digest) and VerifyAllocation (comparison). Internal: include only from allocation*.cpp.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "afterschool/allocation.hpp"
#include "afterschool/allocation_memory.hpp"

namespace kehou::afterschool::detail {

constexpr std::int32_t kNone = -1;
constexpr std::size_t kBackgroundRows = 16384;  // rows from which a second thread repays its start

/// Section ids → dense positions 0..n-1, resolved once per wish so the rounds index plain vectors.
class SectionIndex {
public:
    /// Throws a 422 kehou::Error when an id is listed twice.
    explicit SectionIndex(const std::vector<AllocSection>& sections);
    std::int32_t Find(std::int64_t id) const {
        if (!table_.empty()) {
            const auto off = static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(base_);
            return id >= base_ && off < table_.size() ? table_[off] : kNone;
        }
        const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::pair{id, kNone});
        return it != sorted_.end() && it->first == id ? it->second : kNone;
    }

private:
    std::vector<std::pair<std::int64_t, std::int32_t>> sorted_;
    std::int64_t base_ = 0;
    std::vector<std::int32_t> table_;  // direct look-up when the ids are nearly dense, as database ids are
};

/// A child's order key (tier, draw, id) by its input position: 16 bytes, sorted by value, never through
/// indexes (an indirect sort of 830,000 children misses the cache on every comparison).
struct OrderKey {
    std::uint64_t draw;
    std::uint32_t index;
    int tier;
};

/// A section as the rounds see it, its slots in one flat vector, so the hot loop stays in cache.
struct SectionState {
    std::int64_t course_id = 0;
    std::int32_t remaining = 0, grade_from = 0, grade_to = 0;
    std::uint32_t slot_begin = 0, slot_end = 0;
    std::int32_t worst = kNone;  // key position of the worst holder
};

/// One wish's working state in 8 bytes: a city's 4 million wishes are first-touch memory on every run.
struct WishState {
    // Dense position of the wished section, kNone when unknown; for kConflict, the held section it clashes
    // with instead (the published row takes the wished section's id from the input).
    std::int32_t section;
    std::uint32_t round : 29;  // at most the child's wish count, which LayOutWishes keeps below 2^29
    std::uint32_t outcome : 3;
};

/// What a rejected wish's row shows: the worst admitted key at its section.
struct Cutoff {
    std::uint64_t draw = 0;
    int tier = 0;
    bool admitted = false;  // false for a section without seats
};

/// A child's round state, in key order: the rounds read it front to back.
struct ChildState {
    std::uint32_t cursor, end;             // the next wish to consider and the end of its wishes
    std::uint32_t held_begin, held_count;  // its held sections in Allocator::held_
    int grade, limit;
};

/// Canonical lines of one child's wishes: the fields they share (the child's id, draw and tier) are written
/// once, the others for each wish (allocation_text.cpp; WriteCanonicalLine is one of these for one line).
class ChildLines {
public:
    ChildLines(std::int64_t child_id, std::uint64_t draw, int tier);
    /// The line of `wish`, one of this child's, at `out` (kMaxCanonicalLine bytes of room); returns its end.
    char* Write(char* out, const WishResult& wish) const;

private:
    char id_[24] = {};   // the child's id
    char key_[48] = {};  // " draw tier"
    std::size_t id_size_ = 0, key_size_ = 0;
};

/// One run: Solve() lays the input out and runs every round; Row() then reads the published rows. The
/// rounds walk the children in key order k; the wishes are stored in the order of the published rows
/// (child id, then rank), so the rows are read front to back. (Wishes in key order make the rounds a
/// quarter faster but the layout and the rows slower by more: measured, and undone.)
class Allocator {
public:
    explicit Allocator(const AllocInput& in);
    void Solve();

    std::size_t ChildCount() const { return input_of_.size(); }
    std::size_t WishCount() const { return wishes_.size(); }
    /// Rows of child q (in id order) are [RowBegin(q), RowBegin(q + 1)).
    std::uint32_t RowBegin(std::size_t q) const { return wish_begin_[q]; }
    /// The child q whose rows hold row j.
    std::size_t ChildOfRow(std::uint32_t j) const {
        return static_cast<std::size_t>(std::upper_bound(wish_begin_.begin(), wish_begin_.end(), j) -
                                        wish_begin_.begin()) -
               1;
    }
    /// The canonical lines of child q's (in id order) rows.
    ChildLines LinesOf(std::size_t q) const { return {ids_[q], row_draw_[q], row_tier_[q]}; }
    /// Row j, the wish of child q (in id order) at rank j - RowBegin(q) + 1.
    WishResult Row(std::size_t q, std::uint32_t j) const {
        const WishState& w = wishes_[j];
        const auto outcome = static_cast<WishOutcome>(w.outcome);
        const auto rank = static_cast<int>(j - wish_begin_[q]) + 1;
        WishResult r{ids_[q],
                     rank,
                     in_.children[input_of_[q]].wishes[static_cast<std::size_t>(rank - 1)],
                     outcome,
                     static_cast<int>(w.round),
                     row_draw_[q],
                     row_tier_[q]};
        if (outcome == WishOutcome::kFull) {
            if (const Cutoff& cut = cutoff_[static_cast<std::size_t>(w.section)]; cut.admitted) {
                r.cutoff_draw = cut.draw;
                r.cutoff_tier = cut.tier;
            }
        } else if (outcome == WishOutcome::kConflict) {
            r.conflict_with = section_ids_[static_cast<std::size_t>(w.section)];
        }
        return r;
    }
    /// Asks the cache for what Row(·, j) will read at random: rows are read in order, their sections not.
    void PrefetchRow(std::uint32_t j) const {
        if (j < wishes_.size() && wishes_[j].section != kNone)
            __builtin_prefetch(&cutoff_[static_cast<std::size_t>(wishes_[j].section)]);
    }

private:
    void LayOutSections();
    void LayOutChildren();
    Array<OrderKey> Keys() const;
    void OrderById();
    void LayOutWishes(const Array<std::uint32_t>& key_of);
    void RunRounds();
    void PrefetchSections(const ChildState& kid) const;
    void ProposeOnce(ChildState& kid, std::uint32_t k, int round);
    WishOutcome Screen(const ChildState& kid, WishState& w) const;
    bool Clash(const SectionState& a, const SectionState& b) const;
    void FinishAtLimit(ChildState& kid, int round);

    const AllocInput& in_;
    SectionIndex index_;
    Array<SectionState> states_;
    std::vector<TimeSlot> slots_;
    std::vector<std::int64_t> section_ids_;
    Array<Cutoff> cutoff_;  // per section, after the rounds
    // Per child in key order k: its key and its round state.
    Array<int> tier_;
    Array<std::uint64_t> draw_;
    Array<ChildState> kids_;
    Array<std::int32_t> held_;
    // Per child in id order q, and per wish in (child id, rank) order.
    Array<std::int64_t> ids_;
    Array<std::uint32_t> input_of_, wish_begin_;  // its input position, its first row
    Array<std::uint64_t> row_draw_;
    Array<int> row_tier_;
    Array<WishState> wishes_;
};

/// Appends the run's rows to `rows` (empty, with room for them) and returns the digest of their canonical
/// lines (allocation_text.cpp).
std::string FillRows(const Allocator& run, std::vector<WishResult>& rows);

}  // namespace kehou::afterschool::detail
