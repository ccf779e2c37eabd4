#pragma once
/// The route table of /api/v1 and the probes.

#include "server/api/services.h"
#include "server/http/router.h"

namespace practicum::server::api {

/// Registers every route and the bearer-token authenticator.
void registerRoutes(http::Router& router, Services& services);

void registerHealthRoutes(http::Router& router, Services& services);
void registerAuthRoutes(http::Router& router, Services& services);
void registerPatientRoutes(http::Router& router, Services& services);
void registerAdminRoutes(http::Router& router, Services& services);
void registerCreditRoutes(http::Router& router, Services& services);
void registerSessionRoutes(http::Router& router, Services& services);
void registerFeedbackRoutes(http::Router& router, Services& services);
/// Credit packs, checkout (Stripe or the local test mode), payments, the Stripe webhook, and the
/// checkout's HTML return pages.
void registerPaymentRoutes(http::Router& router, Services& services);
/// One's own notifications, and the admins' view of the outbox.
void registerNotificationRoutes(http::Router& router, Services& services);

}  // namespace practicum::server::api
