#include "lottery/lottery.hpp"

// OpenSSL's plain SHA256_CTX (deprecated in 3.0, still in Debian 12's libssl3): unlike an EVP context it is
// plain data, so a draw resumes from the hashed prefix by copying 112 bytes, without allocating, from any
// thread (a third less time a draw than EVP). OpenSSL picks SHA-NI on x86-64 and the ARMv8 crypto
// extensions on arm64 at run time: 3× libsodium's portable C for a draw, 4.4× for a long text
// (docs/benchmarks.md, "Allocation").
#define OPENSSL_API_COMPAT 10101
#include <openssl/sha.h>
#include <sodium.h>

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace kehou::lottery {
namespace {

static_assert(sizeof(SHA256_CTX) <= 128 && alignof(SHA256_CTX) <= 8,
              "the opaque SHA-256 state buffers of lottery.hpp are too small for OpenSSL");

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

void EnsureSodium() {
    // sodium_init is idempotent and thread-safe; randombytes needs it before first use.
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

std::string Hex(const unsigned char* p, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = kDigits[p[i] >> 4];
        out[2 * i + 1] = kDigits[p[i] & 0x0f];
    }
    return out;
}

Digest Sha256(std::string_view data) {
    Digest d;
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.data());
    return d;
}

SHA256_CTX* StateOf(std::array<unsigned char, 128>& bytes) {
    return reinterpret_cast<SHA256_CTX*>(bytes.data());
}

}  // namespace

std::string NewSeed() {
    EnsureSodium();
    std::array<unsigned char, 32> bytes;
    randombytes_buf(bytes.data(), bytes.size());
    return Hex(bytes.data(), bytes.size());
}

std::string Sha256Hex(std::string_view data) {
    const Digest d = Sha256(data);
    return Hex(d.data(), d.size());
}

std::string Commitment(std::string_view seed) {
    return Sha256Hex(seed);
}

bool SeedMatches(std::string_view seed, std::string_view commitment) {
    const std::string expected = Commitment(seed);
    if (commitment.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const char c =
            commitment[i] >= 'A' && commitment[i] <= 'F' ? static_cast<char>(commitment[i] + 32) : commitment[i];
        if (c != expected[i]) return false;
    }
    return true;
}

Drawer::Drawer(std::string_view seed, std::string_view context) {
    SHA256_CTX* st = StateOf(prefix_);
    SHA256_Init(st);
    const auto feed = [st](std::string_view part) { SHA256_Update(st, part.data(), part.size()); };
    feed(seed);
    feed("|");
    feed(context);
    feed("|");
}

std::uint64_t Drawer::operator()(std::int64_t subject_id) const {
    // The state is plain data: a copy continues the hash from the prefix, and no draw allocates.
    SHA256_CTX st;
    std::memcpy(&st, prefix_.data(), sizeof st);
    char id_text[24];
    const auto id_end = std::to_chars(id_text, id_text + sizeof id_text, subject_id).ptr;
    SHA256_Update(&st, id_text, static_cast<std::size_t>(id_end - id_text));
    Digest d;
    SHA256_Final(d.data(), &st);
    std::uint64_t draw = 0;
    for (std::size_t i = 0; i < 8; ++i) draw = (draw << 8) | d[i];
    return draw;
}

std::uint64_t Draw(std::string_view seed, std::string_view context, std::int64_t subject_id) {
    return Drawer(seed, context)(subject_id);
}

std::string DrawText(std::uint64_t draw) {
    // floor(draw × 10^4 / 2^64), exact without 128-bit types: split draw into 32-bit halves
    // (floor(floor(x) / n) = floor(x / n)). At most 9999, so never "1.0000".
    const std::uint64_t hi = draw >> 32, lo = draw & 0xffffffffu;
    auto rest = static_cast<unsigned>((hi * 10000u + ((lo * 10000u) >> 32)) >> 32);
    std::string out = "0.0000";
    for (std::size_t i = 5; i >= 2; --i, rest /= 10) out[i] = static_cast<char>('0' + rest % 10);
    return out;
}

Sha256Stream::Sha256Stream() {
    SHA256_Init(StateOf(state_));
}

void Sha256Stream::Update(std::string_view data) {
    SHA256_Update(StateOf(state_), data.data(), data.size());
}

std::string Sha256Stream::FinishHex() {
    Digest d;
    SHA256_Final(d.data(), StateOf(state_));
    return Hex(d.data(), d.size());
}

}  // namespace kehou::lottery
