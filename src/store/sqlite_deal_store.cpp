#include "store/sqlite_deal_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

namespace lienket::store {
namespace {

using core::Decimal;
using core::ErrorCode;
using linkage::Deal;
using linkage::DealLine;
using linkage::DirectoryChange;
using linkage::FollowUp;

constexpr std::string_view kInsertDeal =
    "INSERT INTO deals (type, title, signed_on, seller_id, buyer_id, origin_unit_id, "
    "destination_unit_id, event_id, meeting_id, note, dataset, created_by, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, 0), NULLIF(?9, 0), ?10, ?11, "
    "NULLIF(?12, 0), ?13, ?13) RETURNING id";
constexpr std::string_view kInsertLine =
    "INSERT INTO deal_lines (deal_id, line_no, product_name, product_id, product_group, quantity, "
    "unit, value) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6, ?7, ?8)";
constexpr std::string_view kInsertDealListing =
    "INSERT INTO deal_listings (deal_id, listing_id) VALUES (?1, ?2) "
    "ON CONFLICT (deal_id, listing_id) DO NOTHING";

// The three reads share one filter (?1 dataset, ?2..?3 signed_on range, ?4 deal id, ?5 event
// id), written out in each; the unit and organisation filters are applied in C++.
constexpr std::string_view kSelectDeals =
    "SELECT d.id, d.type, d.title, d.signed_on, d.seller_id, d.buyer_id, d.origin_unit_id, "
    "d.destination_unit_id, COALESCE(d.event_id, 0), COALESCE(d.meeting_id, 0), d.note, "
    "d.dataset, COALESCE(d.created_by, 0), d.created_at, d.updated_at, s.name, b.name "
    "FROM deals d JOIN organisations s ON s.id = d.seller_id "
    "JOIN organisations b ON b.id = d.buyer_id WHERE"
    " (?1 = '' OR d.dataset = ?1) AND d.signed_on >= ?2 AND d.signed_on <= ?3 AND "
    "(?4 = 0 OR d.id = ?4) AND (?5 = 0 OR d.event_id = ?5) "
    "ORDER BY d.signed_on DESC, d.id DESC";
constexpr std::string_view kSelectLines =
    "SELECT l.deal_id, l.line_no, l.product_name, COALESCE(l.product_id, 0), l.product_group, "
    "l.quantity, l.unit, l.value FROM deal_lines l JOIN deals d ON d.id = l.deal_id "
    "WHERE"
    " (?1 = '' OR d.dataset = ?1) AND d.signed_on >= ?2 AND d.signed_on <= ?3 AND "
    "(?4 = 0 OR d.id = ?4) AND (?5 = 0 OR d.event_id = ?5) "
    "ORDER BY l.deal_id, l.line_no";
constexpr std::string_view kSelectDealListings =
    "SELECT x.deal_id, x.listing_id FROM deal_listings x JOIN deals d ON d.id = x.deal_id "
    "WHERE"
    " (?1 = '' OR d.dataset = ?1) AND d.signed_on >= ?2 AND d.signed_on <= ?3 AND "
    "(?4 = 0 OR d.id = ?4) AND (?5 = 0 OR d.event_id = ?5) "
    "ORDER BY x.deal_id, x.listing_id";

constexpr std::string_view kSelectFollowUp =
    "SELECT recorded_on, note FROM deal_follow_ups WHERE deal_id = ?1 AND months = ?2";
constexpr std::string_view kUpsertFollowUp =
    "INSERT INTO deal_follow_ups (deal_id, months, recorded_on, note, recorded_by, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6, ?6) ON CONFLICT (deal_id, months) "
    "DO UPDATE SET recorded_on = excluded.recorded_on, note = excluded.note, "
    "recorded_by = excluded.recorded_by, updated_at = excluded.updated_at";
constexpr std::string_view kDeleteFollowUpLines =
    "DELETE FROM deal_follow_up_lines WHERE deal_id = ?1 AND months = ?2";
constexpr std::string_view kInsertFollowUpLine =
    "INSERT INTO deal_follow_up_lines (deal_id, months, line_no, delivered_quantity, "
    "delivered_value) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kSelectFollowUps =
    "SELECT f.deal_id, f.months, f.recorded_on, f.note, COALESCE(f.recorded_by, 0), "
    "l.line_no, l.delivered_quantity, l.delivered_value FROM deal_follow_ups f "
    "JOIN deal_follow_up_lines l ON l.deal_id = f.deal_id AND l.months = f.months "
    "ORDER BY f.deal_id, f.months, l.line_no";

constexpr std::string_view kSelectMeeting =
    "SELECT m.event_id, pf.organisation_id, pt.organisation_id FROM event_meetings m "
    "JOIN event_meeting_requests q ON q.id = m.request_id "
    "JOIN event_participants pf ON pf.id = q.from_participant "
    "JOIN event_participants pt ON pt.id = q.to_participant WHERE m.id = ?1";

constexpr std::string_view kDeleteDealsOfDataset = "DELETE FROM deals WHERE dataset = ?1";

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, user_id, user_login, action, via, unit_id, old_value, new_value, "
    "comment, request_id, entity) VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, NULLIF(?6, 0), ?7, ?8, "
    "?9, ?10, ?11)";

// The demo's inputs.
constexpr std::string_view kSelectDemoOrgs =
    "SELECT id, name, unit_id, registered_on FROM organisations WHERE dataset = 'illustrative' "
    "ORDER BY id";
constexpr std::string_view kSelectDemoProducts =
    "SELECT id, organisation_id, name_vi, vcpa, COALESCE(ocop_group, ''), unit, "
    "COALESCE(price_min, ''), COALESCE(price_max, ''), COALESCE(capacity_per_year, '') "
    "FROM products WHERE dataset = 'illustrative' ORDER BY id";
constexpr std::string_view kSelectDemoBuyers =
    "SELECT DISTINCT organisation_id FROM listings WHERE dataset = 'illustrative' AND "
    "kind = 'request' ORDER BY organisation_id";

Decimal ParseOr(const std::string& text, Decimal fallback = Decimal()) {
  auto d = Decimal::Parse(text);
  return d ? *d : fallback;
}

core::Result<core::Date> ParseDate(const std::string& text) { return core::Date::Parse(text); }

void BindFilter(Statement& st, const DealFilter& f) {
  st.Bind(1, f.dataset);
  st.Bind(2, f.from ? f.from->ToString() : std::string("0000-00-00"));
  st.Bind(3, f.to ? f.to->ToString() : std::string("9999-99-99"));
  st.Bind(4, f.id).Bind(5, f.event_id);
}

}  // namespace

std::string DealAuditText(const Deal& deal) {
  nlohmann::json lines = nlohmann::json::array();
  for (const DealLine& l : deal.lines)
    lines.push_back({{"product", l.product_name},
                     {"group", l.group.Id()},
                     {"quantity", l.quantity.ToString()},
                     {"unit", linkage::ProductUnitId(l.unit)},
                     {"value", l.value.ToString()}});
  nlohmann::json j = {{"type", linkage::DealTypeId(deal.type)},
                      {"title", deal.title},
                      {"signed_on", deal.signed_on.ToString()},
                      {"seller", deal.seller_id},
                      {"buyer", deal.buyer_id},
                      {"origin_unit", deal.origin_unit_id},
                      {"destination_unit", deal.destination_unit_id},
                      {"lines", lines}};
  if (deal.event_id != 0) j["event"] = deal.event_id;
  if (deal.meeting_id != 0) j["meeting"] = deal.meeting_id;
  return j.dump();
}

core::Status SqliteDealStore::Audit(const DirectoryChange& change, std::int64_t deal_id,
                                    int unit_id, std::optional<std::string> old_value,
                                    std::optional<std::string> new_value) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertAudit));
  insert.Bind(1, core::UtcTimestamp()).Bind(2, change.user_id).Bind(3, change.user_login);
  insert.Bind(4, change.action).Bind(5, change.via).Bind(6, static_cast<std::int64_t>(unit_id));
  insert.BindOptional(7, old_value).BindOptional(8, new_value);
  insert.Bind(9, change.comment).Bind(10, change.request_id);
  insert.Bind(11, fmt::format("deal:{}", deal_id));
  return insert.Run();
}

