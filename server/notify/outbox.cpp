#include "server/notify/outbox.h"

#include "server/log.h"
#include "server/repo/notifications.h"

#include <poll.h>
#include <sodium.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <stdexcept>

namespace practicum::server::notify {

namespace {

mail::Address senderOf(const Config& config) {
  try {
    return mail::parseAddress(config.mailFrom);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("PRACTICUM_MAIL_FROM: ") + e.what());
  }
}

Outbox::TransportFactory defaultTransports(const Config& config) {
  mail::makeTransport(config);  // refuses an unusable SMTP URL now, not in every worker later
  if (config.production && config.smtpUrl.empty()) {
    // Allowed (a deployment may collect the files), but nobody gets mail: say so at every start.
    log::warn("production without PRACTICUM_SMTP_URL: no mail is sent, it is only written as .eml files",
              {{"transport", mail::describeTransport(config)}});
  }
  return [config] { return mail::makeTransport(config); };
}

}  // namespace

Outbox::Outbox(Config config, TransportFactory transports)
    : config_(std::move(config)),
      transports_(transports ? std::move(transports) : defaultTransports(config_)),
      from_(senderOf(config_)),
      pool_(config_.databaseUrl, std::max(1u, config_.mailWorkers), std::chrono::seconds(5)) {
  // Before the workers start: the mail drop names its temporary files with randombytes.
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Outbox::~Outbox() {
  stop();
}

void Outbox::start() {
  std::lock_guard lock(mutex_);
  if (!threads_.empty()) return;
  stopping_ = false;
  wakeFd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wakeFd_ < 0) throw std::runtime_error("eventfd failed");
  for (unsigned i = 0; i < std::max(1u, config_.mailWorkers); ++i) threads_.emplace_back([this] { workerLoop(); });
  threads_.emplace_back([this] { listenLoop(); });
  log::info("outbox started", {{"workers", std::max(1u, config_.mailWorkers)},
                               {"transport", mail::describeTransport(config_)},
                               {"poll_ms", config_.mailPollInterval.count()}});
}

void Outbox::stop() {
  {
    std::lock_guard lock(mutex_);
    if (threads_.empty()) return;
    stopping_ = true;
  }
  wakeup_.notify_all();
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wakeFd_, &one, sizeof one);
  for (auto& t : threads_) t.join();
  threads_.clear();
  ::close(wakeFd_);
  wakeFd_ = -1;
  const auto done = totals();
  log::info("outbox stopped", {{"sent", done.sent}, {"retried", done.retried}, {"failed", done.failed}});
}

void Outbox::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakeups_;
  }
  wakeup_.notify_all();
}

DeliveryCounts Outbox::totals() const {
  std::lock_guard lock(totalsMutex_);
  return totals_;
}

void Outbox::add(const DeliveryCounts& counts) {
  std::lock_guard lock(totalsMutex_);
  totals_ += counts;
}

