// matching_bench: lienket's matching and SQLite FTS5's bm25 side by side, in one process, on the
// same text. Prints key=value lines that bench/matching_vs_fts5.sh turns into its report.
//
//   --listings N   offers generated (bench/matching_data.hpp; default 1,000,000)
//   --queries Q    requests timed on each engine (default 1,000, after 20 warm-up)
//   --sweep        only print nDCG@10 on the labelled set for a grid of weights (tuning)
//
// lienket: linkage::Matcher over the N offers; a query is Matcher::FindMatches(request, 10):
// text retrieval, the hard filters, the score parts and the reasons of the 10 kept.
// FTS5: an in-memory table fts5(title, product, description, tokenize='unicode61
// remove_diacritics 2'); a query is the request's title and product name as OR-ed quoted words,
// `SELECT rowid ... WHERE listings MATCH ? ORDER BY bm25(listings, 2, 2, 1) LIMIT 10` (the
// column weights mirror lienket's: title and product name count twice).
// nDCG@10 of both on tests/relevance (304 offers, 40 requests), and lienket's text index alone.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bench/matching_data.hpp"
#include "linkage/matcher.hpp"
#include "linkage/vi_tokenizer.hpp"
#include "tests/relevance/relevance_set.hpp"

namespace {

using lienket::linkage::MatchListing;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "matching_bench: %s\n", what.c_str());
  std::exit(1);
}

class Fts5 {
 public:
  Fts5() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) Die("sqlite3_open failed");
    Exec("PRAGMA cache_size = -262144");
    Exec("CREATE VIRTUAL TABLE listings USING fts5(title, product, description, "
         "tokenize = 'unicode61 remove_diacritics 2')");
    Prepare("INSERT INTO listings(rowid, title, product, description) VALUES (?1, ?2, ?3, ?4)",
            &insert_);
    Prepare("SELECT rowid FROM listings WHERE listings MATCH ?1 "
            "ORDER BY bm25(listings, 2.0, 2.0, 1.0) LIMIT 10",
            &query_);
  }
  ~Fts5() {
    sqlite3_finalize(insert_);
    sqlite3_finalize(query_);
    sqlite3_close(db_);
  }
  void Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      Die(std::string("sqlite: ") + (error ? error : "?"));
    }
  }
  void Insert(const MatchListing& l) {
    sqlite3_bind_int64(insert_, 1, static_cast<sqlite3_int64>(l.id));
    sqlite3_bind_text(insert_, 2, l.title.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, l.product_name.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 4, l.description.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) Die(sqlite3_errmsg(db_));
    sqlite3_reset(insert_);
  }
  // The request's words, each quoted, OR-ed: FTS5 folds them itself (remove_diacritics 2).
  static std::string MatchExpression(const MatchListing& request) {
    std::vector<std::string> words;
    for (const auto& t : lienket::linkage::TokenizeVi(request.title + " " + request.product_name)) {
      if (std::find(words.begin(), words.end(), t.exact) == words.end()) words.push_back(t.exact);
    }
    std::string expr;
    for (const std::string& w : words) expr += (expr.empty() ? "\"" : " OR \"") + w + "\"";
    return expr;
  }
  std::vector<std::uint64_t> Top10(const std::string& expr) {
    std::vector<std::uint64_t> ids;
    sqlite3_bind_text(query_, 1, expr.c_str(), -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(query_)) == SQLITE_ROW) {
      ids.push_back(static_cast<std::uint64_t>(sqlite3_column_int64(query_, 0)));
    }
    if (rc != SQLITE_DONE) Die(sqlite3_errmsg(db_));
    sqlite3_reset(query_);
    return ids;
  }

 private:
  void Prepare(const char* sql, sqlite3_stmt** stmt) {
    if (sqlite3_prepare_v2(db_, sql, -1, stmt, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db_));
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* query_ = nullptr;
};

struct Ndcg {
  double matcher = 0, text = 0, fts5 = 0;
};

Ndcg RelevanceFigures(const lienket::relevance::RelevanceSet& set,
                      const lienket::linkage::MatchWeights& weights, bool with_fts5) {
  lienket::linkage::Matcher matcher(weights);
  for (const MatchListing& l : set.listings) {
    if (!matcher.Add(l)) Die("relevance listing refused");
  }
  Fts5 fts5;
  if (with_fts5) {
    for (const MatchListing& l : set.listings) fts5.Insert(l);
  }
  Ndcg sum;
  for (const MatchListing& q : set.queries) {
    const auto grades_it = set.grades.find(q.id);
    const std::map<std::uint64_t, int> none;
    const auto& grades = grades_it == set.grades.end() ? none : grades_it->second;
    std::vector<std::uint64_t> ranked;
    for (const auto& m : matcher.FindMatches(q, 10)) ranked.push_back(m.listing_id);
    sum.matcher += lienket::relevance::NdcgAt(ranked, grades, 10);
    ranked.clear();
    for (const auto& h :
         matcher.index(lienket::linkage::ListingSide::kOffer).Search(q.title + " \n " + q.product_name, 10)) {
      ranked.push_back(h.id);
    }
    sum.text += lienket::relevance::NdcgAt(ranked, grades, 10);
    if (with_fts5) {
      sum.fts5 += lienket::relevance::NdcgAt(fts5.Top10(Fts5::MatchExpression(q)), grades, 10);
    }
  }
  const auto n = static_cast<double>(set.queries.size());
  return Ndcg{sum.matcher / n, sum.text / n, sum.fts5 / n};
}

