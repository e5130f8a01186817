#include "afterschool/allocation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <span>
#include <tuple>
#include <utility>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "afterschool/rules.hpp"
#include "core/error.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {
namespace {

constexpr std::int32_t kNone = -1;
constexpr std::size_t kGroupCount = 5;
constexpr std::size_t kDigestChunk = std::size_t{64} << 10;  // bytes of canonical text hashed at a time

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

/// Section ids → dense positions 0..n-1, resolved once per wish so the rounds index plain vectors.
class SectionIndex {
public:
    explicit SectionIndex(const std::vector<AllocSection>& sections) {
        sorted_.reserve(sections.size());
        for (std::size_t i = 0; i < sections.size(); ++i)
            sorted_.emplace_back(sections[i].id, static_cast<std::int32_t>(i));
        std::sort(sorted_.begin(), sorted_.end());
        for (std::size_t i = 1; i < sorted_.size(); ++i)
            if (sorted_[i].first == sorted_[i - 1].first)
                throw Invalid("afterschool.duplicate_section", "教学班重复出现", "A section is listed twice",
                              "sections");
        if (sorted_.empty()) return;
        // Database ids are nearly dense: a direct table beats binary search by an order of magnitude.
        base_ = sorted_.front().first;
        const auto span = static_cast<std::uint64_t>(sorted_.back().first) - static_cast<std::uint64_t>(base_);
        if (span > 4 * sorted_.size() + 1024) return;
        table_.assign(span + 1, kNone);
        for (const auto& [id, pos] : sorted_)
            table_[static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(base_)] = pos;
    }

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
    std::vector<std::int32_t> table_;
};

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

/// Asks Linux to back a large, fresh buffer with 2 MiB pages. First-touch faults of a city's 365 MB result
/// cost about a second in 4 KiB pages on our virtual machines and a twentieth of that in huge pages
/// (bench/allocation_bench). Only a hint: a no-op elsewhere or when refused.
void AdviseHugePages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#ifdef __linux__
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t skip = (kHuge - reinterpret_cast<std::uintptr_t>(data) % kHuge) % kHuge;
    if (bytes > skip + kHuge) madvise(static_cast<char*>(data) + skip, (bytes - skip) & ~(kHuge - 1), MADV_HUGEPAGE);
#endif
}

/// A section as the rounds see it, its slots in one flat vector, so the hot loop stays in cache.
struct SectionState {
    std::int64_t id = 0, course_id = 0;
    std::int32_t remaining = 0, grade_from = 0, grade_to = 0;
    std::uint32_t slot_begin = 0, slot_end = 0;
    std::int32_t worst = kNone;     // key position of the worst holder
    std::uint64_t cutoff_draw = 0;  // the worst holder's key, once the rounds are over
    int cutoff_tier = 0;
};

/// One wish's working state: 16 bytes, so a child's wishes share a cache line or two.
struct WishState {
    std::int32_t section = kNone;  // dense position, kNone when unknown
    std::int32_t conflict = kNone;
    std::int32_t round = 0;
    WishOutcome outcome = WishOutcome::kUnknownSection;
};

/// A child's round state, in key order: one cache line serves the rounds and the layout writes it once.
struct ChildState {
    std::uint32_t cursor = 0, end = 0;             // the next wish to consider and the end of its wishes
    std::uint32_t held_begin = 0, held_count = 0;  // its held sections in Allocator::held_
    int grade = 0, limit = 0;
};

/// A child's order key (tier, draw, id) and its input position; sorted by value, never through indexes:
/// an indirect sort of 830,000 children misses the cache on every comparison and costs seconds.
struct OrderKey {
    int tier = 0;
    std::uint64_t draw = 0;
    std::int64_t id = 0;
    std::uint32_t index = 0;

    bool operator<(const OrderKey& o) const { return std::tie(tier, draw, id) < std::tie(o.tier, o.draw, o.id); }
};

