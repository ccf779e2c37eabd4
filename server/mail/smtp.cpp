#include "server/mail/smtp.h"

#include "server/net/curl.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace practicum::server::mail {

namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlText {
  char* text = nullptr;
  ~CurlText() { curl_free(text); }
};

struct ParsedUrl {
  std::string scheme;
  std::string host;
  std::string port;
};

/// `url` with everything between "scheme://" (or the start) and the last '@' replaced: whatever
/// the URL's shape, a user name and password in it never reach a message.
std::string withoutUserInfo(std::string_view url) {
  const auto at = url.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const auto scheme = url.find("://");
  const auto start = scheme != std::string_view::npos && scheme < at ? scheme + 3 : 0;
  return std::string(url.substr(0, start)) + "[redacted]" + std::string(url.substr(at));
}

ParsedUrl parseUrl(std::string_view url) {
  const std::string text(url);
  const auto invalid = [&] {
    return std::invalid_argument("PRACTICUM_SMTP_URL must be smtp://host[:port] or smtps://host[:port], got '" +
                                 withoutUserInfo(url) + "'");
  };
  UrlHandle handle(curl_url());
  if (!handle) throw std::bad_alloc();
  if (curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) throw invalid();
  ParsedUrl out;
  CurlText scheme, host, port;
  if (curl_url_get(handle.get(), CURLUPART_SCHEME, &scheme.text, 0) != CURLUE_OK ||
      curl_url_get(handle.get(), CURLUPART_HOST, &host.text, 0) != CURLUE_OK || !host.text || !*host.text) {
    throw invalid();
  }
  if (curl_url_get(handle.get(), CURLUPART_PORT, &port.text, CURLU_DEFAULT_PORT) != CURLUE_OK) throw invalid();
  out.scheme = scheme.text;
  std::transform(out.scheme.begin(), out.scheme.end(), out.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.host = host.text;
  out.port = port.text ? port.text : "";
  if (out.scheme != "smtp" && out.scheme != "smtps") throw invalid();
  return out;
}

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t readBody(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const auto n = std::min(size * items, upload->data.size() - upload->pos);
  std::memcpy(buffer, upload->data.data() + upload->pos, n);
  upload->pos += n;
  return n;
}

/// Replaces every occurrence of `secret` in `text` (libcurl's messages should never hold it; this
/// makes sure).
std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "[redacted]");
  }
  return text;
}

/// What must never appear in a message: the password setting, and when the URL has user
/// information, the whole URL and its password (as written and decoded).
std::vector<std::string> secretsOf(const SmtpSettings& s) {
  std::vector<std::string> out;
  if (!s.password.empty()) out.push_back(s.password);
  if (s.url.find('@') == std::string::npos) return out;
  out.push_back(s.url);
  UrlHandle handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, s.url.c_str(), 0) != CURLUE_OK) return out;
  for (const unsigned flags : {0u, static_cast<unsigned>(CURLU_URLDECODE)}) {
    CurlText value;
    if (curl_url_get(handle.get(), CURLUPART_PASSWORD, &value.text, flags) == CURLUE_OK && value.text && *value.text) {
      out.emplace_back(value.text);
    }
  }
  // Longest first, so a password inside the whole URL is not half-replaced before the URL is.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

bool isLoopbackHost(std::string_view host) {
  std::string h(host);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!h.empty() && h.back() == '.') h.pop_back();
  if (h == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

SmtpTls smtpTlsFor(std::string_view url) {
  const auto parsed = parseUrl(url);
  if (parsed.scheme == "smtps") return SmtpTls::Implicit;
  return isLoopbackHost(parsed.host) ? SmtpTls::Optional : SmtpTls::Required;
}

std::string redactedSmtpUrl(std::string_view url) {
  try {
    const auto parsed = parseUrl(url);
    return parsed.scheme + "://" + parsed.host + (parsed.port.empty() ? "" : ":" + parsed.port);
  } catch (const std::invalid_argument&) {
    return "(an unusable SMTP URL)";
  }
}

struct SmtpTransport::Impl {
  SmtpSettings settings;
  SmtpTls tls = SmtpTls::Required;
  std::vector<std::string> secrets;  ///< redacted from every error (secretsOf)
  net::EasyHandle easy;
};

SmtpTransport::SmtpTransport(SmtpSettings settings) : impl_(std::make_unique<Impl>()) {
  impl_->tls = smtpTlsFor(settings.url);
  impl_->secrets = secretsOf(settings);
  impl_->settings = std::move(settings);
  impl_->easy = net::makeEasy();
}

SmtpTransport::~SmtpTransport() = default;

void SmtpTransport::send(const Outgoing& message) {
  const auto& s = impl_->settings;
  CURL* e = impl_->easy.get();
  curl_easy_reset(e);  // every option afresh; the connection cache (a kept-alive session) stays
  char error[CURL_ERROR_SIZE] = "";
  net::HeaderList recipients, resolve;
  for (const auto& entry : s.resolve) net::append(resolve, entry.c_str());
  net::append(recipients, ("<" + message.envelopeTo + ">").c_str());
  const std::string from = "<" + message.envelopeFrom + ">";
  Upload upload{message.data};

  curl_easy_setopt(e, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // Anything but loopback: STARTTLS must succeed or nothing is sent (CURLUSESSL_ALL).
  curl_easy_setopt(e, CURLOPT_USE_SSL,
                   static_cast<long>(impl_->tls == SmtpTls::Optional ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);  // never turned off
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);  // several delivery threads
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connectTimeout.count() * 1000));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(s.totalTimeout.count() * 1000));
  curl_easy_setopt(e, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(e, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(e, CURLOPT_READFUNCTION, &readBody);
  curl_easy_setopt(e, CURLOPT_READDATA, &upload);
  curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error);
  if (resolve) curl_easy_setopt(e, CURLOPT_RESOLVE, resolve.get());
  if (!s.user.empty()) {
    curl_easy_setopt(e, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(e, CURLOPT_PASSWORD, s.password.c_str());
  }
  const auto rc = curl_easy_perform(e);
  if (rc == CURLE_OK) return;
  long code = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
  std::string what = *error ? error : curl_easy_strerror(rc);
  if (rc == CURLE_USE_SSL_FAILED) what += " (the server does not offer STARTTLS, which is required off loopback)";
  if (code > 0) what += " [SMTP " + std::to_string(code) + "]";
  for (const auto& secret : impl_->secrets) what = redact(std::move(what), secret);
  throw MailError(what);
}

}  // namespace practicum::server::mail
