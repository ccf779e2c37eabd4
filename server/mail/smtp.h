#pragma once
/// Mail through an SMTP server with libcurl. TLS is required — STARTTLS on smtp://, implicit on
/// smtps:// — except to a loopback address, where plain SMTP is allowed (a local relay or the
/// tests' server). Certificates are always verified.

#include "server/mail/transport.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::server::mail {

enum class SmtpTls {
  Implicit,  ///< smtps://: TLS from the first byte
  Required,  ///< smtp:// to any other host: STARTTLS or no delivery (CURLUSESSL_ALL)
  Optional,  ///< smtp:// to loopback: STARTTLS when offered, plain otherwise (CURLUSESSL_TRY)
};

/// 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and "localhost": names that never leave the machine.
bool isLoopbackHost(std::string_view host);

/// How a connection to `url` is secured; throws std::invalid_argument when it is not an smtp:// or
/// smtps:// URL with a host.
SmtpTls smtpTlsFor(std::string_view url);

struct SmtpSettings {
  std::string url;  ///< smtp://host[:port] or smtps://host[:port]
  std::string user;
  std::string password;
  std::chrono::seconds connectTimeout{10};
  std::chrono::seconds totalTimeout{60};  ///< one message, from connecting to the server's 250
  /// CURLOPT_RESOLVE entries "host:port:address": the TLS decision still follows the URL's host
  /// (the tests point a name that is not loopback at the loopback server this way).
  std::vector<std::string> resolve;
};

class SmtpTransport final : public Transport {
public:
  /// Throws std::invalid_argument when the URL is unusable (see smtpTlsFor).
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;
  /// Sends on the kept-alive connection of the last message when the server still holds it.
  void send(const Outgoing& message) override;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// "smtp://host:port" without user information, for the log.
std::string redactedSmtpUrl(std::string_view url);

}  // namespace practicum::server::mail
