// The outbox's writers: each renders its mail from resources/mail/ and inserts the row in the
// caller's transaction (repo/notifications.h), so a notification exists exactly when its cause
// was committed.

#include "server/notify/notify.h"

#include "core/money.h"
#include "server/notify/render.h"
#include "server/repo/notifications.h"

#include <stdexcept>

namespace practicum::server::notify {

namespace {

/// How a time reads in mail: "Monday 4 May 2026, 09:30 UTC". Users have no time zone on record
/// yet, so mail says UTC rather than guess.
constexpr std::string_view kHumanTime = "to_char(%1 AT TIME ZONE 'UTC', 'FMDay FMDD FMMonth YYYY, HH24:MI') || ' UTC'";

std::string humanTime(std::string_view column) {
  std::string out(kHumanTime);
  out.replace(out.find("%1"), 2, column);
  return out;
}

repo::NewNotification row(const std::string& userId, NotificationType type, RenderedMail mail) {
  repo::NewNotification n;
  n.userId = userId;
  n.type = type;
  n.subject = std::move(mail.subject);
  n.text = std::move(mail.text);
  n.html = std::move(mail.html);
  return n;
}

}  // namespace

void onboarding(db::Connection& conn, const std::string& userId) {
  auto r =
      conn.query("SELECT coalesce(nullif(trim(first_name), ''), 'there'), email FROM \"user\" WHERE id = $1", userId);
  if (r.empty()) throw std::invalid_argument("onboarding: no user " + userId);
  auto mail = renderMail("onboarding", {{"first_name", r.text(0, 0)}, {"email", r.text(0, 1)}});
  repo::insertNotification(conn, row(userId, NotificationType::Onboarding, std::move(mail)));
}

void sessionBooked(db::Connection& conn, const std::string& sessionId, const repo::SessionPolicy& policy,
                   const std::vector<int>& reminderOffsetsMinutes) {
  auto r = conn.query(
      "SELECT s.user_id, coalesce(nullif(trim(u.first_name), ''), 'there'), coalesce(s.patient_name, p.name), "
      "       s.scheduled_start_time IS NOT NULL, coalesce(" +
          humanTime("s.scheduled_start_time") +
          ", ''), "
          "       coalesce((SELECT -sum(t.credits) FROM credit_transactions t "
          "                  WHERE t.session_id = s.id AND t.transaction_type = 'usage'), 0) "
          "  FROM sessions s JOIN patients p ON p.id = s.patient_id JOIN \"user\" u ON u.id = s.user_id "
          " WHERE s.id = $1",
      sessionId);
  if (r.empty()) throw std::invalid_argument("sessionBooked: no session " + sessionId);
  const auto userId = r.text(0, 0);
  const bool scheduled = r.boolean(0, 3);
  TemplateValues values{{"first_name", r.text(0, 1)},
                        {"patient_name", r.text(0, 2)},
                        {"start_time", r.text(0, 4)},
                        {"credits", formatCredits(r.integer(0, 5))}};
  if (!scheduled) {
    // The running expiry policy, in words.
    values["expires_in"] = formatMinutes(static_cast<int>(std::chrono::minutes(policy.expireUnscheduled).count()));
  }
  auto booked = row(userId, NotificationType::SessionBooked,
                    renderMail(scheduled ? "session_booked" : "session_booked_unscheduled", values));
  booked.sessionId = sessionId;
  repo::insertNotification(conn, booked);  // skipped when the session already has one
  if (!scheduled) return;
  for (const int offset : reminderOffsetsMinutes) {
    values["offset"] = formatMinutes(offset);
    auto reminder = row(userId, NotificationType::SessionReminder, renderMail("session_reminder", values));
    reminder.sessionId = sessionId;
    repo::insertReminder(conn, reminder, offset);  // skipped when already past, or already there
  }
}

void paymentUpdate(db::Connection& conn, const std::string& paymentId) {
  auto r = conn.query(
      "SELECT p.user_id, coalesce(nullif(trim(u.first_name), ''), 'there'), p.status, p.amount_minor, p.currency, "
      "       p.credits, p.refunded_credits, cp.name, coalesce(p.failure_reason, '') "
      "  FROM payments p JOIN \"user\" u ON u.id = p.user_id LEFT JOIN credit_packs cp ON cp.id = p.pack_id "
      " WHERE p.id = $1",
      paymentId);
  if (r.empty()) throw std::invalid_argument("paymentUpdate: no payment " + paymentId);
  const auto status = r.view(0, 2);
  std::string name;
  if (status == "completed") name = "payment_completed";
  if (status == "failed") name = "payment_failed";
  if (status == "refunded") name = "payment_refunded";
  if (name.empty()) return;  // pending: nothing to tell yet
  const auto credits = formatCredits(r.integer(0, 5));
  TemplateValues values{{"first_name", r.text(0, 1)},
                        {"amount", practicum::formatMoney(r.integer(0, 3), r.view(0, 4))},
                        {"credits", credits},
                        {"credits_taken_back", formatCredits(r.integer(0, 6))},
                        {"pack_name", r.isNull(0, 7) ? "a pack of " + credits : r.text(0, 7)},
                        {"reason", r.text(0, 8)}};  // the student's sentence: why it failed
  auto n = row(r.text(0, 0), NotificationType::PaymentUpdate, renderMail(name, values));
  n.paymentId = paymentId;
  repo::insertNotification(conn, n);
}

}  // namespace practicum::server::notify
