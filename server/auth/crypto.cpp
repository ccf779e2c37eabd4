#include "server/auth/crypto.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace practicum::server::auth {

namespace {

struct SlotGuard {
  explicit SlotGuard(std::counting_semaphore<64>& s) : sem(s) { sem.acquire(); }
  ~SlotGuard() { sem.release(); }
  std::counting_semaphore<64>& sem;
};

}  // namespace

PasswordHasher::PasswordHasher(unsigned concurrency)
    : slots_(static_cast<std::ptrdiff_t>(std::clamp(concurrency, 1u, 64u))) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  decoy_ = hash(randomText(16));
}

std::string PasswordHasher::hash(std::string_view password) {
  SlotGuard guard(slots_);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) {
  // Hashes not made by libsodium's Argon2 (e.g. a legacy bcrypt column) never match.
  if (!storedHash.starts_with("$argon2")) {
    burn(password);
    return false;
  }
  std::string stored(storedHash);
  SlotGuard guard(slots_);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::burn(std::string_view password) {
  SlotGuard guard(slots_);
  if (crypto_pwhash_str_verify(decoy_.c_str(), password.data(), password.size()) == 0) {
    // The decoy's password is random and never known: unreachable, and harmless if reached.
  }
}

std::string randomText(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string newToken() { return randomText(32); }

std::string tokenHash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string("\\x") + hex;
}

}  // namespace practicum::server::auth
