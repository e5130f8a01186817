#include "crypto/pii_vault.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace kehou::crypto {
namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES] = {'k', 'e', 'h', 'o', 'u', 'p', 'i', 'i'};
constexpr std::uint64_t kSealKeyId = 1, kHashKeyId = 2;

Key Derive(const Key& master, std::uint64_t id) {
    Key k;
    crypto_kdf_derive_from_key(k.data(), k.size(), id, kContext, master.data());
    return k;
}

void WriteNewKey(const std::filesystem::path& path) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    const Key k = RandomKey();
    std::string hex(k.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), k.data(), k.size());
    hex.pop_back();
    const mode_t old = ::umask(077);  // the file is never readable by others, not even for a moment
    std::ofstream out(path, std::ios::trunc);
    out << hex << "\n";
    out.close();
    ::umask(old);
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace);
    if (!out) throw std::runtime_error("cannot write key file " + path.string());
}

}  // namespace

PiiVault PiiVault::LoadOrCreate(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) WriteNewKey(path);
    const auto perms = std::filesystem::status(path).permissions();
    using std::filesystem::perms;
    if ((perms & (perms::group_all | perms::others_all)) != perms::none)
        throw std::runtime_error("key file " + path.string() + " is readable by others: chmod 600 it");
    std::ifstream in(path);
    std::string hex;
    in >> hex;
    Key master;
    std::size_t len = 0;
    if (hex.size() != 64 ||
        sodium_hex2bin(master.data(), master.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != 32)
        throw std::runtime_error("key file " + path.string() + " does not hold a 64-hex-digit key");
    return PiiVault(master);
}

PiiVault::PiiVault(const Key& master) : seal_key_(Derive(master, kSealKeyId)), hash_key_(Derive(master, kHashKeyId)) {}

SealedValue PiiVault::Seal(std::string_view normalised) const {
    return {crypto::Seal(seal_key_, normalised), LookupHash(normalised)};
}

std::string PiiVault::Open(const std::vector<std::uint8_t>& box) const { return crypto::Open(seal_key_, box); }

std::string PiiVault::LookupHash(std::string_view normalised) const { return KeyedHash(hash_key_, normalised); }

}  // namespace kehou::crypto
