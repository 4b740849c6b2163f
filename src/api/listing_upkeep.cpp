#include "api/listing_upkeep.hpp"

#include <fmt/format.h>

#include "api/linkage_matching.hpp"
#include "api/mailer.hpp"
#include "api/service.hpp"

namespace lienket::api {
namespace {

linkage::DirectoryChange SystemChange(std::string action) {
  linkage::DirectoryChange c;
  c.user_login = "lienket (hệ thống)";
  c.via = "upkeep";
  c.action = std::move(action);
  return c;
}

MailMessage ReminderMail(const Service& s, const linkage::DirectoryListing& d,
                         const linkage::DirectoryOrganisation& org, const core::Date& today) {
  const linkage::Listing& l = d.listing;
  long long days = core::DaysBetween(today, l.valid_to);
  std::string link = s.config().public_url.empty()
                         ? std::string()
                         : fmt::format("\n{}/#/linkage/listings/{}", s.config().public_url, l.id);
  MailMessage m;
  m.from = s.config().smtp_from;
  m.to = {org.organisation.contact.email};
  m.subject = fmt::format("[lienket] Tin \"{}\" hết hạn sau {} ngày / Listing expires in {} days",
                          d.title, days, days);
  m.body = fmt::format(
      "Kính gửi {org},\n\n"
      "Tin \"{title}\" (số {id}) của quý đơn vị trên lienket hết hạn ngày {to_vi}, còn {days} "
      "ngày. Nếu vẫn còn hàng hoặc còn nhu cầu, xin gia hạn tin trong ứng dụng; tin gia hạn "
      "không quá {renew} ngày được đăng lại ngay, không cần duyệt lại.{link}\n\n"
      "---\n"
      "Dear {org},\n\n"
      "Your listing \"{title}\" (no. {id}) on lienket ends on {to_en}, in {days} days. If the "
      "goods or the need are still there, renew it in the app; a renewal of at most {renew} days "
      "is published again at once without a new review.{link}\n",
      fmt::arg("org", org.organisation.name), fmt::arg("title", d.title), fmt::arg("id", l.id),
      fmt::arg("to_vi", l.valid_to.ToVietnamese()), fmt::arg("to_en", l.valid_to.ToString()),
      fmt::arg("days", days), fmt::arg("renew", linkage::kRenewWithoutReviewDays),
      fmt::arg("link", link));
  return m;
}

}  // namespace

core::Result<UpkeepReport> RunListingUpkeep(Service& s, const core::Date& today) {
  UpkeepReport report;
  store::SqliteLinkageStore& store = s.linkage().store();
  linkage::ListingFilter filter;
  filter.states = {linkage::ListingState::kPublished};
  LIENKET_ASSIGN_OR_RETURN(listings, store.ListListings(filter));
  for (linkage::DirectoryListing& d : listings) {
    linkage::Listing& l = d.listing;
    if (today > l.valid_to) {
      std::string expected = d.updated_at;
      LIENKET_RETURN_IF_ERROR(l.Expire(today));
      linkage::DirectoryChange change = SystemChange("listing_expire");
      change.comment = l.valid_to.ToString();
      LIENKET_RETURN_IF_ERROR(store.UpdateListing(d, expected, change));
      LIENKET_RETURN_IF_ERROR(s.linkage().Refresh(l.id));
      ++report.expired;
      continue;
    }
    if (!l.NeedsReminder(today, kExpiryReminderDays)) continue;
    std::string valid_to = l.valid_to.ToString();
    LIENKET_ASSIGN_OR_RETURN(created, store.AddExpiryReminder(l.id, valid_to));
    if (!created) continue;
    ++report.reminded;
    if (s.config().smtp_url.empty() || d.dataset != "observed") continue;
    LIENKET_ASSIGN_OR_RETURN(org, store.FindOrganisation(l.owner_id));
    if (!org || org->organisation.contact.email.empty()) continue;
    core::Status sent = SendMail(s.config().smtp_url, ReminderMail(s, d, *org, today));
    if (!sent) {
      report.mail_failures.push_back(fmt::format("listing {}: {}", l.id, sent.error().message_en));
      continue;
    }
    LIENKET_RETURN_IF_ERROR(
        store.SetReminderEmailed(l.id, valid_to, org->organisation.contact.email));
    ++report.emailed;
  }
  return report;
}

}  // namespace lienket::api
