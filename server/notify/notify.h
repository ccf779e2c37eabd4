#pragma once
/// What users hear about: each function writes notification rows (the outbox) with the rendered
/// mail, inside the caller's transaction, so a notification exists exactly when its cause was
/// committed. Delivery is the outbox worker's job (server/notify/outbox.h).

#include "server/db/pg.h"

#include <string>
#include <vector>

namespace practicum::server::notify {

/// Welcome mail for a new account (POST /auth/register).
void onboarding(db::Connection& conn, const std::string& userId);

/// "Session booked" for a new booking, and when it has a scheduled start, one reminder per offset
/// (minutes before the start) still in the future, due at that time; never two per offset.
void sessionBooked(db::Connection& conn, const std::string& sessionId, const std::vector<int>& reminderOffsetsMinutes);

/// A booking that will not happen (cancelled, expired, started): its pending reminders are cancelled.
void sessionClosed(db::Connection& conn, const std::string& sessionId);

/// The payment's status as it now stands in the database (completed, failed or refunded).
void paymentUpdate(db::Connection& conn, const std::string& paymentId);

}  // namespace practicum::server::notify
