// Placeholder until the notifications work lands.
#include "server/api/routes.h"

namespace practicum::server::api {

void registerNotificationRoutes(http::Router&, Services&) {}

}  // namespace practicum::server::api
