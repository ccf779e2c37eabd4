#pragma once
/// Internet messages as the outbox sends them (RFC 5322 + MIME): CRLF line ends, a plain-text and
/// an HTML part in multipart/alternative, both UTF-8 in quoted-printable (so no line exceeds 76
/// characters, whatever the text), UTF-8 header text as RFC 2047 encoded words.

#include <chrono>
#include <string>
#include <string_view>

namespace practicum::server::mail {

/// A mailbox: an optional display name (UTF-8) and an address.
struct Address {
  std::string name;
  std::string email;
};

/// "Name <local@domain>", "<local@domain>" or "local@domain"; throws std::invalid_argument when the
/// text is not one mailbox (no '@', spaces, control characters or angle brackets in the address…).
Address parseAddress(std::string_view text);

/// Whether `email` can go into an SMTP envelope and a header as it is: local@domain, printable
/// ASCII without spaces, quotes, angle brackets, commas or control characters, at most 254 bytes.
bool isSendableAddress(std::string_view email);

struct Message {
  Address from;
  Address to;
  std::string subject;    ///< UTF-8; control characters become spaces
  std::string text;       ///< UTF-8 plain text, "\n" or "\r\n" line ends
  std::string html;       ///< UTF-8 HTML document; empty sends a text/plain message alone
  std::string messageId;  ///< with its angle brackets: "<id@domain>"
  std::chrono::system_clock::time_point date = std::chrono::system_clock::now();
};

/// The whole message, ready for SMTP DATA or an .eml file. Throws std::invalid_argument when an
/// address is not sendable.
std::string render(const Message& message);

/// "<id@domain>" for a notification id and the sender's address (its domain).
std::string messageIdFor(std::string_view notificationId, const Address& from);

// The building blocks, public for the tests.

/// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: lines end in CRLF, at most 76 characters each
/// (soft breaks "="), trailing blanks, '=', non-ASCII and control bytes encoded, and a '.' or
/// "From " at the start of a line encoded too (SMTP and mbox safety).
std::string quotedPrintable(std::string_view text);

/// One header field "Name: value\r\n", folded to lines of at most 78 characters where it can be;
/// non-ASCII values (or values that look like encoded words) become RFC 2047 "B" encoded words of
/// at most 75 characters, split between UTF-8 characters.
std::string headerField(std::string_view name, std::string_view value);

/// An address header: "Name: display <addr>\r\n" with the display name quoted or encoded as needed.
std::string addressField(std::string_view name, const Address& address);

/// RFC 5322 date-time in UTC: "Tue, 05 May 2026 09:30:00 +0000".
std::string formatDate(std::chrono::system_clock::time_point time);

}  // namespace practicum::server::mail
