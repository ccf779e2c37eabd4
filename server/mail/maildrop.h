#pragma once
/// Mail written as .eml files into a folder instead of being sent: the default when no SMTP server
/// is configured (the demo). Each file appears whole or not at all (a temporary file renamed).

#include "server/mail/transport.h"

#include <filesystem>

namespace practicum::server::mail {

class MailDropTransport final : public Transport {
public:
  /// The folder is created (with its parents) on the first message if missing.
  explicit MailDropTransport(std::filesystem::path folder);
  /// Writes <folder>/<id>.eml; a second delivery of the same notification replaces its file.
  void send(const Outgoing& message) override;

private:
  std::filesystem::path folder_;
};

}  // namespace practicum::server::mail