core::Result<std::int64_t> SqliteDealStore::InsertDeal(const Deal& deal, const std::string& dataset,
                                                       std::int64_t created_by) {
  LIENKET_ASSIGN_OR_RETURN(insert, db_->Prepare(kInsertDeal));
  insert.Bind(1, linkage::DealTypeId(deal.type)).Bind(2, deal.title);
  insert.Bind(3, deal.signed_on.ToString()).Bind(4, deal.seller_id).Bind(5, deal.buyer_id);
  insert.Bind(6, static_cast<std::int64_t>(deal.origin_unit_id));
  insert.Bind(7, static_cast<std::int64_t>(deal.destination_unit_id));
  insert.Bind(8, deal.event_id).Bind(9, deal.meeting_id).Bind(10, deal.note);
  insert.Bind(11, dataset).Bind(12, created_by).Bind(13, core::UtcTimestamp());
  LIENKET_ASSIGN_OR_RETURN(row, insert.Step());
  if (!row)
    return core::MakeError(ErrorCode::kInternal, "Không nhận được mã của thỏa thuận vừa ghi",
                           "The new deal's id was not returned");
  const std::int64_t id = insert.Int(0);
  LIENKET_RETURN_IF_ERROR(insert.Run());
  LIENKET_ASSIGN_OR_RETURN(line, db_->Prepare(kInsertLine));
  for (std::size_t i = 0; i < deal.lines.size(); ++i) {
    const DealLine& l = deal.lines[i];
    line.Reset();
    line.Bind(1, id).Bind(2, static_cast<std::int64_t>(i)).Bind(3, l.product_name);
    line.Bind(4, l.product_id).Bind(5, l.group.Id()).Bind(6, l.quantity.ToString());
    line.Bind(7, linkage::ProductUnitId(l.unit)).Bind(8, l.value.ToString());
    LIENKET_RETURN_IF_ERROR(line.Run());
  }
  LIENKET_ASSIGN_OR_RETURN(listing, db_->Prepare(kInsertDealListing));
  for (std::int64_t listing_id : deal.listing_ids) {
    listing.Reset();
    listing.Bind(1, id).Bind(2, listing_id);
    LIENKET_RETURN_IF_ERROR(listing.Run());
  }
  return id;
}

