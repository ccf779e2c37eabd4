#pragma once
/// Mail texts from the templates of resources/mail/ (compiled into the binary): <name>.txt holds
/// "Subject: …", a blank line and the plain text; <name>.html the HTML part's content, set inside
/// layout.html. Placeholders are {{key}}: inserted as they are into the subject and the text, and
/// HTML-escaped into the HTML (a key ending in _html is inserted as it is: the caller made it safe).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::server::notify {

struct RenderedMail {
  std::string subject;  ///< one line, at most 255 characters
  std::string text;
  std::string html;
};

using TemplateValues = std::map<std::string, std::string, std::less<>>;

/// Throws std::logic_error for an unknown template or a placeholder `values` does not fill: a
/// programming error, found by the tests that render every template.
RenderedMail renderMail(std::string_view name, const TemplateValues& values);

/// The templates' names (the .txt files), for the tests.
std::vector<std::string> mailTemplateNames();


/// 60 → "1 hour", 10 → "10 minutes", 90 → "1 hour 30 minutes", 1440 → "1 day".
std::string formatMinutes(int minutes);

/// "1 credit", "3 credits".
std::string formatCredits(std::int64_t credits);

}  // namespace practicum::server::notify
