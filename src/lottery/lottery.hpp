#pragma once
// 摇号 The one shared, verifiable lottery, used wherever a scarce place goes by chance (after-school
// sections, school enrollment). Commit–reveal: when a window opens the platform publishes
// Commitment(seed); when it closes it reveals the seed, and anyone can check SeedMatches and recompute
// every Draw from the seed, the published context (e.g. "afterschool-window-17") and the subject's id.
// Nobody — the platform included — can pick a seed after seeing who applied without breaking the commitment.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kehou::lottery {

/// A fresh seed: 32 random bytes from libsodium as 64 lower-case hex digits. Kept secret until close.
std::string NewSeed();

/// SHA-256 of the seed text as 64 lower-case hex digits, published when the window opens.
std::string Commitment(std::string_view seed);

/// Whether a revealed seed is the one committed to (case-insensitive hex; the seed itself is exact).
bool SeedMatches(std::string_view seed, std::string_view commitment);

/// A subject's draw: the first 8 bytes, big-endian, of SHA-256(seed "|" context "|" decimal id).
/// Lower draw = earlier in the lottery order. The context keeps draws of different windows independent,
/// so a child unlucky in one window is not unlucky everywhere the same seed might be reused.
std::uint64_t Draw(std::string_view seed, std::string_view context, std::int64_t subject_id);

/// Draw for many subjects under one seed and context, equal to Draw(seed, context, id): the shared prefix
/// is hashed once, so a draw costs one SHA-256 block instead of two (a window draws for 830,000 children).
/// Safe to call from several threads at once: a draw only reads the prefix.
class Drawer {
public:
    Drawer(std::string_view seed, std::string_view context);
    std::uint64_t operator()(std::int64_t subject_id) const;

private:
    // OpenSSL's SHA-256 state after seed "|" context "|", held opaquely (see Sha256Stream).
    alignas(8) std::array<unsigned char, 128> prefix_;
};

/// The draw as a fraction of 2^64 with four decimals, "0.8123": what a parent sees. Truncated, so the
/// largest draw reads 0.9999, never 1.0000.
std::string DrawText(std::uint64_t draw);

/// SHA-256 of data as 64 lower-case hex digits (digests of published results).
std::string Sha256Hex(std::string_view data);

/// Incremental SHA-256, for digests of texts too large to build in memory first.
class Sha256Stream {
public:
    Sha256Stream();
    void Update(std::string_view data);
    /// The digest as 64 hex digits; the stream is spent afterwards.
    std::string FinishHex();

private:
    // OpenSSL's SHA256_CTX, held opaquely so this header does not pull in OpenSSL.
    alignas(8) std::array<unsigned char, 128> state_;
};

}  // namespace kehou::lottery
