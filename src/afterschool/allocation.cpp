#include "afterschool/allocation.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <span>
#include <tuple>

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
        for (const auto& [id, pos] : sorted_) table_[static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(base_)] = pos;
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

template <class T>
void AppendOptional(fmt::memory_buffer& out, const std::optional<T>& v) {
    if (v)
        fmt::format_to(std::back_inserter(out), FMT_COMPILE(" {}"), *v);
    else
        out.append(std::string_view(" -"));
}

void AppendLine(fmt::memory_buffer& out, const WishResult& w) {
    // Compiled formats: a city-wide result has four million lines, and the digest formats each one.
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{} {} {} {} {} {} {}"), w.child_id, w.rank, w.section_id,
                   WishOutcomeName(w.outcome), w.round, w.draw, w.tier);
    AppendOptional(out, w.cutoff_draw);
    AppendOptional(out, w.cutoff_tier);
    AppendOptional(out, w.conflict_with);
    out.push_back('\n');
}

/// Asks Linux to back a large, fresh buffer with 2 MiB pages. First-touch faults of a city's 365 MB result
/// cost about a second in 4 KiB pages on our virtual machines and a twentieth of that in huge pages
/// (bench/allocation_bench). Only a hint: a no-op elsewhere or when refused.
void AdviseHugePages(const void* data, std::size_t bytes) {
#ifdef __linux__
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
    if (start + bytes > begin + kHuge)
        madvise(reinterpret_cast<void*>(begin), (start + bytes - begin) & ~(kHuge - 1), MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

/// A section as the rounds see it: 32 bytes, its slots in one flat vector, so the hot loop stays in cache.
struct SectionState {
    std::int64_t course_id = 0;
    std::int32_t remaining = 0;
    std::int32_t grade_from = 0, grade_to = 0;
    std::uint32_t slot_begin = 0, slot_end = 0;
    std::int32_t worst = kNone;  // key position of the worst holder
};

/// A child's order key (tier, draw, id) and its input position.
struct OrderKey {
    int tier = 0;
    std::uint64_t draw = 0;
    std::int64_t id = 0;
    std::uint32_t index = 0;

    bool operator<(const OrderKey& o) const { return std::tie(tier, draw, id) < std::tie(o.tier, o.draw, o.id); }
};

/// One run's working state. Children are numbered by their position k in the order key, so the rounds
/// walk every per-child and per-wish vector front to back; the output is laid out in id order at the end.
class Allocator {
public:
    explicit Allocator(const AllocInput& in) : in_(in), index_(in.sections) {}

    /// Lays the input out and runs every round; the rows are then read with EmitRows.
    void Solve() {
        LayOutSections();
        LayOutChildren();
        std::vector<std::uint32_t> active, next;
        for (std::uint32_t k = 0; k < child_.size(); ++k) {
            if (child_[k]->limit <= 0)
                FinishAtLimit(k, 0);
            else if (wish_begin_[k] < wish_begin_[k + 1])
                active.push_back(k);
        }
        // `active` stays in key order, so each round is a serial dictatorship in key order — the same
        // matching as the deferred acceptance of the header (see ProposeOnce).
        for (int round = 1; !active.empty(); ++round) {
            next.clear();
            for (const std::uint32_t k : active) {
                ProposeOnce(k, round);
                if (static_cast<int>(held_count_[k]) >= child_[k]->limit)
                    FinishAtLimit(k, round);
                else if (cursor_[k] < wish_begin_[k + 1])
                    next.push_back(k);
            }
            active.swap(next);
        }
    }

    std::size_t WishCount() const { return wish_begin_.back(); }

    /// Hands every published row to `sink` in (child id, rank) order until it returns false. A section
    /// that rejected someone was full then and never changed again, so its worst holder at the end is the
    /// worst admitted key at that moment.
    template <class Sink>
    void EmitRows(Sink&& sink) const {
        for (const std::uint32_t k : by_id_) {
            const AllocChild& c = *child_[k];
            for (std::uint32_t j = wish_begin_[k]; j < wish_begin_[k + 1]; ++j) {
                std::optional<std::uint64_t> cutoff_draw;
                std::optional<int> cutoff_tier;
                std::optional<std::int64_t> conflict_with;
                const std::int32_t worst = outcome_[j] == WishOutcome::kFull ? Worst(wish_section_[j]) : kNone;
                if (worst != kNone) {  // kNone too for a section without seats
                    cutoff_draw = draw_[static_cast<std::size_t>(worst)];
                    cutoff_tier = tier_[static_cast<std::size_t>(worst)];
                }
                if (conflict_[j] != kNone) conflict_with = in_.sections[static_cast<std::size_t>(conflict_[j])].id;
                if (!sink(WishResult{c.id, static_cast<int>(j - wish_begin_[k]) + 1, c.wishes[j - wish_begin_[k]],
                                     outcome_[j], round_[j], draw_[k], tier_[k], cutoff_draw, cutoff_tier,
                                     conflict_with}))
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
            states_[s] = {sec.course_id, sec.capacity, sec.grade_from, sec.grade_to, first,
                          static_cast<std::uint32_t>(slots_.size())};
        }
    }

    void LayOutChildren() {
        if (in_.seed.empty())
            throw Invalid("afterschool.missing_seed", "摇号种子为空", "The lottery seed is empty", "seed");
        const auto& kids = in_.children;
        const std::size_t n = kids.size();
        const auto tier_of = TierTable(in_.priority_order);
        const lottery::Drawer draw(in_.seed, in_.context);
        // Sorted by value, not through indexes: an indirect sort of 830,000 children misses the cache on
        // every comparison and costs seconds.
        std::vector<OrderKey> keys(n);
        for (std::size_t i = 0; i < n; ++i) {
            int tier = static_cast<int>(in_.priority_order.size());
            for (const PriorityGroup g : kids[i].groups) tier = std::min(tier, tier_of.at(static_cast<std::size_t>(g)));
            keys[i] = {tier, draw(kids[i].id), kids[i].id, static_cast<std::uint32_t>(i)};
        }
        std::sort(keys.begin(), keys.end());
        child_.resize(n);
        tier_.resize(n);
        draw_.resize(n);
        wish_begin_.assign(n + 1, 0);
        held_begin_.assign(n + 1, 0);
        for (std::size_t k = 0; k < n; ++k) {
            const AllocChild& c = kids[keys[k].index];
            child_[k] = &c;
            tier_[k] = keys[k].tier;
            draw_[k] = keys[k].draw;
            const auto wishes = static_cast<std::uint32_t>(c.wishes.size());
            wish_begin_[k + 1] = wish_begin_[k] + wishes;
            held_begin_[k + 1] = held_begin_[k] + std::min(wishes, static_cast<std::uint32_t>(std::max(0, c.limit)));
        }
        SortById(keys);
        cursor_.assign(wish_begin_.begin(), wish_begin_.end() - 1);
        held_count_.assign(n, 0);
        held_.assign(held_begin_[n], kNone);
        wish_section_.resize(wish_begin_[n]);
        for (std::size_t k = 0; k < n; ++k)
            for (std::uint32_t j = wish_begin_[k]; j < wish_begin_[k + 1]; ++j)
                wish_section_[j] = index_.Find(child_[k]->wishes[j - wish_begin_[k]]);
        outcome_.assign(wish_begin_[n], WishOutcome::kUnknownSection);
        round_.assign(wish_begin_[n], 0);
        conflict_.assign(wish_begin_[n], kNone);
    }

    /// by_id_: key positions in child id order, for the output; refuses a child listed twice.
    void SortById(const std::vector<OrderKey>& keys) {
        std::vector<std::pair<std::int64_t, std::uint32_t>> ids(keys.size());
        for (std::size_t k = 0; k < keys.size(); ++k) ids[k] = {keys[k].id, static_cast<std::uint32_t>(k)};
        std::sort(ids.begin(), ids.end());
        by_id_.resize(ids.size());
        for (std::size_t q = 0; q < ids.size(); ++q) {
            if (q > 0 && ids[q].first == ids[q - 1].first)
                throw Invalid("afterschool.duplicate_child", "同一学生出现两次", "A child is listed twice", "children");
            by_id_[q] = ids[q].second;
        }
    }

    // Deferred acceptance within one round, done as a serial dictatorship in key order. The key is the
    // same at every section, so the two give the same matching: by induction along the key order, the
    // k-th child is never displaced in DA by anyone behind it, and every child ahead of it already sits
    // where SD put it; so its proposals, its rejections (the section is full of children ahead of it)
    // and its final hold are the same in both. A section's seats taken here are final, as in DA.
    void ProposeOnce(std::uint32_t k, int round) {
        for (auto& j = cursor_[k]; j < wish_begin_[k + 1]; ++j) {
            round_[j] = round;
            outcome_[j] = Screen(k, wish_section_[j], conflict_[j]);
            if (outcome_[j] != WishOutcome::kAssigned) continue;
            Take(k, wish_section_[j]);
            ++j;
            return;
        }
    }

    WishOutcome Screen(std::uint32_t k, std::int32_t s, std::int32_t& conflict) const {
        if (s == kNone) return WishOutcome::kUnknownSection;
        const SectionState& sec = states_[static_cast<std::size_t>(s)];
        const int grade = child_[k]->grade;
        if (grade < sec.grade_from || grade > sec.grade_to) return WishOutcome::kIneligible;
        const std::span<const std::int32_t> held(held_.data() + held_begin_[k], held_count_[k]);
        for (const std::int32_t h : held)
            if (states_[static_cast<std::size_t>(h)].course_id == sec.course_id) return WishOutcome::kDuplicateCourse;
        for (const std::int32_t h : held)
            if (Clash(states_[static_cast<std::size_t>(h)], sec)) {
                conflict = h;
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

    void Take(std::uint32_t k, std::int32_t s) {
        SectionState& sec = states_[static_cast<std::size_t>(s)];
        --sec.remaining;
        sec.worst = std::max(sec.worst, static_cast<std::int32_t>(k));
        held_[held_begin_[k] + held_count_[k]++] = s;
    }

    void FinishAtLimit(std::uint32_t k, int round) {
        for (auto& j = cursor_[k]; j < wish_begin_[k + 1]; ++j) {
            outcome_[j] = WishOutcome::kLimitReached;
            round_[j] = round;
        }
    }

    std::int32_t Worst(std::int32_t s) const { return states_[static_cast<std::size_t>(s)].worst; }

    const AllocInput& in_;
    SectionIndex index_;
    std::vector<SectionState> states_;
    std::vector<TimeSlot> slots_;
    // Per child, by key position k.
    std::vector<const AllocChild*> child_;
    std::vector<int> tier_;
    std::vector<std::uint64_t> draw_;
    std::vector<std::uint32_t> wish_begin_, cursor_, held_begin_, held_count_, by_id_;
    std::vector<std::int32_t> held_;
    // Per wish, in the same k-major layout.
    std::vector<std::int32_t> wish_section_, conflict_;
    std::vector<WishOutcome> outcome_;
    std::vector<int> round_;
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
    fmt::memory_buffer chunk;
    run.EmitRows([&](const WishResult& w) {
        result.wishes.push_back(w);
        AppendLine(chunk, w);
        if (chunk.size() >= 64 * 1024) {
            sha.Update({chunk.data(), chunk.size()});
            chunk.clear();
        }
        return true;
    });
    sha.Update({chunk.data(), chunk.size()});
    result.digest = sha.FinishHex();
    return result;
}

std::string CanonicalLine(const WishResult& wish) {
    fmt::memory_buffer line;
    AppendLine(line, wish);
    return fmt::to_string(line);
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
            diff = fmt::format("line {} (child {}, wish {}): published \"{}\", recomputed \"{}\"", line + 1,
                               w.child_id, w.rank, theirs, ours);
        }
        return false;
    });
    if (!diff && published.size() != run.WishCount())
        diff = fmt::format("published {} wish lines, recomputed {}", published.size(), run.WishCount());
    return diff;
}

}  // namespace kehou::afterschool