/// One run's working state. The rounds walk the children in key order k; the wishes are stored in the
/// order of the published rows (child id q, then rank), so writing the result reads them front to back.
class Allocator {
public:
    explicit Allocator(const AllocInput& in) : in_(in), index_(in.sections) {}

    /// Lays the input out and runs every round; the rows are then read with EmitRows.
    void Solve() {
        LayOutSections();
        LayOutChildren();
        RunRounds();
        // A section that rejected someone was full then and never changed again, so its worst holder at
        // the end is the worst admitted key at the moment of rejection.
        for (SectionState& s : states_) {
            if (s.worst == kNone) continue;
            s.cutoff_draw = draw_[static_cast<std::size_t>(s.worst)];
            s.cutoff_tier = tier_[static_cast<std::size_t>(s.worst)];
        }
    }

    std::size_t WishCount() const { return wishes_.size(); }

    /// Hands every published row to `sink` in (child id, rank) order until it returns false.
    template <class Sink>
    void EmitRows(Sink&& sink) const {
        for (std::size_t q = 0; q < input_of_.size(); ++q) {
            const AllocChild& c = in_.children[input_of_[q]];
            for (std::uint32_t j = wish_begin_[q]; j < wish_begin_[q + 1]; ++j) {
                const WishState& w = wishes_[j];
                std::optional<std::uint64_t> cutoff_draw;
                std::optional<int> cutoff_tier;
                std::optional<std::int64_t> conflict_with;
                if (w.outcome == WishOutcome::kFull && Section(w.section).worst != kNone) {  // else: no seats
                    cutoff_draw = Section(w.section).cutoff_draw;
                    cutoff_tier = Section(w.section).cutoff_tier;
                }
                if (w.conflict != kNone) conflict_with = Section(w.conflict).id;
                const auto rank = static_cast<int>(j - wish_begin_[q]) + 1;
                if (!sink(WishResult{c.id, rank, c.wishes[static_cast<std::size_t>(rank - 1)], w.outcome, w.round,
                                     row_draw_[q], row_tier_[q], cutoff_draw, cutoff_tier, conflict_with}))
                    return;
            }
        }
    }

private:
    void LayOutSections() {
        states_.resize(in_.sections.size());
        for (std::size_t s = 0; s < in_.sections.size(); ++s) {
            const AllocSection& sec = in_.sections[s];
            if (sec.capacity < 0)
                throw Invalid("afterschool.bad_capacity", "名额不能为负", "Capacity cannot be negative", "capacity");
            const auto first = static_cast<std::uint32_t>(slots_.size());
            slots_.insert(slots_.end(), sec.slots.begin(), sec.slots.end());
            const auto last = static_cast<std::uint32_t>(slots_.size());
            states_[s] = {sec.id, sec.course_id, sec.capacity, sec.grade_from, sec.grade_to, first, last};
        }
    }

