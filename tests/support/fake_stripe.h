#pragma once
/// A loopback fake of the parts of Stripe's API that practicum-server calls, speaking Stripe's wire
/// format: form-encoded POSTs with `Authorization: Bearer sk_…`, JSON answers, Stripe-style error
/// bodies {"error": {"type", "code", "message"}}, and idempotency (a repeated Idempotency-Key with
/// the same body replays the first answer with `Idempotent-Replayed: true`; with another body it is
/// refused). Every request is recorded. It also builds the events Stripe would send for the
/// sessions it created, and WebhookSender delivers them signed, as Stripe does.

#include "tests/support/http_client.h"
#include "tests/support/loopback_server.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace practicum::test {

class FakeStripe {
public:
  explicit FakeStripe(std::string secretKey = "sk_test_fake_0123456789");
  ~FakeStripe();
  FakeStripe(const FakeStripe&) = delete;
  FakeStripe& operator=(const FakeStripe&) = delete;

  std::string baseUrl() const;
  const std::string& secretKey() const;
  std::vector<RecordedRequest> requests() const;

  /// The next `count` API requests are answered with this Stripe-style error instead (retries
  /// included: each attempt takes one).
  void failNext(unsigned status, std::string type, std::string message, std::string code = {}, int count = 1);

  /// What the fake knows of a Checkout Session it created.
  struct Session {
    std::string id;  ///< cs_test_fake_N
    std::string url;
    std::string paymentIntent;  ///< pi_fake_N, named in events once "paid"
    std::int64_t amountTotal = 0;
    std::string currency;
    std::string clientReferenceId;
    std::string paymentId;  ///< metadata[payment_id]
    bool refunded = false;
  };
  std::vector<Session> sessions() const;
  /// While held, API requests are received (and recorded) but not answered until release.
  void hold();
  void release();

  /// As if the charge of `sessionId` were refunded in Stripe's dashboard (our refund request then
  /// meets charge_already_refunded).
  void markRefunded(const std::string& sessionId);

  /// The session made for this payment id (metadata[payment_id]); throws when there is none.
  Session sessionFor(const std::string& paymentId) const;

  /// An event as Stripe sends it ({"id": "evt_…", "object": "event", "type", "data": {"object"}}),
  /// with a fresh id.
  static boost::json::object event(const std::string& type, boost::json::object object);
  /// The Checkout Session object of `session` as it stands after `type` (payment_status "paid"
  /// with its payment_intent for completed/async_payment_succeeded, "unpaid" otherwise).
  static boost::json::object sessionObject(const Session& session, const std::string& type);
  /// checkout.session.* for `session`.
  static boost::json::object sessionEvent(const Session& session, const std::string& type);
  /// charge.refunded for the charge of `session` (fully refunded unless `amountRefunded` is less).
  static boost::json::object chargeRefundedEvent(const Session& session,
                                                 std::optional<std::int64_t> amountRefunded = std::nullopt);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Posts events to /api/v1/webhooks/stripe signed with the endpoint's secret, as Stripe does.
class WebhookSender {
public:
  WebhookSender(std::uint16_t port, std::string secret) : port_(port), secret_(std::move(secret)) {}

  /// Signed with t = now + `skewSeconds`.
  HttpResult send(const boost::json::object& event, std::int64_t skewSeconds = 0) const;
  /// The exact bytes with the exact header (or none when `signature` is nullopt).
  HttpResult sendRaw(const std::string& body, const std::optional<std::string>& signature) const;
  /// The header Stripe would send for `body` at time `timestamp`.
  std::string sign(const std::string& body, std::int64_t timestamp) const;

private:
  std::uint16_t port_;
  std::string secret_;
};

}  // namespace practicum::test
