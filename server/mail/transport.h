#pragma once
/// Where rendered mail goes: an SMTP server (server/mail/smtp.h) or, without one, a folder of
/// .eml files (server/mail/maildrop.h). One transport per delivery worker; not thread-safe.

#include "server/config.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace practicum::server::mail {

/// One message ready to go: the envelope and the RFC 5322 text.
struct Outgoing {
  std::string id;            ///< the notification id (names the .eml file)
  std::string envelopeFrom;  ///< bare address
  std::string envelopeTo;    ///< bare address
  std::string data;          ///< the whole message, CRLF line ends
};

/// A delivery that did not happen; the message is safe to log (no credentials).
class MailError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Transport {
public:
  virtual ~Transport() = default;
  /// Delivers or throws MailError.
  virtual void send(const Outgoing& message) = 0;
};

/// SMTP when config.smtpUrl is set, the mail-drop folder otherwise. Throws std::invalid_argument
/// when the SMTP URL is unusable.
std::unique_ptr<Transport> makeTransport(const Config& config);

/// Where mail goes, for the log: "smtp://host:port (STARTTLS required)" or "mail drop /path".
/// Never contains credentials.
std::string describeTransport(const Config& config);

}  // namespace practicum::server::mail
