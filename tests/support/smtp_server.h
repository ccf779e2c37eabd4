#pragma once
/// A real SMTP server on loopback for the mail tests: aiosmtpd (Debian's python3-aiosmtpd, run
/// with /usr/bin/python3) with the small handler of tests/support/smtp_sink.py, which keeps every
/// message as received. It can be stopped and started again on the same port (a mail server that
/// goes away and comes back).

#include <boost/json/object.hpp>

#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace practicum::test {

struct ReceivedMail {
  std::string mailFrom;             ///< the envelope's MAIL FROM
  std::vector<std::string> rcptTo;  ///< the envelope's RCPT TO
  std::string data;                 ///< the message as received
};

class SmtpServer {
public:
  /// Picks a free loopback port and starts; throws when aiosmtpd does not come up.
  SmtpServer();
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  /// Stops the process (connections are refused afterwards).
  void stop();
  /// Starts again on the same port.
  void start();
  bool running() const { return pid_ > 0; }

  std::uint16_t port() const { return port_; }
  /// smtp://127.0.0.1:<port>
  std::string url() const;

  /// Every message received so far (across restarts).
  std::vector<ReceivedMail> received() const;
  /// Waits (at most `timeout`) until at least `count` messages arrived; returns them all.
  std::vector<ReceivedMail> waitFor(std::size_t count,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  /// Forgets what arrived so far.
  void clear();

private:
  std::filesystem::path root_;
  std::filesystem::path inbox_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

/// `raw` read by Python's email package (tests/support/parse_mail.py): subject (decoded),
/// raw_subject, from, to_address, to_name, message_id, date, date_parsed, mime_version,
/// content_type, parts [{content_type, charset, transfer_encoding, content}], defects.
boost::json::object parseMail(const std::string& raw);

}  // namespace practicum::test
