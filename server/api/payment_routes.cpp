// Credit packs (/credit-packs, /admin/credit-packs), checkout (Stripe Checkout, or the local
// test mode without Stripe keys), one's payments, the admins' payments and refunds, the signed
// Stripe webhook, and the browser pages of checkout (/checkout/…). docs/architecture.md, "Payments".

#include "core/codecs.h"
#include "core/json_reader.h"
#include "core/money.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/auth/crypto.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/payments/fulfilment.h"
#include "server/payments/pages.h"
#include "server/payments/stripe_client.h"
#include "server/payments/stripe_signature.h"
#include "server/repo/credit_packs.h"
#include "server/repo/payments.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <optional>

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;
using payments::StripeClient;
using payments::StripeError;

namespace {

// A Checkout Session lives this long (Stripe allows 30 min to 24 h): a student who walks away
// sees the payment fail within the hour (checkout.session.expired) instead of pending for a day.
constexpr std::int64_t kCheckoutLifetimeSeconds = 60 * 60;
// The test-mode checkout id: auth::randomText(32), 43 base64url characters.
constexpr std::size_t kTestCheckoutIdChars = 43;

struct PaymentContext {
  PaymentContext(Services& services, std::shared_ptr<const StripeClient> client)
      : s(services),
        stripe(std::move(client)),
        testMode(!stripe && services.config.testCheckoutAllowed()),
        stripeSlots(std::max<std::size_t>(2, services.config.dbPoolSize / 2)) {}

  Services& s;
  std::shared_ptr<const StripeClient> stripe;  ///< null without Stripe keys
  /// The local test-mode checkout runs (Config::testCheckoutAllowed): no Stripe keys, and
  /// development for certain. Without keys and without it, checkout answers 503.
  const bool testMode;
  /// Requests of this instance that may wait on Stripe at once (each for up to 20 s): an outage
  /// must not take every worker from the rest of the API. Beyond that, 503 at once.
  const std::size_t stripeSlots;
  std::atomic<std::size_t> stripeCalls{0};
};

/// One of the context's Stripe slots for the scope, or ApiError(Unavailable) when none is free.
class StripeSlot {
public:
  explicit StripeSlot(PaymentContext& c) : c_(c) {
    if (c_.stripeCalls.fetch_add(1) >= c_.stripeSlots) {
      c_.stripeCalls.fetch_sub(1);
      throw ApiError(ErrorCode::Unavailable,
                     "Too many payments are waiting for the payment service right now; please try again in a moment.");
    }
  }
  ~StripeSlot() { c_.stripeCalls.fetch_sub(1); }
  StripeSlot(const StripeSlot&) = delete;
  StripeSlot& operator=(const StripeSlot&) = delete;

private:
  PaymentContext& c_;
};

std::optional<std::pair<std::string, std::string>> timeIdCursor(const Request& r) {
  auto cursor = pageCursor(r, 2);
  if (!cursor) return std::nullopt;
  const auto& time = (*cursor)[0];
  // What this server hands out: isoTimestamp() text, "2026-01-02T03:04:05.123456Z".
  const bool timeOk =
      time.size() >= 20 && time.size() <= 32 && time[4] == '-' && time[10] == 'T' && time.back() == 'Z' &&
      std::all_of(time.begin(), time.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '.' || c == 'T' || c == 'Z';
      });
  if (!timeOk || !validation::isUuid((*cursor)[1])) {
    throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
  }
  return std::pair((*cursor)[0], validation::toLower((*cursor)[1]));
}

std::optional<PaymentStatus> statusFilter(const Request& r) {
  auto text = r.queryParam("status");
  if (!text) return std::nullopt;
  auto status = enumFromString<PaymentStatus>(*text);
  if (!status) throw ApiError(ErrorCode::BadRequest, "status must be one of: " + enumChoices<PaymentStatus>() + ".");
  return status;
}

// ---- credit packs ------------------------------------------------------------------------------

repo::CreditPackInput decodePack(const boost::json::object& body, bool create) {
  ObjectReader reader(body);
  repo::CreditPackInput in;
  in.name = reader.text("name", create, {1, 100});
  if (auto credits = reader.integer("credits", create, 1, 1000)) in.credits = static_cast<int>(*credits);
  in.priceMinor = reader.integer("price_minor", create, 50, 99'999'999);
  if (auto currency = reader.text("currency", create, {3, 3})) {
    auto code = validation::toLower(*currency);
    if (std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      in.currency = std::move(code);
    } else {
      reader.fail("currency", "must be a three-letter ISO 4217 code, e.g. eur");
    }
  }
  in.retired = reader.boolean("retired", false);
  reader.finish();
  if (!create && !in.name && !in.credits && !in.priceMinor && !in.currency && !in.retired) {
    throw ApiError(ErrorCode::ValidationFailed, "Nothing to change: the body names no field.");
  }
  return in;
}

void registerPackRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::get, "/api/v1/credit-packs", Access::Authenticated, [&s](Request&) {
    auto conn = s.pool.acquire();
    boost::json::array items;
    for (const auto& pack : repo::activePacks(*conn)) items.push_back(repo::toJson(pack, false));
    return Response::json(200, {{"items", std::move(items)}});
  });

  router.add(verb::verb::get, "/api/v1/admin/credit-packs", Access::Admin, [&s](Request& r) {
    const int limit = pageLimit(r);
    const auto after = timeIdCursor(r);
    auto conn = s.pool.acquire();
    const auto packs = repo::listPacks(*conn, limit, after);
    boost::json::array items;
    for (const auto& pack : packs) items.push_back(repo::toJson(pack, true));
    std::optional<std::string> next;
    if (static_cast<int>(packs.size()) == limit) next = encodeCursor({packs.back().createdAt, packs.back().id});
    return Response::json(200, pageJson(std::move(items), next));
  });

  router.add(verb::verb::post, "/api/v1/admin/credit-packs", Access::Admin, [&s](Request& r) {
    const auto input = decodePack(r.jsonBody(), true);
    auto conn = s.pool.acquire();
    const auto pack = repo::insertPack(*conn, input, r.currentUser().id);
    return Response::json(201, repo::toJson(pack, true));
  });

  router.add(verb::verb::patch, "/api/v1/admin/credit-packs/{id}", Access::Admin, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    const auto input = decodePack(r.jsonBody(), false);
    auto conn = s.pool.acquire();
    // Payments copied the price and credits when they were made: changing a pack changes no payment.
    auto pack = repo::updatePack(*conn, id, input);
    if (!pack) throw ApiError(ErrorCode::NotFound, "No such credit pack.");
    return Response::json(200, repo::toJson(*pack, true));
  });
}

// ---- checkout ----------------------------------------------------------------------------------

std::string packLabel(const repo::CreditPack& pack) {
  return pack.name + " (" + std::to_string(pack.credits) + " credits)";
}

Response checkout(PaymentContext& c, Request& r) {
  const auto body = r.jsonBody();
  ObjectReader reader(body);
  auto packId = reader.text("pack_id", true, {1, 36});
  if (packId && !validation::isUuid(*packId)) reader.fail("pack_id", "must be a UUID");
  reader.finish();
  if (!c.stripe && !c.testMode) {
    throw ApiError(ErrorCode::Unavailable,
                   "Payments are not configured on this server yet, so credits cannot be bought here. Please tell "
                   "your administrator.");
  }
  const auto& user = r.currentUser();
  const auto& config = c.s.config;
  // Taken before anything is written: a checkout refused for want of a slot leaves no trace.
  std::optional<StripeSlot> slot;
  if (c.stripe) slot.emplace(c);

  std::optional<repo::CreditPack> pack;
  repo::Payment payment;
  {
    auto conn = c.s.pool.acquire();
    db::Transaction tx(*conn);
    pack = repo::findPack(*conn, validation::toLower(*packId));
    if (!pack) throw ApiError(ErrorCode::NotFound, "No such credit pack.", {{"pack_id", *packId}});
    if (pack->retiredAt) {
      throw ApiError(ErrorCode::Conflict, "This credit pack is no longer sold; choose another.",
                     {{"pack_id", pack->id}});
    }
    std::optional<std::string> checkoutId, checkoutUrl;
    if (!c.stripe) {
      checkoutId = auth::randomText(32);
      checkoutUrl = config.publicUrl + "/checkout/test/" + *checkoutId;
    }
    payment =
        repo::insertPendingPayment(*conn, user.id, *pack, c.stripe ? "stripe" : "test",
                                   decimalAmount(pack->priceMinor, pack->currency), checkoutId, checkoutUrl);
    tx.commit();
  }
  if (!c.stripe) {
    return Response::json(201,
                          {{"payment_id", payment.id}, {"checkout_url", *payment.checkoutUrl}, {"test_mode", true}});
  }

  // Stripe is called with no database connection held: the pending row is committed first, so the
  // idempotency key (derived from its id) names a payment that exists whatever happens next.
  payments::CheckoutRequest request;
  request.paymentId = payment.id;
  request.productName = "Practicum — " + packLabel(*pack);
  request.unitAmount = pack->priceMinor;
  request.currency = pack->currency;
  request.successUrl = config.publicUrl + "/checkout/return?payment_id=" + payment.id;
  request.cancelUrl = config.publicUrl + "/checkout/cancel?payment_id=" + payment.id;
  request.customerEmail = user.email;
  request.expiresAt = payments::unixNow() + kCheckoutLifetimeSeconds;
  payments::CheckoutSession session;
  try {
    session = c.stripe->createCheckoutSession(request);
  } catch (const StripeError& e) {
    const bool refused = e.kind() == StripeError::Kind::Refused;
    log::warn("stripe checkout failed",
              {{"payment_id", payment.id}, {"status", e.status()}, {"refused", refused}, {"error", e.what()}});
    {
      // Stripe's words (redacted of keys) are for admins (staff_note) and the log; the student
      // reads a fixed sentence.
      auto conn = c.s.pool.acquire();
      db::Transaction tx(*conn);
      if (repo::markFailed(*conn, payment.id, "The payment service did not open the checkout, so nothing was charged.",
                           std::string("Stripe did not open the checkout: ") + e.what(), false)) {
        notify::paymentUpdate(*conn, payment.id);
      }
      tx.commit();
    }
    if (refused) {
      // Stripe refused what this server asked (a wrong key, a currency or amount it does not take):
      // our fault, and the same request will be refused again.
      throw ApiError(ErrorCode::Internal,
                     "The payment service refused to open this checkout, so nothing was charged. Trying again will "
                     "not help: please tell your administrator.",
                     {{"payment_id", payment.id}});
    }
    throw ApiError(ErrorCode::Unavailable,
                   "The payment service could not be reached, so nothing was charged. Please try again in a few "
                   "minutes.",
                   {{"payment_id", payment.id}});
  }
  {
    auto conn = c.s.pool.acquire();
    db::Transaction tx(*conn);
    repo::setCheckoutSession(*conn, payment.id, session.id, session.url);
    tx.commit();
  }
  return Response::json(201, {{"payment_id", payment.id}, {"checkout_url", session.url}, {"test_mode", false}});
}

