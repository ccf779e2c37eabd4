#include "server/mail/transport.h"

#include "server/mail/maildrop.h"
#include "server/mail/smtp.h"

#include <filesystem>

namespace practicum::server::mail {

std::unique_ptr<Transport> makeTransport(const Config& config) {
  if (config.smtpUrl.empty()) return std::make_unique<MailDropTransport>(config.mailDropDir);
  SmtpSettings settings;
  settings.url = config.smtpUrl;
  settings.user = config.smtpUser;
  settings.password = config.smtpPassword;
  return std::make_unique<SmtpTransport>(std::move(settings));
}

std::string describeTransport(const Config& config) {
  if (config.smtpUrl.empty()) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(config.mailDropDir, ec);
    return "mail drop " + (ec ? config.mailDropDir : absolute.lexically_normal().string());
  }
  std::string tls;
  try {
    switch (smtpTlsFor(config.smtpUrl)) {
      case SmtpTls::Implicit:
        tls = " (TLS)";
        break;
      case SmtpTls::Required:
        tls = " (STARTTLS required)";
        break;
      case SmtpTls::Optional:
        tls = " (loopback: STARTTLS if offered)";
        break;
    }
  } catch (const std::invalid_argument&) {
  }
  return redactedSmtpUrl(config.smtpUrl) + tls;
}

}  // namespace practicum::server::mail
