#include "demo/identity.hpp"

#include <array>
#include <stdexcept>

#include "core/ids.hpp"
#include "demo/random.hpp"

namespace kehou::demo {
namespace {

using std::chrono::sys_days;

// Strides coprime to the moduli, so that value = offset + n·stride visits every value once.
constexpr int kIdModulus = 500;  // per sex: 100 two-digit codes × 5 parities of position 17
constexpr int kIdStride = 193;
constexpr int kTemporaryModulus = 10000;
constexpr int kTemporaryStride = 3217;

void AppendDigits(std::string& out, unsigned value, int width) {
    char buf[10];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buf, static_cast<std::size_t>(width));
}

// Prefix and weight (‰ of numbers issued): China Mobile's 13x dominate older numbers in Shandong.
struct Prefix {
    unsigned prefix;
    std::uint32_t weight;
};
constexpr Prefix kPrefixes[] = {
    {130, 25}, {131, 25}, {132, 25}, {133, 20}, {134, 30}, {135, 60}, {136, 50}, {137, 50},
    {138, 70}, {139, 60}, {150, 30}, {151, 30}, {152, 30}, {153, 20}, {155, 20}, {156, 25},
    {157, 25}, {158, 40}, {159, 40}, {180, 15}, {181, 15}, {182, 20}, {183, 20}, {185, 25},
    {186, 30}, {187, 30}, {188, 25}, {189, 20}, {191, 10}, {195, 10}, {198, 20}, {199, 15},
};
constexpr auto kPrefixCumulative = [] {
    std::array<std::uint32_t, std::size(kPrefixes)> out{};
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = sum += kPrefixes[i].weight;
    return out;
}();

// A keyed permutation of [0, 10^8): four Feistel rounds over two 4-digit halves, so that consecutive
// counters give numbers that look unrelated.
std::uint32_t Scatter(std::uint32_t x, std::uint64_t key) {
    std::uint32_t left = x / 10000;
    std::uint32_t right = x % 10000;
    for (std::uint64_t round = 0; round < 4; ++round) {
        const auto f = static_cast<std::uint32_t>(Mix64(key ^ (round << 32) ^ right) % 10000);
        const std::uint32_t next = (left + f) % 10000;
        left = right;
        right = next;
    }
    return left * 10000 + right;
}

}  // namespace

SequenceTable::SequenceTable(std::uint64_t seed, sys_days first_day, int day_count, int buckets, int modulus)
    : seed_(seed), first_day_(first_day), day_count_(day_count), buckets_(buckets), modulus_(modulus) {}

int SequenceTable::CodeIndex(std::string_view code) {
    for (std::size_t i = 0; i < codes_.size(); ++i)
        if (codes_[i] == code) return static_cast<int>(i);
    codes_.emplace_back(code);
    used_.resize(used_.size() + static_cast<std::size_t>(day_count_ * buckets_), 0);
    return static_cast<int>(codes_.size() - 1);
}

int SequenceTable::Next(std::string_view code, sys_days day, int bucket) {
    const int offset_day = static_cast<int>((day - first_day_).count());
    if (offset_day < 0 || offset_day >= day_count_) throw std::logic_error("demo: birth date outside the window");
    const auto key = (static_cast<std::size_t>(CodeIndex(code)) * static_cast<std::size_t>(day_count_) +
                      static_cast<std::size_t>(offset_day)) *
                         static_cast<std::size_t>(buckets_) +
                     static_cast<std::size_t>(bucket);
    const int n = used_[key];
    if (n >= modulus_) return -1;
    ++used_[key];
    const auto offset = static_cast<int>(Mix64(seed_ ^ Mix64(key)) % static_cast<std::uint64_t>(modulus_));
    const int stride = modulus_ == kIdModulus ? kIdStride : kTemporaryStride;
    return static_cast<int>((offset + static_cast<long long>(n) * stride) % modulus_);
}

void AppendDate(std::string& out, sys_days day, bool compact) {
    const std::chrono::year_month_day ymd{day};
    AppendDigits(out, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    if (!compact) out += '-';
    AppendDigits(out, static_cast<unsigned>(ymd.month()), 2);
    if (!compact) out += '-';
    AppendDigits(out, static_cast<unsigned>(ymd.day()), 2);
}

IdNumberMaker::IdNumberMaker(std::uint64_t seed, sys_days first_day, int day_count)
    : id_(Mix64(seed ^ 0x1D), first_day, day_count, 2, kIdModulus),
      self_assigned_(Mix64(seed ^ 0x1E), first_day, day_count, 2, kIdModulus),
      temporary_(Mix64(seed ^ 0x1F), first_day, day_count, 1, kTemporaryModulus) {}

bool IdNumberMaker::WithCheck(std::string& out, SequenceTable& table, std::string_view code, sys_days born, bool male) {
    const int m = table.Next(code, born, male ? 1 : 0);
    if (m < 0) return false;
    // Positions 15–16 are the registering police station in real numbers; position 17's parity is the sex.
    const auto sequence = static_cast<unsigned>((m / 5) * 10 + 2 * (m % 5) + (male ? 1 : 0));
    const std::size_t start = out.size();
    out += code;
    AppendDate(out, born, true);
    AppendDigits(out, sequence, 3);
    out += IdNumberCheckCharacter(std::string_view(out).substr(start, 17));
    return true;
}

bool IdNumberMaker::IdNumber(std::string& out, std::string_view code, sys_days born, bool male) {
    return WithCheck(out, id_, code, born, male);
}

bool IdNumberMaker::SelfAssigned(std::string& out, std::string_view code, sys_days born, bool male) {
    out += 'J';
    return WithCheck(out, self_assigned_, code, born, male);
}

bool IdNumberMaker::Temporary(std::string& out, std::string_view code, sys_days born) {
    const int m = temporary_.Next(code, born, 0);
    if (m < 0) return false;
    out += 'L';
    out += code;
    AppendDate(out, born, true);
    AppendDigits(out, static_cast<unsigned>(m), 4);
    return true;
}

MobileMaker::MobileMaker(std::uint64_t seed) : key_(Mix64(seed ^ 0x3B)), issued_(std::size(kPrefixes), 0) {}

void MobileMaker::Next(std::string& out, std::uint64_t draw) {
    const auto r = static_cast<std::uint32_t>(draw % kPrefixCumulative.back());
    std::size_t i = 0;
    while (kPrefixCumulative[i] <= r) ++i;
    const std::uint32_t n = issued_[i]++;  // a city issues ~1.7 million of 10^8 per prefix
    AppendDigits(out, kPrefixes[i].prefix, 3);
    AppendDigits(out, Scatter(n, key_ ^ kPrefixes[i].prefix), 8);
}

}  // namespace kehou::demo
