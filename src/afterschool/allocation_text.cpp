// The words of allocation: priority-group and outcome names as stored and published, the canonical line
// of each wish and the digest that covers them all, and the reason a parent reads.
#include <fmt/format.h>

#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

#include "afterschool/allocation.hpp"
#include "afterschool/allocation_solver.hpp"
#include "lottery/lottery.hpp"
#include "lottery/sha256_pipeline.hpp"

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

char* Put(char* out, std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

// "00" to "99" as the two bytes of a little-endian std::uint16_t: two digits a look-up.
constexpr auto kPairs = [] {
    std::array<std::uint16_t, 100> t{};
    for (int i = 0; i < 100; ++i)
        t[static_cast<std::size_t>(i)] = static_cast<std::uint16_t>(('0' + i / 10) | ('0' + i % 10) << 8);
    return t;
}();
static_assert(std::endian::native == std::endian::little, "kPairs and Digits8 assume little-endian bytes");

/// The 8 digits of v < 10^8, leading zeros included, as the bytes of one word. The four pairs come from two
/// independent halves, so the chain of divisions is two deep where std::to_chars' pair loop is ten deep for
/// a 20-digit draw; and they are assembled in a register, since eight bytes read back from four two-byte
/// stores stall the pipeline.
std::uint64_t Digits8(std::uint32_t v) {
    const std::uint32_t hi = v / 10000, lo = v % 10000;
    return std::uint64_t{kPairs[hi / 100]} | std::uint64_t{kPairs[hi % 100]} << 16 |
           std::uint64_t{kPairs[lo / 100]} << 32 | std::uint64_t{kPairs[lo % 100]} << 48;
}

char* Put8(char* out, std::uint32_t v) {
    const std::uint64_t digits = Digits8(v);
    std::memcpy(out, &digits, 8);
    return out + 8;
}

/// v < 10^8 without leading zeros. Branch-free: whether a draw has 19 or 20 digits is a coin toss, and a
/// mispredicted branch costs as much as the digits. Writes 8 bytes whatever the length (see kMaxCanonicalLine).
char* PutShort(char* out, std::uint32_t v) {
    std::size_t n = 1;
    for (std::uint32_t bound = 10; bound < 100'000'000; bound *= 10) n += v >= bound;
    const std::uint64_t digits = Digits8(v) >> (8 * (8 - n));
    std::memcpy(out, &digits, 8);
    return out + n;
}

char* PutUnsigned(char* out, std::uint64_t v) {
    constexpr std::uint64_t k8 = 100'000'000, k16 = k8 * k8;
    if (v < 10) {  // ranks, rounds, tiers: a branch that each field takes always or never
        *out = static_cast<char>('0' + v);
        return out + 1;
    }
    if (v < k8) return PutShort(out, static_cast<std::uint32_t>(v));
    if (v < k16) {
        out = PutShort(out, static_cast<std::uint32_t>(v / k8));
    } else {
        out = PutShort(out, static_cast<std::uint32_t>(v / k16));  // at most 1844
        out = Put8(out, static_cast<std::uint32_t>(v % k16 / k8));
    }
    return Put8(out, static_cast<std::uint32_t>(v % k8));
}

/// v in decimal, as std::to_chars writes it.
template <class T>
char* PutInteger(char* out, T v) {
    if constexpr (std::is_signed_v<T>) {
        if (v < 0) {
            *out++ = '-';
            return PutUnsigned(out, std::uint64_t{0} - static_cast<std::uint64_t>(v));
        }
    }
    return PutUnsigned(out, static_cast<std::uint64_t>(v));
}

template <class T>
char* PutNumber(char* out, T v) {
    *out = ' ';
    return PutInteger(out + 1, v);
}

/// " " and the outcome's name, copied as 17 padded bytes whatever its length: branch-free, as in PutShort.
char* PutOutcome(char* out, WishOutcome outcome) {
    struct Name {
        char text[17];  // " duplicate_course", the longest, and the others padded to it
        std::size_t size;
    };
    static const auto kNames = [] {
        std::array<Name, 8> names{};  // the seven outcomes, then "invalid"
        for (std::size_t o = 0; o < names.size(); ++o) {
            const std::string_view name = WishOutcomeName(static_cast<WishOutcome>(o));
            std::memset(names[o].text, ' ', sizeof names[o].text);
            std::memcpy(names[o].text + 1, name.data(), name.size());
            names[o].size = name.size() + 1;
        }
        return names;
    }();
    const auto o = static_cast<std::size_t>(outcome);
    const Name& name = kNames[o < kNames.size() ? o : kNames.size() - 1];
    std::memcpy(out, name.text, sizeof name.text);
    return out + name.size;
}

template <class T>
char* PutOptional(char* out, const std::optional<T>& v) {
    return v ? PutNumber(out, *v) : Put(out, " -");
}

}  // namespace

