// The allocation: the order keys (drawn on every core), the layout and the rounds (Allocator), then the
// rows, their digest and their verification read out of it.
#include "afterschool/allocation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <future>
#include <span>
#include <stdexcept>

#include "afterschool/allocation_solver.hpp"
#include "afterschool/rules.hpp"
#include "core/error.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool::detail {
namespace {

constexpr std::size_t kGroupCount = 5;
constexpr std::size_t kPrefetchAhead = 8;  // children ahead whose next wish is fetched while this one proposes
// Rows are indexed in 32 bits and rounds kept in 29 (WishState): far beyond any city, and refused beyond.
constexpr std::uint64_t kMaxWishes = std::uint64_t{1} << 32, kMaxChildWishes = std::uint64_t{1} << 29;

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

/// Position of each group in the configured order; groups not named there get the "none" tier.
std::array<int, kGroupCount> TierTable(const std::vector<PriorityGroup>& order) {
    std::array<int, kGroupCount> tier;
    tier.fill(static_cast<int>(order.size()));
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto& t = tier.at(static_cast<std::size_t>(order[k]));
        if (t != static_cast<int>(order.size()))
            throw Invalid("afterschool.duplicate_priority_group", "优先群体顺序中有重复项",
                          "A priority group is named twice in the order", "priority_order");
        t = static_cast<int>(k);
    }
    return tier;
}

/// Sorts keys by (tier, draw, child id) in linear time. The draws are uniform (they are SHA-256), so
/// bucketing by tier and the leading bits of the draw leaves a dozen keys a bucket to sort exactly: the
/// order std::sort gives, in a quarter of its time (16 ms against 70 ms for a city).
Array<OrderKey> SortKeys(const Array<OrderKey>& keys, int tiers, const std::vector<AllocChild>& kids) {
    const auto less = [&kids](const OrderKey& a, const OrderKey& b) {
        if (a.tier != b.tier) return a.tier < b.tier;
        if (a.draw != b.draw) return a.draw < b.draw;
        return kids[a.index].id < kids[b.index].id;  // equal draws: astronomically rare, but defined
    };
    const int bits = std::max(1, static_cast<int>(std::bit_width(keys.size() / 16)));
    const auto bucket = [bits](const OrderKey& k) {
        return (static_cast<std::size_t>(k.tier) << bits) | static_cast<std::size_t>(k.draw >> (64 - bits));
    };
    Array<std::uint32_t> start((static_cast<std::size_t>(tiers) + 1) << bits | 1, 0);
    for (const OrderKey& k : keys) ++start[bucket(k) + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    Array<OrderKey> sorted(keys.size());
    Array<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (const OrderKey& k : keys) sorted[fill[bucket(k)]++] = k;
    for (std::size_t b = 0; b + 1 < start.size(); ++b)
        if (start[b + 1] - start[b] > 1) std::sort(sorted.begin() + start[b], sorted.begin() + start[b + 1], less);
    return sorted;
}

}  // namespace

SectionIndex::SectionIndex(const std::vector<AllocSection>& sections) {
    sorted_.reserve(sections.size());
    for (std::size_t i = 0; i < sections.size(); ++i)
        sorted_.emplace_back(sections[i].id, static_cast<std::int32_t>(i));
    std::sort(sorted_.begin(), sorted_.end());
    for (std::size_t i = 1; i < sorted_.size(); ++i)
        if (sorted_[i].first == sorted_[i - 1].first)
            throw Invalid("afterschool.duplicate_section", "教学班重复出现", "A section is listed twice", "sections");
    if (sorted_.empty()) return;
    // Database ids are nearly dense: a direct table beats binary search by an order of magnitude.
    base_ = sorted_.front().first;
    const auto span = static_cast<std::uint64_t>(sorted_.back().first) - static_cast<std::uint64_t>(base_);
    if (span > 4 * sorted_.size() + 1024) return;
    table_.assign(span + 1, kNone);
    for (const auto& [id, pos] : sorted_)
        table_[static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(base_)] = pos;
}

Allocator::Allocator(const AllocInput& in) : in_(in), index_(in.sections) {}

void Allocator::Solve() {
    LayOutSections();
    LayOutChildren();
    RunRounds();
    // A section that rejected someone was full then and never changed again, so its worst holder at the end
    // is the worst admitted key at the moment of rejection.
    cutoff_.resize(states_.size());
    for (std::size_t s = 0; s < states_.size(); ++s)
        if (const std::int32_t worst = states_[s].worst; worst != kNone)
            cutoff_[s] = {draw_[static_cast<std::size_t>(worst)], tier_[static_cast<std::size_t>(worst)], true};
}