core::Result<std::int64_t> SqliteDealStore::CreateDeal(const Deal& deal, const std::string& dataset,
                                                       const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  auto id = InsertDeal(deal, dataset, change.user_id);
  if (!id && id.error().message_en.find("FOREIGN KEY") != std::string::npos)
    return core::MakeError(ErrorCode::kNotFound,
                           "Một bên, sự kiện, cuộc gặp, sản phẩm hoặc tin đăng của thỏa thuận "
                           "không có trong hệ thống",
                           "A party, event, meeting, product or listing of the deal does not "
                           "exist");
  if (!id) return tl::unexpected(id.error());
  Deal stored = deal;
  stored.id = *id;
  LIENKET_RETURN_IF_ERROR(
      Audit(change, *id, deal.origin_unit_id, std::nullopt, DealAuditText(stored)));
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return *id;
}

core::Result<std::vector<StoredDeal>> SqliteDealStore::ListDeals(const DealFilter& filter) {
  std::vector<StoredDeal> out;
  std::map<std::int64_t, std::size_t> index;
  const std::set<int> units(filter.unit_ids.begin(), filter.unit_ids.end());
  const std::set<std::int64_t> orgs(filter.organisation_ids.begin(), filter.organisation_ids.end());
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectDeals));
    BindFilter(st, filter);
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      StoredDeal s;
      Deal& d = s.deal;
      d.id = st.Int(0);
      auto type = linkage::ParseDealType(st.Text(1));
      if (type) d.type = *type;
      d.title = st.Text(2);
      LIENKET_ASSIGN_OR_RETURN(signed_on, ParseDate(st.Text(3)));
      d.signed_on = signed_on;
      d.seller_id = st.Int(4);
      d.buyer_id = st.Int(5);
      d.origin_unit_id = static_cast<int>(st.Int(6));
      d.destination_unit_id = static_cast<int>(st.Int(7));
      d.event_id = st.Int(8);
      d.meeting_id = st.Int(9);
      d.note = st.Text(10);
      s.dataset = st.Text(11);
      s.created_by = st.Int(12);
      s.created_at = st.Text(13);
      s.updated_at = st.Text(14);
      s.seller_name = st.Text(15);
      s.buyer_name = st.Text(16);
      const bool unit_ok =
          units.count(d.origin_unit_id) > 0 || units.count(d.destination_unit_id) > 0;
      const bool org_ok = orgs.count(d.seller_id) > 0 || orgs.count(d.buyer_id) > 0;
      const bool keep = (units.empty() && orgs.empty()) || (!units.empty() && unit_ok) ||
                        (!orgs.empty() && org_ok);
      if (!keep) continue;
      index[d.id] = out.size();
      out.push_back(std::move(s));
    }
  }
  if (out.empty()) return out;
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectLines));
    BindFilter(st, filter);
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      auto it = index.find(st.Int(0));
      if (it == index.end()) continue;
      DealLine l;
      l.product_name = st.Text(2);
      l.product_id = st.Int(3);
      auto group = linkage::ProductGroup::Parse(st.Text(4));
      if (group) l.group = *group;
      l.quantity = ParseOr(st.Text(5));
      auto unit = linkage::ParseProductUnit(st.Text(6));
      if (unit) l.unit = *unit;
      l.value = ParseOr(st.Text(7));
      out[it->second].deal.lines.push_back(std::move(l));
    }
  }
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectDealListings));
    BindFilter(st, filter);
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      auto it = index.find(st.Int(0));
      if (it != index.end()) out[it->second].deal.listing_ids.push_back(st.Int(1));
    }
  }
  return out;
}

