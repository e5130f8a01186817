#include "crypto/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kehou::crypto {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;

std::string Hex(const unsigned char* p, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}

}  // namespace

void Init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
    const std::string h(encoded_hash);  // libsodium wants a NUL-terminated string
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

Key RandomKey() {
    Key k;
    randombytes_buf(k.data(), k.size());
    return k;
}

std::string KeyedHash(const Key& key, std::string_view data) {
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()), data.size(), key.data(),
                       key.size());
    return Hex(out, sizeof out);
}

std::string Hash(std::string_view data) {
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
    return Hex(out, sizeof out);
}

std::string Sha256(std::string_view data) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return Hex(out, sizeof out);
}

std::vector<std::uint8_t> Seal(const Key& key, std::string_view plaintext) {
    std::vector<std::uint8_t> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
    randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), out.data(),
                          key.data());
    return out;
}

std::string Open(const Key& key, const std::vector<std::uint8_t>& box) {
    if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        throw std::runtime_error("sealed value too short");
    std::string out(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), box.data() + crypto_secretbox_NONCEBYTES,
                                   box.size() - crypto_secretbox_NONCEBYTES, box.data(), key.data()) != 0)
        throw std::runtime_error("sealed value failed authentication");
    return out;
}

bool Equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kehou::crypto
