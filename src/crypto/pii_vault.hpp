#pragma once
// 个人敏感信息 The keys that protect personal data at rest (RULES R4.1 and R4.4: a child's data is sensitive
// personal information, PIPL art. 28): one master key in a file created on first run with mode 0600, from
// which an encryption key and a look-up-hash key are derived. Identity, student and mobile numbers are
// stored sealed, with a keyed hash for exact search.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/crypto.hpp"

namespace kehou::crypto {

/// A value ready to store: the sealed box and its keyed look-up hash.
struct SealedValue {
    std::vector<std::uint8_t> box;
    std::string lookup_hash;
};

/// Seals, opens and hashes personal data. Immutable after construction; thread-safe.
class PiiVault {
public:
    /// Reads the master key (64 hex digits) from path, creating the file (and its directory) with mode
    /// 0600 when absent. Throws std::runtime_error when the file is unreadable, malformed, or readable
    /// by group or others.
    static PiiVault LoadOrCreate(const std::filesystem::path& path);
    explicit PiiVault(const Key& master);

    SealedValue Seal(std::string_view normalised) const;
    std::string Open(const std::vector<std::uint8_t>& box) const;
    /// The look-up hash of a normalised value (the same the stored row carries).
    std::string LookupHash(std::string_view normalised) const;

private:
    Key seal_key_;
    Key hash_key_;
};

}  // namespace kehou::crypto
