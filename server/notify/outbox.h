#pragma once
/// The outbox's delivery worker: config.mailWorkers threads claim due notifications (FOR UPDATE
/// SKIP LOCKED with a lease, repo::claimDue), send each with no transaction or connection held,
/// and mark it sent only if their claim still holds; failures (anything the send throws) come
/// back after a backoff and become failed after config.mailMaxAttempts — so does a row whose last
/// attempt never reported back (a worker killed mid-send). Any number of instances may run on one database: each row
/// is claimed by one worker at a time. A LISTEN connection wakes the workers as soon as a row due
/// now is committed; otherwise they look every config.mailPollInterval.

#include "server/config.h"
#include "server/db/pg.h"
#include "server/mail/mime.h"
#include "server/mail/transport.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace practicum::server::notify {

struct DeliveryCounts {
  int sent = 0;
  int retried = 0;    ///< attempts that failed and will be tried again
  int failed = 0;     ///< notifications given up (status failed)
  int cancelled = 0;  ///< reminders found stale at delivery (session closed or its start passed) and cancelled
  int lost = 0;       ///< sent, but the claim had lapsed meanwhile (may be sent again)

  DeliveryCounts& operator+=(const DeliveryCounts& o) {
    sent += o.sent;
    retried += o.retried;
    failed += o.failed;
    cancelled += o.cancelled;
    lost += o.lost;
    return *this;
  }
};

class Outbox {
public:
  /// One transport per worker thread (say, its own SMTP connection).
  using TransportFactory = std::function<std::unique_ptr<mail::Transport>()>;

  /// How long a claim lasts: well beyond one SMTP delivery's 60 s timeout, so a live worker's
  /// claim never lapses under it; a dead worker's rows come back after it.
  static constexpr std::chrono::seconds kLease{300};

  /// Opens its own pool of config.mailWorkers connections (lazily). `transports` defaults to
  /// mail::makeTransport(config) (and then, in production without an SMTP URL, a warning is
  /// logged: mail only goes to the mail drop). Throws std::invalid_argument when
  /// PRACTICUM_MAIL_FROM or the SMTP URL is unusable.
  explicit Outbox(Config config, TransportFactory transports = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// Starts the workers and the LISTEN connection; returns at once.
  void start();
  /// Stops looking for work and waits for the deliveries in flight (each bounded by its timeout).
  void stop();
  /// Makes the workers look for due rows now.
  void wake();

  /// Delivers everything due now with config.mailWorkers threads and returns what happened (the
  /// one-shot `deliver-mail`, and the tests). Throws the first database error.
  DeliveryCounts deliverDue();

  /// Everything this outbox did so far.
  DeliveryCounts totals() const;

private:
  /// Claims and handles one due row; false when none was due.
  bool deliverOne(mail::Transport& transport, DeliveryCounts& counts);
  void workerLoop();
  void listenLoop();
  void add(const DeliveryCounts& counts);

  Config config_;
  TransportFactory transports_;
  mail::Address from_;
  db::Pool pool_;

  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::uint64_t wakeups_ = 0;
  bool stopping_ = false;
  int wakeFd_ = -1;  ///< eventfd that interrupts the listener's poll() on stop
  std::vector<std::thread> threads_;

  mutable std::mutex totalsMutex_;
  DeliveryCounts totals_;
};

}  // namespace practicum::server::notify
