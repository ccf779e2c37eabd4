#include "server/notify/render.h"

#include "server/embedded.h"
#include "server/http/message.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace practicum::server::notify {

namespace {

constexpr std::size_t kMaxSubjectChars = 255;  // notifications.subject varchar(255)

std::string_view templateFile(std::string_view file) {
  for (const auto& f : embeddedMailFiles()) {
    if (f.name == file) return f.text;
  }
  throw std::logic_error("no mail template " + std::string(file));
}

/// Replaces every {{key}} of `text`; `escape` HTML-escapes the values (except *_html keys).
std::string fill(std::string_view file, std::string_view text, const TemplateValues& values, bool escape) {
  std::string out;
  out.reserve(text.size() + 256);
  std::size_t pos = 0;
  for (;;) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) throw std::logic_error(std::string(file) + ": an unclosed {{");
    out.append(text.substr(pos, open - pos));
    const auto key = text.substr(open + 2, close - open - 2);
    const auto it = values.find(key);
    if (it == values.end()) {
      throw std::logic_error(std::string(file) + " uses {{" + std::string(key) + "}}, which it is not given");
    }
    out += escape && !key.ends_with("_html") ? http::htmlEscape(it->second) : it->second;
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

/// The first `max` characters of UTF-8 text (never cutting a character).
std::string truncateChars(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80 && chars++ == max) return text.substr(0, i);
  }
  return text;
}

}  // namespace

RenderedMail renderMail(std::string_view name, const TemplateValues& values) {
  const std::string textFile = std::string(name) + ".txt";
  const std::string htmlFile = std::string(name) + ".html";
  const auto source = templateFile(textFile);
  constexpr std::string_view kSubject = "Subject: ";
  const auto firstLineEnd = source.find('\n');
  if (!source.starts_with(kSubject) || firstLineEnd == std::string_view::npos ||
      source.substr(firstLineEnd + 1, 1) != "\n") {
    throw std::logic_error(textFile + " must start with a Subject: line and a blank line");
  }
  RenderedMail mail;
  auto subject = fill(textFile, source.substr(kSubject.size(), firstLineEnd - kSubject.size()), values, false);
  for (auto& c : subject) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  mail.subject = truncateChars(subject, kMaxSubjectChars);
  mail.text = fill(textFile, source.substr(firstLineEnd + 2), values, false);
  auto layoutValues = values;
  layoutValues["subject"] = mail.subject;
  layoutValues["content_html"] = fill(htmlFile, templateFile(htmlFile), values, true);
  mail.html = fill("layout.html", templateFile("layout.html"), layoutValues, true);
  return mail;
}

std::vector<std::string> mailTemplateNames() {
  std::vector<std::string> out;
  for (const auto& f : embeddedMailFiles()) {
    if (f.name.ends_with(".txt")) out.emplace_back(f.name.substr(0, f.name.size() - 4));
  }
  return out;
}

std::string formatMinutes(int minutes) {
  const auto unit = [](int n, const char* one) { return std::to_string(n) + " " + one + (n == 1 ? "" : "s"); };
  const int days = minutes / (24 * 60);
  const int hours = minutes % (24 * 60) / 60;
  const int mins = minutes % 60;
  std::string out;
  const auto add = [&out](const std::string& piece) { out += (out.empty() ? "" : " ") + piece; };
  if (days) add(unit(days, "day"));
  if (hours) add(unit(hours, "hour"));
  if (mins || out.empty()) add(unit(mins, "minute"));
  return out;
}

std::string formatCredits(std::int64_t credits) {
  return std::to_string(credits) + (credits == 1 ? " credit" : " credits");
}

}  // namespace practicum::server::notify
