#include "tests/support/smtp_server.h"

#include <sodium.h>
#include <boost/json/parse.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace practicum::test {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, which sees python3-aiosmtpd

std::uint16_t freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string base64Decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw std::runtime_error("smtp_sink wrote invalid base64");
  }
  out.resize(length);
  return out;
}

}  // namespace

SmtpServer::SmtpServer() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char pattern[] = "/tmp/practicum-smtp-XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  inbox_ = root_ / "inbox";  // made by the sink
  port_ = freePort();
  start();
}

SmtpServer::~SmtpServer() {
  stop();
  std::error_code ec;
  fs::remove_all(root_, ec);
}

std::string SmtpServer::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

void SmtpServer::start() {
  if (pid_ > 0) return;
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string inbox = inbox_.string();
  std::vector<std::string> args{kPython, "-m", "aiosmtpd", "-n", "-c", "smtp_sink.RawSink", "-l", listen, inbox};
  std::vector<std::string> env{std::string("PYTHONPATH=") + PRACTICUM_TEST_SUPPORT_DIR, "PYTHONDONTWRITEBYTECODE=1",
                               "PATH=/usr/bin:/bin", "LANG=C.UTF-8"};
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const auto log = (root_ / "aiosmtpd.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, kPython, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + std::string(kPython) + " -m aiosmtpd");
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!accepts(port_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("aiosmtpd exited at start (is python3-aiosmtpd installed?): " + readFile(log));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("aiosmtpd did not accept connections within 15 s: " + readFile(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void SmtpServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<ReceivedMail> SmtpServer::received() const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(inbox_, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> out;
  for (const auto& file : files) {
    const auto record = boost::json::parse(readFile(file)).as_object();
    ReceivedMail mail;
    mail.mailFrom = std::string(record.at("mail_from").as_string());
    for (const auto& to : record.at("rcpt_tos").as_array()) mail.rcptTo.emplace_back(to.as_string());
    mail.data = base64Decode(record.at("data").as_string());
    out.push_back(std::move(mail));
  }
  return out;
}

std::vector<ReceivedMail> SmtpServer::waitFor(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto mails = received();
    if (mails.size() >= count || std::chrono::steady_clock::now() > deadline) return mails;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void SmtpServer::clear() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(inbox_, ec)) fs::remove(entry.path(), ec);
}

boost::json::object parseMail(const std::string& raw) {
  char pattern[] = "/tmp/practicum-mail-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  {
    std::ofstream out(pattern, std::ios::binary);
    out << raw;
  }
  const std::string command =
      std::string(kPython) + " " + PRACTICUM_TEST_SUPPORT_DIR + "/parse_mail.py " + pattern + " 2>&1";
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    ::pclose(pipe);
  }
  ::unlink(pattern);
  boost::system::error_code ec;
  auto value = boost::json::parse(output, ec);
  if (ec || !value.is_object()) throw std::runtime_error("parse_mail.py failed: " + output);
  return value.as_object();
}

}  // namespace practicum::test
