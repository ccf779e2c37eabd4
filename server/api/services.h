#pragma once
/// What every route handler may use. Owned by the server's main; outlives the routes.

#include "server/ai/provider.h"
#include "server/ai/scripted_provider.h"
#include "server/auth/crypto.h"
#include "server/config.h"
#include "server/db/pg.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace practicum::server::api {

/// Sessions whose turn (a reply being computed) is taken in this process. Requests on one session
/// queue here instead of polling the database lease (which still guards against other instances).
/// Not tied to a thread: a turn taken by a handler may be released by its stream's producer.
class SessionTurns {
public:
  /// Waits until no one in this process holds `sessionId`'s turn, then holds it; false on timeout.
  bool acquire(const std::string& sessionId, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, timeout, [&] { return !held_.contains(sessionId); })) return false;
    held_.insert(sessionId);
    return true;
  }
  void release(const std::string& sessionId) {
    {
      std::lock_guard lock(mutex_);
      held_.erase(sessionId);
    }
    freed_.notify_all();
  }

private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::set<std::string> held_;
};

struct Services {
  const Config& config;
  db::Pool& pool;
  auth::PasswordHasher& hasher;
  const std::atomic<bool>& draining;  ///< true once SIGTERM arrived: /readyz answers 503
  /// Who plays the patient (PRACTICUM_AI_PROVIDER); tests inject their own.
  std::shared_ptr<ai::PatientProvider> provider = std::make_shared<ai::ScriptedProvider>();
  std::shared_ptr<SessionTurns> turns = std::make_shared<SessionTurns>();
};

}  // namespace practicum::server::api
