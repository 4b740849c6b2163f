// The directory's upkeep, which the server runs at start and every hour (Service::StartUpkeep)
// and an administrator can run by hand or from cron (`lienket upkeep`):
//   - a published listing whose window has ended becomes expired (linkage::Listing::Expire),
//     audited as the system, and leaves the matcher;
//   - the owner of a published listing whose window ends within kExpiryReminderDays gets one
//     reminder per window end: in the app (GET /api/linkage/alerts, "expiring") and, when an
//     SMTP server is configured and the organisation has a contact address, by e-mail. Listings
//     of the illustrative dataset are reminded in the app only: their addresses are invented.
// A renewal moves the window's end, so the next end is reminded again.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace lienket::api {

class Service;

inline constexpr int kExpiryReminderDays = 7;

struct UpkeepReport {
  int expired = 0;
  int reminded = 0;
  int emailed = 0;
  std::vector<std::string> mail_failures;  // "listing 12: <reason>", the reminder kept in-app
};

// The caller holds s.mutex(). Errors: the store's; a mail that cannot be sent is not an error.
[[nodiscard]] core::Result<UpkeepReport> RunListingUpkeep(Service& s, const core::Date& today);

}  // namespace lienket::api
