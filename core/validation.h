#pragma once
/// Input rules shared by the server (which enforces them) and the app (which checks early).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace practicum::validation {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // Argon2 input is bounded to keep hashing cheap to refuse
inline constexpr std::size_t kMaxEmailBytes = 254;      // RFC 5321 path limit
inline constexpr std::size_t kMaxNameChars = 100;       // the seed's VARCHAR(100)

bool isValidUtf8(std::string_view text);
/// Number of Unicode code points; text must be valid UTF-8.
std::size_t utf8Length(std::string_view text);
/// Canonical 8-4-4-4-12 hexadecimal form, either case.
bool isUuid(std::string_view text);
/// A pragmatic address check: one @, a non-empty local part of printable ASCII without spaces,
/// a domain of dot-separated LDH labels with at least one dot.
bool isEmail(std::string_view text);
/// ASCII letters lower-cased, every other byte as it is (UTF-8 stays intact; no locale involved):
/// how UUIDs, currency codes and header values are compared.
std::string toLower(std::string_view text);
/// Lower-cased (ASCII) and trimmed: how emails are compared and stored.
std::string normalizeEmail(std::string_view text);
std::string trim(std::string_view text);
/// Control characters (other than tab and newline) have no place in names or short text.
bool hasControlChars(std::string_view text, bool allowNewlines);

/// Why a password is refused, or nullopt when acceptable.
std::optional<std::string> passwordProblem(std::string_view password);

}  // namespace practicum::validation