// ---- payments ----------------------------------------------------------------------------------

Response paymentPage(Services& s, const repo::PaymentQuery& q, bool adminView) {
  auto conn = s.pool.acquire();
  const auto rows = repo::listPayments(*conn, q);
  boost::json::array items;
  for (const auto& p : rows) items.push_back(repo::toJson(p, adminView));
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == q.limit) next = encodeCursor({rows.back().createdAt, rows.back().id});
  return Response::json(200, pageJson(std::move(items), next));
}

/// What a refund request answers once the payment is refunded: the payment (admin view) and the
/// credits its refund took back.
Response refundAnswer(const repo::Payment& payment) {
  return Response::json(200,
                        {{"payment", repo::toJson(payment, true)}, {"credits_taken_back", payment.refundedCredits}});
}

Response refund(PaymentContext& c, Request& r) {
  const auto id = r.uuidParam(0);
  if (!r.body().empty()) ObjectReader(r.jsonBody()).finish();  // no options (yet): {} or nothing
  std::optional<repo::Payment> payment;
  {
    auto conn = c.s.pool.acquire();
    payment = repo::findPayment(*conn, id);
  }
  if (!payment) throw ApiError(ErrorCode::NotFound, "No such payment.");
  // Idempotent: asking again for a refunded payment answers the refund as it stands, whether this
  // request, a concurrent one, or Stripe's charge.refunded made it. So the answer does not depend
  // on which of two racing requests (or a request and the webhook) got to the payment first.
  if (payment->status == PaymentStatus::Refunded) return refundAnswer(*payment);
  if (payment->status != PaymentStatus::Completed) {
    throw ApiError(
        ErrorCode::Conflict,
        "Only completed payments can be refunded; this one is " + std::string(toString(payment->status)) + ".",
        {{"status", toString(payment->status)}});
  }
  if (payment->provider == "stripe") {
    if (!c.stripe) {
      throw ApiError(ErrorCode::Unavailable,
                     "Stripe is not configured on this server, so this Stripe payment cannot be refunded from here.");
    }
    if (!payment->stripeTransactionId) {
      throw ApiError(ErrorCode::Conflict, "Stripe never named this payment's PaymentIntent; refund it in Stripe.");
    }
    StripeSlot slot(c);
    try {
      const auto result = c.stripe->refundPaymentIntent(*payment->stripeTransactionId, payment->id);
      log::info("stripe refund", {{"payment_id", payment->id},
                                  {"refund_id", result.id},
                                  {"already_refunded", result.alreadyRefunded},
                                  {"by", r.currentUser().id}});
    } catch (const StripeError& e) {
      log::warn("stripe refund failed", {{"payment_id", payment->id}, {"status", e.status()}, {"error", e.what()}});
      if (e.kind() == StripeError::Kind::Refused) {
        throw ApiError(ErrorCode::Conflict, std::string("Stripe refused the refund: ") + e.what(),
                       {{"stripe_code", e.code()}});
      }
      throw ApiError(ErrorCode::Unavailable,
                     "Stripe could not be reached, so nothing was refunded. Please try again in a few minutes.");
    }
  }
  // The same code as charge.refunded: when Stripe's webhook for this refund arrives, it finds the
  // payment refunded already and does nothing.
  auto conn = c.s.pool.acquire();
  db::Transaction tx(*conn);
  auto locked = repo::lockPayment(*conn, id);
  if (!locked) throw ApiError(ErrorCode::NotFound, "No such payment.");
  const auto local = payments::applyRefund(*conn, *locked, r.currentUser().id);
  if (local.outcome == payments::LocalRefund::Outcome::NotRefundable) {
    throw ApiError(ErrorCode::Conflict, "The payment changed while it was being refunded; look at it again.");
  }
  const auto after = repo::findPayment(*conn, id);
  tx.commit();
  // Refunded here, or already by a racing request or Stripe's webhook: the same answer either way.
  return refundAnswer(*after);
}

