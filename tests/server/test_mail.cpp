// Mail without a database: the MIME a message is rendered to (read back independently by Python's
// email package), quoted-printable and RFC 2047 edge cases, the SMTP TLS decision, the mail drop,
// the templates, money and time wording, and the retry backoff.

#include "server/http/message.h"
#include "server/mail/maildrop.h"
#include "server/mail/mime.h"
#include "server/mail/smtp.h"
#include "server/notify/render.h"
#include "server/repo/notifications.h"
#include "tests/support/json_testing.h"
#include "tests/support/smtp_server.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace practicum;
using namespace practicum::server;
using practicum::test::parseMail;
using practicum::test::text;

namespace {

std::vector<std::string> lines(const std::string& raw) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const auto end = raw.find("\r\n", pos);
    if (end == std::string::npos) {
      out.push_back(raw.substr(pos));
      break;
    }
    out.push_back(raw.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

/// Every line ends in CRLF (no bare CR or LF) and none is longer than `max`.
void expectWellFormedLines(const std::string& raw, std::size_t max) {
  ASSERT_TRUE(raw.ends_with("\r\n"));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      ASSERT_TRUE(i > 0 && raw[i - 1] == '\r') << "bare LF at " << i;
    }
    if (raw[i] == '\r') {
      ASSERT_TRUE(i + 1 < raw.size() && raw[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  for (const auto& line : lines(raw)) EXPECT_LE(line.size(), max) << line;
}

mail::Message sample() {
  mail::Message m;
  m.from = mail::parseAddress("Practicum <no-reply@practicum.example>");
  m.to = {"Zoë Ångström-Núñez", "zoe@example.org"};
  m.subject = "Reminder: your session with Dr. Łukasz Wróblewski 🍎 starts in 1 hour — don't miss it";
  m.text = "Hello Zoë,\n\nyour session starts at 09:30 UTC.\n.a line starting with a dot\nFrom the start\n" +
           std::string(300, 'x') + "\nprice = 12.50 EUR \ntrailing tab\t\n";
  m.html = "<p>Hello Zo&euml; &amp; friends,</p>\n<p>" + std::string(200, 'y') + "</p>\n";
  m.messageId = mail::messageIdFor("6f1c2d7e-1111-4222-8333-444455556666", m.from);
  return m;
}

}  // namespace

TEST(Mime, AMessageIsMultipartAlternativeWithCrlfAndShortLines) {
  const auto m = sample();
  const auto raw = mail::render(m);
  expectWellFormedLines(raw, 78);
  EXPECT_TRUE(raw.starts_with("Date: ")) << raw;
  EXPECT_NE(raw.find("\r\nMessage-ID: <6f1c2d7e-1111-4222-8333-444455556666@practicum.example>\r\n"),
            std::string::npos);
  EXPECT_NE(raw.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(raw.find("\r\nContent-Type: multipart/alternative;"), std::string::npos);
  EXPECT_EQ(raw.find("Zoë"), std::string::npos) << "no raw UTF-8 in a 7-bit message";
  for (char c : raw) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "the whole message is 7-bit";

  // Python's email package reads it back to exactly what was written.
  const auto parsed = parseMail(raw);
  EXPECT_EQ(text(parsed.at("subject")), m.subject);
  EXPECT_EQ(text(parsed.at("to_address")), "zoe@example.org");
  EXPECT_EQ(text(parsed.at("to_name")), "Zoë Ångström-Núñez");
  EXPECT_EQ(text(parsed.at("from")), "Practicum <no-reply@practicum.example>");
  EXPECT_EQ(text(parsed.at("message_id")), "<6f1c2d7e-1111-4222-8333-444455556666@practicum.example>");
  EXPECT_TRUE(parsed.at("date_parsed").as_bool()) << text(parsed.at("date"));
  EXPECT_EQ(text(parsed.at("mime_version")), "1.0");
  EXPECT_EQ(text(parsed.at("content_type")), "multipart/alternative");
  EXPECT_TRUE(parsed.at("defects").as_array().empty()) << parsed.at("defects");
  const auto& parts = parsed.at("parts").as_array();
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(text(parts[0].at("content_type")), "text/plain");
  EXPECT_EQ(text(parts[0].at("charset")), "utf-8");
  EXPECT_EQ(text(parts[0].at("transfer_encoding")), "quoted-printable");
  // Byte for byte (parse_mail.py turns the wire's CRLF back into "\n").
  EXPECT_EQ(text(parts[0].at("content")), m.text);
  EXPECT_EQ(text(parts[1].at("content_type")), "text/html");
  EXPECT_EQ(text(parts[1].at("content")), m.html);
}

TEST(Mime, WithoutHtmlItIsOnePlainTextPart) {
  auto m = sample();
  m.html.clear();
  const auto raw = mail::render(m);
  const auto parsed = parseMail(raw);
  EXPECT_EQ(text(parsed.at("content_type")), "text/plain");
  ASSERT_EQ(parsed.at("parts").as_array().size(), 1u);
  EXPECT_EQ(text(parsed.at("parts").at(0).at("content")), m.text);
}

TEST(Mime, SubjectsAreEncodedOnlyWhenTheyNeedIt) {
  EXPECT_EQ(mail::headerField("Subject", "Welcome to Practicum"), "Subject: Welcome to Practicum\r\n");
  // Non-ASCII: B-encoded words of at most 75 characters, cut between characters.
  const std::string polish = std::string("Zażółć gęślą jaźń ") + std::string(60, 'a') + " ✓ 🍎🍎🍎🍎🍎🍎🍎🍎🍎🍎🍎🍎";
  const auto field = mail::headerField("Subject", polish);
  for (const auto& line : lines(field)) {
    EXPECT_LE(line.size(), 78u) << line;
    const auto word = line.substr(line.find("=?"));
    EXPECT_LE(word.size(), 75u);
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
  }
  EXPECT_GT(lines(field).size(), 2u) << field;
  auto m = sample();
  m.subject = polish;
  EXPECT_EQ(text(parseMail(mail::render(m)).at("subject")), polish);
  // Long ASCII is folded at spaces; text that looks like an encoded word is encoded so it reads back as itself.
  const std::string longAscii = "A rather long subject line " + std::string(20, 'z') + " that goes on and on and on";
  m.subject = longAscii;
  const auto raw = mail::render(m);
  expectWellFormedLines(raw, 78);
  EXPECT_EQ(text(parseMail(raw).at("subject")), longAscii);
  m.subject = "literally =?UTF-8?B?SGk=?= here";
  EXPECT_EQ(text(parseMail(mail::render(m)).at("subject")), m.subject);
}

TEST(Mime, HeaderValuesCannotInjectHeaders) {
  auto m = sample();
  m.subject = "Hello\r\nBcc: victim@example.org";
  m.to.name = "Mallory\r\nBcc: other@example.org";
  const auto raw = mail::render(m);
  EXPECT_EQ(raw.find("\r\nBcc:"), std::string::npos) << raw;
  const auto parsed = parseMail(raw);
  EXPECT_EQ(text(parsed.at("subject")), "Hello  Bcc: victim@example.org");
  EXPECT_EQ(text(parsed.at("to_address")), "zoe@example.org");
}

TEST(Mime, QuotedPrintableKeepsLinesShortAndEncodesWhatItMust) {
  EXPECT_EQ(mail::quotedPrintable("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(mail::quotedPrintable("end \nend\t\n"), "end=20\r\nend=09\r\n");
  EXPECT_EQ(mail::quotedPrintable(".\nFrom me\n"), "=2E\r\n=46rom me\r\n");
  EXPECT_EQ(mail::quotedPrintable("é"), "=C3=A9");
  EXPECT_EQ(mail::quotedPrintable("a\r\nb"), "a\r\nb");
  const auto longLine = mail::quotedPrintable(std::string(200, 'q') + "é" + std::string(100, 'r'));
  expectWellFormedLines(longLine + "\r\n", 76);
  EXPECT_NE(longLine.find("=\r\n"), std::string::npos) << "soft line breaks";
  // A 998-character word with no spaces still makes lines of at most 76.
  expectWellFormedLines(mail::quotedPrintable(std::string(998, '=')) + "\r\n", 76);
}

TEST(Mime, AddressesAreCheckedAndQuoted) {
  const auto a = mail::parseAddress("Practicum <no-reply@practicum.localhost>");
  EXPECT_EQ(a.name, "Practicum");
  EXPECT_EQ(a.email, "no-reply@practicum.localhost");
  EXPECT_EQ(mail::parseAddress("plain@example.org").email, "plain@example.org");
  EXPECT_EQ(mail::parseAddress("\"Smith, Ann\" <ann@example.org>").name, "Smith, Ann");
  for (const char* bad : {"", "nobody", "a b@example.org", "<a@example.org", "x <a@example.org> y", "a@@b",
                          "Name <a@example.org\r\nBcc: b@c>", "a@b..c"}) {
    EXPECT_THROW(mail::parseAddress(bad), std::invalid_argument) << bad;
  }
  EXPECT_EQ(mail::addressField("To", {"Smith, Ann", "ann@example.org"}), "To: \"Smith, Ann\" <ann@example.org>\r\n");
  EXPECT_EQ(mail::addressField("To", {"Ann Smith", "ann@example.org"}), "To: Ann Smith <ann@example.org>\r\n");
  EXPECT_EQ(mail::addressField("To", {"", "ann@example.org"}), "To: ann@example.org\r\n");
  EXPECT_THROW(mail::addressField("To", {"", "ann@exämple.org"}), std::invalid_argument);
  EXPECT_EQ(mail::formatDate(std::chrono::system_clock::from_time_t(1777887000)), "Mon, 04 May 2026 09:30:00 +0000");
}

TEST(SmtpTls, StartTlsIsRequiredExceptOnLoopback) {
  using mail::SmtpTls;
  for (const char* url : {"smtp://127.0.0.1:2525", "smtp://127.8.9.10", "smtp://localhost:25", "smtp://LOCALHOST.",
                          "smtp://[::1]:2525", "smtp://[::ffff:127.0.0.1]:25"}) {
    EXPECT_EQ(mail::smtpTlsFor(url), SmtpTls::Optional) << url;
  }
  for (const char* url : {"smtp://mail.example.org:587", "smtp://10.0.0.5:25", "smtp://192.168.1.1",
                          "smtp://127.0.0.1.example.org", "smtp://localhost.example.org:25", "smtp://[::2]:25",
                          "smtp://128.0.0.1", "smtp://0.0.0.0:25", "smtp://user:secret@mail.example.org"}) {
    EXPECT_EQ(mail::smtpTlsFor(url), SmtpTls::Required) << url;
  }
  EXPECT_EQ(mail::smtpTlsFor("smtps://mail.example.org:465"), SmtpTls::Implicit);
  EXPECT_EQ(mail::smtpTlsFor("smtps://127.0.0.1:465"), SmtpTls::Implicit);
  for (const char* url : {"http://mail.example.org", "smtp://", "not a url", "ftp://127.0.0.1"}) {
    EXPECT_THROW(mail::smtpTlsFor(url), std::invalid_argument) << url;
  }
  EXPECT_EQ(mail::redactedSmtpUrl("smtp://user:secret@mail.example.org:587"), "smtp://mail.example.org:587");
}

TEST(SmtpTls, APasswordInTheUrlNeverReachesAMessage) {
  // Unusable URLs are refused with the value quoted, but never its user information.
  for (const char* url : {"http://mailer:s3cret-pw@mail.example.org", "smtp://mailer:s3cret-pw@",
                          "smtp://mailer:s3cret-pw@mail.example.org:notaport", "mailer:s3cret-pw@mail.example.org",
                          "smtp://mailer:s3cret/pw@@mail example.org"}) {
    mail::SmtpSettings settings;
    settings.url = url;
    try {
      mail::SmtpTransport transport(settings);
      ADD_FAILURE() << "accepted " << url;
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
      EXPECT_NE(what.find("[redacted]@"), std::string::npos) << what;
    }
    EXPECT_EQ(mail::redactedSmtpUrl(url).find("s3cret"), std::string::npos) << url;
  }
  // Nor does one of the environment's checks.
  ::setenv("PRACTICUM_SMTP_URL", "https://mailer:s3cret-pw@mail.example.org", 1);
  try {
    server::Config::fromEnvironment();
    ADD_FAILURE() << "accepted an https:// SMTP URL";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("PRACTICUM_SMTP_URL"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
  ::unsetenv("PRACTICUM_SMTP_URL");
  // Nor a delivery's error, with the password in the URL rather than in the settings.
  test::SmtpServer smtp;
  smtp.stop();
  mail::SmtpSettings settings;
  settings.url = "smtp://mailer:s3cret%2Dpw@127.0.0.1:" + std::to_string(smtp.port());
  mail::SmtpTransport transport(settings);
  try {
    transport.send(
        {"6f1c2d7e-1111-4222-8333-444455556666", "a@example.org", "b@example.org", "Subject: x\r\n\r\nx\r\n"});
    FAIL() << "sent to a stopped server";
  } catch (const mail::MailError& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
}

TEST(SmtpTls, APlainServerOffLoopbackIsRefusedBeforeAnythingIsSent) {
  // A real SMTP server without STARTTLS, reached by a name that is not loopback (pinned to this
  // machine with CURLOPT_RESOLVE): STARTTLS is required, so the message never leaves.
  test::SmtpServer smtp;
  const auto port = std::to_string(smtp.port());
  const mail::Outgoing message{"6f1c2d7e-1111-4222-8333-444455556666", "no-reply@practicum.example", "zoe@example.org",
                               mail::render(sample())};
  mail::SmtpSettings settings;
  settings.url = "smtp://mail.practicum.test:" + port;
  settings.resolve = {"mail.practicum.test:" + port + ":127.0.0.1"};
  ASSERT_EQ(mail::smtpTlsFor(settings.url), mail::SmtpTls::Required);
  mail::SmtpTransport remote(settings);
  try {
    remote.send(message);
    FAIL() << "sent in the clear to a host off loopback";
  } catch (const mail::MailError& e) {
    EXPECT_NE(std::string(e.what()).find("STARTTLS"), std::string::npos) << e.what();
  }
  // The same server through its loopback address: plain SMTP is allowed and delivers.
  settings.url = smtp.url();
  settings.resolve.clear();
  mail::SmtpTransport loopback(settings);
  loopback.send(message);
  const auto got = smtp.waitFor(1);
  ASSERT_EQ(got.size(), 1u) << "only the loopback delivery arrived";
  EXPECT_EQ(got[0].data, message.data);
}

TEST(SmtpTls, DeliveryToAStoppedServerFailsWithAReadableError) {
  test::SmtpServer smtp;
  smtp.stop();
  mail::SmtpSettings settings;
  settings.url = smtp.url();
  settings.user = "mailer";
  settings.password = "hunter2-secret";
  mail::SmtpTransport transport(settings);
  try {
    transport.send(
        {"6f1c2d7e-1111-4222-8333-444455556666", "a@example.org", "b@example.org", "Subject: x\r\n\r\nx\r\n"});
    FAIL() << "sent to a stopped server";
  } catch (const mail::MailError& e) {
    EXPECT_NE(std::string(e.what()).find("onnect"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }
  smtp.start();
  transport.send({"6f1c2d7e-1111-4222-8333-444455556666", "a@example.org", "b@example.org", "Subject: x\r\n\r\nx\r\n"});
  const auto got = smtp.waitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mailFrom, "a@example.org");
  EXPECT_EQ(got[0].rcptTo, std::vector<std::string>{"b@example.org"});
}

TEST(MailDrop, WritesWholeParseableFilesIntoAFolderItCreates) {
  char pattern[] = "/tmp/practicum-drop-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::filesystem::path folder = std::filesystem::path(pattern) / "nested" / "mail-drop";
  mail::MailDropTransport drop(folder);
  const auto m = sample();
  const std::string id = "6f1c2d7e-1111-4222-8333-444455556666";
  drop.send({id, m.from.email, m.to.email, mail::render(m)});
  drop.send({id, m.from.email, m.to.email, mail::render(m)});  // again: the same file, replaced
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder)) names.push_back(e.path().filename().string());
  ASSERT_EQ(names, std::vector<std::string>{id + ".eml"}) << "no temporary file left behind";
  std::ifstream in(folder / (id + ".eml"), std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), mail::render(m));
  const auto parsed = parseMail(content.str());
  EXPECT_EQ(text(parsed.at("subject")), m.subject);
  EXPECT_EQ(parsed.at("parts").as_array().size(), 2u);
  EXPECT_EQ(std::filesystem::status(folder / (id + ".eml")).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_THROW(drop.send({"../escape", "a@b.c", "d@e.f", "x"}), mail::MailError);
  std::filesystem::remove_all(pattern);
}

TEST(Templates, EveryTemplateRendersWithItsValuesAndEscapesHtml) {
  const notify::TemplateValues values{{"first_name", "Ann <b>&</b>"},
                                      {"email", "ann@example.org"},
                                      {"patient_name", "Zoë \"Z\" O'Neil"},
                                      {"start_time", "Monday 4 May 2026, 09:30 UTC"},
                                      {"credits", "2 credits"},
                                      {"expires_in", "7 days"},
                                      {"offset", "1 hour"},
                                      {"amount", "12.50 EUR"},
                                      {"pack_name", "Starter"},
                                      {"credits_taken_back", "0 credits"},
                                      {"reason", "The checkout expired."}};
  const auto names = notify::mailTemplateNames();
  EXPECT_GE(names.size(), 7u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const auto mail = notify::renderMail(name, values);
    EXPECT_FALSE(mail.subject.empty());
    EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
    EXPECT_EQ(mail.text.find("{{"), std::string::npos);
    EXPECT_EQ(mail.html.find("{{"), std::string::npos);
    EXPECT_EQ(mail.html.find("<b>&</b>"), std::string::npos) << "values are escaped in HTML";
    EXPECT_TRUE(mail.html.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(mail.html.find("<title>" + server::http::htmlEscape(mail.subject) + "</title>"), std::string::npos);
    EXPECT_NE(mail.text.find("Ann <b>&</b>"), std::string::npos) << "and as they are in the text";
    EXPECT_NE(mail.html.find("Ann &lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos);
  }
  EXPECT_THROW(notify::renderMail("onboarding", {{"first_name", "Ann"}}), std::logic_error) << "{{email}} missing";
  EXPECT_THROW(notify::renderMail("no_such_template", values), std::logic_error);
  // Subjects stay within the column's 255 characters, cut between characters.
  auto longValues = values;
  longValues["patient_name"] = std::string(250, 'x');
  for (int i = 0; i < 60; ++i) longValues["patient_name"] += "é";
  const auto reminder = notify::renderMail("session_reminder", longValues);
  EXPECT_LE(reminder.subject.size(), 255u * 2);
  std::size_t chars = 0;
  for (char c : reminder.subject) chars += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  EXPECT_EQ(chars, 255u);
}

TEST(Templates, MinutesAndCreditsReadNaturally) {
  EXPECT_EQ(notify::formatMinutes(60), "1 hour");
  EXPECT_EQ(notify::formatMinutes(10), "10 minutes");
  EXPECT_EQ(notify::formatMinutes(1), "1 minute");
  EXPECT_EQ(notify::formatMinutes(90), "1 hour 30 minutes");
  EXPECT_EQ(notify::formatMinutes(24 * 60), "1 day");
  EXPECT_EQ(notify::formatMinutes(7 * 24 * 60), "7 days");
  EXPECT_EQ(notify::formatMinutes(2 * 24 * 60 + 120 + 5), "2 days 2 hours 5 minutes");
  EXPECT_EQ(notify::formatCredits(1), "1 credit");
  EXPECT_EQ(notify::formatCredits(10), "10 credits");
  EXPECT_EQ(server::http::htmlEscape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(Backoff, DoublesFromTheBaseAndStopsAtAnHour) {
  using std::chrono::seconds;
  EXPECT_EQ(repo::retryDelay(seconds(30), 1), seconds(30));
  EXPECT_EQ(repo::retryDelay(seconds(30), 2), seconds(60));
  EXPECT_EQ(repo::retryDelay(seconds(30), 3), seconds(120));
  EXPECT_EQ(repo::retryDelay(seconds(30), 7), seconds(1920));
  EXPECT_EQ(repo::retryDelay(seconds(30), 8), seconds(3600));
  EXPECT_EQ(repo::retryDelay(seconds(30), 100), seconds(3600));
  EXPECT_EQ(repo::retryDelay(seconds(7200), 1), seconds(3600));
  EXPECT_EQ(repo::retryDelay(seconds(0), 5), seconds(0));
}