namespace detail {

ChildLines::ChildLines(std::int64_t child_id, std::uint64_t draw, int tier) {
    id_size_ = static_cast<std::size_t>(PutInteger(id_, child_id) - id_);
    key_size_ = static_cast<std::size_t>(PutNumber(PutNumber(key_, draw), tier) - key_);
}

char* ChildLines::Write(char* out, const WishResult& w) const {
    // By hand rather than through fmt: the digest formats four million lines, at 23 ns a line against fmt's 84
    // (see Digits8 and PutShort), and fewer still with the child's fields written once for all its wishes.
    // Whole buffers are copied, whatever the length: fixed-size copies need no branch (kMaxCanonicalLine).
    std::memcpy(out, id_, sizeof id_);
    out += id_size_;
    out = PutNumber(out, w.rank);
    out = PutNumber(out, w.section_id);
    out = PutOutcome(out, w.outcome);
    out = PutNumber(out, w.round);
    std::memcpy(out, key_, sizeof key_);
    out += key_size_;
    out = PutOptional(out, w.cutoff_draw);
    out = PutOptional(out, w.cutoff_tier);
    out = PutOptional(out, w.conflict_with);
    *out++ = '\n';
    return out;
}

}  // namespace detail

char* WriteCanonicalLine(char* out, const WishResult& w) {
    return detail::ChildLines(w.child_id, w.draw, w.tier).Write(out, w);
}

void AppendCanonicalLine(std::string& out, const WishResult& w) {
    const std::size_t at = out.size();
    out.resize(at + kMaxCanonicalLine);
    out.resize(static_cast<std::size_t>(WriteCanonicalLine(out.data() + at, w) - out.data()));
}

std::string CanonicalLine(const WishResult& wish) {
    std::string line;
    AppendCanonicalLine(line, wish);
    return line;
}

namespace detail {

constexpr std::uint32_t kRowsAhead = 16;  // rows whose section is fetched while this one is written

// Fills the rows and returns the digest of their canonical lines, hashed on a second thread as they are
// written (lottery::Sha256Pipeline): the same bytes in the same order, so the same digest as ever. Writing the
// rows and their lines takes about as long as hashing the lines (0.2 s for a city), so the two threads
// finish together; SHA-256 is sequential, and its time is the floor of this read-out.
std::string FillRows(const Allocator& run, std::vector<WishResult>& rows) {
    lottery::Sha256Pipeline sha(run.WishCount() >= kBackgroundRows);
    for (std::size_t q = 0; q < run.ChildCount(); ++q) {
        const ChildLines lines = run.LinesOf(q);
        for (std::uint32_t j = run.RowBegin(q); j < run.RowBegin(q + 1); ++j) {
            run.PrefetchRow(j + kRowsAhead);
            rows.push_back(run.Row(q, j));
            sha.Wrote(lines.Write(sha.Room(kMaxCanonicalLine), rows.back()));
        }
    }
    return sha.FinishHex();
}

}  // namespace detail

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