    void LayOutChildren() {
        if (in_.seed.empty())
            throw Invalid("afterschool.missing_seed", "摇号种子为空", "The lottery seed is empty", "seed");
        const auto& kids = in_.children;
        const std::size_t n = kids.size();
        std::vector<OrderKey> keys = Keys();
        std::vector<std::pair<std::int64_t, std::uint32_t>> ids(n);
        for (std::size_t i = 0; i < n; ++i) ids[i] = {kids[i].id, static_cast<std::uint32_t>(i)};
        std::sort(ids.begin(), ids.end());
        for (std::size_t q = 1; q < n; ++q)
            if (ids[q].first == ids[q - 1].first)
                throw Invalid("afterschool.duplicate_child", "同一学生出现两次", "A child is listed twice", "children");
        row_draw_.resize(n);
        row_tier_.resize(n);
        for (std::size_t q = 0; q < n; ++q) {  // keys are still in input order here
            row_draw_[q] = keys[ids[q].second].draw;
            row_tier_[q] = keys[ids[q].second].tier;
        }
        std::sort(keys.begin(), keys.end());
        std::vector<std::uint32_t> key_of(n);
        tier_.resize(n);
        draw_.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            key_of[keys[k].index] = static_cast<std::uint32_t>(k);
            tier_[k] = keys[k].tier;
            draw_[k] = keys[k].draw;
        }
        LayOutWishes(ids, key_of);
    }

    std::vector<OrderKey> Keys() const {
        const auto tier_of = TierTable(in_.priority_order);
        const lottery::Drawer draw(in_.seed, in_.context);
        std::vector<OrderKey> keys(in_.children.size());
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const AllocChild& c = in_.children[i];
            int tier = static_cast<int>(in_.priority_order.size());
            for (const PriorityGroup g : c.groups) tier = std::min(tier, tier_of.at(static_cast<std::size_t>(g)));
            keys[i] = {tier, draw(c.id), c.id, static_cast<std::uint32_t>(i)};
        }
        return keys;
    }

    /// Wishes in id order; per-child round state in key order.
    void LayOutWishes(const std::vector<std::pair<std::int64_t, std::uint32_t>>& ids,
                      const std::vector<std::uint32_t>& key_of) {
        const std::size_t n = ids.size();
        std::size_t total = 0;
        for (const auto& c : in_.children) total += c.wishes.size();
        wishes_.reserve(total);
        AdviseHugePages(wishes_.data(), total * sizeof(WishState));
        input_of_.resize(n);
        wish_begin_.assign(n + 1, 0);
        kids_.resize(n);
        for (std::size_t q = 0; q < n; ++q) {
            const std::uint32_t i = ids[q].second;
            const AllocChild& c = in_.children[i];
            input_of_[q] = i;
            for (const std::int64_t id : c.wishes) wishes_.push_back({index_.Find(id)});
            wish_begin_[q + 1] = static_cast<std::uint32_t>(wishes_.size());
            // held_count holds the room a child needs for now; the prefix sum below turns it into offsets.
            kids_[key_of[i]] = {
                wish_begin_[q],
                wish_begin_[q + 1],
                0,
                std::min(static_cast<std::uint32_t>(c.wishes.size()), static_cast<std::uint32_t>(std::max(0, c.limit))),
                c.grade,
                c.limit};
        }
        std::uint32_t offset = 0;
        for (ChildState& k : kids_) {
            k.held_begin = offset;
            offset += std::exchange(k.held_count, 0);
        }
        held_.assign(offset, kNone);
    }

    void RunRounds() {
        std::vector<std::uint32_t> active, next;
        for (std::uint32_t k = 0; k < kids_.size(); ++k) {
            if (kids_[k].limit <= 0)
                FinishAtLimit(kids_[k], 0);
            else if (kids_[k].cursor < kids_[k].end)
                active.push_back(k);
        }
        // `active` stays in key order, so each round is a serial dictatorship in key order — the same
        // matching as the deferred acceptance of the header (see ProposeOnce).
        for (int round = 1; !active.empty(); ++round) {
            next.clear();
            for (const std::uint32_t k : active) {
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

    // Deferred acceptance within one round, done as a serial dictatorship in key order. The key is the
    // same at every section, so the two give the same matching: by induction along the key order, the
    // k-th child is never displaced in DA by anyone behind it, and every child ahead of it already sits
    // where SD put it; so its proposals, its rejections (the section is full of children ahead of it)
    // and its final hold are the same in both. A section's seats taken here are final, as in DA.
    void ProposeOnce(ChildState& kid, std::uint32_t k, int round) {
        for (; kid.cursor < kid.end; ++kid.cursor) {
            WishState& w = wishes_[kid.cursor];
            w.round = round;
            w.outcome = Screen(kid, w);
            if (w.outcome != WishOutcome::kAssigned) continue;
            Take(kid, k, w.section);
            ++kid.cursor;
            return;
        }
    }

    WishOutcome Screen(const ChildState& kid, WishState& w) const {
        if (w.section == kNone) return WishOutcome::kUnknownSection;
        const SectionState& sec = Section(w.section);
        if (kid.grade < sec.grade_from || kid.grade > sec.grade_to) return WishOutcome::kIneligible;
        const std::span<const std::int32_t> held(held_.data() + kid.held_begin, kid.held_count);
        for (const std::int32_t h : held)
            if (Section(h).course_id == sec.course_id) return WishOutcome::kDuplicateCourse;
        for (const std::int32_t h : held)
            if (Clash(Section(h), sec)) {
                w.conflict = h;
                return WishOutcome::kConflict;
            }
        return sec.remaining == 0 ? WishOutcome::kFull : WishOutcome::kAssigned;
    }

    bool Clash(const SectionState& a, const SectionState& b) const {
        for (auto i = a.slot_begin; i < a.slot_end; ++i)
            for (auto j = b.slot_begin; j < b.slot_end; ++j)
                if (Overlaps(slots_[i], slots_[j])) return true;
        return false;
    }

    void Take(ChildState& kid, std::uint32_t k, std::int32_t s) {
        SectionState& sec = states_[static_cast<std::size_t>(s)];
        --sec.remaining;
        sec.worst = std::max(sec.worst, static_cast<std::int32_t>(k));
        held_[kid.held_begin + kid.held_count++] = s;
    }

    void FinishAtLimit(ChildState& kid, int round) {
        for (; kid.cursor < kid.end; ++kid.cursor) {
            wishes_[kid.cursor].outcome = WishOutcome::kLimitReached;
            wishes_[kid.cursor].round = round;
        }
    }

    const SectionState& Section(std::int32_t s) const { return states_[static_cast<std::size_t>(s)]; }

    const AllocInput& in_;
    SectionIndex index_;
    std::vector<SectionState> states_;
    std::vector<TimeSlot> slots_;
    // Per child in key order k: its key and its round state.
    std::vector<int> tier_;
    std::vector<std::uint64_t> draw_;
    std::vector<ChildState> kids_;
    std::vector<std::int32_t> held_;
    // Per child in id order q, and per wish in (child id, rank) order.
    std::vector<std::uint32_t> input_of_, wish_begin_;
    std::vector<std::uint64_t> row_draw_;
    std::vector<int> row_tier_;
    std::vector<WishState> wishes_;
};

}  // namespace

AllocResult Allocate(const AllocInput& input) {
    Allocator run(input);
    run.Solve();
    AllocResult result;
    result.wishes.reserve(run.WishCount());
    AdviseHugePages(result.wishes.data(), run.WishCount() * sizeof(WishResult));
    // The digest is taken while each row is still in cache.
    lottery::Sha256Stream sha;
    std::string chunk;
    run.EmitRows([&](const WishResult& w) {
        result.wishes.push_back(w);
        AppendCanonicalLine(chunk, w);
        if (chunk.size() >= kDigestChunk) {
            sha.Update(chunk);
            chunk.clear();
        }
        return true;
    });
    sha.Update(chunk);
    result.digest = sha.FinishHex();
    return result;
}

std::optional<std::string> VerifyAllocation(const AllocInput& input, const std::vector<WishResult>& published) {
    Allocator run(input);
    run.Solve();
    // Compared row by row as they are produced: a re-run never materialises a second result.
    std::size_t line = 0;
    std::optional<std::string> diff;
    run.EmitRows([&](const WishResult& w) {
        if (line < published.size() && published[line] == w) return ++line, true;
        if (line < published.size()) {
            std::string ours = CanonicalLine(w), theirs = CanonicalLine(published[line]);
            ours.pop_back();
            theirs.pop_back();
            diff = fmt::format("line {} (child {}, wish {}): published \"{}\", recomputed \"{}\"", line + 1, w.child_id,
                               w.rank, theirs, ours);
        }
        return false;
    });
    if (!diff && published.size() != run.WishCount())
        diff = fmt::format("published {} wish lines, recomputed {}", published.size(), run.WishCount());
    return diff;
}

}  // namespace kehou::afterschool
