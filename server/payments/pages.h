#pragma once
/// The few HTML pages a browser sees during checkout: Stripe's return pages (success_url,
/// cancel_url) and the local test-mode checkout. Plain HTML and inline CSS, no script; every
/// value that did not come from us is escaped.

#include "server/repo/payments.h"

#include <string>
#include <string_view>

namespace practicum::server::payments {

/// success_url: the payment is being confirmed; go back to the app. `reference` is echoed
/// (escaped) when it is a payment id, else left out.
std::string returnPage(std::string_view reference);
/// cancel_url: nothing was charged; go back to the app.
std::string cancelPage(std::string_view reference);

/// The test-mode checkout of `payment` (TEST MODE banner; Pay and Cancel buttons while it is
/// pending). `notice` is a sentence about what just happened, or empty.
std::string testCheckoutPage(const repo::Payment& payment, std::string_view checkoutId, std::string_view notice);

/// What a browser sees for an unknown or disabled checkout page.
std::string notFoundPage();

}  // namespace practicum::server::payments