void Allocator::LayOutSections() {
    states_.resize(in_.sections.size());
    section_ids_.resize(in_.sections.size());
    for (std::size_t s = 0; s < in_.sections.size(); ++s) {
        const AllocSection& sec = in_.sections[s];
        if (sec.capacity < 0)
            throw Invalid("afterschool.bad_capacity", "名额不能为负", "Capacity cannot be negative", "capacity");
        const auto first = static_cast<std::uint32_t>(slots_.size());
        slots_.insert(slots_.end(), sec.slots.begin(), sec.slots.end());
        const auto last = static_cast<std::uint32_t>(slots_.size());
        states_[s] = {sec.course_id, sec.capacity, sec.grade_from, sec.grade_to, first, last};
        section_ids_[s] = sec.id;
    }
}

void Allocator::LayOutChildren() {
    if (in_.seed.empty())
        throw Invalid("afterschool.missing_seed", "摇号种子为空", "The lottery seed is empty", "seed");
    const Array<OrderKey> keys = Keys();
    OrderById();
    const std::size_t n = keys.size();
    row_draw_.resize(n);
    row_tier_.resize(n);
    for (std::size_t q = 0; q < n; ++q) {
        row_draw_[q] = keys[input_of_[q]].draw;
        row_tier_[q] = keys[input_of_[q]].tier;
    }
    const Array<OrderKey> sorted = SortKeys(keys, static_cast<int>(in_.priority_order.size()), in_.children);
    Array<std::uint32_t> key_of(n);
    tier_.resize(n);
    draw_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        key_of[sorted[k].index] = static_cast<std::uint32_t>(k);
        tier_[k] = sorted[k].tier;
        draw_[k] = sorted[k].draw;
    }
    LayOutWishes(key_of);
}

/// Every child's key in input order. The draws are most of the allocation's hashing, so they run on every
/// core; each child's draw depends on its id alone, so the split cannot change one.
Array<OrderKey> Allocator::Keys() const {
    const auto tier_of = TierTable(in_.priority_order);
    const lottery::Drawer draw(in_.seed, in_.context);
    Array<OrderKey> keys(in_.children.size());
    std::atomic<bool> bad_group = false;  // reported here, on the caller's thread: a helper must not throw
    InParallel(keys.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const AllocChild& c = in_.children[i];
            int tier = static_cast<int>(in_.priority_order.size());
            for (const PriorityGroup g : c.groups) {
                const auto at = static_cast<std::size_t>(g);
                if (at < kGroupCount)
                    tier = std::min(tier, tier_of[at]);
                else
                    bad_group = true;
            }
            keys[i] = {draw(c.id), static_cast<std::uint32_t>(i), tier};
        }
    });
    if (bad_group) throw std::out_of_range("a child names an unknown priority group");
    return keys;
}

/// The children in id order: the order of the published rows. Inputs read from the database usually come
/// in id order already, and then need no sort.
void Allocator::OrderById() {
    const auto& kids = in_.children;
    const std::size_t n = kids.size();
    input_of_.resize(n);
    ids_.resize(n);
    bool sorted = true;
    for (std::size_t i = 0; i < n; ++i) {
        input_of_[i] = static_cast<std::uint32_t>(i);
        sorted = sorted && (i == 0 || kids[i - 1].id < kids[i].id);
    }
    if (!sorted)
        std::sort(input_of_.begin(), input_of_.end(),
                  [&kids](std::uint32_t a, std::uint32_t b) { return kids[a].id < kids[b].id; });
    for (std::size_t q = 0; q < n; ++q) {
        ids_[q] = kids[input_of_[q]].id;
        if (q > 0 && ids_[q] == ids_[q - 1])
            throw Invalid("afterschool.duplicate_child", "同一学生出现两次", "A child is listed twice", "children");
    }
}

