// Placeholder until the notifications work lands: no rows are written yet.
#include "server/notify/notify.h"

namespace practicum::server::notify {

void onboarding(db::Connection&, const std::string&) {}
void sessionBooked(db::Connection&, const std::string&, const std::vector<int>&) {}
void sessionClosed(db::Connection&, const std::string&) {}
void paymentUpdate(db::Connection&, const std::string&) {}

}  // namespace practicum::server::notify
