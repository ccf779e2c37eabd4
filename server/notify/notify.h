#pragma once
/// What users hear about: each function writes notification rows (the outbox) with the rendered
/// mail, inside the caller's transaction, so a notification exists exactly when its cause was
/// committed. Delivery is the outbox worker's job (server/notify/outbox.h).

#include "server/db/pg.h"
#include "server/repo/sessions.h"

#include <string>
#include <vector>

namespace practicum::server::notify {

/// Welcome mail for a new account (POST /auth/register).
void onboarding(db::Connection& conn, const std::string& userId);

/// "Session booked" for a new booking (an unscheduled one says when `policy` expires it), and when
/// it has a scheduled start, one reminder per offset (minutes before the start) still in the
/// future, due at that time. Idempotent: never a second "booked" mail, never two reminders per
/// offset. (A booking that will not happen cancels its reminders in repo/sessions.cpp, with
/// repo::cancelPendingReminders.)
void sessionBooked(db::Connection& conn, const std::string& sessionId, const repo::SessionPolicy& policy,
                   const std::vector<int>& reminderOffsetsMinutes);

/// The payment's status as it now stands in the database (completed, failed or refunded).
void paymentUpdate(db::Connection& conn, const std::string& paymentId);

}  // namespace practicum::server::notify
