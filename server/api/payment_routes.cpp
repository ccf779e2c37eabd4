// Placeholder until the payments work lands.
#include "server/api/routes.h"

namespace practicum::server::api {

void registerPaymentRoutes(http::Router&, Services&) {}

}  // namespace practicum::server::api
