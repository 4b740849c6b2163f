// Printable agendas of a trade-promotion event as PDF: one participant's meetings, or one
// table's, slot by slot. Rendered with Pango over cairo's PDF surface (Debian libpangocairo), so
// Vietnamese text is shaped by HarfBuzz and set in a font that has every Vietnamese letter
// (DejaVu Sans / Noto Sans through fontconfig); the fonts are embedded as subsets.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace lienket::api {

struct AgendaRow {
  std::string time;   // "12/06/2026 08:20–08:40"
  std::string place;  // "Bàn 3"
  std::string who;    // counterpart(s): "Siêu thị Thanh Hóa (Thanh Hóa)"
  std::string note;   // "Bắt buộc gặp", "Tạm thời"
};

struct AgendaDocument {
  std::string title;     // the event's title
  std::string subtitle;  // "Lịch gặp của: HTX Vải thiều Lục Ngạn"
  std::string details;   // venue and days
  std::vector<std::string> headers;  // four column headings
  std::vector<AgendaRow> rows;
  std::string footer;    // "Lịch tạm — có thể thay đổi" / "Dữ liệu minh hoạ"
};

// A4 portrait, as many pages as the rows need. Errors: kInternal when cairo fails.
[[nodiscard]] core::Result<std::string> RenderAgendaPdf(const AgendaDocument& doc);

}  // namespace lienket::api
