#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "report/svg_common.hpp"

namespace lienket::report {

namespace {

constexpr double kMargin = 12;
// RdBu tones for growth: strong enough for a bar, light enough for black labels beside it.
constexpr std::string_view kUp = "#4393c3", kUpLight = "#d1e5f0", kUpEdge = "#2166ac";
constexpr std::string_view kDown = "#d6604d", kDownLight = "#fddbc7", kDownEdge = "#b2182b";
constexpr std::string_view kGrid = "#e3e3e3", kAxis = "#333333";
// Okabe–Ito, safe for the common colour-vision deficiencies.
constexpr std::array<std::string_view, 6> kSeriesColours = {"#0072B2", "#D55E00", "#009E73",
                                                            "#E69F00", "#CC79A7", "#56B4E9"};

tl::unexpected<core::Error> Invalid(std::string vi, std::string en) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(vi), std::move(en));
}

// `hex` mixed with white: amount 0 keeps it, 1 gives white.
std::string Lighten(std::string_view hex, double amount) {
  std::string out = "#";
  for (std::size_t at = 1; at + 1 < hex.size(); at += 2) {
    const std::string pair(hex.substr(at, 2));
    const double c = static_cast<double>(std::strtol(pair.c_str(), nullptr, 16));
    out += fmt::format("{:02x}", static_cast<int>(std::lround(c + (255 - c) * amount)));
  }
  return out;
}

std::string Rect(double x, double y, double w, double h, std::string_view attributes) {
  return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>", svg::Coord(x),
                     svg::Coord(y), svg::Coord(w), svg::Coord(h), attributes);
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view attributes) {
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>\n", svg::Coord(x1),
                     svg::Coord(y1), svg::Coord(x2), svg::Coord(y2), attributes);
}

// The title, wrapped; returns the y below it.
double DrawTitle(std::string& out, std::string_view title, double width) {
  double y = kMargin;
  for (const auto& line : svg::WrapText(title, width - 2 * kMargin, 15, true)) {
    y += 19;
    out += svg::Text(kMargin, y - 4, line, 15, "start", svg::kTextColour,
                     "font-weight=\"bold\" class=\"chart-title\"");
  }
  return y;
}

}  // namespace