core::Result<std::optional<StoredDeal>> SqliteDealStore::FindDeal(std::int64_t id) {
  DealFilter f;
  f.id = id;
  LIENKET_ASSIGN_OR_RETURN(list, ListDeals(f));
  if (list.empty()) return std::optional<StoredDeal>();
  return std::optional<StoredDeal>(std::move(list.front()));
}

core::Result<std::optional<MeetingParties>> SqliteDealStore::FindMeeting(std::int64_t meeting_id) {
  LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectMeeting));
  st.Bind(1, meeting_id);
  LIENKET_ASSIGN_OR_RETURN(row, st.Step());
  if (!row) return std::optional<MeetingParties>();
  return std::optional<MeetingParties>(MeetingParties{st.Int(0), st.Int(1), st.Int(2)});
}

core::Status SqliteDealStore::WriteFollowUp(const FollowUp& f) {
  LIENKET_ASSIGN_OR_RETURN(upsert, db_->Prepare(kUpsertFollowUp));
  upsert.Bind(1, f.deal_id).Bind(2, static_cast<std::int64_t>(f.months));
  upsert.Bind(3, f.recorded_on.ToString()).Bind(4, f.note).Bind(5, f.recorded_by);
  upsert.Bind(6, core::UtcTimestamp());
  LIENKET_RETURN_IF_ERROR(upsert.Run());
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteFollowUpLines));
  del.Bind(1, f.deal_id).Bind(2, static_cast<std::int64_t>(f.months));
  LIENKET_RETURN_IF_ERROR(del.Run());
  LIENKET_ASSIGN_OR_RETURN(line, db_->Prepare(kInsertFollowUpLine));
  for (std::size_t i = 0; i < f.lines.size(); ++i) {
    line.Reset();
    line.Bind(1, f.deal_id).Bind(2, static_cast<std::int64_t>(f.months));
    line.Bind(3, static_cast<std::int64_t>(i)).Bind(4, f.lines[i].quantity.ToString());
    line.Bind(5, f.lines[i].value.ToString());
    LIENKET_RETURN_IF_ERROR(line.Run());
  }
  return {};
}

