#include "server/mail/mime.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace practicum::server::mail {

namespace {

constexpr std::size_t kMaxHeaderLine = 78;   // RFC 5322 §2.1.1: SHOULD (998 is the MUST)
constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 §2
constexpr std::size_t kMaxQpLine = 76;       // RFC 2045 §6.7, the soft break's '=' included
// '=' followed by '_' never occurs in quoted-printable text, so this boundary cannot appear in a part.
constexpr std::string_view kBoundary = "=_practicum-alternative";

bool isAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// Control characters (CR and LF above all: header injection) become spaces.
std::string headerSafe(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

std::size_t utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;  // a stray continuation byte: taken alone, never split further
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::size_t base64Length(std::size_t bytes) {
  return (bytes + 2) / 3 * 4;
}

/// The length of the last line of a folded header text.
std::size_t lastLineLength(const std::string& text) {
  const auto crlf = text.rfind("\r\n");
  return crlf == std::string::npos ? text.size() : text.size() - crlf - 2;
}

/// `text` as "B" encoded words, each at most 75 characters and on its own line (joined by CRLF
/// SP), the first one fitting after `used` characters of the current line where it can. Words
/// are cut between UTF-8 characters, so each decodes to whole characters on its own.
std::string encodedWords(std::string_view text, std::size_t used) {
  constexpr std::size_t kOverhead = std::string_view("=?UTF-8?B?").size() + 2;  // and "?="
  std::string out;
  std::size_t lineBudget = used + kMaxEncodedWord <= kMaxHeaderLine ? kMaxEncodedWord : kMaxHeaderLine - used;
  if (lineBudget < kOverhead + 8) lineBudget = kMaxEncodedWord;  // too little room: start a new line at once
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size() || first) {
    std::size_t end = pos;
    while (end < text.size()) {
      const auto n = std::min(utf8SequenceLength(static_cast<unsigned char>(text[end])), text.size() - end);
      if (base64Length(end + n - pos) + kOverhead > lineBudget) break;
      end += n;
    }
    if (end == pos && pos < text.size()) {  // cannot happen with a budget of 20+, but never loop forever
      end = pos + std::min(utf8SequenceLength(static_cast<unsigned char>(text[pos])), text.size() - pos);
    }
    if (!first) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
    first = false;
    lineBudget = kMaxEncodedWord;  // continuation lines: " " + word <= 76
  }
  return out;
}

/// ASCII text folded at spaces so that lines stay within 78 characters where a space allows it.
std::string foldedAscii(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t pos = 0;
  bool firstWord = true;
  while (pos <= text.size()) {
    auto space = text.find(' ', pos);
    if (space == std::string_view::npos) space = text.size();
    const auto word = text.substr(pos, space - pos);
    const std::size_t unit = word.size() + (firstWord ? 0 : 1);
    if (!firstWord && line + unit > kMaxHeaderLine && line > 1) {
      out += "\r\n";
      line = 0;
    }
    if (!firstWord) out += ' ';
    out += word;
    line += unit;
    firstWord = false;
    pos = space + 1;
  }
  return out;
}

bool isAtext(unsigned char c) {
  return std::isalnum(c) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

/// A display name as a header phrase: as it is when it is plain words, a quoted string when it
/// holds specials, encoded words when it is not ASCII.
std::string phrase(std::string_view name, std::size_t used) {
  const auto safe = headerSafe(name);
  if (!isAscii(safe) || safe.find("=?") != std::string::npos) return encodedWords(safe, used);
  bool plain = !safe.empty() && safe.front() != ' ' && safe.back() != ' ' && safe.find("  ") == std::string::npos;
  for (char c : safe) plain = plain && (isAtext(static_cast<unsigned char>(c)) || c == ' ');
  if (plain) return foldedAscii(safe, used);
  std::string quoted = "\"";
  for (char c : safe) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string part(std::string_view contentType, std::string_view body) {
  std::string out = "Content-Type: ";
  out += contentType;
  out += "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quotedPrintable(body);
  return out;
}

}  // namespace

bool isSendableAddress(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char ch : email) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f ||
        std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
  }
  const auto domain = email.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

Address parseAddress(std::string_view text) {
  Address out;
  const auto open = text.find('<');
  if (open == std::string_view::npos) {
    out.email = trim(text);
  } else {
    const auto close = text.find('>', open);
    if (close == std::string_view::npos || !trim(text.substr(close + 1)).empty()) {
      throw std::invalid_argument("'" + std::string(text) + "' is not a mail address (Name <local@domain>)");
    }
    out.email = trim(text.substr(open + 1, close - open - 1));
    auto name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      std::string unquoted;
      for (std::size_t i = 1; i + 1 < name.size(); ++i) {
        if (name[i] == '\\' && i + 2 < name.size()) ++i;
        unquoted += name[i];
      }
      name = unquoted;
    }
    out.name = name;
  }
  if (!isSendableAddress(out.email)) {
    throw std::invalid_argument("'" + std::string(text) + "' is not a mail address (Name <local@domain>)");
  }
  for (char c : out.name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw std::invalid_argument("a mail display name must not hold control characters");
  }
  return out;
}

