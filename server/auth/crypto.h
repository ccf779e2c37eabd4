#pragma once
/// Password hashing (Argon2id through libsodium) and bearer tokens.

#include <semaphore>
#include <string>
#include <string_view>

namespace practicum::server::auth {

/// Argon2id at libsodium's INTERACTIVE limits (64 MiB, 2 passes). Each hash holds 64 MiB, so at
/// most `concurrency` run at once; callers are worker threads, never the I/O threads.
class PasswordHasher {
public:
  explicit PasswordHasher(unsigned concurrency);

  std::string hash(std::string_view password);
  bool verify(std::string_view storedHash, std::string_view password);
  /// Spends the same effort as a real verification; used when the email is unknown so that
  /// timing does not reveal which accounts exist.
  void burn(std::string_view password);

private:
  std::counting_semaphore<64> slots_;
  std::string decoy_;
};

/// 256 random bits, base64url without padding (43 characters).
std::string newToken();
/// SHA-256 of a token as a bytea literal ("\x…"), which is all the database ever stores.
std::string tokenHash(std::string_view token);
/// Random text for generated passwords (demo accounts): `bytes` random bytes, base64url.
std::string randomText(std::size_t bytes);

}  // namespace practicum::server::auth
