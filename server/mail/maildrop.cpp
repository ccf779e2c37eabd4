#include "server/mail/maildrop.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace practicum::server::mail {

namespace {

std::string systemError(const std::string& what, int error) {
  return what + ": " + std::generic_category().message(error);
}

}  // namespace

MailDropTransport::MailDropTransport(std::filesystem::path folder) : folder_(std::move(folder)) {}

void MailDropTransport::send(const Outgoing& message) {
  // The id names the file: a UUID, never a path.
  if (message.id.empty() || message.id.find_first_not_of("0123456789abcdef-") != std::string::npos) {
    throw MailError("a mail-drop file name must be a notification id, got '" + message.id + "'");
  }
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) throw MailError("cannot create the mail-drop folder " + folder_.string() + ": " + ec.message());

  const auto target = folder_ / (message.id + ".eml");
  const auto temporary = folder_ / ("." + message.id + "." + std::to_string(getpid()) + "." +
                                    std::to_string(randombytes_random()) + ".tmp");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw MailError(systemError("cannot create " + temporary.string(), errno));
  std::size_t written = 0;
  int error = 0;
  while (written < message.data.size()) {
    const auto n = ::write(fd, message.data.data() + written, message.data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  // On disk before it is renamed into view, and before the row says "sent".
  if (!error && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  if (!error && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
  if (error) {
    ::unlink(temporary.c_str());
    throw MailError(systemError("cannot write " + target.string(), error));
  }
}

}  // namespace practicum::server::mail
