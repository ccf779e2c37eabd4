#include "server/payments/pages.h"

#include "core/money.h"
#include "core/validation.h"
#include "server/http/message.h"

namespace practicum::server::payments {

using http::htmlEscape;

namespace {

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.5rem}.test{background:#b00020;color:#fff;font-weight:bold;padding:.6rem 1rem;"
    "border-radius:.3rem;letter-spacing:.05em}.box{border:1px solid #ccc;border-radius:.3rem;padding:1rem}"
    "form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.5rem 1.2rem}"
    ".note{background:#eef;padding:.6rem 1rem;border-radius:.3rem}.muted{color:#666;font-size:.9rem}";

std::string page(std::string_view title, std::string_view body) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex\"><title>";
  out += htmlEscape(title);
  out += " · Practicum</title><style>";
  out += kStyle;
  out += "</style></head><body>\n";
  out += body;
  out += "\n</body></html>\n";
  return out;
}

std::string referenceLine(std::string_view reference) {
  if (!validation::isUuid(reference)) return {};
  return "<p class=\"muted\">Payment reference: " + htmlEscape(reference) + "</p>";
}

}  // namespace

std::string returnPage(std::string_view reference) {
  return page("Payment received",
              "<h1>Thank you — your payment is being confirmed</h1>"
              "<p>You can close this page and go back to Practicum. Your credits appear there as soon as "
              "the payment is confirmed, usually within a few seconds.</p>" +
                  referenceLine(reference));
}

std::string cancelPage(std::string_view reference) {
  return page("Checkout cancelled",
              "<h1>Checkout cancelled</h1><p>Nothing was charged. You can close this page and go back to "
              "Practicum to choose a pack again.</p>" +
                  referenceLine(reference));
}

std::string testCheckoutPage(const repo::Payment& payment, std::string_view checkoutId, std::string_view notice) {
  const std::string base = "/checkout/test/" + htmlEscape(checkoutId);
  std::string body =
      "<p class=\"test\">TEST MODE — no real payment is taken. This server has no Stripe keys; "
      "these buttons stand in for Stripe's checkout.</p>";
  body += "<h1>" + htmlEscape(payment.packName.value_or("Credit pack")) + "</h1>";
  body += "<div class=\"box\"><p>" + std::to_string(payment.credits) + " credits for " +
          htmlEscape(formatMoney(payment.amountMinor, payment.currency)) + "</p><p>Status: <strong>" + htmlEscape(toString(payment.status)) + "</strong></p>";
  if (payment.failureReason) body += "<p>" + htmlEscape(*payment.failureReason) + "</p>";
  body += "</div>";
  if (!notice.empty()) body += "<p class=\"note\">" + htmlEscape(notice) + "</p>";
  if (payment.status == PaymentStatus::Pending) {
    body += "<p><form method=\"post\" action=\"" + base + "/pay\"><button type=\"submit\">Pay (test)</button></form>" +
            "<form method=\"post\" action=\"" + base + "/cancel\"><button type=\"submit\">Cancel</button></form></p>";
  } else {
    body += "<p>You can close this page and go back to Practicum.</p>";
  }
  body += referenceLine(payment.id);
  return page("TEST MODE checkout", body);
}

std::string notFoundPage() {
  return page("Not found",
              "<h1>No such checkout</h1><p>This checkout page does not exist. Go back to Practicum "
              "and start the purchase again.</p>");
}

}  // namespace practicum::server::payments
