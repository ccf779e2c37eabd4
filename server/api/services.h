#pragma once
/// What every route handler may use. Owned by the server's main; outlives the routes.

#include "server/auth/crypto.h"
#include "server/config.h"
#include "server/db/pg.h"

#include <atomic>

namespace practicum::server::api {

struct Services {
  const Config& config;
  db::Pool& pool;
  auth::PasswordHasher& hasher;
  const std::atomic<bool>& draining;  ///< true once SIGTERM arrived: /readyz answers 503
};

}  // namespace practicum::server::api