/// Wishes in id order; per-child round state in key order. Each child's part is its own, so the children
/// are laid out on every core.
void Allocator::LayOutWishes(const Array<std::uint32_t>& key_of) {
    const std::size_t n = input_of_.size();
    wish_begin_.assign(n + 1, 0);
    std::uint64_t total = 0;
    for (std::size_t q = 0; q < n; ++q) {
        const std::size_t count = in_.children[input_of_[q]].wishes.size();
        if (count >= kMaxChildWishes || (total += count) >= kMaxWishes)
            throw Invalid("afterschool.too_many_wishes", "志愿数量超出上限", "Too many wishes to allocate", "children");
        wish_begin_[q + 1] = static_cast<std::uint32_t>(total);
    }
    wishes_.resize(total);
    kids_.resize(n);
    InParallel(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t q = begin; q < end; ++q) {
            const std::uint32_t i = input_of_[q];
            const AllocChild& c = in_.children[i];
            WishState* w = wishes_.data() + wish_begin_[q];
            for (const std::int64_t id : c.wishes)
                *w++ = {index_.Find(id), 0, static_cast<std::uint32_t>(WishOutcome::kUnknownSection)};
            // held_count holds the room a child needs for now; the prefix sum below turns it into offsets.
            const auto room =
                std::min(static_cast<std::uint32_t>(c.wishes.size()), static_cast<std::uint32_t>(std::max(0, c.limit)));
            kids_[key_of[i]] = {wish_begin_[q], wish_begin_[q + 1], 0, room, c.grade, c.limit};
        }
    });
    std::uint32_t offset = 0;
    for (ChildState& k : kids_) {
        k.held_begin = offset;
        offset += std::exchange(k.held_count, 0);
    }
    held_.assign(offset, kNone);
}

void Allocator::RunRounds() {
    std::vector<std::uint32_t> active, next;
    for (std::uint32_t k = 0; k < kids_.size(); ++k) {
        if (kids_[k].limit <= 0)
            FinishAtLimit(kids_[k], 0);
        else if (kids_[k].cursor < kids_[k].end)
            active.push_back(k);
    }
    // `active` stays in key order, so each round is a serial dictatorship in key order — the same matching
    // as the deferred acceptance of the header (see ProposeOnce).
    for (int round = 1; !active.empty(); ++round) {
        next.clear();
        for (std::size_t a = 0; a < active.size(); ++a) {
            // The wishes are in id order and the sections anywhere, so a child's wishes and their sections are
            // cache misses: fetch the wishes ahead, and their sections once the wishes have come.
            if (a + 2 * kPrefetchAhead < active.size())
                __builtin_prefetch(&wishes_[kids_[active[a + 2 * kPrefetchAhead]].cursor]);
            if (a + kPrefetchAhead < active.size()) PrefetchSections(kids_[active[a + kPrefetchAhead]]);
            const std::uint32_t k = active[a];
            ChildState& kid = kids_[k];
            ProposeOnce(kid, k, round);
            if (static_cast<int>(kid.held_count) >= kid.limit)
                FinishAtLimit(kid, round);
            else if (kid.cursor < kid.end)
                next.push_back(k);
        }
        active.swap(next);
    }
}

void Allocator::PrefetchSections(const ChildState& kid) const {
    // A child proposes to two wishes a round on average (a third of wishes meet a full section), and
    // screens each against the sections it holds.
    const std::uint32_t end = std::min(kid.end, kid.cursor + 3);
    for (std::uint32_t j = kid.cursor; j < end; ++j)
        if (const std::int32_t s = wishes_[j].section; s != kNone)
            __builtin_prefetch(&states_[static_cast<std::size_t>(s)]);
    for (std::uint32_t h = 0; h < kid.held_count; ++h)
        __builtin_prefetch(&states_[static_cast<std::size_t>(held_[kid.held_begin + h])]);
}

// Deferred acceptance within one round, done as a serial dictatorship in key order. The key is the same at
// every section, so the two give the same matching: by induction along the key order, the k-th child is
// never displaced in DA by anyone behind it, and every child ahead of it already sits where SD put it; so
// its proposals, its rejections (the section is full of children ahead of it) and its final hold are the
// same in both. A section's seats taken here are final, as in DA.
void Allocator::ProposeOnce(ChildState& kid, std::uint32_t k, int round) {
    for (; kid.cursor < kid.end; ++kid.cursor) {
        WishState& w = wishes_[kid.cursor];
        w.round = static_cast<std::uint32_t>(round);
        const WishOutcome outcome = Screen(kid, w);
        w.outcome = static_cast<std::uint32_t>(outcome);
        if (outcome != WishOutcome::kAssigned) continue;
        SectionState& sec = states_[static_cast<std::size_t>(w.section)];
        --sec.remaining;
        sec.worst = std::max(sec.worst, static_cast<std::int32_t>(k));
        held_[kid.held_begin + kid.held_count++] = w.section;
        ++kid.cursor;
        return;
    }
}

