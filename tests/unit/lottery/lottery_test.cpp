// The shared lottery: commit–reveal seeds and reproducible draws.
#include "lottery/lottery.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

#include "lottery/sha256_pipeline.hpp"

namespace kehou::lottery {
namespace {

bool IsLowerHex(const std::string& s) {
    return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(LotteryTest, NewSeedIs64LowerHexAndFresh) {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
        const std::string seed = NewSeed();
        EXPECT_EQ(seed.size(), 64u);
        EXPECT_TRUE(IsLowerHex(seed)) << seed;
        seen.insert(seed);
    }
    EXPECT_EQ(seen.size(), 20u);
}

TEST(LotteryTest, Sha256HexMatchesTheStandardVectors) {
    EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(LotteryTest, StreamedDigestEqualsOneShot) {
    Sha256Stream s;
    s.Update("a");
    s.Update("");
    s.Update("bc");
    EXPECT_EQ(s.FinishHex(), Sha256Hex("abc"));
}

TEST(LotteryTest, CommitmentMatchesOnlyItsSeed) {
    const std::string seed = NewSeed();
    const std::string commitment = Commitment(seed);
    EXPECT_EQ(commitment, Sha256Hex(seed));
    EXPECT_EQ(commitment.size(), 64u);
    EXPECT_TRUE(SeedMatches(seed, commitment));
    std::string upper = commitment;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(SeedMatches(seed, upper));
    EXPECT_FALSE(SeedMatches(NewSeed(), commitment));
    std::string flipped = seed;
    flipped[0] = flipped[0] == '0' ? '1' : '0';
    EXPECT_FALSE(SeedMatches(flipped, commitment));
    EXPECT_FALSE(SeedMatches(seed, commitment.substr(0, 63)));
    EXPECT_FALSE(SeedMatches(seed, ""));
}

TEST(LotteryTest, DrawIsTheFirstEightBytesOfTheDocumentedHash) {
    const std::string hex = Sha256Hex("seed|afterschool-window-17|42");
    EXPECT_EQ(Draw("seed", "afterschool-window-17", 42), std::stoull(hex.substr(0, 16), nullptr, 16));
    const std::string negative = Sha256Hex("seed|ctx|-7");
    EXPECT_EQ(Draw("seed", "ctx", -7), std::stoull(negative.substr(0, 16), nullptr, 16));
}

TEST(LotteryTest, DrawerMatchesTheHashAcrossBlockBoundaries) {
    // A real seed (64 hex) and contexts of many lengths put the prefix on both sides of SHA-256's 64-byte
    // blocks, where reusing the hashed prefix could go wrong.
    const std::string seed = NewSeed();
    for (std::size_t len = 0; len < 140; len += 7) {
        const std::string context(len, 'c');
        const Drawer drawer(seed, context);
        for (const std::int64_t id :
             {std::int64_t{0}, std::int64_t{7}, std::int64_t{-12345}, std::int64_t{9'000'000'000'000}}) {
            const std::string hex = Sha256Hex(fmt::format("{}|{}|{}", seed, context, id));
            EXPECT_EQ(drawer(id), std::stoull(hex.substr(0, 16), nullptr, 16)) << len << " " << id;
        }
    }
}

TEST(LotteryTest, DrawIsDeterministicAndDependsOnEveryInput) {
    const std::string seed = "3f1c";
    const std::uint64_t d = Draw(seed, "afterschool-window-17", 1001);
    EXPECT_EQ(d, Draw(seed, "afterschool-window-17", 1001));
    EXPECT_NE(d, Draw(seed, "afterschool-window-17", 1002));
    EXPECT_NE(d, Draw(seed, "afterschool-window-18", 1001));
    EXPECT_NE(d, Draw("3f1d", "afterschool-window-17", 1001));
    // The separators keep the parts apart: "a|bc" is not "ab|c".
    EXPECT_NE(Draw("a", "bc", 1), Draw("ab", "c", 1));
    std::set<std::uint64_t> draws;
    for (std::int64_t id = 1; id <= 1000; ++id) draws.insert(Draw(seed, "ctx", id));
    EXPECT_EQ(draws.size(), 1000u);
}

TEST(LotteryTest, DrawTextTruncatesToFourDecimals) {
    EXPECT_EQ(DrawText(0), "0.0000");
    EXPECT_EQ(DrawText(std::numeric_limits<std::uint64_t>::max()), "0.9999");
    EXPECT_EQ(DrawText(std::uint64_t{1} << 63), "0.5000");
    EXPECT_EQ(DrawText((std::uint64_t{1} << 63) - 1), "0.4999");
    EXPECT_EQ(DrawText(std::uint64_t{1} << 62), "0.2500");
    // ceil(0.8123 × 2^64) = 8123 × floor(2^64 / 10^4) + ceil(8123 × 1616 / 10^4): the first draw reading 0.8123.
    const std::uint64_t at = 8123ULL * 1844674407370955ULL + 1313;
    EXPECT_EQ(DrawText(at), "0.8123");
    EXPECT_EQ(DrawText(at - 1), "0.8122");
    for (const std::uint64_t d : {std::uint64_t{1}, std::uint64_t{12345678901234567ULL}, at}) {
        const std::string t = DrawText(d);
        ASSERT_EQ(t.size(), 6u);
        EXPECT_EQ(t.substr(0, 2), "0.");
    }
}

TEST(LotteryTest, Sha256MatchesTheMillionAVector) {
    // FIPS 180-2's long vector: many blocks through the streamed and the one-shot paths.
    const std::string text(1'000'000, 'a');
    EXPECT_EQ(Sha256Hex(text), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    Sha256Stream s;
    for (std::size_t at = 0; at < text.size(); at += 999) s.Update(std::string_view(text).substr(at, 999));
    EXPECT_EQ(s.FinishHex(), Sha256Hex(text));
}

std::string PipelineDigest(const std::string& text, bool background, std::size_t piece) {
    Sha256Pipeline sha(background);
    for (std::size_t at = 0; at < text.size(); at += piece) {
        const std::size_t n = std::min(piece, text.size() - at);
        char* room = sha.Room(n);
        std::memcpy(room, text.data() + at, n);
        sha.Wrote(room + n);
    }
    return sha.FinishHex();
}

TEST(LotteryTest, PipelineDigestIsTheDigestOfTheText) {
    // Several megabytes, so that chunks are handed over, waited for and reused; odd pieces up to the largest
    // write, so that chunk boundaries fall everywhere; and the empty text.
    std::string text;
    for (int i = 0; text.size() < (std::size_t{5} << 20); ++i) text += fmt::format("{} {} line\n", i, i * 7919);
    const std::string expected = Sha256Hex(text);
    for (const bool background : {false, true}) {
        for (const std::size_t piece : {std::size_t{1} << 10, std::size_t{61}, Sha256Pipeline::kMaxWrite})
            EXPECT_EQ(PipelineDigest(text, background, piece), expected) << background << " " << piece;
        EXPECT_EQ(PipelineDigest("", background, 1), Sha256Hex(""));
    }
    Sha256Pipeline abandoned(true);  // destroyed unfinished: its thread must still stop
    abandoned.Wrote(abandoned.Room(3) + 3);
}

}  // namespace
}  // namespace kehou::lottery