bool Outbox::deliverOne(mail::Transport& transport, DeliveryCounts& counts) {
  std::vector<repo::ClaimedNotification> claimed;
  {
    auto conn = pool_.acquire();
    claimed = repo::claimDue(*conn, kLease, 1, config_.mailMaxAttempts);
  }
  if (claimed.empty()) return false;
  for (const auto& c : claimed) {
    using Verdict = repo::ClaimedNotification::Verdict;
    const boost::json::object who{{"notification_id", c.id}, {"type", toString(c.type)}, {"user_id", c.userId}};
    if (c.verdict == Verdict::Cancelled) {
      ++counts.cancelled;
      log::info("reminder cancelled", {{"notification_id", c.id}, {"reason", c.reason}});
      continue;
    }
    if (c.verdict == Verdict::GaveUp) {
      ++counts.failed;
      auto fields = who;
      fields["attempt"] = c.attempts;
      fields["error"] = c.reason;
      log::error("mail failed; giving up", std::move(fields));
      continue;
    }
    // Send with no transaction and no connection held: SMTP may take seconds.
    std::string error;
    bool delivered = false;
    bool permanent = false;
    try {
      if (!mail::isSendableAddress(c.email)) {
        permanent = true;
        throw mail::MailError("the recipient's address cannot be used for mail");
      }
      mail::Message m;
      m.from = from_;
      m.to = {c.recipientName, c.email};
      m.subject = c.subject;
      m.text = c.text;
      m.html = c.html;
      m.messageId = mail::messageIdFor(c.id, from_);
      transport.send({c.id, from_.email, c.email, mail::render(m)});
      delivered = true;
    } catch (const mail::MailError& e) {
      error = e.what();
    } catch (const std::invalid_argument& e) {  // a message that cannot be rendered will never be
      error = e.what();
      permanent = true;
    } catch (const std::exception& e) {
      // Anything else the transport throws is this message's failed attempt, counted towards the
      // limit like the others — not a database outage, and not a row that comes back forever.
      error = e.what();
    } catch (...) {
      error = "an exception that is not a std::exception";
    }
    if (!delivered && error.empty()) error = "delivery failed without an error message";
    auto conn = pool_.acquire();
    if (delivered) {
      bool recorded = false;
      try {
        recorded = repo::markSent(*conn, c.id, c.claimToken);
      } catch (const std::exception& e) {
        auto fields = who;
        fields["error"] = e.what();
        log::error("mail sent but not recorded; it will be sent again when its claim lapses", std::move(fields));
        throw;
      }
      auto fields = who;
      fields["attempt"] = c.attempts;
      if (recorded) {
        ++counts.sent;
        log::info("mail sent", std::move(fields));
      } else {
        ++counts.lost;
        log::warn("mail sent after its claim lapsed; another worker may send it again", std::move(fields));
      }
      continue;
    }
    const bool giveUp = permanent || c.attempts >= config_.mailMaxAttempts;
    const auto delay = repo::retryDelay(config_.mailRetryBase, c.attempts);
    const auto status = repo::markFailed(*conn, c.id, c.claimToken, error, giveUp, delay);
    auto fields = who;
    fields["attempt"] = c.attempts;
    fields["error"] = error;
    if (!status) {
      log::warn("mail attempt failed after its claim lapsed", std::move(fields));
    } else if (*status == NotificationStatus::Failed) {
      ++counts.failed;
      log::error("mail failed; giving up", std::move(fields));
    } else if (*status == NotificationStatus::Pending) {
      ++counts.retried;
      fields["retry_in_s"] = delay.count();
      log::warn("mail attempt failed; will retry", std::move(fields));
    }
  }
  return true;
}

void Outbox::workerLoop() {
  std::unique_ptr<mail::Transport> transport;
  try {
    transport = transports_();
  } catch (const std::exception& e) {
    log::error("mail transport unusable; this delivery worker stops", {{"error", e.what()}});
    return;
  }
  bool failing = false;
  for (;;) {
    std::uint64_t seen = 0;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      seen = wakeups_;
    }
    bool worked = false;
    DeliveryCounts counts;
    try {
      worked = deliverOne(*transport, counts);
      if (failing) log::info("outbox reaches the database again");
      failing = false;
    } catch (const std::exception& e) {
      if (!failing) log::warn("outbox cannot reach the database; retrying every poll", {{"error", e.what()}});
      failing = true;
    }
    add(counts);
    if (worked) continue;
    std::unique_lock lock(mutex_);
    wakeup_.wait_for(lock, config_.mailPollInterval, [&] { return stopping_ || wakeups_ != seen; });
  }
}

void Outbox::listenLoop() {
  const auto stopped = [this] {
    std::lock_guard lock(mutex_);
    return stopping_;
  };
  while (!stopped()) {
    std::unique_ptr<db::Connection> conn;
    try {
      conn = std::make_unique<db::Connection>(config_.databaseUrl);
      conn->script("LISTEN " + std::string(repo::kOutboxChannel));
    } catch (const std::exception&) {
      // The workers report the database's absence; try again after a poll interval.
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, config_.mailPollInterval, [this] { return stopping_; });
      continue;
    }
    wake();  // rows committed while nobody listened
    const int socket = PQsocket(conn->raw());
    while (!stopped()) {
      pollfd fds[2] = {{socket, POLLIN, 0}, {wakeFd_, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (fds[1].revents) break;                // stop()
      if (!PQconsumeInput(conn->raw())) break;  // connection lost: reconnect
      bool any = false;
      while (PGnotify* n = PQnotifies(conn->raw())) {
        PQfreemem(n);
        any = true;
      }
      if (any) wake();
    }
  }
}

DeliveryCounts Outbox::deliverDue() {
  std::mutex mutex;
  DeliveryCounts total;
  std::exception_ptr firstError;
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < std::max(1u, config_.mailWorkers); ++i) {
    threads.emplace_back([&] {
      DeliveryCounts counts;
      try {
        auto transport = transports_();
        while (deliverOne(*transport, counts)) {
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!firstError) firstError = std::current_exception();
      }
      add(counts);
      std::lock_guard lock(mutex);
      total += counts;
    });
  }
  for (auto& t : threads) t.join();
  if (firstError) std::rethrow_exception(firstError);
  return total;
}

}  // namespace practicum::server::notify