WishOutcome Allocator::Screen(const ChildState& kid, WishState& w) const {
    if (w.section == kNone) return WishOutcome::kUnknownSection;
    const SectionState& sec = states_[static_cast<std::size_t>(w.section)];
    if (kid.grade < sec.grade_from || kid.grade > sec.grade_to) return WishOutcome::kIneligible;
    const std::span<const std::int32_t> held(held_.data() + kid.held_begin, kid.held_count);
    for (const std::int32_t h : held)
        if (states_[static_cast<std::size_t>(h)].course_id == sec.course_id) return WishOutcome::kDuplicateCourse;
    for (const std::int32_t h : held)
        if (Clash(states_[static_cast<std::size_t>(h)], sec)) {
            w.section = h;  // the row names the held section; the wished one's id comes from the input
            return WishOutcome::kConflict;
        }
    return sec.remaining == 0 ? WishOutcome::kFull : WishOutcome::kAssigned;
}

bool Allocator::Clash(const SectionState& a, const SectionState& b) const {
    for (auto i = a.slot_begin; i < a.slot_end; ++i)
        for (auto j = b.slot_begin; j < b.slot_end; ++j)
            if (Overlaps(slots_[i], slots_[j])) return true;
    return false;
}

void Allocator::FinishAtLimit(ChildState& kid, int round) {
    for (; kid.cursor < kid.end; ++kid.cursor) {
        wishes_[kid.cursor].outcome = static_cast<std::uint32_t>(WishOutcome::kLimitReached);
        wishes_[kid.cursor].round = static_cast<std::uint32_t>(round);
    }
}

}  // namespace kehou::afterschool::detail

namespace kehou::afterschool {
namespace {

/// Room for `count` rows in 2 MiB pages, faulted in ahead (see detail::HugePageAllocator): a city's rows are
/// 365 MB, about a second of first-touch faults in 4 KiB pages on our virtual machines. FillRows then writes
/// each row once.
void ReserveRows(std::vector<WishResult>& rows, std::size_t count) {
    rows.reserve(count);
    detail::AdviseHugePages(rows.data(), count * sizeof(WishResult));
    detail::Prefault(rows.data(), count * sizeof(WishResult));
}

/// The first row, in [0, rows), where the published result differs from the re-run; `rows` when none does.
/// Compared on every core, each taking pieces of the children in turn.
std::size_t FirstDifference(const detail::Allocator& run, const std::vector<WishResult>& published, std::size_t rows) {
    std::atomic<std::size_t> first = rows;
    detail::InParallel(run.ChildCount(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t q = begin; q < end; ++q)
            for (std::uint32_t j = run.RowBegin(q); j < run.RowBegin(q + 1) && j < rows; ++j) {
                if (j >= first.load(std::memory_order_relaxed)) return;  // an earlier difference is known
                if (published[j] == run.Row(q, j)) continue;
                for (std::size_t seen = first.load(); j < seen && !first.compare_exchange_weak(seen, j);) {
                }
                return;
            }
    });
    return first;
}

}  // namespace

AllocResult Allocate(const AllocInput& input) {
    detail::Allocator run(input);
    AllocResult result;
    std::size_t count = 0;
    for (const AllocChild& c : input.children) count += c.wishes.size();
    // The rows' memory is faulted in on a second core while this one runs the allocation.
    std::future<void> rows = std::async(count >= detail::kBackgroundRows ? std::launch::async : std::launch::deferred,
                                        [&result, count] { ReserveRows(result.wishes, count); });
    run.Solve();
    rows.get();
    result.digest = detail::FillRows(run, result.wishes);
    return result;
}

std::optional<std::string> VerifyAllocation(const AllocInput& input, const std::vector<WishResult>& published) {
    detail::Allocator run(input);
    run.Solve();
    // Compared row by row as they are read out: a re-run never materialises a second result.
    const std::size_t rows = std::min(published.size(), run.WishCount());
    if (const std::size_t j = FirstDifference(run, published, rows); j < rows) {
        const WishResult ours = run.Row(run.ChildOfRow(static_cast<std::uint32_t>(j)), static_cast<std::uint32_t>(j));
        std::string mine = CanonicalLine(ours), theirs = CanonicalLine(published[j]);
        mine.pop_back();
        theirs.pop_back();
        return fmt::format("line {} (child {}, wish {}): published \"{}\", recomputed \"{}\"", j + 1, ours.child_id,
                           ours.rank, theirs, mine);
    }
    if (published.size() != run.WishCount())
        return fmt::format("published {} wish lines, recomputed {}", published.size(), run.WishCount());
    return std::nullopt;
}

}  // namespace kehou::afterschool
