#include "report/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/linkage_section.hpp"
#include "report/report_format.hpp"
#include "report/svg_chart.hpp"
#include "report/svg_common.hpp"

namespace lienket::report {

using stats::SynthesisResult;

namespace {

constexpr std::string_view kBoundaries63 = "data/geo/provinces_63_2008_2025.geojson";
constexpr std::string_view kBoundaries34 = "data/geo/provinces_34_2025.geojson";
constexpr core::Date kMergerEffective{2025, 7, 1};

// The width of the drawings: A4 less the page margins (170 mm) at 96 px per inch is 642 px.
constexpr int kFigureWidth = 640;
constexpr int kMapWidth = 600;
constexpr int kMapHeight = 620;

// A4 portrait with the margins of Vietnamese administrative documents (Decree 30/2020: top and
// bottom 20 mm, left 30 mm, right 15 mm; 25 mm left keeps the drawings at full size); Times New
// Roman, for which Liberation Serif is the metric twin on Linux. On screen the page is a sheet
// on a grey desk. Print rules keep headings with what follows, figures whole, table rows whole,
// and repeat table headers on each page.
constexpr std::string_view kCss = R"(
@page { size: A4; margin: 20mm 15mm 20mm 25mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 10pt "Times New Roman", "Liberation Serif", serif; color: #444; } }
:root { --ink: #1a1a1a; --muted: #555; --rule: #9a9a9a; --head: #e8edf3; --alert: #b00020; }
html { background: #e9e9e9; }
body { font: 13pt/1.45 "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: var(--ink);
  background: #fff; max-width: 170mm; margin: 10mm auto; padding: 18mm 15mm 18mm 25mm;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }
header.masthead { text-align: center; margin-bottom: 5mm; }
header.masthead p, .as-of p, .notice p, .note p { text-indent: 0; }
.doc-kind { font-weight: bold; font-size: 14pt; letter-spacing: .08em; margin: 0; text-align: center; }
h1 { font-size: 15pt; font-weight: bold; margin: 2mm 0 3mm; line-height: 1.35; }
h1 .period { font-size: 14pt; }
.as-of p { font-style: italic; text-align: center; margin: 0 8mm 5mm; font-size: 12pt; }
h2 { font-size: 13.5pt; font-weight: bold; text-transform: uppercase; margin: 7mm 0 3mm; }
h3 { font-size: 13pt; font-weight: bold; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; text-align: justify; text-indent: 10mm; hyphens: manual; }
.notice { border: 1.5pt solid var(--alert); color: var(--alert); padding: 2.5mm 4mm; margin: 0 0 5mm;
  font-size: 12pt; }
.notice p { text-indent: 0; margin: 0; text-align: left; }
figure { margin: 4mm 0 1mm; text-align: center; break-inside: avoid; page-break-inside: avoid;
  break-after: avoid; page-break-after: avoid; }
figure svg, figure img { max-width: 100%; height: auto; }
figcaption, caption { font-size: 11.5pt; font-weight: bold; text-align: center; margin: 1.5mm 0 1mm;
  caption-side: top; }
.label { font-weight: bold; }
.note p { font-size: 10.5pt; font-style: italic; color: var(--muted); text-align: left;
  margin: 1mm 0 4mm; line-height: 1.3; }
table.data { border-collapse: collapse; width: 100%; margin: 3mm 0 1mm; font-size: 10.5pt;
  break-after: avoid; page-break-after: avoid;
  line-height: 1.25; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border: 0.75pt solid var(--rule); padding: 1mm 1.6mm; vertical-align: top; }
table.data thead th { background: var(--head); font-weight: bold; text-align: center;
  vertical-align: middle; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data td.text { white-space: nowrap; }
table.data tr.missing td { color: var(--muted); }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2, h3, caption, figcaption { break-after: avoid; page-break-after: avoid; }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

// On a report of invented figures every printed page says so in its top margin.
constexpr std::string_view kIllustrativePageCss = R"(@page { @top-center { content: "%s";
  font: bold 9pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #b00020; } }
)";

bool Vi(core::Language l) { return l == core::Language::kVietnamese; }

std::string H(std::string_view text) { return svg::Escape(text); }

std::string Roman(int n) {
  static constexpr std::string_view kRoman[] = {"I",  "II",  "III",  "IV", "V",
                                                "VI", "VII", "VIII", "IX", "X"};
  return n >= 1 && n <= 10 ? std::string(kRoman[n - 1]) : std::to_string(n);
}

// width="640" height="480" from a drawing's opening tag.
int SvgAttribute(const std::string& svg, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  std::size_t end_of_tag = svg.find('>');
  std::size_t at = svg.find(key);
  if (at == std::string::npos || at > end_of_tag) return 0;
  return std::atoi(svg.c_str() + at + key.size());
}

// Inline SVG in HTML needs no namespace declaration; dropping it keeps the page free of URLs.
std::string ForInlineUse(std::string svg) {
  constexpr std::string_view kXmlns = " xmlns=\"http://www.w3.org/2000/svg\"";
  if (std::size_t at = svg.find(kXmlns); at != std::string::npos) svg.erase(at, kXmlns.size());
  return svg;
}

// The hatched bars of the chart: a figure that is an estimate or only a lower bound.
bool Hatched(const stats::ProvinceResult& p) {
  return p.current && (p.current->status == stats::VintageStatus::kEstimate ||
                       p.current->qualifier == stats::Qualifier::kLowerBound);
}

class PageWriter {
 public:
  PageWriter(const RegionalReport& report, core::Language l, const GeoShapes& shapes,
             bool inline_svg, std::string_view image_extension)
      : report_(report),
        l_(l),
        shapes_(shapes),
        inline_svg_(inline_svg),
        image_extension_(image_extension) {}

  core::Result<HtmlPage> Write() {
    Head();
    out_ += "<body>\n";
    const std::size_t outlines_at = out_.size();
    // Converters make their title page from <title> and <meta name="subtitle">.
    if (inline_svg_) {
      out_ += fmt::format(
          "<header class=\"masthead\">\n<p class=\"doc-kind\">{}</p>\n"
          "<h1>{}<br><span class=\"period\">{}</span></h1>\n</header>\n",
          Vi(l_) ? "BÁO CÁO" : "REPORT", H(ReportSubject(report_, l_)), H(PeriodLabel()));
    }
    // data-custom-style names the paragraph style pandoc gives a block in DOCX.
    if (report_.illustrative) {
      Notice notice = IllustrativeNotice(l_);
      out_ += fmt::format(
          "<div class=\"notice\" role=\"note\" data-custom-style=\"Notice\"><p><strong>{}"
          "</strong> {}</p></div>\n",
          H(notice.headline), H(notice.body));
    }
    out_ += fmt::format("<div class=\"as-of\" data-custom-style=\"Lead\"><p>{}</p></div>\n",
                        H(AsOfParagraph(report_, l_)));
    int chapter = 0;
    out_ += fmt::format("<h2>{}. {}</h2>\n<p>{}</p>\n", Roman(++chapter), H(ProfileHeading(l_)),
                        H(ProfileParagraph(report_, l_)));
    for (const PeriodSection& section : report_.sections) {
      out_ +=
          fmt::format("<h2>{}. {}</h2>\n", Roman(++chapter), H(PeriodHeading(section.period, l_)));
      if (section.indicators.empty()) {
        out_ += fmt::format("<p>{}</p>\n", H(NoFiguresParagraph(l_)));
        continue;
      }
      // Drawings only for the period the report is about, so that the page stays light.
      const bool drawn = section.period == report_.period;
      int number = 0;
      for (const IndicatorSection& s : section.indicators) {
        out_ += fmt::format("<section class=\"indicator\" id=\"{}-{}\">\n<h3>{}. {}</h3>\n",
                            section.period.Code(), s.result.indicator->id, ++number,
                            H(IndicatorName(*s.result.indicator, l_)));
        out_ += fmt::format("<p>{}</p>\n", H(IndicatorParagraph(s.result, l_)));
        if (drawn) {
          LIENKET_RETURN_IF_ERROR(GrowthChart(s.result));
          LIENKET_RETURN_IF_ERROR(Map(s.result));
        }
        Table(ProvinceTable(s.result, l_), TableHeading(s.result, l_), SourceNote(s.result, l_));
        ReportTable sub = SubRegionTable(s, l_);
        if (!sub.columns.empty()) {
          Table(sub, TableHeading(s.result, l_) + (Vi(l_) ? ", theo tiểu vùng" : ", by sub-region"),
                "");
        }
        out_ += "</section>\n";
      }
    }
    if (report_.linkage) {
      out_ += fmt::format("<h2 id=\"linkage\">{}. {}</h2>\n<p>{}</p>\n", Roman(++chapter),
                          H(LinkageHeading(l_)), H(LinkageParagraph(report_, l_)));
      ReportTable provinces = LinkageProvinceTable(report_, l_);
      if (!provinces.rows.empty()) Table(provinces, LinkageProvinceTableHeading(report_, l_), "");
      ReportTable pairs = LinkagePairTable(report_, l_);
      if (!pairs.rows.empty()) Table(pairs, LinkagePairTableHeading(report_, l_), "");
    }
    out_ += "</body>\n</html>\n";
    // The province outlines, once for all the maps (which <use> them), before the first figure.
    out_.insert(outlines_at, outlines_.Defs());
    return HtmlPage{std::move(out_), std::move(figures_)};
  }

 private:
  std::string PeriodLabel() const {
    return Vi(l_) ? report_.period.LabelVi() : report_.period.LabelEn();
  }

  void Note(const std::string& text) {
    if (text.empty()) return;
    out_ +=
        fmt::format("<div class=\"note\" data-custom-style=\"Note\"><p>{}</p></div>\n", H(text));
  }

  void Head() {
    std::string css(kCss);
    if (report_.illustrative) {
      Notice notice = IllustrativeNotice(l_);
      std::string rule(kIllustrativePageCss);
      rule.replace(rule.find("%s"), 2, notice.headline);
      css += rule;
    }
    out_ += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"lienket\">\n<title>{}</title>\n{}<style>{}</style>\n"
        "</head>\n",
        Vi(l_) ? "vi" : "en",
        H(inline_svg_ ? ReportTitle(report_, l_) : ReportSubject(report_, l_)),
        inline_svg_ ? ""
                    : fmt::format("<meta name=\"subtitle\" content=\"{}\">\n", H(PeriodLabel())),
        css);
  }

  void Figure(const std::string& svg, std::string_view kind, const std::string& caption,
              const std::string& note) {
    ++figure_number_;
    out_ += fmt::format("<figure class=\"{}\">\n", kind);
    if (inline_svg_) {
      out_ += ForInlineUse(svg);
    } else {
      HtmlFigure f;
      f.file_name = fmt::format("figure-{}.{}", figure_number_, image_extension_);
      f.svg = svg;
      f.width = SvgAttribute(svg, "width");
      f.height = SvgAttribute(svg, "height");
      // Converters size images by the share of the text width (640 px = the full width).
      out_ += fmt::format("<img src=\"{}\" alt=\"{}\" width=\"{}%\">\n", f.file_name, H(caption),
                          std::clamp(f.width * 100 / kFigureWidth, 10, 100));
      figures_.push_back(std::move(f));
    }
    out_ += fmt::format("<figcaption><span class=\"label\">{} {}.</span> {}</figcaption>\n",
                        Vi(l_) ? "Hình" : "Figure", figure_number_, H(caption));
    out_ += "</figure>\n";
    Note(note);
  }

  core::Status GrowthChart(const SynthesisResult& r) {
    const bool vi = Vi(l_);
    BarChartSpec spec;
    spec.language = l_;
    spec.width = kFigureWidth;
    spec.x_axis_label =
        vi ? "Tăng/giảm so với cùng kỳ năm trước (%)" : "Change on a year earlier (%)";
    bool any_hatched = false;
    for (const auto& p : r.provinces) {
      if (!p.growth_pct) continue;
      Bar bar;
      bar.label = UnitName(*p.unit, l_);
      bar.value = p.growth_pct->ToDouble();
      bar.hatched = Hatched(p);
      any_hatched = any_hatched || bar.hatched;
      spec.bars.push_back(std::move(bar));
    }
    if (spec.bars.size() < 2) return {};
    if (r.national.growth_pct) spec.reference = r.national.growth_pct->ToDouble();
    LIENKET_ASSIGN_OR_RETURN(svg, RenderGrowthBars(spec));
    std::string caption =
        vi ? fmt::format("{} {}: tăng/giảm so với cùng kỳ năm trước theo tỉnh, thành phố",
                         IndicatorName(*r.indicator, l_), r.period.LabelVi())
           : fmt::format("{}, {}: change on a year earlier by province",
                         IndicatorName(*r.indicator, l_), r.period.LabelEn());
    std::vector<std::string> notes;
    if (r.national.growth_pct) {
      notes.push_back(vi ? "Đường dọc: mức tăng chung của cả nước."
                         : "Vertical line: the national growth.");
    }
    if (any_hatched) {
      notes.push_back(vi ? "Cột nhạt, viền đứt: số ước tính hoặc cận dưới (“trên”)."
                         : "Light bars with dashed outline: estimates or lower bounds.");
    }
    Figure(svg, "chart", caption, fmt::format("{}", fmt::join(notes, " ")));
    return {};
  }

  // Levels for flows and stocks (blues), growth for indices (red below zero, blue above).
  core::Status Map(const SynthesisResult& r) {
    const bool vi = Vi(l_);
    const stats::Indicator& ind = *r.indicator;
    const bool levels = ind.IsAdditive();
    ChoroplethSpec spec;
    spec.language = l_;
    spec.width = kMapWidth;
    spec.height = kMapHeight;
    spec.scale = levels ? ChoroplethSpec::Scale::kSequential : ChoroplethSpec::Scale::kDiverging;
    spec.decimals = levels ? ind.precision : 1;
    spec.value_suffix = levels ? "" : "%";
    spec.legend_title = levels ? (vi ? "Đơn vị: " : "Unit: ") + TableUnit(ind, l_)
                               : (vi ? "Tăng/giảm (%)" : "Change (%)");
    for (const auto& p : r.provinces) {
      spec.codes.push_back(p.unit->code);
      spec.labels[p.unit->code] = UnitName(*p.unit, l_);
      if (levels && p.current) {
        spec.values[p.unit->code] = InDisplayUnit(p.current->value, ind).ToDouble();
      } else if (!levels && p.growth_pct) {
        spec.values[p.unit->code] = p.growth_pct->ToDouble();
      }
    }
    if (spec.values.empty()) return {};
    LIENKET_ASSIGN_OR_RETURN(svg,
                             RenderChoropleth(shapes_, spec, inline_svg_ ? &outlines_ : nullptr));
    std::string name = IndicatorName(ind, l_);
    std::string label = vi ? r.period.LabelVi() : r.period.LabelEn();
    std::string caption =
        levels
            ? (vi ? fmt::format("{} {} theo tỉnh, thành phố ({})", name, label, TableUnit(ind, l_))
                  : fmt::format("{}, {}, by province ({})", name, label, TableUnit(ind, l_)))
            : (vi ? fmt::format("{} {}: tăng/giảm so với cùng kỳ theo tỉnh, thành phố (%)", name,
                                label)
                  : fmt::format("{}, {}: change on a year earlier by province (%)", name, label));
    bool after_merger = report_.period.EndDate() >= kMergerEffective;
    std::string note =
        vi ? fmt::format(
                 "Ranh giới {} đơn vị hành chính cấp tỉnh {}. Bản đồ chỉ minh họa số liệu theo "
                 "địa phương, không phải bản đồ địa giới hành chính.",
                 after_merger ? 34 : 63,
                 after_merger ? "từ ngày 01/07/2025" : "trước ngày 01/07/2025")
           : fmt::format(
                 "Boundaries of the {} provincial units {} 1 July 2025. The map illustrates "
                 "figures by province; it is not an administrative boundary map.",
                 after_merger ? 34 : 63, after_merger ? "from" : "before");
    Figure(svg, "map", caption, note);
    return {};
  }

  // Relative column widths: pandoc then spreads a DOCX table over the text width instead of
  // squeezing it; browsers take them as hints. Names get the most room, a rank the least.
  static std::string ColumnWidths(const ReportTable& t) {
    std::vector<double> weights;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const TableColumn& c = t.columns[i];
      weights.push_back(c.decimals < 0 && !c.align_right        ? 2.4
                        : i == 0                                ? 0.7
                        : static_cast<int>(i) == t.value_column ? 1.8
                                                                : 1.3);
    }
    double total = 0;
    for (double w : weights) total += w;
    std::string out = "<colgroup>";
    for (double w : weights) out += fmt::format("<col style=\"width:{:.0f}%\">", 100 * w / total);
    return out + "</colgroup>\n";
  }

  void Table(const ReportTable& t, const std::string& heading, const std::string& source) {
    ++table_number_;
    out_ += fmt::format(
        "<table class=\"data\">\n<caption><span class=\"label\">{} {}.</span> {}</caption>\n"
        "{}<thead><tr>",
        Vi(l_) ? "Bảng" : "Table", table_number_, H(heading), ColumnWidths(t));
    for (const TableColumn& c : t.columns) out_ += fmt::format("<th>{}</th>", H(c.header));
    out_ += "</tr></thead>\n<tbody>\n";
    for (const TableRow& row : t.rows) {
      bool missing = t.value_column >= 0 &&
                     !row.cells[static_cast<std::size_t>(t.value_column)].number.has_value();
      out_ += missing ? "<tr class=\"missing\">" : "<tr>";
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        // pandoc takes a DOCX column's alignment from the inline style of its cells.
        const char* cell_class = t.columns[i].align_right
                                     ? (inline_svg_ ? "num\"" : "num\" style=\"text-align:right\"")
                                     : "text\"";
        out_ += fmt::format("<td class=\"{}>{}</td>", cell_class, H(row.cells[i].text));
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    std::string note = t.footnote;
    if (!source.empty()) note += (note.empty() ? "" : " ") + source;
    Note(note);
  }

  const RegionalReport& report_;
  core::Language l_;
  const GeoShapes& shapes_;
  bool inline_svg_;
  std::string image_extension_;
  std::string out_;
  std::vector<HtmlFigure> figures_;
  MapOutlines outlines_;  // shared by the inline maps
  int figure_number_ = 0;
  int table_number_ = 0;
};

// The section of the report's own period: the maps draw its members.
const PeriodSection* MainSection(const RegionalReport& report) {
  for (const PeriodSection& s : report.sections) {
    if (s.period == report.period) return &s;
  }
  return nullptr;
}

}  // namespace

std::string_view BoundaryFileFor(const core::Period& period) {
  return period.EndDate() < kMergerEffective ? kBoundaries63 : kBoundaries34;
}

std::string_view OtherBoundaryFile(std::string_view path) {
  return path == kBoundaries63 ? kBoundaries34 : kBoundaries63;
}

std::vector<std::string> CodesMissingFrom(const GeoShapes& boundaries,
                                          const RegionalReport& report) {
  std::set<std::string> missing;
  if (const PeriodSection* main = MainSection(report)) {
    for (const IndicatorSection& s : main->indicators) {
      for (const auto& p : s.result.provinces) {
        if (boundaries.Find(p.unit->code) == nullptr) missing.insert(p.unit->code);
      }
    }
  }
  return {missing.begin(), missing.end()};
}

core::Result<HtmlPage> RenderHtmlWithImageFiles(const RegionalReport& report,
                                                core::Language language,
                                                const GeoShapes& boundaries,
                                                std::string_view image_extension) {
  return PageWriter(report, language, boundaries, false, image_extension).Write();
}

core::Result<std::string> RenderHtml(const RegionalReport& report, core::Language language,
                                     const GeoShapes& boundaries) {
  LIENKET_ASSIGN_OR_RETURN(page, PageWriter(report, language, boundaries, true, "").Write());
  return std::move(page.html);
}

}  // namespace lienket::report