void Sweep(const lienket::relevance::RelevanceSet& set) {
  std::printf("%-7s %-7s %-5s %-5s %-7s | %-8s %-8s\n", "folded", "bigram", "text", "code",
              "season", "matcher", "text");
  for (double folded : {0.3, 0.6, 0.8, 1.0}) {
    for (double bigram : {0.0, 0.4, 0.8, 1.5}) {
      for (double text : {0.3, 0.4, 0.6}) {
        lienket::linkage::MatchWeights w;
        w.text_weights.folded = folded;
        w.text_weights.bigram = bigram;
        w.text = text;
        const Ndcg n = RelevanceFigures(set, w, false);
        std::printf("%-7.1f %-7.1f %-5.1f %-5.2f %-7.2f | %-8.4f %-8.4f\n", folded, bigram, text,
                    w.code, w.season, n.matcher, n.text);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t listings = 1'000'000;
  std::uint64_t queries = 1000;
  bool sweep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--listings" && i + 1 < argc) {
      listings = std::stoull(argv[++i]);
    } else if (arg == "--queries" && i + 1 < argc) {
      queries = std::stoull(argv[++i]);
    } else if (arg == "--sweep") {
      sweep = true;
    } else {
      Die("unknown argument " + arg + " (--listings N --queries Q --sweep)");
    }
  }
  const std::string relevance_dir = std::string(LIENKET_SOURCE_DIR) + "/tests/relevance";
  auto set = lienket::relevance::LoadRelevanceSet(relevance_dir);
  if (!set) Die(set.error().message_en);
  if (sweep) {
    Sweep(*set);
    return 0;
  }
  const Ndcg ndcg = RelevanceFigures(*set, {}, true);
  std::printf("ndcg_matcher=%.4f\nndcg_text=%.4f\nndcg_fts5=%.4f\n", ndcg.matcher, ndcg.text,
              ndcg.fts5);

  auto generator = lienket::bench::MatchingGenerator::Load(relevance_dir);
  if (!generator) Die(generator.error().message_en);
  std::vector<MatchListing> requests;
  for (std::uint64_t i = 0; i < queries + 20; ++i) requests.push_back(generator->Request(i));

  // --- lienket ---
  const long rss_before = PeakRssKb();
  auto start = Clock::now();
  std::vector<double> lienket_ms;
  std::size_t lienket_results = 0;
  {
    lienket::linkage::Matcher matcher;
    for (std::uint64_t i = 0; i < listings; ++i) {
      if (!matcher.Add(generator->Offer(i))) Die("offer refused");
    }
    std::printf("lienket_build_s=%.2f\n", Ms(Clock::now() - start) / 1000);
    std::printf("lienket_terms=%zu\nlienket_posting_mb=%.1f\n",
                matcher.index(lienket::linkage::ListingSide::kOffer).term_count(),
                static_cast<double>(
                    matcher.index(lienket::linkage::ListingSide::kOffer).posting_bytes()) /
                    1e6);
    std::printf("lienket_peak_rss_mb=%.0f\n", static_cast<double>(PeakRssKb()) / 1024);
    for (std::size_t q = 0; q < requests.size(); ++q) {
      const auto t0 = Clock::now();
      const auto matches = matcher.FindMatches(requests[q], 10);
      const double ms = Ms(Clock::now() - t0);
      if (q >= 20) {
        lienket_ms.push_back(ms);
        lienket_results += matches.size();
      }
    }
  }
  (void)rss_before;
  std::printf("lienket_p50_ms=%.3f\nlienket_p99_ms=%.3f\nlienket_mean_results=%.2f\n",
              Percentile(lienket_ms, 0.5), Percentile(lienket_ms, 0.99),
              static_cast<double>(lienket_results) / static_cast<double>(queries));
  std::fflush(stdout);

  // --- FTS5 ---
  std::vector<double> fts5_ms;
  std::size_t fts5_results = 0;
  {
    Fts5 fts5;
    start = Clock::now();
    fts5.Exec("BEGIN");
    for (std::uint64_t i = 0; i < listings; ++i) fts5.Insert(generator->Offer(i));
    fts5.Exec("COMMIT");
    std::printf("fts5_build_s=%.2f\n", Ms(Clock::now() - start) / 1000);
    std::printf("sqlite_version=%s\n", sqlite3_libversion());
    for (std::size_t q = 0; q < requests.size(); ++q) {
      const auto t0 = Clock::now();
      const auto ids = fts5.Top10(Fts5::MatchExpression(requests[q]));
      const double ms = Ms(Clock::now() - t0);
      if (q >= 20) {
        fts5_ms.push_back(ms);
        fts5_results += ids.size();
      }
    }
  }
  std::printf("fts5_p50_ms=%.3f\nfts5_p99_ms=%.3f\nfts5_mean_results=%.2f\n",
              Percentile(fts5_ms, 0.5), Percentile(fts5_ms, 0.99),
              static_cast<double>(fts5_results) / static_cast<double>(queries));
  std::printf("listings=%llu\nqueries=%llu\n", static_cast<unsigned long long>(listings),
              static_cast<unsigned long long>(queries));
  return 0;
}
