#include "report/svg_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/decimal.hpp"

namespace lienket::report::svg {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Coord(double value) {
  long long tenths = std::llround(value * 10.0);
  if (tenths == 0) return "0";
  std::string out = tenths < 0 ? "-" : "";
  long long a = std::llabs(tenths);
  out += std::to_string(a / 10);
  if (a % 10 != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + a % 10));
  }
  return out;
}

std::string FormatValue(double value, int decimals, core::Language language) {
  if (!std::isfinite(value)) return "?";
  decimals = std::clamp(decimals, 0, 6);
  std::string text;
  // Decimal holds about 1.7e29; beyond that (never a real statistic) format plainly.
  if (auto parsed = core::Decimal::Parse(fmt::format("{:.6f}", value));
      parsed && std::fabs(value) < 1e27) {
    text = core::FormatNumber(*parsed, decimals, language);
  } else {
    text = fmt::format("{:.{}f}", value, decimals);
  }
  if (!text.empty() && text[0] == '-') text = "\u2212" + text.substr(1);
  return text;
}

int DecimalsNeeded(const std::vector<double>& values, int max_decimals) {
  for (int d = 0; d < max_decimals; ++d) {
    const double scale = std::pow(10.0, d);
    bool exact = std::all_of(values.begin(), values.end(), [&](double v) {
      return std::fabs(std::round(v * scale) - v * scale) < 1e-6;
    });
    if (exact) return d;
  }
  return max_decimals;
}

double NiceStep(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    // A tolerance so that 0.3 / 0.1 rounding noise does not skip a step.
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  }
  return 10 * power;
}

Ticks NiceTicks(double lo, double hi, int target) {
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12) {
    lo -= 1;
    hi += 1;
  }
  Ticks ticks;
  ticks.step = NiceStep((hi - lo) / std::max(1, target));
  const double first = std::floor(lo / ticks.step + 1e-9) * ticks.step;
  const double last = std::ceil(hi / ticks.step - 1e-9) * ticks.step;
  for (double t = first; t <= last + ticks.step * 1e-6; t += ticks.step) {
    // Snap away accumulated error so labels and "0" come out clean.
    double snapped = std::round(t / ticks.step) * ticks.step;
    ticks.values.push_back(std::fabs(snapped) < ticks.step * 1e-9 ? 0.0 : snapped);
  }
  return ticks;
}

namespace {

// Advance widths of DejaVu Sans in em, by character class.
double GlyphWidth(char32_t c) {
  if (c == ' ') return 0.32;
  if (c >= '0' && c <= '9') return 0.64;
  if (c == 'i' || c == 'j' || c == 'l' || c == '.' || c == ',' || c == ':' || c == ';' ||
      c == '\'' || c == '|' || c == '!')
    return 0.29;
  if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-' || c == 'I') return 0.40;
  if (c == 'm' || c == 'w' || c == '%' || c == 'M' || c == 'W') return 0.92;
  if (c >= 'A' && c <= 'Z') return 0.70;
  if (c >= 'a' && c <= 'z') return 0.60;
  if (c == 0x2013 || c == 0x2212 || c == 0x2265 || c == 0x2264) return 0.84;
  return 0.62;  // Vietnamese letters with diacritics and anything else
}

}  // namespace

double TextWidth(std::string_view text, double font_size, bool bold) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t c = byte;
    int length = 1;
    if (byte >= 0xF0) {
      length = 4;
    } else if (byte >= 0xE0) {
      length = 3;
    } else if (byte >= 0xC0) {
      length = 2;
    }
    if (length > 1) {
      c = byte & (0x3F >> (length - 1));
      for (int k = 1; k < length && i + k < text.size(); ++k) {
        c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      }
    }
    // Combining marks (NFD input) take no advance.
    if (!(c >= 0x300 && c <= 0x36F)) em += GlyphWidth(c);
    i += length;
  }
  return em * font_size * (bold ? 1.08 : 1.0);
}

std::vector<std::string> WrapText(std::string_view text, double max_width, double font_size,
                                  bool bold) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t space = text.find(' ', pos);
    if (space == std::string_view::npos) space = text.size();
    std::string_view word = text.substr(pos, space - pos);
    if (!word.empty()) {
      std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
      if (!line.empty() && TextWidth(candidate, font_size, bold) > max_width) {
        lines.push_back(line);
        line = std::string(word);
      } else {
        line = std::move(candidate);
      }
    }
    pos = space + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string OpenSvg(int width, int height, std::string_view title) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\">\n",
      width, height, kFontFamily);
  if (!title.empty()) out += fmt::format("<title>{}</title>\n", Escape(title));
  out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", width,
                     height);
  return out;
}

std::string Text(double x, double y, std::string_view content, double font_size,
                 std::string_view anchor, std::string_view fill, std::string_view extra) {
  std::string out =
      fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\"", Coord(x), Coord(y), Coord(font_size));
  if (anchor != "start") out += fmt::format(" text-anchor=\"{}\"", anchor);
  out += fmt::format(" fill=\"{}\"", fill);
  if (!extra.empty()) out += fmt::format(" {}", extra);
  out += fmt::format(">{}</text>\n", Escape(content));
  return out;
}

}  // namespace lienket::report::svg