std::string messageIdFor(std::string_view notificationId, const Address& from) {
  const auto at = from.email.rfind('@');
  const auto domain = at == std::string::npos ? std::string("practicum.localhost") : from.email.substr(at + 1);
  std::string out(1, '<');  // appended piece by piece: GCC 12's -Wrestrict misfires on "<" + string
  out += notificationId;
  out += '@';
  out += domain;
  out += '>';
  return out;
}

std::string quotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t lineStart = 0;
  while (lineStart <= text.size()) {
    auto lineEnd = text.find('\n', lineStart);
    const bool last = lineEnd == std::string_view::npos;
    if (last) lineEnd = text.size();
    auto line = text.substr(lineStart, lineEnd - lineStart);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool endsLine = i + 1 == line.size();
      const auto mustEncode = [&](std::size_t at) {
        return c == '=' || c >= 0x7f || (c < 0x20 && c != '\t') || ((c == ' ' || c == '\t') && endsLine) ||
               (at == 0 && (c == '.' || line.substr(i).starts_with("From ")));
      };
      bool encode = mustEncode(column);
      // Room for the token and, unless it ends the line, for a soft break's '=' after it.
      if (column + (encode ? 3 : 1) > (endsLine ? kMaxQpLine : kMaxQpLine - 1)) {
        out += "=\r\n";
        column = 0;
        encode = mustEncode(column);
      }
      if (encode) {
        out += '=';
        out += kHex[c >> 4];
        out += kHex[c & 15];
        column += 3;
      } else {
        out += static_cast<char>(c);
        ++column;
      }
    }
    if (last) break;
    out += "\r\n";
    lineStart = lineEnd + 1;
  }
  return out;
}

std::string headerField(std::string_view name, std::string_view value) {
  std::string out(name);
  out += ": ";
  const auto safe = headerSafe(value);
  if (!isAscii(safe) || safe.find("=?") != std::string::npos) {
    out += encodedWords(safe, out.size());
  } else {
    out += foldedAscii(safe, out.size());
  }
  return out + "\r\n";
}

std::string addressField(std::string_view name, const Address& address) {
  if (!isSendableAddress(address.email)) {
    throw std::invalid_argument("not a sendable mail address: " + headerSafe(address.email));
  }
  std::string out(name);
  out += ": ";
  if (address.name.empty()) return out + address.email + "\r\n";
  out += phrase(address.name, out.size());
  const std::string angle = "<" + address.email + ">";
  out += lastLineLength(out) + 1 + angle.size() > kMaxHeaderLine ? "\r\n " : " ";
  return out + angle + "\r\n";
}

std::string formatDate(std::chrono::system_clock::time_point time) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[static_cast<std::size_t>(tm.tm_wday)],
                tm.tm_mday, kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string render(const Message& m) {
  if (m.messageId.size() < 5 || m.messageId.front() != '<' || m.messageId.back() != '>' ||
      headerSafe(m.messageId) != m.messageId || m.messageId.find(' ') != std::string::npos) {
    throw std::invalid_argument("a Message-ID is <id@domain>");
  }
  std::string out;
  out += "Date: " + formatDate(m.date) + "\r\n";
  out += addressField("From", m.from);
  out += addressField("To", m.to);
  out += headerField("Subject", m.subject);
  out += "Message-ID: " + m.messageId + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  // RFC 3834: automatic mail, so vacation responders stay quiet.
  out += "Auto-Submitted: auto-generated\r\n";
  if (m.html.empty()) return out + part("text/plain", m.text);
  out += "Content-Type: multipart/alternative; boundary=\"";
  out += kBoundary;
  out += "\"\r\n\r\nThis is a message in MIME format: a plain-text and an HTML version.\r\n";
  const std::string delimiter = "\r\n--" + std::string(kBoundary);
  out += "--" + std::string(kBoundary) + "\r\n" + part("text/plain", m.text);
  out += delimiter + "\r\n" + part("text/html", m.html);
  out += delimiter + "--\r\n";
  return out;
}

}  // namespace practicum::server::mail