void registerPaymentApi(http::Router& router, const std::shared_ptr<PaymentContext>& c) {
  Services& s = c->s;
  router.add(verb::verb::post, "/api/v1/checkout", Access::Authenticated, [c](Request& r) { return checkout(*c, r); });

  router.add(verb::verb::get, "/api/v1/payments", Access::Authenticated, [&s](Request& r) {
    repo::PaymentQuery q;
    q.limit = pageLimit(r);
    q.userId = r.currentUser().id;
    q.status = statusFilter(r);
    q.after = timeIdCursor(r);
    return paymentPage(s, q, r.currentUser().role == Role::Admin);
  });

  router.add(verb::verb::get, "/api/v1/payments/{id}", Access::Authenticated, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    const auto& me = r.currentUser();
    auto conn = s.pool.acquire();
    const auto payment = repo::findPayment(*conn, id);
    // Payments are admin business: someone else's payment is as absent as a missing one, unless an
    // admin asks (instructors included).
    const bool admin = me.role == Role::Admin;
    if (!payment || (payment->userId != me.id && !admin)) throw ApiError(ErrorCode::NotFound, "No such payment.");
    return Response::json(200, repo::toJson(*payment, admin));
  });

  router.add(verb::verb::get, "/api/v1/admin/payments", Access::Admin, [&s](Request& r) {
    repo::PaymentQuery q;
    q.limit = pageLimit(r);
    q.status = statusFilter(r);
    if (auto userId = r.queryParam("user_id")) {
      if (!validation::isUuid(*userId)) throw ApiError(ErrorCode::BadRequest, "user_id must be a UUID.");
      q.userId = validation::toLower(*userId);
    }
    if (auto flagged = r.queryParam("flagged")) {
      if (*flagged != "true" && *flagged != "false") {
        throw ApiError(ErrorCode::BadRequest, "flagged must be true or false.");
      }
      q.flagged = *flagged == "true";
    }
    q.after = timeIdCursor(r);
    return paymentPage(s, q, true);
  });

  router.add(verb::verb::post, "/api/v1/admin/payments/{id}/refund", Access::Admin,
             [c](Request& r) { return refund(*c, r); });

  // Stripe's webhook: no bearer token; the signature over the raw body is the authentication, and
  // it is checked before anything parses the body.
  router.add(verb::verb::post, "/api/v1/webhooks/stripe", Access::Public, [&s](Request& r) {
    const auto& secret = s.config.stripeWebhookSecret;
    if (secret.empty()) {
      throw ApiError(ErrorCode::InvalidSignature, "This server has no Stripe webhook signing secret configured.");
    }
    const auto check = payments::verifySignature(r.header("Stripe-Signature"), r.body(), secret,
                                                 s.config.stripeWebhookTolerance, payments::unixNow());
    if (check != payments::SignatureCheck::Valid) {
      log::warn("stripe webhook refused",
                {{"request_id", r.requestId}, {"remote", r.remoteAddress}, {"reason", payments::describe(check)}});
      throw ApiError(ErrorCode::InvalidSignature, std::string(payments::describe(check)));
    }
    const auto event = parseJsonObject(r.body());
    auto conn = s.pool.acquire();
    const auto result = payments::processEvent(*conn, event);
    return Response::json(200,
                          {{"received", true}, {"outcome", payments::toString(result.outcome)}, {"note", result.note}});
  });
}

