// 志愿+摇号 allocation on random instances: the invariants that make a lottery result defensible hold for
// every seed, and the fast allocation equals a literal, slow deferred acceptance written from the header.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "afterschool/allocation.hpp"
#include "afterschool/rules.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {
namespace {

using Key = std::tuple<int, std::uint64_t, std::int64_t>;  // (tier, draw, child id)
using WishKey = std::pair<std::int64_t, int>;              // (child id, rank)

class Rng {
public:
    explicit Rng(std::uint64_t seed) : gen_(seed) {}
    int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen_); }
    bool Chance(double p) { return std::bernoulli_distribution(p)(gen_); }
    std::mt19937_64& gen() { return gen_; }

private:
    std::mt19937_64 gen_;
};

AllocInput RandomInput(std::uint64_t instance, std::string seed) {
    Rng rng(instance);
    AllocInput in{std::move(seed), "afterschool-window-" + std::to_string(instance), DefaultPriorityOrder(), {}, {}};
    std::shuffle(in.priority_order.begin(), in.priority_order.end(), rng.gen());
    in.priority_order.resize(static_cast<std::size_t>(rng.Int(0, 5)));
    const int sections = rng.Int(20, 50);
    for (int i = 0; i < sections; ++i) {
        AllocSection s{100 + 3 * i, rng.Int(1, sections / 2), rng.Int(0, 12), rng.Int(1, 6), 9, {}};
        s.grade_to = rng.Int(s.grade_from, 9);
        for (int k = rng.Int(1, 2); k > 0; --k) {
            const int start = 900 + 30 * rng.Int(0, 6);
            s.slots.push_back({rng.Int(1, 5), start, start + 30 * rng.Int(1, 3)});
        }
        in.sections.push_back(std::move(s));
    }
    const int children = rng.Int(200, 400);
    for (int i = 0; i < children; ++i) {
        AllocChild c{1000 + 7 * i, rng.Int(1, 9), rng.Int(0, 3), {}, {}};
        for (const PriorityGroup g : DefaultPriorityOrder())
            if (rng.Chance(0.08)) c.groups.push_back(g);
        for (int k = rng.Int(0, 6); k > 0; --k)
            c.wishes.push_back(rng.Chance(0.05) ? 99'999 : 100 + 3 * rng.Int(0, sections - 1));
        in.children.push_back(std::move(c));
    }
    std::shuffle(in.children.begin(), in.children.end(), rng.gen());  // input order must not matter
    return in;
}

/// Order keys of every child, computed from the documented definition.
std::map<std::int64_t, Key> KeysOf(const AllocInput& in) {
    std::map<std::int64_t, Key> keys;
    for (const auto& c : in.children) {
        int tier = static_cast<int>(in.priority_order.size());
        for (const PriorityGroup g : c.groups) {
            const auto it = std::find(in.priority_order.begin(), in.priority_order.end(), g);
            if (it != in.priority_order.end()) tier = std::min(tier, static_cast<int>(it - in.priority_order.begin()));
        }
        keys[c.id] = {tier, lottery::Draw(in.seed, in.context, c.id), c.id};
    }
    return keys;
}

struct RefOutcome {
    WishOutcome outcome;
    int round;
    std::optional<std::int64_t> conflict_with;
};

/// A literal student-proposing deferred acceptance per round, with tentative holds and rejections.
class Reference {
public:
    explicit Reference(const AllocInput& in) : keys_(KeysOf(in)) {
        for (const auto& s : in.sections) {
            section_[s.id] = &s;
            remaining_[s.id] = s.capacity;
        }
        for (const auto& c : in.children) kids_.push_back({&c, {}, 0});
    }

    std::map<WishKey, RefOutcome> Run() {
        int max_limit = 0;
        for (auto& k : kids_) {
            max_limit = std::max(max_limit, k.child->limit);
            if (k.child->limit <= 0) RecordRest(k, WishOutcome::kLimitReached, 0);
        }
        for (int round = 1; round <= max_limit; ++round) RunRound(round);
        return out_;
    }

private:
    struct Kid {
        const AllocChild* child;
        std::vector<std::int64_t> held;
        std::size_t cursor;
    };

    void RunRound(int round) {
        std::deque<Kid*> free;
        for (auto& k : kids_)
            if (static_cast<int>(k.held.size()) < k.child->limit && k.cursor < k.child->wishes.size())
                free.push_back(&k);
        std::map<std::int64_t, std::vector<Kid*>> holds;
        while (!free.empty()) {
            Kid* k = free.front();
            free.pop_front();
            while (k->cursor < k->child->wishes.size()) {
                const std::int64_t s = k->child->wishes[k->cursor];
                if (const auto skip = Screen(*k, s)) {
                    Record(*k, {skip->outcome, round, skip->conflict_with});
                    continue;
                }
                auto& held = holds[s];
                held.push_back(k);
                std::sort(held.begin(), held.end(), [&](Kid* a, Kid* b) { return KeyOf(a) < KeyOf(b); });
                if (static_cast<int>(held.size()) <= remaining_[s]) break;
                Kid* rejected = held.back();
                held.pop_back();
                Record(*rejected, {WishOutcome::kFull, round, std::nullopt});
                if (rejected == k) continue;
                free.push_back(rejected);
                break;
            }
        }
        for (auto& [s, held] : holds)
            for (Kid* k : held) {
                Record(*k, {WishOutcome::kAssigned, round, std::nullopt});
                k->held.push_back(s);
                --remaining_[s];
            }
        for (auto& k : kids_)
            if (k.child->limit > 0 && static_cast<int>(k.held.size()) == k.child->limit)
                RecordRest(k, WishOutcome::kLimitReached, round);
    }

    std::optional<RefOutcome> Screen(const Kid& k, std::int64_t s) const {
        const auto it = section_.find(s);
        if (it == section_.end()) return RefOutcome{WishOutcome::kUnknownSection, 0, {}};
        const AllocSection& sec = *it->second;
        if (k.child->grade < sec.grade_from || k.child->grade > sec.grade_to)
            return RefOutcome{WishOutcome::kIneligible, 0, {}};
        for (const std::int64_t h : k.held)
            if (section_.at(h)->course_id == sec.course_id) return RefOutcome{WishOutcome::kDuplicateCourse, 0, {}};
        for (const std::int64_t h : k.held)
            for (const auto& a : section_.at(h)->slots)
                for (const auto& b : sec.slots)
                    if (Overlaps(a, b)) return RefOutcome{WishOutcome::kConflict, 0, h};
        return std::nullopt;
    }

    Key KeyOf(const Kid* k) const { return keys_.at(k->child->id); }
    void Record(Kid& k, RefOutcome o) { out_[{k.child->id, static_cast<int>(++k.cursor)}] = o; }
    void RecordRest(Kid& k, WishOutcome o, int round) {
        while (k.cursor < k.child->wishes.size()) Record(k, {o, round, std::nullopt});
    }

    std::map<std::int64_t, Key> keys_;
    std::map<std::int64_t, const AllocSection*> section_;
    std::map<std::int64_t, int> remaining_;
    std::vector<Kid> kids_;
    std::map<WishKey, RefOutcome> out_;
};

/// Every invariant a published result must satisfy, checked against the input alone.
void CheckInvariants(const AllocInput& in, const AllocResult& r) {
    const auto keys = KeysOf(in);
    std::map<std::int64_t, const AllocSection*> sections;
    for (const auto& s : in.sections) sections[s.id] = &s;
    std::map<std::int64_t, const AllocChild*> children;
    std::size_t total = 0;
    int max_limit = 0;
    for (const auto& c : in.children) {
        children[c.id] = &c;
        total += c.wishes.size();
        max_limit = std::max(max_limit, c.limit);
    }
    // Every wish exactly once, in (child, rank) order, with its own section, draw and tier.
    ASSERT_EQ(r.wishes.size(), total);
    std::map<std::int64_t, std::vector<const WishResult*>> held;      // child → assigned wishes
    std::map<std::int64_t, std::vector<const WishResult*>> admitted;  // section → assigned wishes
    for (std::size_t i = 0; i < r.wishes.size(); ++i) {
        const WishResult& w = r.wishes[i];
        if (i > 0) {
            ASSERT_LT(WishKey(r.wishes[i - 1].child_id, r.wishes[i - 1].rank), WishKey(w.child_id, w.rank));
        }
        const AllocChild& c = *children.at(w.child_id);
        ASSERT_EQ(w.section_id, c.wishes.at(static_cast<std::size_t>(w.rank - 1)));
        EXPECT_EQ(std::tuple(w.tier, w.draw, w.child_id), keys.at(w.child_id));
        EXPECT_LE(w.round, max_limit);
        if (w.outcome == WishOutcome::kAssigned) {
            held[w.child_id].push_back(&w);
            admitted[w.section_id].push_back(&w);
        }
    }
    for (const auto& [id, ws] : admitted) EXPECT_LE(static_cast<int>(ws.size()), sections.at(id)->capacity) << id;
    for (const auto& [id, ws] : held) {
        EXPECT_LE(static_cast<int>(ws.size()), children.at(id)->limit) << id;
        for (std::size_t a = 0; a < ws.size(); ++a)
            for (std::size_t b = 0; b < a; ++b) {
                const AllocSection &x = *sections.at(ws[a]->section_id), &y = *sections.at(ws[b]->section_id);
                EXPECT_NE(x.course_id, y.course_id) << id;
                for (const auto& s : x.slots)
                    for (const auto& t : y.slots) EXPECT_FALSE(Overlaps(s, t)) << id;
            }
    }
    for (const WishResult& w : r.wishes) {
        const AllocChild& c = *children.at(w.child_id);
        const auto sec = sections.find(w.section_id);
        const auto& mine = held[w.child_id];
        const auto held_before = [&](auto pred) {
            return std::any_of(mine.begin(), mine.end(),
                               [&](const WishResult* h) { return h->round < w.round && pred(*h); });
        };
        switch (w.outcome) {
            case WishOutcome::kAssigned:
                break;
            case WishOutcome::kFull: {
                const auto& in_s = admitted[w.section_id];
                EXPECT_EQ(static_cast<int>(in_s.size()), sec->second->capacity);
                Key worst{-1, 0, 0};
                for (const WishResult* a : in_s) {
                    worst = std::max(worst, keys.at(a->child_id));
                    if (a->round != w.round) continue;
                    // Priority respected, and no blocking pair within the round.
                    EXPECT_LE(a->tier, w.tier) << w.child_id << " at " << w.section_id;
                    EXPECT_LT(keys.at(a->child_id), keys.at(w.child_id)) << w.child_id << " at " << w.section_id;
                }
                if (in_s.empty()) {
                    EXPECT_FALSE(w.cutoff_draw.has_value());
                } else {
                    EXPECT_EQ(w.cutoff_tier, std::get<0>(worst));
                    EXPECT_EQ(w.cutoff_draw, std::get<1>(worst));
                }
                break;
            }
            case WishOutcome::kConflict:
                EXPECT_TRUE(held_before([&](const WishResult& h) { return h.section_id == w.conflict_with; }));
                break;
            case WishOutcome::kDuplicateCourse:
                EXPECT_TRUE(held_before([&](const WishResult& h) {
                    return sections.at(h.section_id)->course_id == sec->second->course_id;
                }));
                break;
            case WishOutcome::kIneligible:
                EXPECT_TRUE(c.grade < sec->second->grade_from || c.grade > sec->second->grade_to);
                break;
            case WishOutcome::kUnknownSection:
                EXPECT_EQ(sec, sections.end());
                break;
            case WishOutcome::kLimitReached:
                EXPECT_EQ(static_cast<int>(mine.size()), std::max(0, c.limit));
                for (const WishResult* h : mine) EXPECT_LT(h->rank, w.rank);
                break;
        }
    }
}

class AllocationPropertyTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(AllocationPropertyTest, InvariantsHoldForEverySeed) {
    for (const std::string seed : {"alpha", "beta", "0b6c2f4e9a"}) {
        SCOPED_TRACE(seed);
        const AllocInput in = RandomInput(GetParam(), seed);
        const AllocResult r = Allocate(in);
        CheckInvariants(in, r);
        // The generator exercises every outcome, or the checks above would be vacuous.
        std::set<std::string_view> seen;
        for (const auto& w : r.wishes) seen.insert(WishOutcomeName(w.outcome));
        EXPECT_EQ(seen.size(), 7u);
        EXPECT_EQ(Allocate(in).digest, r.digest);
        EXPECT_EQ(VerifyAllocation(in, r.wishes), std::nullopt);
    }
}

TEST_P(AllocationPropertyTest, EqualsALiteralDeferredAcceptance) {
    const AllocInput in = RandomInput(GetParam(), lottery::NewSeed());
    const auto expected = Reference(in).Run();
    const AllocResult r = Allocate(in);
    ASSERT_EQ(r.wishes.size(), expected.size());
    for (const WishResult& w : r.wishes) {
        const RefOutcome& e = expected.at({w.child_id, w.rank});
        EXPECT_EQ(WishOutcomeName(w.outcome), WishOutcomeName(e.outcome)) << w.child_id << " wish " << w.rank;
        EXPECT_EQ(w.round, e.round) << w.child_id << " wish " << w.rank;
        EXPECT_EQ(w.conflict_with, e.conflict_with) << w.child_id << " wish " << w.rank;
    }
}

INSTANTIATE_TEST_SUITE_P(AllocationRandom, AllocationPropertyTest, ::testing::Range<std::uint64_t>(1, 13));

}  // namespace
}  // namespace kehou::afterschool
