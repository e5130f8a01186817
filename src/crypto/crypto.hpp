#pragma once
// libsodium behind a few domain-sized functions: Argon2id password hashes, random tokens, keyed
// BLAKE2b look-up hashes and secretbox encryption for identity numbers at rest (RULES R4.4, R4.7).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kehou::crypto {

/// Call once before any other function (idempotent; throws if libsodium cannot start).
void Init();

/// Argon2id in libsodium's self-describing string form. Parameters follow OWASP's Argon2id
/// guidance (t=2, m=19 MiB): a log-in costs tens of milliseconds, not a rush's memory.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

/// n random bytes as URL-safe base64 without padding (session and CSRF tokens).
std::string RandomToken(std::size_t bytes = 32);

/// A 32-byte key for secretbox and keyed hashing.
using Key = std::array<std::uint8_t, 32>;
Key RandomKey();

/// Keyed BLAKE2b-256 as 64 hex digits: equal inputs give equal hashes under one key, so encrypted
/// values can be looked up without decrypting, and a stolen table alone reveals nothing.
std::string KeyedHash(const Key& key, std::string_view data);
/// Unkeyed BLAKE2b-256 hex of data (session-token storage, audit chain).
std::string Hash(std::string_view data);

/// SHA-256 hex of data: the content address of stored files (evidence), the hash anyone can recompute.
std::string Sha256(std::string_view data);

/// secretbox (XSalsa20-Poly1305): nonce || ciphertext.
std::vector<std::uint8_t> Seal(const Key& key, std::string_view plaintext);
/// Throws std::runtime_error when the box was tampered with or the key is wrong.
std::string Open(const Key& key, const std::vector<std::uint8_t>& box);

/// Constant-time comparison of two secrets.
bool Equal(std::string_view a, std::string_view b);

}  // namespace kehou::crypto