namespace {
std::string FollowUpText(const FollowUp& f) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& d : f.lines)
    lines.push_back(
        {{"delivered_quantity", d.quantity.ToString()}, {"delivered_value", d.value.ToString()}});
  return nlohmann::json{{"months", f.months},
                        {"recorded_on", f.recorded_on.ToString()},
                        {"note", f.note},
                        {"lines", lines}}
      .dump();
}
}  // namespace

core::Status SqliteDealStore::RecordFollowUp(const FollowUp& f, const DirectoryChange& change) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(found, FindDeal(f.deal_id));
  if (!found)
    return core::MakeError(ErrorCode::kNotFound,
                           fmt::format("Không có thỏa thuận số {}", f.deal_id),
                           fmt::format("No deal number {}", f.deal_id));
  std::optional<std::string> old_value;
  LIENKET_ASSIGN_OR_RETURN(all, ListFollowUps({f.deal_id}));
  for (const FollowUp& o : all)
    if (o.months == f.months) old_value = FollowUpText(o);
  LIENKET_RETURN_IF_ERROR(WriteFollowUp(f));
  LIENKET_RETURN_IF_ERROR(
      Audit(change, f.deal_id, found->deal.origin_unit_id, old_value, FollowUpText(f)));
  return tx.Commit();
}

core::Result<std::vector<FollowUp>> SqliteDealStore::ListFollowUps(
    const std::vector<std::int64_t>& deal_ids) {
  const std::set<std::int64_t> wanted(deal_ids.begin(), deal_ids.end());
  std::vector<FollowUp> out;
  LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectFollowUps));
  for (;;) {
    LIENKET_ASSIGN_OR_RETURN(row, st.Step());
    if (!row) break;
    const std::int64_t deal_id = st.Int(0);
    if (!wanted.empty() && wanted.count(deal_id) == 0) continue;
    const int months = static_cast<int>(st.Int(1));
    if (out.empty() || out.back().deal_id != deal_id || out.back().months != months) {
      FollowUp f;
      f.deal_id = deal_id;
      f.months = months;
      LIENKET_ASSIGN_OR_RETURN(on, ParseDate(st.Text(2)));
      f.recorded_on = on;
      f.note = st.Text(3);
      f.recorded_by = st.Int(4);
      out.push_back(std::move(f));
    }
    out.back().lines.push_back({ParseOr(st.Text(6)), ParseOr(st.Text(7))});
  }
  return out;
}

core::Result<std::int64_t> SqliteDealStore::DeleteDataset(const std::string& dataset) {
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteDealsOfDataset));
  del.Bind(1, dataset);
  LIENKET_RETURN_IF_ERROR(del.Run());
  const std::int64_t n = db_->Changes();
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return n;
}

// ---- The illustrative deals

