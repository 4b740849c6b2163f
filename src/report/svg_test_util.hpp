// Test helpers for the SVG renderers: parse the output as XML, read class lists and path data,
// fetch the shipped region members, and (when LIENKET_SVG_OUT names a folder) save the
// drawings there for a person to look at, e.g.
//   LIENKET_SVG_OUT=/tmp/svg build/src/report/report_test && rsvg-convert -o x.png /tmp/svg/x.svg
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "stats/stats_test_util.hpp"

namespace lienket::report::testing {

using stats::testing::ReadSourceFile;

inline std::vector<std::string> ClassesOf(const pugi::xml_node& node) {
  std::vector<std::string> out;
  std::istringstream in(node.attribute("class").as_string());
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

inline bool HasClass(const pugi::xml_node& node, const std::string& name) {
  for (const auto& c : ClassesOf(node)) {
    if (c == name) return true;
  }
  return false;
}

// Every element named `tag` carrying class `name`, in document order.
inline std::vector<pugi::xml_node> ByClass(const pugi::xml_document& doc, const std::string& tag,
                                           const std::string& name) {
  std::vector<pugi::xml_node> out;
  for (const auto& hit : doc.select_nodes(("//" + tag).c_str())) {
    if (HasClass(hit.node(), name)) out.push_back(hit.node());
  }
  return out;
}

struct Point {
  double x = 0;
  double y = 0;
};

// The vertices of path data made of M (absolute), l (relative, implicit repeats) and Z, as the
// map writes it; also accepts L. Numbers are also returned as text, to check their rounding.
inline std::vector<Point> PathVertices(const std::string& d,
                                       std::vector<std::string>* numbers = nullptr) {
  std::vector<Point> out;
  char command = 'M';
  Point pen;
  std::size_t i = 0;
  auto read = [&]() {
    std::size_t start = i;
    if (d[i] == '-') ++i;
    while (i < d.size() && (std::isdigit(static_cast<unsigned char>(d[i])) || d[i] == '.')) ++i;
    if (numbers) numbers->push_back(d.substr(start, i - start));
    return std::stod(d.substr(start, i - start));
  };
  while (i < d.size()) {
    char c = d[i];
    if (c == ' ') {
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      command = c;
      ++i;
    } else {
      double x = read();
      while (i < d.size() && d[i] == ' ') ++i;
      double y = read();
      if (command == 'l') {
        pen = {pen.x + x, pen.y + y};
      } else {
        pen = {x, y};
      }
      out.push_back(pen);
      if (command == 'M') command = 'L';
    }
  }
  return out;
}

inline int CountSubpaths(const std::string& d) {
  int n = 0;
  for (char c : d) n += c == 'M';
  return n;
}

// Codes and names of a region's members on a date, from the shipped reference data.
struct Member {
  std::string code;
  std::string name;
};
inline std::vector<Member> RegionMembers(const std::string& key, core::Date date) {
  stats::testing::ShippedCatalogs shipped;
  std::vector<Member> out;
  for (const stats::Region& r : shipped.data.regions) {
    if (r.key != key) continue;
    for (const stats::AdminUnit* u : r.MembersOn(date, shipped.units)) {
      out.push_back({u->code, u->name_vi});
    }
  }
  return out;
}

inline void SaveIfAsked(const std::string& name, const std::string& svg) {
  const char* dir = std::getenv("LIENKET_SVG_OUT");
  if (dir == nullptr || *dir == '\0') return;
  std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << svg;
}

}  // namespace lienket::report::testing