core::Result<std::string> RenderGrowthBars(const BarChartSpec& spec) {
  if (spec.bars.empty()) return Invalid("Biểu đồ cần ít nhất một cột", "A chart needs a bar");
  if (spec.width < 300 || spec.width > 4000) {
    return Invalid("Chiều rộng biểu đồ phải từ 300 đến 4000 px",
                   "Chart width must be 300 to 4000 px");
  }
  if (spec.decimals < 0 || spec.decimals > 6) {
    return Invalid("Số chữ số thập phân phải từ 0 đến 6", "Decimals must be 0 to 6");
  }
  for (const Bar& bar : spec.bars) {
    if (!std::isfinite(bar.value)) {
      return Invalid(fmt::format("Giá trị của '{}' không phải số hữu hạn", bar.label),
                     fmt::format("The value of '{}' is not a finite number", bar.label));
    }
  }
  if (spec.reference && !std::isfinite(*spec.reference)) {
    return Invalid("Giá trị tham chiếu không phải số hữu hạn", "The reference is not finite");
  }
  const bool vi = spec.language == core::Language::kVietnamese;
  std::vector<Bar> bars = spec.bars;
  if (spec.sort_descending) {
    std::stable_sort(bars.begin(), bars.end(),
                     [](const Bar& a, const Bar& b) { return a.value > b.value; });
  }
  auto value_text = [&](double v) {
    return svg::FormatValue(v, spec.decimals, spec.language) + spec.value_suffix;
  };

  // Horizontal layout: names | negative labels | bars | positive labels.
  const double W = spec.width;
  constexpr double kNameSize = 11, kValueSize = 10, kRow = 22, kBar = 14;
  double name_w = 0, left_pad = 0, right_pad = 0;
  bool any_hatched = false;
  double lo = 0, hi = 0;
  for (const Bar& bar : bars) {
    name_w = std::max(name_w, svg::TextWidth(bar.label, kNameSize));
    const double label_w = svg::TextWidth(value_text(bar.value), kValueSize) + 6;
    (bar.value < 0 ? left_pad : right_pad) =
        std::max(bar.value < 0 ? left_pad : right_pad, label_w);
    any_hatched = any_hatched || bar.hatched;
    lo = std::min(lo, bar.value);
    hi = std::max(hi, bar.value);
  }
  if (spec.reference) {
    lo = std::min(lo, *spec.reference);
    hi = std::max(hi, *spec.reference);
  }
  name_w = std::min(name_w, W * 0.35);
  // The scale spans the data (with zero and the reference), not the outer ticks, so the bars
  // use the width; ticks are drawn where they fall inside.
  if (hi - lo < 1e-9) hi = lo + 1;
  const double dlo = lo, dhi = hi;
  svg::Ticks ticks = svg::NiceTicks(lo, hi, 7);
  std::erase_if(ticks.values, [&](double t) {
    return t < dlo - 1e-9 * (dhi - dlo) || t > dhi + 1e-9 * (dhi - dlo);
  });
  const double plot_x0 = kMargin + name_w + 8, plot_x1 = W - kMargin;
  const double bars_x0 = plot_x0 + left_pad, bars_x1 = plot_x1 - right_pad;
  auto x_of = [&](double v) { return bars_x0 + (v - dlo) / (dhi - dlo) * (bars_x1 - bars_x0); };

  std::string body;
  double y = DrawTitle(body, spec.title, W) + 6;
  std::string reference_label;
  if (spec.reference) {
    reference_label = (spec.reference_label.empty() ? std::string(vi ? "Cả nước" : "National")
                                                    : spec.reference_label) +
                      " " + value_text(*spec.reference);
    y += 16;
  }
  const double plot_y0 = y, plot_y1 = y + bars.size() * kRow;
  const int tick_decimals = svg::DecimalsNeeded(ticks.values);

  // Grid and ticks first, bars over them.
  body += "<g class=\"axis\">\n";
  for (double t : ticks.values) {
    const double x = x_of(t);
    body += Line(x, plot_y0, x, plot_y1, fmt::format("stroke=\"{}\" stroke-width=\"1\"", kGrid));
    body += svg::Text(x, plot_y1 + 14, svg::FormatValue(t, tick_decimals, spec.language), 10,
                      "middle", svg::kMutedColour, "class=\"tick\"");
  }
  body += Line(x_of(dlo), plot_y1, x_of(dhi), plot_y1,
               fmt::format("stroke=\"{}\" stroke-width=\"0.8\"", kAxis));
  if (!spec.x_axis_label.empty()) {
    body += svg::Text((bars_x0 + bars_x1) / 2, plot_y1 + 30, spec.x_axis_label, 10.5, "middle",
                      svg::kTextColour, "class=\"axis-label\"");
  }
  body += "</g>\n<g class=\"bars\">\n";
  std::string labels;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const double row_y = plot_y0 + i * kRow, bar_y = row_y + (kRow - kBar) / 2;
    const bool up = bar.value >= 0;
    const double x0 = x_of(std::min(0.0, bar.value)), x1 = x_of(std::max(0.0, bar.value));
    const std::string tooltip =
        bar.tooltip.empty() ? fmt::format("{}: {}", bar.label, value_text(bar.value)) : bar.tooltip;
    std::string style =
        bar.hatched
            ? fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"3 2\"",
                          up ? kUpLight : kDownLight, up ? kUpEdge : kDownEdge)
            : fmt::format("fill=\"{}\"", up ? kUp : kDown);
    body += fmt::format("<g class=\"bar {}{}\"><title>{}</title>", up ? "positive" : "negative",
                        bar.hatched ? " hatched" : "", svg::Escape(tooltip));
    body += Rect(x0, bar_y, std::max(x1 - x0, 0.5), kBar, style);
    body += "</g>\n";
    labels += svg::Text(plot_x0 - 8, row_y + kRow / 2 + kNameSize * 0.36, bar.label, kNameSize,
                        "end", svg::kTextColour, "class=\"bar-label\"");
    // Value labels sit on a white halo so that the reference line never strikes through them.
    const double vx = up ? x1 + 4 : x0 - 4, vy = row_y + kRow / 2 + kValueSize * 0.36;
    labels += svg::Text(vx, vy, value_text(bar.value), kValueSize, up ? "start" : "end", "#ffffff",
                        "class=\"value-halo\" stroke=\"#ffffff\" stroke-width=\"3\" "
                        "stroke-linejoin=\"round\"");
    labels += svg::Text(vx, vy, value_text(bar.value), kValueSize, up ? "start" : "end",
                        svg::kTextColour, "class=\"value\"");
  }
  body += "</g>\n";
  // The zero line over the bars' inner ends, then the reference, then the labels.
  body += Line(x_of(0), plot_y0, x_of(0), plot_y1,
               fmt::format("class=\"zero\" stroke=\"{}\" stroke-width=\"1\"", kAxis));
  if (spec.reference) {
    const double x = x_of(*spec.reference);
    body += Line(x, plot_y0 - 4, x, plot_y1,
                 "class=\"reference\" stroke=\"#1a1a1a\" stroke-width=\"1.3\" "
                 "stroke-dasharray=\"5 3\"");
    const double half = svg::TextWidth(reference_label, 10.5, true) / 2;
    const double label_x = std::clamp(x, kMargin + half, W - kMargin - half);
    body += svg::Text(label_x, plot_y0 - 8, reference_label, 10.5, "middle", svg::kTextColour,
                      "font-weight=\"bold\" class=\"reference-label\"");
  }
  body += "<g class=\"labels\">\n" + labels + "</g>\n";
  double bottom = plot_y1 + (spec.x_axis_label.empty() ? 22 : 38);
  if (any_hatched) {
    const std::string note = spec.hatched_note.empty() ? std::string(vi ? "Ước tính hoặc cận dưới"
                                                                        : "Estimate or lower bound")
                                                       : spec.hatched_note;
    body += "<g class=\"legend\">";
    body +=
        Rect(plot_x0, bottom + 2, 22, 10,
             fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"3 2\"",
                         kUpLight, kUpEdge));
    body += "\n" + svg::Text(plot_x0 + 28, bottom + 11, note, 10, "start", svg::kTextColour);
    body += "</g>\n";
    bottom += 18;
  }
  const int height = static_cast<int>(std::ceil(bottom + kMargin));
  return svg::OpenSvg(spec.width, height, spec.title) + body + "</svg>\n";
}

