#include "stats/report_form.hpp"

#include <fmt/format.h>

#include <map>

#include "core/csv.hpp"

namespace lienket::stats {

using core::PeriodKind;

namespace {

constexpr std::pair<std::string_view, PeriodKind> kKinds[] = {
    {"month", PeriodKind::kMonth},    {"quarter", PeriodKind::kQuarter},
    {"half_year", PeriodKind::kHalf}, {"nine_months", PeriodKind::kNineMonths},
    {"year", PeriodKind::kYear},
};

std::string_view KindLabelVi(PeriodKind k) {
  switch (k) {
    case PeriodKind::kMonth:
      return "tháng (2024-05)";
    case PeriodKind::kQuarter:
      return "quý (2024-Q2)";
    case PeriodKind::kHalf:
      return "nửa năm (2024-H1)";
    case PeriodKind::kNineMonths:
      return "9 tháng (2024-9M)";
    case PeriodKind::kYear:
      return "năm (2024)";
    case PeriodKind::kMonthRange:
      return "khoảng tháng";
  }
  return "";
}

}  // namespace

core::Date ReportForm::DueDate(const core::Period& period) const {
  int month = period.last_month() + due_offset_months;
  int year = period.year() + (month - 1) / 12;
  month = (month - 1) % 12 + 1;
  int day = std::min(due_day, core::DaysInMonth(year, month));
  return core::Date{year, month, day};
}

core::Status ReportForm::Accepts(const core::Period& period) const {
  if (period.kind() == period_kind) return {};
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         fmt::format("Biểu \"{}\" dùng cho kỳ {}, không dùng cho {}", name_vi,
                                     KindLabelVi(period_kind), period.Code()),
                         fmt::format("Form \"{}\" is for {} periods, not {}", name_en,
                                     KindLabelVi(period_kind), period.Code()));
}

core::Result<std::vector<ReportForm>> ParseReportForms(std::string_view csv) {
  core::StripUtf8Bom(&csv);
  core::CsvReader reader(csv, ',');
  std::vector<std::string_view> fields;
  std::map<std::string, std::size_t> columns;
  std::vector<ReportForm> forms;
  auto bad = [&reader](const std::string& why) {
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("report_forms.csv dòng {}: {}", reader.record_line(), why),
                           fmt::format("report_forms.csv line {}: {}", reader.record_line(), why));
  };
  while (true) {
    auto more = reader.Next(&fields);
    if (!more) return bad(more.error().message_en);
    if (!*more) break;
    if (columns.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i) columns[std::string(fields[i])] = i;
      for (const char* c : {"id", "name_vi", "name_en", "period_type", "due_day",
                            "due_offset_months", "indicators"}) {
        if (!columns.count(c)) return bad(std::string("missing column ") + c);
      }
      continue;
    }
    if (fields.size() < columns.size()) return bad("too few fields");
    auto get = [&](const char* c) { return std::string(fields[columns[c]]); };
    ReportForm f;
    f.id = get("id");
    f.name_vi = get("name_vi");
    f.name_en = get("name_en");
    bool known = false;
    for (const auto& [name, kind] : kKinds) {
      if (name == get("period_type")) {
        f.period_kind = kind;
        known = true;
      }
    }
    if (!known) return bad("unknown period_type " + get("period_type"));
    f.due_day = std::atoi(get("due_day").c_str());
    f.due_offset_months = std::atoi(get("due_offset_months").c_str());
    if (f.due_day < 1 || f.due_day > 31) return bad("due_day out of range");
    std::string list = get("indicators");
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t bar = list.find('|', start);
      if (bar == std::string::npos) bar = list.size();
      if (bar > start) f.indicator_ids.push_back(list.substr(start, bar - start));
      start = bar + 1;
    }
    forms.push_back(std::move(f));
  }
  return forms;
}

}  // namespace lienket::stats
