#include "api/event_agenda_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace lienket::api {
namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 48;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}

  // Draws `text` at (x, y) in `width` points with the font `font`; returns its height.
  double Text(const std::string& text, double x, double y, double width, const char* font) {
    std::unique_ptr<PangoFontDescription, FontDeleter> desc(
        pango_font_description_from_string(font));
    pango_layout_set_font_description(layout_.get(), desc.get());
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
    return static_cast<double>(h) / PANGO_SCALE;
  }
  double Measure(const std::string& text, double width, const char* font) {
    std::unique_ptr<PangoFontDescription, FontDeleter> desc(
        pango_font_description_from_string(font));
    pango_layout_set_font_description(layout_.get(), desc.get());
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

 private:
  cairo_t* cr_;
  std::unique_ptr<PangoLayout, LayoutDeleter> layout_;
};

}  // namespace

core::Result<std::string> RenderAgendaPdf(const AgendaDocument& doc) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "lienket");
  cairo_t* cr = cairo_create(surface);
  {
    Writer w(cr);
    const double content = kPageWidth - 2 * kMargin;
    // Columns: time, place, who, note.
    const double cols[4] = {95, 50, content - 95 - 50 - 110, 110};
    const char* kBody = "DejaVu Sans 9.5";
    const char* kHead = "DejaVu Sans Bold 9.5";
    double y = kMargin;
    int page = 1;
    auto footer = [&] {
      cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
      w.Text(doc.footer + (doc.footer.empty() ? "" : " · ") + "Trang " + std::to_string(page),
             kMargin, kPageHeight - kMargin + 14, content, "DejaVu Sans 8");
      cairo_set_source_rgb(cr, 0, 0, 0);
    };
    auto header_row = [&] {
      double x = kMargin;
      double h = 0;
      cairo_set_source_rgb(cr, 0.90, 0.93, 0.97);
      cairo_rectangle(cr, kMargin, y - 3, content, 20);
      cairo_fill(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      for (int c = 0; c < 4; ++c) {
        std::string text = c < static_cast<int>(doc.headers.size()) ? doc.headers[c] : "";
        h = std::max(h, w.Text(text, x + 3, y, cols[c] - 6, kHead));
        x += cols[c];
      }
      y += h + 8;
    };
    cairo_set_source_rgb(cr, 0, 0, 0);
    y += w.Text(doc.title, kMargin, y, content, "DejaVu Sans Bold 15") + 6;
    y += w.Text(doc.subtitle, kMargin, y, content, "DejaVu Sans Bold 11.5") + 4;
    if (!doc.details.empty()) y += w.Text(doc.details, kMargin, y, content, "DejaVu Sans 9.5") + 4;
    y += 10;
    header_row();
    if (doc.rows.empty()) {
      w.Text("Chưa có cuộc gặp nào được xếp lịch. / No meeting scheduled yet.", kMargin, y,
             content, kBody);
    }
    for (std::size_t i = 0; i < doc.rows.size(); ++i) {
      const AgendaRow& row = doc.rows[i];
      const std::string* cells[4] = {&row.time, &row.place, &row.who, &row.note};
      double h = 0;
      for (int c = 0; c < 4; ++c) h = std::max(h, w.Measure(*cells[c], cols[c] - 6, kBody));
      if (y + h + 8 > kPageHeight - kMargin) {
        footer();
        cairo_show_page(cr);
        ++page;
        y = kMargin;
        header_row();
      }
      if (i % 2 == 1) {
        cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
        cairo_rectangle(cr, kMargin, y - 3, content, h + 6);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
      }
      double x = kMargin;
      for (int c = 0; c < 4; ++c) {
        w.Text(*cells[c], x + 3, y, cols[c] - 6, kBody);
        x += cols[c];
      }
      y += h + 8;
      cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, kMargin, y - 4);
      cairo_line_to(cr, kMargin + content, y - 4);
      cairo_stroke(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
    }
    footer();
  }
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return core::MakeError(core::ErrorCode::kInternal,
                           std::string("Không tạo được tệp PDF: ") + cairo_status_to_string(status),
                           std::string("Could not render the PDF: ") +
                               cairo_status_to_string(status));
  return out;
}

}  // namespace lienket::api
