// The route table's entry point and the probes.

#include "server/api/routes.h"

namespace practicum::server::api {

namespace verb = boost::beast::http;

void registerHealthRoutes(http::Router& router, Services& s) {
  // Liveness: the process answers.
  router.add(verb::verb::get, "/healthz", http::Access::Public,
             [](http::Request&) { return http::Response::json(200, {{"status", "ok"}}); });
  // Readiness: the database answers and we are not draining.
  router.add(verb::verb::get, "/readyz", http::Access::Public, [&s](http::Request&) {
    if (s.draining) throw ApiError(ErrorCode::Unavailable, "The server is shutting down.");
    try {
      auto conn = s.pool.acquire();
      conn->query("SELECT 1");
    } catch (const db::PgError& e) {
      throw ApiError(ErrorCode::Unavailable, "The database is unreachable.");
    }
    return http::Response::json(200, {{"status", "ready"}});
  });
}

void registerRoutes(http::Router& router, Services& services) {
  registerHealthRoutes(router, services);
  registerAuthRoutes(router, services);
  registerPatientRoutes(router, services);
  registerAdminRoutes(router, services);
  registerCreditRoutes(router, services);
  registerSessionRoutes(router, services);
  registerFeedbackRoutes(router, services);
  registerPaymentRoutes(router, services);
  registerNotificationRoutes(router, services);
}

}  // namespace practicum::server::api
