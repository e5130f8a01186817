#pragma once
// Identifiers for invented people: identity numbers (GB 11643, RULES R3.1), student numbers (RULES R3.8) and
// mobile numbers, each unique within one generation by construction rather than by a set of all issued ones.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::demo {

/// Hands out the sequence part of numbers keyed by (division code, date of birth, bucket), each key's
/// values distinct and scattered over [0, modulus) by a fixed stride from a seeded offset.
class SequenceTable {
public:
    SequenceTable(std::uint64_t seed, std::chrono::sys_days first_day, int day_count, int buckets, int modulus);

    /// The next unused value for this key, or -1 once all `modulus` values are taken.
    int Next(std::string_view code, std::chrono::sys_days day, int bucket);

private:
    int CodeIndex(std::string_view code);

    std::uint64_t seed_;
    std::chrono::sys_days first_day_;
    int day_count_;
    int buckets_;
    int modulus_;
    std::vector<std::string> codes_;
    std::vector<std::uint16_t> used_;  // per code: day_count × buckets counters
};

/// Appends YYYY-MM-DD, or YYYYMMDD when compact.
void AppendDate(std::string& out, std::chrono::sys_days day, bool compact);

/// Builds identity numbers and student numbers for children born in a window of days.
class IdNumberMaker {
public:
    IdNumberMaker(std::uint64_t seed, std::chrono::sys_days first_day, int day_count);

    /// code + date + sequence (position 17 odd for males) + MOD 11-2 check; false when the key is full.
    bool IdNumber(std::string& out, std::string_view code, std::chrono::sys_days born, bool male);
    /// `J` + the same layout, with the school's division code (pupils issued a number before an ID).
    bool SelfAssigned(std::string& out, std::string_view code, std::chrono::sys_days born, bool male);
    /// `L` + division code + date of birth + 4 digits, no checksum (temporary number).
    bool Temporary(std::string& out, std::string_view code, std::chrono::sys_days born);

private:
    bool WithCheck(std::string& out, SequenceTable& table, std::string_view code, std::chrono::sys_days born,
                   bool male);

    SequenceTable id_;
    SequenceTable self_assigned_;
    SequenceTable temporary_;
};

/// Mainland mobile numbers on common 13x/15x/18x/19x prefixes, never the same one twice in a generation.
class MobileMaker {
public:
    explicit MobileMaker(std::uint64_t seed);
    void Next(std::string& out, std::uint64_t draw);  // `draw` picks the prefix

private:
    std::uint64_t key_;
    std::vector<std::uint32_t> issued_;  // per prefix
};

}  // namespace kehou::demo