core::Result<SqliteDealStore::IllustrativeCounts> SqliteDealStore::LoadIllustrative(
    const core::Date& today) {
  struct Org {
    std::int64_t id;
    std::string name;
    int unit_id;
    core::Date registered_on;
  };
  struct Prod {
    std::int64_t id, org;
    std::string name;
    linkage::ProductGroup group = linkage::ProductGroup::Vcpa('C');
    linkage::ProductUnit unit = linkage::ProductUnit::kKilogram;
    Decimal price, capacity;
  };
  LIENKET_ASSIGN_OR_RETURN(tx, Transaction::Begin(db_));
  LIENKET_ASSIGN_OR_RETURN(del, db_->Prepare(kDeleteDealsOfDataset));
  del.Bind(1, std::string(linkage::kDatasetIllustrative));
  LIENKET_RETURN_IF_ERROR(del.Run());

  std::vector<Org> orgs;
  std::map<std::int64_t, std::size_t> org_index;
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectDemoOrgs));
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      auto reg = core::Date::Parse(st.Text(3));
      org_index[st.Int(0)] = orgs.size();
      orgs.push_back({st.Int(0), st.Text(1), static_cast<int>(st.Int(2)),
                      reg ? *reg : core::Date{2020, 1, 1}});
    }
  }
  std::vector<Prod> products;
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectDemoProducts));
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      Prod p;
      p.id = st.Int(0);
      p.org = st.Int(1);
      p.name = st.Text(2);
      if (auto g = linkage::ProductGroup::Parse(st.Text(4)); g && !st.Text(4).empty()) {
        p.group = *g;
      } else if (auto v = linkage::ProductGroup::Parse(st.Text(3)); v && !st.Text(3).empty()) {
        p.group = *v;
      }
      if (auto u = linkage::ParseProductUnit(st.Text(5))) p.unit = *u;
      const Decimal lo = ParseOr(st.Text(6)), hi = ParseOr(st.Text(7), lo);
      p.price = *(lo + hi).DividedBy(Decimal::FromInt(2));
      p.capacity = ParseOr(st.Text(8));
      if (p.price.IsZero() || org_index.count(p.org) == 0) continue;
      products.push_back(std::move(p));
    }
  }
  std::vector<std::int64_t> buyers;
  {
    LIENKET_ASSIGN_OR_RETURN(st, db_->Prepare(kSelectDemoBuyers));
    for (;;) {
      LIENKET_ASSIGN_OR_RETURN(row, st.Step());
      if (!row) break;
      if (org_index.count(st.Int(0)) > 0) buyers.push_back(st.Int(0));
    }
  }
  if (buyers.empty())
    for (const Org& o : orgs) buyers.push_back(o.id);
  IllustrativeCounts counts;
  if (products.empty() || buyers.size() < 2) {
    LIENKET_RETURN_IF_ERROR(tx.Commit());
    return counts;
  }

  // A fixed generator: the same deals on every machine (raw mt19937 output, no distributions).
  std::mt19937 rng(20240517);
  auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  const core::Date first{2023, 1, 1};
  const core::Date last = linkage::AddMonths(today, -1);
  const int span = core::DaysBetween(first, last);
  if (span <= 0) {
    LIENKET_RETURN_IF_ERROR(tx.Commit());
    return counts;
  }
  auto in_era = [&](int unit_id, const core::Date& on) {
    const stats::AdminUnit* u = units_->FindById(unit_id);
    if (u == nullptr || u->ValidOn(on)) return unit_id;
    const int s = units_->SuccessorOf(unit_id);
    const stats::AdminUnit* su = units_->FindById(s);
    return su != nullptr && su->ValidOn(on) ? s : 0;
  };
  auto add_days = [](core::Date d, int days) {
    // Walks day by day: at most a few hundred days here.
    for (int i = 0; i < days; ++i) {
      if (d.day < core::DaysInMonth(d.year, d.month)) {
        ++d.day;
      } else if (d.month < 12) {
        d.day = 1;
        ++d.month;
      } else {
        d = core::Date{d.year + 1, 1, 1};
      }
    }
    return d;
  };
  DirectoryChange change;
  change.user_login = "lienket (cli)";
  change.via = "cli";
  change.action = "deal_demo_load";
  change.comment = "Dữ liệu minh họa / illustrative";
  const int wanted = 240;
  for (int attempt = 0; attempt < wanted * 4 && counts.deals < wanted; ++attempt) {
    const Prod& p = products[pick(static_cast<std::uint32_t>(products.size()))];
    const Org& seller = orgs[org_index[p.org]];
    const Org& buyer = orgs[org_index[buyers[pick(static_cast<std::uint32_t>(buyers.size()))]]];
    core::Date on = add_days(first, static_cast<int>(pick(static_cast<std::uint32_t>(span) + 1)));
    if (on < seller.registered_on || on < buyer.registered_on) continue;
    const int from = in_era(seller.unit_id, on), to = in_era(buyer.unit_id, on);
    if (from == 0 || to == 0 || from == to || seller.id == buyer.id) continue;
    const std::uint32_t t = pick(20);
    Deal d;
    d.type = t < 13   ? linkage::DealType::kPurchaseContract
             : t < 16 ? linkage::DealType::kDistribution
             : t < 18 ? linkage::DealType::kOfftake
                      : linkage::DealType::kMemorandum;
    d.title = fmt::format("{} {} (minh họa)", linkage::DealTypeNameVi(d.type), p.name);
    d.signed_on = on;
    d.seller_id = seller.id;
    d.buyer_id = buyer.id;
    d.origin_unit_id = from;
    d.destination_unit_id = to;
    d.note = "Dữ liệu minh họa — không phải giao dịch thật / Illustrative, not a real deal";
    // A share of a year's capacity (1–6%), or a few units without one, in whole units, and at
    // most about 4 billion đồng: the size of the contracts signed at provincial fairs.
    Decimal qty = p.capacity.IsZero() ? Decimal::FromInt(5 + pick(200))
                                      : p.capacity.Times(Decimal::FromInt(1 + pick(6)))
                                            .DividedBy(Decimal::FromInt(100))
                                            .value_or(Decimal::FromInt(1))
                                            .Rounded(0);
    const Decimal cap = Decimal::FromInt(4'000'000'000);
    if (cap < qty.Times(p.price))
      qty = cap.DividedBy(p.price).value_or(Decimal::FromInt(1)).Rounded(0);
    if (qty <= Decimal()) qty = Decimal::FromInt(1);
    // To the million đồng.
    const Decimal million = Decimal::FromInt(1'000'000);
    Decimal value = qty.Times(p.price).DividedBy(million)->Rounded(0).Times(million);
    if (value.IsZero()) value = qty.Times(p.price).Rounded(0);
    d.lines.push_back({p.name, p.id, p.group, qty, p.unit, value});
    if (!linkage::ValidateDeal(d, *units_, today).empty()) continue;
    LIENKET_ASSIGN_OR_RETURN(id, InsertDeal(d, std::string(linkage::kDatasetIllustrative), 0));
    d.id = id;
    LIENKET_RETURN_IF_ERROR(Audit(change, id, d.origin_unit_id, std::nullopt, DealAuditText(d)));
    ++counts.deals;

    // Follow-ups whose due date has passed; about one in seven left unrecorded.
    int share = d.type == linkage::DealType::kMemorandum ? 0 : 20 + static_cast<int>(pick(30));
    for (int months : linkage::kFollowUpMonths) {
      const core::Date due = linkage::FollowUpDueDate(on, months);
      core::Date recorded = add_days(due, static_cast<int>(pick(20)));
      if (today < recorded) break;
      share = std::min(105, share + (months == 3 ? 0 : 15 + static_cast<int>(pick(25))));
      if (pick(7) == 0) continue;
      FollowUp f;
      f.deal_id = id;
      f.months = months;
      f.recorded_on = recorded;
      f.note = "Minh họa / illustrative";
      const Decimal pct = Decimal::FromInt(share);
      f.lines.push_back({qty.Times(pct).DividedBy(Decimal::FromInt(100))->Rounded(0),
                         value.Times(pct).DividedBy(Decimal::FromInt(100))->Rounded(0)});
      LIENKET_RETURN_IF_ERROR(WriteFollowUp(f));
      ++counts.follow_ups;
    }
  }
  LIENKET_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace lienket::store