// ---- browser pages -----------------------------------------------------------------------------

bool testCheckoutIdShape(std::string_view id) {
  return id.size() == kTestCheckoutIdChars && std::all_of(id.begin(), id.end(), [](char ch) {
           return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
         });
}

/// The test-mode checkout of this page, or nullopt (answered 404) when test mode is off or the id
/// names nothing.
std::optional<repo::Payment> testCheckout(const PaymentContext& c, db::Connection& conn, const std::string& id) {
  if (!c.testMode || !testCheckoutIdShape(id)) return std::nullopt;
  return repo::findTestCheckout(conn, id);
}

Response testCheckoutAction(const PaymentContext& c, Request& r, std::string_view eventType) {
  const auto& id = r.pathParams.at(0);
  auto conn = c.s.pool.acquire();
  auto payment = testCheckout(c, *conn, id);
  if (!payment) return Response::html(404, payments::notFoundPage());
  // The very event a webhook would carry, through the very same code.
  const auto result = payments::processEvent(*conn, payments::checkoutSessionEvent(*payment, eventType));
  payment = repo::findPayment(*conn, payment->id);
  std::string notice;
  if (result.outcome == payments::EventOutcome::Applied) {
    notice = payment->status == PaymentStatus::Completed
                 ? std::to_string(payment->credits) + " credits were added to your account."
                 : std::string("The checkout was cancelled: nothing was charged.");
  } else {
    notice = "Nothing changed: this payment is already " + std::string(toString(payment->status)) + ".";
  }
  return Response::html(200, payments::testCheckoutPage(*payment, id, notice));
}

void registerPages(http::Router& router, const std::shared_ptr<PaymentContext>& c) {
  // Stripe's success_url and cancel_url: they only tell the student to go back to the app (which
  // polls GET /payments/{id}); the webhook decides what happened.
  router.add(verb::verb::get, "/checkout/return", Access::Public, [](Request& r) {
    return Response::html(200, payments::returnPage(r.queryParam("payment_id").value_or("")));
  });
  router.add(verb::verb::get, "/checkout/cancel", Access::Public, [](Request& r) {
    return Response::html(200, payments::cancelPage(r.queryParam("payment_id").value_or("")));
  });

  router.add(verb::verb::get, "/checkout/test/{id}", Access::Public, [c](Request& r) {
    const auto& id = r.pathParams.at(0);
    auto conn = c->s.pool.acquire();
    const auto payment = testCheckout(*c, *conn, id);
    if (!payment) return Response::html(404, payments::notFoundPage());
    return Response::html(200, payments::testCheckoutPage(*payment, id, {}));
  });
  router.add(verb::verb::post, "/checkout/test/{id}/pay", Access::Public,
             [c](Request& r) { return testCheckoutAction(*c, r, "checkout.session.completed"); });
  router.add(verb::verb::post, "/checkout/test/{id}/cancel", Access::Public,
             [c](Request& r) { return testCheckoutAction(*c, r, "checkout.session.expired"); });
}

}  // namespace

void registerPaymentRoutes(http::Router& router, Services& s) {
  std::shared_ptr<const StripeClient> stripe;
  if (!s.config.stripeSecretKey.empty()) {
    payments::StripeOptions options;
    options.apiBase = s.config.stripeApiBase;
    options.secretKey = s.config.stripeSecretKey;
    stripe = std::make_shared<const StripeClient>(std::move(options));
  }
  auto context = std::make_shared<PaymentContext>(s, std::move(stripe));
  if (context->testMode) {
    log::warn(
        "TEST-MODE CHECKOUT IS ON: anyone signed in can get credits without paying. Set the Stripe keys, "
        "or PRACTICUM_ENV=production, on any server students can reach",
        {{"public_url", s.config.publicUrl},
         {"because", s.config.environmentSet ? "PRACTICUM_ENV=development" : "the public URL is loopback"}});
  } else if (!context->stripe) {
    log::warn(
        "payments are not configured: checkout answers 503 until the Stripe keys are set (on a "
        "developer's machine: PRACTICUM_ENV=development)");
  }
  registerPackRoutes(router, s);
  registerPaymentApi(router, context);
  registerPages(router, context);
}

}  // namespace practicum::server::api