core::Result<std::string> RenderTimeSeries(const TimeSeriesSpec& spec) {
  if (spec.periods.empty() || spec.series.empty()) {
    return Invalid("Biểu đồ cần ít nhất một kỳ và một dãy số",
                   "A chart needs at least one period and one series");
  }
  if (spec.series.size() > kSeriesColours.size()) {
    return Invalid("Biểu đồ có tối đa 6 dãy số", "A chart has at most 6 series");
  }
  if (spec.width < 300 || spec.width > 4000 || spec.height < 300 || spec.height > 4000) {
    return Invalid("Kích thước biểu đồ phải từ 300 đến 4000 px",
                   "Chart size must be 300 to 4000 px");
  }
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series& s : spec.series) {
    if (s.values.size() != spec.periods.size() ||
        (!s.estimated.empty() && s.estimated.size() != spec.periods.size())) {
      return Invalid(fmt::format("Dãy '{}' không khớp số kỳ", s.name),
                     fmt::format("Series '{}' does not match the periods", s.name));
    }
    for (const auto& v : s.values) {
      if (!v) continue;
      if (!std::isfinite(*v)) {
        return Invalid(fmt::format("Dãy '{}' có giá trị không hữu hạn", s.name),
                       fmt::format("Series '{}' has a non-finite value", s.name));
      }
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  }
  const bool bars = spec.style == TimeSeriesSpec::Style::kBars;
  if (lo > hi) lo = hi = 0;  // no data at all: an empty frame
  if (bars) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  const svg::Ticks ticks = svg::NiceTicks(lo, hi, 5);
  const int tick_decimals = svg::DecimalsNeeded(ticks.values);
  const double W = spec.width, H = spec.height;

  std::string body;
  double y = DrawTitle(body, spec.title, W) + 4;
  // Legend on one line (wrapping to more) when there is more than one series.
  if (spec.series.size() > 1) {
    double x = kMargin;
    y += 14;
    body += "<g class=\"legend\">\n";
    for (std::size_t i = 0; i < spec.series.size(); ++i) {
      const double w = 18 + svg::TextWidth(spec.series[i].name, 10) + 16;
      if (x + w > W - kMargin && x > kMargin) {
        x = kMargin;
        y += 16;
      }
      body += Rect(x, y - 9, 12, 10, fmt::format("fill=\"{}\"", kSeriesColours[i])) + "\n";
      body += svg::Text(x + 18, y, spec.series[i].name, 10);
      x += w;
    }
    body += "</g>\n";
    y += 6;
  }
  if (!spec.y_axis_label.empty()) {
    y += 14;
    body += svg::Text(kMargin, y, spec.y_axis_label, 10, "start", svg::kMutedColour,
                      "class=\"axis-label\"");
  }
  double tick_w = 0;
  for (double t : ticks.values) {
    tick_w =
        std::max(tick_w, svg::TextWidth(svg::FormatValue(t, tick_decimals, spec.language), 10));
  }
  const double plot_x0 = kMargin + tick_w + 6, plot_x1 = W - kMargin;
  const double plot_y0 = y + 10, plot_y1 = H - kMargin - 18;
  const double dlo = ticks.values.front(), dhi = ticks.values.back();
  auto y_of = [&](double v) { return plot_y1 - (v - dlo) / (dhi - dlo) * (plot_y1 - plot_y0); };
  const double band = (plot_x1 - plot_x0) / spec.periods.size();
  auto x_mid = [&](std::size_t i) { return plot_x0 + (i + 0.5) * band; };

  body += "<g class=\"axis\">\n";
  for (double t : ticks.values) {
    body += Line(plot_x0, y_of(t), plot_x1, y_of(t),
                 fmt::format("stroke=\"{}\" stroke-width=\"1\"", t == 0 ? kAxis : kGrid));
    body += svg::Text(plot_x0 - 4, y_of(t) + 3.5, svg::FormatValue(t, tick_decimals, spec.language),
                      10, "end", svg::kMutedColour, "class=\"tick\"");
  }
  double label_w = 0;
  for (const auto& p : spec.periods) label_w = std::max(label_w, svg::TextWidth(p, 10));
  const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil((label_w + 6) / band)));
  for (std::size_t i = 0; i < spec.periods.size(); i += every) {
    body += svg::Text(x_mid(i), plot_y1 + 14, spec.periods[i], 10, "middle", svg::kMutedColour,
                      "class=\"period\"");
  }
  body += Line(plot_x0, plot_y1, plot_x1, plot_y1,
               fmt::format("stroke=\"{}\" stroke-width=\"0.8\"", kAxis));
  body += "</g>\n";

  auto tooltip = [&](const Series& s, std::size_t i) {
    const std::string value =
        svg::FormatValue(*s.values[i], spec.decimals, spec.language) + spec.value_suffix;
    return s.name.empty() ? fmt::format("{}: {}", spec.periods[i], value)
                          : fmt::format("{}, {}: {}", s.name, spec.periods[i], value);
  };
  body += "<g class=\"series\">\n";
  const std::size_t n = spec.series.size();
  for (std::size_t k = 0; k < n; ++k) {
    const Series& s = spec.series[k];
    const std::string_view colour = kSeriesColours[k];
    auto estimated = [&](std::size_t i) { return !s.estimated.empty() && s.estimated[i]; };
    if (bars) {
      const double group = band * 0.72, w = group / n;
      for (std::size_t i = 0; i < s.values.size(); ++i) {
        if (!s.values[i]) continue;
        const double x = x_mid(i) - group / 2 + k * w;
        const double y0 = y_of(std::max(0.0, *s.values[i])), y1 = y_of(std::min(0.0, *s.values[i]));
        const std::string style = estimated(i) ? fmt::format(
                                                     "fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" "
                                                     "stroke-dasharray=\"3 2\"",
                                                     Lighten(colour, 0.7), colour)
                                               : fmt::format("fill=\"{}\"", colour);
        body += fmt::format(
            "<rect class=\"bar series-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}>"
            "<title>{}</title></rect>\n",
            k, svg::Coord(x + 0.5), svg::Coord(y0), svg::Coord(std::max(w - 1, 0.5)),
            svg::Coord(std::max(y1 - y0, 0.5)), style, svg::Escape(tooltip(s, i)));
      }
      continue;
    }
    // Lines break at missing values; points sit on every known value.
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) {
        pen_down = false;
        continue;
      }
      d += fmt::format("{}{} {}", pen_down ? "L" : "M", svg::Coord(x_mid(i)),
                       svg::Coord(y_of(*s.values[i])));
      pen_down = true;
    }
    if (!d.empty()) {
      body += fmt::format(
          "<path class=\"line series-{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
          "stroke-linejoin=\"round\"/>\n",
          k, d, colour);
    }
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      const double cx = x_mid(i), cy = y_of(*s.values[i]), r = 3;
      body += fmt::format(
          "<path class=\"point series-{}\" d=\"M{} {}a{} {} 0 1 0 {} 0a{} {} 0 1 0 -{} 0Z\" "
          "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"><title>{}</title></path>\n",
          k, svg::Coord(cx - r), svg::Coord(cy), r, r, 2 * r, r, r, 2 * r,
          estimated(i) ? std::string_view("#ffffff") : colour, colour, svg::Escape(tooltip(s, i)));
    }
  }
  body += "</g>\n";
  return svg::OpenSvg(spec.width, spec.height, spec.title) + body + "</svg>\n";
}

}  // namespace lienket::report
